/* relay.h -- relay COMMAND's output, for --idle-timeout.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_RELAY_H
#define GT_RELAY_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Where a stream stands.  */
enum relay_state
{
  RELAY_INPUT,                  /* Waiting for COMMAND to write.  */
  RELAY_OUTPUT,                 /* Holding data the destination refused.  */
  RELAY_DISCARD,                /* The destination failed: read, drop.  */
  RELAY_CLOSED                  /* At EOF, gone, or never relayed.  */
};

/* How a destination is written without ever blocking us.  */
enum relay_dest
{
  DEST_PLAIN,                   /* A regular file or block device.  */
  DEST_OWN,                     /* Our own non-blocking open of it.  */
  DEST_SOCKET,                  /* send with MSG_DONTWAIT.  */
  DEST_POLLED                   /* Only after POLLOUT, PIPE_BUF at most.  */
};

/* One stream: a pipe COMMAND writes to, relayed to one of our fds.  */
struct relay_stream
{
  char const *name;             /* "standard output" or "... error".  */
  int src;                      /* Our read end of the pipe.  */
  int child_fd;                 /* COMMAND's write end, until spawned.  */
  int dst;                      /* Where we write.  */
  enum relay_dest how;
  enum relay_state state;
  bool use_splice;              /* Until splice says it cannot.  */
  char *buf;                    /* For read/write: held data.  */
  size_t size;                  /* Of BUF.  */
  size_t held;
  size_t start;
  unsigned long long written;   /* Bytes delivered so far.  */
  int error;                    /* What the destination failed with.  */
  struct timespec stalled_since; /* Since the destination took nothing,
                                    while in RELAY_OUTPUT.  */
};

/* COMMAND's standard output and error.  */
struct relay
{
  struct relay_stream stream[2];
};

/* The pollfds relay_pollfds fills.  */
enum { RELAY_POLLFDS = 2 };

void relay_open (struct relay *r, bool out_closed, bool err_closed);
void relay_child_started (struct relay *r);
size_t relay_pollfds (struct relay const *r, struct pollfd *fds);
bool relay_pump (struct relay *r, struct pollfd const *fds, size_t nfds,
                 struct timespec now);
bool relay_blocked (struct relay const *r);
bool relay_stalled_since (struct relay const *r, struct timespec *since);
bool relay_settle (struct relay *r);
void relay_abandon (struct relay *r);
int relay_error (struct relay const *r, int stream);
void relay_close (struct relay *r);

#endif /* GT_RELAY_H */
