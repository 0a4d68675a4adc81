#!/usr/bin/env bats
# --idle-timeout and its lossless relay (SPEC 2.2).

load helper

TRY="Try 'graceful-timeout --help' for more information."

@test "a chatty command survives an idle limit shorter than its run" {
  # A line every 0.1 s for at least 3 s; the idle limit leaves a margin
  # for a loaded machine.
  run graceful-timeout --idle-timeout=2 0 \
    sh -c 'i=1; while [ $i -le 30 ]; do echo $i; sleep 0.1; i=$((i+1)); done'
  assert_success
  assert_output "$(seq 30)"
}

@test "a command that goes quiet is ended after the idle limit, not the wall limit" {
  local start=$SECONDS
  run --separate-stderr graceful-timeout -v --idle-timeout=0.3 60 \
    sh -c 'echo hi; exec sleep 60'
  assert_failure 124
  assert_output 'hi'
  assert_equal "$stderr" \
"graceful-timeout: no output from command 'sh' for the idle limit
graceful-timeout: sending signal TERM to command 'sh'"
  (( SECONDS - start < 30 ))
}

@test "the wall-clock limit still applies to a chatty command" {
  run --separate-stderr graceful-timeout -v --idle-timeout=10 0.3 \
    sh -c 'while :; do echo x; sleep 0.02; done'
  assert_failure 124
  assert_equal "$stderr" "graceful-timeout: sending signal TERM to command 'sh'"
}

@test "-p keeps COMMAND's status after an idle stop" {
  run graceful-timeout -p --idle-timeout=0.2 0 sleep 30
  assert_failure $((128 + $(signum TERM)))
}

@test "50 MB written just before a hang arrive byte-exact" {
  # The idle limit must not pass while cat still writes, loaded or not.
  head -c 50000000 /dev/urandom >"$T/data"
  status=0
  graceful-timeout --idle-timeout=3 60 \
    sh -c 'cat "$0"; exec sleep 60' "$T/data" >"$T/out" || status=$?
  assert_equal "$status" 124
  cmp "$T/data" "$T/out"
  run bash -c 'graceful-timeout --idle-timeout=3 60 \
    sh -c "cat \"\$0\"; exec sleep 60" "$1" | sha256sum' _ "$T/data"
  assert_output "$(sha256sum <"$T/data")"
}

@test "output written before a KILL arrives, from descendants too" {
  head -c 5000000 /dev/urandom >"$T/data"
  status=0
  graceful-timeout -s KILL --idle-timeout=3 60 \
    sh -c '(cat "$0") & wait; exec sleep 60' "$T/data" >"$T/out" || status=$?
  assert_equal "$status" 137
  cmp "$T/data" "$T/out"
}

@test "standard output and error stay separate, each in order" {
  run --separate-stderr graceful-timeout --idle-timeout=5 0 sh -c '
    i=0
    while [ $i -lt 500 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done'
  assert_success
  assert_equal "$output" "$(seq 0 499 | sed 's/^/out /')"
  assert_equal "$stderr" "$(seq 0 499 | sed 's/^/err /')"
}

@test "a reader that goes away ends the stream: yes | head -1" {
  run timeout 30 bash -c \
    'graceful-timeout --idle-timeout=5 0 yes | head -1; echo "${PIPESTATUS[0]}"'
  assert_success
  assert_output "y
$((128 + $(signum PIPE)))"
}

@test "a slow reader is backpressure, not idleness" {
  # The reader takes a second before it reads; the idle limit is shorter.
  run bash -c 'graceful-timeout --idle-timeout=0.3 0 head -c 5000000 /dev/zero |
    { sleep 1; wc -c; }; echo "${PIPESTATUS[0]}"'
  assert_output '5000000
0'
}

@test "without --idle-timeout, COMMAND's output is not touched" {
  graceful-timeout 5 sh -c 'readlink /proc/$$/fd/1' >"$T/out"
  assert_equal "$(cat "$T/out")" "$T/out"
  graceful-timeout --idle-timeout=5 5 sh -c 'readlink /proc/$$/fd/1' >"$T/out"
  [[ $(cat "$T/out") == pipe:* ]]
}

@test "an invalid --idle-timeout is rejected" {
  run graceful-timeout --idle-timeout=-1 5 true
  assert_failure 125
  assert_output "graceful-timeout: invalid time interval '-1'
$TRY"
}
