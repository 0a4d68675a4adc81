#!/usr/bin/env bats
# --pre-stop and --pre-stop-timeout (SPEC 2.2).

load helper

HOOK='echo "hook $GRACEFUL_TIMEOUT_PID $GRACEFUL_TIMEOUT_REASON" >>"$HOOKLOG"'

@test "the hook runs before the first signal, told the pid and the reason" {
  export HOOKLOG=$T/log
  start_recorder graceful-timeout --pre-stop="$HOOK" 30 -- TERM
  time_up
  assert_status 'exit 124'
  assert_log 2 "hook $CMD deadline
TERM"
}

@test "a received TERM gives the reason signal:TERM" {
  export HOOKLOG=$T/log
  start_recorder graceful-timeout --pre-stop="$HOOK" 30 -- TERM
  kill -TERM "$GT"
  assert_status 'exit 0'
  assert_log 2 "hook $CMD signal:TERM
TERM"
}

@test "the hook's output goes to standard error; -v announces it" {
  run --separate-stderr graceful-timeout -v \
    --pre-stop='echo out; echo err >&2' 0.1 sleep 10
  assert_failure 124
  assert_output ''
  assert_equal "$stderr" \
"graceful-timeout: running the pre-stop hook 'echo out; echo err >&2'
out
err
graceful-timeout: sending signal TERM to command 'sleep'"
}

@test "a hook that hangs is cut off by --pre-stop-timeout, group and all" {
  run --separate-stderr graceful-timeout --pre-stop-timeout=0.2 \
    --pre-stop='sleep 30' 0.1 sleep 10
  assert_failure 124
  assert_equal "$stderr" \
    'graceful-timeout: the pre-stop hook ran out of time; killing it'
}

@test "the hook's own children die with it when it runs out of time" {
  export KID=$T/kid
  # The hook must record its child before its time runs out.
  run graceful-timeout --pre-stop-timeout=2 \
    --pre-stop='sleep 30 >/dev/null 2>&1 & echo $! >"$KID"; wait' \
    0.1 sleep 10
  assert_failure 124
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
}

@test "a failing hook is reported and changes no exit status" {
  run --separate-stderr graceful-timeout --pre-stop='exit 3' 0.1 sleep 10
  assert_failure 124
  assert_equal "$stderr" 'graceful-timeout: the pre-stop hook exited with status 3'
  run --separate-stderr graceful-timeout --pre-stop='no-such-hook-cmd' \
    0.1 sleep 10
  assert_failure 124
  [[ $stderr == *'no-such-hook-cmd: not found'* ]]
  [[ $stderr == *'graceful-timeout: the pre-stop hook exited with status 127' ]]
}

@test "if COMMAND ends while the hook runs, no signal is sent" {
  export GO=$T/go
  run --separate-stderr graceful-timeout -v \
    --pre-stop='touch "$GO"; while kill -0 $GRACEFUL_TIMEOUT_PID 2>/dev/null; do sleep 0.02; done' \
    0.1 sh -c 'while [ ! -e "$GO" ]; do sleep 0.02; done; exit 5'
  assert_failure 124
  refute [ -z "$stderr" ]
  [[ $stderr != *'sending signal'* ]]
}

@test "without a termination, the hook never runs" {
  export HOOKLOG=$T/log
  run graceful-timeout --pre-stop="$HOOK" 10 true
  assert_success
  assert [ ! -e "$T/log" ]
}

@test "an invalid --pre-stop-timeout is rejected" {
  run graceful-timeout --pre-stop=true --pre-stop-timeout=soon 1 true
  assert_failure 125
  assert_line --index 0 "graceful-timeout: invalid time interval 'soon'"
}

@test "with --tree, what COMMAND left while the hook ran gets the sequence" {
  need_tree
  export GO=$T/go KID=$T/kid
  run --separate-stderr graceful-timeout --tree -v \
    --pre-stop='touch "$GO"; while kill -0 $GRACEFUL_TIMEOUT_PID 2>/dev/null; do sleep 0.02; done' \
    0.1 sh -c 'sleep 30 >/dev/null 2>&1 & echo $! >"$KID"
               while [ ! -e "$GO" ]; do sleep 0.02; done; exit 5'
  assert_failure 124
  track "$T/kid"
  assert_equal "${stderr##*$'\n'}" \
    "graceful-timeout: sending signal TERM to the tree of command 'sh': 1 process"
  wait_gone "$(<"$T/kid")"
}

@test "the hook is told COMMAND's process group, and no tree without --tree" {
  export HOOKLOG=$T/log GRACEFUL_TIMEOUT_PIDS='from our caller'
  start_recorder graceful-timeout \
    --pre-stop='echo "$GRACEFUL_TIMEOUT_PGID ${GRACEFUL_TIMEOUT_PIDS-unset}" >>"$HOOKLOG"' \
    30 -- TERM
  local pgid
  pgid=$(proc_field "$CMD" 5)
  time_up
  assert_status 'exit 124'
  assert_log 2 "$pgid unset
TERM"
}

# Skip unless graceful-timeout can put COMMAND in a cgroup v2 child
# cgroup here (as tests/tree.bats does).
need_cgroup() {
  need_root 'cannot create a cgroup'
  GRACEFUL_TIMEOUT_TREE_BACKEND=cgroup graceful-timeout --tree 5 \
    grep -q '^0::.*/graceful-timeout\.[[:alnum:]]*$' /proc/self/cgroup \
    2>/dev/null || skip 'no cgroup v2 child cgroup can be created here'
}

# With --tree and backend $1, assert that the hook's GRACEFUL_TIMEOUT_PIDS
# holds COMMAND, then a grandchild that left its session, and no other.
assert_hook_sees_tree() {
  export HOOKLOG=$T/log KID=$T/kid CMDPID=$T/cmd
  run env GRACEFUL_TIMEOUT_TREE_BACKEND="$1" graceful-timeout --tree \
    --pre-stop='echo "$GRACEFUL_TIMEOUT_PID|$GRACEFUL_TIMEOUT_PIDS" >"$HOOKLOG"' \
    30 sh -c 'echo $$ >"$CMDPID"; setsid sleep 30 >/dev/null 2>&1 &
              echo $! >"$KID"; kill -ALRM $PPID; wait'
  assert_failure 124
  track "$T/kid"
  local cmd kid
  cmd=$(<"$T/cmd") kid=$(<"$T/kid")
  assert_equal "$(<"$T/log")" "$cmd|$cmd $kid"
  wait_gone "$kid"
}

@test "with --tree, the hook is told every pid of the tree (/proc walk)" {
  need_tree
  assert_hook_sees_tree proc
}

@test "with --tree, the hook is told every pid of the tree (cgroup)" {
  need_tree
  need_cgroup
  assert_hook_sees_tree cgroup
}
