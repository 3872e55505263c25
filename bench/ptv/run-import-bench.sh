#!/usr/bin/env bash
# National-scale PTV import benchmark for Tarjotin.
#
#   bench/ptv/run-import-bench.sh [v12|v11]        (from the repository root; default v12)
#
# 1. generates the synthetic snapshot into bench/out/snapshot if it is missing;
# 2. builds the app once if target/tarjotin-*.jar is missing (./mvnw -B -q -DskipTests package);
# 3. starts the PTV stub (bench/ptv/stub_server.py) on a free loopback port;
# 4. starts the app (java -Xmx512m -XX:+UseG1GC -jar target/tarjotin-*.jar) against the stub with a
#    fresh embedded-PostgreSQL data directory, waits for /actuator/health = 200;
# 5. measures (a) a full import, (b) an unchanged full re-import, (c) an incremental run with no
#    changes (bench/ptv/measure.py), prints the table and saves it to bench/out/ptv-import-<version>.txt;
# 6. stops the app and the stub on exit, whatever happens.
#
# Environment knobs (all optional):
#   APP_START_TIMEOUT (180 s)  RUN_TIMEOUT (1800 s)  STUB_START_TIMEOUT (60 s)  PYTHON (python3)
#   SNAPSHOT_ARGS      extra arguments for generate_snapshot.py when the snapshot is generated
#   JAVA_EXTRA_OPTS    extra JVM options appended after -XX:+UseG1GC (the contract is without them)
#   BENCH_OUT_DIR      where snapshot, logs, pgdata and results go (bench/out; must be git-ignored)
#
# Exit status: 0 all runs succeeded and all targets met; 2 a target was missed; 1 anything failed.
# shellcheck disable=SC2317  # functions below are called from the EXIT trap
set -euo pipefail

VERSION="${1:-v12}"
case "$VERSION" in
  v12|v11) ;;
  -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
  *) echo "usage: $0 [v12|v11]" >&2; exit 64 ;;
esac

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

