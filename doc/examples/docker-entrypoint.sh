#!/bin/sh
# A container's entrypoint script: prepare, then exec graceful-timeout.
#
# exec puts graceful-timeout in this shell's place as PID 1, where docker
# stop's TERM reaches it.  Without exec, the shell would stay PID 1, and
# the kernel gives PID 1 only the signals it handles: TERM would be lost
# and Docker would KILL everything 10 s later.
set -e
mkdir -p /run/server
exec graceful-timeout --tree --grace=9s -k 6 0 /usr/local/bin/server "$@"
