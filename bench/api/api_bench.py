#!/usr/bin/env python3
"""Measures Tarjotin's public read API with wrk; called by bench/api/run-api-bench.sh.

    python3 bench/api/api_bench.py --api http://127.0.0.1:PORT [--app-pid PID] [--pgdata DIR] \
        --out-dir bench/out [--results-copy bench/results/api.txt] [--duration 30 --warmup 10 ...]

Steps:
 1. readiness: GET /services?per_page=1 every second until `total_items` is > 0 and has not changed
    for --ready-stable seconds (the app builds its read model in the background after start-up);
 2. taxonomy codes: GET /services/facets (no filters); top needs / categories / municipalities by
    count (ties by code, so the choice is deterministic);
 3. search words: GET /services?per_page=100&page=k for a few pages spread over the result set;
    the most frequent words of 5+ letters in the service names, topped up from a fixed list;
 4. service ids (only for the detail scenario): every id of /services?per_page=100, page by page;
 5. URL lists (one path per line, bench/out/api-urls-<scenario>.txt), drawn with a fixed seed;
 6. for each scenario: a quick pre-flight GET of its first paths (a wrong contract fails fast with
    the app's answer instead of a table of non-2xx), a warm-up wrk run that is not reported, then
    the measured wrk run, with the CPU time of the app (and of its embedded PostgreSQL) sampled
    from /proc before and after;
 7. the table: printed, saved to <out-dir>/api-bench.txt (+ api-bench.json), copied to
    --results-copy when given.

Exit status: 0 every target met; 2 the runs completed but a target was missed (or a scenario had
non-2xx answers or socket errors); 1 something failed (readiness, discovery, wrk, the app died).
Standard library only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import quote, urlencode, urlsplit

CLK_TCK = os.sysconf("SC_CLK_TCK")
ALL_SCENARIOS = ["trivial", "three-click", "facets", "search", "search-distinct", "detail"]
TOP_NEEDS, TOP_CATEGORIES, TOP_MUNICIPALITIES = 15, 9, 60
N_COMBOS = 200          # distinct URLs per scenario (except trivial)
N_WORDS = 40            # search words
SAMPLE_PAGES = 5        # /services pages sampled for search words
# search-distinct: a different real word in (nearly) every request, as a tray's search box sends them.
# More distinct words than the query cache holds (tarjotin.api.query-cache-size, 2000), cycled in a
# fixed shuffled order, so the figures come from ranking, not from the cache.
N_DISTINCT_WORDS = 8000
DISTINCT_SAMPLE_PAGES = 60
MIN_WORD_LEN = 5

# Targets: (minimum req/s or None, maximum p99 ms or None)
TARGETS = {
    "three-click": (1500.0, 50.0),
    "search": (1500.0, 50.0),
    "search-distinct": (1000.0, 100.0),
    "facets": (None, 100.0),
    "detail": (3000.0, 40.0),
}

# Used when the sampled names give too few words (and to top the list up to N_WORDS).
# Words typical of the national PTV data: Finnish first, then Swedish.
FALLBACK_WORDS = [
    "vertaistuki", "omaishoitajat", "mielenterveys", "liikunta", "nuoret", "perhe", "kerho",
    "ryhmä", "neuvonta", "vertaistukiryhmä", "ikäihmiset", "kuntosali", "uimahalli",
    "kerhotoiminta", "harrastustoiminta", "asukastupa", "muistikahvila", "sosiaaliohjaus",
    "palveluohjaus", "ystävätoiminta", "kohtaamispaikka", "luontopolku", "vesijumppa",
    "perheneuvonta", "velkaneuvonta", "lapsiperheet", "päihdetyö", "kotihoito", "terveysneuvonta",
    "stöd", "anhöriga", "kamratstöd", "rådgivning", "motion", "familj", "äldre", "unga",
    "mötesplats", "klubbverksamhet", "simhall",
]


def log(msg):
    print(f"[api-bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


class Failure(Exception):
    """Something failed (exit 1), as opposed to a target that was missed (exit 2)."""


# --- HTTP ----------------------------------------------------------------------------------------

def get(base, path, timeout=10.0):
    """(status, body bytes) of GET base+path; status 0 when the connection failed."""
    req = urllib.request.Request(base + path, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError) as e:
        return 0, str(e).encode()


def get_json(base, path):
    st, raw = get(base, path)
    if st != 200:
        return st, None, raw
    try:
        return st, json.loads(raw), raw
    except ValueError:
        return st, None, raw


def snippet(raw, n=300):
    return raw[:n].decode("utf-8", "replace").replace("\n", " ")


# --- /proc sampling ------------------------------------------------------------------------------

def proc_stat(pid):
    """(ppid, utime, stime, cutime, cstime) in clock ticks, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("ascii", "replace")
    except OSError:
        return None
    # the command name is in parentheses and may contain spaces: split after the last ')'
    fields = data[data.rindex(")") + 2:].split()
    # fields[0] is field 3 (state) of proc(5): field n is fields[n - 3]
    return int(fields[1]), int(fields[11]), int(fields[12]), int(fields[13]), int(fields[14])


