#!/usr/bin/env bats
# Process handling (SPEC 4): the process group, CONT, -f, -v, no polling.

load helper

@test "-v names every signal sent: the timeout signal, then KILL" {
  run --separate-stderr graceful-timeout -v -k 0.1 30 \
    sh -c 'trap "" TERM; kill -ALRM $PPID; sleep 10'
  assert_failure 137
  assert_equal "$stderr" \
"graceful-timeout: sending signal TERM to command 'sh'
graceful-timeout: sending signal KILL to command 'sh'"
}

@test "COMMAND's children in its process group are signalled too" {
  run graceful-timeout 30 sh -c \
    'sleep 10 >/dev/null 2>&1 & echo $! >"$0"; kill -ALRM $PPID; wait' "$T/kid"
  assert_failure 124
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
}

@test "COMMAND runs in graceful-timeout's own new process group" {
  run graceful-timeout 10 sh -c 'echo $PPID $(ps -o pgid= $$)'
  assert_success
  read -r gt pgid <<<"$output"
  assert_equal "$pgid" "$gt"
}

@test "a stopped COMMAND is continued so that it can die" {
  run graceful-timeout 0.1 sh -c 'kill -STOP $$; sleep 10'
  assert_failure 124
}

@test "-f signals COMMAND only, and sends no CONT" {
  # A stopped COMMAND gets TERM but no CONT, so only KILL ends it.
  # A helper in COMMAND's group makes the time up once COMMAND is stopped.
  run graceful-timeout -f -v -k 0.3 30 sh -c '
    gt=$PPID
    (while [ "$(cut -d" " -f3 /proc/$$/stat)" != T ]; do sleep 0.01; done
     kill -ALRM $gt) &
    kill -STOP $$; sleep 10'
  assert_failure 137
  assert_line --index 1 "graceful-timeout: sending signal KILL to command 'sh'"
  # A child of COMMAND is not timed out.
  run graceful-timeout -f 30 sh -c \
    'sleep 10 >/dev/null 2>&1 & echo $! >"$0"; kill -ALRM $PPID; wait' "$T/kid"
  assert_failure 124
  track "$T/kid"
  alive "$(<"$T/kid")"
}

@test "-f leaves COMMAND in the caller's process group" {
  run graceful-timeout -f 10 sh -c 'ps -o pgid= $$'
  assert_success
  assert_equal "${output// /}" "$(ps -o pgid= $$ | tr -d ' ')"
}

@test "graceful-timeout survives its own group KILL and reaps COMMAND" {
  run wait_status graceful-timeout -v -s KILL 30 sh -c \
    'sleep 10 >/dev/null 2>&1 & echo $! >"$0"; kill -ALRM $PPID; wait' "$T/kid"
  assert_line --index 1 'exit 137'
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
}

@test "a group member that forks while KILL is sent is killed too" {
  run graceful-timeout -s KILL 30 sh -c '
    echo $$ >"$0"
    i=0; while [ $i -lt 50 ]; do sleep 10 & i=$((i+1)); done
    kill -ALRM $PPID
    while :; do sleep 10 & done' "$T/forker"
  assert_failure 137
  local i
  for ((i = 0; i < 2000; i++)); do
    pgrep -g "$(<"$T/forker")" >/dev/null || break
    sleep 0.01
  done
  run pgrep -g "$(<"$T/forker")"
  assert_failure 1
}

@test "while waiting, graceful-timeout sleeps without a single wakeup" {
  start_bg graceful-timeout 30 sh -c 'echo ready >"$0"; exec sleep 30' "$T/ready"
  wait_for_file "$T/ready"
  wait_asleep "$BG"
  local before after
  before=$(grep ctxt_switches "/proc/$BG/status")
  sleep 1
  after=$(grep ctxt_switches "/proc/$BG/status")
  assert_equal "$after" "$before"
}
