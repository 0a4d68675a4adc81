#!/usr/bin/env bats
# The documentation's commands, run as they are written (see
# tests/doc.bash): README, the man page (doc/graceful-timeout.x), the
# Texinfo manual (doc/graceful-timeout.texi) and doc/examples.  nginx's
# is in tests/nginx.bats.

load doc

# A placeholder service named $1: says it is up in $T/ready, appends
# "$1 TERM" to $T/log on TERM and exits with status $2 (default 0).
# TERM may come twice (to the command, then to its group): the trap's
# first act makes the second harmless.
stub_service() {
  doc_stub "$1" "trap 'trap : TERM; echo $1 TERM >>\"$T/log\"; exit ${2:-0}' TERM
echo up >\"$T/ready\"
while :; do sleep 0.05; done"
}

# The pid of graceful-timeout, the parent of the process whose pid is in
# file $1, once that file exists.
gt_of() {
  wait_for_file "$1"
  GT=$(proc_field "$(<"$1")" 4)
}

# A placeholder service named $1 that writes its pid to $T/ready.
stub_with_pid() {
  doc_stub "$1" "trap 'trap : TERM; echo $1 TERM >>\"$T/log\"; exit ${2:-0}' TERM
echo \$\$ >\"$T/ready\"
while :; do sleep 0.05; done"
}

@test "README, man page: -s TERM -k 10 3 cmd sends cmd TERM at the deadline" {
  doc_stub cmd "exec record-signals '$T/log' TERM"
  doc_start <<'DOC'
$ graceful-timeout -s TERM -k 10 3 cmd
DOC
  gt_of "$T/log.ready"
  time_up
  assert_status 'exit 124'
  assert_equal "$(<"$T/log")" TERM
}

@test "man page: -v 0.5 sleep 10 stops it and says so" {
  doc_run <<'DOC'
$ graceful-timeout -v 0.5 sleep 10
DOC
  assert_failure 124
  assert_output "graceful-timeout: sending signal TERM to command 'sleep'"
}

@test "README quick start: the command flushes its buffer and the status is 124" {
  ln -s "$(dirname "$(command -v graceful-timeout)")" "$T/src"
  doc_run_after '&& make && ' <<'DOC'
$ apt-get update && apt-get install -y build-essential autoconf automake autopoint gettext gnulib help2man texinfo bats bats-assert bats-support python3 && ./bootstrap --no-git --gnulib-srcdir=/usr/share/gnulib --skip-po --copy && ./configure && make && src/graceful-timeout -v -k 5 1 sh -c 'trap "trap : TERM; echo flushing the buffer; exit 0" TERM; echo working; sleep 10 & wait'; echo "exit status $?"
DOC
  assert_success
  # glibc's error () names the program as it was run, musl's by its
  # base name.
  local name=src/graceful-timeout
  [[ ${GT_LIBC-} != musl ]] || name=graceful-timeout
  assert_output "working
$name: sending signal TERM to command 'sh'
flushing the buffer
exit status 124"
}

@test "README: the consumer flushes on TERM within its 30 s" {
  printf '%s\n' '#!/bin/sh' "trap 'trap : TERM; echo flushed; exit 0' TERM" \
    "echo \$\$ >'$T/ready'" 'while :; do sleep 0.05; done' >"$T/consumer"
  chmod +x "$T/consumer"
  doc_start <<'DOC'
$ graceful-timeout --termseq=TERM:30,KILL 1h ./consumer
DOC
  gt_of "$T/ready"
  time_up
  assert_status 'exit 124'
  assert_equal "$(<"$T/out")" flushed
}

@test "README: the service deregisters before it gets TERM" {
  doc_stub curl "echo \"curl \$*\" >>'$T/log'"
  stub_with_pid web-server
  mv "$T/bin/web-server" "$T/web-server"
  doc_start <<'DOC'
$ graceful-timeout --pre-stop='curl -fsS -X PUT http://127.0.0.1:8500/v1/agent/service/deregister/web' --pre-stop-timeout=3 -k 20 0 ./web-server
DOC
  gt_of "$T/ready"
  kill -TERM "$GT"
  assert_status 'exit 0'
  assert_equal "$(<"$T/log")" \
    'curl -fsS -X PUT http://127.0.0.1:8500/v1/agent/service/deregister/web
web-server TERM'
}

@test "man page: the pre-stop hook sees the server's pid and the reason" {
  doc_stub deregister "echo \"deregister \$1 \$GRACEFUL_TIMEOUT_REASON\" >>'$T/log'"
  stub_with_pid server
  doc_start <<'DOC'
$ graceful-timeout --pre-stop='deregister $GRACEFUL_TIMEOUT_PID' -k 20 1h server
DOC
  gt_of "$T/ready"
  local server
  server=$(<"$T/ready")
  kill -TERM "$GT"
  assert_status 'exit 0'
  assert_equal "$(<"$T/log")" "deregister $server signal:TERM
server TERM"
}