def children_map():
    kids = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = proc_stat(int(name))
            if st:
                kids.setdefault(st[0], []).append(int(name))
    return kids


def postmaster_pid(pgdata):
    try:
        with open(os.path.join(pgdata, "postmaster.pid")) as f:
            pid = int(f.readline().strip())
    except (OSError, ValueError):
        return None
    return pid if proc_stat(pid) else None


def cpu_sample(app_pid, pgdata):
    """CPU ticks of the JVM itself and of the embedded PostgreSQL (postmaster + backends).

    The embedded PostgreSQL is started through pg_ctl, so the postmaster is re-parented away from
    the JVM: it is found through postmaster.pid instead. For PostgreSQL processes the reaped-
    children ticks (cutime/cstime) count too, so a backend that ends during the run is not lost.
    Returns {"app": ticks|None, "pg": {pid: ticks}|None}.
    """
    out = {"app": None, "pg": None}
    if app_pid:
        st = proc_stat(app_pid)
        if st:
            out["app"] = st[1] + st[2]
    pm = postmaster_pid(pgdata) if pgdata else None
    if pm:
        kids = children_map()
        pids, todo = [], [pm]
        while todo:
            p = todo.pop()
            pids.append(p)
            todo.extend(kids.get(p, []))
        ticks = {}
        for p in pids:
            st = proc_stat(p)
            if st:
                ticks[p] = st[1] + st[2] + st[3] + st[4]
        out["pg"] = ticks
    return out


