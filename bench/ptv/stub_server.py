#!/usr/bin/env python3
"""Fast loopback stub of the PTV v12 and v11 read APIs, serving a snapshot written by
bench/ptv/generate_snapshot.py.

    python3 bench/ptv/stub_server.py --snapshot bench/out/snapshot --port 8099

Records are served exactly as the generator serialised them: the record files are memory-mapped
and a page is built by joining byte ranges (a run of consecutive records is a single slice with
its newlines turned into commas), never by re-encoding JSON.

v12 (header x-api-key required, 401 otherwise; envelope {page,pageSize,totalItems,totalPages,items}):
    GET /api/v12/organization/search      page, pageSize (1..100), publishedAtOrAfter, areaType,
    GET /api/v12/service/search           municipalities[]+municipalitiesMatch, and for services
    GET /api/v12/service-channel/search   serviceClasses[]/targetGroups[] (+…Match),
                                          organizationContentIds[]; channels: channelTypes[];
                                          organisations: organizationTypes[]
    GET /api/v12/connection/search        serviceContentIds[] / channelContentIds[] (≤ 20), publishedAtOrAfter
    GET /api/v12/{organization|service|service-channel|connection}/archived?archivedAtOrAfter=…  → empty page
v11 (anonymous; envelope {pageNumber,pageSize,pageCount,itemList}, 1000 ids per page):
    GET /api/v11/{Organization|Service|ServiceChannel}?page=&date=&dateBefore=&status=
    GET /api/v11/{Organization|Service|ServiceChannel}/list?guids=a,b,…   (≤ 100) → bare JSON array
Anything else → 404 {"errorMessage": …}.

Array parameters are repeated keys (?municipalities=091&municipalities=049); a comma-separated
value is accepted too. Match parameters default to "all" as in the v12 spec.

Quiet: nothing is logged per request. SIGUSR1 prints a one-line JSON stats snapshot
("stub-stats {…}"); SIGTERM/SIGINT print a summary line ("stub-summary …") and exit.
Standard library only.
"""
from __future__ import annotations

import argparse
import array
import collections
import datetime as dt
import json
import math
import mmap
import os
import re
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

UTC = dt.timezone.utc
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MUNI_RE = re.compile(r"^\d{3}$")
V11_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
AREA_TYPES = ("WholeCountry", "WholeCountryExceptAland", "LimitedArea")
V11_PAGE_SIZE = 1000
V11_MAX_GUIDS = 100
V12_MAX_PAGE_SIZE = 100
V12_MAX_ARRAY = 20


