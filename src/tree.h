/* tree.h -- the whole process tree, for --tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_TREE_H
#define GT_TREE_H

#include <stdbool.h>
#include <sys/types.h>

/* How the tree is frozen while it is signalled.  */
enum tree_backend
{
  TREE_PROC,                    /* Walk /proc, stopping what it finds.  */
  TREE_CGROUP                   /* A cgroup v2 child: cgroup.freeze.  */
};

struct tree
{
  enum tree_backend backend;
  pid_t self;
  int cgroup_dir;               /* TREE_CGROUP: our child cgroup.  */
  char *cgroup_path;
  int procs_fd;                 /* The cgroup.procs we came from.  */
};

bool tree_supported (void);
bool tree_init (struct tree *t, char const **why);
void tree_started (struct tree *t);
long tree_signal (struct tree *t, int sig, pid_t spare);
void tree_finish (struct tree *t);

#endif /* GT_TREE_H */
