#!/usr/bin/env bats
# Deadlines are absolute and count time spent stopped or frozen
# (SPEC 4.9).

load helper

# Start graceful-timeout "$@" in the background, its stderr going to
# $T/stderr; wait until it sleeps in its main wait; set GT to its pid.
start_gt() {
  start_bg graceful-timeout "$@" 2>"$T/stderr"
  GT=$BG
  wait_asleep "$GT"
}

# Stop graceful-timeout with command $1 (e.g. "kill -STOP $GT") for 4 s,
# longer than the deadline it waits for: that is what is tested; resume
# it with command $2 and assert that it exits with status $3 within 2 s,
# where counting only the time it ran would take 3 s more.
hold_and_resume() {
  eval "$1"
  sleep 4
  local resumed
  resumed=$(ms_now)
  eval "$2"
  wait_bg
  assert_equal "$status" "$3"
  (( $(ms_now) - resumed < 2000 ))
}

@test "a deadline that passed while graceful-timeout was stopped fires when it resumes" {
  start_gt 3 sleep 60
  hold_and_resume 'kill -STOP "$GT"' 'kill -CONT "$GT"' 124
}

@test "a deadline that passed while graceful-timeout was frozen fires when it thaws" {
  need_root 'cannot create a cgroup'
  local mount own cg
  mount=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
  own=$(sed -n 's/^0:://p' /proc/self/cgroup)
  [[ -n $mount && -n $own ]] || skip 'no cgroup v2 mount'
  cg=$(mktemp -d "$mount${own%/}/gt-clock.XXXXXX") ||
    skip 'cannot create a cgroup here'
  echo "$cg" >"$T/cgroup"
  [[ -w $cg/cgroup.freeze ]] || skip 'no cgroup freezer here'
  start_gt 3 sleep 60
  echo "$GT" >"$cg/cgroup.procs"
  hold_and_resume 'echo 1 >"$cg/cgroup.freeze"' \
    'echo 0 >"$cg/cgroup.freeze"' 124
}

@test "a -k step that passed while stopped fires when graceful-timeout resumes" {
  start_gt -v -k 3 0.1 sh -c 'trap "" TERM; sleep 60'
  # The TERM step has been sent; the shell ignores it.
  wait_for_file "$T/stderr"
  hold_and_resume 'kill -STOP "$GT"' 'kill -CONT "$GT"' 137
}

# Milliseconds on the monotonic clock.
ms_now() {
  python3 -c 'import time; print(int(time.monotonic() * 1000))'
}

teardown() {
  local pid
  while read -r pid; do
    kill -CONT "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  done <"$T/pids"
  if [[ -f $T/cgroup ]]; then
    echo 0 >"$(<"$T/cgroup")/cgroup.freeze" 2>/dev/null || true
    rmdir "$(<"$T/cgroup")" 2>/dev/null || true
  fi
}
