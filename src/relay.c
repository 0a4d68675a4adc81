/* relay.c -- relay COMMAND's output, for --idle-timeout.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   With --idle-timeout, COMMAND writes its standard output and error
   into two pipes, and graceful-timeout moves every byte on to its own,
   each stream in order: with splice(2) where the kernel can (the data
   never enters our memory), with read and write otherwise.

   Nothing is buffered without bound: a stream whose destination is full
   stops being read, so COMMAND blocks on its next write, as it would
   without us.  Such a stream is "blocked", which is not "idle".

   The supervisor itself never blocks on a destination: it must serve
   signals and deadlines at all times.  Our standard output and error
   are shared with other processes, so we do not make them non-blocking;
   instead each is written through a way that cannot block:
   - a regular file or block device as it is (it never waits for a
     reader);
   - a pipe, FIFO, terminal or other device through our own open file
     description of it (/proc/self/fd/N reopened with O_NONBLOCK);
   - a socket with send (MSG_DONTWAIT);
   - anything else only when poll says it is writable, PIPE_BUF bytes at
     a time.

   A destination that is gone (EPIPE) ends its stream: we close our read
   end, and COMMAND's next write meets EPIPE or SIGPIPE, as it would
   without us.  Any other destination error (ENOSPC, EIO) is reported
   once and the stream is discarded from then on: COMMAND keeps running
   and its status is kept.  A standard stream that was closed when we
   started is not relayed at all.  The pipes keep the system's default
   size, and the buffers are allocated before COMMAND starts.  */

#include "system.h"
#include "relay.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "error.h"
#include "timespec.h"
#include "xalloc.h"

/* The most one read moves: a default pipe's capacity.  */
enum { RELAY_CHUNK = 1 << 16 };

/* Open our own non-blocking description of the destination FD, if the
   system lets us.  Return it, or -1.  */
static int
reopen_nonblocking (int fd)
{
  char path[sizeof "/proc/self/fd/" + 12];
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  return open (path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
}

/* Choose how STREAM writes to the destination FD without blocking.  */
static void
dest_open (struct relay_stream *stream, int fd)
{
  struct stat st;
  stream->dst = fd;
  stream->how = DEST_POLLED;
  if (fstat (fd, &st) != 0)
    return;
  if (S_ISREG (st.st_mode) || S_ISBLK (st.st_mode))
    stream->how = DEST_PLAIN;   /* Its offset is shared: keep it.  */
  else if (S_ISSOCK (st.st_mode))
    stream->how = DEST_SOCKET;
  else
    {
      int own = reopen_nonblocking (fd);
      if (0 <= own)
        {
          stream->dst = own;
          stream->how = DEST_OWN;
        }
    }
#if HAVE_SPLICE
  stream->use_splice = stream->how == DEST_PLAIN || stream->how == DEST_OWN;
#endif
}

/* Open STREAM, named NAME, for our descriptor FD; if CLOSED, FD was
   closed when we started and is not relayed.  */
static void
stream_open (struct relay_stream *stream, int fd, char const *name,
             bool closed)
{
  *stream = (struct relay_stream) { .name = name, .src = -1,
                                    .child_fd = -1, .dst = -1,
                                    .state = RELAY_CLOSED };
  if (closed)
    return;
  int fds[2];
  if (pipe2 (fds, O_CLOEXEC) != 0)
    error (EXIT_CANCELED, errno, _("cannot create a pipe"));
  /* Only our end is non-blocking: COMMAND must block on a full pipe.  */
  fcntl (fds[0], F_SETFL, fcntl (fds[0], F_GETFL) | O_NONBLOCK);
  stream->src = fds[0];
  stream->child_fd = fds[1];
  stream->state = RELAY_INPUT;
  stream->size = RELAY_CHUNK;
  stream->buf = xmalloc (stream->size);
  dest_open (stream, fd);
}

/* Open the pipes of R, for COMMAND's standard output and error, but not
   for a stream that was closed when we started (OUT_CLOSED,
   ERR_CLOSED).  */
void
relay_open (struct relay *r, bool out_closed, bool err_closed)
{
  stream_open (&r->stream[0], STDOUT_FILENO, N_("standard output"),
               out_closed);
  stream_open (&r->stream[1], STDERR_FILENO, N_("standard error"),
               err_closed);
}

/* COMMAND has been started with the write ends of R: close ours, so that
   EOF comes when COMMAND and its descendants have closed theirs.  */
void
relay_child_started (struct relay *r)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    if (0 <= r->stream[i].child_fd)
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
  stream->held = 0;
}

/* Write some of what STREAM holds.  Return the bytes written, or -1
   with errno set (EAGAIN: the destination takes nothing now).  */
static ssize_t
dest_write (struct relay_stream *stream)
{
  char const *p = stream->buf + stream->start;
  size_t n = stream->held;
  switch (stream->how)
    {
    case DEST_SOCKET:
      return send (stream->dst, p, n, MSG_DONTWAIT | MSG_NOSIGNAL);
    case DEST_POLLED:
      return write (stream->dst, p, n < PIPE_BUF ? n : PIPE_BUF);
    default:
      return write (stream->dst, p, n);
    }
}

/* Write what STREAM holds, as much as the destination takes now; a
   destination that is only polled gets one write.  Return false, with
   errno set, if some is left.  */
