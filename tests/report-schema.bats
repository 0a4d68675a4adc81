#!/usr/bin/env bats
# doc/report.schema.json describes every report graceful-timeout writes
# (SPEC 2.2 --report), and nothing else.

load helper
bats_require_minimum_version 1.5.0

SCHEMA=$BATS_TEST_DIRNAME/../doc/report.schema.json

# Validate the JSON file $1 against the schema; print "valid" or
# "invalid: WHY".  A small validator of the keywords the schema uses runs
# always; where python3-jsonschema is installed it runs too, and the two
# must agree.
validate() {
  python3 -c '
import json, re, sys

def errors(v, s, root, path):
    if "$ref" in s:
        s = root["$defs"][s["$ref"].rsplit("/", 1)[1]]
    if "oneOf" in s:
        n = sum(not errors(v, sub, root, path) for sub in s["oneOf"])
        if n != 1:
            return [path + ": matches %d of oneOf" % n]
    kinds = {"null": v is None, "boolean": isinstance(v, bool),
             "string": isinstance(v, str), "array": isinstance(v, list),
             "object": isinstance(v, dict),
             "integer": isinstance(v, int) and not isinstance(v, bool),
             "number": isinstance(v, (int, float)) and not isinstance(v, bool)}
    types = s.get("type", [])
    types = [types] if isinstance(types, str) else types
    if types and not any(kinds[t] for t in types):
        return [path + ": not of type " + "/".join(types)]
    if "enum" in s and v not in s["enum"]:
        return [path + ": not one of the enum"]
    out = []
    if kinds["number"]:
        if v < s.get("minimum", v) or v > s.get("maximum", v):
            out.append(path + ": out of range")
    if kinds["string"]:
        if len(v) < s.get("minLength", 0):
            out.append(path + ": too short")
        if "pattern" in s and not re.search(s["pattern"], v):
            out.append(path + ": does not match the pattern")
    if kinds["array"]:
        if len(v) < s.get("minItems", 0):
            out.append(path + ": too few items")
        for i, item in enumerate(v):
            out += errors(item, s.get("items", {}), root, "%s[%d]" % (path, i))
    if kinds["object"]:
        props = s.get("properties", {})
        out += [path + ": no " + k for k in s.get("required", []) if k not in v]
        for k, item in v.items():
            if k in props:
                out += errors(item, props[k], root, path + "." + k)
            elif s.get("additionalProperties", True) is False:
                out.append(path + ": unknown field " + k)
    return out

schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
mine = errors(report, schema, schema, "report")
try:
    import jsonschema
    theirs = not jsonschema.Draft202012Validator(schema).is_valid(report)
    if theirs != bool(mine):
        print("the validators disagree:", mine)
        sys.exit(1)
except ImportError:
    pass
print("invalid: " + mine[0] if mine else "valid")
' "$SCHEMA" "$1"
}

# Change the report $1 by the Python statement $2 (r is the report) and
# write it to $1.bad.
mangle() {
  python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(r, open(sys.argv[1] + ".bad", "w"))' "$@"
}

# Assert that the report $1 is valid and has reason $2.
assert_valid() {
  run validate "$1"
  assert_output valid
  run python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["reason"])' "$1"
  assert_output "$2"
}

@test "the schema is a valid draft 2020-12 schema" {
  python3 -c 'import jsonschema' 2>/dev/null ||
    skip "python3-jsonschema is not installed"
  run python3 -c '
import json, sys, jsonschema
jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))
print("ok")' "$SCHEMA"
  assert_success
  assert_output ok
}

@test "a normal exit's report is valid" {
  run graceful-timeout --report="$T/r.json" 10 sh -c 'exit 3'
  assert_failure 3
  assert_valid "$T/r.json" exit
}

@test "a command that was not found gives a valid report" {
  run -127 graceful-timeout --report="$T/r.json" 10 "$T/missing"
  assert_failure 127
  assert_output "graceful-timeout: failed to run command '$T/missing': No such file or directory"
  assert_valid "$T/r.json" exit
}

@test "a death by signal gives a valid report" {
  run wait_status graceful-timeout --report="$T/r.json" 10 \
    sh -c 'kill -USR1 $$'
  assert_output "signal $(signum USR1)"
  assert_valid "$T/r.json" exit
}

@test "a deadline with KILL escalation gives a valid report" {
  run graceful-timeout --report="$T/r.json" -k 0.2 0.1 \
    sh -c 'trap "" TERM; sleep 10'
  assert_failure 137
  assert_valid "$T/r.json" deadline
}

@test "-f gives a valid report whose target is the command" {
  run graceful-timeout -f --report="$T/r.json" 0.1 sleep 10
  assert_failure 124
  assert_valid "$T/r.json" deadline
  run grep -c '"target": "command"' "$T/r.json"
  assert_output 1
}