@test "README, man page: gdb prints a backtrace of every process of the tree" {
  need_tree
  need_root 'gdb may attach to any process'
  command -v gdb >/dev/null || skip 'gdb is not installed'
  start_bg sleep 100
  gdb -p "$BG" -batch >"$T/probe" 2>&1 || true
  grep -q 'detached' "$T/probe" || skip "gdb cannot attach here: $(tail -1 "$T/probe")"
  # make check, hung: make, the shell of a recipe, the test that hangs.
  doc_stub make "sh -c 'echo \$\$ >\"$T/ready\"; exec sleep 1000' & wait"
  doc_start <<'DOC'
$ graceful-timeout --tree --pre-stop='for pid in $GRACEFUL_TIMEOUT_PIDS; do gdb -p $pid -batch -ex "thread apply all bt"; done' --pre-stop-timeout=1m 10m make check
DOC
  wait_for_file "$T/ready"
  local hung make
  hung=$(<"$T/ready")
  make=$(proc_field "$hung" 4)
  GT=$(proc_field "$make" 4)
  wait_asleep "$GT"
  time_up
  assert_status 'exit 124'
  run grep -o 'Inferior 1 (process [0-9]*) detached' "$T/err"
  assert_output "Inferior 1 (process $make) detached
Inferior 1 (process $hung) detached"
}

@test "README, man page: a CI job leaves its report" {
  doc_stub make 'echo "make $*"'
  doc_run <<'DOC'
$ graceful-timeout --idle-timeout=10m --report=report.json -k 1m 2h make check
DOC
  assert_success
  assert_output 'make check'
  run python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["reason"], r["status"], r["command"])' "$T/report.json"
  assert_output "exit 0 ['make', 'check']"
}

@test "README, man page: a JVM's 143 after a forwarded TERM is reported as 0" {
  stub_with_pid java 143
  doc_start <<'DOC'
$ graceful-timeout --map-status=143:0 -k 20 0 java -jar app.jar
DOC
  gt_of "$T/ready"
  kill -TERM "$GT"
  assert_status 'exit 0'
  assert_equal "$(<"$T/log")" 'java TERM'
}

@test "man page: --list-signals lists what -s accepts" {
  doc_run <<'DOC'
$ graceful-timeout --list-signals
DOC
  assert_success
  assert_line --index 0 ' 1 HUP       Hangup'
  assert_line '15 TERM      Terminated'
}

@test "README, man page troubleshooting: 124 is the deadline" {
  doc_run <<'DOC'
$ graceful-timeout 0.1 sleep 10; echo $?
DOC
  assert_success
  assert_output 124
}

@test "README, man page troubleshooting: 137 is KILL" {
  doc_run <<'DOC'
$ graceful-timeout -s KILL 0.1 sleep 10; echo $?
DOC
  assert_success
  assert_output 137
}

@test "README, man page troubleshooting: 143 is a death by TERM before the deadline" {
  doc_run <<'DOC'
$ graceful-timeout 10 sh -c 'kill -TERM $$'; echo $?
DOC
  assert_success
  assert_output 'Terminated
143'
}

# The Texinfo manual's examples.

@test "manual: the smallest use stops sleep with status 124" {
  doc_run <<'DOC'
$ graceful-timeout 0.5 sleep 10; echo "exit status $?"
DOC
  assert_success
  assert_output 'exit status 124'
}

@test "manual: -p -s INT gives 128+2" {
  doc_run <<'DOC'
$ graceful-timeout -p -s INT 0.2 sleep 10; echo "exit status $?"
DOC
  assert_success
  assert_output 'exit status 130'
}

@test "manual: a command deaf to INT and TERM is ended in three steps, 137" {
  doc_run <<'DOC'
$ graceful-timeout -v --termseq=INT:0.5,TERM:1,KILL 1 sh -c 'trap "" INT TERM; sleep 10'
DOC
  assert_failure 137
  assert_output "graceful-timeout: sending signal INT to command 'sh'
graceful-timeout: sending signal TERM to command 'sh'
graceful-timeout: sending signal KILL to command 'sh'"
}

@test "manual: --grace cuts a 30 s wait short and sends KILL" {
  local start=$SECONDS
  doc_run <<'DOC'
$ graceful-timeout -v --grace=1 --termseq=TERM:30,KILL 1 sh -c 'trap "" TERM; sleep 10'
DOC
  assert_failure 137
  assert_output "graceful-timeout: sending signal TERM to command 'sh'
graceful-timeout: the grace period ran out; cutting the termination short
graceful-timeout: sending signal KILL to command 'sh'"
  (( SECONDS - start < 20 ))
}

