#!/usr/bin/env python3
"""Runs the three PTV import measurements against a started Tarjotin app and prints the table.

Called by bench/ptv/run-import-bench.sh once the stub and the app are up:

    python3 bench/ptv/measure.py --app http://127.0.0.1:PORT --app-pid PID \
        --stub-pid PID --stub-log bench/out/stub-v12.log --manifest bench/out/snapshot/manifest.json \
        --version v12 --out bench/out/ptv-import-v12.txt

For each of (a) full import, (b) unchanged full re-import, (c) incremental run with no changes:
POST /admin/imports/ptv?kind=… (basic auth; expects 202 + {"id": …}), then every --poll seconds
GET /admin/import-runs/<id> until its status is no longer "running", while sampling the heap
(GET /actuator/metrics/jvm.memory.used?tag=area:heap) and VmRSS/VmHWM of the app process
(/proc/<pid>/status), keeping the maxima. The stub's request counter is read before and after each
run (SIGUSR1 → "stub-stats {…}" line in the stub log).

Exit status: 0 every run succeeded and every target was met; 2 the runs completed but a target
was missed (or could not be measured); 1 a run failed, timed out or the app died.
Standard library only.
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import platform
import re
import signal
import sys
import time
import urllib.error
import urllib.request

MIB = 1024 * 1024
TERMINAL = {"succeeded", "partial", "failed", "abandoned"}
RUNS = [
    ("a", "full import", "full"),
    ("b", "unchanged full re-import", "full"),
    ("c", "incremental, nothing changed", "incremental"),
]
TARGET_FULL_RPS = 2000.0
TARGET_UNCHANGED_RPS = 10000.0
TARGET_INCREMENTAL_S = 1.0
TARGET_HEAP_MB = 512.0


def log(msg):
    print(f"[measure {time.strftime('%H:%M:%S')}] {msg}", flush=True)


class App:
    def __init__(self, base, user, password, timeout=10.0):
        self.base = base.rstrip("/")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.auth = {"Authorization": "Basic " + token, "Accept": "application/json"}
        self.timeout = timeout

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.base + path, method=method, headers=dict(self.auth),
                                     data=body if body is not None else (b"" if method == "POST" else None))
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as r:
                raw = r.read()
                return r.status, raw
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def json(self, method, path):
        st, raw = self.call(method, path)
        try:
            return st, json.loads(raw) if raw else None
        except ValueError:
            return st, {"_raw": raw[:500].decode("utf-8", "replace")}


def proc_mem(pid):
    """(VmRSS MiB, VmHWM MiB) of a process, or (None, None) when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            text = f.read()
    except OSError:
        return None, None
    out = {}
    for key in ("VmRSS", "VmHWM"):
        m = re.search(rf"^{key}:\s+(\d+)\s+kB", text, re.M)
        out[key] = int(m.group(1)) / 1024 if m else None
    return out["VmRSS"], out["VmHWM"]


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie still answers kill(0); look at its state
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def heap_mb(app):
    try:
        st, d = app.json("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap")
    except OSError:
        return None
    if st != 200 or not isinstance(d, dict):
        return None
    for m in d.get("measurements") or []:
        if m.get("statistic") == "VALUE" and isinstance(m.get("value"), (int, float)):
            return m["value"] / MIB
    return None


def parse_instant(s):
    if not s or not isinstance(s, str):
        return None
    s = s.strip().replace("Z", "+00:00").replace("z", "+00:00")
    m = re.match(r"^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(.*)$", s)
    if m:  # Java may print up to 9 fractional digits; Python takes 6
        frac = (m.group(2) or "")[:7]
        s = m.group(1) + frac + m.group(3)
    try:
        d = dt.datetime.fromisoformat(s)
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.timezone.utc)
    return d


