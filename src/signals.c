/* signals.c -- the signal table: names, numbers and descriptions.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   One table maps every signal this platform names to its name, a short
   description and whether its default action terminates a process (the
   set GNU timeout 9.10 forwards).  Real-time signals have no table
   entry: they are spelled RTMIN+K or RTMAX-K.  Names and numbers are
   converted by gnulib's str2sig and sig2str, as GNU timeout does, so
   the SIGNAL grammar and the names printed are exactly GNU's.

   Nothing here prints or exits; main.c reports.  */

#include "system.h"
#include "signals.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "c-ctype.h"
#include "sig2str.h"
#include "verify.h"
#include "xalloc.h"
#include "xmemdup0.h"

/* sig_name's buffer must hold whatever sig2str writes.  */
verify (SIG2STR_MAX <= SIG_NAME_MAX);

struct sig_entry
{
  int number;
  char const *name;         /* Without the "SIG" prefix.  */
  char const *description;
  bool terminating;         /* Forwarded to COMMAND; starts termination.  */
};

static struct sig_entry const sig_table[] =
{
  { 0,         "EXIT",   N_("Exit (no signal sent)"),        false },
  { SIGHUP,    "HUP",    N_("Hangup"),                       true },
  { SIGINT,    "INT",    N_("Interrupt"),                    true },
  { SIGQUIT,   "QUIT",   N_("Quit"),                         true },
  { SIGILL,    "ILL",    N_("Illegal instruction"),          true },
  { SIGTRAP,   "TRAP",   N_("Trace/breakpoint trap"),        true },
  { SIGABRT,   "ABRT",   N_("Aborted"),                      true },
  { SIGBUS,    "BUS",    N_("Bus error"),                    true },
  { SIGFPE,    "FPE",    N_("Floating point exception"),     true },
  { SIGKILL,   "KILL",   N_("Killed"),                       false },
  { SIGUSR1,   "USR1",   N_("User defined signal 1"),        true },
  { SIGSEGV,   "SEGV",   N_("Segmentation fault"),           true },
  { SIGUSR2,   "USR2",   N_("User defined signal 2"),        true },
  { SIGPIPE,   "PIPE",   N_("Broken pipe"),                  true },
  { SIGALRM,   "ALRM",   N_("Alarm clock"),                  true },
  { SIGTERM,   "TERM",   N_("Terminated"),                   true },
#ifdef SIGSTKFLT
  { SIGSTKFLT, "STKFLT", N_("Stack fault"),                  true },
#endif
  { SIGCHLD,   "CHLD",   N_("Child exited"),                 false },
  { SIGCONT,   "CONT",   N_("Continued"),                    false },
  { SIGSTOP,   "STOP",   N_("Stopped (signal)"),             false },
  { SIGTSTP,   "TSTP",   N_("Stopped"),                      false },
  { SIGTTIN,   "TTIN",   N_("Stopped (tty input)"),          false },
  { SIGTTOU,   "TTOU",   N_("Stopped (tty output)"),         false },
  { SIGURG,    "URG",    N_("Urgent I/O condition"),         false },
#ifdef SIGXCPU
  { SIGXCPU,   "XCPU",   N_("CPU time limit exceeded"),      true },
#endif
#ifdef SIGXFSZ
  { SIGXFSZ,   "XFSZ",   N_("File size limit exceeded"),     true },
#endif
#ifdef SIGVTALRM
  { SIGVTALRM, "VTALRM", N_("Virtual timer expired"),        true },
#endif
#ifdef SIGPROF
  { SIGPROF,   "PROF",   N_("Profiling timer expired"),      true },
#endif
#ifdef SIGWINCH
  { SIGWINCH,  "WINCH",  N_("Window changed"),               false },
#endif
#ifdef SIGPOLL
  { SIGPOLL,   "POLL",   N_("I/O possible"),                 true },
#endif
#ifdef SIGPWR
  { SIGPWR,    "PWR",    N_("Power failure"),                true },
#endif
#ifdef SIGSYS
  { SIGSYS,    "SYS",    N_("Bad system call"),              true },
#endif
#ifdef SIGEMT
  { SIGEMT,    "EMT",    N_("Emulator trap"),                true },
#endif
#ifdef SIGINFO
  { SIGINFO,   "INFO",   N_("Information request"),          false },
#endif
  /* Aliases: accepted as input, never printed.  */
  { SIGABRT,   "IOT",    N_("Aborted"),                      true },
  { SIGCHLD,   "CLD",    N_("Child exited"),                 false },
#ifdef SIGIO
  { SIGIO,     "IO",     N_("I/O possible"),                 true },
#endif
};

/* The first table entry for signal SIG, or NULL.  */
static struct sig_entry const *
entry_of (int sig)
{
  for (size_t i = 0; i < countof (sig_table); i++)
    if (sig_table[i].number == sig)
      return &sig_table[i];
  return NULL;
}

