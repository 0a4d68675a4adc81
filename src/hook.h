/* hook.h -- the pre-stop hook.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_HOOK_H
#define GT_HOOK_H

#include <sys/types.h>

#include "spawn.h"

pid_t hook_start (struct spawn_origin const *origin, char const *command,
                  pid_t command_pid, char const *reason);
void hook_report_end (int status);
void hook_kill (pid_t hook);

#endif /* GT_HOOK_H */
