#!/usr/bin/env bats
# Signals graceful-timeout cannot block (glibc's 32 and 33) go to the
# other members of the group one by one: it is never its own victim
# (SPEC 4.11).

load helper

@test "-s 32 ends COMMAND, not graceful-timeout" {
  run graceful-timeout -s 32 .2 sleep 20
  assert_failure 124
}

@test "-s 32 -p reports COMMAND's death by 32" {
  run graceful-timeout -p -s 32 .2 sleep 20
  assert_failure $((128 + 32))
}

@test "-s 33 reaches COMMAND's whole group and the report is written" {
  run graceful-timeout --report="$T/r.json" -s 33 .2 \
    sh -c 'sleep 20 & echo $! >"$0"; wait' "$T/child"
  assert_failure 124
  wait_gone "$(<"$T/child")"
  run python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(r["status"], r["reason"])' "$T/r.json"
  assert_output '124 deadline'
}
