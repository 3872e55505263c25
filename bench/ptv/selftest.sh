#!/usr/bin/env bash
# Self-test of the benchmark harness (no app needed), on a small snapshot in bench/out/selftest:
#   1. the generator is deterministic (two runs, same seed → byte-identical record files);
#   2. the stub passes bench/ptv/check_stub.py (envelopes, paging maths, filters, 401/400/404,
#      v11 id pages and guid lists, v11/v12 consistency);
#
#   bench/ptv/selftest.sh            (from the repository root; about half a minute)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
DIR="bench/out/selftest"
SIZE=(--organizations 80 --services 1500 --channels 6000 --seed 7)
STUB_PID=""
cleanup() {
  local rc=$?
  if [[ -n "$STUB_PID" ]] && kill -0 "$STUB_PID" 2>/dev/null; then
    kill -TERM "$STUB_PID" 2>/dev/null || true
    wait "$STUB_PID" 2>/dev/null || true
  fi
  [[ $rc -eq 0 ]] && echo "selftest: OK" || echo "selftest: FAILED ($rc)"
  exit "$rc"
}
trap cleanup EXIT

rm -rf -- "$DIR"
mkdir -p "$DIR"
echo "== generator determinism"
"$PY" bench/ptv/generate_snapshot.py "${SIZE[@]}" --out "$DIR/a" --quiet >/dev/null
"$PY" bench/ptv/generate_snapshot.py "${SIZE[@]}" --out "$DIR/snapshot" --quiet
(cd "$DIR/a" && find . -type f ! -name manifest.json -print0 | sort -z | xargs -0 sha256sum) >"$DIR/a.sha"
(cd "$DIR/snapshot" && find . -type f ! -name manifest.json -print0 | sort -z | xargs -0 sha256sum) >"$DIR/b.sha"
cmp "$DIR/a.sha" "$DIR/b.sha"
rm -rf -- "$DIR/a"
echo "same seed → identical files ($(wc -l <"$DIR/a.sha") files)"

echo "== stub checks"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$PY" bench/ptv/stub_server.py --snapshot "$DIR/snapshot" --port "$PORT" >"$DIR/stub.log" 2>&1 &
STUB_PID=$!
for _ in $(seq 1 60); do
  curl -s -o /dev/null -H 'x-api-key: k' "http://127.0.0.1:$PORT/api/v12/organization/search?page=1&pageSize=1" && break
  sleep 0.25
done
"$PY" bench/ptv/check_stub.py --base "http://127.0.0.1:$PORT" --snapshot "$DIR/snapshot" --throughput 2
kill -TERM "$STUB_PID"
wait "$STUB_PID" || true
STUB_PID=""
tail -n 1 "$DIR/stub.log" | cut -c1-160
