# helper.bash -- shared by every graceful-timeout test file.
# Copyright (C) 2026 The graceful-timeout authors.
# SPDX-License-Identifier: GPL-3.0-or-later

bats_load_library bats-support
bats_load_library bats-assert

: "${GT_BINDIR:=$BATS_TEST_DIRNAME/../src}"
PATH="$GT_BINDIR:$BATS_TEST_DIRNAME:$PATH"
export LC_ALL=C

# Every test gets its own directory; T is short for it.
setup() {
  T=$BATS_TEST_TMPDIR
  : >"$T/pids"
}

# End every process a test recorded with track, whatever happened.
teardown() {
  local pid
  while read -r pid; do
    kill -KILL "$pid" 2>/dev/null || true
  done <"$T/pids"
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
