/* loop-posix.c -- the event loop's POSIX-only implementation.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   For systems without signalfd (macOS, the BSDs): nothing here goes
   beyond POSIX.1-2008.  The signals taken stay blocked except during
   poll.  Each has a handler that only counts it, notes who sent it and,
   if no wakeup is pending yet, writes one byte to a non-blocking
   close-on-exec self-pipe; the pipe is what poll watches.  So:

   - no race between a signal and the wait: one unblocked just before
     poll has written its byte by the time poll looks at the pipe;
   - no lost signal: the count, not the pipe, says what came, and the
     pipe never holds more than one byte, so it cannot overflow;
   - the handler never runs while the supervisor does anything else:
     the signals are blocked again as soon as poll returns, and the
     counts are read then, with nothing able to change them;
   - no wakeup while idle: poll sleeps until the pipe, a descriptor or
     the deadline (its timeout, computed from the absolute deadline at
     every wait and rounded up).

   A child sets the handled signals back to SIG_DFL before it unblocks
   them (spawn.c), so it never runs our handler.  See loop.c for the
   contract.  */

#include "system.h"
#include "loop.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "signals.h"

/* Room for every signal number (Linux has 64, others fewer).  */
enum { SLOTS = 128 };

/* What the handler writes and loop_backend_signals reads, each at a
   time when the other cannot run (see above).  */
struct slot
{
  volatile sig_atomic_t count;  /* Deliveries not read yet.  */
  volatile sig_atomic_t user_sent; /* Of the first of them.  */
  volatile pid_t sender;
};
static struct slot slots[SLOTS];
static volatile sig_atomic_t wakeup_pending; /* A byte is in the pipe.  */
static int wake_fd = -1;        /* The pipe's write end.  */
static struct sigaction original[SLOTS]; /* Restored by loop_close.  */

/* Whether INFO says a process sent the signal (kill, sigqueue, raise),
   rather than the kernel.  Linux numbers every such code 0 or below;
   the BSDs and macOS have positive SI_USER and SI_QUEUE.  */
static bool
sent_by_user (siginfo_t const *info)
{
  return info->si_code == SI_USER || info->si_code == SI_QUEUE
         || info->si_code <= 0;
}

/* The handler of every signal taken: note signal SIG, described by
   INFO, and wake poll.  Async-signal-safe, and it keeps errno.  */
static void
note_signal (int sig, siginfo_t *info, void *context)
{
  (void) context;
  int saved_errno = errno;
  if (0 < sig && sig < SLOTS)
    {
      struct slot *s = &slots[sig];
      if (!s->count)
        {
          s->user_sent = info && sent_by_user (info);
          s->sender = info ? info->si_pid : 0;
        }
      s->count++;
    }
  /* Our signals are blocked while this runs: no other handler of ours
     can come between the test and the write.  */
  if (!wakeup_pending)
    {
      wakeup_pending = 1;
      char byte = 0;
      if (write (wake_fd, &byte, 1) != 1)
        wakeup_pending = 0;
    }
  errno = saved_errno;
}

/* Make FD non-blocking and close-on-exec.  Return whether it worked.  */
static bool
set_fd_flags (int fd)
{
  int fl = fcntl (fd, F_GETFL);
  int fdfl = fcntl (fd, F_GETFD);
  return 0 <= fl && 0 <= fdfl && fcntl (fd, F_SETFL, fl | O_NONBLOCK) == 0
         && fcntl (fd, F_SETFD, fdfl | FD_CLOEXEC) == 0;
}

/* Open the self-pipe of L and install the handler for its signals.  */
void
loop_backend_open (struct loop *l)
{
  int fds[2];
  if (pipe (fds) != 0 || !set_fd_flags (fds[0]) || !set_fd_flags (fds[1]))
    error (EXIT_CANCELED, errno, _("cannot create a pipe"));
  l->sigfd = fds[0];
  wake_fd = fds[1];
  wakeup_pending = 0;

  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = note_signal;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sa.sa_mask = l->taken;
  for (int sig = 1; sig < SLOTS && sig <= sig_max (); sig++)
    if (sigismember (&l->taken, sig) == 1)
      {
        slots[sig] = (struct slot) { 0, 0, 0 };
        if (sigaction (sig, &sa, &original[sig]) != 0)
          error (EXIT_CANCELED, errno, _("cannot handle signal %d"), sig);
        sigaddset (&l->handled, sig);
      }
}

/* The timeout for poll until AT; L has no timer.  */
int
loop_backend_timeout (struct loop *l, struct timespec const *at)
{
  (void) l;
  return loop_timeout_ms (at);
}

/* Whether a signal noted is still unread: loop_backend_signals returns
   at most LOOP_SIGNALS_MAX at a time, and the rest must not wait for
   another wakeup.  */
static bool
signals_unread (void)
{
  for (int sig = 1; sig < SLOTS; sig++)
    if (slots[sig].count)
      return true;
  return false;
}

/* Poll the NFDS descriptors FDS for at most TIMEOUT ms (-1: no limit),
   with the signals of L unblocked meanwhile.  Return what poll
   returns.  */
int
loop_backend_poll (struct loop *l, struct pollfd *fds, nfds_t nfds,
                   int timeout)
{
  if (signals_unread ())
    timeout = 0;
  /* A signal pending now is handled as the mask opens, and has written
     its byte before poll looks.  */
  if (sigprocmask (SIG_UNBLOCK, &l->taken, NULL) != 0)
    error (EXIT_CANCELED, errno, _("cannot unblock signals"));
  int n = poll (fds, nfds, timeout);
  int saved_errno = errno;
  if (sigprocmask (SIG_BLOCK, &l->taken, NULL) != 0)
    error (EXIT_CANCELED, errno, _("cannot block signals"));
  errno = saved_errno;
  return n;
}

/* Store in SIGS the signals noted, at most LOOP_SIGNALS_MAX, and empty
   the self-pipe of L.  Return how many.  Whether poll found the pipe
   READY does not matter: a byte written after poll returned is there
   too, and would wake the next poll for nothing.  */
size_t
loop_backend_signals (struct loop *l, bool ready,
                      struct loop_signal sigs[LOOP_SIGNALS_MAX])
{
  (void) ready;
  if (wakeup_pending)
    {
      char buf[64];
      while (0 < read (l->sigfd, buf, sizeof buf))
        continue;
      wakeup_pending = 0;
    }
  size_t n = 0;
  for (int sig = 1; sig < SLOTS && n < LOOP_SIGNALS_MAX; sig++)
    for (struct slot *s = &slots[sig]; s->count && n < LOOP_SIGNALS_MAX;
         s->count--)
      sigs[n++] = (struct loop_signal) { sig, s->sender, s->user_sent };
  return n;
}

/* Give the signals of L their dispositions back, so that no handler
   writes to the pipe once loop.c has closed it.  */
void
loop_backend_close (struct loop *l)
{
  for (int sig = 1; sig < SLOTS; sig++)
    if (sigismember (&l->handled, sig) == 1)
      sigaction (sig, &original[sig], NULL);
  sigemptyset (&l->handled);
  if (0 <= wake_fd)
    close (wake_fd);
  wake_fd = -1;
}
