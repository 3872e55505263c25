#!/usr/bin/env bash
# Cross-source deduplication: Tarjotin's engine and Duke 1.2 side by side, on the labelled set and a large set.
#
#   bench/dedup/run-dedup-bench.sh [N_LARGE]      (default 200000 records; from the repository root)
#
# 1. writes N_LARGE labelled records with bench/dedup/make_records.py into bench/out/dedup-large.csv, and
#    N_LARGE records of the labelled set copied with bench/dedup/make_copies.py into bench/out/dedup-copies.csv
#    (no true duplicates across copies: the review queue's test); the labelled sets are
#    src/test/resources/dedup/labelled-records.csv (generated) and hand-labelled-associations.csv (by hand);
# 2. runs the Tarjotin CLI on every set with a heap of TARJOTIN_HEAP (default 1g) (`java -jar target/tarjotin-*.jar dedupe --input X --mapping
#    bench/dedup/mapping.yaml --output Y`), building the jar if it is missing (APP_JAR=path uses that jar);
#    if the jar has no dedupe command yet, says so and goes on with Duke only;
# 3. builds bench/dedup/duke (Duke 1.2, a standalone Maven project) and runs it on both sets;
# 4. scores every run with bench/dedup/evaluate.py (pairwise precision, recall, F1) and Tarjotin's review
#    queue with bench/dedup/review_stats.py (pairs, how many true, how many across copies); peak RSS by
#    /usr/bin/time;
# 5. prints one table (engine x set: precision, recall, F1, records, seconds, records/s), saves it to
#    bench/out/dedup-bench.txt and copies it to bench/results/dedup.txt.
# Each run is a fresh JVM timed from start to exit (reading, matching and writing included) and capped at
# DEDUP_TIMEOUT seconds; a run that does not finish is reported as such.
set -euo pipefail

N_LARGE="${1:-200000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
JAVA="${JAVA:-java}"
OUT="${BENCH_OUT_DIR:-bench/out}"
RESULTS="${RESULTS_COPY-bench/results/dedup.txt}"
TIMEOUT="${DEDUP_TIMEOUT:-600}"
SEED="${SEED:-20261201}"
LABELLED="src/test/resources/dedup/labelled-records.csv"
HAND="src/test/resources/dedup/hand-labelled-associations.csv"
LARGE="$OUT/dedup-large.csv"
COPIES="$OUT/dedup-copies.csv"
HEAP="${TARJOTIN_HEAP:-1g}"
MAPPING="bench/dedup/mapping.yaml"
DUKE_JAR="bench/dedup/duke/target/duke-dedupe.jar"
ROWS="$OUT/dedup-bench.rows"
RUN_PID=""

log() { printf '[dedup-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=bench/lib/processes.sh
source bench/lib/processes.sh

cleanup() {
  stop_pid "$RUN_PID" "dedupe run" 10
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

[[ "$N_LARGE" =~ ^[0-9]+$ ]] || die "N_LARGE must be a number, not $N_LARGE"
mkdir -p "$OUT"
: >"$ROWS"

if [[ ! -f "$LARGE" || "$(cat "$LARGE.args" 2>/dev/null)" != "$N_LARGE $SEED" ]]; then
  log "writing $N_LARGE labelled records to $LARGE"
  "$PY" bench/dedup/make_records.py "$N_LARGE" "$LARGE" --seed "$SEED"
  echo "$N_LARGE $SEED" >"$LARGE.args"
fi
if [[ ! -f "$COPIES" || "$(cat "$COPIES.args" 2>/dev/null)" != "$N_LARGE" ]]; then
  log "writing $N_LARGE records of copies of $LABELLED to $COPIES"
  "$PY" bench/dedup/make_copies.py "$LABELLED" "$N_LARGE" "$COPIES"
  echo "$N_LARGE" >"$COPIES.args"
fi

# run ENGINE SET_LABEL INPUT OUTPUT LOG COMMAND… — times one dedupe run, scores it, appends a row to $ROWS
run() {
  local engine="$1" set="$2" input="$3" output="$4" runlog="$5" start end status=0 records
  shift 5
  records=$(($(wc -l <"$input") - 1))
  rm -f "$output"
  log "$engine on $set ($records records)"
  start=$(date +%s.%N)
  rm -f "$runlog.rss"
  timeout --kill-after=10 "$TIMEOUT" /usr/bin/time -f %M -o "$runlog.rss" "$@" >"$runlog" 2>&1 &
  RUN_PID=$!
  wait "$RUN_PID" || status=$?
  RUN_PID=""
  end=$(date +%s.%N)
  "$PY" - "$engine" "$set" "$input" "$output" "$records" "$start" "$end" "$status" "$TIMEOUT" "$runlog.rss" >>"$ROWS" <<'PYEOF'
import json, os, subprocess, sys
engine, set_, truth, predicted, records, start, end, status, timeout, rss = sys.argv[1:]
seconds, status = float(end) - float(start), int(status)
row = {"engine": engine, "set": set_, "records": int(records), "seconds": seconds}
try:
    row["rss_mb"] = int(open(rss).read().split()[-1]) / 1024
except (OSError, ValueError, IndexError):
    pass
review = predicted[:-4] + ".review.csv"
if status == 0 and os.path.exists(review):
    rs = subprocess.run([sys.executable, "bench/dedup/review_stats.py", truth, review, "--json"], capture_output=True,
                        text=True)
    if rs.returncode == 0:
        row.update(json.loads(rs.stdout))
if status in (124, 137):
    row["note"] = f"did not finish in {timeout} s"
elif status != 0:
    row["note"] = f"failed (exit status {status})"
else:
    ev = subprocess.run([sys.executable, "bench/dedup/evaluate.py", "--json", truth, predicted],
                        capture_output=True, text=True)
    if ev.returncode != 0:
        row["note"] = "output rejected: " + ev.stderr.strip()
    else:
        row.update(json.loads(ev.stdout))
print(json.dumps(row))
PYEOF
  tail -n 1 "$ROWS" | "$PY" -c '
import json, sys
r = json.loads(sys.stdin.read())
print("  " + (r.get("note") or "P %.4f R %.4f F1 %.4f, %.1f s" % (r["precision"], r["recall"], r["f1"], r["seconds"])))' >&2
}

# --- Tarjotin's engine -------------------------------------------------------------------------------------------
TARJOTIN=""
if [[ -n "${APP_JAR:-}" ]]; then
  JAR="$APP_JAR"
elif [[ "${DEDUP_CLI:-auto}" == no ]]; then
  JAR=""
else
  JAR="$(find_jar)" || { log "building the jar"; ./mvnw -B -q -DskipTests package; JAR="$(find_jar)"; }
fi
# The jar is only run when it has the command: a jar without it would start the whole service (embedded
# PostgreSQL, imports). It has it when its classes include one named *Dedup* (DEDUP_CLI=yes|no overrides).
case "${DEDUP_CLI:-auto}" in
  yes) TARJOTIN=yes ;;
  no) log "DEDUP_CLI=no: Duke only" ;;
  *)
    # grep -c reads the whole listing: with -q it would stop early and pipefail would see unzip's SIGPIPE.
    if [[ -f "$JAR" ]] && unzip -Z1 "$JAR" 2>/dev/null | grep -Ec 'BOOT-INF/classes/.*[Dd]edup[^/]*\.class' >/dev/null; then
      TARJOTIN=yes
    else
      log "$JAR has no dedupe command yet (no *Dedup* class in it): Duke only"
    fi ;;
