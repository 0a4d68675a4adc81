#!/usr/bin/env bats
# Signals graceful-timeout receives (SPEC 4): forwarded, and they start
# termination; inherited dispositions and masks are respected.

load helper

# Start graceful-timeout with the arguments "$@" running a COMMAND that
# writes its pid to $T/ready and sleeps; record how graceful-timeout
# ends in $T/status.  Set GT to graceful-timeout's pid and CMD to
# COMMAND's.
start_gt() {
  start_bg wait_status_to "$T/status" env --default-signal \
    graceful-timeout "$@" sh -c 'echo $$ >"$0"; exec sleep 30' "$T/ready" \
    2>"$T/stderr"
  wait_for_file "$T/ready"
  CMD=$(<"$T/ready")
  track "$CMD"
  GT=$(proc_field "$CMD" 4)
}

@test "every terminating signal is forwarded and ends COMMAND the same way" {
  for s in HUP INT QUIT ILL TRAP ABRT BUS FPE USR1 SEGV USR2 PIPE TERM \
           STKFLT XCPU XFSZ VTALRM PROF IO PWR SYS RTMIN RTMIN+5 RTMAX; do
    rm -f "$T/ready" "$T/status"
    start_gt 30
    kill -s "$(signum "$s")" "$GT"
    wait_for_file "$T/status"
    assert_equal "$s: $(<"$T/status")" "$s: signal $(signum "$s")"
  done
}

@test "a forwarded signal is reported by -v" {
  start_gt -v 30
  kill -HUP "$GT"
  wait_for_file "$T/status"
  run cat "$T/status"
  assert_output "signal $(signum HUP)"
  run cat "$T/stderr"
  assert_output "graceful-timeout: sending signal HUP to command 'sh'"
}

@test "a COMMAND that handles the forwarded signal keeps its own status" {
  start_bg graceful-timeout 30 sh -c \
    'trap "exit 7" TERM; echo $$ >"$0"; sleep 30 & wait' "$T/ready"
  wait_for_file "$T/ready"
  kill -TERM "$BG"
  wait_bg
  assert_equal "$status" 7
}

@test "an external ALRM counts as the time limit: 124" {
  start_gt 30
  kill -ALRM "$GT"
  wait_for_file "$T/status"
  run cat "$T/status"
  assert_output 'exit 124'
}

@test "a signal ignored at start-up stays ignored, in COMMAND too" {
  # USR1 ignored, as a shell's background job has INT and QUIT ignored.
  start_bg wait_status_to "$T/status" env --ignore-signal=USR1 \
    graceful-timeout 30 sh -c 'echo $$ >"$0"; exec sleep 30' "$T/ready2"
  wait_for_file "$T/ready2"
  local cmd=$(<"$T/ready2") gt
  track "$cmd"
  gt=$(proc_field "$cmd" 4)
  # Only USR1's bit: INT and QUIT may be ignored too, as in a background
  # job of a script.
  local ignored
  ignored=$(awk '$1 == "SigIgn:" { print $2 }' "/proc/$cmd/status")
  (( (0x$ignored >> ($(signum USR1) - 1)) & 1 )) ||
    fail "USR1 is not ignored in COMMAND: SigIgn $ignored"
  kill -USR1 "$gt"
  kill -TERM "$gt"
  wait_for_file "$T/status"
  run cat "$T/status"
  assert_output "signal $(signum TERM)"
}

@test "TTIN and TTOU never stop graceful-timeout" {
  start_bg graceful-timeout 30 sh -c \
    'echo $$ >"$0"; while [ ! -e "$0.go" ]; do sleep 0.02; done; exit 4' \
    "$T/ready"
  wait_for_file "$T/ready"
  kill -TTIN "$BG"
  kill -TTOU "$BG"
  touch "$T/ready.go"
  wait_bg
  assert_equal "$status" 4
}

@test "an inherited blocked ALRM breaks nothing, and COMMAND inherits it" {
  run env --block-signal=ALRM graceful-timeout 0.1 sleep 10
  assert_failure 124
  # COMMAND reads its own mask; a shell reading its own through a child
  # would race with the shell's own blocking around fork and wait.
  run env --block-signal=ALRM grep SigBlk /proc/self/status
  local expected=$output
  (( 0x${expected#SigBlk:?} & (1 << ($(signum ALRM) - 1)) ))
  run env --block-signal=ALRM graceful-timeout 10 grep SigBlk /proc/self/status
  assert_success
  assert_output "$expected"
}

@test "COMMAND starts with graceful-timeout's original signal mask" {
  run grep SigBlk /proc/self/status
  local expected=$output
  run graceful-timeout 10 grep SigBlk /proc/self/status
  assert_success
  assert_output "$expected"
  run env --block-signal=USR2,HUP grep SigBlk /proc/self/status
  expected=$output
  run env --block-signal=USR2,HUP graceful-timeout 10 \
    grep SigBlk /proc/self/status
  assert_output "$expected"
}

@test "an inherited ignored CHLD breaks nothing" {
  run env --ignore-signal=CHLD graceful-timeout 0.1 sleep 10
  assert_failure 124
  run env --ignore-signal=CHLD graceful-timeout 10 sh -c 'exit 3'
  assert_failure 3
}

@test "an unrelated child of graceful-timeout does not confuse it" {
  run sh -c 'sleep 0.1 & exec graceful-timeout 10 sh -c "sleep 0.4; exit 3"'
  assert_failure 3
  run sh -c 'sleep 0.1 & exec graceful-timeout 0.4 sleep 10'
  assert_failure 124
}

@test "-k arms after a forwarded signal, even with DURATION 0" {
  start_bg wait_status_to "$T/status" graceful-timeout -k 0.2 0 \
    sh -c 'trap "" TERM; echo $$ >"$0"; exec sleep 30' "$T/ready"
  wait_for_file "$T/ready"
  track "$T/ready"
  kill -TERM "$(proc_field "$(<"$T/ready")" 4)"
  wait_for_file "$T/status"
  run cat "$T/status"
  assert_output "signal $(signum KILL)"
}

@test "a signal that arrives while COMMAND starts is never lost" {
  local i
  for ((i = 0; i < 20; i++)); do
    run wait_status sh -c \
      'graceful-timeout 30 sleep 30 & kill -TERM $!; wait $! 2>/dev/null'
    assert_output 'exit 143'
  done
}
