/* watchdog.c -- end the tree if the supervisor is killed, for --tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   A supervisor killed with KILL can do nothing more, and COMMAND's
   parent-death signal reaches COMMAND alone.  So with --tree a small
   process, forked before COMMAND's tree can grow, waits for the
   supervisor's end: it holds the read end of a pipe whose only write
   end is the supervisor's.  A supervisor that ends normally writes a
   byte first and the watchdog exits; EOF without that byte means it
   was killed.  The watchdog then thaws the tree (the supervisor may
   have died with it frozen or stopped), walks the termination sequence
   over what is left of it (tree.c says what each backend can reach),
   and once the tree is empty removes its cgroup.

   It lives in a process group of its own, with every signal blocked,
   /dev/null for its standard streams and no other descriptor of ours,
   so that nothing sent to the supervisor's group ends it and nobody
   waiting for the supervisor's output waits for it.  */

#include "system.h"
#include "watchdog.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if HAVE_SYS_PRCTL_H
# include <sys/prctl.h>
#endif

#include "c-ctype.h"
#include "supervise.h"
#include "timespec.h"
#include "tree.h"

/* How often the /proc walk looks again whether the tree has ended.  */
static struct timespec const RECHECK = { 0, 20 * 1000 * 1000 };

/* Wait until nothing is left of the tree T, or until the absolute
   CLOCK_MONOTONIC time UNTIL (forever if NULL).  Return whether it has
   ended.  */
static bool
wait_tree_end (struct tree *t, struct timespec const *until)
{
  if (t->backend == TREE_CGROUP)
    return cgroup_wait_empty (&t->cgroup, until);
  for (;;)
    {
      if (!tree_orphaned_alive (t))
        return true;
      struct timespec now;
      clock_gettime (CLOCK_MONOTONIC, &now);
      if (until && timespec_cmp (now, *until) >= 0)
        return false;
      nanosleep (&RECHECK, NULL);
    }
}

/* The supervisor is dead: end the tree T with the termination sequence
   STEPS (NSTEPS of them), then remove its cgroup.  */
static _Noreturn void
end_tree (struct tree *t, struct termstep const *steps, size_t nsteps)
{
  for (size_t i = 0; i < nsteps; i++)
    {
      tree_orphaned_signal (t, steps[i].sig);
      if (i + 1 == nsteps || !steps[i].has_wait)
        break;
      struct timespec now, until;
      clock_gettime (CLOCK_MONOTONIC, &now);
      until = timespec_add (now, steps[i].wait);
      if (wait_tree_end (t, &until))
        break;
    }
  wait_tree_end (t, NULL);
  if (t->backend == TREE_CGROUP)
    cgroup_remove (&t->cgroup);
  _exit (EXIT_SUCCESS);
}

/* Close every descriptor above 2 but KEEP and KEEP2.  /proc/self/fd
   names the few that are open; without it, try every number.  */
static void
close_others (int keep, int keep2)
{
  int open_fds[256];
  size_t n = 0;
  DIR *d = opendir ("/proc/self/fd");
  struct dirent *e;
  while (d && n < countof (open_fds) && (e = readdir (d)))
    if (c_isdigit (e->d_name[0]))
      open_fds[n++] = atoi (e->d_name);
  bool complete = d && !e;
  if (d)
    closedir (d);
  for (size_t i = 0; i < n; i++)
    if (2 < open_fds[i] && open_fds[i] != keep && open_fds[i] != keep2)
      close (open_fds[i]);
  if (complete)
    return;
  long max = sysconf (_SC_OPEN_MAX);
  if (max < 0 || 65536 < max)
    max = 65536;
  for (int fd = 3; fd < max; fd++)
    if (fd != keep && fd != keep2)
      close (fd);
}

/* Make this process a quiet bystander: its own process group, every
   signal blocked, /dev/null on 0-2, and of our descriptors only KEEP
   and KEEP2 (-1 for none).  */
static void
detach (int keep, int keep2)
{
  setpgid (0, 0);
  sigset_t all;
  sigfillset (&all);
  sigprocmask (SIG_BLOCK, &all, NULL);
  int null = open ("/dev/null", O_RDWR);
  for (int fd = 0; fd < 3 && 0 <= null; fd++)
    if (fd != null)
      dup2 (null, fd);
  if (2 < null)
    close (null);
  close_others (keep, keep2);
}

/* Start the watchdog of the tree T, whose termination sequence is STEPS
   (NSTEPS of them).  Store in *LIFELINE the descriptor to give
   watchdog_dismiss.  Return its pid, or 0 if it could not be started
   (then --tree does without it).  */
pid_t
watchdog_start (struct tree *t, struct termstep const *steps,
                size_t nsteps, int *lifeline)
{
  int fds[2];
  *lifeline = -1;
  if (pipe2 (fds, O_CLOEXEC) != 0)
    return 0;
  pid_t pid = fork ();
  if (pid == 0)
    {
      detach (fds[0], t->cgroup.dir);
#if HAVE_PRCTL
      prctl (PR_SET_NAME, "gt-watchdog");
#endif
      char byte;
      ssize_t n;
      while ((n = read (fds[0], &byte, 1)) < 0 && errno == EINTR)
        continue;
      if (n == 1)
        _exit (EXIT_SUCCESS);
      end_tree (t, steps, nsteps);
    }
  close (fds[0]);
  if (pid < 0)
    {
      close (fds[1]);
      return 0;
    }
  *lifeline = fds[1];
  return pid;
}

/* The supervisor ends normally: let the watchdog WATCHDOG, at
   LIFELINE, go, and reap it, so that it is not left to our parent.  */
void
watchdog_dismiss (pid_t watchdog, int lifeline)
{
  if (lifeline < 0)
    return;
  char byte = 0;
  while (write (lifeline, &byte, 1) < 0 && errno == EINTR)
    continue;
  close (lifeline);
  /* It exits as soon as it has read the byte.  */
  while (waitpid (watchdog, NULL, 0) < 0 && errno == EINTR)
    continue;
}