@test "an idle stop gives a valid report" {
  run graceful-timeout --report="$T/r.json" --idle-timeout=0.2 0 sleep 10
  assert_failure 124
  assert_valid "$T/r.json" idle
}

@test "a received signal gives a valid report" {
  export READY=$T/ready
  start_bg graceful-timeout --report="$T/r.json" 10 \
    sh -c 'echo $$ >"$READY"; exec sleep 10'
  wait_for_file "$T/ready"
  kill -TERM "$BG"
  wait_bg
  assert_equal "$status" 143
  assert_valid "$T/r.json" signal
}

@test "a termination cut short by --grace gives a valid report" {
  run graceful-timeout --grace=0.2 --termseq=TERM:30,KILL \
    --report="$T/r.json" 0.1 sh -c 'trap "" TERM; sleep 10'
  assert_failure 137
  assert_valid "$T/r.json" deadline
  run grep -c '"grace_expired": true, "exit": {"signal": "KILL"' "$T/r.json"
  assert_output 1
}

@test "--tree gives a valid report whose target is the tree" {
  graceful-timeout --tree 5 true 2>/dev/null ||
    skip "--tree is not supported here"
  run graceful-timeout --tree --report="$T/r.json" 0.2 \
    sh -c 'sleep 10 & sleep 10'
  assert_failure 124
  assert_valid "$T/r.json" deadline
  run grep -c '"target": "tree", "processes": [0-9]' "$T/r.json"
  assert_output 1
}

@test "an output error gives a valid report that names it" {
  run bash -c 'graceful-timeout --report="$1" --idle-timeout=10 10 \
    echo hello >/dev/full' bash "$T/r.json"
  assert_success
  assert_output "graceful-timeout: error writing the command's standard output; discarding it: No space left on device"
  assert_valid "$T/r.json" exit
  run grep -c '"output_errors": {"stdout": "No space left on device"}' \
    "$T/r.json"
  assert_output 1
}

@test "graceful-timeout's own failure gives a valid report" {
  # Too few descriptors to start COMMAND, but enough to write the
  # report: the smallest such limit depends on the build, so try each.
  local n
  for n in 4 5 6 7 8 9 10 11 12; do
    bash -c 'ulimit -n "$1" && exec graceful-timeout --report="$2" 10 true' \
      bash "$n" "$T/r.json" 2>/dev/null && break
    [[ -s $T/r.json ]] && break
  done
  [[ -s $T/r.json ]] || fail "no descriptor limit gave a report of a failure"
  assert_valid "$T/r.json" error
  run grep -c '"pid": null, .*"exit": null, "status": 125' "$T/r.json"
  assert_output 1
}

@test "bytes that are not UTF-8 still give a valid report" {
  run graceful-timeout --report="$T/r.json" 10 true $'\xff\x80' $'a\tb"\\'
  assert_success
  assert_valid "$T/r.json" exit
}

@test "the schema rejects an unknown field" {
  graceful-timeout --report="$T/r.json" 10 true
  mangle "$T/r.json" 'r["extra"] = 1'
  run validate "$T/r.json.bad"
  assert_output "invalid: report: unknown field extra"
  mangle "$T/r.json" 'r["rusage"]["minflt"] = 0'
  run validate "$T/r.json.bad"
  assert_output "invalid: report.rusage: unknown field minflt"
}

@test "the schema rejects a missing field" {
  graceful-timeout --report="$T/r.json" 10 true
  mangle "$T/r.json" 'del r["status"]'
  run validate "$T/r.json.bad"
  assert_output "invalid: report: no status"
}

@test "the schema rejects a field of the wrong type or value" {
  graceful-timeout --report="$T/r.json" -k 1 0.1 sleep 10 || true
  mangle "$T/r.json" 'r["pid"] = str(r["pid"])'
  run validate "$T/r.json.bad"
  assert_output "invalid: report.pid: not of type integer/null"
  mangle "$T/r.json" 'r["elapsed_s"] = -1'
  run validate "$T/r.json.bad"
  assert_output "invalid: report.elapsed_s: out of range"
  mangle "$T/r.json" 'r["signals"][0]["target"] = "self"'
  run validate "$T/r.json.bad"
  assert_output "invalid: report.signals[0].target: not one of the enum"
  mangle "$T/r.json" 'r["exit"] = {"code": 0, "signal": "TERM"}'
  run validate "$T/r.json.bad"
  assert_output "invalid: report.exit: matches 0 of oneOf"
  mangle "$T/r.json" 'r["grace_expired"] = 0'
  run validate "$T/r.json.bad"
  assert_output "invalid: report.grace_expired: not of type boolean"
  mangle "$T/r.json" 'r["started_at"] = "yesterday"'
  run validate "$T/r.json.bad"
  assert_output "invalid: report.started_at: does not match the pattern"
}