/* The highest signal number of this platform.  */
int
sig_max (void)
{
#ifdef SIGRTMAX
  return SIGRTMAX;
#else
  return NSIG - 1;
#endif
}

/* Whether SIG is a real-time signal.  */
static bool
is_realtime (int sig)
{
#ifdef SIGRTMIN
  return SIGRTMIN <= sig && sig <= SIGRTMAX;
#else
  (void) sig;
  return false;
#endif
}

/* The signal that the decimal number STR names; STR starts with a
   digit.  Like GNU timeout, read it as a shell reports a status: 143
   (128+15) means TERM, 271 (256+15, as ksh reports it) too.  Unlike
   GNU, which also wants a name, take a number that has none (glibc's
   32 and 33): the signal exists and can be sent.  Return -1 unless STR
   is all digits, fits in an int, and masks to a signal of this
   platform.  */
static int
parse_number (char const *str)
{
  char *end;
  errno = 0;
  long n = strtol (str, &end, 10);
  if (*end || errno || n > INT_MAX)
    return -1;
  n &= n >= 0xFF ? 0xFF : 0x7F;
  return n <= sig_max () ? n : -1;
}

/* The signal that the name STR names, in any case, with or without
   "SIG".  gnulib's str2sig does the rest, so its lenient corners are
   GNU timeout's too: SIG15 and SIG0 are numbers, RTMIN1, "RTMIN 1",
   RTMIN-0 and RTMAX+0 are real-time names.  Return -1 if STR names no
   signal of this platform.  */
static int
parse_name (char const *str)
{
  char *upper = xstrdup (str);
  for (char *p = upper; *p; p++)
    *p = c_toupper (*p);

  int sig;
  if (str2sig (upper, &sig) != 0
      && !(strncmp (upper, "SIG", 3) == 0 && str2sig (upper + 3, &sig) == 0))
    sig = -1;
  free (upper);
  return sig <= sig_max () ? sig : -1;
}

/* The signal that STR names: a name (see parse_name) or a decimal
   number (see parse_number).  Return -1 if STR names no signal of this
   platform.  */
int
sig_parse (char const *str)
{
  return c_isdigit (*str) ? parse_number (str) : parse_name (str);
}

/* Write the name of signal SIG into BUF and return BUF: its first
   gnulib table name (ABRT, not IOT), RTMIN+K or RTMAX-K (whichever end
   is nearer), or the bare number when it has no name; 0 for signal 0,
   whose name EXIT reads as if something exited.  */
char *
sig_name (int sig, char buf[SIG_NAME_MAX])
{
  if (sig == 0 || sig2str (sig, buf) != 0)
    snprintf (buf, SIG_NAME_MAX, "%d", sig);
  return buf;
}

/* A short description of signal SIG, untranslated, or NULL.  */
char const *
sig_description (int sig)
{
  struct sig_entry const *e = entry_of (sig);
  if (e)
    return e->description;
  return is_realtime (sig) ? N_("Real-time signal") : NULL;
}

/* Whether SIG has a name: a table entry or a real-time spelling.  */
bool
sig_is_named (int sig)
{
  return entry_of (sig) || is_realtime (sig);
}

/* Whether SIG terminates a process by default, so that receiving it
   starts termination of COMMAND.  */
bool
sig_is_terminating (int sig)
{
  struct sig_entry const *e = sig ? entry_of (sig) : NULL;
  return e ? e->terminating : is_realtime (sig);
}

/* Whether a process can catch (and so block or ignore) signal SIG.
   Not 0, KILL or STOP, nor what sigaction refuses even to report, such
   as the two signals glibc keeps for its threads (32 and 33).  */
bool
sig_can_catch (int sig)
{
  struct sigaction old;
  return (sig != 0 && sig != SIGKILL && sig != SIGSTOP
          && sigaction (sig, NULL, &old) == 0);
}

/* Parse the comma-separated signals in STR and add them to *SET; each
   must be one that ACCEPT returns true for.  Return
   SIG_LIST_OK, or the error, described in *FAILURE (whose text the
   caller frees).  An empty item is an error, as an empty step of a
   termination sequence is: "HUP,,USR1" is more likely a typo than a
   wish.  */
enum sig_list_error
sig_parse_list (char const *str, bool (*accept) (int), sigset_t *set,
                struct sig_list_failure *failure)
{
  for (char const *item = str;; item++)
    {
      size_t len = strcspn (item, ",");
      char *text = xmemdup0 (item, len);
      int sig = sig_parse (text);
      enum sig_list_error error = (!*text ? SIG_LIST_EMPTY
                                   : sig < 0 ? SIG_LIST_BAD_SIGNAL
                                   : !accept (sig) ? SIG_LIST_REFUSED
                                   : SIG_LIST_OK);
      if (error != SIG_LIST_OK)
        {
          failure->error = error;
          failure->text = text;
          return error;
        }
      free (text);
      sigaddset (set, sig);
      item += len;
      if (!*item)
        return SIG_LIST_OK;
    }
}
