/* procfs.c -- read the process table from /proc (Linux).
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Used to signal processes one by one where one kill() cannot reach
   them all: every member of our process group but ourselves, and every
   descendant of COMMAND.  A pid read from /proc may die and be reused
   before it is signalled, so proc_pin pins the process with a pidfd and
   checks once that it is still the one that was read; every signal then
   goes through the pidfd.  */

#include "system.h"
#include "procfs.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/resource.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#if HAVE_DECL_SYS_PIDFD_OPEN
# include <sys/syscall.h>
#endif

#include "c-ctype.h"
#include "xalloc.h"

/* Parse the text of /proc/PID/stat in BUF into *INFO.
   Return false if it does not look like one.  By hand: sscanf was
   most of what walking ten thousand processes cost.  */
static bool
parse_stat (char *buf, struct proc_info *info)
{
  /* The command name is in parentheses and may itself hold any
     character, so the fields resume after its *last* parenthesis.  */
  char *close = strrchr (buf, ')');
  if (!close || close[1] != ' ' || !close[2] || close[3] != ' ')
    return false;
  char *p = close + 4;
  char *end;
  long ppid = strtol (p, &end, 10);
  long pgrp = strtol (end, &p, 10);
  if (p == end)
    return false;
  /* Skip fields 6-21 to the start time, field 22.  */
  for (int field = 6; field <= 21 && p; field++)
    p = strchr (p + 1, ' ');
  unsigned long long start = p ? strtoull (p, &end, 10) : 0;
  if (!p || end == p)
    return false;
  info->pid = strtol (buf, NULL, 10);
  info->pidfd = -1;
  info->state = close[2];
  info->ppid = ppid;
  info->pgrp = pgrp;
  info->start = start;
  return true;
}

/* Write "/proc/PID/stat" into PATH, which has room for any PID.  */
static void
stat_path (char path[sizeof "/proc//stat" + 20], pid_t pid)
{
  char digits[20];
  int n = 0;
  unsigned long v = pid;
  do
    digits[n++] = '0' + v % 10;
  while ((v /= 10) != 0);
  char *p = stpcpy (path, "/proc/");
  while (n)
    *p++ = digits[--n];
  strcpy (p, "/stat");
}

/* Read what we need of process PID into *INFO.
   Return false if it is gone (or /proc is not there).  */
