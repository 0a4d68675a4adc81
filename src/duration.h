/* duration.h -- parse a DURATION operand.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_DURATION_H
#define GT_DURATION_H

#include <stdbool.h>
#include <time.h>

bool duration_parse (char const *str, struct timespec *result);
bool duration_is_zero (struct timespec d);

#endif /* GT_DURATION_H */
