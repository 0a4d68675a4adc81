/* hook.h -- the pre-stop hook.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_HOOK_H
#define GT_HOOK_H

#include <stddef.h>
#include <sys/types.h>

#include "spawn.h"

/* What the hook is told of the processes being ended.  */
struct hook_subject
{
  pid_t pid;                    /* COMMAND's.  */
  pid_t pgid;                   /* COMMAND's process group.  */
  pid_t const *pids;            /* --tree: every living process of the
                                   tree; NULL without.  */
  size_t npids;
};

pid_t hook_start (struct spawn_origin const *origin, char const *command,
                  struct hook_subject const *who, char const *reason);
void hook_report_end (int status);
void hook_kill (pid_t hook);

#endif /* GT_HOOK_H */
