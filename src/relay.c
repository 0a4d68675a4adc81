/* relay.c -- relay COMMAND's output, for --idle-timeout.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   With --idle-timeout, COMMAND writes its standard output and error
   into two pipes, and graceful-timeout moves every byte on to its own,
   each stream in order: with splice(2) where the kernel can (the data
   never enters our memory), with read and write otherwise.

   Nothing is buffered without bound: a stream whose destination is full
   stops being read, so COMMAND blocks on its next write, as it would
   without us.  Such a stream is "blocked", which is not "idle".  A
   destination that is gone (EPIPE) ends its stream: we close our read
   end, and COMMAND's next write meets EPIPE or SIGPIPE, as it would
   without us.  When COMMAND has ended, everything it wrote is drained.  */

#include "system.h"
#include "relay.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "error.h"
#include "xalloc.h"

/* The most one splice or read moves, and the pipe size we ask for.  */
enum { RELAY_CHUNK = 1 << 20 };

/* Open the pipe for STREAM, relayed to DST.  */
static void
stream_open (struct relay_stream *stream, int dst)
{
  int fds[2];
  if (pipe2 (fds, O_CLOEXEC) != 0)
    error (EXIT_CANCELED, errno, _("cannot create a pipe"));
  /* Only our end is non-blocking: COMMAND must block on a full pipe.  */
  fcntl (fds[0], F_SETFL, fcntl (fds[0], F_GETFL) | O_NONBLOCK);
#ifdef F_SETPIPE_SZ
  /* Fewer, larger moves; the kernel may refuse, which costs nothing.  */
  fcntl (fds[0], F_SETPIPE_SZ, RELAY_CHUNK);
#endif
  *stream = (struct relay_stream) {
    .src = fds[0], .child_fd = fds[1], .dst = dst, .state = RELAY_INPUT,
#if HAVE_SPLICE
    .use_splice = true,
#endif
  };
}

/* Open the pipes of R, for COMMAND's standard output and error.  */
void
relay_open (struct relay *r)
{
  stream_open (&r->stream[0], STDOUT_FILENO);
  stream_open (&r->stream[1], STDERR_FILENO);
}

/* COMMAND has been started with the write ends of R: close ours, so that
   EOF comes when COMMAND and its descendants have closed theirs.  */
void
relay_child_started (struct relay *r)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      close (r->stream[i].child_fd);
      r->stream[i].child_fd = -1;
    }
}

/* End STREAM: no more is read from it or written for it.  */
static void
stream_close (struct relay_stream *stream)
{
  if (stream->state == RELAY_CLOSED)
    return;
  close (stream->src);
  stream->state = RELAY_CLOSED;
  free (stream->buf);
  stream->buf = NULL;
  stream->held = 0;
}

/* Write what STREAM holds.  Return false if the destination is full.  */
static bool
flush_held (struct relay_stream *stream)
{
  while (stream->held)
    {
      ssize_t n = write (stream->dst, stream->buf + stream->start,
                         stream->held);
      if (n < 0)
        return false;
      stream->start += n;
      stream->held -= n;
    }
  return true;
}

/* Move what STREAM can from COMMAND to its destination, by splice when
   possible.  Return the number of bytes read from COMMAND, 0 at EOF,
   or -1 with errno set (EAGAIN: nothing to do now).  */
static ssize_t
move (struct relay_stream *stream)
{
#if HAVE_SPLICE
  if (stream->use_splice && !stream->held)
    {
      ssize_t n = splice (stream->src, NULL, stream->dst, NULL, RELAY_CHUNK,
                          SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
      if (0 <= n || (errno != EINVAL && errno != ENOSYS))
        return n;
      stream->use_splice = false;
    }
#endif
  if (stream->held && !flush_held (stream))
    return -1;
  if (!stream->buf)
    stream->buf = xmalloc (RELAY_CHUNK);
  ssize_t n = read (stream->src, stream->buf, RELAY_CHUNK);
  if (n <= 0)
    return n;
  stream->start = 0;
  stream->held = n;
  if (!flush_held (stream) && errno != EAGAIN)
    return -1;
  return n;
}

/* Whether STREAM has data in its pipe or in our hands.  */
static bool
has_data (struct relay_stream const *stream)
{
  int avail = 0;
  return stream->held || (ioctl (stream->src, FIONREAD, &avail) == 0
                          && 0 < avail);
}

/* Move data for STREAM, then update its state.  Return whether any byte
   was read from COMMAND.  */
static bool
pump_stream (struct relay_stream *stream)
{
  ssize_t n = move (stream);
  if (n == 0)
    stream_close (stream);
  else if (n < 0 && errno == EAGAIN)
    {
      /* Data is waiting while the destination refuses it; or there was
         none after all.  */
      stream->state = has_data (stream) ? RELAY_OUTPUT : RELAY_INPUT;
    }
  else if (n < 0)
    {
      if (errno != EPIPE)
        error (0, errno, _("error relaying the command's output"));
      stream_close (stream);
    }
  else
    stream->state = stream->held ? RELAY_OUTPUT : RELAY_INPUT;
  return 0 < n;
}

/* Fill FDS with what R waits for: a pollfd a stream, fd -1 for a closed
   one.  Return how many were filled.  */
size_t
relay_pollfds (struct relay const *r, struct pollfd *fds)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      struct relay_stream const *s = &r->stream[i];
      fds[i].fd = s->state == RELAY_CLOSED ? -1
                  : s->state == RELAY_INPUT ? s->src : s->dst;
      fds[i].events = s->state == RELAY_INPUT ? POLLIN : POLLOUT;
      fds[i].revents = 0;
    }
  return countof (r->stream);
}

/* Move data for every stream that FDS, as filled by relay_pollfds and
   polled, says is ready.  Return whether COMMAND wrote anything.  */
bool
relay_pump (struct relay *r, struct pollfd const *fds, size_t nfds)
{
  bool active = false;
  for (size_t i = 0; i < nfds && i < countof (r->stream); i++)
    if (fds[i].fd >= 0 && fds[i].revents)
      active |= pump_stream (&r->stream[i]);
  return active;
}

/* Whether a stream holds data its destination does not take yet: then
   COMMAND is blocked, not idle.  */
bool
relay_blocked (struct relay const *r)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    if (r->stream[i].state == RELAY_OUTPUT)
      return true;
  return false;
}

/* COMMAND has ended: deliver everything it wrote, waiting for slow
   destinations.  What a descendant still running writes later is not
   waited for.  */
void
relay_drain (struct relay *r)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      struct relay_stream *s = &r->stream[i];
      while (s->state != RELAY_CLOSED && has_data (s))
        {
          if (s->state == RELAY_OUTPUT)
            {
              struct pollfd pfd = { .fd = s->dst, .events = POLLOUT };
              poll (&pfd, 1, -1);
            }
          pump_stream (s);
        }
    }
}

/* Close what is left of R.  */
void
relay_close (struct relay *r)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    stream_close (&r->stream[i]);
}
