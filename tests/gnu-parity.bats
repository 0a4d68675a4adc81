#!/usr/bin/env bats
# GNU coreutils' own tests/timeout/ cases, in our own words, and the two
# GNU 9.11 defects that graceful-timeout does not have.

load helper

TRY="Try 'graceful-timeout --help' for more information."

# timeout.sh

@test "parity: basic statuses" {
  run graceful-timeout 10 true
  assert_success
  run graceful-timeout 0 true
  assert_success
  run graceful-timeout 1 false
  assert_failure 1
  run graceful-timeout 10 sh -c 'exit 2'
  assert_failure 2
  run graceful-timeout 0.1 sleep 10
  assert_failure 124
  run graceful-timeout --preserve-status 0.1 sleep 10
  assert_failure $((128 + $(signum TERM)))
}

@test "parity: KILL_AFTER is only used when COMMAND ignores the signal" {
  run graceful-timeout -v -k 5 0.1 sleep 10
  assert_failure 124
  assert_output "graceful-timeout: sending signal TERM to command 'sleep'"
  # COMMAND says when it is ready: an external ALRM is the time limit.
  run graceful-timeout --kill-after=0.1 30 \
    sh -c 'trap "" TERM; kill -ALRM $PPID; sleep 10'
  assert_failure 137
  run graceful-timeout -p -k 0.1 30 \
    sh -c 'trap "" TERM; kill -ALRM $PPID; sleep 10'
  assert_failure 137
}

@test "parity: -s 0 with -k reports both signals" {
  run graceful-timeout -v -s0 -k0.1 0.1 sleep 10
  assert_failure 137
  assert_output "graceful-timeout: sending signal 0 to command 'sleep'
graceful-timeout: sending signal KILL to command 'sleep'"
}

# timeout-parameters.sh

@test "parity: invalid parameters exit 125 with the right message" {
  run graceful-timeout invalid sleep 0
  assert_failure 125
  assert_output "graceful-timeout: invalid time interval 'invalid'
$TRY"
  run graceful-timeout --kill-after=invalid 1 sleep 0
  assert_failure 125
  assert_output "graceful-timeout: invalid time interval 'invalid'
$TRY"
  run graceful-timeout --signal=invalid 1 sleep 0
  assert_failure 125
  assert_output "graceful-timeout: 'invalid': invalid signal
$TRY"
  run graceful-timeout 1 no_such_command
  assert_failure 127
  run graceful-timeout 10.34 sleep 0
  assert_success
}

# timeout-large-parameters.sh

@test "parity: large durations do not overflow into short ones" {
  for d in 4294967296 100000000000000000000 1e300 9.0e9999 \
           9223372036854775807 9223372036854775808d 2.34e+5d; do
    run graceful-timeout "$d" sleep 0
    assert_success
    run graceful-timeout -k "$d" 0.1 sleep 10
    assert_failure 124
  done
}

@test "parity: an underflowing duration times out immediately" {
  run graceful-timeout 1e-10000 sleep 10
  assert_failure 124
}

# timeout-blocked

@test "parity: an inherited blocked ALRM still times out" {
  run env --block-signal=ALRM graceful-timeout 0.1 sleep 10
  assert_failure 124
}

# timeout-group.sh

@test "parity: INT sent to the whole group ends it like a terminal's ^C" {
  start_bg wait_status_to "$T/status" env --default-signal=INT \
    graceful-timeout 30 sh -c 'echo $$ >"$0"; exec sleep 30' "$T/ready"
  wait_for_file "$T/ready"
  track "$T/ready"
  local gt
  gt=$(proc_field "$(<"$T/ready")" 4)
  kill -INT -- "-$gt"
  wait_for_file "$T/status"
  run cat "$T/status"
  assert_output "signal $(signum INT)"
}

@test "parity: the whole group gets the signal, unless --foreground" {
  # Not INT: sh makes its background jobs ignore INT and QUIT, so an INT
  # would reach the sleep only if it came before sh had done so.
  run graceful-timeout -s HUP 30 sh -c \
    'sleep 30 >/dev/null 2>&1 & echo $! >"$0"; kill -ALRM $PPID; wait' "$T/kid"
  assert_failure 124
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
  run graceful-timeout --foreground 30 sh -c \
    'sleep 30 >/dev/null 2>&1 & echo $! >"$0"; kill -ALRM $PPID; wait' "$T/kid2"
  assert_failure 124
  track "$T/kid2"
  alive "$(<"$T/kid2")"
}

# init-parent.sh

@test "parity: run as PID 1, COMMAND is not taken for an orphan" {
  need_pidns
  run unshare --pid --fork --mount-proc graceful-timeout 10 true
  assert_success
  run unshare --pid --fork --mount-proc sh -c 'graceful-timeout 10 true'
  assert_success
}

# Defects of GNU 9.11 that graceful-timeout fixes.

@test "-s CHLD does not hang" {
  run graceful-timeout -s CHLD 30 sh -c 'kill -ALRM $PPID; sleep 0.3'
  assert_failure 124
  run graceful-timeout -s CHLD -k 0.1 0.1 sleep 10
  assert_failure 137
}

@test "-s ALRM -k escalates to KILL" {
  run graceful-timeout -v -s ALRM -k 0.1 30 \
    sh -c 'trap "" ALRM; kill -ALRM $PPID; sleep 10'
  assert_failure 137
  assert_output "graceful-timeout: sending signal ALRM to command 'sh'
graceful-timeout: sending signal KILL to command 'sh'"
}

@test "after a timeout, a -v message that cannot be written still gives 124" {
  run bash -c 'graceful-timeout -v 0.1 sleep 10 2>/dev/full'
  assert_failure 124
  run python3 -c '
import os, subprocess
r, w = os.pipe()
os.close(r)
print(subprocess.run(["graceful-timeout", "-v", "0.1", "sleep", "10"],
                     stderr=w).returncode)'
  assert_output 124
}
