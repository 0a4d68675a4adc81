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

@test "a deadline that passed while graceful-timeout was stopped fires when it resumes" {
  start_gt 3 sleep 60
  kill -STOP "$GT"
  # The stop must outlast the deadline: that is what is tested.
  sleep 4
  local resumed=$(ms_now)
  kill -CONT "$GT"
  wait_bg
  assert_equal "$status" 124
  # Counting only running time, TERM would come 3 s after CONT.
  (( $(ms_now) - resumed < 2000 ))
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
  echo 1 >"$cg/cgroup.freeze"
  sleep 4
  local thawed=$(ms_now)
  echo 0 >"$cg/cgroup.freeze"
  wait_bg
  assert_equal "$status" 124
  (( $(ms_now) - thawed < 2000 ))
}

@test "a -k step that passed while stopped fires when graceful-timeout resumes" {
  start_gt -v -k 3 0.1 sh -c 'trap "" TERM; sleep 60'
  # The TERM step has been sent; the shell ignores it.
  wait_for_file "$T/stderr"
  kill -STOP "$GT"
  sleep 4
  local resumed=$(ms_now)
  kill -CONT "$GT"
  wait_bg
  assert_equal "$status" 137
  (( $(ms_now) - resumed < 2000 ))
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
