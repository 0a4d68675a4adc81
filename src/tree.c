/* tree.c -- the whole process tree, for --tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   graceful-timeout becomes a child subreaper, so every orphaned
   descendant is re-parented to it, and each termination step reaches
   every living descendant, whatever its process group or session.  A
   process that forks while the tree is being signalled must not slip
   through, so the tree is frozen first, then signalled, then thawed:

   - cgroup: where we can create a child cgroup on the cgroup2 mount,
     COMMAND starts in it (we join it for the fork and leave at once),
     and cgroup.freeze freezes the lot; KILL is cgroup.kill.

   - proc: otherwise, /proc is walked again and again, each descendant
     found is stopped with STOP, until a walk finds no new one; then
     each gets the signal and CONT.  A process is known by pid and start
     time, and signalled through a pidfd after a check, so a recycled pid
     is never hit.

   GRACEFUL_TIMEOUT_TREE_BACKEND=proc or =cgroup forces one of them
   (for tests); by default cgroup is tried first.  */

#include "system.h"
#include "tree.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if HAVE_SYS_PRCTL_H
# include <sys/prctl.h>
#endif

#include "procfs.h"
#include "xalloc.h"
#include "xvasprintf.h"

/* Whether this system can give --tree what it promises.  */
bool
tree_supported (void)
{
#if HAVE_PRCTL && HAVE_DECL_PR_SET_CHILD_SUBREAPER
  return true;
#else
  return false;
#endif
}

/* ---- Walking /proc ---------------------------------------------------- */

/* Every process there is, sorted by pid.  */
struct snapshot
{
  struct proc_info *procs;
  size_t count;
  size_t allocated;
};

/* procfs_each callback: add INFO to the snapshot SNAP_ARG.  */
static void
collect (struct proc_info const *info, void *snap_arg)
{
  struct snapshot *snap = snap_arg;
  if (snap->count == snap->allocated)
    snap->procs = x2nrealloc (snap->procs, &snap->allocated,
                              sizeof *snap->procs);
  snap->procs[snap->count++] = *info;
}

static int
compare_pids (void const *a, void const *b)
{
  pid_t pa = ((struct proc_info const *) a)->pid;
  pid_t pb = ((struct proc_info const *) b)->pid;
  return (pa > pb) - (pa < pb);
}

/* The index of PID in SNAP, or -1.  */
static ssize_t
find (struct snapshot const *snap, pid_t pid)
{
  struct proc_info key = { .pid = pid };
  struct proc_info const *p = bsearch (&key, snap->procs, snap->count,
                                       sizeof key, compare_pids);
  return p ? p - snap->procs : -1;
}

/* Add to OUT every living process of SNAP that descends from SELF but
   not from SPARE (the pre-stop hook), and is not in OUT yet.
   Return how many were added.  */
static size_t
add_descendants (struct snapshot const *snap, pid_t self, pid_t spare,
                 struct proc_set *out)
{
  bool *in = xcalloc (snap->count ? snap->count : 1, sizeof *in);
  size_t added = 0;
  for (bool changed = true; changed; )
    {
      changed = false;
      for (size_t i = 0; i < snap->count; i++)
        {
          struct proc_info const *p = &snap->procs[i];
          if (in[i] || p->pid == spare || p->pid == self)
            continue;
          ssize_t parent = p->ppid == self ? -2 : find (snap, p->ppid);
          if (parent == -1 || (0 <= parent && !in[parent]))
            continue;
          in[i] = changed = true;
          struct proc_info pinned = *p;
          if (p->state != 'Z' && !proc_set_has (out, p)
              && proc_pin (&pinned))
            {
              proc_set_add (out, &pinned);
              added++;
            }
        }
    }
  free (in);
  return added;
}

/* Freeze the descendants of SELF but SPARE's, adding each to FROZEN:
   stop what a walk of /proc finds until a walk finds nothing new.  For
   KILL, kill instead of stopping: a process with KILL pending cannot
   fork either.  */
