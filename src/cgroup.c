/* cgroup.c -- a cgroup v2 child cgroup that holds COMMAND's tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Where we can create a child cgroup on the cgroup2 mount, COMMAND
   starts in it (we join it for the fork and leave at once), and its
   whole tree stays in it or in cgroups below it, whatever it does with
   process groups and sessions.  cgroup.freeze and cgroup.kill act on
   every cgroup below too; signals other than KILL go to each process
   of each of them while they are frozen, so none can fork meanwhile
   and none can exit and have its pid reused.  */

#include "system.h"
#include "cgroup.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "timespec.h"
#include "xalloc.h"
#include "xvasprintf.h"

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

/* Create our child cgroup in CG and join it.  Return false if we
   cannot.  */
bool
cgroup_create (struct cgroup *cg)
{
  *cg = (struct cgroup) { .dir = -1, .parent_procs = -1 };
  char *mount = first_line_value ("/proc/self/mountinfo",
                                  pick_cgroup2_mount);
  char *own = first_line_value ("/proc/self/cgroup", pick_own_cgroup);
  bool ok = false;
  if (mount && own)
    {
      /* A unique name: every container's PID 1 has the same pid.  */
      cg->path = xasprintf ("%s%s%sgraceful-timeout.XXXXXX", mount, own,
                            own[strlen (own) - 1] == '/' ? "" : "/");
      char *parent = xasprintf ("%s%s", mount, own);
      int parent_dir = open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      free (parent);
      if (0 <= parent_dir && mkdtemp (cg->path))
        {
          cg->dir = open (cg->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
          cg->parent_procs = openat (parent_dir, "cgroup.procs",
                                     O_WRONLY | O_CLOEXEC);
          ok = 0 <= cg->dir && 0 <= cg->parent_procs
               && faccessat (cg->dir, "cgroup.freeze", W_OK, 0) == 0
               /* Join it, so that COMMAND is born in it.  */
               && write_at (cg->dir, "cgroup.procs", "0");
          if (!ok)
            cgroup_remove (cg);
        }
      if (0 <= parent_dir)
        close (parent_dir);
    }
  free (mount);
  free (own);
  if (!ok)
    {
      free (cg->path);
      cg->path = NULL;
    }
  return ok;
}

/* COMMAND has been born in CG: go back to the cgroup we came from, or
   we would freeze ourselves with it.  Return false if we cannot.  */
bool
cgroup_leave (struct cgroup *cg)
{
  bool ok = write (cg->parent_procs, "0", 1) == 1;
  close (cg->parent_procs);
  cg->parent_procs = -1;
  return ok;
}

/* Wait until the file cgroup.events in DIR has a line KEY VALUE, or
   until the absolute CLOCK_MONOTONIC time UNTIL (forever if NULL).
   Return whether it has.  */
static bool
wait_event (int dir, char const *key_value, struct timespec const *until)
{
  int fd = openat (dir, "cgroup.events", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool seen = false;
  for (;;)
    {
      char buf[256];
      ssize_t n = pread (fd, buf, sizeof buf - 1, 0);
      if (n <= 0)
        break;
      buf[n] = '\0';
      if ((seen = strstr (buf, key_value) != NULL))
        break;
      int ms = -1;
      if (until)
        {
          struct timespec now;
          clock_gettime (CLOCK_MONOTONIC, &now);
          struct timespec left = timespec_sub (*until, now);
          if (left.tv_sec < 0)
            break;
          ms = left.tv_sec * 1000 + left.tv_nsec / 1000000 + 1;
        }
      /* cgroup.events signals a change with POLLPRI.  */
      struct pollfd pfd = { .fd = fd, .events = POLLPRI };
      poll (&pfd, 1, ms);
    }
  close (fd);
  return seen;
}

/* Call FN with ARG for each cgroup directly below the cgroup DIR,
   with a descriptor of it and its name; FN may not keep the descriptor.
   Return the sum of what FN returns.  */
static long
each_child (int dir, long (*fn) (int child, int parent, char const *name,
                                 void *arg), void *arg)
{
  long sum = 0;
  int sub = openat (dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *d = sub < 0 ? NULL : fdopendir (sub);
  struct dirent *e;
  while (d && (e = readdir (d)))
    if (e->d_type == DT_DIR && e->d_name[0] != '.')
      {
        int child = openat (dirfd (d), e->d_name,
                            O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (0 <= child)
          {
            sum += fn (child, dirfd (d), e->d_name, arg);
            close (child);
          }
      }
  if (d)
    closedir (d);
  else if (0 <= sub)
    close (sub);
  return sum;
}

static long signal_procs (int dir, int sig);

/* each_child callback: signal_procs for the cgroup CHILD, with the
   signal at SIG_ARG.  */
static long
signal_child (int child, int parent, char const *name, void *sig_arg)
{
  (void) parent;
  (void) name;
  return signal_procs (child, *(int *) sig_arg);
}

/* Send SIG, then CONT unless SIG is STOP, to process PID; nothing for
   a SIG of 0.  */
static void
signal_one (long pid, int sig)
{
  if (sig != 0)
    kill (pid, sig);
  if (sig != 0 && sig != SIGSTOP)
    kill (pid, SIGCONT);
}

/* Send SIG, then CONT unless SIG is STOP (nothing for 0), to every
   process of the cgroup DIR and of every cgroup below it.  Return how
   many there were.  cgroup.procs is parsed by hand: with ten thousand
   processes, fscanf cost more than the kills.  */
static long
signal_procs (int dir, int sig)
{
  long n = 0;
  int fd = openat (dir, "cgroup.procs", O_RDONLY | O_CLOEXEC);
  char buf[4096];
  size_t have = 0;
  ssize_t got;
  /* Frozen processes cannot exit, so their pids stay theirs.  */
  while (0 <= fd && (got = read (fd, buf + have, sizeof buf - have)) > 0)
    {
      have += got;
      char *line = buf, *nl;
      while ((nl = memchr (line, '\n', buf + have - line)))
        {
          long pid = strtol (line, NULL, 10);
          if (0 < pid)
            {
              n++;
              signal_one (pid, sig);
            }
          line = nl + 1;
        }
      have = buf + have - line;
      memmove (buf, line, have);
    }
  if (0 <= fd)
    close (fd);
  return n + each_child (dir, signal_child, &sig);
}

/* A growing list of pids.  */
struct pid_list
{
  pid_t *pids;
  size_t count;
  size_t allocated;
};

static long list_procs (int dir, struct pid_list *out);

/* each_child callback: list_procs for the cgroup CHILD into OUT_ARG.  */
static long
list_child (int child, int parent, char const *name, void *out_arg)
{
  (void) parent;
  (void) name;
  return list_procs (child, out_arg);
}

/* Add to OUT the pid of every process of the cgroup DIR and of every
   cgroup below it.  Return how many there were.  */
static long
list_procs (int dir, struct pid_list *out)
{
  long n = 0;
  int fd = openat (dir, "cgroup.procs", O_RDONLY | O_CLOEXEC);
  FILE *f = fd < 0 ? NULL : fdopen (fd, "r");
  long pid;
  while (f && fscanf (f, "%ld", &pid) == 1)
    {
      if (out->count == out->allocated)
        out->pids = x2nrealloc (out->pids, &out->allocated,
                                sizeof *out->pids);
      out->pids[out->count++] = pid;
      n++;
    }
  if (f)
    fclose (f);
  else if (0 <= fd)
    close (fd);
  return n + each_child (dir, list_child, out);
}

/* Store in *PIDS a new array of the pids of every process in CG and
   below, and return how many there are.  */
size_t
cgroup_pids (struct cgroup const *cg, pid_t **pids)
{
  struct pid_list out = { NULL, 0, 0 };
  list_procs (cg->dir, &out);
  *pids = out.pids;
  return out.count;
}

/* Count the processes of the cgroup DIR and of every cgroup below.  */
static long
count_procs (int dir)
{
  return signal_procs (dir, 0);
}

/* Send SIG to every process in CG and below, frozen meanwhile, and
   continue them.  Return how many there were.  */
long
cgroup_signal (struct cgroup const *cg, int sig)
{
  if (sig == SIGKILL)
    {
      long n = count_procs (cg->dir);
      write_at (cg->dir, "cgroup.kill", "1");
      return n;
    }
  write_at (cg->dir, "cgroup.freeze", "1");
  struct timespec now, until;
  clock_gettime (CLOCK_MONOTONIC, &now);
  until = timespec_add (now, make_timespec (1, 0));
  wait_event (cg->dir, "frozen 1", &until);
  long n = signal_procs (cg->dir, sig);
  cgroup_thaw (cg);
  return n;
}

/* Thaw CG, whoever froze it.  */
void
cgroup_thaw (struct cgroup const *cg)
{
  write_at (cg->dir, "cgroup.freeze", "0");
}

/* Whether a process is left in CG or below.  */
bool
cgroup_populated (struct cgroup const *cg)
{
  struct timespec past = { 0, 0 };
  return wait_event (cg->dir, "populated 1", &past);
}

/* Wait until CG is empty, or until the absolute CLOCK_MONOTONIC time
   UNTIL (forever if NULL).  Return whether it is.  */
bool
cgroup_wait_empty (struct cgroup const *cg, struct timespec const *until)
{
  return wait_event (cg->dir, "populated 0", until);
}

/* each_child callback: remove the cgroup CHILD, called NAME in PARENT,
   and what is below it, deepest first.  */
static long
remove_child (int child, int parent, char const *name, void *arg)
{
  each_child (child, remove_child, arg);
  unlinkat (parent, name, AT_REMOVEDIR);
  return 0;
}

/* Leave CG if we are still in it, and remove it and the cgroups COMMAND
   made below it, if they are empty; release what CG holds.  */
void
cgroup_remove (struct cgroup *cg)
{
  /* Still in it (COMMAND could not be started): a member blocks rmdir.  */
  if (0 <= cg->parent_procs)
    cgroup_leave (cg);
  if (0 <= cg->dir)
    {
      each_child (cg->dir, remove_child, NULL);
      close (cg->dir);
      rmdir (cg->path);
    }
  if (0 <= cg->parent_procs)
    close (cg->parent_procs);
  cg->dir = cg->parent_procs = -1;
}
