/* procfs.c -- read the process table from /proc (Linux).
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Used to signal processes one by one where one kill() cannot reach
   them all: every member of our process group but ourselves, and every
   descendant of COMMAND.  A pid read from /proc may die and be reused
   before it is signalled, so proc_signal pins the process with a pidfd
   and checks that it is still the one that was read.  */

#include "system.h"
#include "procfs.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#if HAVE_DECL_SYS_PIDFD_OPEN
# include <sys/syscall.h>
#endif

#include "c-ctype.h"
#include "xalloc.h"

/* Parse the text of /proc/PID/stat in BUF into *INFO.
   Return false if it does not look like one.  */
static bool
parse_stat (char *buf, struct proc_info *info)
{
  /* The command name is in parentheses and may itself hold any
     character, so the fields resume after its *last* parenthesis.  */
  char *close = strrchr (buf, ')');
  if (!close)
    return false;
  long pid = strtol (buf, NULL, 10);
  char state;
  int ppid, pgrp;
  unsigned long long start;
  /* Fields 3-5, then skip 6-21 to the start time, field 22.  */
  if (sscanf (close + 1, " %c %d %d %*d %*d %*d %*u %*u %*u %*u %*u"
              " %*u %*u %*d %*d %*d %*d %*d %*d %llu",
              &state, &ppid, &pgrp, &start) != 4)
    return false;
  info->pid = pid;
  info->state = state;
  info->ppid = ppid;
  info->pgrp = pgrp;
  info->start = start;
  return true;
}

/* Read what we need of process PID into *INFO.
   Return false if it is gone (or /proc is not there).  */
bool
procfs_read (pid_t pid, struct proc_info *info)
{
  char path[sizeof "/proc//stat" + 20];
  snprintf (path, sizeof path, "/proc/%ld/stat", (long) pid);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  char buf[1024];
  ssize_t n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return false;
  buf[n] = '\0';
  return parse_stat (buf, info);
}

/* Call FN with ARG for every process in /proc.
   Return false if /proc cannot be read.  */
bool
procfs_each (procfs_fn fn, void *arg)
{
  DIR *dir = opendir ("/proc");
  if (!dir)
    return false;
  struct dirent *d;
  while ((d = readdir (dir)))
    {
      if (!c_isdigit (d->d_name[0]))
        continue;
      struct proc_info info;
      if (procfs_read (strtol (d->d_name, NULL, 10), &info))
        fn (&info, arg);
    }
  closedir (dir);
  return true;
}

/* Whether SET holds process P (same pid, same start time).  */
bool
proc_set_has (struct proc_set const *set, struct proc_info const *p)
{
  for (size_t i = 0; i < set->count; i++)
    if (set->procs[i].pid == p->pid && set->procs[i].start == p->start)
      return true;
  return false;
}

/* Add process P to SET.  */
void
proc_set_add (struct proc_set *set, struct proc_info const *p)
{
  if (set->count == set->allocated)
    set->procs = x2nrealloc (set->procs, &set->allocated,
                             sizeof *set->procs);
  set->procs[set->count++] = *p;
}

/* Free what SET holds and empty it.  */
void
proc_set_free (struct proc_set *set)
{
  free (set->procs);
  *set = (struct proc_set) { NULL, 0, 0 };
}

/* Send SIG to process P if it is still the process that was read:
   same pid, same start time, not yet a zombie.
   Return 0 on success, -1 (with errno set) otherwise.  */
int
proc_signal (struct proc_info const *p, int sig)
{
#if HAVE_DECL_SYS_PIDFD_OPEN && HAVE_DECL_SYS_PIDFD_SEND_SIGNAL
  int fd = syscall (SYS_pidfd_open, p->pid, 0);
  if (fd < 0 && errno != ENOSYS)
    return -1;
  if (0 <= fd)
    {
      /* The pidfd pins the pid: if /proc still shows the process we
         read, the signal cannot reach another one.  */
      struct proc_info now;
      int r = -1;
      if (procfs_read (p->pid, &now) && now.start == p->start)
        r = syscall (SYS_pidfd_send_signal, fd, sig, NULL, 0);
      else
        errno = ESRCH;
      int saved_errno = errno;
      close (fd);
      errno = saved_errno;
      return r;
    }
#endif
  struct proc_info now;
  if (!procfs_read (p->pid, &now) || now.start != p->start)
    {
      errno = ESRCH;
      return -1;
    }
  return kill (p->pid, sig);
}
