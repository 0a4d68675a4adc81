#!/usr/bin/env bats
# --map-status=FROM:TO: COMMAND's status after a termination (SPEC 2.2).

load helper

TRY="Try 'graceful-timeout --help' for more information."

# A COMMAND that exits 143 on TERM, as a JVM does, once it has sent TERM
# to graceful-timeout (its parent).
JVM='trap "exit 143" TERM; kill -TERM $PPID; while :; do sleep 0.05; done'

@test "a received TERM, and COMMAND's exit 143 becomes 0" {
  run graceful-timeout --map-status=143:0 30 sh -c "$JVM"
  assert_success
  run graceful-timeout 30 sh -c "$JVM"
  assert_failure 143
}

@test "a death by a forwarded signal is mapped, not re-raised" {
  run wait_status graceful-timeout --map-status=143:7 30 \
    sh -c 'kill -TERM $PPID; exec sleep 30'
  assert_output 'exit 7'
  run wait_status graceful-timeout 30 sh -c 'kill -TERM $PPID; exec sleep 30'
  assert_output "signal $(signum TERM)"
}

@test "the 124 of a time limit is never mapped; with -p, 143 is" {
  run graceful-timeout --map-status=124:0,143:0 0.1 sleep 10
  assert_failure 124
  run graceful-timeout -p --map-status=143:5 0.1 sleep 10
  assert_failure 5
}

@test "COMMAND's own 124 after -p is its status, and is mapped" {
  run graceful-timeout -p --map-status=124:0 30 \
    sh -c 'trap "exit 124" TERM; kill -ALRM $PPID; while :; do sleep 0.05; done'
  assert_success
}

@test "without a termination, no status is mapped" {
  run graceful-timeout --map-status=3:0 30 sh -c 'exit 3'
  assert_failure 3
  run wait_status graceful-timeout --map-status=143:0 30 \
    sh -c 'kill -TERM $$'
  assert_output "signal $(signum TERM)"
  run -127 graceful-timeout --map-status=127:0 30 no-such-command
  assert_failure 127
}

@test "an unmapped status stays as it was" {
  run graceful-timeout -p --map-status=130:0 0.1 sleep 10
  assert_failure 143
}

@test "with -k, the 137 of the KILL maps" {
  run graceful-timeout -k 0.2 --map-status=137:9 30 \
    sh -c 'trap "" TERM; kill -ALRM $PPID; exec sleep 30'
  assert_failure 9
}

@test "with --termseq, the status of whichever step ended COMMAND maps" {
  run graceful-timeout -p --termseq=USR1:0.2,INT:5,KILL \
    --map-status=138:1,130:2 30 \
    sh -c 'trap "" USR1; kill -ALRM $PPID; exec sleep 30'
  assert_failure 2
}

@test "with --idle-timeout, an idle stop maps as a deadline does" {
  run graceful-timeout -p --idle-timeout=0.2 --map-status=143:0 0 sleep 10
  assert_success
}

@test "with --pre-stop, the status after the hook maps" {
  run graceful-timeout -p --pre-stop=true --map-status=143:0 0.1 sleep 10
  assert_success
}

@test "with --tree, ending what COMMAND left behind maps nothing" {
  need_tree
  export KID=$T/kid
  run graceful-timeout --tree --map-status=3:0 30 \
    sh -c 'sleep 30 >/dev/null 2>&1 & echo $! >"$KID"; exit 3'
  assert_failure 3
  track "$T/kid"
  wait_gone "$(<"$T/kid")"
}

@test "the report keeps COMMAND's real status beside the mapped one" {
  run graceful-timeout -p --map-status=143:0 --report="$T/r.json" 0.1 \
    sleep 10
  assert_success
  run python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(r["exit"], r["status"])' "$T/r.json"
  assert_output "{'signal': 'TERM', 'core_dumped': False} 0"
}

# Assert that --map-status=$1 is refused with message $2, exit 125, and
# COMMAND never started.
refuses() {
  run graceful-timeout --map-status="$1" 10 touch "$T/ran"
  assert_failure 125
  assert_equal "${lines[0]}" "graceful-timeout: $2"
  assert_equal "${lines[1]}" "$TRY"
  assert [ ! -e "$T/ran" ]
}

@test "a mapping without FROM:TO is refused" {
  refuses 143 "invalid status mapping '143': expected FROM:TO"
  refuses 143: "invalid status mapping '143:': expected FROM:TO"
  refuses :0 "invalid status mapping ':0': expected FROM:TO"
}

@test "a status that is not 0 to 255 in decimal is refused" {
  refuses 256:0 "'256': invalid exit status: expected 0 to 255"
  refuses 143:256 "'256': invalid exit status: expected 0 to 255"
  refuses -1:0 "'-1': invalid exit status: expected 0 to 255"
  refuses TERM:0 "'TERM': invalid exit status: expected 0 to 255"
  refuses '143:0 ' "'0 ': invalid exit status: expected 0 to 255"
  refuses 143:0:1 "'0:1': invalid exit status: expected 0 to 255"
}

@test "a status mapped twice is refused, within a list or across options" {
  refuses 143:0,143:1 "status '143' is mapped twice"
  run graceful-timeout --map-status=1:0 --map-status=1:2 10 touch "$T/ran"
  assert_failure 125
  assert_equal "${lines[0]}" "graceful-timeout: status '1' is mapped twice"
  assert [ ! -e "$T/ran" ]
}

@test "an empty mapping is refused" {
  refuses '' "empty mapping in --map-status list ''"
  refuses 143:0, "empty mapping in --map-status list '143:0,'"
}
