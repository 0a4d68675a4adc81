#!/usr/bin/env bats
# --termseq: multi-step termination (SPEC 2.2).

load helper

TRY="Try 'graceful-timeout --help' for more information."

# The recorder may be slow to record a signal, but it records pending
# ones in the order of their numbers (USR1 < USR2 < TERM), and it records
# a last step it exits on: the steps' durations need no margin for it.

@test "each step is sent in turn, and -v reports every one" {
  start_recorder graceful-timeout -v --termseq=USR1:0.2,USR2:0.2,TERM 30 \
    -- TERM
  time_up
  assert_status 'exit 124'
  assert_log 3 $'USR1\nUSR2\nTERM'
  assert_equal "$(<"$T/stderr")" \
"graceful-timeout: sending signal USR1 to command 'record-signals'
graceful-timeout: sending signal USR2 to command 'record-signals'
graceful-timeout: sending signal TERM to command 'record-signals'"
}

@test "the sequence stops as soon as COMMAND has ended" {
  start_recorder graceful-timeout -v --termseq=USR1:10,KILL 30 -- USR1
  time_up
  assert_status 'exit 124'
  assert_log 1 'USR1'
  assert_equal "$(<"$T/stderr")" \
    "graceful-timeout: sending signal USR1 to command 'record-signals'"
}

@test "-s S -k D is exactly --termseq=S:D,KILL" {
  run graceful-timeout -v -s USR1 -k 0.1 30 \
    sh -c 'trap "" USR1; kill -ALRM $PPID; sleep 10'
  local gnu=$output gnu_status=$status
  run graceful-timeout -v --termseq=USR1:0.1,KILL 30 \
    sh -c 'trap "" USR1; kill -ALRM $PPID; sleep 10'
  assert_equal "$status" "$gnu_status"
  assert_output "$gnu"
}

@test "a received signal is step 1; the sequence goes on from step 2" {
  start_recorder graceful-timeout --termseq=USR1:0.2,USR2:0.2,TERM 30 -- TERM
  kill -HUP "$GT"
  assert_status 'exit 0'
  assert_log 3 $'HUP\nUSR2\nTERM'
}

@test "later signals are forwarded and never restart the sequence" {
  start_recorder graceful-timeout --termseq=USR1:0.1,USR2 30 -- TERM
  time_up
  assert_log 2 $'USR1\nUSR2'
  kill -TERM "$GT"
  assert_status 'exit 124'
  assert_log 3 $'USR1\nUSR2\nTERM'
}

@test "a deadline that passes during termination changes nothing" {
  # The HUP must come first: the deadline is only a lower bound on it.
  start_recorder graceful-timeout -v --termseq=USR1:4,KILL 2
  kill -HUP "$GT"
  assert_status "signal $(signum KILL)"
  assert_log 1 'HUP'
  assert_equal "$(<"$T/stderr")" \
"graceful-timeout: sending signal HUP to command 'record-signals'
graceful-timeout: sending signal KILL to command 'record-signals'"
}

@test "each step reaches the group and is followed by CONT" {
  run graceful-timeout --termseq=TERM:5,KILL 0.1 sh -c 'kill -STOP $$'
  assert_failure 124
  # Not INT: sh makes its background jobs ignore INT and QUIT, so an INT
  # would reach the sleep only if it came before sh had done so.
  run graceful-timeout --termseq=HUP:5,KILL 30 sh -c \
    'sleep 30 >/dev/null 2>&1 & echo $! >"$0"; kill -ALRM $PPID; wait' "$T/kid"
  assert_failure 124
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
}

@test "a DURATION of 0 waits forever, as -k 0 does" {
  run graceful-timeout -v --termseq=TERM:0,KILL 0.1 sleep 10
  assert_failure 124
  assert_output "graceful-timeout: sending signal TERM to command 'sleep'"
}

@test "malformed sequences are rejected precisely, before COMMAND runs" {
  local cases=(
    '' "empty step in termination sequence ''"
    ',KILL' "empty step in termination sequence ',KILL'"
    'TERM:1,' "empty step in termination sequence 'TERM:1,'"
    'TERM,KILL' "step 'TERM' of termination sequence 'TERM,KILL' needs a DURATION: only the last step may omit it"
    'TERM:,KILL' "invalid time interval '' in termination sequence 'TERM:,KILL'"
    'TERM:x' "invalid time interval 'x' in termination sequence 'TERM:x'"
    'TERM:-1,KILL' "invalid time interval '-1' in termination sequence 'TERM:-1,KILL'"
    'FOO:1,KILL' "invalid signal 'FOO' in termination sequence 'FOO:1,KILL'"
    'TERM:1,KILL:1,BAR' "invalid signal 'BAR' in termination sequence 'TERM:1,KILL:1,BAR'"
  )
  local i
  for ((i = 0; i < ${#cases[@]}; i += 2)); do
    run graceful-timeout --termseq="${cases[i]}" 5 touch "$T/ran"
    assert_failure 125
    assert_output "graceful-timeout: ${cases[i + 1]}
$TRY"
    assert [ ! -e "$T/ran" ]
  done
}

@test "--termseq with -s or -k is a usage error" {
  for opt in '-s TERM' '-k 5'; do
    run graceful-timeout $opt --termseq=TERM 5 touch "$T/ran"
    assert_failure 125
    assert_output "graceful-timeout: --termseq cannot be combined with -s or -k
$TRY"
    assert [ ! -e "$T/ran" ]
  done
}

@test "COMMAND gets the first step's signal if graceful-timeout dies" {
  need_deathsig
  start_recorder graceful-timeout --termseq=USR2:1,KILL 30 -- USR2
  kill -KILL "$GT"
  assert_log 1 'USR2'
}
