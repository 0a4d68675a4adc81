#!/usr/bin/env bats
# Signals graceful-timeout cannot block (glibc's 32 and 33) go to the
# other members of the group one by one: it is never its own victim
# (SPEC 4.11).  GNU timeout, and graceful-timeout before, died of them.
# Whether COMMAND dies of 32 depends on what its environment made of it
# (a blocked 32 is inherited), so -k ends it where it does not: 124 or
# 137, never a death of graceful-timeout itself.

load helper

@test "-s 32 ends graceful-timeout with a status, not with the signal" {
  run wait_status graceful-timeout -s 32 -k 0.3 .2 sleep 20
  assert_output --regexp '^exit (124|137)$'
}

@test "-s 33 reaches COMMAND's whole group and the report is written" {
  run graceful-timeout --report="$T/r.json" -s 33 -k 0.3 .2 \
    sh -c 'sleep 20 & echo $! >"$0"; wait' "$T/child"
  [[ $status == 124 || $status == 137 ]]
  wait_gone "$(<"$T/child")"
  run python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print(r["status"], r["reason"], r["signals"][0]["signal"])' "$T/r.json"
  assert_output --regexp "^(124|137) deadline 33$"
}
