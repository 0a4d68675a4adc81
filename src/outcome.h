/* outcome.h -- from COMMAND's wait status to graceful-timeout's exit.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_OUTCOME_H
#define GT_OUTCOME_H

#include <stdbool.h>

#include "supervise.h"

/* How graceful-timeout ends: an exit status, or the death by a signal
   that COMMAND died of (then STATUS is the shell's view of it).  */
struct outcome
{
  int status;
  int die_of;                   /* 0: just exit.  */
};

/* How COMMAND's run ended, as far as the exit status cares.  */
struct outcome_facts
{
  int wait_status;              /* COMMAND's.  */
  bool timed_out;               /* The time or idle limit passed.  */
  bool terminated;              /* We ended COMMAND, or passed on the
                                   signal that ended it.  */
  bool exec_failed;             /* COMMAND could not be run.  */
};

struct outcome outcome_of (struct gt_options const *opt,
                           struct outcome_facts const *facts);
void outcome_die_like (int sig);

#endif /* GT_OUTCOME_H */
