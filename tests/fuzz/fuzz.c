/* fuzz.c -- what every parser harness shares.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#include <config.h>

#include "fuzz.h"
#include "xalloc.h"

/* A new string holding the SIZE bytes at DATA, in a buffer of exactly
   SIZE + 1 bytes; NULL if DATA holds a NUL, which no argument can.  */
char *
fuzz_string (uint8_t const *data, size_t size)
{
  if (memchr (data, '\0', size))
    return NULL;
  char *str = malloc (size + 1);
  if (!str)
    abort ();
  memcpy (str, data, size);
  str[size] = '\0';
  return str;
}

/* The parsers call xalloc_die only when memory runs out; a harness
   has no program name or exit status to give it, so it just stops.  */
void
xalloc_die (void)
{
  abort ();
}
