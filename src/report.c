/* report.c -- the JSON report of a run, for --report.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   One JSON object, written when graceful-timeout is about to exit:

     {"command": [...], "pid": N, "started_at": "RFC 3339",
      "elapsed_s": S, "reason": "exit|deadline|idle|signal|error",
      "signals": [{"signal": "TERM", "at_s": S, "target": "group",
                   "processes": N}, ...],
      "grace_expired": B,
      "exit": {"code": N} | {"signal": "NAME", "core_dumped": B} | null,
      "status": N, "rusage": {"user_s": S, "sys_s": S, "max_rss_kb": N},
      "output_errors": {"stdout": "MESSAGE", "stderr": "MESSAGE"}}

   command      COMMAND and its arguments (struct report_run's ARGV)
   pid          COMMAND's pid, or null if it was never started (PID <= 0)
   started_at   when report_open was called, local time with milliseconds
   elapsed_s    seconds from report_open to report_write
   reason       why the run ended: COMMAND exited by itself ("exit"), the
                time limit ("deadline") or the idle limit ("idle") passed,
                a terminating signal was received ("signal"), or
                graceful-timeout failed after COMMAND was started or
                failed to start ("error")
   signals      each signal sent, in order: its name, seconds since the
                start, what it was sent to ("command", "group" or
                "tree"), and how many processes it reached when known
   grace_expired  whether --grace ran out during the termination and
                cut it short: the last signal in SIGNALS then went at
                once (false without --grace)
   exit         how COMMAND ended, from its wait status; null if it never
                ran or was not reaped (ENDED false).  Never mapped by
                --map-status
   status       graceful-timeout's own exit status, after --map-status
   rusage       CPU seconds of COMMAND and the descendants reaped, and
                their largest resident set in KiB
   output_errors  for each relayed stream whose destination failed
                (OUTPUT_ERRNO), the error's message in English; {} if none

   Numbers are printed from integers (milliseconds), never with printf's
   %f, so the report is the same JSON whatever LC_NUMERIC says.  Strings
   are valid JSON whatever bytes argv holds: '"', '\' and control
   characters are escaped, valid UTF-8 is copied, and each byte that is
   not part of valid UTF-8 becomes \udcXX, XX being the byte in hex (the
   "surrogateescape" convention: Python's json.loads followed by
   .encode ("utf-8", "surrogateescape") gives the bytes back).

   Where the report goes, and how (SPEC 2.2):
   - "-", /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N and
     /proc/self/fd/N name a descriptor, as in the shell's redirections:
     the report is written to that descriptor, at its own offset.
   - A FILE that exists and is a device or a FIFO is opened and written
     in place; it is never replaced.  A socket cannot be opened.
   - Otherwise FILE is, or will be, a regular file.  Symlinks are
     followed, and the report is written to a temporary file beside the
     final target, which gets the target's mode (and owner when root;
     0666 less the umask if new), is synced and renamed over the target:
     a reader never sees half a report.
   report_open only checks, before COMMAND runs, that FILE can be
   written as the shell's '>' could (so that every error that can be
   known is an error before anything happens); it creates nothing, so
   an exit at any point leaves no temporary file.  report_write builds
   the whole JSON in memory, then writes it without ever blocking for
   long: a reader that takes nothing for 2 s is given up on (SPEC 4.10).
   */

#include "system.h"
#include "report.h"

#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdckdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "c-ctype.h"
#include "ignore-value.h"
#include "intprops.h"
#include "signals.h"
#include "timespec.h"
#include "xalloc.h"
#include "xmemdup0.h"
#include "xvasprintf.h"

/* How long a reader may take nothing before the report is given up.  */
enum { STALL_LIMIT_S = 2 };

/* The most symlinks followed from FILE to its final target.  */
enum { MAX_SYMLINKS = 40 };

