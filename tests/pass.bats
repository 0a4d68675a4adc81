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

@test "a passed signal after COMMAND has ended never reaches our caller's group" {
  need_tree
  # With -f, graceful-timeout stays in its caller's process group; with
  # --tree it outlives COMMAND while a leftover ignores TERM.  A passed
  # USR1 then has no COMMAND to go to, and must not go to pid 0.
  cat >"$T/parent.sh" <<'SH'
trap 'echo got >"$1/parent"' USR1
graceful-timeout -f --tree --pass=USR1 30 sh -c '
  setsid sh -c "trap \"\" TERM; echo \$\$ >\"\$0/kid\"; exec sleep 30" "$0" \
    >/dev/null 2>&1 &
  while [ ! -s "$0/kid" ]; do sleep 0.01; done
  exit 0' "$1" &
echo $! >"$1/gt"
wait $!
wait $!
SH
  start_bg setsid --wait sh "$T/parent.sh" "$T"
  wait_for_file "$T/kid"
  track "$T/kid"
  local gt kid i
  gt=$(<"$T/gt") kid=$(<"$T/kid")
  # COMMAND has ended once the leftover is graceful-timeout's child.
  for ((i = 0; i < 2000; i++)); do
    [[ $(proc_field "$kid" 4) == "$gt" ]] && break
    sleep 0.01
  done
  kill -USR1 "$gt"
  kill -KILL "$kid"
  wait_bg
  assert [ ! -e "$T/parent" ]
}
