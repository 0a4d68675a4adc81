/* relay.h -- relay COMMAND's output, for --idle-timeout.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_RELAY_H
#define GT_RELAY_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

/* Where a stream stands.  */
enum relay_state
{
  RELAY_INPUT,                  /* Waiting for COMMAND to write.  */
  RELAY_OUTPUT,                 /* Holding data the destination refused.  */
  RELAY_CLOSED                  /* At EOF, or the destination is gone.  */
};

/* One stream: a pipe COMMAND writes to, relayed to one of our fds.  */
struct relay_stream
{
  int src;                      /* Our read end of the pipe.  */
  int child_fd;                 /* COMMAND's write end, until spawned.  */
  int dst;                      /* STDOUT_FILENO or STDERR_FILENO.  */
  enum relay_state state;
  bool use_splice;              /* Until splice says it cannot.  */
  char *buf;                    /* For read/write: held data.  */
  size_t held;
  size_t start;
};

/* COMMAND's standard output and error.  */
struct relay
{
  struct relay_stream stream[2];
};

void relay_open (struct relay *r);
void relay_child_started (struct relay *r);
size_t relay_pollfds (struct relay const *r, struct pollfd *fds);
bool relay_pump (struct relay *r, struct pollfd const *fds, size_t nfds);
bool relay_blocked (struct relay const *r);
void relay_drain (struct relay *r);
void relay_close (struct relay *r);

#endif /* GT_RELAY_H */
