#!/usr/bin/env bats
# --tree's tree is what descends from COMMAND, all of it, and it does
# not outlive a killed supervisor (SPEC 2.2 --tree, 5).

load helper

# Skip unless the cgroup backend can be used here.
need_cgroup_backend() {
  need_tree
  need_root 'cannot create a cgroup'
  GRACEFUL_TIMEOUT_TREE_BACKEND=cgroup graceful-timeout --tree 5 true \
    2>/dev/null || skip 'no cgroup v2 child cgroup can be created here'
}

# Run "$@" with the --tree backend $1 (proc or cgroup).  Call
# need_backend first: a skip inside bats' run skips nothing.
with_backend() {
  local backend=$1
  shift
  GRACEFUL_TIMEOUT_TREE_BACKEND=$backend "$@"
}

# Skip unless the --tree backend $1 can be used here.
need_backend() {
  need_tree
  [[ $1 == proc ]] || need_cgroup_backend
}

# The graceful-timeout.* cgroups made during this test and left under
# the cgroup2 mount, once the watchdog has had up to 20 s to remove them.
leftover_cgroups() {
  local mount i left
  mount=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
  [[ -n $mount ]] || return 0
  for ((i = 0; i < 200; i++)); do
    left=$(find "$mount" -name 'graceful-timeout.*' -newer "$T/pids" \
      2>/dev/null)
    [[ -z $left ]] && return 0
    sleep 0.1
  done
  echo "$left"
}

inherited_child() {
  need_backend "$1"
  local start=$SECONDS
  run with_backend "$1" bash -c \
    'sleep 30 >/dev/null 2>&1 & echo $! >"$1"; exec graceful-timeout --tree 20 true' \
    _ "$T/inherited"
  track "$T/inherited"
  assert_success
  (( SECONDS - start < 15 ))
  alive "$(<"$T/inherited")"
}

@test "a child inherited at exec is neither waited for nor killed (proc)" {
  inherited_child proc
}

@test "a child inherited at exec is neither waited for nor killed (cgroup)" {
  inherited_child cgroup
}

@test "a daemon started by the pre-stop hook is left alone (cgroup)" {
  need_backend cgroup
  local start=$SECONDS
  run with_backend cgroup graceful-timeout --tree \
    --pre-stop="setsid sleep 30 >/dev/null 2>&1 & echo \$! >'$T/daemon'" .2 \
    sleep 30
  assert_failure 124
  (( SECONDS - start < 15 ))
  wait_for_file "$T/daemon"
  track "$T/daemon"
  alive "$(<"$T/daemon")"
}

@test "processes COMMAND moved into a sub-cgroup are signalled too" {
  need_cgroup_backend
  local mount
  mount=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
  local start=$SECONDS
  run with_backend cgroup graceful-timeout --tree .5 sh -c '
    cg=$1$(sed -n "s/^0:://p" /proc/self/cgroup)
    mkdir "$cg/sub"
    sh -c "echo \$\$ >\"$cg/sub/cgroup.procs\"; exec sleep 30" &
    wait' _ "$mount"
  assert_failure 124
  (( SECONDS - start < 15 ))
  assert_equal "$(leftover_cgroups)" ''
}

# Start a --tree run with backend $1 whose COMMAND has two children that
# ignore TERM; KILL the supervisor once they run.  Then everything must
# end within a few seconds, nothing stopped, no cgroup left.
killed_supervisor() {
  need_backend "$1"
  GRACEFUL_TIMEOUT_TREE_BACKEND=$1 start_bg graceful-timeout --tree \
    -k 0.5 30 sh -c '
    sh -c "trap \"\" TERM; exec sleep 30" & a=$!
    setsid sh -c "trap \"\" TERM; exec sleep 30" & b=$!
    echo "$$ $a $b" >"$0.tmp"; mv "$0.tmp" "$0"; wait' "$T/pids.tree"
  wait_for_file "$T/pids.tree"
  local -a procs=($(<"$T/pids.tree"))
  local p
  for p in "${procs[@]}"; do track "$p"; done
  kill -KILL "$BG"
  for p in "${procs[@]}"; do
    wait_gone "$p"
  done
  assert_equal "$(leftover_cgroups)" ''
}

@test "a killed --tree supervisor leaves nothing behind (proc)" {
  killed_supervisor proc
}

@test "a killed --tree supervisor leaves nothing behind (cgroup)" {
  need_cgroup_backend
  killed_supervisor cgroup
}

@test "a supervisor killed while the tree is frozen leaves it thawed" {
  need_cgroup_backend
  GRACEFUL_TIMEOUT_TREE_BACKEND=cgroup start_bg graceful-timeout --tree \
    -k 0.5 30 sh -c '
    cg=$(sed -n "s/^0:://p" /proc/self/cgroup)
    echo "$$ $cg" >"$0.tmp"; mv "$0.tmp" "$0"
    trap "" TERM; sleep 30 & wait' "$T/info"
  wait_for_file "$T/info"
  local -a info=($(<"$T/info"))
  track "${info[0]}"
  local mount
  mount=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
  # Freeze the tree as a step does, and kill the supervisor meanwhile.
  echo 1 >"$mount${info[1]}/cgroup.freeze"
  kill -KILL "$BG"
  wait_gone "${info[0]}"
  assert_equal "$(leftover_cgroups)" ''
}