static bool
flush_held (struct relay_stream *stream)
{
  while (stream->held)
    {
      ssize_t n = dest_write (stream);
      if (n < 0)
        return false;
      stream->start += n;
      stream->held -= n;
      stream->written += n;
      if (stream->how == DEST_POLLED && stream->held)
        {
          errno = EAGAIN;
          return false;
        }
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
      if (0 < n)
        stream->written += n;
      if (0 <= n || (errno != EINVAL && errno != ENOSYS))
        return n;
      stream->use_splice = false;
    }
#endif
  if (stream->held && !flush_held (stream))
    return -1;
  ssize_t n = read (stream->src, stream->buf, stream->size);
  if (n <= 0)
    return n;
  stream->start = 0;
  stream->held = n;
  /* A polled destination is written when poll says so, not now.  */
  if (stream->how != DEST_POLLED && !flush_held (stream) && errno != EAGAIN)
    return -1;
  return n;
}

/* How many bytes STREAM has in its pipe and in our hands.  */
static size_t
pending (struct relay_stream const *stream)
{
  int avail = 0;
  if (stream->state == RELAY_CLOSED
      || ioctl (stream->src, FIONREAD, &avail) != 0 || avail < 0)
    avail = 0;
  return stream->held + avail;
}

/* Read and drop what STREAM has, its destination having failed.
   Return whether COMMAND wrote anything.  */
static bool
discard (struct relay_stream *stream)
{
  ssize_t n = read (stream->src, stream->buf, stream->size);
  if (n == 0)
    stream_close (stream);
  return 0 < n;
}

/* The destination of STREAM has failed with errno ERR: say so once,
   and drop the stream's output from now on.  */
static void
dest_failed (struct relay_stream *stream, int err)
{
  diag (err, _("error writing the command's %s; discarding it"),
        _(stream->name));
  stream->error = err;
  stream->held = 0;
  stream->state = RELAY_DISCARD;
}

/* Move data for STREAM, which poll says is ready, at time NOW; then
   update its state.  Return whether any byte was read from COMMAND.  */
static bool
pump_stream (struct relay_stream *stream, struct timespec now)
{
  if (stream->state == RELAY_DISCARD)
    return discard (stream);
  enum relay_state was = stream->state;
  unsigned long long written = stream->written;
  ssize_t n = move (stream);
  if (n == 0)
    stream_close (stream);
  else if (n < 0 && errno == EPIPE)
    stream_close (stream);
  else if (n < 0 && errno != EAGAIN)
    dest_failed (stream, errno);
  else
    {
      /* Data is waiting while the destination refuses it; or there was
         none after all.  */
      stream->state = stream->held || (n < 0 && pending (stream))
                      ? RELAY_OUTPUT : RELAY_INPUT;
      if (stream->state == RELAY_OUTPUT
          && (was != RELAY_OUTPUT || stream->written != written))
        stream->stalled_since = now;
    }
  return 0 < n;
}

/* Fill FDS with what R waits for: RELAY_POLLFDS pollfds, fd -1 for a
   closed stream.  Return how many were filled.  */
size_t
relay_pollfds (struct relay const *r, struct pollfd *fds)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      struct relay_stream const *s = &r->stream[i];
      bool out = s->state == RELAY_OUTPUT;
      fds[i].fd = s->state == RELAY_CLOSED ? -1 : out ? s->dst : s->src;
      fds[i].events = out ? POLLOUT : POLLIN;
      fds[i].revents = 0;
    }
  return countof (r->stream);
}

/* Move data for every stream that FDS, as filled by relay_pollfds and
   polled, says is ready, at time NOW.  Return whether COMMAND wrote
   anything.  */
bool
relay_pump (struct relay *r, struct pollfd const *fds, size_t nfds,
            struct timespec now)
{
  bool active = false;
  for (size_t i = 0; i < nfds && i < countof (r->stream); i++)
    if (fds[i].fd >= 0 && fds[i].revents)
      active |= pump_stream (&r->stream[i], now);
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

/* If a destination of R is taking nothing, store in *SINCE since when
   (the earliest, if both) and return true.  */
bool
relay_stalled_since (struct relay const *r, struct timespec *since)
{
  bool stalled = false;
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      struct relay_stream const *s = &r->stream[i];
      if (s->state == RELAY_OUTPUT
          && (!stalled || timespec_cmp (s->stalled_since, *since) < 0))
        {
          *since = s->stalled_since;
          stalled = true;
        }
    }
  return stalled;
}

/* COMMAND has ended: close every stream that has nothing more to
   deliver now (what a descendant still running writes later is not
   waited for).  Return whether some stream still has data.  */
bool
relay_settle (struct relay *r)
{
  bool left = false;
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      struct relay_stream *s = &r->stream[i];
      while (s->state == RELAY_DISCARD && discard (s))
        continue;
      if (s->state != RELAY_CLOSED && !pending (s))
        stream_close (s);
      left |= s->state != RELAY_CLOSED;
    }
  return left;
}

/* Give up delivering what R still holds: the destination takes nothing
   and graceful-timeout has to end.  Say how much is lost.  */
void
relay_abandon (struct relay *r)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      struct relay_stream *s = &r->stream[i];
      size_t lost = pending (s);
      if (lost)
        {
          diag (0, ngettext ("%zu byte of the command's %s could not be"
                             " delivered: the destination takes nothing",
                             "%zu bytes of the command's %s could not be"
                             " delivered: the destination takes nothing",
                             lost),
                lost, _(s->name));
          if (!s->error)
            s->error = ETIMEDOUT;
        }
      stream_close (s);
    }
}

/* The error that stream I (0: standard output, 1: standard error) of R
   met at its destination, or 0.  */
int
relay_error (struct relay const *r, int i)
{
  return r->stream[i].error;
}

/* Close what is left of R.  */
void
relay_close (struct relay *r)
{
  for (size_t i = 0; i < countof (r->stream); i++)
    {
      struct relay_stream *s = &r->stream[i];
      stream_close (s);
      if (s->how == DEST_OWN && 0 <= s->dst)
        close (s->dst);
      s->dst = -1;
      free (s->buf);
      s->buf = NULL;
    }
}
