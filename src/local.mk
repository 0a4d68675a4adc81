## graceful-timeout's sources.
## Copyright (C) 2026 The graceful-timeout authors.
## SPDX-License-Identifier: GPL-3.0-or-later

bin_PROGRAMS += src/graceful-timeout

src_graceful_timeout_SOURCES = \
  src/system.h \
  src/main.c \
  src/duration.c src/duration.h \
  src/signals.c src/signals.h \
  src/supervise.c src/supervise.h \
  src/loop.c src/loop.h \
  src/diag.c src/diag.h \
  src/termseq.c src/termseq.h \
  src/spawn.c src/spawn.h \
  src/hook.c src/hook.h \
  src/relay.c src/relay.h \
  src/report.c src/report.h \
  src/tree.c src/tree.h \
  src/cgroup.c src/cgroup.h \
  src/watchdog.c src/watchdog.h \
  src/group.c src/group.h \
  src/procfs.c src/procfs.h
# The event loop's implementation, as configure chose (see loop.c).
if LOOP_SIGNALFD
src_graceful_timeout_SOURCES += src/loop-signalfd.c
else
src_graceful_timeout_SOURCES += src/loop-posix.c
endif
EXTRA_DIST += src/loop-signalfd.c src/loop-posix.c

# Warnings (and -Werror, with --enable-gcc-warnings=error) apply to the
# project's own sources only, never to gnulib's lib/.
src_graceful_timeout_CFLAGS = $(WARN_CFLAGS) $(AM_CFLAGS)
src_graceful_timeout_LDADD = lib/libgnu.a $(LIB_CLOCK_GETTIME) \
  $(CLOCK_TIME_LIB)
