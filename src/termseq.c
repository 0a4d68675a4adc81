/* termseq.c -- parse a termination sequence.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   SEQ is SIGNAL[:DURATION][,SIGNAL[:DURATION]]...: send each SIGNAL in
   turn and wait up to its DURATION for COMMAND to end before the next.
   Only the last step may omit DURATION (it then waits forever); a
   DURATION of 0 also waits forever, as "-k 0" never sends KILL.
   SIGNAL and DURATION have the grammar of -s and of DURATION.

   Nothing here prints or exits; main.c reports.  */

#include "system.h"
#include "termseq.h"

#include <string.h>

#include "duration.h"
#include "signals.h"
#include "xalloc.h"
#include "xmemdup0.h"

/* Parse one step, the LEN bytes at ITEM, into *STEP.  LAST says whether
   it is the last step.  On failure, fill in *FAILURE and return its
   error.  */
static enum termseq_error
parse_step (char const *item, size_t len, bool last, struct termstep *step,
            struct termseq_failure *failure)
{
  char *text = xmemdup0 (item, len);
  char *colon = strchr (text, ':');
  enum termseq_error error = TERMSEQ_OK;
  char const *bad = text;

  if (colon)
    *colon = '\0';
  if (!*text)
    error = TERMSEQ_EMPTY_STEP;
  else if ((step->sig = sig_parse (text)) < 0)
    error = TERMSEQ_BAD_SIGNAL;
  else if (colon && !duration_parse (colon + 1, &step->wait))
    {
      error = TERMSEQ_BAD_DURATION;
      bad = colon + 1;
    }
  else if (!colon && !last)
    error = TERMSEQ_NO_DURATION;
  else
    step->has_wait = colon && !duration_is_zero (step->wait);

  if (error != TERMSEQ_OK)
    {
      failure->error = error;
      failure->text = xstrdup (bad);
    }
  free (text);
  return error;
}

/* Parse the termination sequence STR into a new array *STEPS of
   *NSTEPS steps.  Return TERMSEQ_OK, or the error, described in
   *FAILURE (whose text the caller frees).  */
enum termseq_error
termseq_parse (char const *str, struct termstep **steps, size_t *nsteps,
               struct termseq_failure *failure)
{
  size_t n = 1;
  for (char const *p = str; *p; p++)
    n += *p == ',';

  struct termstep *seq = xcalloc (n, sizeof *seq);
  char const *item = str;
  for (size_t i = 0; i < n; i++)
    {
      size_t len = strcspn (item, ",");
      if (parse_step (item, len, i == n - 1, &seq[i], failure)
          != TERMSEQ_OK)
        {
          free (seq);
          return failure->error;
        }
      item += len + 1;
    }
  *steps = seq;
  *nsteps = n;
  return TERMSEQ_OK;
}
