#!/usr/bin/env bats
# --tree: the whole process tree (SPEC 2.2), with both backends.

load helper

# Each test runs with the backend in $BACKEND (proc unless set).
gt_tree() {
  GRACEFUL_TIMEOUT_TREE_BACKEND=${BACKEND:-proc} graceful-timeout --tree "$@"
}

# Skip unless graceful-timeout can put COMMAND in a cgroup v2 child
# cgroup here (it falls back to /proc when it cannot).
need_cgroup() {
  need_tree
  need_root 'cannot create a cgroup'
  GRACEFUL_TIMEOUT_TREE_BACKEND=cgroup graceful-timeout --tree 5 \
    grep -q '^0::.*/graceful-timeout\.[[:alnum:]]*$' /proc/self/cgroup \
    2>/dev/null || skip 'no cgroup v2 child cgroup can be created here'
}

# The start time of process $1 (field 22 of its stat), to tell a process
# from a later one that got its pid.
start_time() {
  proc_field "$1" 22
}

# Assert that the process whose pid and start time are in file $1 (as
# "PID START") is gone: dead, or its pid now someone else's.
assert_ended() {
  local pid start now
  read -r pid start <"$1"
  track "$pid"
  if now=$(start_time "$pid" 2>/dev/null) && [[ $now == "$start" ]]; then
    alive "$pid" && fail "process $pid is still alive"
  fi
  return 0
}

# A shell snippet that records "PID START" of $! in file $1.
record='echo "$! $(cut -d" " -f22 /proc/$!/stat)" >'

# A shell snippet for COMMAND: the time is up now that it is ready (an
# external ALRM counts as the time limit), rather than racing a deadline.
alarm='kill -ALRM $PPID'

run_both() {
  need_tree
  BACKEND=proc "$@"
  need_cgroup
  # The second run must not find the first one's handshake files: a
  # ready file already there would end its wait before its tree exists.
  rm -f "$T/ready" "$T/kid"
  BACKEND=cgroup "$@"
}

check_setsid() {
  run gt_tree 30 sh -c "setsid sleep 30 >/dev/null 2>&1 & $record\"\$0\"; $alarm; wait" "$T/kid"
  assert_failure 124
  assert_ended "$T/kid"
}
@test "a setsid grandchild is ended" {
  run_both check_setsid
}

check_daemon() {
  run gt_tree 30 sh -c "(setsid sleep 30 >/dev/null 2>&1 & $record\"\$0\"); $alarm; sleep 30" "$T/kid"
  assert_failure 124
  assert_ended "$T/kid"
}
@test "a double-forked daemon is ended" {
  run_both check_daemon
}

check_leftover() {
  local start=$SECONDS
  run gt_tree -v 30 sh -c "sleep 30 >/dev/null 2>&1 & $record\"\$0\"; exit 0" "$T/kid"
  assert_success
  assert_output --partial "sending signal TERM to the tree of command 'sh': 1 process"
  assert_ended "$T/kid"
  (( SECONDS - start < 20 ))
}
@test "a background grandchild left by a COMMAND that exits 0 is ended and waited for" {
  run_both check_leftover
}

check_leftover_escalation() {
  run gt_tree -k 0.2 30 sh -c \
    "sh -c 'trap \"\" TERM; exec sleep 30' >/dev/null 2>&1 & $record\"\$0\"; exit 7" "$T/kid"
  assert_failure 7
  assert_ended "$T/kid"
}
@test "leftovers get the whole sequence, and COMMAND's status is kept" {
  run_both check_leftover_escalation
}

check_forker() {
  local marker=1000.$$$BATS_TEST_NUMBER
  run gt_tree 1 sh -c "exec >/dev/null 2>&1; while :; do (sleep $marker &); setsid sleep $marker & done"
  assert_failure 124
  run pgrep -f "sleep $marker"
  assert_failure 1
}
@test "a process that keeps forking is fully ended" {
  run_both check_forker
}

check_count() {
  run gt_tree -v 30 sh -c "sleep 30 >/dev/null 2>&1 & setsid sleep 30 >/dev/null 2>&1 & $alarm; wait"
  assert_failure 124
  assert_output "graceful-timeout: sending signal TERM to the tree of command 'sh': 3 processes"
}
@test "-v says how many processes each step reached" {
  run_both check_count
}

check_termseq() {
  run gt_tree -v --termseq=USR1:0.2,KILL 30 sh -c '
    trap "" USR1
    setsid sh -c "trap \"\" USR1; sleep 30 & echo >\"\$0\"; wait" "$0" \
      >/dev/null 2>&1 &
    while [ ! -s "$0" ]; do sleep 0.01; done
    kill -ALRM $PPID; wait' "$T/ready"
  assert_failure 137
  assert_output "graceful-timeout: sending signal USR1 to the tree of command 'sh': 3 processes
graceful-timeout: sending signal KILL to the tree of command 'sh': 3 processes"
}
@test "every step of the sequence reaches the tree" {
  run_both check_termseq
}

