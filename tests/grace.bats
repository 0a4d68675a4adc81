#!/usr/bin/env bats
# --grace=DURATION: the whole termination has a deadline (SPEC 2.2).

load helper

TRY="Try 'graceful-timeout --help' for more information."
CUT='graceful-timeout: the grace period ran out; cutting the termination short'

# A COMMAND that ignores USR1 and TERM (an ignored signal stays ignored
# across exec), says it is ready by reaching the time limit (ALRM), and
# then sleeps.
STUBBORN='trap "" USR1 TERM; kill -ALRM $PPID; exec sleep 30'

# Print how many seconds have passed since $1 (from $SECONDS).
since() {
  echo $((SECONDS - $1))
}

@test "a step's wait is cut short: the last step goes at once" {
  local start=$SECONDS
  run graceful-timeout -v --grace=0.3 --termseq=USR1:30,TERM:30,KILL 60 \
    sh -c "$STUBBORN"
  assert_failure 137
  assert_output "graceful-timeout: sending signal USR1 to command 'sh'
$CUT
graceful-timeout: sending signal KILL to command 'sh'"
  (( $(since "$start") < 20 ))
}

@test "-k counts within the grace period: KILL comes at the grace's end" {
  run graceful-timeout -v -k 30 --grace=0.3 60 sh -c "$STUBBORN"
  assert_failure 137
  assert_output "graceful-timeout: sending signal TERM to command 'sh'
$CUT
graceful-timeout: sending signal KILL to command 'sh'"
}

@test "the last step is the sequence's own, not always KILL" {
  run graceful-timeout -v --grace=0.3 --termseq=USR1:30,INT 60 \
    sh -c 'trap "" USR1; kill -ALRM $PPID; exec sleep 30'
  assert_failure 124
  assert_output "graceful-timeout: sending signal USR1 to command 'sh'
$CUT
graceful-timeout: sending signal INT to command 'sh'"
}

@test "a pre-stop hook that would run past the grace period is cut short" {
  local start=$SECONDS
  run graceful-timeout -v --grace=0.3 --pre-stop-timeout=30 \
    --pre-stop='exec sleep 30' -k 30 0.1 sleep 30
  assert_failure 137
  assert_output "graceful-timeout: running the pre-stop hook 'exec sleep 30'
graceful-timeout: the pre-stop hook ran out of time; killing it
$CUT
graceful-timeout: sending signal KILL to command 'sleep'"
  (( $(since "$start") < 20 ))
}

@test "a termination that ends within the grace period is not touched" {
  run graceful-timeout -v --grace=30 --termseq=USR1:0.1,TERM 60 \
    sh -c 'trap "" USR1; kill -ALRM $PPID; exec sleep 30'
  assert_failure 124
  assert_output "graceful-timeout: sending signal USR1 to command 'sh'
graceful-timeout: sending signal TERM to command 'sh'"
}

@test "the grace period counts from a received signal, too" {
  start_bg wait_status_to "$T/status" graceful-timeout -k 30 --grace=0.3 \
    60 sh -c 'trap "" TERM; echo $$ >"$0"; exec sleep 30' "$T/cmd"
  wait_for_file "$T/cmd"
  track "$T/cmd"
  kill -TERM "$(proc_field "$(<"$T/cmd")" 4)"
  wait_for_file "$T/status"
  assert_equal "$(<"$T/status")" "signal $(signum KILL)"
}

@test "with --tree, everything still alive gets the last step" {
  need_tree
  export KID=$T/kid
  local start=$SECONDS
  run graceful-timeout --tree -k 30 --grace=0.3 60 sh -c \
    'setsid sh -c "trap \"\" TERM; echo \$\$ >\"\$KID\"; exec sleep 30" \
       >/dev/null 2>&1 &
     while [ ! -s "$KID" ]; do sleep 0.02; done
     trap "" TERM; kill -ALRM $PPID; wait'
  assert_failure 137
  (( $(since "$start") < 20 ))
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
}

@test "with --tree, what COMMAND leaves behind is ended within it too" {
  need_tree
  export KID=$T/kid
  local start=$SECONDS
  run graceful-timeout --tree -k 30 --grace=0.3 60 sh -c \
    'sh -c "trap \"\" TERM; echo \$\$ >\"\$KID\"; exec sleep 30" \
       >/dev/null 2>&1 &
     while [ ! -s "$KID" ]; do sleep 0.02; done; exit 3'
  assert_failure 3
  (( $(since "$start") < 20 ))
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
}

@test "the report says whether the grace period ran out" {
  run graceful-timeout --grace=0.3 --termseq=USR1:30,KILL \
    --report="$T/r.json" 60 sh -c "$STUBBORN"
  assert_failure 137
  run python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(r["grace_expired"], [s["signal"] for s in r["signals"]], r["status"])' \
    "$T/r.json"
  assert_output "True ['USR1', 'KILL'] 137"
  run graceful-timeout --grace=30 --report="$T/r.json" 0.1 sleep 10
  assert_failure 124
  run python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["grace_expired"])' "$T/r.json"
  assert_output False
}

@test "--grace=0 means no grace period" {
  run graceful-timeout -v --grace=0 --termseq=USR1:0.2,KILL 60 \
    sh -c "$STUBBORN"
  assert_failure 137
  assert_output "graceful-timeout: sending signal USR1 to command 'sh'
graceful-timeout: sending signal KILL to command 'sh'"
}

@test "an invalid --grace is refused before COMMAND runs" {
  local bad
  for bad in soon -1 '' 1x; do
    run graceful-timeout --grace="$bad" 10 touch "$T/ran"
    assert_failure 125
    assert_equal "${lines[0]}" "graceful-timeout: invalid time interval '$bad'"
    assert_equal "${lines[1]}" "$TRY"
  done
  assert [ ! -e "$T/ran" ]
}
