# Process handling shared by the benchmark drivers (bench/ptv/run-import-bench.sh,
# bench/api/run-api-bench.sh): stopping what a driver started, finding the embedded PostgreSQL left on
# a data directory, a free port, waiting for an HTTP endpoint, and finding the jar. The driver defines log, die, PY and
# PGDATA_DIR before sourcing this file.
# shellcheck shell=bash

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# pids of every descendant of $1 (children first found, then theirs)
descendants() {
  local pid="$1" kids k
  kids="$(ps -o pid= --ppid "$pid" 2>/dev/null || true)"
  for k in $kids; do
    echo "$k"
    descendants "$k"
  done
}

stop_pid() {  # stop_pid PID NAME GRACE_SECONDS
  local pid="$1" name="$2" grace="$3" i
  alive "$pid" || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 4; i++)); do
    alive "$pid" || return 0
    sleep 0.25
  done
  log "$name did not stop within ${grace}s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

same_dir() { [[ "$(realpath -m -- "$1")" == "$(realpath -m -- "$2")" ]]; }

# Pid of a live PostgreSQL postmaster whose data directory is $PGDATA_DIR, if any. The pid comes
# from the directory's own postmaster.pid. A postmaster chdirs into its data directory, so its cwd
# must be that directory: a stale pid file whose pid was reused by another process is never acted
# on, and a relative -D (the app may have been started with a relative path) needs no guessing.
postgres_on_pgdata() {
  local pidfile="$PGDATA_DIR/postmaster.pid" pgpid cwd
  [[ -f "$pidfile" ]] || return 1
  pgpid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
  [[ "$pgpid" =~ ^[0-9]+$ ]] || return 1
  alive "$pgpid" || return 1
  [[ "$(cat "/proc/$pgpid/comm" 2>/dev/null)" == postgres ]] || return 1
  cwd="$(readlink "/proc/$pgpid/cwd" 2>/dev/null)" || return 1
  same_dir "$cwd" "$PGDATA_DIR" || return 1
  echo "$pgpid"
}

stop_leftover_postgres() {
  # If the app died hard, its embedded PostgreSQL may still run (pg_ctl detaches it from the JVM):
  # stop it by the pid in its own pid file.
  local pgpid i
  pgpid="$(postgres_on_pgdata)" || return 0
  log "stopping leftover embedded PostgreSQL (pid $pgpid)"
  kill -INT "$pgpid" 2>/dev/null || true   # fast shutdown
  for ((i = 0; i < 40; i++)); do alive "$pgpid" || return 0; sleep 0.25; done
  kill -KILL "$pgpid" 2>/dev/null || true
}

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_http URL TIMEOUT PID NAME [curl args…] — until URL answers 200; fails if PID (when given) dies
wait_http() {
  local url="$1" timeout="$2" pid="$3" name="$4" code deadline
  shift 4
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    [[ -z "$pid" ]] || alive "$pid" || die "$name exited while starting (see its log)"
    code="$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" "$url" 2>/dev/null || true)"
    [[ "$code" == "200" ]] && return 0
    sleep 0.5
  done
  die "$name did not answer 200 on $url within ${timeout}s"
}

# The application jar under target/ (not a sources, javadoc, plain or tests jar); fails if there is none.
find_jar() {
  local f
  for f in target/tarjotin-*.jar; do
    [[ -f "$f" ]] || continue
    case "$f" in *-sources.jar|*-javadoc.jar|*-plain.jar|*-tests.jar) continue ;; esac
    echo "$f"
    return 0
  done
  return 1
}
