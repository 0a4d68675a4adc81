#!/usr/bin/env bats
# --report: a JSON account of the run (SPEC 2.2).

load helper

# Check the report $1 with the Python expression $2 (r is the report);
# print the expression's value.
report() {
  python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(eval("(" + sys.argv[2] + ")"))' "$@"
}

# Assert the fields every report has, of the right types.
assert_shape() {
  run report "$1" '
sorted(r) == sorted(["command", "pid", "started_at", "elapsed_s", "reason",
  "signals", "exit", "status", "rusage"])
and isinstance(r["pid"], int) and r["pid"] > 0
and isinstance(r["elapsed_s"], float)
and sorted(r["rusage"]) == ["max_rss_kb", "sys_s", "user_s"]
and all(sorted(s) in (["at_s", "processes", "signal", "target"],
                      ["at_s", "signal", "target"]) for s in r["signals"])'
  assert_output True
  run report "$1" 'r["started_at"]'
  assert_output --regexp \
    '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}[+-][0-9]{2}:[0-9]{2}$'
}

@test "a normal exit" {
  run graceful-timeout --report="$T/r.json" 10 sh -c 'exit 3'
  assert_failure 3
  assert_shape "$T/r.json"
  run report "$T/r.json" \
    '(r["command"], r["reason"], r["signals"], r["exit"], r["status"])'
  assert_output "(['sh', '-c', 'exit 3'], 'exit', [], {'code': 3}, 3)"
}

@test "a deadline with KILL escalation" {
  run graceful-timeout --report="$T/r.json" -k 0.2 0.1 \
    sh -c 'trap "" TERM; sleep 10'
  assert_failure 137
  assert_shape "$T/r.json"
  run report "$T/r.json" '(r["reason"], r["exit"], r["status"],
    [(s["signal"], s["target"], s["processes"]) for s in r["signals"]])'
  assert_output "('deadline', {'signal': 'KILL', 'core_dumped': False}, 137, [('TERM', 'group', 2), ('KILL', 'group', 2)])"
  run report "$T/r.json" '0.1 <= r["signals"][0]["at_s"] < r["signals"][1]["at_s"] <= r["elapsed_s"]'
  assert_output True
}

@test "an idle stop" {
  run graceful-timeout --report="$T/r.json" --idle-timeout=0.2 0 sleep 10
  assert_failure 124
  assert_shape "$T/r.json"
  run report "$T/r.json" '(r["reason"], r["status"], r["exit"])'
  assert_output "('idle', 124, {'signal': 'TERM', 'core_dumped': False})"
}

@test "a received TERM" {
  start_bg graceful-timeout --report="$T/r.json" 30 \
    sh -c 'echo $$ >"$0"; exec sleep 30' "$T/ready"
  wait_for_file "$T/ready"
  track "$T/ready"
  kill -TERM "$BG"
  wait_bg
  assert_equal "$status" $((128 + $(signum TERM)))
  assert_shape "$T/r.json"
  run report "$T/r.json" '(r["reason"], r["status"], r["exit"],
    [(s["signal"], s["target"]) for s in r["signals"]])'
  assert_output "('signal', 143, {'signal': 'TERM', 'core_dumped': False}, [('TERM', 'group')])"
}

@test "-f sends to the command alone" {
  run graceful-timeout -f --report="$T/r.json" 0.1 sleep 10
  run report "$T/r.json" '[(s["signal"], s["target"], s["processes"]) for s in r["signals"]]'
  assert_output "[('TERM', 'command', 1)]"
}

@test "a hostile argv still gives valid JSON, and the bytes come back" {
  local args=('"quoted"' 'back\slash' $'tab\there' $'new\nline' $'\x01\x1f\x7f'
              $'caf\xc3\xa9' $'\xf0\x9f\x98\x80' $'bad\xff\xfe' $'\xc3' $'\xed\xa0\x80'
              $'\xc0\xaf' '' '{"json": [1]}')
  run graceful-timeout --report="$T/r.json" 10 printf '' "${args[@]}"
  assert_success
  printf '%s\0' printf '' "${args[@]}" >"$T/argv"
  run python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
want = open(sys.argv[2], "rb").read().split(b"\0")[:-1]
got = [a.encode("utf-8", "surrogateescape") for a in r["command"]]
print(got == want)' "$T/r.json" "$T/argv"
  assert_output True
}

@test "--report=- writes to standard error" {
  run --separate-stderr graceful-timeout --report=- 10 true
  assert_success
  run python3 -c 'import json, sys; print(json.loads(sys.argv[1])["status"])' "$stderr"
  assert_output 0
}

@test "the report is renamed into place, with a normal file mode" {
  run bash -c "umask 022; graceful-timeout --report='$T/r.json' 10 true"
  assert_success
  run stat -c %a "$T/r.json"
  assert_output 644
  run ls -A "$T"
  refute_output --partial '.r.json.'
}

@test "a report that cannot be created is an error before COMMAND runs" {
  run graceful-timeout --report="$T/no/such/dir/r.json" 10 touch "$T/ran"
  assert_failure 125
  assert_output "graceful-timeout: cannot create the report '$T/no/such/dir/r.json': No such file or directory"
  assert [ ! -e "$T/ran" ]
}
