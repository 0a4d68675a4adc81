#!/usr/bin/env bats
# The README's and man page's nginx example, with real nginx (Debian's
# nginx-light): docker stop's TERM must reach nginx as QUIT, its
# graceful stop, and HUP must reload it.  The documentation line is run
# as written; an nginx first on PATH runs the real one with a
# configuration of the test's own (prefix, port, logs, pid file).

load doc

# Write a configuration serving on a free port of 127.0.0.1 into
# $T/nginx, put the nginx that uses it first on PATH, and set PORT.
setup_nginx() {
  need_root 'nginx starts its workers as another user'
  [[ -x /usr/sbin/nginx ]] || skip 'nginx is not installed (nginx-light)'
  PORT=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')
  mkdir -p "$T/nginx/logs"
  cat >"$T/nginx/nginx.conf" <<EOF
worker_processes 1;
error_log $T/nginx/error.log notice;
pid $T/nginx/nginx.pid;
events { worker_connections 16; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$PORT;
    location / { return 200 "up\n"; }
  }
}
EOF
  doc_stub nginx "exec /usr/sbin/nginx -p '$T/nginx/' -e '$T/nginx/error.log' -c '$T/nginx/nginx.conf' \"\$@\""
}

# Wait up to 20 s until nginx answers on PORT.
wait_serving() {
  local i
  for ((i = 0; i < 2000; i++)); do
    curl -fsS "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && return 0
    sleep 0.01
  done
  fail "nginx never served on port $PORT"
}

# Wait up to 20 s until nginx's error log has a line matching $1.
wait_logged() {
  local i
  for ((i = 0; i < 2000; i++)); do
    grep -q -- "$1" "$T/nginx/error.log" && return 0
    sleep 0.01
  done
  fail "nginx never logged '$1': $(cat "$T/nginx/error.log")"
}

# Start the documentation's nginx line; set GT once nginx serves.
start_nginx() {
  doc_start <<'DOC'
$ graceful-timeout --rewrite=TERM:QUIT --termseq=QUIT:20,TERM:5,KILL --pass=HUP,USR1 0 nginx -g 'daemon off;'
DOC
  wait_for_file "$T/nginx/nginx.pid"
  track "$T/nginx/nginx.pid"
  GT=$(proc_field "$(<"$T/nginx/nginx.pid")" 4)
  wait_serving
}

@test "docker stop's TERM stops nginx gracefully (QUIT), and it exits 0" {
  setup_nginx
  start_nginx
  kill -TERM "$GT"
  assert_status 'exit 0'
  run grep -o 'signal [0-9]* (SIG[A-Z]*) received\|gracefully shutting down' \
    "$T/nginx/error.log"
  assert_line 'signal 3 (SIGQUIT) received'
  assert_line 'gracefully shutting down'
  refute_line 'signal 15 (SIGTERM) received'
}

@test "HUP reloads nginx and does not stop it" {
  setup_nginx
  start_nginx
  kill -HUP "$GT"
  wait_logged 'signal 1 (SIGHUP) received'
  wait_logged 'reconfiguring'
  wait_serving
  assert alive "$GT"
  kill -TERM "$GT"
  assert_status 'exit 0'
}
