/* loop-signalfd.c -- the event loop's Linux implementation.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   The signals taken stay blocked all the time and are read from a
   signalfd; the deadline is a timerfd armed at the absolute time, so
   poll sleeps without a timeout.  (A relative timeout would be counted
   on CLOCK_MONOTONIC, which stops while the system is suspended.)
   Without timerfd_create, poll's timeout is computed from the deadline
   at every wait, as loop-posix.c does.  See loop.c for the contract.  */

#include "system.h"
#include "loop.h"

#include <unistd.h>
#include <sys/signalfd.h>
#if HAVE_SYS_TIMERFD_H && HAVE_TIMERFD_CREATE
# include <sys/timerfd.h>
# define USE_TIMERFD 1
#endif

#include "error.h"
#include "timespec.h"

/* Open the signalfd of L and its timerfd.  */
void
loop_backend_open (struct loop *l)
{
  l->sigfd = signalfd (-1, &l->taken, SFD_NONBLOCK | SFD_CLOEXEC);
  if (l->sigfd < 0)
    error (EXIT_CANCELED, errno, _("cannot create a signalfd"));
#ifdef USE_TIMERFD
  /* loop_now's clock: Linux has CLOCK_BOOTTIME.  */
  l->timerfd = timerfd_create (CLOCK_BOOTTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (l->timerfd < 0)
    error (EXIT_CANCELED, errno, _("cannot create a timer"));
#endif
}

/* Arm the timer of L to fire at AT, or disarm it if AT is NULL.
   Return the timeout for poll: -1 (the timer wakes us), or, without a
   timerfd, the milliseconds left.  */
int
loop_backend_timeout (struct loop *l, struct timespec const *at)
{
#ifdef USE_TIMERFD
  /* Most wakeups leave the deadline as it was: no syscall then.  */
  if (at ? l->armed && timespec_cmp (*at, l->armed_at) == 0 : !l->armed)
    return -1;
  /* A deadline later than the armed one can wait for it to fire (and be
     read, which disarms it: loop.c): we wake once early and arm it
     then, where output pushing the idle limit forward would otherwise
     cost a syscall a chunk.  */
  if (at && l->armed && timespec_cmp (*at, l->armed_at) > 0)
    return -1;
  l->armed = at != NULL;
  if (at)
    l->armed_at = *at;
  struct itimerspec its = { { 0, 0 }, { 0, 0 } };
  if (at)
    {
      its.it_value = *at;
      /* Zero would disarm it: a deadline at the epoch is past.  */
      if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
        its.it_value.tv_nsec = 1;
    }
  if (timerfd_settime (l->timerfd, TFD_TIMER_ABSTIME, &its, NULL) != 0)
    error (EXIT_CANCELED, errno, _("cannot set a timer"));
  return -1;
#else
  (void) l;
  return loop_timeout_ms (at);
#endif
}

/* Poll the NFDS descriptors FDS for at most TIMEOUT ms (-1: no limit).
   The signals of L stay blocked: the signalfd reports them.  Return
   what poll returns.  */
int
loop_backend_poll (struct loop *l, struct pollfd *fds, nfds_t nfds,
                   int timeout)
{
  (void) l;
  return poll (fds, nfds, timeout);
}

/* Read into SIGS the signals L has waiting, at most LOOP_SIGNALS_MAX,
   if its signalfd was READY.  Return how many.  */
size_t
loop_backend_signals (struct loop *l, bool ready,
                      struct loop_signal sigs[LOOP_SIGNALS_MAX])
{
  if (!ready)
    return 0;
  struct signalfd_siginfo info[LOOP_SIGNALS_MAX];
  ssize_t got = read (l->sigfd, info, sizeof info);
  size_t n = got < 0 ? 0 : got / sizeof *info;
  for (size_t i = 0; i < n; i++)
    sigs[i] = (struct loop_signal) { info[i].ssi_signo, info[i].ssi_pid,
                                     (int) info[i].ssi_code <= 0 };
  return n;
}

/* Nothing of L's is ours to undo: loop.c closes the descriptors.  */
void
loop_backend_close (struct loop *l)
{
  (void) l;
}
