/* system.h -- definitions every graceful-timeout source file needs first.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_SYSTEM_H
#define GT_SYSTEM_H

#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>

#include "exitfail.h"
#include "gettext.h"
#include "progname.h"

#define _(msgid) gettext (msgid)
#define N_(msgid) msgid

/* The number of elements of the array A.  */
#define countof(a) (sizeof (a) / sizeof *(a))

/* Exit statuses shared with GNU timeout, env and nohup.  */
enum
{
  EXIT_TIMEDOUT = 124,      /* COMMAND timed out.  */
  EXIT_CANCELED = 125,      /* graceful-timeout itself failed.  */
  EXIT_CANNOT_INVOKE = 126, /* COMMAND was found but could not run.  */
  EXIT_ENOENT = 127         /* COMMAND was not found.  */
};

/* The shell's status for a process that died of signal SIG.  */
#define SIGNAL_STATUS(sig) (128 + (sig))

/* Make gnulib's own failures (xalloc_die, close_stdout) exit with
   STATUS, so that every failure of graceful-timeout itself is 125.  */
static inline void
initialize_exit_failure (int status)
{
  if (status != EXIT_FAILURE)
    exit_failure = status;
}

/* Print the usual hint that follows a usage error.  */
static inline void
emit_try_help (void)
{
  fprintf (stderr, _("Try '%s --help' for more information.\n"),
           program_name);
}

#endif /* GT_SYSTEM_H */
