#!/usr/bin/env bats
# --pass: signals forwarded without starting termination (SPEC 2.2).

load helper

TRY="Try 'graceful-timeout --help' for more information."

@test "--pass=HUP reaches COMMAND, which keeps running" {
  start_recorder graceful-timeout -v --pass=HUP 30 -- TERM
  kill -HUP "$GT"
  assert_log 1 'HUP'
  alive "$CMD"
  kill -TERM "$GT"
  assert_status 'exit 0'
  assert_log 2 $'HUP\nTERM'
  assert_equal "$(<"$T/stderr")" \
"graceful-timeout: sending signal HUP to command 'record-signals'
graceful-timeout: sending signal TERM to command 'record-signals'"
}

@test "without --pass, HUP terminates COMMAND" {
  start_recorder graceful-timeout 30 -- HUP
  kill -HUP "$GT"
  assert_status 'exit 0'
  assert_log 1 'HUP'
  run graceful-timeout 30 sh -c 'kill -HUP $PPID; sleep 10'
  assert_failure $((128 + $(signum HUP)))
}

@test "several signals may be passed" {
  start_recorder graceful-timeout --pass=USR1,SIGUSR2,hup 30 -- TERM
  kill -USR1 "$GT"
  assert_log 1 'USR1'
  kill -USR2 "$GT"
  assert_log 2 $'USR1\nUSR2'
  kill -HUP "$GT"
  assert_log 3 $'USR1\nUSR2\nHUP'
  kill -TERM "$GT"
  assert_status 'exit 0'
}

@test "a burst of a passed signal still reaches COMMAND" {
  start_recorder graceful-timeout --pass=USR1 30 -- TERM
  local i
  for ((i = 0; i < 50; i++)); do
    kill -USR1 "$GT"
  done
  kill -TERM "$GT"
  assert_status 'exit 0'
  run grep -c USR1 "$T/log"
  (( output >= 1 ))
  run tail -1 "$T/log"
  assert_output 'TERM'
}

@test "a passed signal does not start the deadline's termination early" {
  run graceful-timeout --pass=USR1 0.3 \
    sh -c 'trap "" USR1; kill -USR1 $PPID; sleep 10'
  assert_failure 124
}

@test "the --pass argument is left as it was, for ps to show" {
  start_recorder graceful-timeout --pass=HUP,USR1 30 -- TERM
  run tr '\0' ' ' <"/proc/$GT/cmdline"
  assert_output --partial '--pass=HUP,USR1'
  kill -TERM "$GT"
  assert_status 'exit 0'
}

@test "signals that cannot be passed are rejected" {
  for s in KILL STOP CHLD 0; do
    run graceful-timeout --pass="HUP,$s" 1 true
    assert_failure 125
    assert_output "graceful-timeout: '$s': this signal cannot be passed
$TRY"
  done
  run graceful-timeout --pass=HUP,NOPE 1 true
  assert_failure 125
  assert_output "graceful-timeout: 'NOPE': invalid signal
$TRY"
}
