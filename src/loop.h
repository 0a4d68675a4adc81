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
  sigset_t taken;               /* Blocked outside loop_wait, read here.  */
  sigset_t handled;             /* Have a handler of ours: a child sets
                                   them to SIG_DFL before exec.  */
  int sigfd;                    /* Readable when a signal of TAKEN has
                                   come: a signalfd, or a self-pipe.  */
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
void loop_close (struct loop *l);

/* Between loop.c and the implementation configure chose
   (loop-signalfd.c or loop-posix.c); not for other callers.  */
void loop_backend_open (struct loop *l);
int loop_backend_timeout (struct loop *l, struct timespec const *at);
int loop_backend_poll (struct loop *l, struct pollfd *fds, nfds_t nfds,
                       int timeout);
size_t loop_backend_signals (struct loop *l, bool ready,
                             struct loop_signal sigs[LOOP_SIGNALS_MAX]);
void loop_backend_close (struct loop *l);
int loop_timeout_ms (struct timespec const *at);

#endif /* GT_LOOP_H */
