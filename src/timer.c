/* timer.c -- deadlines on the event loop's clock.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Every deadline (the time limit, the idle limit, a step's wait, the
   hook's limit, the grace period) is an absolute time on loop_now's
   clock, which counts time spent stopped or suspended: a deadline that
   passed meanwhile fires as soon as we run again.  */

#include "system.h"
#include "timer.h"

#include "duration.h"
#include "loop.h"
#include "timespec.h"

/* Arm timer T to fire DURATION from now; a zero DURATION disarms it.  */
void
timer_arm (struct timer *t, struct timespec duration)
{
  t->armed = !duration_is_zero (duration);
  if (t->armed)
    t->at = timespec_add (loop_now (), duration);
}

/* Whether timer T is armed and due at time NOW.  Disarm it if so.  */
bool
timer_fired (struct timer *t, struct timespec now)
{
  if (!t->armed || timespec_cmp (now, t->at) < 0)
    return false;
  t->armed = false;
  return true;
}

/* Fold timer T into the earliest deadline *AT, which holds one if ANY:
   store T's time in *AT if T is armed and earlier.  Return whether *AT
   now holds a deadline.  */
bool
timer_earliest (struct timer const *t, struct timespec *at, bool any)
{
  if (t->armed && (!any || timespec_cmp (t->at, *at) < 0))
    {
      *at = t->at;
      return true;
    }
  return any;
}
