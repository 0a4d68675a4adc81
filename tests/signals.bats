#!/usr/bin/env bats
# SIGNAL names and numbers, through the one signal table (SPEC 2.4).

load helper

TRY="Try 'graceful-timeout --help' for more information."

# Assert that -s $1 sends the signal printed as $2 on timeout.
assert_sends() {
  run graceful-timeout -v -k 0.05 -s "$1" 0.05 sleep 10
  assert_line --index 0 \
    "graceful-timeout: sending signal $2 to command 'sleep'"
}

@test "names are read with or without SIG, in any case" {
  for s in TERM term SigTerm SIGTERM sigterm; do
    assert_sends "$s" TERM
  done
}

@test "numbers are read as signals, and as shell statuses" {
  assert_sends 15 TERM
  assert_sends 143 TERM    # 128+15, as sh reports a TERM death
  assert_sends 271 TERM    # 256+15, as ksh reports it
  assert_sends 137 KILL
  assert_sends 1 HUP
  assert_sends 10 USR1
}

@test "aliases are accepted and printed by their first name" {
  assert_sends IOT ABRT
  assert_sends 6 ABRT
  assert_sends IO POLL
  assert_sends SIGIO POLL
}

@test "System V's CLD is CHLD" {
  ! built_with_musl || skip 'musl has no SIGCLD'
  assert_sends CLD CHLD
}

@test "real-time signals are named from the nearer end" {
  assert_sends RTMIN RTMIN
  assert_sends rtmin+1 RTMIN+1
  assert_sends SIGRTMAX-2 RTMAX-2
  assert_sends RTMAX RTMAX
  assert_sends "$(gt_signum RTMIN)" RTMIN
  assert_sends "$(( $(gt_signum RTMAX) - 1 ))" RTMAX-1
}

@test "GNU's lenient spellings are accepted, as gnulib's str2sig reads them" {
  assert_sends SIG15 TERM
  assert_sends sig9 KILL
  assert_sends SIG0 0
  assert_sends SIG015 TERM
  assert_sends RTMIN1 RTMIN+1
  assert_sends 'RTMIN 1' RTMIN+1
  assert_sends 'rtmin +1' RTMIN+1
  assert_sends RTMIN+01 RTMIN+1
  assert_sends RTMIN-0 RTMIN
  assert_sends RTMAX+0 RTMAX
  assert_sends SIGRTMAX-00 RTMAX
}

@test "signal 0 and EXIT send nothing; -k still escalates" {
  for s in 0 EXIT sigexit 128; do
    run graceful-timeout -v -k 0.1 -s "$s" 0.05 sleep 10
    assert_failure 137
    assert_output "graceful-timeout: sending signal 0 to command 'sleep'
graceful-timeout: sending signal KILL to command 'sleep'"
  done
}

@test "an unnamed signal number is printed as the number" {
  run graceful-timeout -v -s 32 0.05 sleep 10
  assert_failure 124
  assert_output "graceful-timeout: sending signal 32 to command 'sleep'"
}

@test "anything else is an invalid signal, before COMMAND runs" {
  for s in '' FOO SIG SIGSIGTERM ' TERM' 'TERM ' RTMIN+ RTMIN+99 RTMAX-99 \
           RTMIN-1 RTMAX+1 RTMAX1 'RTMIN+ 1' 'RTMIN 1 ' RTMIN+0x1 RTMIN1x \
           SIGFOO SIG143 SIG65 'SIG 15' SIG-1 SIG+15 65 127 255 -1 +1 1x 0x1 \
           4294967311 99999999999999999999; do
    run graceful-timeout -s "$s" 5 touch "$T/ran"
    assert_failure 125
    assert_output "graceful-timeout: '$s': invalid signal
$TRY"
    assert [ ! -e "$T/ran" ]
  done
}

@test "--list-signals prints the table, one signal a line" {
  run --separate-stderr graceful-timeout --list-signals
  assert_success
  assert_line --regexp '^ 1 HUP +Hangup$'
  assert_line --regexp '^ 6 ABRT +Aborted$'
  assert_line --regexp '^ 9 KILL +Killed$'
  assert_line --regexp '^15 TERM +Terminated$'
  local rtmin
  rtmin=$(signum RTMIN)
  ! built_with_musl || rtmin=35    # musl keeps 32 to 34 for itself
  assert_line --regexp "^$rtmin RTMIN +Real-time signal$"
  assert_line --regexp "^$(signum RTMAX) RTMAX +Real-time signal$"
  refute_line --partial 'IOT'
  # Every line is "NUMBER NAME DESCRIPTION", and every name parses back.
  local n name desc
  while read -r n name desc; do
    [[ $n =~ ^[0-9]+$ && -n $desc ]]
    assert_sends "$n" "$name"
  done <<<"$output"
}
