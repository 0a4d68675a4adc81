/* tree.c -- the whole process tree, for --tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   graceful-timeout becomes a child subreaper, so every orphaned
   descendant is re-parented to it, and each termination step reaches
   every living descendant, whatever its process group or session.  A
   process that forks while the tree is being signalled must not slip
   through, so the tree is frozen first, then signalled, then thawed:

   - cgroup: where we can create a child cgroup on the cgroup2 mount,
     COMMAND starts in it, and cgroup.freeze freezes the lot (cgroup.c).

   - proc: otherwise, /proc is walked again and again, each descendant
     found is stopped with STOP, until a walk finds no new one; then
     each gets the signal and CONT.  A process is known by pid and start
     time, and signalled through a pidfd after a check, so a recycled pid
     is never hit.

   The tree is what descends from COMMAND: a child the caller left to us
   at exec is not in it, nor is the pre-stop hook's.  With the cgroup
   backend that is exact.  With the /proc walk, our children at start
   (and the watchdog) are left out by pid and start time, and a process
   re-parented to us is taken for the tree's; so a daemon the hook
   started and left is, with the /proc walk, the tree's.

   If the supervisor is killed, its watchdog (watchdog.c) ends the tree:
   with the cgroup backend, everything in the cgroup; with the /proc
   walk, every process a termination step had found (recorded in memory
   shared with the watchdog), COMMAND, and what descends from them then:
   a process that had left COMMAND's descent by a double fork before any
   step found it is out of its reach.

   GRACEFUL_TIMEOUT_TREE_BACKEND=proc or =cgroup forces one of them
   (for tests); by default cgroup is tried first.  */

#include "system.h"
#include "tree.h"

#include <stdatomic.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if HAVE_SYS_PRCTL_H
# include <sys/prctl.h>
#endif

#include "supervise.h"
#include "watchdog.h"
#include "xalloc.h"

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

/* The slot of KNOWN's index that holds P, or where P would go.  */
static size_t
known_slot (struct tree_known const *known, struct proc_info const *p)
{
  size_t mask = countof (known->index) - 1;
  size_t slot = proc_key_hash (p->pid, p->start) & mask;
  for (; known->index[slot]; slot = (slot + 1) & mask)
    {
      size_t i = known->index[slot] - 1;
      if (known->procs[i].pid == p->pid && known->procs[i].start == p->start)
        break;
    }
  return slot;
}

/* Whether the processes found so far, KNOWN, hold P.  */
static bool
known_has (struct tree_known const *known, struct proc_info const *p)
{
  return known->index[known_slot (known, p)] != 0;
}

/* Whether process P is one of the roots of the tree T: with a live
   supervisor, a child of ours but SPARE (the pre-stop hook) and those
   that are not the tree's; once it is dead, a process it had found.  */
static bool
is_root (struct tree const *t, struct proc_info const *p, pid_t spare,
         bool orphaned)
{
  if (orphaned)
    return known_has (t->known, p);
  return p->ppid == t->self && p->pid != spare
         && !proc_set_has (&t->foreign, p);
}

/* Add to OUT every living process of SNAP in the tree T (ORPHANED: whose
   supervisor is dead) but SPARE's (the pre-stop hook's), that is not in
   OUT yet.  Return how many were added.  */
