#!/usr/bin/env bash
# In-process benchmark of need inference and search on a synthetic national PTV snapshot (30,000 services).
#
#   bench/search/run-search-bench.sh [voikko|stemming]     (default: voikko where installed, else stemming)
#
# 1. generates bench/out/snapshot-search (bench/ptv/generate_snapshot.py, 30,000 services, few channels)
#    when missing;
# 2. compiles the project's main and test classes (Maven wrapper, offline once dependencies are fetched);
# 3. runs fi.tarjotin.search.SearchBench (src/test/java): the share of services with a need before and after
#    inference and the inference time per 1,000 records; the search index build time; then search with a
#    different word in every query (no cache: the words of the services' names and descriptions, shuffled)
#    on THREADS threads for DURATION seconds: queries/s, p50, p99.
# The HTTP figures of the same load (wrk, 32 connections) are bench/api's search-distinct scenario.
#
# Environment: THREADS (2)  DURATION (20)  SERVICES (30000)  JAVA (java)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
ANALYSER="${1:-}"
if [[ -z "$ANALYSER" ]]; then
  if ldconfig -p 2>/dev/null | grep -q 'libvoikko\.so\.1'; then ANALYSER=voikko; else ANALYSER=stemming; fi
fi
THREADS="${THREADS:-2}"
DURATION="${DURATION:-20}"
SERVICES="${SERVICES:-30000}"
OUT="bench/out/snapshot-search"
if [[ ! -s "$OUT/v12/service.jsonl" ]]; then
  python3 bench/ptv/generate_snapshot.py --out "$OUT" --services "$SERVICES" --organizations 1500 --channels 1000 --quiet
fi
./mvnw -B -q -o test-compile
CP="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
"${JAVA:-java}" -Xmx2g -cp "target/test-classes:target/classes:$CP" fi.tarjotin.search.SearchBench \
  "$OUT/v12/service.jsonl" "$ANALYSER" "$THREADS" "$DURATION"
