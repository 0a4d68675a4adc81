# helper.bash -- shared by every graceful-timeout test file.
# Copyright (C) 2026 The graceful-timeout authors.
# SPDX-License-Identifier: GPL-3.0-or-later

bats_load_library bats-support
bats_load_library bats-assert

# Only the directories the tests need: the caller's PATH may hold
# directories this user cannot read, and a command looked up through them
# fails with EACCES instead of ENOENT.  bats's own tools stay reachable.
: "${GT_BINDIR:=$BATS_TEST_DIRNAME/../src}"
PATH="$GT_BINDIR:$BATS_TEST_DIRNAME:${BATS_LIBEXEC:+$BATS_LIBEXEC:}"
PATH+=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin
export PATH LC_ALL=C

# Every test gets its own directory; T is short for it.  With GT_VALGRIND
# set (make check-valgrind), graceful-timeout runs under memcheck.
setup() {
  T=$BATS_TEST_TMPDIR
  : >"$T/pids"
  [[ -z ${GT_VALGRIND-} ]] || use_valgrind
}

# End every process a test recorded with track, whatever happened; then,
# under valgrind, fail if memcheck found anything.
teardown() {
  local pid
  while read -r pid; do
    kill -KILL "$pid" 2>/dev/null || true
  done <"$T/pids"
  [[ -z ${GT_VALGRIND-} ]] || assert_valgrind_clean
}

# Put first on PATH a graceful-timeout that runs the real one under
# valgrind's memcheck, each process logging to $T/valgrind.PID.  The real
# one is found by name, so that its messages name it as usual.
use_valgrind() {
  local real
  real=$(command -v graceful-timeout)
  mkdir "$T/valgrind-bin"
  cat >"$T/valgrind-bin/graceful-timeout" <<SH
#!/bin/sh
PATH='${real%/*}':\$PATH exec valgrind -q --error-exitcode=99 \\
  --leak-check=full --errors-for-leak-kinds=definite \\
  --log-file='$T/valgrind.%p' graceful-timeout "\$@"
SH
  chmod +x "$T/valgrind-bin/graceful-timeout"
  PATH=$T/valgrind-bin:$PATH
}

# Fail, showing them, if valgrind logged errors for this test (its own
# warnings, such as an unknown pidfd_open, are not errors).
assert_valgrind_clean() {
  local log bad=
  for log in "$T"/valgrind.[0-9]*; do
    [[ -f $log ]] && bad+=$(grep -a '^==[0-9]*==' "$log")
  done
  [[ -z $bad ]] || fail "valgrind: $bad"
}

# Skip the test, with REASON $1, unless running as root.
need_root() {
  (( EUID == 0 )) || skip "$1 (needs root)"
}

# Skip the test unless a pid namespace can be made here (root only).
# Not in setup_file: bats 1.8.2 mishandles skip there.
need_pidns() {
  need_root 'cannot create a pid namespace'
  unshare --pid --fork --mount-proc true 2>/dev/null ||
    skip 'cannot create a pid namespace here'
}

# Skip the test unless this build of graceful-timeout has --tree, which
# needs a child subreaper (Linux's PR_SET_CHILD_SUBREAPER): without one
# it refuses --tree with status 125 and says so.
need_tree() {
  local out
  out=$(graceful-timeout --tree 10 true 2>&1) && return 0
  [[ $out != *'--tree is not supported'* ]] ||
    skip 'no child subreaper (PR_SET_CHILD_SUBREAPER) for --tree in this build'
}