static size_t
add_descendants (struct tree const *t, struct snapshot const *snap,
                 pid_t spare, bool orphaned, struct proc_set *out)
{
  bool *in = xcalloc (snap->count ? snap->count : 1, sizeof *in);
  size_t added = 0;
  for (bool changed = true; changed; )
    {
      changed = false;
      for (size_t i = 0; i < snap->count; i++)
        {
          struct proc_info const *p = &snap->procs[i];
          if (in[i] || p->pid == spare || p->pid == t->self)
            continue;
          ssize_t parent = find (snap, p->ppid);
          if (!is_root (t, p, spare, orphaned)
              && (parent < 0 || !in[parent]))
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

/* Record process P as found, for the watchdog.  */
static void
remember (struct tree *t, struct proc_info const *p)
{
  struct tree_known *k = t->known;
  if (!k || k->count == TREE_KNOWN_MAX)
    return;
  size_t slot = known_slot (k, p);
  if (k->index[slot])
    return;
  /* The watchdog reads this after we die, maybe between two of these
     stores: the entry and its index first, the count last, so that
     whatever the count covers can be looked up.  */
  k->procs[k->count].pid = p->pid;
  k->procs[k->count].start = p->start;
  k->index[slot] = k->count + 1;
  atomic_signal_fence (memory_order_release);
  k->count++;
}

/* Freeze the tree T (ORPHANED: whose supervisor is dead) but SPARE's
   descendants, adding each process to FROZEN: stop what a walk of /proc
   finds until a walk finds nothing new.  For KILL, kill instead of
   stopping: a process with KILL pending cannot fork either.  */
static void
proc_freeze (struct tree *t, pid_t spare, bool orphaned, int sig,
             struct proc_set *frozen)
{
  int how = sig == SIGKILL ? SIGKILL : SIGSTOP;
  for (;;)
    {
      struct snapshot snap = { NULL, 0, 0 };
      procfs_each (collect, &snap);
      qsort (snap.procs, snap.count, sizeof *snap.procs, compare_pids);
      size_t before = frozen->count;
      size_t added = add_descendants (t, &snap, spare, orphaned, frozen);
      free (snap.procs);
      if (!added)
        return;
      for (size_t i = before; i < frozen->count; i++)
        {
          /* Known before it is stopped: if we die now, the watchdog
             continues it.  */
          if (!orphaned)
            remember (t, &frozen->procs[i]);
          proc_signal (&frozen->procs[i], how);
        }
    }
}

/* Send SIG to the tree T (ORPHANED: whose supervisor is dead) but
   SPARE's descendants, race-free, and continue them.  Return how many
   there were.  */
static long
proc_tree_signal (struct tree *t, pid_t spare, bool orphaned, int sig)
{
  struct proc_set frozen = { NULL, 0, 0 };
  proc_freeze (t, spare, orphaned, sig, &frozen);
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

/* Add to T's foreign set every child we have now: the caller left them
   to us at exec, and they are not COMMAND's.  */
static void
note_foreign_children (struct tree *t)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/%ld/task/%ld/children",
            (long) t->self, (long) t->self);
  FILE *f = fopen (path, "re");
  long pid;
  while (f && fscanf (f, "%ld", &pid) == 1)
    {
      struct proc_info p;
      if (procfs_read (pid, &p))
        proc_set_add (&t->foreign, &p);
    }
  if (f)
    fclose (f);
}

/* Whether any child of ours is in the tree T, SPARE (the hook) and the
   children that are not the tree's left out.  */
static bool
proc_has_members (struct tree *t, pid_t spare)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/%ld/task/%ld/children",
            (long) t->self, (long) t->self);
  FILE *f = fopen (path, "re");
  if (!f)
    return true;                /* Cannot tell: reaping tells.  */
  bool found = false;
  long pid;
  while (!found && fscanf (f, "%ld", &pid) == 1)
    {
      struct proc_info p;
      found = pid != spare && procfs_read (pid, &p) && p.state != 'Z'
              && !proc_set_has (&t->foreign, &p);
    }
  fclose (f);
  return found;
}

/* ---- The interface ---------------------------------------------------- */

/* Make us a subreaper and choose how to freeze the tree, into *T.
   Return false, with *WHY set, if --tree cannot work here.  */
bool
tree_init (struct tree *t, char const **why)
{
  *t = (struct tree) { .backend = TREE_PROC, .self = getpid (),
                       .cgroup = { -1, NULL, -1 }, .watchdog_fd = -1 };
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
  if (!proc_only && cgroup_create (&t->cgroup))
    t->backend = TREE_CGROUP;
  else if (cgroup_only)
    {
      *why = _("cannot create a cgroup v2 child cgroup");
      return false;
    }
  if (t->backend == TREE_PROC)
    note_foreign_children (t);
  return true;
}

/* COMMAND, whose pid is COMMAND_PID, has been started: with the cgroup
   backend it was born in our child cgroup, which we now leave.  Then
   start the watchdog, which ends the tree with the termination sequence
   STEPS (NSTEPS of them) if we are killed.  */
