/* diag.c -- diagnostics written while COMMAND runs.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Once COMMAND runs, a diagnostic is news, not a failure: one that
   cannot be written (standard error full, closed or gone) must neither
   change graceful-timeout's exit status nor block it.  Standard error is
   not ours to make non-blocking, so a message is written only when
   standard error can take it now, and an error writing it is
   forgotten.  */

#include "system.h"
#include "diag.h"

#include <poll.h>
#include <stdarg.h>
#include <unistd.h>

#include "verror.h"

/* Write "PROGRAM: MESSAGE[: strerror (ERRNUM)]" to standard error, as
   error (0, ERRNUM, FORMAT, ...) does, if that cannot block us.  */
void
diag (int errnum, char const *format, ...)
{
  struct pollfd pfd = { .fd = STDERR_FILENO, .events = POLLOUT };
  if (poll (&pfd, 1, 0) != 1 || !(pfd.revents & POLLOUT))
    return;
  va_list ap;
  va_start (ap, format);
  verror (0, errnum, format, ap);
  va_end (ap);
  clearerr (stderr);
}