# Skip the test unless graceful-timeout's death sends COMMAND its first
# signal (Linux PR_SET_PDEATHSIG, FreeBSD procctl): COMMAND kills it and
# says whether TERM came (without it, sleep 1 ends the wait instead).
need_deathsig() {
  local out
  out=$(graceful-timeout 10 sh -c 'trap "echo TERM; exit" TERM
    kill -KILL $PPID; sleep 1 >/dev/null 2>&1 & wait' 2>/dev/null) || true
  [[ $out == TERM ]] ||
    skip 'no parent-death signal (PR_SET_PDEATHSIG, procctl) in this build'
}

# An external ALRM counts as reaching the time limit (SPEC 3).  A test
# whose COMMAND must be ready before the deadline sends it instead of
# racing a short deadline: to graceful-timeout, pid $1 (default $GT).
time_up() {
  kill -ALRM "${1:-$GT}"
}

# Print a shell command that uses $1 seconds of its own user CPU time,
# then exits: the CPU clock decides, not a loop count, whatever the
# machine's speed.
burn_cpu() {
  echo "python3 -c 'import itertools, os
any(os.times().user >= $1 for _ in itertools.count())'"
}

# Record pid $1 (or the pid in file $1) to be ended in teardown.
track() {
  local pid=$1
  [[ -f $pid ]] && pid=$(<"$pid")
  echo "$pid" >>"$T/pids"
}

# Run "$@" in the background with fd 3 closed (or bats would wait for
# it); set BG to its pid and track it.
start_bg() {
  "$@" 3>&- &
  BG=$!
  track "$BG"
}

# Wait up to 20 s for file $1 to exist and be non-empty.
wait_for_file() {
  local i
  for ((i = 0; i < 2000; i++)); do
    [[ -s $1 ]] && return 0
    sleep 0.01
  done
  echo "timed out waiting for $1" >&2
  return 1
}

# Whether process $1 exists and is not a zombie.
alive() {
  local state
  state=$(proc_field "$1" 3 2>/dev/null) || return 1
  [[ $state != Z ]]
}

# Field $2 of /proc/$1/stat (3 is the state, 4 the parent, 5 the group).
proc_field() {
  local stat
  stat=$(<"/proc/$1/stat") || return 1
  stat=${stat##*) }
  local -a f=($stat)
  echo "${f[$2 - 3]}"
}

# Wait up to 20 s for process $1 to be gone (or a zombie).
wait_gone() {
  local i
  for ((i = 0; i < 2000; i++)); do
    alive "$1" || return 0
    sleep 0.01
  done
  echo "process $1 still alive" >&2
  return 1
}

# Run "$@" and print how it ended as its parent sees it:
# "exit N", or "signal N" (with " core" if it dumped core).
wait_status() {
  python3 -c '
import os, sys
import signal
pid = os.fork()
if pid == 0:
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.execvp(sys.argv[1], sys.argv[1:])
_, st = os.waitpid(pid, 0)
if os.WIFSIGNALED(st):
    print("signal", os.WTERMSIG(st), *(["core"] if os.WCOREDUMP(st) else []))
else:
    print("exit", os.WEXITSTATUS(st))
' "$@"
}

# Like wait_status, into file $1 once it is known.
wait_status_to() {
  local out=$1
  shift
  wait_status "$@" >"$out.tmp" && mv "$out.tmp" "$out"
}

# Wait for the background process BG and set status to its exit status.
wait_bg() {
  status=0
  wait "$BG" || status=$?
}

# The signal number of name $1, as the shell knows it.
signum() {
  kill -l "$1"
}

# The signal number of name $1 in graceful-timeout's C library (GT_LIBC,
# set by make check): musl keeps one more signal than glibc for itself,
# so its RTMIN is 35 where the shell's (glibc's) is 34.
libc_signum() {
  if [[ ${GT_LIBC-} == musl && $1 == RTMIN ]]; then
    echo 35
  else
    signum "$1"
  fi
}

# Skip the test, with REASON $1, unless graceful-timeout uses glibc.
need_glibc() {
  [[ ${GT_LIBC:-glibc} == glibc ]] ||
    skip "$1 (graceful-timeout's C library is ${GT_LIBC}, not glibc)"
}

# Wait up to 20 s until process $1 sleeps in poll (its main wait).
wait_asleep() {
  local i
  for ((i = 0; i < 2000; i++)); do
    [[ $(</proc/$1/wchan) == *poll* ]] && return 0
    sleep 0.01
  done
  echo "process $1 never slept in poll" >&2
  return 1
}

# Run record-signals (see that file) logging to $T/log; with "$@" before
# it, e.g. graceful-timeout and its options.  Wait until it is ready;
# set BG to the pid of the first process and CMD to the recorder's.
start_recorder() {
  local args=() a
  for a in "$@"; do
    [[ $a == -- ]] && break
    args+=("$a")
  done
  shift ${#args[@]}
  [[ ${1-} == -- ]] && shift
  start_bg wait_status_to "$T/status" env --default-signal \
    "${args[@]}" record-signals "$T/log" "$@" \
    2>"$T/stderr"
  wait_for_file "$T/log.ready"
  CMD=$(<"$T/log.ready")
  track "$CMD"
  GT=$(proc_field "$CMD" 4)
}

# Wait until $T/log has $1 lines; then assert it is exactly $2.
assert_log() {
  local i
  for ((i = 0; i < 2000; i++)); do
    [[ -f $T/log ]] && (( $(wc -l <"$T/log") >= $1 )) && break
    sleep 0.01
  done
  assert_equal "$(cat "$T/log")" "$2"
}

# Wait for the run started by start_recorder to end, and assert how.
assert_status() {
  wait_for_file "$T/status"
  assert_equal "$(<"$T/status")" "$1"
}
