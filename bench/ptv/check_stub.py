#!/usr/bin/env python3
"""Checks a running PTV stub (bench/ptv/stub_server.py) against the contract, and measures it.

    python3 bench/ptv/check_stub.py --base http://127.0.0.1:8099 --snapshot bench/out/snapshot
    python3 bench/ptv/check_stub.py --base … --snapshot … --throughput 10 [--threads 1]

The checks compare the stub's answers with expectations computed independently from the
snapshot files (manifest, index TSVs, the JSON-lines records): envelopes, totalPages maths,
filters, 401 without x-api-key, archived endpoints, v11 id pages and guid lists, v11/v12
consistency (same names, same coordinates, same connections), EPSG:3067 bounds.
Exit status 0 when every check passes. Standard library only.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import random
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

KEY = {"x-api-key": "bench-key"}


class Client:
    def __init__(self, base):
        u = urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.conn = None

    def get(self, path, headers=None, params=None):
        if params:
            path += ("&" if "?" in path else "?") + urlencode(params, doseq=True)
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.conn.request("GET", path, headers=headers or {})
                r = self.conn.getresponse()
                body = r.read()
                return r.status, r.getheader("Content-Type"), body
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise

    def json(self, path, headers=None, params=None):
        st, ct, body = self.get(path, headers, params)
        return st, json.loads(body) if body else None


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def ms(s):
    return int(dt.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() * 1000)


class Checker:
    def __init__(self, base, snapdir):
        self.c = Client(base)
        self.snap = snapdir
        with open(os.path.join(snapdir, "manifest.json"), encoding="utf-8") as f:
            self.manifest = json.load(f)
        self.idx = {k: read_tsv(os.path.join(snapdir, "index", k + ".tsv"))
                    for k in ("organization", "service", "service-channel", "connection")}
        self.failures = 0
        self.passes = 0

    def ok(self, cond, what):
        if cond:
            self.passes += 1
        else:
            self.failures += 1
            print("FAIL", what)
        return cond

    def envelope(self, d, what, page, size, total):
        self.ok(isinstance(d, dict) and set(d) == {"page", "pageSize", "totalItems", "totalPages", "items"},
                f"{what}: v12 envelope keys {sorted(d) if isinstance(d, dict) else d}")
        self.ok(d.get("page") == page and d.get("pageSize") == size, f"{what}: page/pageSize echoed")
        self.ok(d.get("totalItems") == total, f"{what}: totalItems {d.get('totalItems')} != expected {total}")
        self.ok(d.get("totalPages") == (math.ceil(total / size) if total else 0),
                f"{what}: totalPages {d.get('totalPages')} for {total}/{size}")
        start = (page - 1) * size
        want = max(0, min(size, total - start))
        self.ok(len(d.get("items") or []) == want, f"{what}: {len(d.get('items') or [])} items, expected {want}")

    def run(self):
        c, m = self.c, self.manifest["counts"]
        totals = {"organization": m["organizations"], "service": m["services"],
                  "service-channel": m["channels"], "connection": m["connections"]}
        # --- 401, 404, content type
        for t in totals:
            st, _, body = c.get(f"/api/v12/{t}/search?page=1&pageSize=1")
            self.ok(st == 401 and json.loads(body).get("status") == 401, f"401 without x-api-key on {t}/search ({st})")
        st, ct, body = c.get("/api/v12/service/search?page=1&pageSize=1", KEY)
        self.ok(st == 200 and ct.startswith("application/json"), f"content-type {ct}")
        for p in ("/api/v13/service", "/api/v12/unknown/search", "/", "/api/v11/Foo", "/api/v11/Service/list/area/x"):
            st, _, body = c.get(p, KEY)
            self.ok(st == 404 and "errorMessage" in json.loads(body), f"404 errorMessage for {p} ({st})")

        # --- v12 plain paging, all three types + connections
        for t, total in totals.items():
            for page, size in ((1, 100), (2, 100), (math.ceil(total / 100), 100), (math.ceil(total / 100) + 1, 100),
                               (3, 7), (1, 1)):
                st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": page, "pageSize": size})
                self.ok(st == 200, f"{t} page {page} status {st}")
                self.envelope(d, f"{t} p{page}/{size}", page, size, total)
            st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": 1, "pageSize": 101})
            self.ok(st == 400 and d.get("errors"), f"{t} pageSize 101 → 400 ({st})")
            st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": 0, "pageSize": 10})
            self.ok(st == 400, f"{t} page 0 → 400 ({st})")
            # future publishedAtOrAfter → nothing
            st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": 1, "pageSize": 100,
                                                         "publishedAtOrAfter": "2026-06-01T00:00:00Z"})
            self.envelope(d, f"{t} publishedAtOrAfter=2026-06-01", 1, 100, 0)
            # archived → empty; missing param → 400
            st, d = c.json(f"/api/v12/{t}/archived", KEY, {"page": 1, "pageSize": 100,
                                                           "archivedAtOrAfter": "2020-01-01T00:00:00Z"})
            self.ok(st == 200, f"{t}/archived status {st}")
            self.envelope(d, f"{t}/archived", 1, 100, 0)
            st, d = c.json(f"/api/v12/{t}/archived", KEY, {"page": 1, "pageSize": 100})
            self.ok(st == 400, f"{t}/archived without archivedAtOrAfter → 400 ({st})")
            st, _, _ = c.get(f"/api/v12/{t}/archived?page=1&pageSize=1&archivedAtOrAfter=2020-01-01T00:00:00Z")
            self.ok(st == 401, f"{t}/archived without key → 401")

        # --- full crawl of organisations: unique ids, equals the index
        seen = []
        page = 1
        while True:
            st, d = c.json("/api/v12/organization/search", KEY, {"page": page, "pageSize": 100})
            seen += [i["contentId"] for i in d["items"]]
            if page >= d["totalPages"]:
                break
            page += 1
        self.ok(len(seen) == len(set(seen)) == m["organizations"], f"organisation crawl: {len(seen)} ids")
        self.ok(seen == [r[0] for r in self.idx["organization"]], "organisation crawl order = snapshot order")

        # --- publishedAtOrAfter in the middle
        cut = "2026-05-01T00:00:00.000Z"
        for t in ("organization", "service", "service-channel"):
            want = sum(1 for r in self.idx[t] if int(r[1]) >= ms(cut))
            st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": 1, "pageSize": 100, "publishedAtOrAfter": cut})
            self.envelope(d, f"{t} publishedAtOrAfter={cut}", 1, 100, want)
            self.ok(all(ms(i["publishedAt"]) >= ms(cut) for i in d["items"]), f"{t}: items published ≥ cut")
        want = sum(1 for r in self.idx["connection"] if int(r[2]) >= ms(cut))
        st, d = c.json("/api/v12/connection/search", KEY, {"page": 1, "pageSize": 100, "publishedAtOrAfter": cut})
        self.envelope(d, "connection publishedAtOrAfter", 1, 100, want)
        st, d = c.json("/api/v12/connection/search", KEY, {"page": 1, "pageSize": 100,
                                                           "publishedAtOrAfter": "2026-05-01T03:00:00+03:00"})
        self.ok(d["totalItems"] == want, "publishedAtOrAfter with +03:00 offset")
        st, d = c.json("/api/v12/service/search", KEY, {"page": 1, "pageSize": 1, "publishedAtOrAfter": "yesterday"})
        self.ok(st == 400, "bad publishedAtOrAfter → 400")

        # --- areaType
        for area, want in (("WholeCountry", m["servicesWholeCountry"]),
                           ("WholeCountryExceptAland", m["servicesWholeCountryExceptAland"]),
                           ("LimitedArea", m["services"] - m["servicesWholeCountry"] - m["servicesWholeCountryExceptAland"])):
            st, d = c.json("/api/v12/service/search", KEY, {"page": 1, "pageSize": 100, "areaType": area})
            self.envelope(d, f"service areaType={area}", 1, 100, want)
            self.ok(all(i["area"]["areaType"] == area for i in d["items"]), f"areaType={area} items")
        st, d = c.json("/api/v12/service/search", KEY, {"page": 1, "pageSize": 1, "areaType": "Mars"})
        self.ok(st == 400, "bad areaType → 400")

        # --- municipalities any / all, on all three types
        munis = ["297", "749"]
        pair = next(r[3].split(",")[:2] for r in self.idx["service"] if r[3].count(",") >= 1)
        for t in ("organization", "service", "service-channel"):
            rows = self.idx[t]
            any_want = sum(1 for r in rows if r[2] == "LimitedArea" and set(r[3].split(",")) & set(munis))
            all_want = sum(1 for r in rows if r[2] == "LimitedArea" and set(pair) <= set(r[3].split(",")))
            st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": 1, "pageSize": 100, "areaType": "LimitedArea",
                                                         "municipalities": munis, "municipalitiesMatch": "any"})
            self.envelope(d, f"{t} municipalities any", 1, 100, any_want)
            self.ok(all(set(i["area"]["municipalities"]) & set(munis) for i in d["items"]), f"{t} municipalities any items")
            st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": 1, "pageSize": 100, "municipalities": pair})
            self.envelope(d, f"{t} municipalities all (default)", 1, 100, all_want)
            self.ok(all(set(pair) <= set(i["area"]["municipalities"]) for i in d["items"]), f"{t} municipalities all items")
            st, d = c.json(f"/api/v12/{t}/search", KEY, {"page": 1, "pageSize": 100,
                                                         "municipalities": ",".join(munis), "municipalitiesMatch": "any"})
            self.ok(d["totalItems"] == any_want, f"{t} comma-separated municipalities")
            print(f"  {t}: municipalities 297|749 any={any_want}; {'+'.join(pair)} all={all_want}")
        st, d = c.json("/api/v12/service/search", KEY, {"page": 1, "pageSize": 1, "municipalities": "91"})
        self.ok(st == 400, "municipality code '91' → 400")
        st, d = c.json("/api/v12/service/search", KEY, {"page": 1, "pageSize": 1,
                                                        "municipalities": ["%03d" % i for i in range(21)]})
        self.ok(st == 400, "21 municipalities → 400")

        # --- serviceClasses any / all; combined filters
        cls = ["P5.16", "P5.17", "P4.12"]
        rows = self.idx["service"]
        any_want = sum(1 for r in rows if set(r[4].split(",")) & set(cls))
        st, d = c.json("/api/v12/service/search", KEY, {"page": 2, "pageSize": 100, "serviceClasses": cls,
                                                        "serviceClassesMatch": "any"})
        self.envelope(d, "serviceClasses any", 2, 100, any_want)
        self.ok(all(set(i["serviceClasses"]) & set(cls) for i in d["items"]), "serviceClasses any items")
        all_want = sum(1 for r in rows if {"P5.16", "P5.17"} <= set(r[4].split(",")))
        st, d = c.json("/api/v12/service/search", KEY, {"page": 1, "pageSize": 100, "serviceClasses": ["P5.16", "P5.17"]})
        self.envelope(d, "serviceClasses all (default)", 1, 100, all_want)
        comb = sum(1 for r in rows if set(r[4].split(",")) & set(cls) and r[2] == "LimitedArea"
                   and set(r[3].split(",")) & {"091", "049", "092"} and int(r[1]) >= ms("2025-01-01T00:00:00Z"))
        st, d = c.json("/api/v12/service/search", KEY, {"page": 1, "pageSize": 100, "serviceClasses": cls,
                                                        "serviceClassesMatch": "any", "areaType": "LimitedArea",
                                                        "municipalities": ["091", "049", "092"],
                                                        "municipalitiesMatch": "any",
                                                        "publishedAtOrAfter": "2025-01-01T00:00:00Z"})
        self.envelope(d, "combined filters", 1, 100, comb)
        print(f"  services: classes any={any_want}, P5.16+P5.17={all_want}, combined={comb}")
        ct_want = sum(1 for r in self.idx["service-channel"] if r[4] == "ServiceLocation")
        st, d = c.json("/api/v12/service-channel/search", KEY, {"page": 1, "pageSize": 100, "channelTypes": "ServiceLocation"})
        self.envelope(d, "channelTypes=ServiceLocation", 1, 100, ct_want)

        # --- connections by service ids; v11 embedded connections agree
        by_service = {}
        for r in self.idx["connection"]:
            by_service.setdefault(r[0], []).append(r[1])
        rnd = random.Random(7)
        sample = rnd.sample([r[0] for r in rows], 20)
        want = sum(len(by_service.get(s, [])) for s in sample)
        items = []
        page = 1
        while True:
            st, d = c.json("/api/v12/connection/search", KEY, {"page": page, "pageSize": 100, "serviceContentIds": sample})
            if page == 1:
                self.envelope(d, "connection by 20 serviceContentIds", 1, 100, want)
            items += d["items"]
            if page >= d["totalPages"]:
                break
            page += 1
        self.ok(all(i["serviceContentId"] in sample for i in items), "connections belong to the requested services")
        self.ok(all(set(i) >= {"serviceContentId", "channelContentId", "contactAddresses", "chargeType", "serviceHours",
                               "languageVersions", "publishedAt"} for i in items), "ConnectionResponse fields")
        st, d = c.json("/api/v12/connection/search", KEY, {"page": 1, "pageSize": 100,
                                                           "serviceContentIds": sample + [rows[0][0]]})
        self.ok(st == 400, "21 serviceContentIds → 400")
        st, v11s = c.json("/api/v11/Service/list", None, {"guids": ",".join(sample)})
        self.ok(st == 200 and isinstance(v11s, list) and [s["id"] for s in v11s] == sample,
                "v11 Service/list returns the requested services in order")
        v11pairs = {(s["id"], ch["serviceChannel"]["id"]) for s in v11s for ch in (s["serviceChannels"] or [])}
        v12pairs = {(i["serviceContentId"], i["channelContentId"]) for i in items}
        self.ok(v11pairs == v12pairs, f"v11 serviceChannels == v12 connections ({len(v11pairs)} vs {len(v12pairs)})")
        chans = sorted({ch for _, ch in v12pairs})[:100]
        st, v11c = c.json("/api/v11/ServiceChannel/list", None, {"guids": ",".join(chans)})
        back = {(sv["service"]["id"], ch["id"]) for ch in v11c for sv in ch["services"]}
        self.ok(v12pairs <= back, "v11 channel.services contains the connections")
        st, d = c.json("/api/v12/connection/search", KEY, {"page": 1, "pageSize": 100, "channelContentIds": chans[:5]})
        want_c = sum(1 for r in self.idx["connection"] if r[1] in chans[:5])
        self.envelope(d, "connection by channelContentIds", 1, 100, want_c)

        # --- v11 id pages
        for name, t in (("Organization", "organization"), ("Service", "service"), ("ServiceChannel", "service-channel")):
            total = totals[t]
            pc = math.ceil(total / 1000)
            for page in (1, pc, pc + 1):
                st, d = c.json(f"/api/v11/{name}", None, {"page": page})
                self.ok(st == 200 and set(d) == {"pageNumber", "pageSize", "pageCount", "itemList"}, f"v11 {name} envelope")
                self.ok(d["pageNumber"] == page and d["pageSize"] == 1000 and d["pageCount"] == pc,
                        f"v11 {name} page {page}: {d['pageNumber']}/{d['pageSize']}/{d['pageCount']}")
                want = max(0, min(1000, total - (page - 1) * 1000))
                self.ok(len(d["itemList"]) == want, f"v11 {name} page {page}: {len(d['itemList'])} items, want {want}")
                keys = {"id", "name", "parentOrganizationId"} if name == "Organization" else {"id", "name"}
                self.ok(all(set(i) == keys for i in d["itemList"]), f"v11 {name} id item keys")
            st, d = c.json(f"/api/v11/{name.lower()}", None, {})
            self.ok(st == 200 and d["pageCount"] == pc, f"v11 {name} path is case-insensitive")
            for status in ("Archived", "Withdrawn"):
                st, d = c.json(f"/api/v11/{name}", None, {"status": status})
                self.ok(st == 200 and d["pageCount"] == 0 and d["itemList"] == [], f"v11 {name} status={status} empty")
            st, d = c.json(f"/api/v11/{name}", None, {"date": "2026-06-01T00:00:00"})
            self.ok(st == 200 and d["pageCount"] == 0 and d["itemList"] == [], f"v11 {name} date=2026-06-01 empty")
            want = sum(1 for r in self.idx[t] if int(r[1]) > ms("2026-05-01T00:00:00Z"))
            st, d = c.json(f"/api/v11/{name}", None, {"date": "2026-05-01T00:00:00"})
            self.ok(d["pageCount"] == math.ceil(want / 1000) and len(d["itemList"]) == min(1000, want),
                    f"v11 {name} date=2026-05-01 → {want} items")
            st, d = c.json(f"/api/v11/{name}", None, {"date": "2026-05-01"})
            self.ok(st == 400 and "date" in d, f"v11 {name} bad date → 400 {{date: [...]}}")
            # guid lists
            ids = [r[0] for r in self.idx[t][:150]]
            st, d = c.json(f"/api/v11/{name}/list", None, {"guids": ",".join(ids[:100])})
            self.ok(st == 200 and [x["id"] for x in d] == ids[:100], f"v11 {name}/list 100 guids")
            pad = ["00000000-0000-4000-8000-%012d" % k for k in range(101)]
            st, d = c.json(f"/api/v11/{name}/list", None, {"guids": ",".join((ids + pad)[:101])})
            self.ok(st == 400 and "guids" in d, f"v11 {name}/list 101 guids → 400")
            st, d = c.json(f"/api/v11/{name}/list", None, {"guids": "not-a-guid"})
            self.ok(st == 400, f"v11 {name}/list bad guid → 400")
            st, d = c.json(f"/api/v11/{name}/list", None, {"guids": "00000000-0000-4000-8000-000000000000," + ids[0]})
            self.ok(st == 200 and [x["id"] for x in d] == ids[:1], f"v11 {name}/list skips unknown ids")

        # --- v11/v12 consistency on a page of channels, EPSG:3067 bounds
        st, d12 = c.json("/api/v12/service-channel/search", KEY, {"page": 5, "pageSize": 100})
        ids = [i["contentId"] for i in d12["items"]]
        st, d11 = c.json("/api/v11/ServiceChannel/list", None, {"guids": ",".join(ids)})
        by11 = {x["id"]: x for x in d11}
        v11type = {"ServiceLocation": "ServiceLocation", "WebPage": "WebPage", "TelephoneService": "Phone", "EService": "EChannel"}
        coords = 0
        for i in d12["items"]:
            x = by11[i["contentId"]]
            self.ok(x["serviceChannelType"] == v11type[i["serviceChannelType"]], "channel type v11/v12")
            n12 = {l: lv["name"] for l, lv in i["languageVersions"].items()}
            n11 = {n["language"]: n["value"] for n in x["serviceChannelNames"] if n["type"] == "Name"}
            self.ok(n12 == n11, f"channel names v11/v12 {n11} {n12}")
            self.ok(x["modified"][:23] == i["publishedAt"][:23], "v11 modified == v12 publishedAt")
            if i["serviceChannelType"] == "ServiceLocation":
                a12 = i["location"]["streetAddresses"]
                a11 = [a for a in x["addresses"] if a["type"] == "Location"]
                for p12, p11 in zip(a12, a11):
                    s11 = p11["streetAddress"]
                    if p12["coordinates"]:
                        co = p12["coordinates"][0]
                        coords += 1
                        self.ok(co["system"] == "EPSG:3067" and isinstance(co["easting"], (int, float)), "v12 coordinate")
                        self.ok(80_000 <= co["easting"] <= 740_000 and 6_600_000 <= co["northing"] <= 7_780_000,
                                f"coordinate inside Finland bbox {co}")
                        self.ok(isinstance(s11["latitude"], str) and abs(float(s11["latitude"]) - co["northing"]) < 0.001
                                and abs(float(s11["longitude"]) - co["easting"]) < 0.001,
                                "v11 latitude=northing, longitude=easting (strings)")
                    else:
                        self.ok(s11["latitude"] is None and s11["coordinateState"] == "NotReceived", "no coordinates")
                    self.ok(p12["postalCode"] == s11["postalCode"] and len(p12["postalCode"]) == 5, "postal code")
        self.ok(coords > 30, f"coordinates seen on page 5: {coords}")
        print(f"checks: {self.passes} passed, {self.failures} failed")
        return self.failures == 0


def throughput(base, seconds, threads, path_fn, label):
    stop = time.time() + seconds
    counts = [0] * threads
    nbytes = [0] * threads
    recs = [0] * threads
    errors = [0] * threads

    def worker(k):
        cl = Client(base)
        rnd = random.Random(k)
        while time.time() < stop:
            st, _, body = cl.get(path_fn(rnd), KEY)
            if st != 200:
                errors[k] += 1
            counts[k] += 1
            nbytes[k] += len(body)
            recs[k] += body.count(b'"contentId"') if b'"items"' in body else 0

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    t0 = time.time()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    el = time.time() - t0
    n, b, r = sum(counts), sum(nbytes), sum(recs)
    print(f"{label}: {threads} client thread(s), {el:.1f}s: {n / el:.0f} req/s, {r / el:.0f} records/s, "
          f"{b / el / 1e6:.0f} MB/s, avg page {b / max(n, 1) / 1e3:.0f} kB, errors {sum(errors)}")
    return n / el, r / el


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="http://127.0.0.1:8099")
    ap.add_argument("--snapshot", required=True)
    ap.add_argument("--throughput", type=float, default=0, help="seconds per throughput run (0 = skip)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--skip-checks", action="store_true")
    a = ap.parse_args(argv)
    good = True
    if not a.skip_checks:
        good = Checker(a.base, a.snapshot).run()
    if a.throughput > 0:
        with open(os.path.join(a.snapshot, "manifest.json"), encoding="utf-8") as f:
            m = json.load(f)["counts"]
        chp = max(1, m["channels"] // 100)
        svp = max(1, m["services"] // 100)
        throughput(a.base, a.throughput, a.threads,
                   lambda r: f"/api/v12/service-channel/search?page={r.randint(1, chp)}&pageSize=100",
                   "v12 service-channel/search pageSize=100")
        throughput(a.base, a.throughput, a.threads,
                   lambda r: f"/api/v12/service/search?page={r.randint(1, svp)}&pageSize=100",
                   "v12 service/search pageSize=100")
        throughput(a.base, a.throughput, a.threads,
                   lambda r: f"/api/v12/service-channel/search?page={r.randint(1, 50)}&pageSize=100"
                             f"&areaType=LimitedArea&municipalities=091&municipalities=049&municipalitiesMatch=any",
                   "v12 service-channel/search filtered (cached)")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