void
tree_started (struct tree *t, pid_t command, struct termstep const *steps,
              size_t nsteps)
{
  /* Staying in it, we would freeze ourselves: walk /proc instead.  */
  if (t->backend == TREE_CGROUP && !cgroup_leave (&t->cgroup))
    t->backend = TREE_PROC;
  struct proc_info p;
  /* The /proc walk tells the watchdog what it finds, through memory
     they share; the cgroup tells it all by itself.  */
  if (t->backend == TREE_PROC)
    {
      void *shared = mmap (NULL, sizeof *t->known, PROT_READ | PROT_WRITE,
                           MAP_SHARED | MAP_ANONYMOUS, -1, 0);
      t->known = shared == MAP_FAILED ? NULL : shared;
      if (procfs_read (command, &p))
        remember (t, &p);
    }
  t->watchdog = watchdog_start (t, steps, nsteps, &t->watchdog_fd);
  if (0 < t->watchdog && procfs_read (t->watchdog, &p))
    proc_set_add (&t->foreign, &p);
}

/* Send SIG to every descendant but those of SPARE (the pre-stop hook),
   followed by CONT; the tree is frozen meanwhile.  Return how many
   processes it reached.  */
long
tree_signal (struct tree *t, int sig, pid_t spare)
{
  if (t->backend == TREE_CGROUP)
    return cgroup_signal (&t->cgroup, sig);
  return proc_tree_signal (t, spare, false, sig);
}

/* Whether a process of the tree T is alive, leaving out SPARE (the
   pre-stop hook).  */
bool
tree_has_members (struct tree *t, pid_t spare)
{
  if (t->backend == TREE_CGROUP)
    return cgroup_populated (&t->cgroup);
  return proc_has_members (t, spare);
}

/* Store in *PIDS a new array of the pids of every living process of
   the tree T, and return how many there are.  */
size_t
tree_pids (struct tree *t, pid_t **pids)
{
  if (t->backend == TREE_CGROUP)
    return cgroup_pids (&t->cgroup, pids);
  struct snapshot snap = { NULL, 0, 0 };
  procfs_each (collect, &snap);
  qsort (snap.procs, snap.count, sizeof *snap.procs, compare_pids);
  struct proc_set found = { NULL, 0, 0 };
  add_descendants (t, &snap, 0, false, &found);
  free (snap.procs);
  *pids = xnmalloc (found.count ? found.count : 1, sizeof **pids);
  for (size_t i = 0; i < found.count; i++)
    (*pids)[i] = found.procs[i].pid;
  size_t n = found.count;
  proc_set_free (&found);
  return n;
}

/* In the watchdog, once the supervisor is dead: send SIG to what is
   left of the tree T.  Return how many processes it reached.  */
long
tree_orphaned_signal (struct tree *t, int sig)
{
  if (t->backend == TREE_CGROUP)
    {
      /* The supervisor may have died with the tree frozen.  */
      cgroup_thaw (&t->cgroup);
      return cgroup_signal (&t->cgroup, sig);
    }
  return t->known ? proc_tree_signal (t, 0, true, sig) : 0;
}

/* In the watchdog: whether anything of the tree T is left.  */
bool
tree_orphaned_alive (struct tree *t)
{
  if (t->backend == TREE_CGROUP)
    return cgroup_populated (&t->cgroup);
  for (size_t i = 0; t->known && i < t->known->count; i++)
    {
      struct proc_info p;
      if (procfs_read (t->known->procs[i].pid, &p) && p.state != 'Z'
          && p.start == t->known->procs[i].start)
        return true;
    }
  return false;
}

/* Everything has ended: dismiss the watchdog and remove our child
   cgroup.  */
void
tree_finish (struct tree *t)
{
  watchdog_dismiss (t->watchdog, t->watchdog_fd);
  t->watchdog_fd = -1;
  if (t->backend == TREE_CGROUP)
    cgroup_remove (&t->cgroup);
  free (t->cgroup.path);
  t->cgroup.path = NULL;
  proc_set_free (&t->foreign);
  if (t->known)
    munmap (t->known, sizeof *t->known);
  t->known = NULL;
}
