#!/usr/bin/env bash
# Self-test of the read-API load benchmark without the real app (about a minute and a half).
#
#   bench/api/selftest.sh            (from anywhere; needs wrk, curl, python3)
#
# bench/api/selftest_stub.py stands in for the app. The test runs the real driver
# (bench/api/run-api-bench.sh) with DURATION=3 WARMUP=1 and checks:
#   1. API_URL mode, all four scenarios, a read model that is still "building" for 3 s: exit 0 or 2,
#      the JSON/table are complete and consistent (200 distinct URLs per scenario, only top codes,
#      no non-2xx, verdicts that follow from the figures, CPU measured through APP_PID);
#   2. a stub that answers 500 to every 7th facets request: the non-2xx are counted, the facets
#      target is "NO", exit 2; the URL lists are the same as in run 1 (fixed seed);
#   3. app mode with a stand-in "java" (it starts the stub): the driver starts it, waits for health,
#      copies the table to RESULTS_COPY, exits 0 or 2 as its verdicts say, stops the "app" on exit;
#   4. the same, interrupted with SIGTERM while wrk runs: exit 143, the "app" and wrk are gone;
#   5. failures exit 1: wrk missing (with the apt-get hint), nothing listening at API_URL, and an
#      app that already runs on the database directory.
# Everything goes to bench/out/api-selftest; bench/results is not touched.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1
DIR="bench/out/api-selftest"
DRIVER="bench/api/run-api-bench.sh"
STUB_PID=""
BG_PID=""
FAKE_APP_PID=""

cleanup() {
  local rc=$? p
  trap - EXIT
  for p in "$BG_PID" "$STUB_PID" "$FAKE_APP_PID"; do
    if [[ -n "$p" ]] && kill -0 "$p" 2>/dev/null; then
      kill -TERM "$p" 2>/dev/null || true
      wait "$p" 2>/dev/null || true
    fi
  done
  [[ $rc -eq 0 ]] && echo "selftest: OK" || echo "selftest: FAILED ($rc)"
  exit "$rc"
}
trap cleanup EXIT

fail() { echo "selftest: $*" >&2; exit 1; }
free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
start_stub() {  # start_stub LOG [stub args…] — sets PORT and STUB_PID
  local log="$1"
  shift
  PORT="$(free_port)"
  "$PY" bench/api/selftest_stub.py --port "$PORT" "$@" >"$log" 2>&1 &
  STUB_PID=$!
  for _ in $(seq 1 40); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/actuator/health" && return 0
    sleep 0.25
  done
  fail "the stub did not start (see $log)"
}
stop_stub() {
  kill -TERM "$STUB_PID" 2>/dev/null || true
  wait "$STUB_PID" 2>/dev/null || true
  STUB_PID=""
}
run_driver() {  # run_driver LOG [VAR=value…] — runs the driver, sets RC
  local log="$1"
  shift
  RC=0
  env "$@" "$DRIVER" >"$log" 2>&1 || RC=$?
}

command -v wrk >/dev/null || fail "wrk is not installed: apt-get install wrk"
rm -rf -- "$DIR"
mkdir -p "$DIR"
COMMON=(DURATION=3 WARMUP=1 RESULTS_COPY= APP_START_TIMEOUT=20 READY_TIMEOUT=60)

echo "== 1. API_URL mode, five scenarios, read model still building at first"
start_stub "$DIR/stub-1.log" --ramp 3
run_driver "$DIR/run-1.log" "${COMMON[@]}" BENCH_OUT_DIR="$DIR/run1" API_URL="http://127.0.0.1:$PORT" APP_PID="$STUB_PID"
curl -s "http://127.0.0.1:$PORT/_stats" >"$DIR/stats-1.json"
stop_stub
cat "$DIR/run-1.log"
[[ $RC -eq 0 || $RC -eq 2 ]] || fail "run 1 exited with $RC"
"$PY" - "$DIR/run1/api-bench.json" "$DIR/stats-1.json" "$RC" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1])); stats = json.load(open(sys.argv[2])); rc = int(sys.argv[3])
def check(cond, what):
    if not cond:
        sys.exit(f"check failed: {what}")
