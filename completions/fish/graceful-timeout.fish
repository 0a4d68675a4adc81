# fish completion for graceful-timeout.
# Copyright (C) 2026 The graceful-timeout authors.
# SPDX-License-Identifier: GPL-3.0-or-later

# Options whose argument may be the next word.
set -g __graceful_timeout_argopts -s -k --signal --kill-after --termseq \
    --pre-stop --pre-stop-timeout --pass --rewrite --grace --map-status \
    --idle-timeout --report

# Print what the word being completed is: "option" (before DURATION),
# "duration" or "command".  Options come first; the first operand, or
# the word after --, is DURATION, and COMMAND follows it.
function __graceful_timeout_position
    set -l words (commandline -opc)
    set -l i 2
    while test $i -le (count $words)
        set -l word $words[$i]
        if contains -- $word $__graceful_timeout_argopts
            set i (math $i + 2)
            continue
        end
        switch $word
            case --
                test (count $words) -gt $i; and echo command; or echo duration
                return
            case '-?*'
            case '*'
                echo command
                return
        end
        set i (math $i + 1)
    end
    echo option
end

# Print the signal names this graceful-timeout knows, each with its
# description, from its own --list-signals.
function __graceful_timeout_signals
    set -l program (commandline -opc)[1]
    $program --list-signals 2>/dev/null |
        string replace -r '^\s*\d+\s+(\S+)\s+(.*)$' '$1\t$2'
end

# Print the completions of the DURATION being typed (after any --opt=,
# --pass's last comma or a step's ':'): the number with each unit.
function __graceful_timeout_durations
    set -l word (string replace -r '^--[^=]*=' '' -- (commandline -ct))
    set -l head (string match -r '^.*:' -- $word)
    set -l number (string replace -r '^.*:' '' -- $word)
    string match -qr '^([0-9]*\.)?[0-9]+$|^[0-9]+\.$' -- $number; or return
    printf '%s\tseconds\n%s\tminutes\n%s\thours\n%s\tdays\n' \
        "$head$number"s "$head$number"m "$head$number"h "$head$number"d
end

# Print the completions of a list of signals, SIGNAL[,SIGNAL]...: the
# last one.
function __graceful_timeout_signal_list
    set -l word (string replace -r '^--[^=]*=' '' -- (commandline -ct))
    set -l head (string match -r '^.*,' -- $word)
    __graceful_timeout_signals | string replace -r '^' -- "$head"
end

# Print the completions of a termination sequence, SIGNAL[:DURATION],...:
# the last step's SIGNAL, or its DURATION after ':'.
function __graceful_timeout_termseq
    set -l word (string replace -r '^--[^=]*=' '' -- (commandline -ct))
    set -l head (string match -r '^.*,' -- $word)
    set -l step (string replace -r '^.*,' '' -- $word)
    if string match -q '*:*' -- $step
        set -l number (string replace -r '^.*:' '' -- $step)
        string match -qr '^([0-9]*\.)?[0-9]+$|^[0-9]+\.$' -- $number; or return
        set -l prefix "$head"(string replace -r ':.*' ':' -- $step)"$number"
        printf '%s\n' $prefix's' $prefix'm' $prefix'h' $prefix'd'
    else
        __graceful_timeout_signals | string replace -r '^' -- "$head"
    end
end

# Print the completions of a list of signal rewrites, FROM:TO[,...]: the
# last pair's FROM, or its TO after ':', a signal or 0 (ignore FROM).
function __graceful_timeout_rewrite
    set -l word (string replace -r '^--[^=]*=' '' -- (commandline -ct))
    set -l head (string match -r '^.*,' -- $word)
    set -l pair (string replace -r '^.*,' '' -- $word)
    if string match -q '*:*' -- $pair
        set head "$head"(string replace -r ':.*' ':' -- $pair)
        printf '%s0\tignore the signal\n' "$head"
    end
    __graceful_timeout_signals | string replace -r '^' -- "$head"
end

function __graceful_timeout_is
    test (__graceful_timeout_position) = $argv[1]
end

set -l c complete -c graceful-timeout
set -l opt -n '__graceful_timeout_is option'

$c $opt -s f -l foreground -d 'Let COMMAND read the TTY; children are not timed out'
$c $opt -s k -l kill-after -x -a '(__graceful_timeout_durations)' \
    -d 'Also send KILL this long after the first signal'
$c $opt -s p -l preserve-status -d 'Exit with the same status as COMMAND'
$c $opt -s s -l signal -x -a '(__graceful_timeout_signals)' \
    -d 'Signal to send on timeout'
$c $opt -s v -l verbose -d 'Diagnose every signal sent'
$c $opt -l termseq -x -a '(__graceful_timeout_termseq)' \
    -d 'Termination sequence SIGNAL[:DURATION],...'
$c $opt -l pre-stop -x -a '(__fish_complete_command)' \
    -d 'Shell command to run before the first signal'
$c $opt -l pre-stop-timeout -x -a '(__graceful_timeout_durations)' \
    -d 'Kill the pre-stop hook after DURATION'
$c $opt -l pass -x -a '(__graceful_timeout_signal_list)' \
    -d 'Forward these signals without starting termination'
$c $opt -l rewrite -x -a '(__graceful_timeout_rewrite)' \
    -d 'Act on a received signal FROM as on TO, FROM:TO,...'
$c $opt -l grace -x -a '(__graceful_timeout_durations)' \
    -d 'Bound the whole termination by DURATION'
$c $opt -l map-status -x \
    -d 'After a termination, exit with TO where the status is FROM'
$c $opt -l idle-timeout -x -a '(__graceful_timeout_durations)' \
    -d 'Also time out after DURATION without output'
$c $opt -l tree -d 'The job is the whole process tree'
$c $opt -l report -r -F -d 'Write a JSON report of the run to FILE'
$c $opt -l list-signals -d 'List the signal names and numbers'
$c $opt -l help -d 'Display help and exit'
$c $opt -l version -d 'Output version information and exit'

# DURATION, then COMMAND and its arguments as fish completes them.
$c -n '__graceful_timeout_is option; or __graceful_timeout_is duration' \
    -x -a '(__graceful_timeout_durations)'
$c -n '__graceful_timeout_is command' -x \
    -a '(__fish_complete_subcommand --fcs-skip=2 $__graceful_timeout_argopts)'
