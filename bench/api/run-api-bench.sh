#!/usr/bin/env bash
# HTTP load benchmark of Tarjotin's public read API (wrk), on the national-scale PTV data.
#
#   bench/api/run-api-bench.sh [--rebuild]        (from anywhere; works in the repository root)
#
# 1. needs bench/out/pgdata-v12, the database the PTV import benchmark leaves behind; if it is
#    missing, runs bench/ptv/run-import-bench.sh v12 first (several minutes) to create it;
# 2. builds target/tarjotin-*.jar if it is missing, or always with --rebuild;
# 3. starts the app on that database (no import, no Quartz), waits for /actuator/health = 200;
# 4. bench/api/api_bench.py waits until the read model is built (GET /services?per_page=1:
#    total_items > 0 and unchanged for 5 s), learns the top taxonomy codes from /services/facets and
#    search words from service names, writes the URL lists, and runs wrk (bench/api/urls.lua) for
#    each scenario: trivial (GET /), three-click, facets, search; warm-up, then the measured run;
# 5. prints the table, saves it to bench/out/api-bench.txt (+ .json), copies it to
#    bench/results/api.txt;
# 6. stops the app (and a leftover embedded PostgreSQL) on exit, whatever happens.
#
# Environment knobs (all optional):
#   DURATION (30 s)  WARMUP (10 s)  CONNECTIONS (32)  THREADS (2)   wrk settings per scenario
#   SCENARIOS ("trivial three-click facets search search-distinct detail")   which scenarios, in that order
#   SEED (20260601)  fixed seed of the URL draws      STATUS_CHECK (hook|summary) see urls.lua
#   APP_START_TIMEOUT (180 s)  READY_TIMEOUT (600 s)  JAVA_EXTRA_OPTS  JAVA (java)  WRK (wrk)
#   APP_JAR       use this jar as it is (default: target/tarjotin-*.jar, built when missing)
#   BENCH_OUT_DIR (bench/out; must be git-ignored)    PYTHON (python3)
#   RESULTS_COPY  where the table is copied (bench/results/api.txt; empty = no copy)
#   API_URL       measure an app that is already running there instead of starting one (no
#                 database, jar or app handling; no copy to bench/results unless RESULTS_COPY is
#                 set); APP_PID optionally names its process, for the CPU column
#
# Exit status: 0 every target met; 2 the runs completed but a target was missed; 1 anything failed
# (including wrong usage and a missing wrk).
# shellcheck disable=SC2317  # functions below are called from the EXIT trap
set -euo pipefail

REBUILD=0
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--rebuild]   (see --help)" >&2; exit 1 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

