/* diag.h -- diagnostics written while COMMAND runs.
   Copyright (C) 2026 The graceful-timeout authors.
   SPDX-License-Identifier: GPL-3.0-or-later  */

#ifndef GT_DIAG_H
#define GT_DIAG_H

void diag (int errnum, char const *format, ...)
  _GL_ATTRIBUTE_FORMAT ((__printf__, 2, 3));

#endif /* GT_DIAG_H */
