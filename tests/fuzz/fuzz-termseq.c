/* fuzz-termseq.c -- libFuzzer harness for termseq_parse.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Properties of a parsed sequence, checked against the input text
   itself: one step per comma-separated item; every step's signal is a
   signal of this platform; every step but the last was given a
   DURATION; a wait is a valid, non-negative timespec, and a step that
   waits has a non-zero wait.  A failure names some text.  */

#include <config.h>

#include "duration.h"
#include "fuzz.h"
#include "signals.h"
#include "termseq.h"

/* Check the steps STEPS[0..NSTEPS-1] parsed from STR.  */
static void
check_steps (char const *str, struct termstep const *steps, size_t nsteps)
{
  char const *item = str;
  for (size_t i = 0; i < nsteps; i++)
    {
      size_t len = strcspn (item, ",");
      struct termstep const *step = &steps[i];
      fuzz_assert (0 <= step->sig && step->sig <= sig_max (), str);
      fuzz_assert (i == nsteps - 1 || memchr (item, ':', len), str);
      fuzz_assert (0 <= step->wait.tv_sec, str);
      fuzz_assert (0 <= step->wait.tv_nsec
                   && step->wait.tv_nsec < 1000000000, str);
      fuzz_assert (!step->has_wait || !duration_is_zero (step->wait), str);
      fuzz_assert (item[len] == (i == nsteps - 1 ? '\0' : ','), str);
      item += len + 1;
    }
}

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *str = fuzz_string (data, size);
  if (!str)
    return 0;

  struct termstep *steps;
  size_t nsteps;
  struct termseq_failure failure;
  if (termseq_parse (str, &steps, &nsteps, &failure) == TERMSEQ_OK)
    {
      fuzz_assert (nsteps >= 1, str);
      check_steps (str, steps, nsteps);
      free (steps);
    }
  else
    {
      fuzz_assert (failure.text, str);
      free (failure.text);
    }
  free (str);
  return 0;
}
