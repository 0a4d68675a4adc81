#!/usr/bin/env bats
# The --idle-timeout relay never blocks the supervisor, and its edge
# cases (SPEC 2.2 --idle-timeout, 4.10, 4.12).

load helper

# Run graceful-timeout with "$@" with its standard output going to a
# destination that takes nothing: a socket or pipe ($DEST: socket|pipe)
# whose other end is never read.  Signal it with $SIG after $AFTER
# seconds if set.  Print "STATUS SECONDS"; its stderr goes to $T/stderr.
run_stalled() {
  python3 - "$@" 2>"$T/stderr" <<'PY'
import os, signal, socket, subprocess, sys, time
dest = os.environ.get("DEST", "socket")
if dest == "socket":
    mine, theirs = socket.socketpair()
    out = theirs.fileno()
else:
    r, out = os.pipe()
start = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=out)
os.close(out)
if os.environ.get("SIG"):
    time.sleep(float(os.environ["AFTER"]))
    p.send_signal(getattr(signal, "SIG" + os.environ["SIG"]))
try:
    rc = p.wait(timeout=60)
except subprocess.TimeoutExpired:
    p.kill()
    rc = "hung"
print(rc, int(time.monotonic() - start))
PY
}

@test "a socket that takes nothing does not hold off the time limit" {
  DEST=socket run run_stalled graceful-timeout --idle-timeout=30 1 yes
  assert_success
  local -a r=($output)
  assert_equal "${r[0]}" 124
  (( r[1] < 20 ))
  run cat "$T/stderr"
  assert_output --regexp "^graceful-timeout: [0-9]+ bytes of the command's standard output could not be delivered: the destination takes nothing$"
}

@test "a pipe whose reader stalls does not hold off the time limit" {
  DEST=pipe run run_stalled graceful-timeout --idle-timeout=30 1 yes
  local -a r=($output)
  assert_equal "${r[0]}" 124
  (( r[1] < 20 ))
}

@test "TERM is acted on while the destination takes nothing" {
  DEST=socket SIG=TERM AFTER=0.3 run run_stalled \
    graceful-timeout --idle-timeout=30 60 yes
  local -a r=($output)
  # graceful-timeout dies of the TERM that COMMAND died of.
  assert_equal "${r[0]}" -15
  (( r[1] < 20 ))
}

@test "-k escalates while the destination takes nothing" {
  DEST=socket run run_stalled graceful-timeout --idle-timeout=30 -k 0.5 \
    0.5 sh -c 'trap "" TERM; yes'
  local -a r=($output)
  assert_equal "${r[0]}" 137
  (( r[1] < 20 ))
}

@test "a full destination is reported once and COMMAND keeps its status" {
  run bash -c 'graceful-timeout --idle-timeout=10 20 \
    sh -c "seq 100000; echo done >&2; exit 3" 2>&1 >/dev/full'
  assert_failure 3
  assert_equal "$output" "graceful-timeout: error writing the command's standard output; discarding it: No space left on device
done"
}

@test "a full destination does not kill COMMAND with SIGPIPE" {
  run bash -c 'graceful-timeout -p --idle-timeout=10 20 seq 200000 \
    >/dev/full 2>/dev/null'
  assert_success
}

# Whether COMMAND's descriptor $1 is open, as COMMAND says on fd $2.
FD_PROBE='if [ -e /proc/$$/fd/$0 ]; then r=open; else r=closed; fi
  echo $r >&$1'

@test "a standard error closed at start stays closed for COMMAND" {
  run bash -c 'graceful-timeout --idle-timeout=10 20 sh -c "$1" 2 1 2>&-' \
    _ "$FD_PROBE"
  assert_success
  assert_output closed
}

@test "a standard output closed at start stays closed for COMMAND" {
  run bash -c 'graceful-timeout --idle-timeout=10 20 sh -c "$1" 1 2 \
    2>&1 >&-' _ "$FD_PROBE"
  assert_success
  assert_output closed
}

@test "a closed standard error stays closed without the relay too" {
  run bash -c 'graceful-timeout 20 sh -c "$1" 2 1 2>&-' _ "$FD_PROBE"
  assert_success
  assert_output closed
}

@test "a closed standard input stays closed for COMMAND" {
  run bash -c 'graceful-timeout 20 sh -c "$1" 0 1 <&-' _ "$FD_PROBE"
  assert_success
  assert_output closed
}

@test "a reader that quits early still ends COMMAND with SIGPIPE" {
  run bash -c 'set -o pipefail
    graceful-timeout --idle-timeout=10 20 seq 1 1000000 | head -1'
  assert_failure 141
  assert_output 1
}

@test "the relay pipes keep the system's default size" {
  local want
  want=$(python3 -c 'import fcntl, os; r, w = os.pipe(); print(fcntl.fcntl(w, 1032))')
  run graceful-timeout --idle-timeout=10 20 \
    python3 -c 'import fcntl; print(fcntl.fcntl(1, 1032))'
  assert_success
  assert_output "$want"
}