/* The current time of clock CLOCK.  */
static struct timespec
clock_now (clockid_t clock)
{
  struct timespec ts;
  clock_gettime (clock, &ts);
  return ts;
}

/* The descriptor FILE names ("-" being standard error), or -1 if it
   names none.  */
static int
descriptor_name (char const *file)
{
  if (strcmp (file, "-") == 0 || strcmp (file, "/dev/stderr") == 0)
    return STDERR_FILENO;
  if (strcmp (file, "/dev/stdout") == 0)
    return STDOUT_FILENO;
  if (strcmp (file, "/dev/stdin") == 0)
    return STDIN_FILENO;
  char const *digits = (strncmp (file, "/dev/fd/", 8) == 0 ? file + 8
                        : strncmp (file, "/proc/self/fd/", 14) == 0
                        ? file + 14 : NULL);
  if (!digits || !c_isdigit (*digits))
    return -1;
  int fd = 0;
  for (; c_isdigit (*digits); digits++)
    if (ckd_mul (&fd, fd, 10) || ckd_add (&fd, fd, *digits - '0'))
      fd = INT_MAX;
  /* INT_MAX is no open descriptor: report_open says EBADF.  */
  return *digits ? -1 : fd;
}

/* Whether FD is open for writing; if not, set errno.  */
static bool
writable_descriptor (int fd)
{
  int flags = fcntl (fd, F_GETFL);
  if (flags < 0)
    return false;
  if ((flags & O_ACCMODE) == O_RDONLY)
    {
      errno = EBADF;
      return false;
    }
  return true;
}

/* The directory part of PATH, newly allocated: "." if it has none.  */
static char *
dir_name (char const *path)
{
  char const *slash = strrchr (path, '/');
  return (!slash ? xstrdup (".")
          : slash == path ? xstrdup ("/")
          : xmemdup0 (path, slash - path));
}

/* The target of the symlink PATH, whose lstat size is SIZE, newly
   allocated; or NULL with errno set.  */
static char *
read_link (char const *path, off_t size)
{
  /* SIZE may be 0 (/proc) or stale: grow until the target fits.  */
  size_t bufsize = size < 128 ? 128 : size + 1;
  for (;;)
    {
      char *buf = xmalloc (bufsize);
      ssize_t n = readlink (path, buf, bufsize);
      if (0 <= n && (size_t) n < bufsize)
        {
          buf[n] = '\0';
          return buf;
        }
      int saved_errno = errno;
      free (buf);
      if (n < 0)
        {
          errno = saved_errno;
          return NULL;
        }
      if (ckd_mul (&bufsize, bufsize, 2))
        xalloc_die ();
    }
}

/* FILE with every symlink followed to its final target, which may not
   exist (as the shell's '>' creates a dangling symlink's target); newly
   allocated.  Return NULL, with errno set, on failure.  */
static char *
final_target (char const *file)
{
  char *path = xstrdup (file);
  for (int links = 0;; links++)
    {
      struct stat st;
      char *target = NULL;
      if (lstat (path, &st) != 0)
        {
          if (errno == ENOENT)
            return path;
        }
      else if (!S_ISLNK (st.st_mode))
        return path;
      else if (links == MAX_SYMLINKS)
        errno = ELOOP;
      else
        target = read_link (path, st.st_size);
      if (!target)
        {
          int saved_errno = errno;
          free (path);
          errno = saved_errno;
          return NULL;
        }
      if (target[0] != '/')
        {
          char *dir = dir_name (path);
          char *joined = xasprintf ("%s/%s", dir, target);
          free (dir);
          free (target);
          target = joined;
        }
      free (path);
      path = target;
    }
}

/* Set errno for FILE, which ends in '/', as open (FILE, O_CREAT) would
   and return false: it is a directory or names none.  */
