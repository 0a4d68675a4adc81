#!/usr/bin/env bats
# The command line: GNU-style option parsing, --help and --version.

load helper

TRY="Try 'graceful-timeout --help' for more information."

@test "--help prints the usage to stdout and exits 0" {
  run --separate-stderr graceful-timeout --help
  assert_success
  assert_line --index 0 \
    'Usage: graceful-timeout [OPTION]... DURATION COMMAND [ARG]...'
  assert_line --partial '-k, --kill-after=DURATION'
  assert_line --partial '124  if COMMAND times out'
  assert_equal "$stderr" ''
}

@test "--version prints the version in GNU format and exits 0" {
  run graceful-timeout --version
  assert_success
  # X.Y.Z from a tag, with git-version-gen's suffix (.N-HASH, -dirty)
  # or ours before the first tag (-N-gHASH) in between releases.
  assert_line --index 0 \
    --regexp '^graceful-timeout [0-9]+\.[0-9]+\.[0-9]+([.-][0-9A-Za-z.-]+)?$'
  assert_line --partial 'License GPLv3+'
}

@test "--help and --version exit 125 when stdout cannot be written" {
  run bash -c 'graceful-timeout --help >/dev/full'
  assert_failure 125
  assert_output 'graceful-timeout: write error: No space left on device'
  run bash -c 'graceful-timeout --version >/dev/full'
  assert_failure 125
  assert_output 'graceful-timeout: write error: No space left on device'
}

@test "no operand is a usage error: only the --help hint, exit 125" {
  run graceful-timeout
  assert_failure 125
  assert_output "$TRY"
}

@test "a DURATION without COMMAND is a usage error" {
  run graceful-timeout 10
  assert_failure 125
  assert_output "$TRY"
}

@test "an unknown long option gets getopt's message and the hint" {
  run graceful-timeout --bogus 1 true
  assert_failure 125
  assert_output "graceful-timeout: unrecognized option '--bogus'
$TRY"
}

@test "an unknown short option gets getopt's message and the hint" {
  run graceful-timeout -x 1 true
  assert_failure 125
  assert_output "graceful-timeout: invalid option -- 'x'
$TRY"
}

@test "an option missing its argument is a usage error" {
  run graceful-timeout 1 true -s
  assert_success
  run graceful-timeout -s
  assert_failure 125
  assert_output "graceful-timeout: option requires an argument -- 's'
$TRY"
}

@test "parsing stops at the first operand: COMMAND's options are its own" {
  run graceful-timeout 5 echo -v --signal=KILL -- -k
  assert_success
  assert_output '-v --signal=KILL -- -k'
}

@test "-- ends the options" {
  run graceful-timeout -- 5 echo hi
  assert_success
  assert_output 'hi'
}

@test "long options may be abbreviated" {
  run graceful-timeout --sig=INT --kill=0.5 --verb --pres 0.1 sleep 10
  assert_failure 130
  assert_output "graceful-timeout: sending signal INT to command 'sleep'"
  run graceful-timeout --fore 5 true
  assert_success
}

@test "short options may be bundled" {
  run graceful-timeout -vps INT 0.1 sleep 10
  assert_failure 130
  assert_output "graceful-timeout: sending signal INT to command 'sleep'"
}

@test "a bad option value is reported before COMMAND runs" {
  run graceful-timeout -k 1x 5 touch "$T/ran"
  assert_failure 125
  assert [ ! -e "$T/ran" ]
  run graceful-timeout -s NOPE 5 touch "$T/ran"
  assert_failure 125
  assert [ ! -e "$T/ran" ]
}

# Assert that graceful-timeout with the options in "$@" exits 125 with
# the message $MSG and the --help hint, before COMMAND runs.
assert_usage_error() {
  run graceful-timeout "$@" 5 touch "$T/ran"
  assert_failure 125
  assert_output "graceful-timeout: $MSG
$TRY"
  assert [ ! -e "$T/ran" ]
}

@test "every --termseq is checked, though only the last one is used" {
  MSG="invalid signal 'BAD' in termination sequence 'BAD'"
  assert_usage_error --termseq=BAD --termseq=TERM
  MSG="invalid time interval 'x' in termination sequence 'TERM:x,KILL'"
  assert_usage_error --termseq=TERM:x,KILL --termseq=TERM
  MSG="empty step in termination sequence ''"
  assert_usage_error --termseq= --termseq=TERM
  run graceful-timeout -v --termseq=KILL --termseq=INT 0.1 sleep 10
  assert_failure 124
  assert_output "graceful-timeout: sending signal INT to command 'sleep'"
}

@test "an empty signal in --pass is a usage error naming the list" {
  for list in '' ',' ',,' 'HUP,' ',HUP' 'HUP,,USR1'; do
    MSG="empty signal in --pass list '$list'"
    assert_usage_error --pass="$list"
  done
}

@test "--pass of a signal that cannot be caught is a usage error" {
  for s in 32 33 SIG32 KILL SIGSTOP sigkill 9 137; do
    MSG="'$s': this signal cannot be passed"
    assert_usage_error --pass="HUP,$s"
  done
}

@test "-s and --termseq still take the signals --pass refuses" {
  run graceful-timeout -s 32 5 true
  assert_success
  run graceful-timeout --termseq=33:1,KILL 5 true
  assert_success
  run graceful-timeout --pass=HUP,SIGUSR1,RTMIN1 5 true
  assert_success
}
