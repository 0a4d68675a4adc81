#!/usr/bin/env bats
# Packaging: the man page's stand-in for help2man (doc/fallback-man).
# The real build without help2man, from a read-only tarball with a
# patched src/main.c, is a step of .ci/run.

load helper

FALLBACK=$BATS_TEST_DIRNAME/../doc/fallback-man

@test "without help2man, the shipped man page is kept, with a warning" {
  echo '.TH SHIPPED 1' >"$T/shipped.1"
  run sh "$FALLBACK" "$T/out.1" "$T/shipped.1" "$GT_BINDIR/graceful-timeout"
  assert_success
  assert_output "WARNING: help2man failed; keeping the shipped man page $T/shipped.1, which may not match this build's --help"
  assert_equal "$(cat "$T/out.1")" '.TH SHIPPED 1'
}

@test "without help2man or a shipped page, a minimal page is made from --help" {
  run sh "$FALLBACK" "$T/out.1" "$T/none.1" "$GT_BINDIR/graceful-timeout"
  assert_success
  assert_output "WARNING: help2man failed and no man page is shipped; writing a minimal $T/out.1 from --help"
  run grep -c -e '^\.TH GRACEFUL-TIMEOUT "1"' \
    -e '^Usage: graceful-timeout \[OPTION\]\.\.\. DURATION COMMAND \[ARG\]\.\.\.$' \
    "$T/out.1"
  assert_output 2
  run grep -c '^the output of \\fBgraceful-timeout \\-\\-help\\fR\.$' "$T/out.1"
  assert_output 1
}
