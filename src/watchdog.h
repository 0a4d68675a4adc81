/* watchdog.h -- end the tree if the supervisor is killed, for --tree.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_WATCHDOG_H
#define GT_WATCHDOG_H

#include <stddef.h>
#include <sys/types.h>

struct tree;
struct termstep;

pid_t watchdog_start (struct tree *t, struct termstep const *steps,
                      size_t nsteps, int *lifeline);
void watchdog_dismiss (pid_t watchdog, int lifeline);

#endif /* GT_WATCHDOG_H */