@test "manual: the pre-stop hook is told the pid and the reason" {
  doc_run <<'DOC'
$ graceful-timeout --pre-stop='echo "stopping $GRACEFUL_TIMEOUT_PID: $GRACEFUL_TIMEOUT_REASON"' 0.2 sleep 10
DOC
  assert_failure 124
  assert_output --regexp '^stopping [1-9][0-9]*: deadline$'
}

@test "manual: --tree -v signals the setsid sleep too, 3 processes" {
  need_tree
  doc_run <<'DOC'
$ graceful-timeout --tree -v 1 sh -c 'setsid sleep 10 & sleep 10'
DOC
  assert_failure 124
  assert_output "graceful-timeout: sending signal TERM to the tree of command 'sh': 3 processes"
}

@test "manual: the report of a tree deaf to TERM" {
  need_tree
  doc_run <<'DOC'
$ graceful-timeout --report=- --tree -k 0.5 1 sh -c 'trap "" TERM; sleep 10 & sleep 10'
DOC
  assert_failure 137
  run python3 -c 'import json, sys
r = json.loads(sys.argv[1])
print(r["command"], r["reason"], r["grace_expired"], r["exit"], r["status"])
for s in r["signals"]:
    print(s["signal"], s["target"], s["processes"])' "$output"
  assert_success
  assert_output "['sh', '-c', 'trap \"\" TERM; sleep 10 & sleep 10'] deadline False {'signal': 'KILL', 'core_dumped': False} 137
TERM tree 3
KILL tree 3"
}

# The crontab lines: cron's PATH, the paths mapped (doc_map_paths).

# A nightly-backup that leaves $T/var/log/backup.done.
stub_backup() {
  doc_stub nightly-backup "echo done >'$T/var/log/backup.done'"
}

# Print "REASON STATUS" of the report $1.
report_outcome() {
  python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["reason"], r["status"])' "$1"
}

# Assert that the crontab line ran quietly and the backup did its work;
# with REPORT $1 (a file under $T/var/log), that the report says so.
assert_backup_ran() {
  assert_success
  assert_output ''
  assert_equal "$(<"$T/var/log/backup.done")" done
  [[ -z ${1-} ]] ||
    assert_equal "$(report_outcome "$T/var/log/$1")" 'exit 0'
}

@test "README crontab line: runs the backup under cron's PATH and reports" {
  stub_backup
  doc_cron <<'DOC'
0 2 * * * flock -n /run/backup.lock /usr/local/bin/graceful-timeout --report=/var/log/backup.json -k 5m 20h /usr/local/bin/nightly-backup
DOC
  assert_backup_ran backup.json
}

@test "README crontab line: a night whose predecessor holds the lock is skipped" {
  stub_backup
  mkdir -p "$T/run"
  exec {lock}>"$T/run/backup.lock"
  flock -n "$lock"
  doc_cron <<'DOC'
0 2 * * * flock -n /run/backup.lock /usr/local/bin/graceful-timeout --report=/var/log/backup.json -k 5m 20h /usr/local/bin/nightly-backup
DOC
  exec {lock}>&-
  assert_failure 1
  assert_output ''
  [[ ! -e $T/var/log/backup.done ]]
}

@test "man page crontab line: runs the backup under cron's PATH" {
  need_tree
  stub_backup
  doc_cron <<'DOC'
0 2 * * * flock -n /run/backup.lock /usr/local/bin/graceful-timeout --tree -k 5m 20h /usr/local/bin/nightly-backup
DOC
  assert_backup_ran
}

@test "manual crontab line: runs the backup under cron's PATH and reports" {
  need_tree
  stub_backup
  doc_cron <<'DOC'
0 2 * * * flock -n /run/backup.lock /usr/local/bin/graceful-timeout --tree --report=/var/log/backup.json -k 5m 20h /usr/local/bin/nightly-backup
DOC
  assert_backup_ran backup.json
}

@test "doc/examples/crontab: runs the backup under cron's PATH and reports" {
  need_tree
  stub_backup
  doc_cron <<'DOC'
0 2 * * * flock -n /run/nightly-backup.lock /usr/local/bin/graceful-timeout --tree -k 5m --report=/var/log/nightly-backup.json 20h /usr/local/bin/nightly-backup
DOC
  assert_backup_ran nightly-backup.json
}

@test "troubleshooting: under cron's PATH a bare graceful-timeout is not found" {
  [[ ! -e /usr/bin/graceful-timeout && ! -e /bin/graceful-timeout ]] ||
    skip 'graceful-timeout is installed in /usr/bin or /bin here'
  run env -i PATH=/usr/bin:/bin /bin/sh -c \
    "flock -n '$T/lock' graceful-timeout 1 true"
  assert_failure 69
  assert_output 'flock: failed to execute graceful-timeout: No such file or directory'
}