PY="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1
OUT="${BENCH_OUT_DIR:-bench/out}"
SNAP="$OUT/snapshot"
APP_START_TIMEOUT="${APP_START_TIMEOUT:-180}"
RUN_TIMEOUT="${RUN_TIMEOUT:-1800}"
STUB_START_TIMEOUT="${STUB_START_TIMEOUT:-60}"
STUB_LOG="$OUT/stub-$VERSION.log"
APP_LOG="$OUT/app-$VERSION.log"
case "$OUT" in /*) PGDATA_DIR="$OUT/pgdata-$VERSION" ;; *) PGDATA_DIR="$ROOT/$OUT/pgdata-$VERSION" ;; esac
RESULT="$OUT/ptv-import-$VERSION.txt"
USER_NAME="bench"
USER_PASS="bench"
API_KEY="bench-key"

APP_PID=""
STUB_PID=""
MEASURE_PID=""

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*"; exit 1; }

# shellcheck source=bench/lib/processes.sh
source "$ROOT/bench/lib/processes.sh"

cleanup() {
  local rc=$? kids=""
  trap - EXIT INT TERM
  if alive "$MEASURE_PID"; then
    kill -TERM "$MEASURE_PID" 2>/dev/null || true
  fi
  if alive "$APP_PID"; then
    kids="$(descendants "$APP_PID" | tr '\n' ' ')"
    stop_pid "$APP_PID" "app" 30
    for k in $kids; do
      alive "$k" && { log "stopping leftover app child (pid $k)"; kill -TERM "$k" 2>/dev/null || true; }
    done
  fi
  stop_leftover_postgres
  if alive "$STUB_PID"; then
    stop_pid "$STUB_PID" "stub" 5
    sleep 0.2
    grep -a '^stub-summary' "$STUB_LOG" 2>/dev/null | tail -n 1 || true
  fi
  [[ $rc -ne 0 ]] && log "finished with exit status $rc (logs: $APP_LOG, $STUB_LOG)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v curl >/dev/null || die "curl is required"
command -v "$PY" >/dev/null || die "python3 is required"
mkdir -p "$OUT"

# 1. snapshot ------------------------------------------------------------------------------------
if [[ ! -f "$SNAP/manifest.json" ]]; then
  log "generating the snapshot into $SNAP (full size: about 1.1 GB, a minute or two)"
  # shellcheck disable=SC2086
  "$PY" bench/ptv/generate_snapshot.py --out "$SNAP" ${SNAPSHOT_ARGS:-}
else
  log "using the existing snapshot $SNAP (delete it to regenerate)"
fi

# 2. the app ------------------------------------------------------------------------------------
JAR=""
if ! JAR="$(find_jar)"; then
  log "no target/tarjotin-*.jar: building it (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
  JAR="$(find_jar)" || die "the build produced no target/tarjotin-*.jar"
fi
log "app jar: $JAR"
# shellcheck disable=SC2206
APP_CMD=(java -Xmx512m -XX:+UseG1GC ${JAVA_EXTRA_OPTS:-} -jar "$JAR")

# 3. the stub -----------------------------------------------------------------------------------
STUB_PORT="$(free_port)"
log "starting the PTV stub on 127.0.0.1:$STUB_PORT"
"$PY" bench/ptv/stub_server.py --snapshot "$SNAP" --port "$STUB_PORT" >"$STUB_LOG" 2>&1 &
STUB_PID=$!
wait_http "http://127.0.0.1:$STUB_PORT/api/v12/organization/search?page=1&pageSize=1" \
  "$STUB_START_TIMEOUT" "$STUB_PID" "stub" -H "x-api-key: $API_KEY"
log "$(head -n 1 "$STUB_LOG")"

# 4. the app ------------------------------------------------------------------------------------
rm -rf -- "$PGDATA_DIR"
APP_PORT="$(free_port)"
STUB_URL="http://127.0.0.1:$STUB_PORT"
APP_ARGS=(
  "--server.port=$APP_PORT"
  "--tarjotin.embedded-postgres.data-directory=$PGDATA_DIR"
  "--tarjotin.sources.ptv.api-version=$VERSION"
  "--tarjotin.sources.ptv.v12.base-url=$STUB_URL"
  "--tarjotin.sources.ptv.v12.api-key=$API_KEY"
  "--tarjotin.sources.ptv.v11.base-url=$STUB_URL"
  "--tarjotin.sources.ptv.scope.municipalities="
  "--tarjotin.sources.ptv.scope.service-classes-file="
  "--tarjotin.sources.ptv.import-on-startup=false"
  "--tarjotin.security.coordinators[0].username=$USER_NAME"
  "--tarjotin.security.coordinators[0].password={noop}$USER_PASS"
)
log "starting the app on 127.0.0.1:$APP_PORT (log: $APP_LOG)"
"${APP_CMD[@]}" "${APP_ARGS[@]}" >"$APP_LOG" 2>&1 &
APP_PID=$!
T0=$SECONDS
wait_http "http://127.0.0.1:$APP_PORT/actuator/health" "$APP_START_TIMEOUT" "$APP_PID" "app" \
  -u "$USER_NAME:$USER_PASS"
log "app is UP after $((SECONDS - T0))s (pid $APP_PID)"

# 5. measure ------------------------------------------------------------------------------------
# (in the background + wait, so that INT/TERM reach the trap at once instead of after the runs)
"$PY" bench/ptv/measure.py \
  --app "http://127.0.0.1:$APP_PORT" --user "$USER_NAME" --password "$USER_PASS" \
  --app-pid "$APP_PID" --stub-pid "$STUB_PID" --stub-log "$STUB_LOG" \
  --manifest "$SNAP/manifest.json" --version "$VERSION" --jar "$JAR" \
  --out "$RESULT" --json-out "$OUT/ptv-import-$VERSION.json" --run-timeout "$RUN_TIMEOUT" &
MEASURE_PID=$!
RC=0
wait "$MEASURE_PID" || RC=$?
MEASURE_PID=""
exit "$RC"
