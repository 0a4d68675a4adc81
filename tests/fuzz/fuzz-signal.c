/* fuzz-signal.c -- libFuzzer harness for sig_parse and sig_name.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Properties: a parsed SIGNAL is a signal of this platform (0 to
   sig_max); sig_name prints it to a name that fits SIG_NAME_MAX and
   parses back to the same number; and parsing is a pure function.  */

#include <config.h>

#include "fuzz.h"
#include "signals.h"

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *str = fuzz_string (data, size);
  if (!str)
    return 0;

  int sig = sig_parse (str);
  fuzz_assert (sig == sig_parse (str), str);
  if (sig >= 0)
    {
      fuzz_assert (sig <= sig_max (), str);
      char name[SIG_NAME_MAX];
      sig_name (sig, name);
      fuzz_assert (memchr (name, '\0', sizeof name), str);
      fuzz_assert (sig_parse (name) == sig, str);
      /* The queries take any signal the parser returns.  */
      (void) sig_description (sig);
      (void) sig_is_terminating (sig);
      (void) sig_can_catch (sig);
    }
  else
    fuzz_assert (sig == -1, str);
  free (str);
  return 0;
}
