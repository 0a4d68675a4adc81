# libFuzzer harnesses for the command-line parsers.        -*- makefile -*-
# Copyright (C) 2026 The graceful-timeout authors.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# 'make fuzz' builds one harness per parser with clang (whatever CC
# configure chose) and runs each for FUZZ_SECONDS on a scratch copy of
# its seed corpus in tests/fuzz/PARSER/, so new inputs never land in the
# source tree.  It fails when a harness finds a crash, which it keeps as
# tests/fuzz/PARSER-crash-* in the build tree.  It is not part of
# 'make check'.  The parsers and the few gnulib files they need are
# compiled into each harness, so lib/libgnu.a (built by CC) is not used.

FUZZ_CC = clang
FUZZ_SECONDS = 10
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=all \
  -Wno-implicit-const-int-float-conversion
FUZZ_CPPFLAGS = -I$(top_builddir) -I$(top_builddir)/lib -I$(top_srcdir)/lib \
  -I$(top_srcdir)/src -I$(top_srcdir)/tests/fuzz

fuzz_parsers = duration signal termseq pass mapping
fuzz_programs = tests/fuzz/fuzz-duration tests/fuzz/fuzz-signal \
  tests/fuzz/fuzz-termseq tests/fuzz/fuzz-pass tests/fuzz/fuzz-mapping
fuzz_sources = $(top_srcdir)/tests/fuzz/fuzz.c \
  $(top_srcdir)/src/duration.c $(top_srcdir)/src/signals.c \
  $(top_srcdir)/src/termseq.c $(top_srcdir)/src/mapping.c \
  $(top_srcdir)/lib/c-ctype.c $(top_srcdir)/lib/c-strtod.c \
  $(top_srcdir)/lib/dtotimespec.c $(top_srcdir)/lib/timespec.c \
  $(top_srcdir)/lib/sig2str.c $(top_srcdir)/lib/ialloc.c \
  $(top_srcdir)/lib/xmalloc.c $(top_srcdir)/lib/xmemdup0.c
# gnulib's generated headers (BUILT_SOURCES) come first, as for 'make'.
fuzz_headers = $(top_srcdir)/tests/fuzz/fuzz.h \
  $(top_srcdir)/src/duration.h $(top_srcdir)/src/signals.h \
  $(top_srcdir)/src/termseq.h $(top_srcdir)/src/supervise.h \
  $(top_srcdir)/src/mapping.h \
  $(BUILT_SOURCES) config.h

EXTRA_DIST += tests/fuzz/fuzz.h tests/fuzz/fuzz.c \
  tests/fuzz/fuzz-duration.c tests/fuzz/fuzz-signal.c \
  tests/fuzz/fuzz-termseq.c tests/fuzz/fuzz-pass.c tests/fuzz/fuzz-mapping.c \
  tests/fuzz/duration tests/fuzz/signal tests/fuzz/termseq tests/fuzz/pass \
  tests/fuzz/mapping
MOSTLYCLEANFILES += $(fuzz_programs) tests/fuzz/duration.log \
  tests/fuzz/signal.log tests/fuzz/termseq.log tests/fuzz/pass.log \
  tests/fuzz/mapping.log

fuzz_link = $(AM_V_CCLD)$(MKDIR_P) tests/fuzz && \
  $(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -o $@ \
  $(top_srcdir)/tests/fuzz/$(@F).c $(fuzz_sources) -lm

tests/fuzz/fuzz-duration: tests/fuzz/fuzz-duration.c $(fuzz_sources) \
  $(fuzz_headers)
	$(fuzz_link)
tests/fuzz/fuzz-signal: tests/fuzz/fuzz-signal.c $(fuzz_sources) \
  $(fuzz_headers)
	$(fuzz_link)
tests/fuzz/fuzz-termseq: tests/fuzz/fuzz-termseq.c $(fuzz_sources) \
  $(fuzz_headers)
	$(fuzz_link)
tests/fuzz/fuzz-pass: tests/fuzz/fuzz-pass.c $(fuzz_sources) \
  $(fuzz_headers)
	$(fuzz_link)
tests/fuzz/fuzz-mapping: tests/fuzz/fuzz-mapping.c $(fuzz_sources) \
  $(fuzz_headers)
	$(fuzz_link)

# Run every harness, each on a scratch copy of its corpus, and fail at
# the first crash.
fuzz: $(fuzz_programs)
	@status=0; \
	for parser in $(fuzz_parsers); do \
	  corpus=`mktemp -d` || exit 1; \
	  cp $(top_srcdir)/tests/fuzz/$$parser/* "$$corpus"/ || exit 1; \
	  echo "fuzzing $$parser for $(FUZZ_SECONDS) s"; \
	  ./tests/fuzz/fuzz-$$parser -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/$$parser- "$$corpus" \
	    >tests/fuzz/$$parser.log 2>&1 || status=1; \
	  grep -E '^(Done|stat::number_of_executed_units)' \
	    tests/fuzz/$$parser.log; \
	  test $$status = 0 || { tail -n 30 tests/fuzz/$$parser.log; \
	    rm -rf "$$corpus"; exit 1; }; \
	  rm -rf "$$corpus"; \
	done

.PHONY: fuzz