names = [s["name"] for s in doc["scenarios"]]
check(names == ["trivial", "three-click", "facets", "search", "detail"], f"scenarios {names}")
check(doc["ready"]["total_items"] == 30000, "readiness waited for the final total_items")
c = doc["codes"]
check(c["needs"] == [f"need-{i:02d}" for i in range(1, 16)], "top 15 needs by count")
check(c["categories"] == [f"cat-{i:02d}" for i in range(1, 10)], "top 9 categories by count")
check(len(c["municipalities"]) == 60 and c["municipalities"][0] == "005", "top 60 municipalities")
check(len(doc["search_words"]) == 40 and len(set(doc["search_words"])) == 40, "40 distinct search words")
check(doc["search_words_info"]["sampled_words"] > 0, "search words were sampled from service names")
for s in doc["scenarios"]:
    r = s["result"]
    check(r["requests"] > 0 and r["rps"] > 0, f"{s['name']}: requests")
    check(r["non2xx"] == 0 and r["errors"] == 0, f"{s['name']}: no non-2xx, no errors ({r})")
    check(r["status_check"] == "hook", f"{s['name']}: status checked by the response() hook")
    check(0 < r["p50_ms"] <= r["p99_ms"] <= r["max_ms"], f"{s['name']}: percentiles ordered")
    check(s["app_cpu_ms_per_req"] is not None and s["app_cpu_ms_per_req"] > 0, f"{s['name']}: CPU via APP_PID")
    lines = [l for l in open(s["paths_file"], encoding="utf-8").read().splitlines() if l]
    check(len(lines) == s["urls"] == len(set(lines)), f"{s['name']}: distinct URL list")
    check(s["urls"] == {"trivial": 1, "detail": 30000}.get(s["name"], 200), f"{s['name']}: {s['urls']} URLs")
    t = doc["targets"].get(s["name"])
    if t:
        ok = ((t["min_rps"] is None or r["rps"] >= t["min_rps"])
              and (t["max_p99_ms"] is None or r["p99_ms"] <= t["max_p99_ms"]))
        check(s["met"] == ("yes" if ok else "NO"), f"{s['name']}: verdict {s['met']} follows from the figures")
    check(s["ratio_to_trivial"] is not None, f"{s['name']}: ratio to trivial")
tc = open(doc["scenarios"][1]["paths_file"]).read()
check("&municipality=" in tc.split("municipality=", 1)[1], "three-click has some two-municipality URLs")
fa = open(doc["scenarios"][2]["paths_file"]).read().splitlines()
check(any("need=" not in l for l in fa) and any("need=" in l for l in fa), "facets: with and without need")
check(all(l.split("?")[1].split("&")[-1].startswith("municipality=") for l in fa), "facets: municipality always")
check(any("%C3%A4" in l or "%C3%B6" in l or "%C3%A5" in l
          for l in open(doc["scenarios"][3]["paths_file"]).read().splitlines()), "search words percent-encoded")
check(stats["statuses"].get("400", 0) == 0, f"the stub rejected no request ({stats['statuses']})")
det = open(doc["scenarios"][4]["paths_file"]).read().splitlines()
check(det[:3] != sorted(det)[:3] and all(l.startswith("/services/svc-") for l in det), "detail: every id, shuffled")
check(stats["distinct_details"] > 1000, f"detail: distinct services asked for ({stats['distinct_details']})")
check(stats["distinct"]["/services/facets"] == 201, f"facets: 200 lists + 1 discovery ({stats['distinct']})")
check(rc == (0 if doc["all_met"] else 2), "exit status follows the verdicts")
table = open(sys.argv[1].replace(".json", ".txt")).read()
check("req/s" in table and "three-click" in table and "nproc" in table, "table saved")
print(f"run 1: checks passed (exit {rc}; " + ", ".join(f"{s['name']} {s['result']['rps']:.0f} req/s"
                                                        for s in doc["scenarios"]) + ")")
EOF

echo "== 2. non-2xx answers are counted (stub fails every 7th facets request)"
start_stub "$DIR/stub-2.log" --fail-every 7
run_driver "$DIR/run-2.log" "${COMMON[@]}" BENCH_OUT_DIR="$DIR/run2" API_URL="http://127.0.0.1:$PORT" \
  SCENARIOS="trivial facets"
stop_stub
tail -n 12 "$DIR/run-2.log"
[[ $RC -eq 2 ]] || fail "run 2 exited with $RC, expected 2"
cmp -s "$DIR/run1/api-urls-facets.txt" "$DIR/run2/api-urls-facets.txt" || fail "facets URL list differs between runs"
"$PY" - "$DIR/run2/api-bench.json" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
fac = next(s for s in doc["scenarios"] if s["name"] == "facets")
r = fac["result"]
share = r["non2xx"] / r["requests"]
if not (0.10 < share < 0.18) or fac["met"] != "NO" or doc["all_met"]:
    sys.exit(f"check failed: non-2xx share {share:.3f} (expected ~1/7), met {fac['met']}")
if doc["scenarios"][0]["app_cpu_ms_per_req"] is not None:
    sys.exit("check failed: no APP_PID, yet a CPU figure")
print(f"run 2: checks passed ({r['non2xx']} of {r['requests']} facets answers non-2xx, verdict NO, exit 2)")
EOF