bool
procfs_read (pid_t pid, struct proc_info *info)
{
  char path[sizeof "/proc//stat" + 20];
  stat_path (path, pid);
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

/* A set's hash index lives right after its ALLOCATED entries, in the
   same block: twice as many slots (a power of two), each 0 for empty or
   1 + the position of an entry.  Membership is then O(1), which a tree
   of ten thousand processes needs: a linear scan made it quadratic.  */

/* The hash index of SET.  */
static size_t *
set_index (struct proc_set const *set)
{
  return (size_t *) (set->procs + set->allocated);
}

/* A hash of the process PID that started at START.  */
size_t
proc_key_hash (pid_t pid, unsigned long long start)
{
  unsigned long long h = ((unsigned long long) pid * 0x9E3779B97F4A7C15ULL
                          ^ start * 0xC2B2AE3D27D4EB4FULL);
  return h ^ (h >> 31);
}

/* The slot where the index of SET has, or would put, the process PID
   that started at START.  */
static size_t
set_slot (struct proc_set const *set, pid_t pid, unsigned long long start)
{
  size_t mask = 2 * set->allocated - 1;
  size_t slot = proc_key_hash (pid, start) & mask;
  size_t const *index = set_index (set);
  for (; index[slot]; slot = (slot + 1) & mask)
    {
      struct proc_info const *q = &set->procs[index[slot] - 1];
      if (q->pid == pid && q->start == start)
        break;
    }
  return slot;
}

/* Whether SET holds process P (same pid, same start time).  */
bool
proc_set_has (struct proc_set const *set, struct proc_info const *p)
{
  return set->allocated
         && set_index (set)[set_slot (set, p->pid, p->start)] != 0;
}

/* Make room in SET for one more entry, rebuilding its index.  */
static void
set_grow (struct proc_set *set)
{
  size_t allocated = set->allocated ? 2 * set->allocated : 16;
  size_t each = sizeof *set->procs + 2 * sizeof (size_t);
  if (SIZE_MAX / each < allocated)
    xalloc_die ();
  set->procs = xrealloc (set->procs, allocated * each);
  set->allocated = allocated;
  memset (set_index (set), 0, 2 * allocated * sizeof (size_t));
  for (size_t i = 0; i < set->count; i++)
    set_index (set)[set_slot (set, set->procs[i].pid,
                              set->procs[i].start)] = i + 1;
}

/* Add process P to SET.  */
void
proc_set_add (struct proc_set *set, struct proc_info const *p)
{
  if (set->count == set->allocated)
    set_grow (set);
  set->procs[set->count] = *p;
  set->count++;
  set_index (set)[set_slot (set, p->pid, p->start)] = set->count;
}

/* Free what SET holds, pidfds included, and empty it.  */
void
proc_set_free (struct proc_set *set)
{
  for (size_t i = 0; i < set->count; i++)
    if (0 <= set->procs[i].pidfd)
      close (set->procs[i].pidfd);
  free (set->procs);
  *set = (struct proc_set) { NULL, 0, 0 };
}

/* Whether process P, as read from /proc, is still the one there: the
   same pid with the same start time, and not a zombie.  */
static bool
still_there (struct proc_info const *p)
{
  struct proc_info now;
  return procfs_read (p->pid, &now) && now.start == p->start
         && now.state != 'Z';
}

#if HAVE_DECL_SYS_PIDFD_OPEN && HAVE_DECL_SYS_PIDFD_SEND_SIGNAL
/* Whether FD leaves enough file descriptors below the limit to go on
   reading /proc: pidfds are kept only while it does.  */
static bool
fd_to_spare (int fd)
{
  enum { HEADROOM = 16 };
  static rlim_t limit;
  if (!limit)
    {
      struct rlimit rl;
      limit = (getrlimit (RLIMIT_NOFILE, &rl) == 0
               && rl.rlim_cur != RLIM_INFINITY ? rl.rlim_cur : INT_MAX);
    }
  return (rlim_t) fd + HEADROOM < limit;
}
#endif

/* Pin process P, as read from /proc, with a pidfd, so that its pid
   cannot be reused while we hold it.  Return false if it is gone.
   Without pidfds (or file descriptors to spare) P stays unpinned and
   proc_signal checks it each time instead.  */
bool
proc_pin (struct proc_info *p)
{
#if HAVE_DECL_SYS_PIDFD_OPEN && HAVE_DECL_SYS_PIDFD_SEND_SIGNAL
  p->pidfd = syscall (SYS_pidfd_open, p->pid, 0);
  if (p->pidfd < 0 && errno == ESRCH)
    return false;
  if (0 <= p->pidfd && !fd_to_spare (p->pidfd))
    {
      close (p->pidfd);
      p->pidfd = -1;
    }
#endif
  /* Checked after pinning: what the pidfd holds is what was read.  */
  if (still_there (p))
    return true;
  if (0 <= p->pidfd)
    close (p->pidfd);
  p->pidfd = -1;
  return false;
}

/* Send SIG to process P: through its pidfd if it is pinned, else only
   if it is still the process that was read.
   Return 0 on success, -1 (with errno set) otherwise.  */
int
proc_signal (struct proc_info const *p, int sig)
{
#if HAVE_DECL_SYS_PIDFD_OPEN && HAVE_DECL_SYS_PIDFD_SEND_SIGNAL
  if (0 <= p->pidfd)
    return syscall (SYS_pidfd_send_signal, p->pidfd, sig, NULL, 0);
#endif
  if (!still_there (p))
    {
      errno = ESRCH;
      return -1;
    }
  return kill (p->pid, sig);
}
