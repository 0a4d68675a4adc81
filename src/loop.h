/* loop.h -- the event loop: signals in, one deadline, file descriptors.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_LOOP_H
#define GT_LOOP_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* A signal as it was received.  */
struct loop_signal
{
  int sig;
  pid_t sender;
  bool user_sent;               /* Sent by kill() or the like.  */
};

/* What the loop waits on.  */
struct loop
{
  sigset_t taken;               /* Blocked, and read here.  */
  int sigfd;                    /* signalfd of TAKEN, or -1.  */
  int timerfd;                  /* Fires at the deadline, or -1.  */
  struct timespec armed_at;     /* What TIMERFD is armed for...  */
  bool armed;                   /* ... if it is.  */
};

/* The most signals one loop_wait returns; more wait for the next.  */
enum { LOOP_SIGNALS_MAX = 16 };

struct timespec loop_now (void);
void loop_open (struct loop *l, sigset_t const *taken);
size_t loop_wait (struct loop *l, struct timespec const *at,
                  struct pollfd *fds, size_t nfds,
                  struct loop_signal sigs[LOOP_SIGNALS_MAX]);
bool loop_can_watch_fds (void);
void loop_close (struct loop *l);

#endif /* GT_LOOP_H */
