#!/usr/bin/env python3
"""Stand-in for Tarjotin's read API, used only by bench/api/selftest.sh.

It answers the part of the contract the load benchmark touches, so the driver's mechanics
(health wait, read-model readiness, code and word discovery, URL lists, wrk runs, table, exit
codes, clean-up) can be tested before the real API exists:

    GET /                    tiny JSON document
    GET /actuator/health     {"status":"UP"}
    GET /services            {"total_items": n, "total_pages", "page_number", "size", "contents": [{"id", "name"}]}
                             (the HSDS 3.0 paging envelope the app uses; names in Finnish or Swedish)
    GET /services/facets     {"total_items": n, "categories": [...], "needs": [...], "municipalities": [...]}
    GET /services/svc-N      one listed service (the detail scenario)
    GET /_stats              what the stub saw (for the self-test's assertions)

    python3 bench/api/selftest_stub.py --port 8123 [--ramp 3] [--fail-every N]

--ramp S       total_items grows during the first S seconds, as if the app were still building its
               read model; the driver must wait until it stops changing.
--fail-every N every N-th /services/facets request answers 500, so the self-test can check that
               non-2xx answers are counted.

Unknown query parameters, unknown codes, a bad page/per_page or an empty search answer 400, so a
driver that builds URLs wrongly shows up as non-2xx answers. Facet lists are sent in a shuffled
order with distinct counts, so the driver has to sort them itself to find the "top" codes.
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOTAL = 30000
NEEDS = [f"need-{i:02d}" for i in range(1, 21)]                     # 20: the driver takes the top 15
CATEGORIES = [f"cat-{i:02d}" for i in range(1, 13)]                 # 12: the driver takes the top 9
MUNICIPALITIES = [f"{i:03d}" for i in range(5, 5 + 3 * 75, 3)]      # 75: the driver takes the top 60

# Names in the shape the real data has (Finnish first, often Swedish too).
NAME_POOL = [
    ("Vertaistukiryhmä omaishoitajille", "Kamratstödsgrupp för närståendevårdare"),
    ("Mielenterveyden vertaistuki", "Kamratstöd för psykisk hälsa"),
    ("Ikäihmisten liikuntaryhmät", "Motionsgrupper för äldre"),
    ("Nuorten kerhotoiminta", "Klubbverksamhet för unga"),
    ("Perheneuvonta", "Familjerådgivning"),
    ("Muistikahvila", "Minneskafé"),
    ("Talous- ja velkaneuvonta", "Ekonomi- och skuldrådgivning"),
    ("Kohtaamispaikka", "Mötesplats"),
    ("Vesijumppa", "Vattengymnastik"),
    ("Sururyhmä läheisensä menettäneille", "Sorggrupp för efterlevande"),
]


def ranked(codes, seed, top):
    """[{"code", "count"}] with distinct descending counts, sent in a shuffled order."""
    rows = [{"code": c, "count": top - 7 * i} for i, c in enumerate(codes)]
    random.Random(seed).shuffle(rows)
    return rows


class State:
    def __init__(self, ramp, fail_every):
        self.t0 = time.monotonic()
        self.ramp = ramp
        self.fail_every = fail_every
        self.lock = threading.Lock()
        self.routes = Counter()
        self.statuses = Counter()
        self.distinct = {"/services": set(), "/services/facets": set()}
        self.details = set()
        self.facet_calls = 0
        self.cache = {}

    def total(self):
        if self.ramp <= 0:
            return TOTAL
        frac = min(1.0, (time.monotonic() - self.t0) / self.ramp)
        return max(1, int(TOTAL * frac))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as wrk expects
    # Headers and body go out in two writes; with Nagle on, the second waits for the client's
    # delayed ACK (~40 ms) and the stub would look 100x slower than it is.
    disable_nagle_algorithm = True
    server_version = "tarjotin-selftest-stub"
    state: State = None  # set in main()

    def log_message(self, fmt, *args):  # no per-request logging: it would dominate the CPU
        pass

    def send_json(self, status, obj=None, raw=None):
        body = raw if raw is not None else json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.state.lock:
            self.state.statuses[status] += 1

    def bad(self, detail):
        self.send_json(400, {"status": 400, "title": "Bad Request", "detail": detail})

    def do_GET(self):  # noqa: N802 (http.server's naming)
        st = self.state
        parts = urlsplit(self.path)
        path = parts.path
        q = parse_qs(parts.query, keep_blank_values=True)
        with st.lock:
            st.routes[path] += 1
            if path in st.distinct:
                st.distinct[path].add(parts.query)
        if path == "/":
            return self.send_json(200, {"name": "tarjotin", "api": "selftest-stub"})
        if path == "/actuator/health":
            return self.send_json(200, {"status": "UP"})
        if path == "/_stats":
            with st.lock:
                stats = {"routes": dict(st.routes), "statuses": {str(k): v for k, v in st.statuses.items()},
                         "distinct": {k: len(v) for k, v in st.distinct.items()},
                         "distinct_details": len(st.details)}
            return self.send_json(200, stats)
        if path.startswith("/services/svc-"):
            return self.service_detail(path[len("/services/"):], q)
        if path not in ("/services", "/services/facets"):
            return self.send_json(404, {"status": 404, "title": "Not Found"})

        allowed = {"need": NEEDS, "category": CATEGORIES, "municipality": MUNICIPALITIES}
        for key, values in q.items():
            if key in allowed:
                for v in values:
                    if v not in allowed[key]:
                        return self.bad(f"unknown {key} code {v!r}")
            elif key == "search":
                if len(values) != 1 or not values[0].strip():
                    return self.bad("search must be given once and not be empty")
            elif key in ("page", "per_page"):
                try:
                    n = int(values[0])
                except ValueError:
                    return self.bad(f"{key} is not a number")
                if n < 1 or (key == "per_page" and n > 100):
                    return self.bad(f"{key} out of range")
            else:
                return self.bad(f"unknown parameter {key!r}")

        if path == "/services/facets":
            with st.lock:
                st.facet_calls += 1
                fail = st.fail_every > 0 and st.facet_calls % st.fail_every == 0
            if fail:
                return self.send_json(500, {"status": 500, "title": "Internal Server Error"})
            total = st.total()
            key = ("facets", total)
            raw = st.cache.get(key)
            if raw is None:
                raw = json.dumps({
                    "total_items": total,
                    "categories": ranked(CATEGORIES, 1, 9000),
                    "needs": ranked(NEEDS, 2, 8000),
                    "municipalities": ranked(MUNICIPALITIES, 3, 5000),
                }, separators=(",", ":")).encode()
                st.cache[key] = raw
            return self.send_json(200, raw=raw)

        # /services
        total = st.total()
        page = int(q.get("page", ["1"])[0])
        per_page = int(q.get("per_page", ["20"])[0])
        key = ("services", total, page, per_page)
        raw = st.cache.get(key)
        if raw is None:
            start = (page - 1) * per_page
            contents = []
            for i in range(start, min(total, start + per_page)):
                fi, sv = NAME_POOL[(i * 7) % len(NAME_POOL)]
                contents.append({"id": f"svc-{i}", "name": sv if i % 5 == 0 else fi,
                                 "organization": {"id": "org-1", "name": "Selftestin kaupunki"}})
            raw = json.dumps({"total_items": total, "total_pages": (total + per_page - 1) // per_page,
                              "page_number": page, "size": len(contents), "contents": contents},
                             ensure_ascii=False, separators=(",", ":")).encode()
            if len(st.cache) < 5000:
                st.cache[key] = raw
        return self.send_json(200, raw=raw)


    def service_detail(self, service_id, q):
        """GET /services/{id}: one service of the list, as the contract's detail (id, name, organization)."""
        if q:
            return self.bad(f"unknown parameter(s) {sorted(q)}")
        try:
            i = int(service_id[len("svc-"):])
        except ValueError:
            return self.send_json(404, {"status": 404, "title": "Not Found"})
        if not 0 <= i < self.state.total():
            return self.send_json(404, {"status": 404, "title": "Not Found"})
        with self.state.lock:
            self.state.details.add(i)
        fi, sv = NAME_POOL[(i * 7) % len(NAME_POOL)]
        return self.send_json(200, {"id": service_id, "name": sv if i % 5 == 0 else fi,
                                    "organization": {"id": "org-1", "name": "Selftestin kaupunki"},
                                    "service_at_locations": []})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--ramp", type=float, default=0.0)
    ap.add_argument("--fail-every", type=int, default=0)
    args = ap.parse_args()

    Handler.state = State(args.ramp, args.fail_every)
    ThreadingHTTPServer.request_queue_size = 256   # wrk opens all its connections at once
    ThreadingHTTPServer.daemon_threads = True
    srv = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)

    def stop(signum, _frame):
        st = Handler.state
        print("stub-summary " + json.dumps({"signal": signum, "routes": dict(st.routes),
                                            "statuses": {str(k): v for k, v in st.statuses.items()}}),
              flush=True)
        # shutdown() waits for serve_forever() to return, so it must run in another thread
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"selftest stub listening on 127.0.0.1:{args.port}", flush=True)
    srv.serve_forever(poll_interval=0.2)
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
