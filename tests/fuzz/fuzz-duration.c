/* fuzz-duration.c -- libFuzzer harness for duration_parse.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   Properties: a parsed DURATION is a valid, non-negative timespec (never
   negative, never NaN, whose nanoseconds are below a second), and it is
   zero only when the number read is zero: a positive number, however
   small, never becomes a timer that is off.  */

#include <config.h>

#include <errno.h>
#include <math.h>

#include "duration.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *str = fuzz_string (data, size);
  if (!str)
    return 0;

  struct timespec d;
  if (duration_parse (str, &d))
    {
      fuzz_assert (0 <= d.tv_sec, str);
      fuzz_assert (0 <= d.tv_nsec && d.tv_nsec < 1000000000, str);
      if (duration_is_zero (d))
        {
          /* The harness runs in the C locale, where strtod reads what
             duration_parse reads.  */
          errno = 0;
          double value = strtod (str, NULL);
          fuzz_assert (value == 0 && errno != ERANGE, str);
        }
    }
  free (str);
  return 0;
}
