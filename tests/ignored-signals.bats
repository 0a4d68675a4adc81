#!/usr/bin/env bats
# A signal ignored at start never disarms the time limit (SPEC 4.8).

load helper

@test "an inherited ignored TERM does not disarm the deadline" {
  local start=$SECONDS
  run sh -c 'trap "" TERM; exec graceful-timeout .2 sleep 20'
  assert_failure 124
  (( SECONDS - start < 15 ))
}

@test "COMMAND gets the ignored TERM at its default and dies of it" {
  run sh -c 'trap "" TERM; exec graceful-timeout -p .2 sleep 20'
  assert_failure $((128 + $(signum TERM)))
}

@test "-s HUP works under nohup" {
  local start=$SECONDS
  run nohup graceful-timeout -s HUP -p .2 sleep 20
  assert_failure $((128 + $(signum HUP)))
  (( SECONDS - start < 15 ))
}

@test "-s INT works in a script's background job" {
  run bash -c 'graceful-timeout -s INT -p .2 sleep 20 & wait $!'
  assert_failure $((128 + $(signum INT)))
}

@test "an inherited ignored ALRM still counts as the time limit" {
  run sh -c 'trap "" ALRM; exec graceful-timeout -v 20 sh -c "kill -ALRM \$PPID; sleep 20"'
  assert_failure 124
  assert_output "graceful-timeout: sending signal TERM to command 'sh'"
}

@test "every signal of --termseq is taken even if ignored" {
  run sh -c 'trap "" USR1 USR2
    exec graceful-timeout -p --termseq=USR1:0.2,USR2 .2 \
      sh -c "trap \"\" USR1; sleep 20"'
  assert_failure $((128 + $(signum USR2)))
}

@test "other ignored signals stay ignored in COMMAND" {
  run sh -c 'trap "" USR2
    exec graceful-timeout 20 sh -c "kill -USR2 \$\$; echo alive"'
  assert_success
  assert_output alive
}
