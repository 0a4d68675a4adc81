#!/usr/bin/env bats
# --rewrite=FROM:TO: a received FROM is acted on as TO (SPEC 2.2).

load helper

TRY="Try 'graceful-timeout --help' for more information."

@test "a rewritten TERM starts the sequence with TO as step 1" {
  # docker stop's TERM becomes nginx's graceful QUIT, then TERM, KILL.
  start_recorder graceful-timeout -v --rewrite=TERM:QUIT \
    --termseq=QUIT:0.2,TERM:0.2,KILL 30
  kill -TERM "$GT"
  assert_status "signal $(signum KILL)"
  assert_log 2 $'QUIT\nTERM'
  assert_equal "$(<"$T/stderr")" \
"graceful-timeout: sending signal QUIT to command 'record-signals'
graceful-timeout: sending signal TERM to command 'record-signals'
graceful-timeout: sending signal KILL to command 'record-signals'"
}

@test "the rewritten signal is step 1 whatever the sequence's first is" {
  start_recorder graceful-timeout --rewrite=TERM:USR1 \
    --termseq=USR2:0.2,TERM 30 -- TERM
  kill -TERM "$GT"
  assert_status 'exit 0'
  assert_log 2 $'USR1\nTERM'
}

@test "TO 0 drops FROM: no forward, no termination" {
  start_recorder graceful-timeout -v --pass=USR1 --rewrite=HUP:0 30 -- TERM
  kill -HUP "$GT"
  # A passed USR1 comes after the HUP: once it is logged, the HUP was
  # dealt with, and dropped.
  kill -USR1 "$GT"
  assert_log 1 'USR1'
  time_up
  assert_status 'exit 124'
  assert_log 2 $'USR1\nTERM'
}

@test "a rewrite to a signal in --pass is forwarded only" {
  start_recorder graceful-timeout --pass=HUP --rewrite=USR1:HUP 30 -- TERM
  kill -USR1 "$GT"
  assert_log 1 'HUP'
  time_up
  assert_status 'exit 124'
  assert_log 2 $'HUP\nTERM'
}

@test "a rewrite to a signal that does not terminate is forwarded only" {
  run graceful-timeout --rewrite=USR1:WINCH 30 sh -c \
    'trap "echo WINCH; exit 7" WINCH; kill -USR1 $PPID
     while :; do sleep 0.05; done'
  assert_failure 7
  assert_output 'WINCH'
}

@test "a rewrite to a terminating signal makes a passless one terminate" {
  start_recorder graceful-timeout --rewrite=WINCH:INT 30 -- INT
  kill -WINCH "$GT"
  assert_status 'exit 0'
  assert_log 1 'INT'
}

@test "FROM taken after termination started is forwarded as TO" {
  start_recorder graceful-timeout --rewrite=HUP:USR2 \
    --termseq=USR1:30,KILL 30 -- USR2
  time_up
  assert_log 1 'USR1'
  kill -HUP "$GT"
  assert_status 'exit 124'
  assert_log 2 $'USR1\nUSR2'
}

@test "--rewrite with -k: the received signal rewritten, then KILL" {
  start_recorder graceful-timeout -k 0.2 --rewrite=INT:USR1 30
  kill -INT "$GT"
  assert_status "signal $(signum KILL)"
  assert_log 1 'USR1'
}

@test "--rewrite with --pre-stop: the hook is told the rewritten signal" {
  export HOOKLOG=$T/log
  start_recorder graceful-timeout --rewrite=TERM:QUIT \
    --pre-stop='echo "hook $GRACEFUL_TIMEOUT_REASON" >>"$HOOKLOG"' 30 -- QUIT
  kill -TERM "$GT"
  assert_status 'exit 0'
  assert_log 2 $'hook signal:QUIT\nQUIT'
}

@test "--rewrite with --tree: TO reaches a descendant that left the group" {
  need_tree
  export KID=$T/kid
  run graceful-timeout --tree --rewrite=TERM:USR1 30 sh -c \
    'setsid sh -c "trap \"echo USR1 >\\\"\$KID.log\\\"; exit 0\" USR1
                   echo \$\$ >\"\$KID\"; while :; do sleep 0.05; done" \
       >/dev/null 2>&1 &
     while [ ! -s "$KID" ]; do sleep 0.02; done
     trap "" USR1; kill -TERM $PPID; wait'
  assert_success
  track "$T/kid"
  assert_equal "$(<"$T/kid.log")" 'USR1'
}

