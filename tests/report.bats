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
  "signals", "grace_expired", "exit", "status", "rusage", "output_errors"])
and isinstance(r["pid"], int) and r["pid"] > 0
and r["grace_expired"] is False
and isinstance(r["elapsed_s"], float)
and sorted(r["rusage"]) == ["max_rss_kb", "sys_s", "user_s"]
and r["output_errors"] == {}
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

# A device node like /dev/$1 (major $2, minor $3) to report to: as root
# a private copy in $T, so that a regression cannot replace the system's
# own; otherwise the system's, which we cannot replace.
device() {
  if ((EUID != 0)); then
    echo "/dev/$1"
  elif mknod "$T/$1" c "$2" "$3" 2>/dev/null && [[ -w $T/$1 ]]; then
    echo "$T/$1"
  else
    skip "cannot make a usable device node in $T"
  fi
}

# Assert that COMMAND never ran (it would have made $T/ran) and that no
# temporary report file was left in directory $1.
assert_not_started() {
  assert [ ! -e "$T/ran" ]
  run ls -A "$1"
  refute_output --regexp '^\.r\.json\.'
}

@test "a device is written in place, not replaced" {
  local dev
  dev=$(device null 1 3)
  run graceful-timeout --report="$dev" 10 true
  assert_success
  assert_output ''
  assert [ -c "$dev" ]
}

@test "a device that fails the write is said, and COMMAND's status kept" {
  local dev
  dev=$(device full 1 7)
  run graceful-timeout --report="$dev" 10 sh -c 'exit 5'
  assert_failure 5
  assert_output "graceful-timeout: cannot write the report '$dev': No space left on device"
  assert [ -c "$dev" ]
}

@test "a FIFO with a reader gets the report and stays a FIFO" {
  mkfifo "$T/fifo"
  # Our own end, open for reading (and writing, so the open returns).
  exec 4<>"$T/fifo"
  run graceful-timeout --report="$T/fifo" 10 sh -c 'exit 3'
  local json=
  read -r -t 20 json <&4
  exec 4<&-
  assert_failure 3
  assert_output ''
  assert [ -p "$T/fifo" ]
  run python3 -c 'import json, sys; print(json.loads(sys.argv[1])["status"])' "$json"
  assert_output 3
}

@test "a FIFO without a reader is an error at the end, not a hang" {
  mkfifo "$T/fifo"
  run timeout -k 5 20 graceful-timeout --report="$T/fifo" 10 sh -c 'exit 3'
  assert_failure 3
  assert_output "graceful-timeout: cannot write the report '$T/fifo': No such device or address"
  assert [ -p "$T/fifo" ]
}

@test "a FIFO whose reader takes nothing is given up on" {
  mkfifo "$T/fifo"
  exec 4<>"$T/fifo"
  # A report larger than the pipe can hold.
  run timeout -k 5 20 graceful-timeout --report="$T/fifo" 10 \
    true "$(printf '%0100000d' 0)"
  exec 4<&-
  assert_success
  # strerror (ETIMEDOUT): musl's text is not glibc's.
  local etimedout='Connection timed out'
  [[ ${GT_LIBC-} == musl ]] && etimedout='Operation timed out'
  assert_output "graceful-timeout: cannot write the report '$T/fifo': $etimedout"
}

