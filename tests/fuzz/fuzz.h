/* fuzz.h -- what every parser harness shares.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   libFuzzer gives bytes; the parsers take a C string, as they get one
   from argv.  Each input becomes a string in a buffer of exactly its
   size, so AddressSanitizer stops a parser that reads past the NUL.  */

#ifndef GT_FUZZ_H
#define GT_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Abort, naming the property COND that failed and the input STR, so
   that libFuzzer keeps the input as a crash.  */
#define fuzz_assert(cond, str)                                          \
  do                                                                    \
    {                                                                   \
      if (!(cond))                                                      \
        {                                                               \
          fprintf (stderr, "%s:%d: property failed: %s\n"              \
                   "input: \"%s\"\n", __FILE__, __LINE__, #cond, str);  \
          abort ();                                                     \
        }                                                               \
    }                                                                   \
  while (0)

char *fuzz_string (uint8_t const *data, size_t size);
int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size);

#endif /* GT_FUZZ_H */