# Containers: the ENTRYPOINTs as PID 1 of a new pid namespace, TERM
# from outside as docker stop sends it.

# Start "$@" as PID 1 of a new pid namespace in the background, its
# output to $T/out and $T/err; set PID1 (as seen from here) once
# $T/ready exists.
start_pid1() {
  start_bg wait_status_to "$T/status" \
    unshare --pid --fork --mount-proc "$@" >"$T/out" 2>"$T/err"
  wait_for_file "$T/ready"
  PID1=$(pgrep -P "$(pgrep -P "$BG" -x python3 || echo "$BG")" -x unshare)
  PID1=$(pgrep -P "$PID1")
  track "$PID1"
}

@test "README, man page ENTRYPOINT: docker stop's TERM reaches the server" {
  need_tree
  need_pidns
  stub_service server
  doc_entrypoint <<'DOC'
ENTRYPOINT ["graceful-timeout", "--tree", "--grace=9s", "-k", "6", "0", "server"]
DOC
  start_pid1 "${DOC_ARGV[@]}"
  kill -TERM "$PID1"
  assert_status 'exit 0'
  assert_equal "$(<"$T/log")" 'server TERM'
}

# The Dockerfile's server: with --drain (the hook) it drains; otherwise
# it serves.  With STUBBORN set, the drain hangs and TERM is ignored.
stub_dockerfile_server() {
  doc_stub server "if [ \"\$1\" = --drain ]; then
  [ -z \"\$STUBBORN\" ] || exec sleep 1000
  echo drained >>'$T/log'; exit 0
fi
trap 'trap : TERM; echo TERM >>\"$T/log\"; exit 0' TERM
[ -z \"\$STUBBORN\" ] || trap '' TERM
echo up >'$T/ready'
while :; do sleep 0.05; done"
}

@test "doc/examples/Dockerfile ENTRYPOINT: docker stop drains, then TERM" {
  need_tree
  need_pidns
  stub_dockerfile_server
  doc_entrypoint <<'DOC'
ENTRYPOINT ["graceful-timeout", "--tree", "--grace=9s", "--pre-stop=/usr/local/bin/server --drain", "--pre-stop-timeout=2s", "-k", "6", "0", "/usr/local/bin/server"]
DOC
  start_pid1 "${DOC_ARGV[@]}"
  kill -TERM "$PID1"
  assert_status 'exit 0'
  assert_equal "$(<"$T/log")" 'drained
TERM'
}

@test "doc/examples/Dockerfile ENTRYPOINT: a hung drain and a deaf server are killed inside docker stop's 10 s" {
  need_tree
  need_pidns
  stub_dockerfile_server
  doc_entrypoint <<'DOC'
ENTRYPOINT ["graceful-timeout", "--tree", "--grace=9s", "--pre-stop=/usr/local/bin/server --drain", "--pre-stop-timeout=2s", "-k", "6", "0", "/usr/local/bin/server"]
DOC
  export STUBBORN=1
  start_pid1 "${DOC_ARGV[@]}"
  local start=$EPOCHREALTIME
  kill -TERM "$PID1"
  assert_status 'exit 137'
  local ms=$(( (${EPOCHREALTIME/./} - ${start/./}) / 1000 ))
  (( ms < 10000 )) || fail "KILL came after ${ms} ms, not inside 10 s"
}

@test "doc/examples/docker-entrypoint.sh: exec makes TERM reach the server" {
  need_tree
  need_pidns
  stub_service server
  doc_map_paths "$(<"$DOC_TOP/doc/examples/docker-entrypoint.sh")" \
    >"$T/entrypoint.sh"
  grep -q '^exec graceful-timeout ' "$T/entrypoint.sh"
  start_pid1 sh "$T/entrypoint.sh"
  kill -TERM "$PID1"
  assert_status 'exit 0'
  assert_equal "$(<"$T/log")" 'server TERM'
  [[ -d $T/run/server ]]
}

@test "doc/examples/pod.yaml: the kubelet's TERM runs the hook, then ends the server" {
  need_tree
  need_pidns
  doc_stub deregister "echo deregistered >>'$T/log'"
  stub_service web-server
  # The container's command: the items under "command:".
  local -a argv
  mapfile -t argv < <(sed -n '/^ *command:$/,/^ *[a-z]*:/s/^ *- //p' \
    "$DOC_TOP/doc/examples/pod.yaml" | tr -d '"')
  assert_equal "${argv[0]} ${argv[-1]}" \
    'graceful-timeout /usr/local/bin/web-server'
  mapfile -t argv < <(doc_map_paths "$(printf '%s\n' "${argv[@]}")")
  start_pid1 "${argv[@]}"
  kill -TERM "$PID1"
  assert_status 'exit 0'
  assert_equal "$(<"$T/log")" 'deregistered
web-server TERM'
}