static bool
refuse_directory_name (char const *file)
{
  struct stat st;
  if (stat (file, &st) == 0)
    errno = S_ISDIR (st.st_mode) ? EISDIR : ENOTDIR;
  else if (errno == ENOENT)
    {
      size_t len = strlen (file);
      while (1 < len && file[len - 1] == '/')
        len--;
      char *name = xmemdup0 (file, len);
      char *dir = dir_name (name);
      errno = stat (dir, &st) == 0 ? EISDIR : errno;
      free (dir);
      free (name);
    }
  return false;
}

/* Whether the existing file PATH, of status ST, can take a report, as
   the shell's '>' could write it; set *KIND to how.  If not, set
   errno.  */
static bool
check_existing (char const *path, struct stat const *st,
                enum report_kind *kind)
{
  if (S_ISDIR (st->st_mode))
    errno = EISDIR;
  else if (S_ISSOCK (st->st_mode))
    errno = ENXIO;
  else if (S_ISREG (st->st_mode))
    {
      /* Opening it is the only test that sees everything '>' would
         (mode, root's override, ACLs, immutable and append-only
         flags, a read-only file system); without O_TRUNC it changes
         nothing.  */
      *kind = REPORT_FILE;
      int fd = open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
      return 0 <= fd && close (fd) == 0;
    }
  else
    {
      /* A device or FIFO is not opened yet: opening a FIFO would wake
         its reader and closing it would give the reader an early end
         of file; opening a terminal or a tape can have effects.  */
      *kind = REPORT_DEVICE;
      return faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
    }
  return false;
}

