/* loop.c -- the event loop: signals in, one deadline, file descriptors.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   The supervisor's only way to wait.  The signals it acts on are
   blocked whenever it is not waiting here, so it never handles one in
   the middle of something else, and they are read here, one after
   another.  A deadline is an absolute time on a clock that keeps
   counting while the system is suspended and while graceful-timeout is
   stopped or frozen, and that wall-clock changes do not move
   (CLOCK_BOOTTIME where it exists, CLOCK_MONOTONIC otherwise): a
   deadline that passed while we were stopped is acted on as soon as we
   run again.  Nothing here knows what a signal or a deadline means.

   One wait is one poll of the caller's descriptors, of a descriptor
   that becomes readable when a signal has come, and of a timer where
   the system has one.  How signals reach that descriptor is the
   implementation's, chosen by configure:
   - loop-signalfd.c (Linux): a signalfd, and a timerfd armed at the
     absolute deadline, so poll needs no timeout;
   - loop-posix.c (POSIX only): handlers that write to a self-pipe, and
     poll's timeout computed from the deadline at every wait.
   This file holds what they share.  */

#include "system.h"
#include "loop.h"

#include <stdint.h>
#include <unistd.h>

#include "error.h"
#include "timespec.h"

/* The clock every deadline is on.  */
#ifdef CLOCK_BOOTTIME
# define DEADLINE_CLOCK CLOCK_BOOTTIME
#else
# define DEADLINE_CLOCK CLOCK_MONOTONIC
#endif

/* The current time on the deadline clock.  */
struct timespec
loop_now (void)
{
  struct timespec ts;
  if (clock_gettime (DEADLINE_CLOCK, &ts) != 0)
    clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts;
}

/* The timeout for poll that sleeps until the absolute time AT on the
   deadline clock: -1 if AT is NULL, else the milliseconds left, rounded
   up so that the wait never ends before AT.  A wait that ends early
   anyway (a signal, EINTR) is simply computed again by the next call.  */
int
loop_timeout_ms (struct timespec const *at)
{
  if (!at)
    return -1;
  struct timespec left = timespec_sub (*at, loop_now ());
  if (left.tv_sec < 0 || (!left.tv_sec && !left.tv_nsec))
    return 0;
  if (INT_MAX / 1000 - 1 <= left.tv_sec)
    return INT_MAX;
  return left.tv_sec * 1000 + left.tv_nsec / 1000000
         + (left.tv_nsec % 1000000 != 0);
}

/* Prepare L to take the signals in TAKEN, which the caller has
   blocked.  Exit on failure: nothing has been started yet.  */
void
loop_open (struct loop *l, sigset_t const *taken)
{
  l->taken = *taken;
  sigemptyset (&l->handled);
  l->sigfd = l->timerfd = -1;
  l->armed = false;
  loop_backend_open (l);
}

/* Sleep until a signal L takes arrives, one of the NFDS descriptors FDS
   is ready, or the absolute time AT (if not NULL) has come.  Set the
   revents of FDS; store the signals received in SIGS.  Return how many
   signals there were.  The caller looks at the time itself: a wakeup
   says nothing about whether AT has come.  */
size_t
loop_wait (struct loop *l, struct timespec const *at, struct pollfd *fds,
           size_t nfds, struct loop_signal sigs[LOOP_SIGNALS_MAX])
{
  struct pollfd pfd[8];
  if (nfds + 2 > countof (pfd))
    abort ();
  pfd[0] = (struct pollfd) { .fd = l->sigfd, .events = POLLIN };
  /* A negative fd is ignored by poll: no timer here.  */
  pfd[1] = (struct pollfd) { .fd = l->timerfd, .events = POLLIN };
  for (size_t i = 0; i < nfds; i++)
    pfd[i + 2] = fds[i];
  int n = loop_backend_poll (l, pfd, nfds + 2,
                             loop_backend_timeout (l, at));
  if (n < 0 && errno != EINTR)
    error (EXIT_CANCELED, errno, _("error waiting for command"));
  for (size_t i = 0; i < nfds; i++)
    fds[i].revents = n < 0 ? 0 : pfd[i + 2].revents;
  /* A timer that fired stays readable until its expiry is read; once
     read, a one-shot timer is disarmed.  */
  uint64_t expiries;
  if (0 < n && pfd[1].revents
      && read (l->timerfd, &expiries, sizeof expiries) == sizeof expiries)
    l->armed = false;
  return loop_backend_signals (l, 0 < n && pfd[0].revents, sigs);
}

/* Close what L holds.  */
void
loop_close (struct loop *l)
{
  loop_backend_close (l);
  if (0 <= l->sigfd)
    close (l->sigfd);
  if (0 <= l->timerfd)
    close (l->timerfd);
  l->sigfd = l->timerfd = -1;
}