@test "--rewrite with --report: the report lists the signal sent" {
  start_bg graceful-timeout --report="$T/r.json" --rewrite=TERM:USR2 30 \
    sh -c 'echo $$ >"$0"; while :; do sleep 0.05; done' "$T/cmd"
  wait_for_file "$T/cmd"
  track "$T/cmd"
  kill -TERM "$BG"
  wait_bg
  assert_equal "$status" $((128 + $(signum USR2)))
  run python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(r["reason"], [s["signal"] for s in r["signals"]], r["exit"])' \
    "$T/r.json"
  assert_output "signal ['USR2'] {'signal': 'USR2', 'core_dumped': False}"
}

# Assert that --rewrite=$1 is refused with message $2, exit 125, and
# COMMAND never started.
refuses() {
  run graceful-timeout --rewrite="$1" 10 touch "$T/ran"
  assert_failure 125
  assert_equal "${lines[0]}" "graceful-timeout: $2"
  assert_equal "${lines[1]}" "$TRY"
  assert [ ! -e "$T/ran" ]
}

@test "a rewrite without FROM:TO is refused" {
  refuses TERM "invalid rewrite 'TERM': expected FROM:TO"
  refuses TERM: "invalid rewrite 'TERM:': expected FROM:TO"
  refuses :QUIT "invalid rewrite ':QUIT': expected FROM:TO"
}

@test "an invalid signal on either side is refused" {
  refuses FOO:QUIT "'FOO': invalid signal"
  refuses TERM:FOO "'FOO': invalid signal"
  refuses TERM:QUIT:1 "'QUIT:1': invalid signal"
}

@test "a FROM that cannot be caught, or CHLD, is refused" {
  refuses KILL:TERM "'KILL': this signal cannot be rewritten"
  refuses STOP:TERM "'STOP': this signal cannot be rewritten"
  refuses CHLD:TERM "'CHLD': this signal cannot be rewritten"
}

@test "a FROM rewritten twice is refused, within a list or across options" {
  refuses TERM:QUIT,15:INT "signal '15' is rewritten twice"
  run graceful-timeout --rewrite=HUP:0 --rewrite=HUP:TERM 10 touch "$T/ran"
  assert_failure 125
  assert_equal "${lines[0]}" "graceful-timeout: signal 'HUP' is rewritten twice"
  assert [ ! -e "$T/ran" ]
}

@test "an empty rewrite is refused" {
  refuses '' "empty rewrite in --rewrite list ''"
  refuses TERM:QUIT, "empty rewrite in --rewrite list 'TERM:QUIT,'"
  refuses ,TERM:QUIT "empty rewrite in --rewrite list ',TERM:QUIT'"
}

@test "a signal both passed and rewritten is refused, in either order" {
  run graceful-timeout --pass=HUP --rewrite=SIGHUP:TERM 10 touch "$T/ran"
  assert_failure 125
  assert_equal "${lines[0]}" \
    "graceful-timeout: signal 'HUP' cannot be both passed and rewritten"
  run graceful-timeout --rewrite=1:TERM --pass=USR1,HUP 10 touch "$T/ran"
  assert_failure 125
  assert_equal "${lines[0]}" \
    "graceful-timeout: signal 'HUP' cannot be both passed and rewritten"
  assert [ ! -e "$T/ran" ]
}

@test "a rewrite to KILL starts the termination, so --map-status applies" {
  start_bg wait_status_to "$T/status" graceful-timeout --rewrite=USR1:KILL \
    --map-status=137:0 30 sh -c 'echo $$ >"$0"; exec sleep 30' "$T/ready"
  wait_for_file "$T/ready"
  local gt
  gt=$(proc_field "$(<"$T/ready")" 4)
  wait_asleep "$gt"
  kill -USR1 "$gt"
  wait_for_file "$T/status"
  run cat "$T/status"
  assert_output 'exit 0'
}