static void
proc_freeze (pid_t self, pid_t spare, int sig, struct proc_set *frozen)
{
  int how = sig == SIGKILL ? SIGKILL : SIGSTOP;
  for (;;)
    {
      struct snapshot snap = { NULL, 0, 0 };
      procfs_each (collect, &snap);
      qsort (snap.procs, snap.count, sizeof *snap.procs, compare_pids);
      size_t before = frozen->count;
      size_t added = add_descendants (&snap, self, spare, frozen);
      free (snap.procs);
      if (!added)
        return;
      for (size_t i = before; i < frozen->count; i++)
        proc_signal (&frozen->procs[i], how);
    }
}

/* Send SIG to the descendants of SELF but SPARE's, race-free, and
   continue them.  Return how many there were.  */
static long
proc_tree_signal (pid_t self, pid_t spare, int sig)
{
  struct proc_set frozen = { NULL, 0, 0 };
  proc_freeze (self, spare, sig, &frozen);
  if (sig != SIGKILL)
    for (size_t i = 0; i < frozen.count; i++)
      proc_signal (&frozen.procs[i], sig);
  if (sig != SIGKILL && sig != SIGSTOP)
    for (size_t i = 0; i < frozen.count; i++)
      proc_signal (&frozen.procs[i], SIGCONT);
  long n = frozen.count;
  proc_set_free (&frozen);
  return n;
}

/* ---- A cgroup v2 child ------------------------------------------------ */

/* The first value other than NULL that PICK returns for a line of the
   file PATH (without its newline), or NULL.  */
static char *
first_line_value (char const *path, char *(*pick) (char *line))
{
  FILE *f = fopen (path, "re");
  if (!f)
    return NULL;
  char *line = NULL;
  size_t size = 0;
  char *value = NULL;
  ssize_t len;
  while (!value && (len = getline (&line, &size, f)) > 0)
    {
      if (line[len - 1] == '\n')
        line[len - 1] = '\0';
      value = pick (line);
    }
  free (line);
  fclose (f);
  return value;
}

/* The mount point in LINE of /proc/self/mountinfo if it mounts cgroup2:
   "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS... - FSTYPE ...".  */
static char *
pick_cgroup2_mount (char *line)
{
  char *sep = strstr (line, " - ");
  char point[4096];
  if (sep && strncmp (sep + 3, "cgroup2 ", 8) == 0
      && sscanf (line, "%*s %*s %*s %*s %4095s", point) == 1)
    return xstrdup (point);
  return NULL;
}

/* The cgroup v2 path in LINE of /proc/self/cgroup: "0::PATH".  */
static char *
pick_own_cgroup (char *line)
{
  return strncmp (line, "0::", 3) == 0 ? xstrdup (line + 3) : NULL;
}

/* Write TEXT to the file NAME in the directory DIR.
   Return false, with errno set, on failure.  */
