#!/usr/bin/env bats
# Shell completions (completions/): each one in its real shell, bash with
# bash-completion, zsh and fish.  Each shell is skipped, with the reason,
# where it is not installed.

load helper

COMPLETIONS=$BATS_TEST_DIRNAME/../completions

# Each complete_SHELL runs in $T, so that a file name the build tree
# holds is never offered.

# Print what bash offers for the command line $1 (a TAB at its end), one
# a line.  bash-completion loads the completion on demand from its user
# directory, as it would from the installed one; `complete -p` names the
# function, which is called as readline would: COMP_WORDS split at
# blanks and at the '=' and ':' of COMP_WORDBREAKS.
complete_bash() {
  [[ -f /usr/share/bash-completion/bash_completion ]] ||
    skip 'bash-completion is not installed'
  mkdir -p "$T/bash-completion"
  ln -sfn "$COMPLETIONS/bash" "$T/bash-completion/completions"
  cd "$T"
  BASH_COMPLETION_USER_DIR=$T/bash-completion LINE=$1 bash --norc -c '
    source /usr/share/bash-completion/bash_completion
    _completion_loader graceful-timeout
    spec=$(complete -p graceful-timeout) || exit 1
    [[ $spec =~ -F\ ([^ ]+) ]] || exit 1
    read -ra COMP_WORDS <<<"$(sed -E "s/([=:]+)/ \\1 /g" <<<"$LINE")"
    [[ $LINE == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$LINE COMP_POINT=${#LINE}
    "${BASH_REMATCH[1]}" graceful-timeout "${COMP_WORDS[COMP_CWORD]}" \
      "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
    printf "%s\n" "${COMPREPLY[@]}" | sort -u'
}

# Print what zsh offers for the command line $1, one a line (see
# tests/complete-zsh).
complete_zsh() {
  command -v zsh >/dev/null || skip 'zsh is not installed'
  cd "$T"
  zsh -f "$BATS_TEST_DIRNAME/complete-zsh" "$COMPLETIONS/zsh" "$1"
}

# Print what fish offers for the command line $1, one a line, without
# the descriptions.  fish finds the completion in its completion path.
complete_fish() {
  command -v fish >/dev/null || skip 'fish is not installed'
  cd "$T"
  LINE=$1 fish --no-config -c '
    set -p fish_complete_path $argv[1] /usr/share/fish/completions
    complete -C"$LINE"' "$COMPLETIONS/fish" | cut -f1 | sort -u
}

# The long options graceful-timeout --help lists, one a line.
help_options() {
  graceful-timeout --help | grep -oE -- '--[a-z][a-z-]*' | sort -u
}

@test "bash: complete -p names the completion bash-completion loads" {
  [[ -f /usr/share/bash-completion/bash_completion ]] ||
    skip 'bash-completion is not installed'
  mkdir -p "$T/bash-completion"
  ln -s "$COMPLETIONS/bash" "$T/bash-completion/completions"
  run env BASH_COMPLETION_USER_DIR="$T/bash-completion" bash --norc -c '
    source /usr/share/bash-completion/bash_completion
    _completion_loader graceful-timeout
    complete -p graceful-timeout'
  assert_success
  assert_output 'complete -F _graceful_timeout graceful-timeout'
}

@test "bash: completes every long option --help lists" {
  run complete_bash 'graceful-timeout --'
  assert_success
  assert_equal "$(sed 's/=$//' <<<"$output" | grep -- '^--' | sort -u)" \
    "$(help_options)"
}

@test "bash: completes a long option and a short one" {
  run complete_bash 'graceful-timeout --sig'
  assert_success
  assert_output '--signal='
  run complete_bash 'graceful-timeout -p'
  assert_success
  assert_output '-p'
}

@test "bash: completes signal names from --list-signals after -s and --signal=" {
  run complete_bash 'graceful-timeout -s TE'
  assert_success
  assert_output 'TERM'
  run complete_bash 'graceful-timeout --signal=RTMAX-1'
  assert_success
  assert_output $'RTMAX-1\nRTMAX-10\nRTMAX-11\nRTMAX-12\nRTMAX-13\nRTMAX-14'
}

@test "bash: completes the last signal of --pass and of a --termseq step" {
  run complete_bash 'graceful-timeout --pass=HUP,US'
  assert_success
  assert_output $'HUP,USR1\nHUP,USR2'
  # bash replaces only what follows the last ':' of the word.
  run complete_bash 'graceful-timeout --termseq=TERM:5,KI'
  assert_success
  assert_output '5,KILL'
}

@test "bash: completes duration units for -k, a --termseq step and DURATION" {
  run complete_bash 'graceful-timeout -k 10'
  assert_success
  assert_output $'10d\n10h\n10m\n10s'
  run complete_bash 'graceful-timeout --termseq=TERM:2.5'
  assert_success
  assert_output $'2.5d\n2.5h\n2.5m\n2.5s'
  run complete_bash 'graceful-timeout -v 3'
  assert_success
  assert_output $'3d\n3h\n3m\n3s'
}

@test "bash: completes --rewrite's signal pairs, --grace's units, nothing for --map-status" {
  run complete_bash 'graceful-timeout --rewrite=TERM:QU'
  assert_success
  assert_output 'QUIT'
  # TO may be 0; bash replaces only what follows the last ':'.
  run complete_bash 'graceful-timeout --rewrite HUP:0,TERM:'
  assert_success
  assert_line --index 0 '0'
  assert_line 'QUIT'
  run complete_bash 'graceful-timeout --rewrite=HUP:0,TE'
  assert_success
  assert_output '0,TERM'
  run complete_bash 'graceful-timeout --grace=2.5'
  assert_success
  assert_output $'2.5d\n2.5h\n2.5m\n2.5s'
  run complete_bash 'graceful-timeout --map-status=14'
  assert_success
  assert_output ''
  run complete_bash 'graceful-timeout --map-status 143:0 5 graceful-ti'
  assert_success
  assert_output 'graceful-timeout'
}

@test "bash: completes COMMAND and then its arguments with COMMAND's own completion" {
  run complete_bash 'graceful-timeout --signal=TERM 5 graceful-ti'
  assert_success
  assert_output 'graceful-timeout'
  run complete_bash 'graceful-timeout --signal=TERM -k 1 5 graceful-timeout --sig'
  assert_success
  assert_output '--signal='
  run complete_bash 'graceful-timeout -- 5 graceful-timeout -s TE'
  assert_success
  assert_output 'TERM'
}

@test "zsh: completes every long option --help lists" {
  run complete_zsh 'graceful-timeout --'
  assert_success
  assert_equal "$(grep -- '^--' <<<"$output" | sort -u)" "$(help_options)"
}

@test "zsh: completes a long option, and signal names from --list-signals" {
  run complete_zsh 'graceful-timeout --sig'
  assert_success
  assert_output '--signal'
  run complete_zsh 'graceful-timeout -s TE'
  assert_success
  assert_output 'TERM'
  run complete_zsh 'graceful-timeout --signal=RTMAX-1'
  assert_success
  assert_output $'RTMAX-1\nRTMAX-10\nRTMAX-11\nRTMAX-12\nRTMAX-13\nRTMAX-14'
}

@test "zsh: completes the last signal of --pass and of a --termseq step" {
  run complete_zsh 'graceful-timeout --pass=HUP,US'
  assert_success
  assert_output $'USR1\nUSR2'
  run complete_zsh 'graceful-timeout --termseq=TERM:5,KI'
  assert_success
  assert_output 'KILL'
}

@test "zsh: completes duration units for -k, a --termseq step and DURATION" {
  run complete_zsh 'graceful-timeout -k 10'
  assert_success
  assert_output $'d\nh\nm\ns'
  run complete_zsh 'graceful-timeout --termseq=TERM:5'
  assert_success
  assert_output $'d\nh\nm\ns'
  run complete_zsh 'graceful-timeout -v 3'
  assert_success
  assert_output $'d\nh\nm\ns'
}

@test "zsh: completes --rewrite's signal pairs, --grace's units, nothing for --map-status" {
  run complete_zsh 'graceful-timeout --rewrite=TERM:QU'
  assert_success
  assert_output 'QUIT'
  run complete_zsh 'graceful-timeout --rewrite=HUP:0,TERM:'
  assert_success
  assert_line --index 0 '0'
  assert_line 'QUIT'
  run complete_zsh 'graceful-timeout --rewrite=HUP:0,TE'
  assert_success
  assert_output 'TERM'
  run complete_zsh 'graceful-timeout --grace=5'
  assert_success
  assert_output $'d\nh\nm\ns'
  run complete_zsh 'graceful-timeout --map-status=14'
  assert_success
  assert_output ''
  run complete_zsh 'graceful-timeout --map-status=143:0 5 graceful-ti'
  assert_success
  assert_output 'graceful-timeout'
}

@test "zsh: completes COMMAND and then its arguments with COMMAND's own completion" {
  run complete_zsh 'graceful-timeout --signal=TERM 5 graceful-ti'
  assert_success
  assert_output 'graceful-timeout'
  run complete_zsh 'graceful-timeout -k 1 5 graceful-timeout --sig'
  assert_success
  assert_output '--signal'
  run complete_zsh 'graceful-timeout -- 5 graceful-timeout -s TE'
  assert_success
  assert_output 'TERM'
}

@test "fish: completes every long option --help lists" {
  run complete_fish 'graceful-timeout --'
  assert_success
  assert_equal "$(grep -- '^--' <<<"$output" | sort -u)" "$(help_options)"
}

@test "fish: completes a long option, and signal names from --list-signals" {
  run complete_fish 'graceful-timeout --sig'
  assert_success
  assert_output '--signal'
  run complete_fish 'graceful-timeout -s TE'
  assert_success
  assert_output 'TERM'
  run complete_fish 'graceful-timeout --signal=RTMAX-1'
  assert_success
  assert_output $'--signal=RTMAX-1\n--signal=RTMAX-10\n--signal=RTMAX-11\n--signal=RTMAX-12\n--signal=RTMAX-13\n--signal=RTMAX-14'
}

@test "fish: completes the last signal of --pass and of a --termseq step" {
  run complete_fish 'graceful-timeout --pass=HUP,US'
  assert_success
  assert_output $'--pass=HUP,USR1\n--pass=HUP,USR2'
  run complete_fish 'graceful-timeout --termseq=TERM:5,KI'
  assert_success
  assert_output '--termseq=TERM:5,KILL'
}

@test "fish: completes duration units for -k, a --termseq step and DURATION" {
  run complete_fish 'graceful-timeout -k 10'
  assert_success
  assert_output $'10d\n10h\n10m\n10s'
  run complete_fish 'graceful-timeout --termseq=TERM:5'
  assert_success
  assert_output $'--termseq=TERM:5d\n--termseq=TERM:5h\n--termseq=TERM:5m\n--termseq=TERM:5s'
  run complete_fish 'graceful-timeout -v 3'
  assert_success
  assert_output $'3d\n3h\n3m\n3s'
}

@test "fish: completes --rewrite's signal pairs, --grace's units, nothing for --map-status" {
  run complete_fish 'graceful-timeout --rewrite=TERM:QU'
  assert_success
  assert_output '--rewrite=TERM:QUIT'
  run complete_fish 'graceful-timeout --rewrite=HUP:0,TERM:'
  assert_success
  assert_line --index 0 '--rewrite=HUP:0,TERM:0'
  assert_line '--rewrite=HUP:0,TERM:QUIT'
  run complete_fish 'graceful-timeout --rewrite HUP:0,TE'
  assert_success
  assert_output 'HUP:0,TERM'
  run complete_fish 'graceful-timeout --grace=5'
  assert_success
  assert_output $'--grace=5d\n--grace=5h\n--grace=5m\n--grace=5s'
  run complete_fish 'graceful-timeout --map-status=14'
  assert_success
  assert_output ''
  run complete_fish 'graceful-timeout --map-status 143:0 5 graceful-ti'
  assert_success
  assert_output 'graceful-timeout'
}

@test "fish: completes COMMAND and then its arguments with COMMAND's own completion" {
  run complete_fish 'graceful-timeout --signal=TERM 5 graceful-ti'
  assert_success
  assert_output 'graceful-timeout'
  run complete_fish 'graceful-timeout -k 1 5 graceful-timeout --sig'
  assert_success
  assert_output '--signal'
  run complete_fish 'graceful-timeout -- 5 graceful-timeout -s TE'
  assert_success
  assert_output 'TERM'
}
