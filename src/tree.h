/* tree.h -- the whole process tree, for --tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_TREE_H
#define GT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cgroup.h"
#include "procfs.h"

/* How the tree is frozen while it is signalled.  */
enum tree_backend
{
  TREE_PROC,                    /* Walk /proc, stopping what it finds.  */
  TREE_CGROUP                   /* A cgroup v2 child: cgroup.freeze.  */
};

/* The processes the supervisor has found in the tree, in memory shared
   with the watchdog, which ends them if the supervisor is killed.
   INDEX is a hash index of PROCS (tree.c), each slot 0 for empty or
   1 + a position in PROCS.  */
enum { TREE_KNOWN_MAX = 16384 };
struct tree_known
{
  size_t count;
  struct { pid_t pid; unsigned long long start; } procs[TREE_KNOWN_MAX];
  unsigned short index[2 * TREE_KNOWN_MAX];
};

struct tree
{
  enum tree_backend backend;
  pid_t self;
  struct cgroup cgroup;         /* TREE_CGROUP.  */
  struct proc_set foreign;      /* Our children that are not the tree's.  */
  struct tree_known *known;     /* Shared; NULL if it cannot be.  */
  pid_t watchdog;               /* 0 if none.  */
  int watchdog_fd;              /* Its lifeline; -1 if none.  */
};

struct termstep;

bool tree_supported (void);
bool tree_init (struct tree *t, char const **why);
void tree_started (struct tree *t, pid_t command,
                   struct termstep const *steps, size_t nsteps);
long tree_signal (struct tree *t, int sig, pid_t spare);
bool tree_has_members (struct tree *t, pid_t spare);
size_t tree_pids (struct tree *t, pid_t **pids);
long tree_orphaned_signal (struct tree *t, int sig);
bool tree_orphaned_alive (struct tree *t);
void tree_finish (struct tree *t);

#endif /* GT_TREE_H */