check_report() {
  run gt_tree --report="$T/r.json" 30 sh -c "setsid sleep 30 >/dev/null 2>&1 & $alarm; wait"
  assert_failure 124
  run python3 -c 'import json, sys
print([(s["signal"], s["target"], s["processes"])
       for s in json.load(open(sys.argv[1]))["signals"]])' "$T/r.json"
  assert_output "[('TERM', 'tree', 2)]"
}
@test "the report names the tree as the target" {
  run_both check_report
}

@test "the cgroup backend runs COMMAND in its own cgroup, and removes it" {
  need_cgroup
  local mount own
  mount=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
  own=$(sed -n 's/^0:://p' /proc/self/cgroup)
  BACKEND=cgroup run gt_tree 30 sh -c \
    "sed -n 's/^0:://p' /proc/self/cgroup; sleep 30 >/dev/null 2>&1 & $alarm; wait"
  assert_failure 124
  # COMMAND ran in a child cgroup of ours that graceful-timeout made...
  assert_output --regexp "^${own%/}/graceful-timeout\.[[:alnum:]]{6}\$"
  # ...and graceful-timeout removed it.
  assert [ ! -e "$mount$output" ]
}

@test "without --tree, GNU's behaviour: a setsid grandchild survives" {
  # The time is up only once the grandchild has its own session.
  run graceful-timeout 30 sh -c "setsid sleep 30 >/dev/null 2>&1 & $record\"\$0\"
    while [ \"\$(cut -d' ' -f6 /proc/\$!/stat)\" != \$! ]; do sleep 0.01; done
    $alarm; wait" "$T/kid"
  assert_failure 124
  local pid start
  read -r pid start <"$T/kid"
  track "$pid"
  alive "$pid"
}

@test "an unknown backend name falls back to the default" {
  need_tree
  GRACEFUL_TIMEOUT_TREE_BACKEND=bogus run graceful-timeout --tree 30 \
    sh -c "setsid sleep 30 >/dev/null 2>&1 & $record\"\$0\"; $alarm; wait" "$T/kid"
  assert_failure 124
  assert_ended "$T/kid"
}

check_usage() {
  # A double-forked descendant burns CPU and ends before COMMAND does;
  # graceful-timeout reaps it, and its CPU time is COMMAND's tree's.
  run gt_tree --report="$T/r.json" 30 sh -c '
    ( (eval "$1"; touch "$0") & ) >/dev/null 2>&1
    while [ ! -e "$0" ]; do sleep 0.05; done' "$T/done" "$(burn_cpu 0.5)"
  assert_success
  run python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["rusage"]["user_s"] >= 0.5)' "$T/r.json"
  assert_output True
  rm -f "$T/done"
}
@test "the report's CPU time includes the descendants graceful-timeout reaped" {
  run_both check_usage
}

@test "the whole tree is reached even when file descriptors run short" {
  need_tree
  # Too few descriptors to pin 100 processes with pidfds: the rest must be
  # signalled through the checked path, not skipped.
  local marker=1000.$$$BATS_TEST_NUMBER
  start_bg bash -c 'ulimit -n 64
    exec timeout -s KILL 20 env GRACEFUL_TIMEOUT_TREE_BACKEND=proc \
      graceful-timeout -v --tree 30 \
      sh -c "i=0; while [ \$i -lt 100 ]; do
               setsid sleep $1 >/dev/null 2>&1 & i=\$((i + 1)); done
             echo \$\$ >\"\$0\"; wait" "$2"' _ "$marker" "$T/ready" 2>"$T/stderr"
  wait_for_file "$T/ready"
  kill -TERM "$(proc_field "$(<"$T/ready")" 4)"
  wait_bg
  assert_equal "$status" $((128 + $(signum TERM)))
  assert_equal "$(<"$T/stderr")" \
    "graceful-timeout: sending signal TERM to the tree of command 'sh': 101 processes"
  run pgrep -f "^sleep $marker\$"
  assert_failure 1
}

@test "without a child subreaper, --tree is refused before COMMAND runs" {
  if graceful-timeout --tree 10 true 2>/dev/null; then
    skip 'this build has a child subreaper: --tree works'
  fi
  run graceful-timeout --tree 10 touch "$T/ran"
  assert_failure 125
  assert_output 'graceful-timeout: --tree is not supported on this system: it needs a child subreaper'
  assert [ ! -e "$T/ran" ]
}
