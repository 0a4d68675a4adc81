#!/usr/bin/env bats
# When graceful-timeout dies, COMMAND gets the first termination signal
# (SPEC 4); as PID 1 it still runs COMMAND normally.

load helper

# Start "$@" in the background; COMMAND records every TERM and USR1 it
# gets in $T/got and writes its pid to $T/ready.
start_recorder() {
  start_bg "$@" sh -c '
    trap "echo TERM >>\"$0.got\"; exit 0" TERM
    trap "echo USR1 >>\"$0.got\"; exit 0" USR1
    echo $$ >"$0"
    while :; do sleep 0.05; done' "$T/ready"
  wait_for_file "$T/ready"
  track "$T/ready"
}

@test "COMMAND gets TERM when graceful-timeout is killed with KILL" {
  need_deathsig
  start_recorder graceful-timeout 30
  kill -KILL "$BG"
  wait_for_file "$T/ready.got"
  run cat "$T/ready.got"
  assert_output 'TERM'
}

@test "COMMAND gets the -s signal when graceful-timeout is killed" {
  need_deathsig
  start_recorder graceful-timeout -s USR1 30
  kill -KILL "$BG"
  wait_for_file "$T/ready.got"
  run cat "$T/ready.got"
  assert_output 'USR1'
}

@test "under a subreaper, parent death is still noticed" {
  need_deathsig
  start_recorder python3 -c '
import ctypes, os, sys
PR_SET_CHILD_SUBREAPER = 36
ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1)
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
os.waitpid(pid, 0)
' graceful-timeout 30
  local gt
  gt=$(proc_field "$(<"$T/ready")" 4)
  kill -KILL "$gt"
  wait_for_file "$T/ready.got"
  run cat "$T/ready.got"
  assert_output 'TERM'
}

@test "as PID 1 of a pid namespace, COMMAND runs and its status is kept" {
  need_pidns
  run unshare --pid --fork --mount-proc graceful-timeout 10 \
    sh -c 'echo $PPID; exit 3'
  assert_failure 3
  assert_output '1'
  run unshare --pid --fork --mount-proc graceful-timeout 0.1 sleep 10
  assert_failure 124
}

@test "as PID 1, a COMMAND killed by a signal gives 128+N" {
  need_pidns
  run unshare --pid --fork --mount-proc graceful-timeout 10 \
    sh -c 'kill -USR1 $$'
  assert_failure $((128 + $(signum USR1)))
}