def machine_busy_ticks():
    """(busy, total) ticks of the whole machine from /proc/stat."""
    with open("/proc/stat") as f:
        vals = [int(v) for v in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal (guest is already inside user)
    total = sum(vals[:8])
    idle = vals[3] + vals[4]
    return total - idle, total


# --- discovery -----------------------------------------------------------------------------------

def wait_ready(base, timeout, stable_s, app_alive):
    """Wait until total_items > 0 and unchanged for stable_s seconds; returns (total, waited s)."""
    t0 = time.monotonic()
    last, since, last_note, last_log = None, None, "", 0.0
    while True:
        now = time.monotonic()
        if now - t0 > timeout:
            raise Failure(f"read model not ready within {timeout:.0f}s (last: {last_note or last})")
        if not app_alive():
            raise Failure("the app exited while building its read model")
        st, doc, raw = get_json(base, "/services?per_page=1")
        total = doc.get("total_items") if isinstance(doc, dict) else None
        if isinstance(total, int) and not isinstance(total, bool) and total > 0:
            if total != last:
                if last is not None:
                    log(f"total_items {last} -> {total}: still building")
                last, since = total, now
            elif now - since >= stable_s:
                return total, now - t0
            last_note = ""
        else:
            last, since = None, None
            last_note = f"HTTP {st}: {snippet(raw, 160)}" if st != 200 else f"total_items={total!r}"
            if now - last_log >= 15:
                log(f"waiting for the read model ({last_note})")
                last_log = now
        time.sleep(1.0)


def top_codes(rows, n, what):
    if not isinstance(rows, list):
        raise Failure(f"/services/facets: '{what}' is not a list")
    pairs = []
    for r in rows:
        if isinstance(r, dict) and r.get("code") is not None and isinstance(r.get("count"), (int, float)):
            pairs.append((str(r["code"]), r["count"]))
    pairs.sort(key=lambda p: (-p[1], p[0]))
    return [c for c, cnt in pairs[:n] if cnt > 0]


def learn_codes(base):
    st, doc, raw = get_json(base, "/services/facets")
    if not isinstance(doc, dict):
        raise Failure(f"GET /services/facets: HTTP {st}, not the expected JSON: {snippet(raw)}")
    codes = {
        "needs": top_codes(doc.get("needs"), TOP_NEEDS, "needs"),
        "categories": top_codes(doc.get("categories"), TOP_CATEGORIES, "categories"),
        "municipalities": top_codes(doc.get("municipalities"), TOP_MUNICIPALITIES, "municipalities"),
    }
    for k, v in codes.items():
        if not v:
            raise Failure(f"/services/facets has no {k} with a count > 0: the scenarios need them")
    return codes, doc.get("total_items")


def name_texts(value):
    """The texts of a `name` field: a string, {lang: text}, or a list of those / {value|text}."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            if k in ("en",):            # the benchmark wants Finnish/Swedish words
                continue
            if isinstance(v, str) and k not in ("language", "lang", "type"):
                out.append(v)
        return out
    if isinstance(value, list):
        out = []
        for v in value:
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, dict) and v.get("language") != "en":
                t = v.get("value") or v.get("text")
                if isinstance(t, str):
                    out.append(t)
        return out
    return []


def item_list(doc):
    """The list of service items in a /services page: HSDS 3.0 calls it `contents`; any other name
    (the first top-level list of objects) is accepted, as the contract only fixes `total_items`."""
    for key in ("contents", "items"):
        if isinstance(doc.get(key), list):
            return doc[key]
    for v in doc.values():
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            return v
    return []


def learn_words(base, total):
    pages = max(1, math.ceil((total or 1) / 100))
    picks = sorted({1 + (pages - 1) * i // max(1, SAMPLE_PAGES - 1) for i in range(SAMPLE_PAGES)})
    words, names, fetched = Counter(), 0, []
    for p in picks:
        st, doc, raw = get_json(base, f"/services?per_page=100&page={p}")
        if not isinstance(doc, dict):
            log(f"search words: page {p} gave HTTP {st}; skipped")
            continue
        fetched.append(p)
        for item in item_list(doc):
            if not isinstance(item, dict):
                continue
            for text in name_texts(item.get("name")):
                names += 1
                # letters only (ä, ö, å included); digits and punctuation split words
                for w in re.findall(r"[^\W\d_]+", text.lower()):
                    if len(w) >= MIN_WORD_LEN:
                        words[w] += 1
    sampled = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))][:N_WORDS]
    chosen = list(sampled)
    for w in FALLBACK_WORDS:
        if len(chosen) >= N_WORDS:
            break
        if w not in chosen:
            chosen.append(w)
    source = "sampled" if len(sampled) >= N_WORDS else ("fallback" if not sampled else "sampled+fallback")
    return chosen, {"pages": fetched, "names_seen": names, "sampled_words": len(sampled), "source": source}


def learn_service_ids(base, total):
    """Every active service id, from /services pages of 100 (the list order is by name)."""
    ids = []
    pages = max(1, math.ceil((total or 1) / 100))
    for p in range(1, pages + 1):
        st, doc, raw = get_json(base, f"/services?per_page=100&page={p}")
        if not isinstance(doc, dict):
            raise Failure(f"service ids: /services page {p} answered HTTP {st}: {snippet(raw)}")
        ids += [item["id"] for item in item_list(doc) if isinstance(item, dict) and item.get("id")]
    if not ids:
        raise Failure("service ids: /services listed no service")
    return ids


def learn_distinct_words(base, total):
    """Distinct real words (4+ letters) of service names, summaries and descriptions, from pages spread
    over the whole result set: the search-distinct scenario's words."""
    pages = max(1, math.ceil((total or 1) / 100))
    picks = sorted({1 + (pages - 1) * i // max(1, DISTINCT_SAMPLE_PAGES - 1) for i in range(DISTINCT_SAMPLE_PAGES)})
    words = set()
    for p in picks:
        st, doc, raw = get_json(base, f"/services?per_page=100&page={p}")
        if not isinstance(doc, dict):
            continue
        for item in item_list(doc):
            if not isinstance(item, dict):
                continue
            texts = name_texts(item.get("name")) + name_texts(item.get("description"))
            for text in texts:
                for w in re.findall(r"[^\W\d_]+", text.lower()):
                    if len(w) >= 4:
                        words.add(w)
    return sorted(words)


# --- URL lists -----------------------------------------------------------------------------------

def qs(pairs):
    # quote_via=quote: spaces as %20 and UTF-8 percent-encoding of ä/ö/å
    return urlencode(pairs, quote_via=quote, safe="")


def distinct_draws(rng, draw, n, max_tries=20000):
    seen, out = set(), []
    for _ in range(max_tries):
        if len(out) >= n:
            break
        pairs = draw(rng)
        key = tuple(pairs)
        if key not in seen:
            seen.add(key)
            out.append(pairs)
    return out


def build_paths(codes, words, service_ids, seed, prefix, distinct_words=()):
    needs, cats, munis = codes["needs"], codes["categories"], codes["municipalities"]

    def three_click(r):
        pairs = [("need", r.choice(needs)), ("category", r.choice(cats))]
        if len(munis) >= 2 and r.random() < 0.15:      # some ask for two municipalities
            a, b = r.sample(munis, 2)
            pairs += [("municipality", a), ("municipality", b)]
        else:
            pairs.append(("municipality", r.choice(munis)))
        return pairs

    def facets(r):
        if r.random() < 0.25:                           # some filter on the municipality only
            return [("municipality", r.choice(munis))]
        return [("need", r.choice(needs)), ("municipality", r.choice(munis))]

    def search(r):
        return [("search", r.choice(words)), ("municipality", r.choice(munis))]

    # one generator per scenario, so that changing one list leaves the others as they were
    paths = {"trivial": [prefix + "/"]}
    for name, route, draw in [("three-click", "/services", three_click),
                              ("facets", "/services/facets", facets),
                              ("search", "/services", search)]:
        rng = random.Random(f"{seed}:{name}")
        paths[name] = [f"{prefix}{route}?{qs(p)}" for p in distinct_draws(rng, draw, N_COMBOS)]
    # Details: every service once per cycle, in a seeded random order, so that consecutive requests
    # never ask for the same or neighbouring services (no answer can come from a cache of recent ones).
    shuffled = list(service_ids)
    random.Random(f"{seed}:detail").shuffle(shuffled)
    paths["detail"] = [f"{prefix}/services/{quote(i, safe='')}" for i in shuffled]

    rng = random.Random(f"{seed}:search-distinct")
    chosen = list(distinct_words)
    rng.shuffle(chosen)
    paths["search-distinct"] = [f"{prefix}/services?{qs([('search', w)])}" for w in chosen[:N_DISTINCT_WORDS]]
    return paths


# --- wrk -----------------------------------------------------------------------------------------

class Wrk:
    def __init__(self, args):
        self.a = args
        self.proc = None

    def run(self, url, paths_file, seconds, logf, label):
        cmd = [self.a.wrk, f"-t{self.a.threads}", f"-c{self.a.connections}", f"-d{seconds}s",
               "--timeout", self.a.wrk_timeout, "-s", self.a.lua, url,
               "--", paths_file, str(self.a.threads), self.a.status_check]
        logf.write(f"## {label}: {' '.join(cmd)}\n")
        logf.flush()
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            out, _ = self.proc.communicate(timeout=seconds + 120)
        except subprocess.TimeoutExpired:
            self.kill()
            raise Failure(f"wrk did not finish within {seconds + 120}s")
        rc = self.proc.returncode
        self.proc = None
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        logf.write(out + "\n")
        logf.flush()
        if rc != 0:
            raise Failure(f"wrk exited with {rc}: {out.strip()[-400:]}")
        m = re.search(r"^RESULT (\{.*\})\s*$", out, re.M)
        if not m:
            raise Failure(f"no RESULT line in wrk's output: {out.strip()[-400:]}")
        res = json.loads(m.group(1))
        res["wrk_cpu_s"] = round((ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime), 3)
        return res

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def preflight(origin, name, paths):
    """GET the first paths once: a contract mismatch stops the run with the app's own answer."""
    for p in paths[:3]:
        st, raw = get(origin, p)
        if st != 200:
            raise Failure(f"{name}: GET {p} answered HTTP {st}: {snippet(raw)}")


def evaluate(name, r):
    """(target text, verdict 'yes'/'NO'/'—', reasons)."""
    reasons = []
    if r["non2xx"] > 0:
        reasons.append(f"{r['non2xx']} non-2xx")
    if r["errors"] > 0:
        reasons.append(f"{r['errors']} socket errors/timeouts")
    t = TARGETS.get(name)
    if not t:
        return "-", ("NO" if reasons else "-"), reasons
    min_rps, max_p99 = t
    parts = []
    if min_rps is not None:
        parts.append(f">= {min_rps:,.0f} req/s")
        if r["rps"] < min_rps:
            reasons.append(f"{r['rps']:,.0f} req/s < {min_rps:,.0f}")
    if max_p99 is not None:
        parts.append(f"p99 <= {max_p99:g} ms")
        if r["p99_ms"] > max_p99:
            reasons.append(f"p99 {r['p99_ms']:.1f} ms > {max_p99:g}")
    return ", ".join(parts), ("NO" if reasons else "yes"), reasons


# --- report --------------------------------------------------------------------------------------

def machine_facts(java, wrk):
    facts = {"nproc": len(os.sched_getaffinity(0)), "cpu_model": "?", "java": "?", "wrk": "?",
             "kernel": os.uname().release, "loadavg_at_start": os.getloadavg()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    facts["cpu_model"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            facts["mem_gb"] = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    for key, cmd in (("java", [java, "-version"]), ("wrk", [wrk, "-v"])):
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            lines = (p.stderr + p.stdout).strip().splitlines()
            facts[key] = lines[0].split(" Copyright")[0].strip() if lines else "?"
        except (OSError, subprocess.SubprocessError):
            pass
    return facts


def fmt(v, spec, na="n/a"):
    return na if v is None else format(v, spec)


def render(doc):
    m, s = doc["machine"], doc["settings"]
    lines = [
        f"Tarjotin read API load ({doc['generated_at']})",
        f"api: {doc['api']}" + (f"  jar: {doc['jar']}" if doc.get("jar") else "  (app not started by the driver)"),
        f"machine: nproc {m['nproc']}, {m['cpu_model']}, {m.get('mem_gb', '?')} GB; {m['java']}; {m['wrk']}",
        f"wrk: -t{s['threads']} -c{s['connections']}, {s['duration']} s measured after "
        f"{s['warmup']} s warm-up per scenario; status check: {s['status_check']}; "
        f"wrk and the app share the same cores",
        f"read model: total_items {doc['ready']['total_items']} (ready after {doc['ready']['waited_s']:.0f} s); "
        f"codes: top {len(doc['codes']['needs'])} needs, {len(doc['codes']['categories'])} categories, "
        f"{len(doc['codes']['municipalities'])} municipalities; {len(doc['search_words'])} search words "
        f"({doc['search_words_info']['source']})",
        "",
    ]
    head = (f"{'scenario':<12} {'URLs':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
            f"{'non-2xx':>8} {'vs trivial':>10} {'app CPU ms/req':>14} {'pg CPU ms/req':>13}  "
            f"{'target':<28} met?")
    lines += [head, "-" * len(head)]
    for sc in doc["scenarios"]:
        r = sc["result"]
        lines.append(
            f"{sc['name']:<12} {sc['urls']:>5} {r['rps']:>9,.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
            f"{r['max_ms']:>8.1f} {r['non2xx']:>8,} {fmt(sc['ratio_to_trivial'], '.2f'):>10} "
            f"{fmt(sc['app_cpu_ms_per_req'], '.3f'):>14} {fmt(sc['pg_cpu_ms_per_req'], '.3f'):>13}  "
            f"{sc['target']:<28} {sc['met']}")
    lines.append("")
    for sc in doc["scenarios"]:
        r = sc["result"]
        extra = []
        if sc["reasons"]:
            extra.append("; ".join(sc["reasons"]))
        if sc.get("other_cpu_cores") is not None and sc["other_cpu_cores"] > 0.25:
            extra.append(f"other processes used {sc['other_cpu_cores']:.2f} cores during the run")
        lines.append(
            f"  {sc['name']}: {r['requests']:,} requests in {r['duration_s']:.1f} s, p90 {r['p90_ms']:.2f} ms, "
            f"errors {r['errors']}; CPU cores used: app {fmt(sc['app_cpu_cores'], '.2f')}, "
            f"pg {fmt(sc['pg_cpu_cores'], '.2f')}, wrk {sc['wrk_cpu_cores']:.2f}, "
            f"machine busy {fmt(sc['machine_busy_cores'], '.2f')} of {m['nproc']}"
            + (f" — {'; '.join(extra)}" if extra else ""))
    lines.append("")
    lines.append("verdict: " + ("all targets met" if doc["all_met"] else "TARGET MISSED"))
    return "\n".join(lines) + "\n"


# --- main ----------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--api", required=True, help="base URL of the app, e.g. http://127.0.0.1:8080")
    ap.add_argument("--app-pid", type=int, default=0, help="JVM pid, for CPU time (0 = not measured)")
    ap.add_argument("--pgdata", default="", help="embedded PostgreSQL data directory, for its CPU time")
    ap.add_argument("--out-dir", default="bench/out")
    ap.add_argument("--results-copy", default="", help="where to copy the table (empty = nowhere)")
    ap.add_argument("--scenarios", default=" ".join(ALL_SCENARIOS))
    ap.add_argument("--duration", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", default="20260601")
    ap.add_argument("--ready-timeout", type=float, default=600)
    ap.add_argument("--ready-stable", type=float, default=5)
    ap.add_argument("--wrk", default="wrk")
    ap.add_argument("--wrk-timeout", default="10s", help="wrk --timeout: slower answers count as errors")
    ap.add_argument("--status-check", choices=["hook", "summary"], default="hook")
    ap.add_argument("--lua", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "urls.lua"))
    ap.add_argument("--java", default="java")
    ap.add_argument("--jar", default="")
    a = ap.parse_args()

    scenarios = a.scenarios.replace(",", " ").split()
    bad = [s for s in scenarios if s not in ALL_SCENARIOS]
    if bad or not scenarios:
        raise Failure(f"unknown scenario(s) {bad}; known: {', '.join(ALL_SCENARIOS)}")
    if a.threads < 1 or a.connections < a.threads or a.duration < 1 or a.warmup < 0:
        raise Failure("need THREADS >= 1, CONNECTIONS >= THREADS, DURATION >= 1, WARMUP >= 0")

    base = a.api.rstrip("/")
    prefix = urlsplit(base).path            # a base URL with a path: wrk needs the full path
    origin = base[:len(base) - len(prefix)] if prefix else base
    os.makedirs(a.out_dir, exist_ok=True)

    def app_alive():
        return not a.app_pid or proc_stat(a.app_pid) is not None

    facts = machine_facts(a.java, a.wrk)
    log(f"machine: nproc {facts['nproc']}, {facts['cpu_model']}; {facts['java']}; {facts['wrk']}")

    log("waiting for the read model (total_items > 0 and stable)")
    total, waited = wait_ready(base, a.ready_timeout, a.ready_stable, app_alive)
    log(f"read model ready: total_items {total} after {waited:.0f}s")

    codes, facet_total = learn_codes(base)
    log(f"codes: needs {codes['needs'][:5]}…, categories {codes['categories'][:5]}…, "
        f"municipalities {codes['municipalities'][:8]}… ({len(codes['needs'])}/{len(codes['categories'])}/"
        f"{len(codes['municipalities'])})")
    words, winfo = learn_words(base, total)
    log(f"search words ({winfo['source']}, from pages {winfo['pages']}): {', '.join(words[:12])}…")

    service_ids = []
    if "detail" in scenarios:
        service_ids = learn_service_ids(base, total)
        log(f"service ids: {len(service_ids)} (the detail scenario asks for each once per cycle)")
    distinct_words = learn_distinct_words(base, total) if "search-distinct" in scenarios else []
    if "search-distinct" in scenarios:
        log(f"search-distinct: {len(distinct_words)} distinct words, {min(len(distinct_words), N_DISTINCT_WORDS)} used")
        if not distinct_words:
            raise Failure("search-distinct: the sampled pages gave no words")
    all_paths = build_paths(codes, words, service_ids, a.seed, prefix, distinct_words)
    files = {}
    for name in scenarios:
        files[name] = os.path.abspath(os.path.join(a.out_dir, f"api-urls-{name}.txt"))
        with open(files[name], "w", encoding="utf-8") as f:
            f.write("\n".join(all_paths[name]) + "\n")

    wrk = Wrk(a)

    def on_term(signum, _frame):
        wrk.kill()       # never leave a wrk behind
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, on_term)

    results = []
    for name in scenarios:
        paths = all_paths[name]
        preflight(origin, name, paths)
        with open(os.path.join(a.out_dir, f"api-wrk-{name}.log"), "w") as logf:
            if a.warmup > 0:
                log(f"{name}: warm-up {a.warmup}s ({len(paths)} URLs)")
                wrk.run(origin, files[name], a.warmup, logf, "warm-up (not reported)")
            if not app_alive():
                raise Failure(f"the app died during the {name} warm-up")
            log(f"{name}: measuring {a.duration}s")
            c0, m0, t0 = cpu_sample(a.app_pid, a.pgdata), machine_busy_ticks(), time.monotonic()
            r = wrk.run(origin, files[name], a.duration, logf, "measured")
            c1, m1, t1 = cpu_sample(a.app_pid, a.pgdata), machine_busy_ticks(), time.monotonic()
        if not app_alive():
            raise Failure(f"the app died during the {name} run")
        if r["requests"] <= 0:
            raise Failure(f"{name}: wrk completed no request")
        wall = t1 - t0
        app_ms = None if c0["app"] is None or c1["app"] is None else (c1["app"] - c0["app"]) * 1000 / CLK_TCK
        pg_ms = None
        if c0["pg"] is not None and c1["pg"] is not None:
            pg_ticks = sum(v - c0["pg"].get(p, 0) for p, v in c1["pg"].items())
            pg_ms = max(0, pg_ticks) * 1000 / CLK_TCK
        busy = (m1[0] - m0[0]) / CLK_TCK / wall if wall > 0 else None
        known = sum(x for x in (app_ms, pg_ms) if x is not None) / 1000 + r["wrk_cpu_s"]
        sc = {
            "name": name, "urls": len(paths), "paths_file": files[name], "result": r,
            "wall_s": round(wall, 3),
            "app_cpu_ms": app_ms, "pg_cpu_ms": pg_ms,
            "app_cpu_ms_per_req": None if app_ms is None else app_ms / r["requests"],
            "pg_cpu_ms_per_req": None if pg_ms is None else pg_ms / r["requests"],
            "app_cpu_cores": None if app_ms is None else app_ms / 1000 / wall,
            "pg_cpu_cores": None if pg_ms is None else pg_ms / 1000 / wall,
            "wrk_cpu_cores": r["wrk_cpu_s"] / wall,
            "machine_busy_cores": busy,
            # CPU of everything else on the machine: a busy neighbour makes the figures unfair
            "other_cpu_cores": None if busy is None or app_ms is None else max(0.0, busy - known / wall),
        }
        sc["target"], sc["met"], sc["reasons"] = evaluate(name, r)
        results.append(sc)
        log(f"{name}: {r['rps']:,.0f} req/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
            f"non-2xx {r['non2xx']}, errors {r['errors']}"
            + (f", app CPU {sc['app_cpu_ms_per_req']:.3f} ms/req" if app_ms is not None else ""))

    triv = next((s for s in results if s["name"] == "trivial"), None)
    for s in results:
        s["ratio_to_trivial"] = (s["result"]["rps"] / triv["result"]["rps"]) if triv and triv["result"]["rps"] else None
    all_met = all(s["met"] != "NO" for s in results)
    missing = [n for n in TARGETS if n not in scenarios]

    doc = {
        "generated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "api": base, "jar": a.jar or None, "app_pid": a.app_pid or None, "machine": facts,
        "settings": {"duration": a.duration, "warmup": a.warmup, "connections": a.connections,
                     "threads": a.threads, "seed": a.seed, "wrk_timeout": a.wrk_timeout,
                     "status_check": a.status_check, "scenarios": scenarios},
        "ready": {"total_items": total, "waited_s": waited, "facets_total_items": facet_total},
        "codes": codes, "search_words": words, "search_words_info": winfo,
        "targets": {k: {"min_rps": v[0], "max_p99_ms": v[1]} for k, v in TARGETS.items()},
        "targets_not_run": missing,
        "scenarios": results, "all_met": all_met and not missing,
    }
    text = render(doc)
    if missing:
        text += f"(targets not measured in this run: {', '.join(missing)})\n"
    sys.stdout.write("\n" + text)
    txt = os.path.join(a.out_dir, "api-bench.txt")
    with open(txt, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(a.out_dir, "api-bench.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    log(f"saved {txt} and api-bench.json")
    if a.results_copy:
        os.makedirs(os.path.dirname(a.results_copy) or ".", exist_ok=True)
        shutil.copyfile(txt, a.results_copy)
        log(f"copied the table to {a.results_copy}")
    return 0 if doc["all_met"] else 2


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        log(f"ERROR: {e}")
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
