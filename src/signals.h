/* signals.h -- the signal table: names, numbers and descriptions.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_SIGNALS_H
#define GT_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

/* Room for any name sig_name writes, "RTMAX-NNN" or a number,
   with its terminating NUL (at least gnulib's SIG2STR_MAX).  */
enum { SIG_NAME_MAX = 20 };

/* What is wrong with a comma-separated list of signals.  */
enum sig_list_error
{
  SIG_LIST_OK,
  SIG_LIST_EMPTY,               /* "", "HUP,", ",HUP", "HUP,,USR1" */
  SIG_LIST_BAD_SIGNAL,          /* "HUP,FOO" */
  SIG_LIST_REFUSED              /* a signal the caller does not accept */
};

/* A list parse failure: what went wrong, and the item it went wrong
   in.  */
struct sig_list_failure
{
  enum sig_list_error error;
  char *text;                   /* Allocated; the caller frees it.  */
};

int sig_max (void);
int sig_parse (char const *str);
char *sig_name (int sig, char buf[SIG_NAME_MAX]);
char const *sig_description (int sig);
bool sig_is_named (int sig);
bool sig_is_terminating (int sig);
bool sig_can_catch (int sig);
enum sig_list_error sig_parse_list (char const *str, bool (*accept) (int),
                                    sigset_t *set,
                                    struct sig_list_failure *failure);

#endif /* GT_SIGNALS_H */
