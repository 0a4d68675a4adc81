#!/usr/bin/env bats
# The pre-stop hook neither takes COMMAND's input nor turns a timeout
# into a failure (SPEC 2.2 --pre-stop, 4.12).

load helper

@test "the pre-stop hook reads /dev/null, not COMMAND's input" {
  run bash -c 'echo data | graceful-timeout \
    --pre-stop="cat >\"$1\"" .2 sleep 20' _ "$T/hookin"
  assert_failure 124
  assert_equal "$(wc -c <"$T/hookin")" 0
}

@test "a hook's failure on an unwritable stderr still exits 124" {
  run bash -c "graceful-timeout --pre-stop='exit 3' .1 sleep 20 2>/dev/full"
  assert_failure 124
}

@test "-v on an unwritable stderr still exits 124" {
  run bash -c 'graceful-timeout -v .1 sleep 20 2>/dev/full'
  assert_failure 124
}