PY="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1
OUT="${BENCH_OUT_DIR:-bench/out}"
case "$OUT" in /*) OUT_ABS="$OUT" ;; *) OUT_ABS="$ROOT/$OUT" ;; esac
# the PTV import benchmark's v12 database (same BENCH_OUT_DIR logic as run-import-bench.sh)
PGDATA_DIR="$OUT_ABS/pgdata-v12"
APP_LOG="$OUT/app-api.log"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-10}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SCENARIOS="${SCENARIOS:-trivial three-click facets search search-distinct detail}"
SEED="${SEED:-20260601}"
STATUS_CHECK="${STATUS_CHECK:-hook}"
APP_START_TIMEOUT="${APP_START_TIMEOUT:-180}"
READY_TIMEOUT="${READY_TIMEOUT:-600}"
JAVA="${JAVA:-java}"
WRK="${WRK:-wrk}"
API_URL="${API_URL:-}"
if [[ -n "$API_URL" ]]; then
  # figures of record come only from an app this script started itself
  RESULTS_COPY="${RESULTS_COPY:-}"
else
  RESULTS_COPY="${RESULTS_COPY-bench/results/api.txt}"
fi
USER_NAME="bench"
USER_PASS="bench"

STARTED_APP_PID=""   # only ever a process this script started: the only app cleanup() may stop
MEASURE_PID=""

log() { printf '[api-bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*"; exit 1; }

# shellcheck source=bench/lib/processes.sh
source "$ROOT/bench/lib/processes.sh"

# Pid of a running JVM started with --tarjotin.embedded-postgres.data-directory=$PGDATA_DIR (for
# example a developer's own instance): its database must not be taken away from under it.
app_on_pgdata() {
  local p a d cwd
  local -a args=()
  for p in /proc/[0-9]*; do
    [[ "$(cat "$p/comm" 2>/dev/null)" == java ]] || continue
    mapfile -d '' args 2>/dev/null <"$p/cmdline" || continue
    for a in "${args[@]}"; do
      case "$a" in --tarjotin.embedded-postgres.data-directory=*) d="${a#*=}" ;; *) continue ;; esac
      if [[ "$d" != /* ]]; then
        cwd="$(readlink "$p/cwd" 2>/dev/null)" || continue
        d="$cwd/$d"
      fi
      if same_dir "$d" "$PGDATA_DIR"; then
        echo "${p#/proc/}"
        return 0
      fi
    done
  done
  return 1
}

cleanup() {
  local rc=$? kids="" k i
  trap - EXIT INT TERM
  if alive "$MEASURE_PID"; then
    # api_bench.py kills its wrk on SIGTERM; a wrk that outlives it anyway is stopped by pid
    kids="$(descendants "$MEASURE_PID" | tr '\n' ' ')"
    kill -TERM "$MEASURE_PID" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do alive "$MEASURE_PID" || break; sleep 0.25; done
    alive "$MEASURE_PID" && kill -KILL "$MEASURE_PID" 2>/dev/null
    for k in $kids; do
      alive "$k" && { log "stopping leftover measurement child (pid $k)"; kill -KILL "$k" 2>/dev/null || true; }
    done
  fi
  if [[ -n "$STARTED_APP_PID" ]]; then
    if alive "$STARTED_APP_PID"; then
      kids="$(descendants "$STARTED_APP_PID" | tr '\n' ' ')"
      stop_pid "$STARTED_APP_PID" "app" 30
      for k in $kids; do
        alive "$k" && { log "stopping leftover app child (pid $k)"; kill -TERM "$k" 2>/dev/null || true; }
      done
    fi
    stop_leftover_postgres
  fi
  [[ $rc -ne 0 && $rc -ne 2 ]] && log "finished with exit status $rc${STARTED_APP_PID:+ (app log: $APP_LOG)}"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# checks ------------------------------------------------------------------------------------------
command -v "$WRK" >/dev/null || die "wrk is not installed (wanted: wrk 4.1): apt-get install wrk"
command -v curl >/dev/null || die "curl is required: apt-get install curl"
command -v "$PY" >/dev/null || die "python3 is required"
for v in DURATION WARMUP CONNECTIONS THREADS APP_START_TIMEOUT READY_TIMEOUT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a whole number (got '${!v}')"
done
((DURATION >= 1 && THREADS >= 1 && CONNECTIONS >= THREADS)) \
  || die "need DURATION >= 1, THREADS >= 1 and CONNECTIONS >= THREADS"
mkdir -p "$OUT"

JAR=""
if [[ -n "$API_URL" ]]; then
  log "API_URL=$API_URL: measuring an app that is already running (nothing is started or stopped)"
  wait_http "${API_URL%/}/actuator/health" "$APP_START_TIMEOUT" "" "the app at $API_URL" -u "$USER_NAME:$USER_PASS"
  BASE="${API_URL%/}"
  CPU_PID="${APP_PID:-0}"
  PG_ARG=""
else
  command -v "$JAVA" >/dev/null || die "java (17) is required"

  # 1. the database ------------------------------------------------------------------------------
  if [[ ! -d "$PGDATA_DIR" ]]; then
    log "$PGDATA_DIR does not exist: running bench/ptv/run-import-bench.sh v12 first to create it"
    log "(the national import benchmark: snapshot generation if needed, then three imports; several minutes)"
    IMPORT_RC=0
    bench/ptv/run-import-bench.sh v12 || IMPORT_RC=$?
    # 2 = the import ran but missed one of its own targets: the database is still complete
    [[ $IMPORT_RC -eq 0 || $IMPORT_RC -eq 2 ]] || die "bench/ptv/run-import-bench.sh v12 failed ($IMPORT_RC)"
    [[ -d "$PGDATA_DIR" ]] || die "the import benchmark left no $PGDATA_DIR"
    log "import benchmark done (exit $IMPORT_RC); $PGDATA_DIR is ready"
  else
    log "using the imported database $PGDATA_DIR"
  fi

  # 2. the jar -----------------------------------------------------------------------------------
  if [[ -n "${APP_JAR:-}" ]]; then
    # an explicit jar (another build, or the self-test's stand-in): used as it is, never built
    [[ -f "$APP_JAR" ]] || die "APP_JAR=$APP_JAR is not a file"
    JAR="$APP_JAR"
  elif [[ $REBUILD -eq 1 ]] || ! JAR="$(find_jar)"; then
    log "building the app (./mvnw -B -q -DskipTests package)$([[ $REBUILD -eq 1 ]] && echo ': --rebuild')"
    ./mvnw -B -q -DskipTests package
    JAR="$(find_jar)" || die "the build produced no target/tarjotin-*.jar"
  fi
  log "app jar: $JAR"

  # 3. the app -----------------------------------------------------------------------------------
  if OTHER="$(app_on_pgdata)"; then
    die "another app (pid $OTHER) is running on $PGDATA_DIR: stop it first (the database cannot be shared)"
  fi
  stop_leftover_postgres   # from an earlier run that was killed hard
  APP_PORT="$(free_port)"
  # shellcheck disable=SC2206
  APP_CMD=("$JAVA" -Xmx512m -XX:+UseG1GC ${JAVA_EXTRA_OPTS:-} -jar "$JAR")
  APP_ARGS=(
    "--server.port=$APP_PORT"
    "--tarjotin.embedded-postgres.data-directory=$PGDATA_DIR"
    "--tarjotin.sources.ptv.import-on-startup=false"
    "--spring.quartz.auto-startup=false"
    "--tarjotin.security.coordinators[0].username=$USER_NAME"
    "--tarjotin.security.coordinators[0].password={noop}$USER_PASS"
  )
  log "starting the app on 127.0.0.1:$APP_PORT (log: $APP_LOG)"
  "${APP_CMD[@]}" "${APP_ARGS[@]}" >"$APP_LOG" 2>&1 &
  STARTED_APP_PID=$!
  T0=$SECONDS
  wait_http "http://127.0.0.1:$APP_PORT/actuator/health" "$APP_START_TIMEOUT" "$STARTED_APP_PID" "app" \
    -u "$USER_NAME:$USER_PASS"
  log "app is UP after $((SECONDS - T0))s (pid $STARTED_APP_PID)"
  BASE="http://127.0.0.1:$APP_PORT"
  CPU_PID="$STARTED_APP_PID"
  PG_ARG="$PGDATA_DIR"
fi

# 4. measure --------------------------------------------------------------------------------------
# (in the background + wait, so that INT/TERM reach the trap at once instead of after the runs)
"$PY" bench/api/api_bench.py \
  --api "$BASE" --app-pid "$CPU_PID" --pgdata "$PG_ARG" --jar "$JAR" --java "$JAVA" \
  --out-dir "$OUT" --results-copy "$RESULTS_COPY" --scenarios "$SCENARIOS" \
  --duration "$DURATION" --warmup "$WARMUP" --connections "$CONNECTIONS" --threads "$THREADS" \
  --seed "$SEED" --status-check "$STATUS_CHECK" --ready-timeout "$READY_TIMEOUT" \
  --wrk "$WRK" --lua "$ROOT/bench/api/urls.lua" &
MEASURE_PID=$!
RC=0
wait "$MEASURE_PID" || RC=$?
MEASURE_PID=""
exit "$RC"
