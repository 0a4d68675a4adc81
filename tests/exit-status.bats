#!/usr/bin/env bats
# Exit statuses (SPEC 3).

load helper

@test "COMMAND's own exit status passes through" {
  for code in 0 1 3 123 124 125 126 127 255; do
    run graceful-timeout 10 sh -c "exit $code"
    assert_equal "$status" "$code"
  done
}

@test "124 when the time limit is reached" {
  run wait_status graceful-timeout 0.1 sleep 10
  assert_output 'exit 124'
}

@test "124 also when COMMAND catches the signal and exits by itself" {
  run graceful-timeout 0.1 sh -c 'trap "exit 0" TERM; sleep 10 & wait'
  assert_failure 124
}

@test "-p keeps COMMAND's status: 128+N when the signal killed it" {
  run graceful-timeout -p 0.1 sleep 10
  assert_failure 143
  # INT at its default, whatever the caller (a background job) left.
  run env --default-signal=INT graceful-timeout -p -s INT 0.1 sleep 10
  assert_failure 130
  run graceful-timeout -p 30 \
    sh -c 'trap "exit 9" TERM; kill -ALRM $PPID; sleep 10 & wait'
  assert_failure 9
}

@test "137 when COMMAND is killed by -k escalation, and we survive it" {
  run wait_status graceful-timeout -k 0.1 30 \
    sh -c 'trap "" TERM; kill -ALRM $PPID; sleep 10'
  assert_output 'exit 137'
}

@test "137 with -s KILL, and with -p too" {
  run wait_status graceful-timeout -s KILL 0.1 sleep 10
  assert_output 'exit 137'
  run wait_status graceful-timeout -p -s KILL 0.1 sleep 10
  assert_output 'exit 137'
}

@test "127 and a message when COMMAND is not found" {
  run graceful-timeout 10 no-such-command-here
  assert_failure 127
  assert_output "graceful-timeout: failed to run command 'no-such-command-here': No such file or directory"
}

@test "126 and a message when COMMAND cannot be run" {
  printf 'echo hi\n' >"$T/noexec"
  chmod -x "$T/noexec"
  run graceful-timeout 10 "$T/noexec"
  assert_failure 126
  assert_output "graceful-timeout: failed to run command '$T/noexec': Permission denied"
  run graceful-timeout 10 /
  assert_failure 126
  assert_output "graceful-timeout: failed to run command '/': Permission denied"
}

@test "COMMAND's death by a signal is re-raised: the parent sees the same" {
  run wait_status graceful-timeout 10 sh -c 'kill -USR1 $$'
  assert_output "signal $(signum USR1)"
  run wait_status graceful-timeout 10 sh -c 'kill -TERM $$'
  assert_output "signal $(signum TERM)"
}

@test "a core dump is reported, and not repeated by graceful-timeout" {
  [[ -z ${GT_VALGRIND-} ]] || skip 'valgrind writes cores of its own'
  cd "$T"
  ulimit -c unlimited
  run wait_status sh -c 'kill -QUIT $$'
  [[ $output == *core ]] || skip 'core dumps are not possible here'
  run --separate-stderr wait_status graceful-timeout 10 sh -c 'kill -QUIT $$'
  assert_output "signal $(signum QUIT)"
  assert_equal "$stderr" \
    'graceful-timeout: the monitored command dumped core'
}
