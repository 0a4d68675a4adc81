/* procfs.h -- read the process table from /proc (Linux).
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_PROCFS_H
#define GT_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What graceful-timeout needs to know of a process.  START tells two
   processes that had the same pid apart.  */
struct proc_info
{
  pid_t pid;
  pid_t ppid;
  pid_t pgrp;
  char state;                   /* 'Z' for a zombie.  */
  unsigned long long start;     /* Start time, in clock ticks.  */
  int pidfd;                    /* Pins it, once proc_pin has; or -1.  */
};

/* A set of processes, each known by pid and start time; the set owns
   their pidfds.  PROCS holds ALLOCATED entries and, after them, a hash
   index (procfs.c): add and look up only through proc_set_*.  */
struct proc_set
{
  struct proc_info *procs;
  size_t count;
  size_t allocated;
};

typedef void (*procfs_fn) (struct proc_info const *info, void *arg);

bool procfs_read (pid_t pid, struct proc_info *info);
bool procfs_each (procfs_fn fn, void *arg);
size_t proc_key_hash (pid_t pid, unsigned long long start);
bool proc_set_has (struct proc_set const *set, struct proc_info const *p);
void proc_set_add (struct proc_set *set, struct proc_info const *p);
void proc_set_free (struct proc_set *set);
bool proc_pin (struct proc_info *p);
int proc_signal (struct proc_info const *p, int sig);

#endif /* GT_PROCFS_H */
