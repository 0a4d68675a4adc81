# doc.bash -- run the documentation's commands as they are written.
# Copyright (C) 2026 The graceful-timeout authors.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A test declares the documentation line it runs in a here-document
# whose delimiter is 'DOC', one line, exactly as the documentation shows
# it (tests/doc-lines prints those lines):
#
#   doc_run <<'DOC'
#   $ graceful-timeout -v 0.1 sleep 10
#   DOC
#
# The helper fails unless the line is in the documentation, then runs it.
# tests/doc-coverage.bats fails for any documentation line that no such
# block declares.  Placeholders of the examples (cmd, server, make ...)
# are small scripts a test puts first on PATH (doc_stub); the absolute
# paths a crontab line or an ENTRYPOINT names (/usr/local/bin, /run,
# /var/log) are mapped into the test's directory (doc_map_paths).

load helper

DOC_TOP=$BATS_TEST_DIRNAME/..

# Print the files the documentation consists of.  The man page is made
# of doc/graceful-timeout.x and --help, both read here; a page built in
# the source tree may be older than either, so it is not read.
doc_files() {
  local f
  for f in "$DOC_TOP"/README "$DOC_TOP"/doc/*.x "$DOC_TOP"/doc/*.texi \
           "$DOC_TOP"/doc/examples/*; do
    [[ -f $f ]] && printf '%s\n' "$f"
  done
}

# Print every runnable line of the documentation, FILE:LINE:TEXT,
# including those of --help (from which help2man makes the man page).
doc_all_lines() {
  graceful-timeout --help >"$T/help.txt"
  local files
  mapfile -t files < <(doc_files)
  "$BATS_TEST_DIRNAME/doc-lines" "${files[@]}" "$T/help.txt"
}

# Read the documentation line from standard input into DOC_LINE; fail
# unless the documentation has it, word for word.
doc_line() {
  IFS= read -r DOC_LINE || true
  [[ -n $DOC_LINE ]] || fail 'doc_line: no line given'
  doc_all_lines | cut -d: -f3- | grep -qxF -- "$DOC_LINE" ||
    fail "not in the documentation: $DOC_LINE"
}

# The shell command of DOC_LINE: without its "$ ".
doc_command() {
  printf '%s\n' "${DOC_LINE#\$ }"
}

# Run the documentation line on standard input with bash, in $T, with
# the stubs first on PATH; set status and output as run does.
doc_run() {
  doc_line
  cd "$T"
  run bash -c "$(doc_command)"
}

# Run, as doc_run does, only the part of the documentation line on
# standard input that follows the text $1: the rest (an install or a
# build) is run as written by .ci/run.
doc_run_after() {
  doc_line
  [[ $DOC_LINE == *"$1"* ]] || fail "no '$1' in: $DOC_LINE"
  cd "$T"
  run bash -c "${DOC_LINE#*"$1"}"
}

# Start the documentation line on standard input in the background in
# $T: its standard output to $T/out, its error to $T/err, how it ended
# to $T/status (see wait_status); BG is its pid.
doc_start() {
  doc_line
  cd "$T"
  start_bg wait_status_to "$T/status" \
    bash -c "exec >'$T/out' 2>'$T/err'; exec $(doc_command)"
}

# Put an executable script named $1 with body $2 (after "#!/bin/sh")
# in $T/bin, first on PATH.
doc_stub() {
  mkdir -p "$T/bin"
  printf '#!/bin/sh\n%s\n' "$2" >"$T/bin/$1"
  chmod +x "$T/bin/$1"
  [[ $PATH == "$T/bin:"* ]] || PATH=$T/bin:$PATH
}

# Print text $1 with the absolute paths of an installed system moved
# into the test's directory: /usr/local/bin to $T/bin (where the build's
# graceful-timeout is linked), /run to $T/run, /var/log to $T/var/log.
doc_map_paths() {
  mkdir -p "$T/bin" "$T/run" "$T/var/log"
  ln -sf "$(command -v graceful-timeout)" "$T/bin/graceful-timeout"
  local text=${1//\/usr\/local\/bin\//$T/bin/}
  text=${text//\/run\//$T/run/}
  printf '%s\n' "${text//\/var\/log\//$T/var/log/}"
}

# Run the crontab line on standard input as cron would: its command
# (after the five time fields) by /bin/sh, with cron's environment
# (PATH=/usr/bin:/bin), its paths mapped by doc_map_paths.
doc_cron() {
  doc_line
  local command
  command=$(sed -E 's/^([^ ]+ +){5}//' <<<"$DOC_LINE")
  command=$(doc_map_paths "$command")
  cd "$T"
  run env -i PATH=/usr/bin:/bin HOME="$T" /bin/sh -c "$command"
}

# Set DOC_ARGV to the arguments of the ENTRYPOINT line on standard
# input (its JSON exec form), paths mapped by doc_map_paths.
doc_entrypoint() {
  doc_line
  local json
  json=$(doc_map_paths "${DOC_LINE#ENTRYPOINT }")
  mapfile -t DOC_ARGV < <(python3 -c '
import json, sys
print("\n".join(json.loads(sys.argv[1])))' "$json")
  (( ${#DOC_ARGV[@]} )) || fail "no ENTRYPOINT in: $DOC_LINE"
}