def stub_stats(pid, logpath, wait=3.0):
    """Ask the stub for its counters (SIGUSR1) and read the line it prints."""
    if not pid or not logpath or not alive(pid):
        return None
    try:
        size = os.path.getsize(logpath)
        os.kill(pid, signal.SIGUSR1)
    except OSError:
        return None
    deadline = time.time() + wait
    while time.time() < deadline:
        time.sleep(0.05)
        try:
            with open(logpath, "rb") as f:
                f.seek(size)
                tail = f.read().decode("utf-8", "replace")
        except OSError:
            return None
        for line in tail.splitlines():
            if line.startswith("stub-stats "):
                try:
                    return json.loads(line[len("stub-stats "):])
                except ValueError:
                    return None
    return None


def run_one(app, args, label, kind):
    res = {"label": label, "kind": kind, "status": "not-started", "error": None, "fetched": None,
           "created": None, "updated": None, "unchanged": None, "rejected": None, "retired": None,
           "skipped": None, "seconds": None, "clientSeconds": None, "rps": None,
           "heapMB": None, "rssMB": None, "hwmMB": None, "stubRequests": None, "heapSamples": 0,
           "pagesDone": None, "pagesTotal": None, "wallFrom": None}
    before = stub_stats(args.stub_pid, args.stub_log)
    t0 = time.time()
    try:
        st, d = app.json("POST", f"/admin/imports/ptv?kind={kind}")
    except OSError as e:
        res.update(status="error", error=f"POST failed: {e}")
        return res
    if st != 202 or not isinstance(d, dict) or d.get("id") is None:
        res.update(status="error", error=f"POST /admin/imports/ptv?kind={kind} answered {st}: {json.dumps(d)[:300]}")
        return res
    run_id = d["id"]
    log(f"{label}: run {run_id} started ({kind})")
    deadline = t0 + args.run_timeout
    peak_heap = peak_rss = None
    last = d
    errors = 0
    next_tick = time.time()
    last_progress = 0.0
    while True:
        h = heap_mb(app)
        if h is not None:
            res["heapSamples"] += 1
            peak_heap = h if peak_heap is None else max(peak_heap, h)
        rss, hwm = proc_mem(args.app_pid)
        if rss is not None:
            peak_rss = rss if peak_rss is None else max(peak_rss, rss)
            res["hwmMB"] = hwm
        try:
            st, d = app.json("GET", f"/admin/import-runs/{run_id}")
            if st == 200 and isinstance(d, dict):
                last = d
            else:
                errors += 1
        except OSError:
            errors += 1
        status = (last or {}).get("status")
        if status in TERMINAL:
            break
        if not alive(args.app_pid):
            res.update(status="app-died", error="the app process exited during the run")
            break
        if time.time() > deadline:
            res.update(status="timeout", error=f"still '{status}' after {args.run_timeout:.0f} s")
            break
        if errors > 40:
            res.update(status="error", error=f"GET /admin/import-runs/{run_id} kept failing")
            break
        if time.time() - last_progress > 15:
            last_progress = time.time()
            log(f"{label}: {status} fetched={last.get('fetched')} pages={last.get('pagesDone')}/{last.get('pagesTotal')} "
                f"heap={peak_heap and round(peak_heap)}MB rss={peak_rss and round(peak_rss)}MB")
        next_tick += args.poll
        time.sleep(max(0.0, next_tick - time.time()))
    res["clientSeconds"] = time.time() - t0
    # one last sample after the run ended
    rss, hwm = proc_mem(args.app_pid)
    if rss is not None:
        peak_rss = rss if peak_rss is None else max(peak_rss, rss)
        res["hwmMB"] = hwm
    h = heap_mb(app)
    if h is not None:
        res["heapSamples"] += 1
        peak_heap = h if peak_heap is None else max(peak_heap, h)
    if res["status"] == "not-started":
        res["status"] = last.get("status")
    for k in ("fetched", "created", "updated", "unchanged", "rejected", "retired", "skipped", "pagesDone", "pagesTotal"):
        res[k] = last.get(k)
    if last.get("error") and not res["error"]:
        res["error"] = str(last.get("error"))[:500]
    a, b = parse_instant(last.get("startedAt")), parse_instant(last.get("finishedAt"))
    if a and b:
        res["seconds"] = max(0.0, (b - a).total_seconds())
        res["wallFrom"] = "app"
    else:
        res["seconds"] = res["clientSeconds"]
        res["wallFrom"] = "client"
    if isinstance(res["fetched"], (int, float)) and res["fetched"] > 0 and res["seconds"]:
        res["rps"] = res["fetched"] / res["seconds"]
    res["heapMB"], res["rssMB"] = peak_heap, peak_rss
    after = stub_stats(args.stub_pid, args.stub_log)
    if before and after:
        res["stubRequests"] = after["requests"] - before["requests"]
        res["stubRecords"] = after["records"] - before["records"]
    res["runId"] = run_id
    res["raw"] = last
    log(f"{label}: {res['status']} in {res['seconds']:.2f}s, fetched={res['fetched']}, "
        f"peak heap={res['heapMB'] and round(res['heapMB'])}MB")
    return res