esac
if [[ -n "$TARJOTIN" ]]; then
  for spec in "labelled|$LABELLED|labelled" "hand-labelled|$HAND|hand" "large ($N_LARGE)|$LARGE|large" \
      "copies ($N_LARGE, none across copies)|$COPIES|copies"; do
    IFS='|' read -r label input name <<<"$spec"
    run tarjotin "$label" "$input" "$OUT/tarjotin-$name.csv" "$OUT/tarjotin-$name.log" \
      "$JAVA" "-Xmx$HEAP" ${JAVA_EXTRA_OPTS:-} -jar "$JAR" dedupe --input "$input" --mapping "$MAPPING" --output "$OUT/tarjotin-$name.csv"
  done
fi

# --- Duke 1.2 ----------------------------------------------------------------------------------------------------
log "building $DUKE_JAR"
mvn -B -q -f bench/dedup/duke/pom.xml package >"$OUT/duke-build.log" 2>&1 || die "Duke build failed (see $OUT/duke-build.log)"
run "duke 1.2" labelled "$LABELLED" "$OUT/duke-labelled.csv" "$OUT/duke-labelled.log" \
  "$JAVA" ${JAVA_EXTRA_OPTS:-} -jar "$DUKE_JAR" --input "$LABELLED" --output "$OUT/duke-labelled.csv"
run "duke 1.2" hand-labelled "$HAND" "$OUT/duke-hand.csv" "$OUT/duke-hand.log" \
  "$JAVA" ${JAVA_EXTRA_OPTS:-} -jar "$DUKE_JAR" --input "$HAND" --output "$OUT/duke-hand.csv"
run "duke 1.2" "large ($N_LARGE)" "$LARGE" "$OUT/duke-large.csv" "$OUT/duke-large.log" \
  "$JAVA" ${JAVA_EXTRA_OPTS:-} -jar "$DUKE_JAR" --input "$LARGE" --output "$OUT/duke-large.csv"

# --- the table ---------------------------------------------------------------------------------------------------
"$PY" - "$ROWS" "$N_LARGE" "$TIMEOUT" <<'PYEOF' | tee "$OUT/dedup-bench.txt"
import datetime, json, os, subprocess, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print(f"Deduplication, labelled set (src/test/resources/dedup/labelled-records.csv) and {int(sys.argv[2]):,} generated "
      f"records ({datetime.date.today()}, {os.cpu_count()} cores, {java}, each run capped at {sys.argv[3]} s)")
print()
print("| engine | set | precision | recall | F1 | true / predicted / correct pairs | review pairs (of records) / true / across copies | records | seconds | records/s | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    review = (f"{r['review_pairs']:,} ({r['review_share_of_records']:.2%}) / {r['review_true']:,} / {r['review_cross_part']:,}"
              if "review_pairs" in r else "–")
    rss = f"{r['rss_mb']:,.0f}" if "rss_mb" in r else "–"
    if "f1" in r:
        print(f"| {r['engine']} | {r['set']} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} | "
              f"{r['true_pairs']:,} / {r['predicted_pairs']:,} / {r['correct_pairs']:,} | {review} | {r['records']:,} | "
              f"{r['seconds']:.1f} | {r['records'] / r['seconds']:,.0f} | {rss} |")
    else:
        print(f"| {r['engine']} | {r['set']} | – | – | – | {r['note']} | – | {r['records']:,} | {r['seconds']:.1f} | – | {rss} |")
print()
print("Targets (issue 15): F1 above Duke's with precision >= 0.93 on every list; on 200,000 records <= 1 GB heap, "
      ">= 5,000 records/s on 2 cores and a review queue well under 1 % of the records on the copies (no true duplicates across them).")
print("seconds = wall time of one JVM from start to exit, reading and writing the CSV included.")
PYEOF
if [[ -n "$RESULTS" ]]; then
  mkdir -p "$(dirname "$RESULTS")"
  cp "$OUT/dedup-bench.txt" "$RESULTS"
  log "table saved to $RESULTS"
fi
