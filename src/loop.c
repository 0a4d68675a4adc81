/* loop.c -- the event loop: signals in, one deadline, file descriptors.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   The supervisor's only way to wait.  The signals it acts on are
   blocked, so none is ever handled asynchronously, and read here, one
   after another.  A deadline is an absolute time on a clock that keeps
   counting while the system is suspended and while graceful-timeout is
   stopped or frozen, and that wall-clock changes do not move
   (CLOCK_BOOTTIME where it exists, CLOCK_MONOTONIC otherwise): a
   deadline that passed while we were stopped is acted on as soon as we
   run again.  Nothing here knows what a signal or a deadline means.

   Linux: a signalfd and a timerfd armed at the absolute deadline, polled
   with the caller's descriptors, without a timeout.  (A relative
   timeout, as ppoll takes, would be restarted in full after a stop.)
   Elsewhere: sigtimedwait, recomputing the time left at each wakeup;
   no descriptors can be watched there.  */

#include "system.h"
#include "loop.h"

#include <stdint.h>
#include <unistd.h>
#if HAVE_SIGNALFD && HAVE_SYS_SIGNALFD_H
# include <sys/signalfd.h>
# define USE_SIGNALFD 1
#endif
#if HAVE_SYS_TIMERFD_H && HAVE_TIMERFD_CREATE
# include <sys/timerfd.h>
#endif

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

/* Whether loop_wait can watch file descriptors here.  */
bool
loop_can_watch_fds (void)
{
#ifdef USE_SIGNALFD
  return true;
#else
  return false;
#endif
}

/* Prepare L to take the signals in TAKEN, which the caller has
   blocked.  Exit on failure: nothing has been started yet.  */
void
loop_open (struct loop *l, sigset_t const *taken)
{
  l->taken = *taken;
  l->sigfd = l->timerfd = -1;
  l->armed = false;
#ifdef USE_SIGNALFD
  l->sigfd = signalfd (-1, taken, SFD_NONBLOCK | SFD_CLOEXEC);
  if (l->sigfd < 0)
    error (EXIT_CANCELED, errno, _("cannot create a signalfd"));
# if HAVE_SYS_TIMERFD_H && HAVE_TIMERFD_CREATE
  l->timerfd = timerfd_create (DEADLINE_CLOCK, TFD_NONBLOCK | TFD_CLOEXEC);
  if (l->timerfd < 0)
    error (EXIT_CANCELED, errno, _("cannot create a timer"));
# endif
#endif
}

#ifdef USE_SIGNALFD
/* Arm the timer of L to fire at AT, or disarm it if AT is NULL.
   Return the timeout for poll: -1 (the timer wakes us), or, without a
   timerfd, the milliseconds left, rounded up.  */
static int
arm (struct loop *l, struct timespec const *at)
{
  if (0 <= l->timerfd)
    {
      /* Most wakeups leave the deadline as it was: no syscall then.  */
      if (at ? l->armed && timespec_cmp (*at, l->armed_at) == 0 : !l->armed)
        return -1;
      /* A deadline later than the armed one can wait for it to fire:
         we wake once early and arm it then, where output pushing the
         idle limit forward would otherwise cost a syscall a chunk.  */
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
    }
  if (!at)
    return -1;
  struct timespec left = timespec_sub (*at, loop_now ());
  if (left.tv_sec < 0)
    return 0;
  long ms = left.tv_nsec / 1000000 + (left.tv_nsec % 1000000 != 0);
  return left.tv_sec < INT_MAX / 1000 - 1 ? left.tv_sec * 1000 + ms
                                           : INT_MAX;
}

/* Read into SIGS what signals L has waiting, at most LOOP_SIGNALS_MAX.
   Return how many.  */
static size_t
read_signals (struct loop *l, struct loop_signal *sigs)
{
  struct signalfd_siginfo info[LOOP_SIGNALS_MAX];
  ssize_t got = read (l->sigfd, info, sizeof info);
  size_t n = got < 0 ? 0 : got / sizeof *info;
  for (size_t i = 0; i < n; i++)
    sigs[i] = (struct loop_signal) { info[i].ssi_signo, info[i].ssi_pid,
                                     (int) info[i].ssi_code <= 0 };
  return n;
}

/* Sleep until a signal L takes arrives, one of the NFDS descriptors FDS
   is ready, or the absolute time AT (if not NULL) has come.  Set the
   revents of FDS; store the signals received in SIGS.  Return how many
   signals there were.  */
size_t
loop_wait (struct loop *l, struct timespec const *at, struct pollfd *fds,
           size_t nfds, struct loop_signal sigs[LOOP_SIGNALS_MAX])
{
  struct pollfd pfd[8];
  if (nfds + 2 > countof (pfd))
    abort ();
  pfd[0] = (struct pollfd) { .fd = l->sigfd, .events = POLLIN };
  pfd[1] = (struct pollfd) { .fd = l->timerfd, .events = POLLIN };
  for (size_t i = 0; i < nfds; i++)
    pfd[i + 2] = fds[i];
  int timeout = arm (l, at);
  int n = poll (pfd, nfds + 2, timeout);
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
  return 0 < n && pfd[0].revents ? read_signals (l, sigs) : 0;
}
#else
/* Sleep until a signal L takes arrives or the absolute time AT (if not
   NULL) has come; NFDS must be 0.  Store the signal received in SIGS.
   Return how many signals there were (0 or 1).  */
size_t
loop_wait (struct loop *l, struct timespec const *at, struct pollfd *fds,
           size_t nfds, struct loop_signal sigs[LOOP_SIGNALS_MAX])
{
  (void) fds;
  if (nfds)
    abort ();
  siginfo_t info;
  int sig;
  if (at)
    {
      struct timespec left = timespec_sub (*at, loop_now ());
      if (left.tv_sec < 0)
        left = make_timespec (0, 0);
      sig = sigtimedwait (&l->taken, &info, &left);
    }
  else
    sig = sigwaitinfo (&l->taken, &info);
  if (sig < 0)
    {
      if (errno != EAGAIN && errno != EINTR)
        error (EXIT_CANCELED, errno, _("error waiting for command"));
      return 0;
    }
  sigs[0] = (struct loop_signal) { sig, info.si_pid, info.si_code <= 0 };
  return 1;
}
#endif

/* Close what L holds.  */
void
loop_close (struct loop *l)
{
  if (0 <= l->sigfd)
    close (l->sigfd);
  if (0 <= l->timerfd)
    close (l->timerfd);
  l->sigfd = l->timerfd = -1;
}
