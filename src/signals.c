/* signals.c -- the signal table: names, numbers and descriptions.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   One table maps every signal this platform names to its name, a short
   description and whether its default action terminates a process (the
   set GNU timeout 9.10 forwards).  Where two names share a number the
   first one in the table is the one printed (ABRT, not IOT).  Real-time
   signals have no table entry: they are spelled RTMIN+K or RTMAX-K.

   Nothing here prints or exits; main.c reports.  */

#include "system.h"
#include "signals.h"

#include <limits.h>
#include <signal.h>
#include <string.h>

#include "c-ctype.h"
#include "c-strcase.h"

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

/* Parse the decimal digits of STR, which must be all digits and at
   least one.  Return the value, or -1 if STR is not that or too big.  */
static long
parse_digits (char const *str)
{
  long value = 0;
  if (!*str)
    return -1;
  for (; *str; str++)
    {
      if (!c_isdigit (*str) || value > (LONG_MAX - 9) / 10)
        return -1;
      value = value * 10 + (*str - '0');
    }
  return value;
}

/* The real-time signal named by NAME (without "SIG"): RTMIN, RTMIN+K,
   RTMAX-K or RTMAX, in any case.  Return -1 if NAME is none of these.  */
static int
parse_realtime (char const *name)
{
#ifdef SIGRTMIN
  bool from_min = c_strncasecmp (name, "RTMIN", 5) == 0;
  if (!from_min && c_strncasecmp (name, "RTMAX", 5) != 0)
    return -1;
  int base = from_min ? SIGRTMIN : SIGRTMAX;
  char const *rest = name + 5;
  if (!*rest)
    return base;
  if (*rest != (from_min ? '+' : '-'))
    return -1;
  long offset = parse_digits (rest + 1);
  if (offset < 0 || offset > SIGRTMAX - SIGRTMIN)
    return -1;
  return from_min ? base + offset : base - offset;
#else
  (void) name;
  return -1;
#endif
}

/* The signal that STR names: a name with or without "SIG" in any case,
   a real-time name, or a decimal number, which is read as a shell would
   report a status (143 means TERM; 256+N, as ksh reports, means N).
   Return -1 if STR names no signal of this platform.  */
int
sig_parse (char const *str)
{
  if (c_isdigit (*str))
    {
      long n = parse_digits (str);
      if (n < 0)
        return -1;
      n = n >= 255 ? n & 0xFF : n & 0x7F;
      return n <= sig_max () ? n : -1;
    }

  char const *name = c_strncasecmp (str, "SIG", 3) == 0 ? str + 3 : str;
  for (size_t i = 0; i < countof (sig_table); i++)
    if (c_strcasecmp (name, sig_table[i].name) == 0)
      return sig_table[i].number;
  return parse_realtime (name);
}

/* Write the name of signal SIG into BUF and return BUF: its first table
   name, RTMIN+K or RTMAX-K (whichever end is nearer), or the bare
   number when it has no name; 0 for signal 0.  */
char *
sig_name (int sig, char buf[SIG_NAME_MAX])
{
  struct sig_entry const *e = sig ? entry_of (sig) : NULL;
  if (e)
    snprintf (buf, SIG_NAME_MAX, "%s", e->name);
#ifdef SIGRTMIN
  else if (is_realtime (sig) && sig <= (SIGRTMIN + SIGRTMAX) / 2)
    snprintf (buf, SIG_NAME_MAX, sig == SIGRTMIN ? "RTMIN" : "RTMIN+%d",
              sig - SIGRTMIN);
  else if (is_realtime (sig))
    snprintf (buf, SIG_NAME_MAX, sig == SIGRTMAX ? "RTMAX" : "RTMAX-%d",
              SIGRTMAX - sig);
#endif
  else
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
