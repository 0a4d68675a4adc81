/* timer.h -- deadlines on the event loop's clock.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_TIMER_H
#define GT_TIMER_H

#include <stdbool.h>
#include <time.h>

/* A deadline: an absolute time on the loop's clock, if armed.  */
struct timer
{
  struct timespec at;
  bool armed;
};

void timer_arm (struct timer *t, struct timespec duration);
bool timer_fired (struct timer *t, struct timespec now);
bool timer_earliest (struct timer const *t, struct timespec *at, bool any);

#endif /* GT_TIMER_H */
