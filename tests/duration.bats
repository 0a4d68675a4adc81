#!/usr/bin/env bats
# DURATION, parsed exactly as GNU timeout 9.11 does (SPEC 2.3).

load helper

TRY="Try 'graceful-timeout --help' for more information."

# Assert that DURATION $1 is rejected with the exact message.
assert_invalid() {
  run graceful-timeout -- "$1" true
  assert_failure 125
  assert_output "graceful-timeout: invalid time interval '$1'
$TRY"
}

@test "a short deadline times out with 124" {
  run graceful-timeout 0.1 sleep 10
  assert_failure 124
  assert_output ''
}

@test "fractions, exponents, units and hex floats are read" {
  for d in .1 0.1s 1e-1 0.002m 0.00003h 0.000002d 0x.2 0x1p-3 +0.1 ' 0.1'; do
    run graceful-timeout "$d" sleep 10
    assert_failure 124
  done
}

@test "a command that ends in time keeps its status" {
  for d in 10 10s 1m 1h 1d 0x10 1e3 2.5; do
    run graceful-timeout "$d" sh -c 'exit 7'
    assert_failure 7
  done
}

@test "0 disables the time limit" {
  run graceful-timeout 0 sh -c 'sleep 0.3; exit 5'
  assert_failure 5
  run graceful-timeout -- -0 sh -c 'exit 6'
  assert_failure 6
}

@test "inf, infinity and overflow mean the largest time, not an error" {
  for d in inf INFINITY infd 1e400 1e308d 9223372036854775808 \
           4294967296 2.34e+5d 1e10000; do
    run graceful-timeout "$d" sh -c 'exit 3'
    assert_failure 3
  done
}

@test "an underflow times out at once instead of disabling the limit" {
  for d in 1e-10000 1e-320 0x1p-1074; do
    run graceful-timeout "$d" sleep 10
    assert_failure 124
  done
}

@test "a tiny -k still escalates, rounded up rather than down to 0" {
  run graceful-timeout -s CONT -k 1e-10000 0.1 sleep 10
  assert_failure 137
}

@test "no digits, negatives, NaN and bad units are rejected" {
  for d in '' x . s -1 -0.1 -1e-10000 -inf nan NaN 1S 1M 1H 1D 1x \
           1ss '1 ' 1e 0x 1s2 '1,5' 1m1; do
    assert_invalid "$d"
  done
}

@test "an invalid -k DURATION is rejected the same way" {
  run graceful-timeout -k -1 1 true
  assert_failure 125
  assert_output "graceful-timeout: invalid time interval '-1'
$TRY"
}

@test "a decimal comma is read in a locale that uses one" {
  local loc
  loc=$(locale -a 2>/dev/null | grep -m1 -i '^de_DE\.utf-\?8$') ||
    skip 'no de_DE locale installed'
  ! built_with_musl || skip "musl's C library has no numeric locale data"
  LC_ALL=$loc run graceful-timeout 0,1 sleep 10
  assert_failure 124
  LC_ALL=$loc run graceful-timeout 0.1 sleep 10
  assert_failure 124
}
