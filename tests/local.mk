## The test suite: bats-core files run through automake's TAP driver.
## Copyright (C) 2026 The graceful-timeout authors.
## SPDX-License-Identifier: GPL-3.0-or-later

TEST_EXTENSIONS = .bats
BATS_LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) \
  $(top_srcdir)/build-aux/tap-driver.sh
BATS_LOG_COMPILER = $(BATS)
AM_BATS_LOG_FLAGS = --tap
AM_TESTS_ENVIRONMENT = \
  GT_BINDIR='$(abs_top_builddir)/src'; export GT_BINDIR; \
  GT_LIBC='$(GT_LIBC)'; export GT_LIBC; \
  GT_BUILDDIR='$(abs_top_builddir)'; export GT_BUILDDIR; \
  LC_ALL=C; export LC_ALL;

TESTS = \
  tests/options.bats \
  tests/duration.bats \
  tests/signals.bats \
  tests/exit-status.bats \
  tests/process-group.bats \
  tests/forwarding.bats \
  tests/parent-death.bats \
  tests/gnu-parity.bats \
  tests/termseq.bats \
  tests/pre-stop.bats \
  tests/rewrite.bats \
  tests/grace.bats \
  tests/map-status.bats \
  tests/pass.bats \
  tests/idle.bats \
  tests/report.bats \
  tests/tree.bats \
  tests/containers.bats \
  tests/relay.bats \
  tests/clock.bats \
  tests/ignored-signals.bats \
  tests/unblockable.bats \
  tests/hook-io.bats \
  tests/tree-ownership.bats \
  tests/doc-examples.bats \
  tests/doc-coverage.bats \
  tests/nginx.bats \
  tests/report-schema.bats \
  tests/manual.bats \
  tests/i18n.bats \
  tests/completion.bats \
  tests/packaging.bats

EXTRA_DIST += $(TESTS) tests/helper.bash tests/record-signals \
  tests/soak tests/stress/run tests/complete-zsh tests/doc.bash \
  tests/doc-lines .ci/run

# tests/i18n.bats runs the program under German and Chinese.  The program
# reads its catalogs from $(localedir), which a test cannot write to, so
# the check builds a copy of it from the same sources whose catalog
# directory is $(localedir) under a DESTDIR in the build tree, and installs
# po/'s catalogs there exactly as 'make install' does.
nls_destdir = $(abs_top_builddir)/tests/nls/root
check_PROGRAMS = tests/nls/graceful-timeout
tests_nls_graceful_timeout_SOURCES = $(src_graceful_timeout_SOURCES)
tests_nls_graceful_timeout_CPPFLAGS = $(AM_CPPFLAGS) -ULOCALEDIR \
  -DLOCALEDIR='"$(nls_destdir)$(localedir)"'
tests_nls_graceful_timeout_CFLAGS = $(src_graceful_timeout_CFLAGS)
tests_nls_graceful_timeout_LDADD = $(src_graceful_timeout_LDADD)
tests/i18n.log: tests/nls/catalogs
tests/nls/catalogs:
	$(AM_V_GEN)cd po && $(MAKE) $(AM_MAKEFLAGS) install-data \
	  DESTDIR='$(nls_destdir)' >/dev/null
.PHONY: tests/nls/catalogs
clean-local:
	rm -rf tests/nls/root

# The supervisor under valgrind's memcheck (see use_valgrind in
# tests/helper.bash): any error or definite leak fails.  Left out: tests
# that measure the supervisor's own timing or wakeups (process-group,
# idle, parent-death, forwarding's start-up race), which valgrind's
# slowness and its own scheduler make meaningless.
VALGRIND_TESTS = tests/duration.bats tests/exit-status.bats \
  tests/termseq.bats tests/pre-stop.bats tests/pass.bats tests/tree.bats
check-valgrind: all
	GT_VALGRIND=1 $(MAKE) $(AM_MAKEFLAGS) check TESTS='$(VALGRIND_TESTS)'
.PHONY: check-valgrind
