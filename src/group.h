/* group.h -- signal COMMAND's process group.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_GROUP_H
#define GT_GROUP_H

#include <stdbool.h>
#include <sys/types.h>

long group_signal (pid_t pgid, pid_t known, int sig, bool count);

#endif /* GT_GROUP_H */
