/* report.c -- the JSON report of a run, for --report.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   One JSON object, written when graceful-timeout is about to exit:

     {"command": [...], "pid": N, "started_at": "RFC 3339",
      "elapsed_s": S, "reason": "exit|deadline|idle|signal",
      "signals": [{"signal": "TERM", "at_s": S, "target": "group",
                   "processes": N}, ...],
      "exit": {"code": N} | {"signal": "NAME", "core_dumped": B},
      "status": N, "rusage": {"user_s": S, "sys_s": S, "max_rss_kb": N}}

   Strings are valid JSON whatever bytes argv holds: '"', '\' and
   control characters are escaped, valid UTF-8 is copied, and each byte
   that is not part of valid UTF-8 becomes \udcXX, XX being the byte in
   hex (the "surrogateescape" convention: Python's json.loads followed by
   .encode ("utf-8", "surrogateescape") gives the bytes back).

   The report goes to a temporary file beside FILE, created before
   COMMAND runs (so that a FILE that cannot be written is an error
   before anything happens), and is renamed to FILE at the end: a reader
   never sees half a report.  */

#include "system.h"
#include "report.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "signals.h"
#include "timespec.h"
#include "xalloc.h"
#include "xvasprintf.h"

/* The current time of clock CLOCK.  */
static struct timespec
clock_now (clockid_t clock)
{
  struct timespec ts;
  clock_gettime (clock, &ts);
  return ts;
}

/* Prepare REP for a report to FILE ("-" for standard error) and start
   its clock.  Return false, with errno set, if FILE cannot be
   written.  */
bool
report_open (struct report *rep, char const *file)
{
  *rep = (struct report) { .fd = -1 };
  if (strcmp (file, "-") != 0)
    {
      char const *slash = strrchr (file, '/');
      int dirlen = slash ? (int) (slash - file + 1) : 0;
      rep->tmp_path = xasprintf ("%.*s.%s.XXXXXX", dirlen, file,
                                 slash ? slash + 1 : file);
      rep->fd = mkostemp (rep->tmp_path, O_CLOEXEC);
      if (rep->fd < 0)
        {
          int saved_errno = errno;
          free (rep->tmp_path);
          errno = saved_errno;
          return false;
        }
      /* The mode any new file gets, not mkostemp's 0600.  */
      mode_t mask = umask (0);
      umask (mask);
      fchmod (rep->fd, 0666 & ~mask);
      rep->path = xstrdup (file);
    }
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

/* Seconds from START to T.  */
static double
seconds_since (struct timespec start, struct timespec t)
{
  return timespectod (timespec_sub (t, start));
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
  fprintf (out, "], \"pid\": %ld, \"started_at\": ", (long) run->pid);
  json_time (out, rep->start_real);
  fprintf (out, ", \"elapsed_s\": %.3f, \"reason\": \"%s\", \"signals\": [",
           seconds_since (rep->start_mono, clock_now (CLOCK_MONOTONIC)),
           run->reason);
  for (size_t i = 0; i < rep->nsignals; i++)
    {
      struct report_signal const *s = &rep->signals[i];
      fputs (i ? ", {\"signal\": " : "{\"signal\": ", out);
      json_signal (out, s->sig);
      fprintf (out, ", \"at_s\": %.3f, \"target\": \"%s\"",
               seconds_since (rep->start_mono, s->at), s->target);
      if (0 <= s->processes)
        fprintf (out, ", \"processes\": %ld", s->processes);
      putc ('}', out);
    }
  if (WIFSIGNALED (run->wait_status))
    {
      fputs ("], \"exit\": {\"signal\": ", out);
      json_signal (out, WTERMSIG (run->wait_status));
      fprintf (out, ", \"core_dumped\": %s}",
               WCOREDUMP (run->wait_status) ? "true" : "false");
    }
  else
    fprintf (out, "], \"exit\": {\"code\": %d}",
             WEXITSTATUS (run->wait_status));
  fprintf (out, ", \"status\": %d, \"rusage\": {\"user_s\": %.3f,"
           " \"sys_s\": %.3f, \"max_rss_kb\": %ld}}\n",
           run->status, run->user_s, run->sys_s, run->max_rss_kb);
}

/* Write the report of RUN where REP says, and free REP.
   Return false, with errno set, if it could not be written.  */
bool
report_write (struct report *rep, struct report_run const *run)
{
  bool ok;
  if (!rep->path)
    {
      write_json (stderr, rep, run);
      ok = fflush (stderr) == 0;
    }
  else
    {
      FILE *out = fdopen (rep->fd, "w");
      ok = out != NULL;
      if (ok)
        {
          write_json (out, rep, run);
          ok = fclose (out) == 0 && rename (rep->tmp_path, rep->path) == 0;
        }
      if (!ok)
        {
          int saved_errno = errno;
          unlink (rep->tmp_path);
          errno = saved_errno;
        }
    }
  free (rep->signals);
  free (rep->path);
  free (rep->tmp_path);
  return ok;
}
