/* duration.c -- parse a DURATION operand as GNU timeout 9.11 does.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later

   A DURATION is a floating-point number (decimal, hex or hex-float,
   "inf" or "infinity"), read in the C locale or the current one,
   whichever reads more of it, followed by an optional unit: s (the
   default), m, h or d.  It becomes a timespec rounded *up*, so a timer
   never fires early; an underflow such as 1e-10000 becomes the smallest
   positive time and an overflow the largest.  Zero disables a limit.  */

#include "system.h"
#include "duration.h"

#include <math.h>
#include <stdlib.h>

#include "c-strtod.h"
#include "timespec.h"

/* The multiplier for the unit UNIT, or 0 if UNIT is no unit.  */
static int
unit_seconds (char unit)
{
  switch (unit)
    {
    case '\0':
    case 's':
      return 1;
    case 'm':
      return 60;
    case 'h':
      return 60 * 60;
    case 'd':
      return 60 * 60 * 24;
    default:
      return 0;
    }
}

/* Read the number at the start of STR in the C locale and in the
   current one and keep the reading that consumed more.  Store the value
   in *VALUE, whether it was out of range in *RANGE_ERROR, and return
   a pointer just past it (STR itself if there was no number).  */
static char const *
read_number (char const *str, double *value, bool *range_error)
{
  char *c_end;
  char *l_end;
  errno = 0;
  double c_value = c_strtod (str, &c_end);
  bool c_erange = errno == ERANGE;
  errno = 0;
  double l_value = strtod (str, &l_end);
  bool l_erange = errno == ERANGE;

  bool use_c = c_end >= l_end;
  *value = use_c ? c_value : l_value;
  *range_error = use_c ? c_erange : l_erange;
  return use_c ? c_end : l_end;
}

/* Parse STR as a DURATION and store it in *RESULT.
   Return false if STR is not a valid DURATION.  */
bool
duration_parse (char const *str, struct timespec *result)
{
  double value;
  bool range_error;
  char const *end = read_number (str, &value, &range_error);
  if (end == str || isnan (value))
    return false;

  /* A unit is one letter and ends the operand.  */
  int multiplier = unit_seconds (*end);
  if (!multiplier || (*end && end[1]))
    return false;

  /* -0 is zero, as for GNU; -1e-10000 underflowed from below zero.  */
  if (signbit (value) && (value != 0 || range_error))
    return false;

  if (value == 0 && range_error)
    {
      *result = make_timespec (0, 1);
      return true;
    }
  *result = dtotimespec (value * multiplier);
  return true;
}

/* Whether D is zero, which disables a limit.  */
bool
duration_is_zero (struct timespec d)
{
  return d.tv_sec == 0 && d.tv_nsec == 0;
}