def fmt(v, nd=0, width=9):
    if v is None:
        s = "n/a"
    elif isinstance(v, float):
        s = f"{v:.{nd}f}"
    else:
        s = str(v)
    return s.rjust(width)


def render(args, results, manifest):
    c = manifest.get("counts", {})
    lines = []
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines.append(f"Tarjotin PTV import benchmark — API {args.version} — {now}")
    lines.append(f"snapshot: {c.get('organizations')} organisations, {c.get('services')} services, "
                 f"{c.get('channels')} channels, {c.get('connections')} connections "
                 f"(seed {manifest.get('seed')}, {manifest.get('totalBytes', 0) / 1e6:.0f} MB on disk)")
    lines.append(f"app: {args.jar or '?'} — java -Xmx512m -XX:+UseG1GC; host: {os.cpu_count()} CPUs, "
                 f"{platform.python_implementation()} measurer; stub on loopback")
    lines.append("")
    hdr = (f"{'run':<34}{'status':>11}{'fetched':>9}{'created':>9}{'updated':>9}{'unchanged':>10}{'rejected':>9}"
           f"{'retired':>8}{'skipped':>8}{'wall s':>9}{'rec/s':>9}{'heap MB':>9}{'RSS MB':>8}{'HWM MB':>8}{'stub req':>9}")
    lines.append(hdr)
    lines.append("-" * len(hdr))
    for key, r in results:
        wall = r["seconds"]
        wall_s = fmt(wall, 2, 9) if r["wallFrom"] != "client" or wall is None else (f"{wall:.2f}*").rjust(9)
        lines.append(f"{'(' + key + ') ' + r['label']:<34}{str(r['status'])[:10]:>11}{fmt(r['fetched'])}{fmt(r['created'])}"
                     f"{fmt(r['updated'])}{fmt(r['unchanged'], width=10)}{fmt(r['rejected'])}{fmt(r['retired'], width=8)}"
                     f"{fmt(r['skipped'], width=8)}{wall_s}{fmt(r['rps'], 0)}{fmt(r['heapMB'], 0)}"
                     f"{fmt(r['rssMB'], 0, 8)}{fmt(r['hwmMB'], 0, 8)}{fmt(r['stubRequests'])}")
    lines.append("")
    lines.append("wall s = finishedAt − startedAt reported by the app (* = app gave no timestamps: client-observed);")
    lines.append("rec/s = fetched / wall s; heap = peak jvm.memory.used{area=heap} sampled every "
                 f"{args.poll:g} s; RSS = peak VmRSS sampled; HWM = VmHWM of the JVM at the end of the run;")
    lines.append("MB = MiB; stub req = HTTP requests the stub answered during the run. "
                 "The embedded PostgreSQL runs in its own processes and is not in RSS.")
    lines.append("")
    # targets
    R = dict(results)
    verdicts = []

    def verdict(ok):
        return "PASS" if ok is True else ("FAIL" if ok is False else "UNKNOWN")

    def rps_check(r, target):
        if r is None or r["status"] != "succeeded" or r["rps"] is None:
            return None if r is not None and r["status"] == "succeeded" else False, r and r["rps"]
        return r["rps"] >= target, r["rps"]

    ok, val = rps_check(R.get("a"), TARGET_FULL_RPS)
    verdicts.append(("(a) full import throughput", f">= {TARGET_FULL_RPS:,.0f} records/s", fmt(val, 0, 12), verdict(ok)))
    ok, val = rps_check(R.get("b"), TARGET_UNCHANGED_RPS)
    verdicts.append(("(b) unchanged re-import throughput", f">= {TARGET_UNCHANGED_RPS:,.0f} records/s", fmt(val, 0, 12), verdict(ok)))
    rc = R.get("c")
    if rc is None or rc["status"] != "succeeded" or rc["seconds"] is None:
        ok, val = False, rc and rc["seconds"]
    else:
        ok, val = rc["seconds"] < TARGET_INCREMENTAL_S, rc["seconds"]
    verdicts.append(("(c) incremental run, no changes", f"< {TARGET_INCREMENTAL_S:g} s", fmt(val, 3, 12), verdict(ok)))
    heaps = [r["heapMB"] for _, r in results if r["heapMB"] is not None]
    if not heaps:
        ok, val = None, None
    else:
        ok, val = max(heaps) < TARGET_HEAP_MB, max(heaps)
    verdicts.append(("peak heap over all runs", f"< {TARGET_HEAP_MB:.0f} MB", fmt(val, 0, 12), verdict(ok)))
    lines.append(f"{'target':<38}{'goal':<22}{'measured':>12}  verdict")
    for name, goal, meas, v in verdicts:
        lines.append(f"{name:<38}{goal:<22}{meas}  {v}")
    # sanity notes
    expect = (c.get("organizations") or 0) + (c.get("services") or 0) + (c.get("channels") or 0)
    ra = R.get("a")
    notes = []
    if ra and isinstance(ra.get("fetched"), int) and ra["fetched"] < expect:
        notes.append(f"note: (a) fetched {ra['fetched']} < organisations+services+channels = {expect}; "
                     f"the whole country was in scope, so some records were not fetched.")
    for key, r in results:
        if r.get("error"):
            notes.append(f"({key}) error: {r['error']}")
        if r["heapSamples"] == 0 and r["status"] not in ("error", "not-started"):
            notes.append(f"({key}) no heap samples: /actuator/metrics/jvm.memory.used not reachable with basic auth")
    if notes:
        lines.append("")
        lines.extend(notes)
    all_ok = all(v == "PASS" for *_, v in verdicts)
    return "\n".join(lines) + "\n", all_ok


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--app", required=True, help="base URL of the app, e.g. http://127.0.0.1:8080")
    ap.add_argument("--user", default="bench")
    ap.add_argument("--password", default="bench")
    ap.add_argument("--app-pid", type=int, required=True)
    ap.add_argument("--stub-pid", type=int, default=0)
    ap.add_argument("--stub-log", default=None)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--version", default="v12")
    ap.add_argument("--jar", default=None)
    ap.add_argument("--out", required=True, help="where to save the table")
    ap.add_argument("--json-out", default=None, help="also save raw results as JSON")
    ap.add_argument("--poll", type=float, default=0.5)
    ap.add_argument("--run-timeout", type=float, default=1800.0)
    args = ap.parse_args(argv)

    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)
    app = App(args.app, args.user, args.password)
    results = []
    hard_failure = False
    for key, label, kind in RUNS:
        if not alive(args.app_pid):
            r = {"label": label, "kind": kind, "status": "app-died", "error": "app not running",
                 "seconds": None, "wallFrom": None, "heapSamples": 0}
            for k in ("fetched", "created", "updated", "unchanged", "rejected", "retired", "skipped", "rps",
                      "heapMB", "rssMB", "hwmMB", "stubRequests", "clientSeconds"):
                r[k] = None
            results.append((key, r))
            hard_failure = True
            continue
        r = run_one(app, args, label, kind)
        results.append((key, r))
        if r["status"] not in ("succeeded", "partial"):
            hard_failure = True
    text, all_ok = render(args, results, manifest)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({"version": args.version, "results": {k: r for k, r in results}}, f, indent=2, default=str)
    print()
    print(text, end="")
    print(f"(saved to {args.out})")
    return 1 if hard_failure else (0 if all_ok else 2)


if __name__ == "__main__":
    sys.exit(main())
