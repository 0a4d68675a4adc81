#!/usr/bin/env bats
# The Texinfo manual: it is built, Info opens it, and it documents every
# option and exit status --help lists (issue 11).

load helper

TEXI=$BATS_TEST_DIRNAME/../doc/graceful-timeout.texi

# Set INFO_FILE to the built manual (automake builds it in the source
# tree, or in the build tree with info-in-builddir); fail if there is
# none.
find_info() {
  local f
  for f in "$BATS_TEST_DIRNAME/../doc/graceful-timeout.info" \
           "$GT_BINDIR/../doc/graceful-timeout.info"; do
    [[ -s $f ]] && INFO_FILE=$f && return 0
  done
  fail "doc/graceful-timeout.info was not built"
}

# Skip unless the stand-alone Info reader is installed.
need_info() {
  command -v info >/dev/null || skip "the info reader is not installed"
}

@test "info opens the manual at a node" {
  need_info
  find_info
  run info -f "$INFO_FILE" -n 'Exit status' -o -
  assert_success
  assert_line --index 0 --partial 'Node: Exit status,'
  assert_line '128+N'
}

@test "info finds an option through the option index" {
  need_info
  find_info
  run info -f "$INFO_FILE" -n 'Option index' -o -
  assert_success
  assert_line --regexp '^\* --pre-stop-timeout: +Extension options\.'
}

@test "the manual indexes every option --help lists" {
  local opt missing=
  for opt in $(graceful-timeout --help | grep -o -- '--[a-z][a-z-]*' |
                 sort -u); do
    grep -qx -- "@opindex $opt" "$TEXI" || missing+=" $opt"
  done
  assert_equal "$missing" ""
}

@test "the manual documents every exit status --help lists" {
  local st missing= var_n='@var{n}'
  for st in $(graceful-timeout --help |
                sed -n 's/^  \([0-9][0-9+N]*\) .*/\1/p'); do
    grep -qx -- "@item ${st/N/$var_n}" "$TEXI" || missing+=" $st"
  done
  assert_equal "$missing" ""
}
