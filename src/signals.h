/* signals.h -- the signal table: names, numbers and descriptions.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_SIGNALS_H
#define GT_SIGNALS_H

#include <stdbool.h>

/* Room for any name sig_name writes, "RTMAX-NNN" or a number,
   with its terminating NUL.  */
enum { SIG_NAME_MAX = 16 };

int sig_max (void);
int sig_parse (char const *str);
char *sig_name (int sig, char buf[SIG_NAME_MAX]);
char const *sig_description (int sig);
bool sig_is_named (int sig);
bool sig_is_terminating (int sig);

#endif /* GT_SIGNALS_H */
