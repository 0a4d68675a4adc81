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
  src/terminate.c src/terminate.h \
  src/outcome.c src/outcome.h \
  src/timer.c src/timer.h \
  src/mapping.c src/mapping.h \
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
  $(CLOCK_TIME_LIB) $(LIBINTL)

# The sources that must build on any POSIX system, compiled as strict
# POSIX.1-2008 with XSI and none of the extensions config.h turns on: a
# Linux-only header or function creeping into them fails here.  Run in
# a build configured without the Linux extensions (CI does), where
# config.h selects only portable code.  supervise.c and report.c are not
# in the list: they use BSD calls every target has (wait4, timeradd,
# WCOREDUMP, mkostemp).
PORTABLE_FILES = src/loop.c src/loop-posix.c src/duration.c \
  src/signals.c src/termseq.c src/diag.c src/relay.c src/spawn.c \
  src/hook.c src/group.c src/main.c
STRICT_UNDEFINE = _ALL_SOURCE _DARWIN_C_SOURCE __EXTENSIONS__ _GNU_SOURCE \
  _NETBSD_SOURCE _OPENBSD_SOURCE _HPUX_ALT_XOPEN_SOCKET_API _TANDEM_SOURCE \
  _POSIX_PTHREAD_SEMANTICS __STDC_WANT_LIB_EXT2__
check-portable: config.h
	$(AM_V_at)$(MKDIR_P) src/strict
	$(AM_V_at)re=`echo $(STRICT_UNDEFINE) | tr ' ' '|'`; \
	  sed -E "/^# *define ($$re) /d" config.h >src/strict/config.h
	$(AM_V_at)for f in $(PORTABLE_FILES); do \
	  echo "  POSIX    $$f"; \
	  $(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
	    -Isrc/strict $(AM_CPPFLAGS) \
	    -Werror=implicit-function-declaration -fsyntax-only \
	    $(top_srcdir)/$$f || exit 1; \
	done
MOSTLYCLEANFILES += src/strict/config.h
.PHONY: check-portable
