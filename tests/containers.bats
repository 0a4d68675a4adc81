#!/usr/bin/env bats
# graceful-timeout as PID 1 of a container (SPEC 5), emulated with
# unshare --pid --fork --mount-proc: no container engine needed.

load helper

# Start "$@" as PID 1 of a new pid namespace, in the background; set
# PID1 to its pid as seen from here once $T/ready exists.
start_container() {
  start_bg wait_status_to "$T/status" \
    unshare --pid --fork --mount-proc "$@"
  wait_for_file "$T/ready"
  PID1=$(pgrep -P "$(pgrep -P "$BG" -x python3 || echo "$BG")" -x unshare)
  PID1=$(pgrep -P "$PID1")
  track "$PID1"
}

@test "as PID 1, every inherited zombie is reaped" {
  need_pidns
  run unshare --pid --fork --mount-proc graceful-timeout 10 sh -c '
    for i in 1 2 3 4 5; do (true &); (sleep 0.05 &); done
    i=0
    while [ $i -lt 200 ] && ps -eo stat= | grep -q "^Z"; do
      sleep 0.05; i=$((i + 1))
    done
    ps -eo pid=,stat=,comm= | grep -c " Z" || true'
  assert_success
  assert_output 0
}

@test "as PID 1, signals are forwarded and COMMAND's status returned" {
  need_pidns
  start_container graceful-timeout 30 sh -c \
    'trap "exit 5" TERM; echo ready >"$0"; sleep 30 & wait' "$T/ready"
  kill -TERM "$PID1"
  assert_status 'exit 5'
}

@test "docker stop: TERM to PID 1 runs the hook, ends the whole tree, keeps the status" {
  need_pidns
  need_tree
  # Names no other test, nor a concurrent run of this one, uses.
  local m=$$$BATS_TEST_NUMBER
  export HOOKLOG=$T/hook
  start_container graceful-timeout --tree -v -k 0.5 \
    --pre-stop='echo "hook $GRACEFUL_TIMEOUT_REASON" >"$HOOKLOG"' 0 sh -c '
      exec >/dev/null 2>&1
      setsid sleep 1000.$1 &
      sh -c "trap \"\" TERM; exec sleep 1001.$1" &
      (setsid sleep 1002.$1 &)
      trap "exit 0" TERM
      echo ready >"$0"
      wait' "$T/ready" "$m"
  local before
  before=$(pgrep -f "^sleep 100[012]\\.$m\$" | wc -l)
  assert_equal "$before" 3
  kill -TERM "$PID1"
  wait_for_file "$T/status"
  assert_equal "$(<"$T/status")" 'exit 0'
  assert_equal "$(<"$T/hook")" 'hook signal:TERM'
  run pgrep -f "^sleep 100[012]\\.$m\$"
  assert_failure 1
}

@test "without --tree, a TERM to PID 1 still ends COMMAND's group" {
  need_pidns
  start_container graceful-timeout 0 sh -c \
    'echo ready >"$0"; sleep 30 & wait' "$T/ready"
  kill -TERM "$PID1"
  wait_for_file "$T/status"
  assert_equal "$(<"$T/status")" "exit $((128 + $(signum TERM)))"
}