class BadRequest(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


# ----------------------------------------------------------------------------------------------
# snapshot

class Records:
    """A JSON-lines file, memory-mapped, with the byte offset of every line."""

    def __init__(self, path):
        self.path = path
        self.f = open(path, "rb")
        size = os.fstat(self.f.fileno()).st_size
        self.mm = mmap.mmap(self.f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        offs = array.array("q", [0])
        find, pos, append = self.mm.find, 0, offs.append
        while True:
            j = find(b"\n", pos)
            if j < 0:
                break
            pos = j + 1
            append(pos)
        self.offs = offs
        self.n = len(offs) - 1
        self.size = size

    def one(self, i):
        o = self.offs
        return self.mm[o[i]:o[i + 1] - 1]

    def run(self, start, end):
        """Records start..end-1 (consecutive) joined with commas."""
        if end <= start:
            return b""
        o = self.offs
        return self.mm[o[start]:o[end] - 1].replace(b"\n", b",")

    def pick(self, idxs):
        o, mm = self.offs, self.mm
        return b",".join([mm[o[i]:o[i + 1] - 1] for i in idxs])


def read_index(path, ncols):
    cols = [[] for _ in range(ncols)]
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            for k in range(ncols):
                cols[k].append(parts[k] if k < len(parts) else "")
    return cols


def split_set(s):
    return frozenset(s.split(",")) if s else frozenset()


class Kind:
    """One entity type: v12 records, v11 records, v11 id items, metadata for the filters."""

    def __init__(self, name):
        self.name = name


class Snapshot:
    def __init__(self, root):
        t0 = time.time()
        self.root = root
        with open(os.path.join(root, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.kinds = {}
        spec = {
            # v12 path segment: (index file, columns, v12 file, v11 name)
            "organization": ("organization.tsv", 6, "organization.jsonl", "Organization"),
            "service": ("service.tsv", 8, "service.jsonl", "Service"),
            "service-channel": ("service-channel.tsv", 6, "service-channel.jsonl", "ServiceChannel"),
        }
        for name, (idx, ncols, v12file, v11name) in spec.items():
            k = Kind(name)
            cols = read_index(os.path.join(root, "index", idx), ncols)
            k.ids = cols[0]
            k.pub = [int(x) for x in cols[1]]
            k.area = cols[2]
            k.munis = [split_set(x) for x in cols[3]]
            if name == "organization":
                k.otype = cols[4]
            elif name == "service":
                k.classes = [split_set(x) for x in cols[4]]
                k.tgroups = [split_set(x) for x in cols[5]]
                k.org = cols[6]
            else:
                k.ctype = cols[4]
                k.org = cols[5]
            k.pos = {cid: i for i, cid in enumerate(k.ids)}
            k.v12 = Records(os.path.join(root, "v12", v12file))
            k.v11 = Records(os.path.join(root, "v11", v11name + ".jsonl"))
            k.v11ids = Records(os.path.join(root, "v11", v11name + ".ids.jsonl"))
            for r in (k.v12, k.v11, k.v11ids):
                if r.n != len(k.ids):
                    raise SystemExit(f"{r.path}: {r.n} records but index has {len(k.ids)}")
            k.v11name = v11name
            self.kinds[name] = k
        c = Kind("connection")
        cols = read_index(os.path.join(root, "index", "connection.tsv"), 3)
        c.sid, c.cid = cols[0], cols[1]
        c.pub = [int(x) for x in cols[2]]
        c.v12 = Records(os.path.join(root, "v12", "connection.jsonl"))
        if c.v12.n != len(c.sid):
            raise SystemExit("connection.jsonl and connection.tsv differ in length")
        c.by_service = collections.defaultdict(list)
        c.by_channel = collections.defaultdict(list)
        for i, (s, ch) in enumerate(zip(c.sid, c.cid)):
            c.by_service[s].append(i)
            c.by_channel[ch].append(i)
        self.conn = c
        self.v11_by_name = {k.v11name.lower(): k for k in self.kinds.values()}
        self.load_seconds = time.time() - t0
        self.bytes_mapped = sum(r.size for k in self.kinds.values() for r in (k.v12, k.v11, k.v11ids)) + c.v12.size


# ----------------------------------------------------------------------------------------------
# stats

class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.t0 = time.time()
        self.by_route = collections.Counter()
        self.by_status = collections.Counter()
        self.bytes = 0
        self.records = 0

    def add(self, route, status, nbytes, nrecords):
        with self.lock:
            self.by_route[route] += 1
            self.by_status[status] += 1
            self.bytes += nbytes
            self.records += nrecords

    def snapshot(self):
        with self.lock:
            total = sum(self.by_route.values())
            up = time.time() - self.t0
            return {"requests": total, "records": self.records, "bytesOut": self.bytes,
                    "uptimeSeconds": round(up, 1), "byStatus": {str(k): v for k, v in sorted(self.by_status.items())},
                    "byRoute": dict(sorted(self.by_route.items()))}


# ----------------------------------------------------------------------------------------------
# request helpers

def int_param(q, name, default, lo, hi, v11=False):
    vals = q.get(name)
    if not vals or vals[-1] == "":
        return default
    try:
        v = int(vals[-1])
    except ValueError:
        raise BadRequest(name, f"The value '{vals[-1]}' is not valid for {name}.")
    if v < lo or v > hi:
        raise BadRequest(name, f"{name} must be between {lo} and {hi}.")
    return v


def list_param(q, name, pattern=None, maxn=V12_MAX_ARRAY):
    out = []
    for v in q.get(name, []):
        for part in v.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    if len(out) > maxn:
        raise BadRequest(name, f"{name}: at most {maxn} values are allowed.")
    if pattern is not None:
        for v in out:
            if not pattern.match(v):
                raise BadRequest(name, f"{name}: '{v}' does not match {pattern.pattern}.")
    return out


def match_param(q, name):
    v = (q.get(name) or ["all"])[-1] or "all"
    if v not in ("all", "any"):
        raise BadRequest(name, f"{name} must be 'all' or 'any'.")
    return v


def parse_instant_ms(value, name):
    v = value.strip()
    if " " in v:  # an unencoded '+' of a UTC offset arrives as a space
        v = v.replace(" ", "+")
    try:
        d = dt.datetime.fromisoformat(v.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise BadRequest(name, f"'{value}' is not a valid date-time.")
    if d.tzinfo is None:
        d = d.replace(tzinfo=UTC)
    return int(d.timestamp() * 1000)


def sets_match(have, want, how):
    if how == "any":
        return not have.isdisjoint(want)
    return want <= have


class FilterCache:
    def __init__(self, size=256):
        self.lock = threading.Lock()
        self.d = collections.OrderedDict()
        self.size = size

    def get(self, key, compute):
        with self.lock:
            v = self.d.get(key)
            if v is not None:
                self.d.move_to_end(key)
                return v
        v = compute()
        with self.lock:
            self.d[key] = v
            if len(self.d) > self.size:
                self.d.popitem(last=False)
        return v


# ----------------------------------------------------------------------------------------------
# the handler

def make_handler(snap: Snapshot, stats: Stats, api_key: str | None, v11_empty_itemlist_null: bool):
    cache = FilterCache()
    req_counter = [0]
    JSON_CT = b"application/json; charset=utf-8"

    def v12_envelope(page, size, total, body):
        pages = math.ceil(total / size) if total else 0
        return b'{"page":%d,"pageSize":%d,"totalItems":%d,"totalPages":%d,"items":[%s]}' % (page, size, total, pages, body)

    def v12_filter(kind, q):
        """Indices (array) of matching records in snapshot order, or None when nothing filters."""
        t = None
        if q.get("publishedAtOrAfter") and q["publishedAtOrAfter"][-1]:
            t = parse_instant_ms(q["publishedAtOrAfter"][-1], "publishedAtOrAfter")
        area = (q.get("areaType") or [""])[-1]
        if area and area not in AREA_TYPES:
            raise BadRequest("areaType", f"areaType must be one of {', '.join(AREA_TYPES)}.")
        munis = frozenset(list_param(q, "municipalities", MUNI_RE))
        mm = match_param(q, "municipalitiesMatch")
        classes = targets = orgs = ctypes = otypes = frozenset()
        cm = tm = "all"
        if kind.name == "service":
            classes = frozenset(list_param(q, "serviceClasses"))
            cm = match_param(q, "serviceClassesMatch")
            targets = frozenset(list_param(q, "targetGroups"))
            tm = match_param(q, "targetGroupsMatch")
        if kind.name in ("service", "service-channel"):
            orgs = frozenset(list_param(q, "organizationContentIds", UUID_RE))
        if kind.name == "service-channel":
            ctypes = frozenset(list_param(q, "channelTypes"))
        if kind.name == "organization":
            otypes = frozenset(list_param(q, "organizationTypes"))
        key = (kind.name, t, area, munis, mm, classes, cm, targets, tm, orgs, ctypes, otypes)
        if key[1:] == (None, "", frozenset(), "all", frozenset(), "all", frozenset(), "all",
                       frozenset(), frozenset(), frozenset()):
            return None

        def compute():
            out = array.array("i")
            n = len(kind.ids)
            pub, ar, mu = kind.pub, kind.area, kind.munis
            for i in range(n):
                if t is not None and pub[i] < t:
                    continue
                if area and ar[i] != area:
                    continue
                if munis and not (ar[i] == "LimitedArea" and sets_match(mu[i], munis, mm)):
                    continue
                if classes and not sets_match(kind.classes[i], classes, cm):
                    continue
                if targets and not sets_match(kind.tgroups[i], targets, tm):
                    continue
                if orgs and kind.org[i] not in orgs:
                    continue
                if ctypes and kind.ctype[i] not in ctypes:
                    continue
                if otypes and kind.otype[i] not in otypes:
                    continue
                out.append(i)
            return out

        return cache.get(key, compute)

    def conn_filter(q):
        c = snap.conn
        sids = list_param(q, "serviceContentIds", UUID_RE)
        cids = list_param(q, "channelContentIds", UUID_RE)
        t = None
        if q.get("publishedAtOrAfter") and q["publishedAtOrAfter"][-1]:
            t = parse_instant_ms(q["publishedAtOrAfter"][-1], "publishedAtOrAfter")
        if not sids and not cids and t is None:
            return None
        key = ("connection", tuple(sids), tuple(cids), t)

        def compute():
            if sids or cids:
                idx = []
                for s in sids:
                    idx.extend(c.by_service.get(s, ()))
                if cids:
                    by_ch = [i for ch in cids for i in c.by_channel.get(ch, ())]
                    if sids:
                        keep = set(by_ch)
                        idx = [i for i in idx if i in keep]
                    else:
                        idx = by_ch
            else:
                idx = range(len(c.sid))
            if t is not None:
                idx = [i for i in idx if c.pub[i] >= t]
            return array.array("i", idx)

        if sids or cids:
            return compute()  # small, not worth caching
        return cache.get(key, compute)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "ptv-stub/1"
        sys_version = ""

        def setup(self):
            super().setup()
            try:
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass

        def log_message(self, fmt, *args):  # quiet
            pass

        def send_body(self, status, body, route, nrecords=0, reason=b"OK"):
            head = b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n" % (
                status, reason, JSON_CT, len(body))
            if self.close_connection:
                head += b"Connection: close\r\n"
            head += b"\r\n"
            self.wfile.write(head + body if self.command != "HEAD" else head)
            stats.add(route, status, len(body), nrecords)

        def problem(self, status, title, detail, route, errors=None):
            req_counter[0] += 1
            d = {"title": title, "detail": detail, "status": status,
                 "type": {400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                          401: "https://tools.ietf.org/html/rfc9110#section-15.5.2"}.get(status, "about:blank"),
                 "requestId": "stub-%08x" % req_counter[0], "instance": self.path}
            if errors is not None:
                d["errors"] = errors
            self.send_body(status, json.dumps(d).encode(), route,
                           reason={400: b"Bad Request", 401: b"Unauthorized"}.get(status, b"Error"))

        def not_found(self, route="other"):
            body = json.dumps({"errorMessage": f"No endpoint {self.command} {urlsplit(self.path).path} in the PTV stub."}).encode()
            self.send_body(404, body, route, reason=b"Not Found")

        def drain(self):
            n = int(self.headers.get("Content-Length") or 0)
            if n > 0:
                self.rfile.read(n)

        def do_POST(self):
            self.drain()
            self.not_found()

        do_PUT = do_DELETE = do_PATCH = do_POST

        def do_HEAD(self):
            self.not_found()

        def do_GET(self):
            u = urlsplit(self.path)
            path = u.path.rstrip("/") or "/"
            parts = path.split("/")
            try:
                if len(parts) >= 4 and parts[1] == "api" and parts[2] == "v12":
                    return self.v12(parts[3:], u.query)
                if len(parts) >= 4 and parts[1] == "api" and parts[2].lower() == "v11":
                    return self.v11([p.lower() for p in parts[3:]], u.query)
            except BadRequest as e:
                if parts[2] == "v12":
                    return self.problem(400, "Bad Request", "One or more validation errors occurred.", "v12 400",
                                        errors=[{"path": e.field, "message": e.message}])
                body = json.dumps({e.field: [e.message]}).encode()
                return self.send_body(400, body, "v11 400", reason=b"Bad Request")
            return self.not_found()

        # ---------------- v12
        def v12(self, rest, query):
            if len(rest) != 2 or rest[1] not in ("search", "archived") or \
                    rest[0] not in ("organization", "service", "service-channel", "connection"):
                return self.not_found("v12 other")
            route = f"v12 {rest[0]}/{rest[1]}"
            key = self.headers.get("x-api-key")
            if not key or (api_key is not None and key != api_key):
                return self.problem(401, "Unauthorized",
                                    "A valid API key is required: send it in the x-api-key header.", route)
            q = parse_qs(query, keep_blank_values=True)
            page = int_param(q, "page", 1, 1, 1_000_000)
            size = int_param(q, "pageSize", 100, 1, V12_MAX_PAGE_SIZE)
            if rest[1] == "archived":
                if not (q.get("archivedAtOrAfter") and q["archivedAtOrAfter"][-1]):
                    raise BadRequest("archivedAtOrAfter", "The archivedAtOrAfter field is required.")
                parse_instant_ms(q["archivedAtOrAfter"][-1], "archivedAtOrAfter")
                return self.send_body(200, v12_envelope(page, size, 0, b""), route)
            if rest[0] == "connection":
                recs = snap.conn.v12
                idx = conn_filter(q)
            else:
                kind = snap.kinds[rest[0]]
                recs = kind.v12
                idx = v12_filter(kind, q)
            start = (page - 1) * size
            if idx is None:
                total = recs.n
                end = min(start + size, total)
                body = recs.run(start, end) if start < total else b""
            else:
                total = len(idx)
                end = min(start + size, total)
                body = recs.pick(idx[start:end]) if start < total else b""
            n = max(0, end - start)
            return self.send_body(200, v12_envelope(page, size, total, body), route, n)

        # ---------------- v11
        def v11(self, rest, query):
            kind = snap.v11_by_name.get(rest[0])
            if kind is None or len(rest) > 2 or (len(rest) == 2 and rest[1] != "list"):
                return self.not_found("v11 other")
            q = parse_qs(query, keep_blank_values=True)
            if len(rest) == 2:
                route = f"v11 {kind.v11name}/list"
                raw = (q.get("guids") or [""])[-1]
                guids = [g.strip() for g in raw.split(",") if g.strip()]
                if not guids:
                    raise BadRequest("guids", "The guids field is required.")
                if len(guids) > V11_MAX_GUIDS:
                    raise BadRequest("guids", f"Max {V11_MAX_GUIDS} guids allowed.")
                for g in guids:
                    if not UUID_RE.match(g):
                        raise BadRequest("guids", "Guid should contain 32 digits with 4 dashes "
                                                  "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
                idx = [kind.pos[g.lower()] for g in guids if g.lower() in kind.pos]
                return self.send_body(200, b"[" + kind.v11.pick(idx) + b"]", route, len(idx))
            route = f"v11 {kind.v11name}"
            page = int_param(q, "page", 1, 0, 10_000_000) or 1
            status = (q.get("status") or ["Published"])[-1] or "Published"
            if status.lower() not in ("published", "archived", "withdrawn"):
                raise BadRequest("status", "Allowed values are Published, Archived and Withdrawn.")
            after = before = None
            for name in ("date", "dateBefore"):
                v = (q.get(name) or [""])[-1]
                if v:
                    if not V11_DATE_RE.match(v):
                        raise BadRequest(name, f"Supports only format yyyy-MM-ddTHH:mm:ss (UTC); got '{v}'.")
                    ms = int(dt.datetime.fromisoformat(v).replace(tzinfo=UTC).timestamp() * 1000)
                    if name == "date":
                        after = ms
                    else:
                        before = ms
            if status.lower() != "published":
                idx = array.array("i")
            elif after is None and before is None:
                idx = None
            else:
                def compute():
                    pub = kind.pub
                    return array.array("i", [i for i in range(len(pub))
                                             if (after is None or pub[i] > after) and (before is None or pub[i] < before)])
                idx = cache.get(("v11", kind.name, after, before), compute)
            total = kind.v11ids.n if idx is None else len(idx)
            start = (page - 1) * V11_PAGE_SIZE
            end = min(start + V11_PAGE_SIZE, total)
            if start >= total:
                body = b""
            elif idx is None:
                body = kind.v11ids.run(start, end)
            else:
                body = kind.v11ids.pick(idx[start:end])
            pages = math.ceil(total / V11_PAGE_SIZE) if total else 0
            items = b"null" if (total == 0 and v11_empty_itemlist_null) else b"[" + body + b"]"
            out = b'{"pageNumber":%d,"pageSize":%d,"pageCount":%d,"itemList":%s}' % (page, V11_PAGE_SIZE, pages, items)
            return self.send_body(200, out, route, max(0, end - start))

    return Handler


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    allow_reuse_address = True
    client_errors = 0

    def handle_error(self, request, client_address):  # quiet: a client that hangs up is not news
        Server.client_errors += 1


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--snapshot", required=True, help="folder written by generate_snapshot.py")
    ap.add_argument("--port", type=int, default=8099, help="0 = any free port (printed on start)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--api-key", default=None, help="require this exact x-api-key (default: any non-empty key)")
    ap.add_argument("--v11-empty-itemlist", choices=("[]", "null"), default="[]",
                    help="itemList of an empty v11 id page (the v11 schema allows null)")
    a = ap.parse_args(argv)

    snap = Snapshot(a.snapshot)
    stats = Stats()
    handler = make_handler(snap, stats, a.api_key, a.v11_empty_itemlist == "null")
    srv = Server((a.host, a.port), handler)
    port = srv.server_address[1]
    counts = snap.manifest.get("counts", {})
    print(f"ptv-stub listening on http://{a.host}:{port} (snapshot {a.snapshot}: "
          f"{counts.get('organizations')} organisations, {counts.get('services')} services, "
          f"{counts.get('channels')} channels, {counts.get('connections')} connections; "
          f"{snap.bytes_mapped / 1e6:.0f} MB mapped, loaded in {snap.load_seconds:.1f}s)", flush=True)

    def on_usr1(signum, frame):
        print("stub-stats " + json.dumps(stats.snapshot(), separators=(",", ":")), flush=True)

    def on_stop(signum, frame):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    signal.signal(signal.SIGUSR1, on_usr1)
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        s = stats.snapshot()
        up = max(s["uptimeSeconds"], 0.001)
        print(f"stub-summary requests={s['requests']} records={s['records']} bytesOut={s['bytesOut']} "
              f"uptime={s['uptimeSeconds']}s avgReqPerSec={s['requests'] / up:.1f} clientErrors={Server.client_errors} "
              f"byStatus={json.dumps(s['byStatus'], separators=(',', ':'))} "
              f"byRoute={json.dumps(s['byRoute'], separators=(',', ':'))}", flush=True)
        srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