/* Whether a new file PATH can be created.  If not, set errno.  */
static bool
check_new (char const *path)
{
  /* Asking the kernel about the directory, rather than creating and
     removing a file in it, leaves nothing behind even if we are
     killed.  */
  char *dir = dir_name (path);
  struct stat st;
  bool ok = stat (dir, &st) == 0;
  if (ok && !S_ISDIR (st.st_mode))
    {
      errno = ENOTDIR;
      ok = false;
    }
  ok = ok && faccessat (AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0;
  int saved_errno = errno;
  free (dir);
  errno = saved_errno;
  return ok;
}

/* Check that the report can go to the file named FILE, and set REP's
   kind and path.  Return false, with errno set, if it cannot.  */
static bool
check_path (struct report *rep, char const *file)
{
  if (!*file)
    {
      errno = ENOENT;
      return false;
    }
  if (file[strlen (file) - 1] == '/')
    return refuse_directory_name (file);
  char *path = final_target (file);
  if (!path)
    return false;
  struct stat st;
  rep->kind = REPORT_FILE;
  bool ok = (stat (path, &st) == 0 ? check_existing (path, &st, &rep->kind)
             : errno == ENOENT && check_new (path));
  if (ok)
    rep->path = path;
  else
    {
      int saved_errno = errno;
      free (path);
      errno = saved_errno;
    }
  return ok;
}

/* Prepare REP for a report to FILE and start its clock.  Return false,
   with errno set, if FILE cannot take a report.  Nothing is created.  */
bool
report_open (struct report *rep, char const *file)
{
  *rep = (struct report) { .fd = -1 };
  int fd = descriptor_name (file);
  if (0 <= fd)
    {
      /* A duplicate shares the caller's offset and survives whatever
         becomes of FD meanwhile; COMMAND does not inherit it.  */
      rep->kind = REPORT_DESCRIPTOR;
      if (!writable_descriptor (fd))
        return false;
      rep->fd = fcntl (fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
      if (rep->fd < 0)
        return false;
    }
  else if (!check_path (rep, file))
    return false;
  rep->start_mono = clock_now (CLOCK_MONOTONIC);
  rep->start_real = clock_now (CLOCK_REALTIME);
  return true;
}

/* Record that signal SIG was sent to TARGET, reaching PROCESSES
   processes (-1 if unknown).  */
void
report_signal (struct report *rep, int sig, char const *target,
               long processes)
{
  if (rep->nsignals == rep->allocated)
    rep->signals = x2nrealloc (rep->signals, &rep->allocated,
                               sizeof *rep->signals);
  rep->signals[rep->nsignals++] = (struct report_signal) {
    sig, clock_now (CLOCK_MONOTONIC), target, processes
  };
}

/* The length of the valid UTF-8 sequence at S (whose first byte is not
   ASCII), or 0 if there is none.  */
static size_t
utf8_length (unsigned char const *s)
{
  size_t len;
  unsigned int cp;
  if (0xC2 <= s[0] && s[0] <= 0xDF)
    len = 2, cp = s[0] & 0x1F;
  else if (0xE0 <= s[0] && s[0] <= 0xEF)
    len = 3, cp = s[0] & 0x0F;
  else if (0xF0 <= s[0] && s[0] <= 0xF4)
    len = 4, cp = s[0] & 0x07;
  else
    return 0;
  for (size_t i = 1; i < len; i++)
    {
      if ((s[i] & 0xC0) != 0x80)
        return 0;
      cp = cp << 6 | (s[i] & 0x3F);
    }
  /* No overlong forms, no surrogates, nothing above U+10FFFF.  */
  bool ok = (len == 3 ? 0x800 <= cp && !(0xD800 <= cp && cp <= 0xDFFF)
             : len == 4 ? 0x10000 <= cp && cp <= 0x10FFFF : true);
  return ok ? len : 0;
}

/* Write the bytes of STR to OUT as a JSON string.  */
static void
json_string (FILE *out, char const *str)
{
  unsigned char const *s = (unsigned char const *) str;
  putc ('"', out);
  while (*s)
    {
      size_t len;
      if (*s == '"' || *s == '\\')
        fprintf (out, "\\%c", *s++);
      else if (*s < 0x20 || *s == 0x7F)
        fprintf (out, "\\u%04x", *s++);
      else if (*s < 0x80)
        putc (*s++, out);
      else if ((len = utf8_length (s)))
        {
          fwrite (s, 1, len, out);
          s += len;
        }
      else
        fprintf (out, "\\udc%02x", *s++);
    }
  putc ('"', out);
}

/* Write signal SIG's name to OUT as a JSON string.  */
static void
json_signal (FILE *out, int sig)
{
  char name[SIG_NAME_MAX];
  json_string (out, sig_name (sig, name));
}

/* Write the duration D to OUT as seconds with milliseconds.  */
static void
json_duration (FILE *out, struct timespec d)
{
  fprintf (out, "%jd.%03ld", (intmax_t) d.tv_sec, d.tv_nsec / 1000000);
}

/* Write S seconds (not negative) to OUT with milliseconds.  */
static void
json_seconds (FILE *out, double s)
{
  long long ms = 0 < s ? (long long) (s * 1000 + 0.5) : 0;
  fprintf (out, "%lld.%03lld", ms / 1000, ms % 1000);
}

/* Write the time T to OUT as RFC 3339 with milliseconds and the
   local offset, e.g. "2026-11-21T16:08:00.123+01:00".  */
static void
json_time (FILE *out, struct timespec t)
{
  struct tm tm;
  localtime_r (&t.tv_sec, &tm);
  char date[sizeof "YYYY-MM-DDTHH:MM:SS" + 16];
  char zone[sizeof "+HHMM" + 8];
  strftime (date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
  strftime (zone, sizeof zone, "%z", &tm);
  fprintf (out, "\"%s.%03ld%.3s:%s\"", date, t.tv_nsec / 1000000, zone,
           zone + 3);
}

/* Write the message of error ERR to OUT as a JSON string, in English
   whatever LC_MESSAGES says, so that programs can match it.  */
static void
json_error (FILE *out, int err)
{
#if HAVE_USELOCALE
  locale_t c = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  locale_t old = c ? uselocale (c) : (locale_t) 0;
#endif
  json_string (out, strerror (err));
#if HAVE_USELOCALE
  if (c)
    {
      uselocale (old);
      freelocale (c);
    }
#endif
}

/* Write the signals REP recorded to OUT as a JSON array.  */
static void
json_signals (FILE *out, struct report const *rep)
{
  putc ('[', out);
  for (size_t i = 0; i < rep->nsignals; i++)
    {
      struct report_signal const *s = &rep->signals[i];
      fputs (i ? ", {\"signal\": " : "{\"signal\": ", out);
      json_signal (out, s->sig);
      fputs (", \"at_s\": ", out);
      json_duration (out, timespec_sub (s->at, rep->start_mono));
      fprintf (out, ", \"target\": \"%s\"", s->target);
      if (0 <= s->processes)
        fprintf (out, ", \"processes\": %ld", s->processes);
      putc ('}', out);
    }
  putc (']', out);
}

/* Write how RUN's COMMAND ended to OUT as a JSON value.  */
static void
json_exit (FILE *out, struct report_run const *run)
{
  if (!run->ended)
    fputs ("null", out);
  else if (WIFSIGNALED (run->wait_status))
    {
      fputs ("{\"signal\": ", out);
      json_signal (out, WTERMSIG (run->wait_status));
      fprintf (out, ", \"core_dumped\": %s}",
               WCOREDUMP (run->wait_status) ? "true" : "false");
    }
  else
    fprintf (out, "{\"code\": %d}", WEXITSTATUS (run->wait_status));
}

/* Write the relay errors of RUN to OUT as a JSON object.  */
static void
json_output_errors (FILE *out, struct report_run const *run)
{
  static char const *const streams[] = { "stdout", "stderr" };
  char const *sep = "";
  putc ('{', out);
  for (size_t i = 0; i < countof (streams); i++)
    if (run->output_errno[i])
      {
        fprintf (out, "%s\"%s\": ", sep, streams[i]);
        json_error (out, run->output_errno[i]);
        sep = ", ";
      }
  putc ('}', out);
}

/* Write the report's JSON object to OUT.  */
static void
write_json (FILE *out, struct report const *rep,
            struct report_run const *run)
{
  fputs ("{\"command\": [", out);
  for (char *const *a = run->argv; *a; a++)
    {
      fputs (a == run->argv ? "" : ", ", out);
      json_string (out, *a);
    }
  if (0 < run->pid)
    fprintf (out, "], \"pid\": %ld", (long) run->pid);
  else
    fputs ("], \"pid\": null", out);
  fputs (", \"started_at\": ", out);
  json_time (out, rep->start_real);
  fputs (", \"elapsed_s\": ", out);
  json_duration (out, timespec_sub (clock_now (CLOCK_MONOTONIC),
                                    rep->start_mono));
  fprintf (out, ", \"reason\": \"%s\", \"signals\": ", run->reason);
  json_signals (out, rep);
  fprintf (out, ", \"grace_expired\": %s, \"exit\": ",
           run->grace_expired ? "true" : "false");
  json_exit (out, run);
  fprintf (out, ", \"status\": %d, \"rusage\": {\"user_s\": ", run->status);
  json_seconds (out, run->user_s);
  fputs (", \"sys_s\": ", out);
  json_seconds (out, run->sys_s);
  fprintf (out, ", \"max_rss_kb\": %ld}, \"output_errors\": ",
           run->max_rss_kb);
  json_output_errors (out, run);
  fputs ("}\n", out);
}

/* Close FD; return OK, and false if closing fails, keeping the errno
   of an earlier failure.  */
static bool
close_keeping_errno (int fd, bool ok)
{
  int saved_errno = errno;
  bool closed = close (fd) == 0;
  if (!ok)
    errno = saved_errno;
  return ok && closed;
}

/* Milliseconds from now to DEADLINE (CLOCK_MONOTONIC), rounded up;
   0 if it has passed.  */
static int
ms_until (struct timespec deadline)
{
  struct timespec left = timespec_sub (deadline,
                                       clock_now (CLOCK_MONOTONIC));
  return (left.tv_sec < 0 ? 0
          : (int) (left.tv_sec * 1000 + (left.tv_nsec + 999999) / 1000000));
}

/* Write the LEN bytes at BUF to FD, at most CHUNK at a time, each time
   FD polls writable, so that a descriptor in blocking mode never blocks
   us for long.  Give up, with errno ETIMEDOUT, once nothing could be
   written for STALL_LIMIT_S.  Return false, with errno set, on
   failure.  */
static bool
write_bounded (int fd, char const *buf, size_t len, size_t chunk)
{
  struct timespec limit = { STALL_LIMIT_S, 0 };
  struct timespec deadline = timespec_add (clock_now (CLOCK_MONOTONIC),
                                           limit);
  while (len)
    {
      struct pollfd p = { .fd = fd, .events = POLLOUT };
      int ready = poll (&p, 1, ms_until (deadline));
      if (ready == 0)
        errno = ETIMEDOUT;
      if (ready <= 0)
        {
          if (ready < 0 && errno == EINTR)
            continue;
          return false;
        }
      ssize_t n = write (fd, buf, len < chunk ? len : chunk);
      if (n < 0)
        {
          if (errno == EAGAIN || errno == EINTR)
            continue;
          return false;
        }
      buf += n;
      len -= n;
      deadline = timespec_add (clock_now (CLOCK_MONOTONIC), limit);
    }
  return true;
}

/* Write the report BUF of LEN bytes to the device or FIFO PATH, in
   place.  Return false, with errno set, on failure.  */
static bool
write_device (char const *path, char const *buf, size_t len)
{
  /* Our own open file description, so O_NONBLOCK is ours to set: a
     FIFO without a reader fails at once (ENXIO) rather than blocking
     the open, and a full one makes write return at once.  */
  int fd = open (path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return false;
  return close_keeping_errno (fd, write_bounded (fd, buf, len, SIZE_MAX));
}

/* Write the report BUF of LEN bytes to descriptor FD, which is not
   ours.  Return false, with errno set, on failure.  */
static bool
write_descriptor (int fd, char const *buf, size_t len)
{
  /* O_NONBLOCK belongs to the open file description, which FD shares
     with the caller and COMMAND: setting it would make their writes
     fail with EAGAIN.  A pipe, FIFO or terminal can instead be opened
     again through /proc, giving a description of our own on the same
     object, which we make non-blocking.  */
  struct stat st;
  if (fstat (fd, &st) != 0)
    return false;
  if (S_ISFIFO (st.st_mode) || isatty (fd))
    {
      char name[sizeof "/proc/self/fd/" + INT_STRLEN_BOUND (int)];
      sprintf (name, "/proc/self/fd/%d", fd);
      int own = open (name, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
      if (0 <= own)
        return close_keeping_errno (own,
                                    write_bounded (own, buf, len, SIZE_MAX));
      if (errno == ENXIO)
        {
          /* The pipe has no reader left.  */
          errno = EPIPE;
          return false;
        }
    }
  /* Elsewhere (no /proc, a socket, a file): write in blocking mode, but
     only what FD is ready for.  POLLOUT on a pipe promises room for
     PIPE_BUF bytes; other objects that poll writable take a write
     without blocking for long.  */
  return write_bounded (fd, buf, len, PIPE_BUF);
}

/* Write the report BUF of LEN bytes to the existing regular file PATH
   in place, as the shell's '>' would.  Return false, with errno set,
   on failure.  */
static bool
write_in_place (char const *path, char const *buf, size_t len)
{
  int fd = open (path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return false;
  return close_keeping_errno (fd, write_bounded (fd, buf, len, SIZE_MAX));
}

/* Give the new file FD the mode (and owner, if we may) of the file of
   status ST, or if ST is null the mode a new file gets.  Return false,
   with errno set, on failure.  */
static bool
copy_mode (int fd, struct stat const *st)
{
  mode_t mode;
  if (st)
    {
      /* Only root may give a file away: others keep what is theirs.
         This comes first, since a change of owner clears set-id
         bits.  */
      if (st->st_uid != geteuid () || st->st_gid != getegid ())
        ignore_value (fchown (fd, st->st_uid, st->st_gid));
      mode = st->st_mode & 07777;
    }
  else
    {
      mode_t mask = umask (0);
      umask (mask);
      mode = 0666 & ~mask;
    }
  return fchmod (fd, mode) == 0;
}

/* Write the report BUF of LEN bytes to the regular file PATH (the
   final target of FILE), atomically: to a temporary file beside it,
   synced and renamed over it.  Return false, with errno set, on
   failure.  */
static bool
write_file (char const *path, char const *buf, size_t len)
{
  struct stat st;
  bool exists = stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      errno = EISDIR;
      return false;
    }
  /* It became a device or FIFO since report_open: never replace it.  */
  if (exists && !S_ISREG (st.st_mode))
    return write_device (path, buf, len);
  if (!exists && errno != ENOENT)
    return false;

  char const *slash = strrchr (path, '/');
  int dirlen = slash ? (int) (slash - path + 1) : 0;
  char *tmp = xasprintf ("%.*s.%s.XXXXXX", dirlen, path, path + dirlen);
  int fd = mkostemp (tmp, O_CLOEXEC);
  bool ok = 0 <= fd;
  if (ok)
    {
      ok = (copy_mode (fd, exists ? &st : NULL)
            && write_bounded (fd, buf, len, SIZE_MAX)
            && fsync (fd) == 0);
      ok = close_keeping_errno (fd, ok) && rename (tmp, path) == 0;
      if (!ok)
        {
          int saved_errno = errno;
          unlink (tmp);
          errno = saved_errno;
        }
    }
  free (tmp);

  /* A directory we may not write in, or a sticky one holding someone
     else's file: report_open found FILE itself writable, so write it
     in place as '>' would.  */
  if (!ok && exists && (errno == EACCES || errno == EPERM))
    return write_in_place (path, buf, len);
  return ok;
}

/* Write the report BUF of LEN bytes where REP says.  Return false, with
   errno set, on failure.  */
static bool
write_out (struct report const *rep, char const *buf, size_t len)
{
  switch (rep->kind)
    {
    case REPORT_FILE:
      return write_file (rep->path, buf, len);
    case REPORT_DEVICE:
      return write_device (rep->path, buf, len);
    case REPORT_DESCRIPTOR:
      return write_descriptor (rep->fd, buf, len);
    }
  abort ();
}

/* Write the report of RUN where REP says, and free REP.
   Return false, with errno set, if it could not be written.  */
bool
report_write (struct report *rep, struct report_run const *run)
{
  /* All of it in memory first, so that the destination sees one
     sequence of writes and nothing if it cannot be built.  */
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&buf, &len);
  bool ok = out != NULL;
  if (ok)
    {
      write_json (out, rep, run);
      ok = fclose (out) == 0;
    }
  if (ok)
    {
      /* A reader that goes away must give us EPIPE, not kill us, even
         where SIGPIPE is not blocked (an exit on error).  */
      struct sigaction ignore = { .sa_handler = SIG_IGN }, old;
      bool ignoring = sigaction (SIGPIPE, &ignore, &old) == 0;
      ok = write_out (rep, buf, len);
      int saved_errno = errno;
      if (ignoring)
        sigaction (SIGPIPE, &old, NULL);
      errno = saved_errno;
    }
  int saved_errno = errno;
  free (buf);
  if (0 <= rep->fd)
    close (rep->fd);
  free (rep->signals);
  free (rep->path);
  errno = saved_errno;
  return ok;
}
