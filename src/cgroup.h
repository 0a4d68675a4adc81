/* cgroup.h -- a cgroup v2 child cgroup that holds COMMAND's tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_CGROUP_H
#define GT_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

struct cgroup
{
  int dir;                      /* Our child cgroup, or -1.  */
  char *path;
  int parent_procs;             /* The cgroup.procs we came from.  */
};

bool cgroup_create (struct cgroup *cg);
bool cgroup_leave (struct cgroup *cg);
long cgroup_signal (struct cgroup const *cg, int sig);
size_t cgroup_pids (struct cgroup const *cg, pid_t **pids);
void cgroup_thaw (struct cgroup const *cg);
bool cgroup_populated (struct cgroup const *cg);
bool cgroup_wait_empty (struct cgroup const *cg,
                        struct timespec const *until);
void cgroup_remove (struct cgroup *cg);

#endif /* GT_CGROUP_H */
