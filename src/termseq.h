/* termseq.h -- parse a termination sequence.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_TERMSEQ_H
#define GT_TERMSEQ_H

#include <stddef.h>

#include "supervise.h"

/* What is wrong with a termination sequence.  */
enum termseq_error
{
  TERMSEQ_OK,
  TERMSEQ_EMPTY_STEP,           /* "", "TERM:1,", ",KILL" */
  TERMSEQ_BAD_SIGNAL,           /* "FOO:1,KILL" */
  TERMSEQ_BAD_DURATION,         /* "TERM:x", "TERM:,KILL" */
  TERMSEQ_NO_DURATION           /* "TERM,KILL": only the last may omit it */
};

/* A parse failure: what went wrong, and the text it went wrong in.  */
struct termseq_failure
{
  enum termseq_error error;
  char *text;                   /* Allocated; NULL if none.  */
};

enum termseq_error termseq_parse (char const *str, struct termstep **steps,
                                  size_t *nsteps,
                                  struct termseq_failure *failure);

#endif /* GT_TERMSEQ_H */
