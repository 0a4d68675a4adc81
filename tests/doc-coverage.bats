#!/usr/bin/env bats
# Every command the documentation shows is run by a test: each "$ "
# line, crontab line and ENTRYPOINT of README, doc/*.x, doc/*.texi,
# doc/examples/* and --help is declared, word for word, in a <<'DOC'
# block of a test (see tests/doc.bash) or of .ci/run, which runs the
# build and install lines no test can.

load doc

# Print the lines the tests and CI declare they run.
declared() {
  "$BATS_TEST_DIRNAME/doc-lines" --declared "$BATS_TEST_DIRNAME"/*.bats \
    "$DOC_TOP/.ci/run" | cut -d: -f3- | sort -u
}

@test "every command in the documentation is run by a test" {
  declared >"$T/declared"
  doc_all_lines >"$T/doc"
  local file line text untested=
  while IFS=: read -r file line text; do
    grep -qxF -- "$text" "$T/declared" ||
      untested+="${file#"$DOC_TOP"/}:$line: no test runs: $text"$'\n'
  done <"$T/doc"
  assert_equal "$untested" ''
}

@test "every line a test declares is still in the documentation" {
  doc_all_lines | cut -d: -f3- | sort -u >"$T/doc"
  run comm -23 <(declared) "$T/doc"
  assert_success
  assert_output ''
}

@test "a command is on one line: no continuation a reader must join" {
  run grep -E '^\$ .*\\$' < <(doc_all_lines | cut -d: -f3-)
  assert_failure 1
  assert_output ''
}

@test "doc-lines finds every kind of line and undoes roff and texinfo escapes" {
  printf '%s\n' '  $ a -b' 'text $ not' '0 2 * * * cron line' \
    'ENTRYPOINT ["x"]' '#0 2 * * * comment' >"$T/README"
  printf '%s\n' '$ gt \-k 1 sh \-c \(aqecho \e$x\(aq' >"$T/page.x"
  printf '%s\n' '@example' '$ printf @@@{@}' '@end example' >"$T/m.texi"
  run "$BATS_TEST_DIRNAME/doc-lines" "$T/README" "$T/page.x" "$T/m.texi"
  assert_success
  assert_output "$T/README:1:\$ a -b
$T/README:3:0 2 * * * cron line
$T/README:4:ENTRYPOINT [\"x\"]
$T/page.x:1:\$ gt -k 1 sh -c 'echo \\\$x'
$T/m.texi:2:\$ printf @{}"
}

@test "the coverage check fails for a line no test declares" {
  printf '%s\n' "doc_run <<'DOC'" '$ true' 'DOC' >"$T/t.bats"
  run "$BATS_TEST_DIRNAME/doc-lines" --declared "$T/t.bats"
  assert_success
  assert_output "$T/t.bats:2:\$ true"
  printf '%s\n' '    $ false' >"$T/README"
  DOC_TOP=$T
  run doc_line <<<'$ false'
  assert_success
  run doc_line <<<'$ not documented'
  assert_failure
  assert_output --partial 'not in the documentation: $ not documented'
}