static bool
write_at (int dir, char const *name, char const *text)
{
  int fd = openat (dir, name, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  size_t len = strlen (text);
  bool ok = write (fd, text, len) == (ssize_t) len;
  int saved_errno = errno;
  close (fd);
  errno = saved_errno;
  return ok;
}

/* Create our child cgroup in T.  Return false if we cannot.  */
static bool
cgroup_create (struct tree *t)
{
  char *mount = first_line_value ("/proc/self/mountinfo",
                                  pick_cgroup2_mount);
  char *own = first_line_value ("/proc/self/cgroup", pick_own_cgroup);
  bool ok = false;
  if (mount && own)
    {
      /* A unique name: every container's PID 1 has the same pid.  */
      t->cgroup_path = xasprintf ("%s%s%sgraceful-timeout.XXXXXX", mount,
                                  own, own[strlen (own) - 1] == '/' ? "" : "/");
      char *parent = xasprintf ("%s%s", mount, own);
      int parent_dir = open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      free (parent);
      if (0 <= parent_dir && mkdtemp (t->cgroup_path))
        {
          t->cgroup_dir = open (t->cgroup_path,
                                O_RDONLY | O_DIRECTORY | O_CLOEXEC);
          t->procs_fd = openat (parent_dir, "cgroup.procs",
                                O_WRONLY | O_CLOEXEC);
          ok = 0 <= t->cgroup_dir && 0 <= t->procs_fd
               && faccessat (t->cgroup_dir, "cgroup.freeze", W_OK, 0) == 0
               /* Join it, so that COMMAND is born in it.  */
               && write_at (t->cgroup_dir, "cgroup.procs", "0");
          if (!ok)
            rmdir (t->cgroup_path);
        }
      if (0 <= parent_dir)
        close (parent_dir);
    }
  free (mount);
  free (own);
  return ok;
}

/* Wait, up to a second, until the cgroup of T is frozen.  */
static void
cgroup_wait_frozen (struct tree const *t)
{
  int fd = openat (t->cgroup_dir, "cgroup.events", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return;
  for (int tries = 0; tries < 100; tries++)
    {
      char buf[256];
      ssize_t n = pread (fd, buf, sizeof buf - 1, 0);
      if (n <= 0)
        break;
      buf[n] = '\0';
      if (strstr (buf, "frozen 1"))
        break;
      /* cgroup.events signals a change with POLLPRI.  */
      struct pollfd pfd = { .fd = fd, .events = POLLPRI };
      poll (&pfd, 1, 10);
    }
  close (fd);
}

/* Send SIG to every process in the cgroup of T, frozen meanwhile, and
   continue them.  Return how many there were.  */
static long
cgroup_tree_signal (struct tree *t, int sig)
{
  if (sig != SIGKILL)
    {
      write_at (t->cgroup_dir, "cgroup.freeze", "1");
      cgroup_wait_frozen (t);
    }
  int fd = openat (t->cgroup_dir, "cgroup.procs", O_RDONLY | O_CLOEXEC);
  FILE *f = fd < 0 ? NULL : fdopen (fd, "r");
  long n = 0;
  long pid;
  /* Frozen processes cannot exit, so their pids stay theirs.  */
  while (f && fscanf (f, "%ld", &pid) == 1)
    {
      n++;
      if (sig != SIGKILL)
        {
          kill (pid, sig);
          if (sig != SIGSTOP)
            kill (pid, SIGCONT);
        }
    }
  if (f)
    fclose (f);
  if (sig == SIGKILL)
    write_at (t->cgroup_dir, "cgroup.kill", "1");
  else
    write_at (t->cgroup_dir, "cgroup.freeze", "0");
  return n;
}

/* ---- The interface ---------------------------------------------------- */

/* Make us a subreaper and choose how to freeze the tree, into *T.
   Return false, with *WHY set, if --tree cannot work here.  */
bool
tree_init (struct tree *t, char const **why)
{
  *t = (struct tree) { .backend = TREE_PROC, .self = getpid (),
                       .cgroup_dir = -1, .procs_fd = -1 };
#if HAVE_PRCTL && HAVE_DECL_PR_SET_CHILD_SUBREAPER
  if (prctl (PR_SET_CHILD_SUBREAPER, 1) != 0)
    {
      *why = strerror (errno);
      return false;
    }
#else
  *why = _("not supported on this system");
  return false;
#endif

  char const *want = getenv ("GRACEFUL_TIMEOUT_TREE_BACKEND");
  bool proc_only = want && strcmp (want, "proc") == 0;
  bool cgroup_only = want && strcmp (want, "cgroup") == 0;
  if (!proc_only && cgroup_create (t))
    t->backend = TREE_CGROUP;
  else if (cgroup_only)
    {
      *why = _("cannot create a cgroup v2 child cgroup");
      return false;
    }
  return true;
}

/* COMMAND has been started: with the cgroup backend it was born in our
   child cgroup, which we now leave for the one we came from.  */
void
tree_started (struct tree *t)
{
  if (t->backend != TREE_CGROUP)
    return;
  if (write (t->procs_fd, "0", 1) != 1)
    {
      /* Staying in it, we would freeze ourselves: walk /proc instead.  */
      t->backend = TREE_PROC;
    }
  close (t->procs_fd);
  t->procs_fd = -1;
}

/* Send SIG to every descendant but those of SPARE (the pre-stop hook),
   followed by CONT; the tree is frozen meanwhile.  Return how many
   processes it reached.  */
long
tree_signal (struct tree *t, int sig, pid_t spare)
{
  if (t->backend == TREE_CGROUP)
    return cgroup_tree_signal (t, sig);
  return proc_tree_signal (t->self, spare, sig);
}

/* Everything has ended: remove our child cgroup.  */
void
tree_finish (struct tree *t)
{
  if (0 <= t->cgroup_dir)
    {
      close (t->cgroup_dir);
      if (t->backend == TREE_CGROUP)
        rmdir (t->cgroup_path);
    }
  free (t->cgroup_path);
}