@test "--report=- does not block on a standard error nobody reads" {
  mkfifo "$T/fifo"
  exec 4<>"$T/fifo"
  # A report larger than the pipe can hold.
  run bash -c 'timeout -k 5 20 graceful-timeout --report=- 10 true "$0" 2>&4' \
    "$(printf '%0100000d' 0)"
  # Standard error is left in blocking mode for its other writers.
  local flags
  flags=$(awk '/^flags:/ { print $2 }' /proc/$$/fdinfo/4)
  exec 4<&-
  assert_success
  assert_equal $((8#$flags & 8#4000)) 0
}

@test "/dev/fd/N is written at that descriptor's offset" {
  run bash -c 'exec >"$0"; echo before
               graceful-timeout --report=/dev/fd/1 10 echo during
               echo after' "$T/out"
  assert_success
  run sed -n '1,2p;4p' "$T/out"
  assert_output $'before\nduring\nafter'
  run report <(sed -n 3p "$T/out") '(r["command"], r["status"])'
  assert_output "(['echo', 'during'], 0)"
}

@test "/proc/self/fd/N reaches a pipe" {
  run bash -c 'graceful-timeout --report=/proc/self/fd/1 10 true | cat'
  assert_success
  run python3 -c 'import json, sys; print(json.loads(sys.argv[1])["status"])' "$output"
  assert_output 0
}

@test "a closed descriptor is an error before COMMAND runs" {
  run graceful-timeout --report=/dev/fd/7 10 touch "$T/ran"
  assert_failure 125
  assert_output "graceful-timeout: cannot create the report '/dev/fd/7': Bad file descriptor"
  assert_not_started "$T"
}

@test "a symlink stays a symlink and its target gets the report" {
  mkdir "$T/d"
  ln -s d/r.json "$T/link"
  run graceful-timeout --report="$T/link" 10 true
  assert_success
  assert [ -L "$T/link" ]
  run readlink "$T/link"
  assert_output d/r.json
  assert_shape "$T/d/r.json"
  run ls -A "$T/d"
  assert_output r.json
}

@test "an existing report keeps its mode" {
  echo old >"$T/r.json"
  chmod 600 "$T/r.json"
  run bash -c "umask 022; graceful-timeout --report='$T/r.json' 10 true"
  assert_success
  assert_shape "$T/r.json"
  run stat -c %a "$T/r.json"
  assert_output 600
}

@test "an existing report keeps its owner when root" {
  ((EUID == 0)) || skip "only root can give a file away"
  echo old >"$T/r.json"
  chown 65534:65534 "$T/r.json"
  run graceful-timeout --report="$T/r.json" 10 true
  assert_success
  assert_shape "$T/r.json"
  run stat -c %u:%g "$T/r.json"
  assert_output 65534:65534
}

@test "a report in a directory we cannot write in is written in place" {
  mkdir "$T/ro"
  echo old >"$T/ro/r.json"
  chmod 555 "$T/ro"
  run graceful-timeout --report="$T/ro/r.json" 10 sh -c 'exit 4'
  chmod 755 "$T/ro"
  assert_failure 4
  assert_output ''
  assert_shape "$T/ro/r.json"
  run ls -A "$T/ro"
  assert_output r.json
}

@test "a read-only report is refused, as '>' would refuse it" {
  echo old >"$T/r.json"
  chmod 444 "$T/r.json"
  run graceful-timeout --report="$T/r.json" 10 touch "$T/ran"
  if ((EUID == 0)); then
    # Root may write it, so it does, and the mode stays.
    assert_success
    assert_shape "$T/r.json"
    run stat -c %a "$T/r.json"
    assert_output 444
  else
    assert_failure 125
    assert_output "graceful-timeout: cannot create the report '$T/r.json': Permission denied"
    assert_equal "$(<"$T/r.json")" old
    assert_not_started "$T"
  fi
}

@test "an immutable report is an error before COMMAND runs" {
  echo old >"$T/r.json"
  chattr +i "$T/r.json" 2>/dev/null ||
    skip "cannot make a file immutable here (needs root and ext4-like)"
  run graceful-timeout --report="$T/r.json" 10 touch "$T/ran"
  # Before any assertion, or the test directory could not be removed.
  chattr -i "$T/r.json"
  assert_failure 125
  assert_output "graceful-timeout: cannot create the report '$T/r.json': Operation not permitted"
  assert_equal "$(<"$T/r.json")" old
  assert_not_started "$T"
}

@test "a directory we cannot write in is an error before COMMAND runs" {
  ((EUID != 0)) || skip "root may write in any directory"
  mkdir "$T/ro"
  chmod 555 "$T/ro"
  run graceful-timeout --report="$T/ro/r.json" 10 touch "$T/ran"
  assert_failure 125
  assert_output "graceful-timeout: cannot create the report '$T/ro/r.json': Permission denied"
  assert_not_started "$T/ro"
}

@test "an empty name is an error before COMMAND runs" {
  cd "$T"
  run graceful-timeout --report= 10 touch "$T/ran"
  assert_failure 125
  assert_output "graceful-timeout: cannot create the report '': No such file or directory"
  assert_not_started "$T"
  run ls -A "$T"
  assert_output pids
}

@test "a directory is an error before COMMAND runs" {
  local name
  for name in "$T" "$T/" "$T/new/"; do
    run graceful-timeout --report="$name" 10 touch "$T/ran"
    assert_failure 125
    assert_output "graceful-timeout: cannot create the report '$name': Is a directory"
    assert_not_started "$T"
    run ls -A "$T"
    assert_output pids
  done
}

@test "a missing directory leaves nothing behind" {
  run graceful-timeout --report="$T/no/r.json" 10 touch "$T/ran"
  assert_failure 125
  assert_output "graceful-timeout: cannot create the report '$T/no/r.json': No such file or directory"
  run ls -A "$T"
  assert_output pids
}

@test "a failure after the report was checked leaves no temporary file" {
  need_tree
  if GRACEFUL_TIMEOUT_TREE_BACKEND=cgroup graceful-timeout --tree 5 true \
       2>/dev/null; then
    skip "this machine can create a cgroup, so --tree cannot fail"
  fi
  GRACEFUL_TIMEOUT_TREE_BACKEND=cgroup run graceful-timeout --tree \
    --report="$T/r.json" 10 touch "$T/ran"
  assert_failure 125
  assert_output "graceful-timeout: --tree: cannot create a cgroup v2 child cgroup"
  assert_not_started "$T"
  if [[ -e $T/r.json ]]; then
    run report "$T/r.json" '(r["reason"], r["exit"], r["status"])'
    assert_output "('error', None, 125)"
  fi
}

@test "numbers are written with a '.' whatever the locale" {
  [[ $(LC_ALL=de_DE.UTF-8 locale decimal_point 2>/dev/null) == , ]] ||
    skip "no de_DE.UTF-8 locale (locale-gen de_DE.UTF-8)"
  # Enough CPU time that user_s is not 0.
  LC_ALL=de_DE.UTF-8 run graceful-timeout --report="$T/r.json" 10 sh -c '
    i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done'
  assert_success
  assert_shape "$T/r.json"
  run grep -c '"elapsed_s": [0-9]*\.[0-9]\{3\},' "$T/r.json"
  assert_output 1
}