echo "== 3. app mode with a stand-in java (start, health, readiness, copy, stop)"
mkdir -p "$DIR/bin" "$DIR/app/pgdata-v12"
: >"$DIR/fake.jar"
# The stand-in takes the driver's java arguments and starts the stub on --server.port instead.
cat >"$DIR/bin/fake-java" <<EOF
#!/usr/bin/env bash
if [[ "\${1:-}" == -version ]]; then echo 'fake-java version "selftest"' >&2; exit 0; fi
for a in "\$@"; do case "\$a" in --server.port=*) port="\${a#*=}" ;; esac; done
exec "$PY" "$ROOT/bench/api/selftest_stub.py" --port "\$port" --ramp 1
EOF
chmod +x "$DIR/bin/fake-java"
APP_MODE=("${COMMON[@]}" BENCH_OUT_DIR="$DIR/app" JAVA="$ROOT/$DIR/bin/fake-java" APP_JAR="$DIR/fake.jar")
# Few connections, so that the stub (one Python process) has a chance to meet the latency targets
# and the exit-0 path is exercised too; either way the exit status must follow the verdicts.
run_driver "$DIR/run-3.log" "${APP_MODE[@]}" DURATION=2 WARMUP=0 CONNECTIONS=4 THREADS=1 \
  RESULTS_COPY="$DIR/results-api.txt"
tail -n 8 "$DIR/run-3.log"
WANT="$("$PY" -c 'import json, sys; print(0 if json.load(open(sys.argv[1]))["all_met"] else 2)' "$DIR/app/api-bench.json")"
[[ $RC -eq $WANT ]] || fail "run 3 exited with $RC, expected $WANT from its verdicts"
APP="$(sed -n 's/.*app is UP after .* (pid \([0-9]*\)).*/\1/p' "$DIR/run-3.log")"
[[ -n "$APP" ]] || fail "run 3: no 'app is UP' line"
kill -0 "$APP" 2>/dev/null && fail "run 3: the app (pid $APP) was left running"
cmp -s "$DIR/app/api-bench.txt" "$DIR/results-api.txt" || fail "run 3: the table was not copied"
grep -q 'fake-java version' "$DIR/app/api-bench.txt" || fail "run 3: java -version missing from the table"
echo "run 3: checks passed (exit $RC, app pid $APP stopped, table copied)"

echo "== 4. SIGTERM while wrk runs: exit 143, nothing left behind"
env "${APP_MODE[@]}" SCENARIOS="three-click" DURATION=60 "$DRIVER" >"$DIR/run-4.log" 2>&1 &
BG_PID=$!
for _ in $(seq 1 120); do
  grep -q 'three-click: warm-up' "$DIR/run-4.log" 2>/dev/null && break
  sleep 0.25
done
grep -q 'three-click: warm-up' "$DIR/run-4.log" || fail "run 4 never reached wrk (see $DIR/run-4.log)"
sleep 2
APP="$(sed -n 's/.*app is UP after .* (pid \([0-9]*\)).*/\1/p' "$DIR/run-4.log")"
kill -TERM "$BG_PID"
RC=0
wait "$BG_PID" || RC=$?
BG_PID=""
tail -n 4 "$DIR/run-4.log"
[[ $RC -eq 143 ]] || fail "run 4 exited with $RC, expected 143"
kill -0 "$APP" 2>/dev/null && fail "run 4: the app (pid $APP) was left running"
for p in /proc/[0-9]*; do
  if [[ "$(cat "$p/comm" 2>/dev/null)" == wrk ]] && tr '\0' ' ' <"$p/cmdline" 2>/dev/null | grep -q "$DIR/app/"; then
    fail "run 4: wrk (pid ${p#/proc/}) was left running"
  fi
done
echo "run 4: checks passed (exit 143, app and wrk stopped)"

echo "== 5. failures exit 1"
run_driver "$DIR/run-5a.log" "${COMMON[@]}" WRK=/nonexistent/wrk API_URL="http://127.0.0.1:9"
{ [[ $RC -eq 1 ]] && grep -q 'apt-get install wrk' "$DIR/run-5a.log"; } || fail "missing wrk: exit $RC"
run_driver "$DIR/run-5b.log" "${COMMON[@]}" APP_START_TIMEOUT=2 API_URL="http://127.0.0.1:$(free_port)"
[[ $RC -eq 1 ]] || fail "nothing listening: exit $RC"
# a process called "java" whose command line names the database directory: the driver must refuse
REAL_PY="$("$PY" -c 'import sys; print(sys.executable)')"
ln -sf "$REAL_PY" "$DIR/bin/java"
"$DIR/bin/java" -c 'import time; time.sleep(60)' \
  "--tarjotin.embedded-postgres.data-directory=$DIR/app/pgdata-v12" &
FAKE_APP_PID=$!
sleep 0.5
run_driver "$DIR/run-5c.log" "${APP_MODE[@]}"
kill -TERM "$FAKE_APP_PID"; wait "$FAKE_APP_PID" 2>/dev/null || true; FAKE_APP_PID=""
{ [[ $RC -eq 1 ]] && grep -q 'another app (pid' "$DIR/run-5c.log"; } || fail "database in use: exit $RC"
echo "run 5: checks passed (missing wrk, no app, database in use → exit 1)"
