#!/usr/bin/env bash
# How fast a coordinator's spreadsheet is taken in, through the admin upload, on the embedded PostgreSQL.
#
#   bench/spreadsheet/run-spreadsheet-bench.sh [ROWS]      (default 20000 rows; from the repository root)
#
# 1. writes a synthetic list of ROWS organisations (bench/spreadsheet/make_sheet.py), in UTF-8 with BOM
#    and in Windows-1252, both ';'-separated as Finnish Excel writes them;
# 2. builds target/tarjotin-*.jar if it is missing; starts it on a fresh database in bench/out/pgdata-sheet
#    with the web sources off;
# 3. uploads the UTF-8 file (every row new), the same file again (nothing changed) and the Windows-1252
#    file (nothing changed either), timing each upload; an upload answers when its run has ended and the
#    read model is published;
# 4. prints rows/s and records/s per upload, and how long entity resolution (deduplication of every
#    organisation and service, part of an upload that changed anything) took, and saves it all to
#    bench/results/spreadsheet.txt.
set -euo pipefail

ROWS="${1:-20000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
OUT="bench/out"
PGDATA_DIR="$ROOT/$OUT/pgdata-sheet"
APP_LOG="$OUT/app-spreadsheet.log"
RESULTS="bench/results/spreadsheet.txt"
APP_PID=""

log() { printf '[sheet-bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=bench/lib/processes.sh
source bench/lib/processes.sh

cleanup() {
  stop_pid "$APP_PID" app 30
  stop_leftover_postgres
}
trap cleanup EXIT

mkdir -p "$OUT"
stop_leftover_postgres
rm -rf "$PGDATA_DIR" "$OUT/inbox-sheet"
log "writing $ROWS rows"
"$PY" bench/spreadsheet/make_sheet.py "$ROWS" "$OUT/sheet-utf8.csv"
"$PY" bench/spreadsheet/make_sheet.py "$ROWS" "$OUT/sheet-1252.csv" --encoding cp1252

JAR="$(find_jar)" || { log "building the jar"; ./mvnw -B -q -DskipTests package; JAR="$(find_jar)"; }
PORT="$(free_port)"
java -Xmx512m ${JAVA_EXTRA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
  "--tarjotin.embedded-postgres.data-directory=$PGDATA_DIR" \
  --tarjotin.sources.ptv.enabled=false --tarjotin.sources.lahella.enabled=false \
  --tarjotin.sources.toimeksi.enabled=false "--tarjotin.sources.spreadsheet.inbox=$OUT/inbox-sheet" \
  --tarjotin.sources.spreadsheet.max-file-size=200MB --spring.servlet.multipart.max-request-size=201MB \
  "--tarjotin.security.coordinators[0].username=bench" "--tarjotin.security.coordinators[0].password={noop}bench" \
  >"$APP_LOG" 2>&1 &
APP_PID=$!
wait_http "http://127.0.0.1:$PORT/actuator/health" 180 "$APP_PID" app

upload() {  # upload FILE LABEL
  local start end report
  start=$(date +%s.%N)
  report="$(curl -sf -u bench:bench -H 'Content-Type: text/csv' --data-binary @"$1" \
    "http://127.0.0.1:$PORT/admin/spreadsheets/jarjestot?filename=$(basename "$1")")" || die "upload of $1 failed"
  end=$(date +%s.%N)
  "$PY" - "$2" "$start" "$end" "$report" <<'PYEOF'
import json, sys
label, start, end, report = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), json.loads(sys.argv[4])
seconds = end - start
records = report["records"]
print(f"| {label} | {report['encoding']} | {report['rows']:,} | {records['created']:,} / {records['updated']:,} / "
      f"{records['unchanged']:,} | {seconds:.1f} s | {report['rows'] / seconds:,.0f} | {records['fetched'] / seconds:,.0f} |")
PYEOF
}

{
  echo "Spreadsheet upload, $ROWS rows ($(date -u +%Y-%m-%d), $(nproc) cores, -Xmx512m, embedded PostgreSQL 15)"
  echo
  echo "| upload | read as | rows | records created / updated / unchanged | time | rows/s | records/s |"
  echo "|---|---|---|---|---|---|---|"
  upload "$OUT/sheet-utf8.csv" "first (all new)"
  upload "$OUT/sheet-utf8.csv" "same file again"
  upload "$OUT/sheet-1252.csv" "same list, Windows-1252"
  echo
  echo "Entity resolution (part of the first upload's time; unchanged uploads do not resolve):"
  grep -o 'Entity resolution in [0-9]* ms: .*' "$APP_LOG" | grep -v 'records=0,' \
    | sed -E 's/Outcome\[entityType=([a-z]+), records=([0-9]+), entities=([0-9]+), mergedEntities=([0-9]+), [^]]*\]/\1s: \2 records -> \3 entities (\4 merged)/g; s/^/- /' || true
} | tee "$OUT/spreadsheet-bench.txt"
mkdir -p bench/results
cp "$OUT/spreadsheet-bench.txt" "$RESULTS"
log "table saved to $RESULTS"
