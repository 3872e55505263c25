#!/usr/bin/env python3
"""Deterministic generator of a synthetic national PTV snapshot, in both v12 and v11 shapes.

    python3 bench/ptv/generate_snapshot.py --out bench/out/snapshot \
        [--organizations 1500] [--services 30000] [--channels 150000] [--seed 20260601]

The same underlying data is rendered twice: as PTV v12 OUT-API objects (contentId,
languageVersions, area, coordinates as numbers, separate connection resources) and as PTV v11
objects (id, serviceNames[], areas[], streetAddress.latitude/longitude strings, connections
embedded in service.serviceChannels[] and channel.services[]). Shapes follow
shared/reference/ptv-v12.md, shared/reference/ptv.md and the fixtures in shared/fixtures/.

Layout written to --out (one record per line, already serialised, so the stub never re-encodes):

    manifest.json                  counts, bytes, parameters
    index/<type>.tsv               per-record metadata for the stub's filters (same line order)
    v12/organization.jsonl  v12/service.jsonl  v12/service-channel.jsonl  v12/connection.jsonl
    v11/Organization.jsonl  v11/Service.jsonl  v11/ServiceChannel.jsonl   (full objects)
    v11/Organization.ids.jsonl  v11/Service.ids.jsonl  v11/ServiceChannel.ids.jsonl  (id-list items)

Standard library only. Same seed + same counts + same code lists => byte-identical output.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sys
import time
import uuid

sys.dont_write_bytecode = True  # keep bench/ptv free of __pycache__ (it is not git-ignored)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptv_texts as T  # noqa: E402

GENERATOR_VERSION = 1
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
DEFAULT_CODELISTS = os.path.join(REPO, "..", "shared", "codelists", "ptv")

UTC = dt.timezone.utc
T_START = int(dt.datetime(2019, 1, 1, tzinfo=UTC).timestamp() * 1000)
T_END = int(dt.datetime(2026, 5, 31, 23, 0, 0, tzinfo=UTC).timestamp() * 1000)  # < 2026-06-01
T_MIGRATED = int(dt.datetime(2026, 2, 27, 3, 0, 0, tzinfo=UTC).timestamp() * 1000)

# EPSG:3067 bounds required by the brief: easting 80 000–740 000, northing 6 600 000–7 780 000.
E_MIN, E_MAX, N_MIN, N_MAX = 80_000.0, 740_000.0, 6_600_000.0, 7_780_000.0
# Crude outline of Finland in EPSG:3067: (northing_from, northing_to, easting_min, easting_max).
FINLAND_BANDS = [
    (6_640_000, 6_750_000, 110_000, 560_000, 30),
    (6_750_000, 6_950_000, 210_000, 640_000, 30),
    (6_950_000, 7_150_000, 220_000, 700_000, 20),
    (7_150_000, 7_350_000, 300_000, 640_000, 10),
    (7_350_000, 7_550_000, 360_000, 620_000, 6),
    (7_550_000, 7_760_000, 350_000, 560_000, 4),
]

LANG_ORDER = ("fi", "sv", "en")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYS_V11 = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
V11_CHARGE = {"Charged": "Chargeable", "Free": "FreeOfCharge", "ExtraCharge": "Other", None: None}
V11_SERVICE_TYPE = {"Service": "Service", "PermitOrOtherObligation": "PermitOrObligation",
                    "ProfessionalQualification": "ProfessionalQualification"}
V11_CHANNEL_TYPE = {"ServiceLocation": "ServiceLocation", "WebPage": "WebPage",
                    "TelephoneService": "Phone", "EService": "EChannel"}
V11_AREA_TYPE = {"WholeCountry": "Nationwide", "WholeCountryExceptAland": "NationwideExceptAlandIslands",
                 "LimitedArea": "LimitedType", None: None}
HOLIDAYS = ("ChristmasEve", "ChristmasDay", "MidsummerEve", "NewYearDay", "GoodFriday", "MayDay")

ENC = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


# ----------------------------------------------------------------------------------------------
# small helpers

def sub_rng(seed: int, kind: str, i: int) -> random.Random:
    h = hashlib.blake2b(f"{seed}/{kind}/{i}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(h, "big"))


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def iso12(ms: int) -> str:
    d = dt.datetime.fromtimestamp(ms / 1000, tz=UTC)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (ms % 1000)


def iso11(ms: int) -> str:  # v11 "modified": UTC, microseconds, no offset (as in the fixtures)
    d = dt.datetime.fromtimestamp(ms / 1000, tz=UTC)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + ".%06d" % ((ms % 1000) * 1000)


def pick_time(rng: random.Random) -> int:
    u = rng.random()
    return T_START + int((T_END - T_START) * (1.0 - u * u))  # skewed towards recent years


def migrated_at(rng: random.Random, pub_ms: int):
    if pub_ms < T_MIGRATED:
        return iso12(T_MIGRATED + rng.randrange(0, 3 * 3600 * 1000))
    return None


def sorted_langs(langs) -> list:
    return [l for l in LANG_ORDER if l in langs]


def tri(triple, lang: str) -> str:
    return triple[LANG_ORDER.index(lang)]


def lt_of(triple, langs) -> dict:
    return {l: tri(triple, l) for l in langs}


def weighted(rng: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def y_tunnus(rng: random.Random) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2)
    while True:
        digits = [rng.randrange(10) for _ in range(7)]
        digits[0] = rng.randrange(1, 4)
        r = sum(d * w for d, w in zip(digits, weights)) % 11
        if r == 1:
            continue
        check = 0 if r == 0 else 11 - r
        return "".join(map(str, digits)) + "-" + str(check)


def slug(text: str) -> str:
    table = str.maketrans({"ä": "a", "ö": "o", "å": "a", "é": "e", "Ä": "a", "Ö": "o", "Å": "a"})
    out = []
    for ch in text.translate(table).lower():
        if ch.isalnum() and ch.isascii():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:40] or "x"


# ----------------------------------------------------------------------------------------------
# code lists

def load_codelists(path: str):
    def load(name):
        with open(os.path.join(path, name), encoding="utf-8") as f:
            return json.load(f)

    munis = []
    for m in load("Municipality.json"):
        names = {n["language"]: n["name"] for n in m.get("names", [])}
        fi = names.get("fi") or names.get("sv")
        sv = names.get("sv") or fi
        org = m.get("organizationName") or (fi + "n kunta")
        gen = org
        for suffix in (" kaupunki", " kunta", " stad", " kommun"):
            if gen.endswith(suffix):
                gen = gen[: -len(suffix)]
        munis.append({"code": m["municipalityCode"], "fi": fi, "sv": sv, "org": org, "gen": gen,
                      "bid": m.get("businessId"), "city": org.endswith("kaupunki")})

    classes = {}
    for c in load("ServiceClasses.json"):
        code = c.get("Notation")
        if not code or code in classes or not c.get("Id"):
            continue
        label = c.get("Label") or {}
        notes = c.get("Notes") or {}
        parent = (c.get("BroaderUris") or [None])[0]
        classes[code] = {
            "code": code, "uri": c["Id"], "parentUri": parent,
            "fi": label.get("Fi") or code, "sv": label.get("Sv") or label.get("Fi") or code,
            "en": label.get("En") or label.get("Fi") or code,
            "v11": {
                "name": [{"value": label[k], "language": k.lower()} for k in ("Fi", "Sv", "En") if label.get(k)],
                "description": [{"value": notes[k], "language": k.lower()} for k in ("Fi", "Sv", "En") if notes.get(k)],
                "code": code, "ontologyType": None, "uri": c["Id"], "parentId": None, "parentUri": parent,
            },
        }
    tgroups = {}
    for t in load("TargetGroups.json"):
        label = t.get("Label") or {}
        tgroups[t["Notation"]] = {
            "name": [{"value": label[k], "language": k.lower()} for k in ("Fi", "Sv", "En") if label.get(k)],
            "code": t["Notation"], "ontologyType": None, "uri": t["Id"], "parentId": None,
            "parentUri": (t.get("BroaderUris") or [None])[0],
        }
    life = {}
    for e in load("LifeEvents.json"):
        label = e.get("Label") or {}
        life[e["Notation"]] = {
            "name": [{"value": label[k], "language": k.lower()} for k in ("Fi", "Sv", "En") if label.get(k)],
            "code": e["Notation"], "ontologyType": None, "uri": e["Id"], "parentId": None,
            "parentUri": (e.get("BroaderUris") or [None])[0],
        }
    return munis, classes, tgroups, life


# ----------------------------------------------------------------------------------------------
# the generator

class Snapshot:
    def __init__(self, args):
        self.args = args
        self.seed = args.seed
        self.rng = random.Random(args.seed)
        self.munis, self.classes, self.tgroups, self.life = load_codelists(args.codelists)
        self.leaf_classes = sorted(c for c, v in self.classes.items() if v["parentUri"])
        self.muni_by_code = {m["code"]: i for i, m in enumerate(self.munis)}
        self._geography()
        self.onto_v11 = {u: {"name": [{"value": fi, "language": "fi"}, {"value": sv, "language": "sv"},
                                       {"value": en, "language": "en"}],
                              "code": None, "ontologyType": "YSO", "uri": u, "parentId": None, "parentUri": None}
                         for (u, fi, sv, en) in T.ONTOLOGY_TERMS}
        self.ind_v11 = {u: {"name": [{"value": "Toimiala " + u.rsplit("/", 1)[1], "language": "fi"}],
                            "code": u.rsplit("/", 1)[1], "ontologyType": None, "uri": u, "parentId": None,
                            "parentUri": None} for u in T.INDUSTRIAL_CLASSES}

    # geography: synthetic centre point, postal-code base and neighbours for every municipality
    def _geography(self):
        bands = [(b[:4], b[4]) for b in FINLAND_BANDS]
        for m in self.munis:
            r = random.Random("geo/" + m["code"])  # independent of --seed: places stay put
            (n0, n1, e0, e1) = weighted(r, bands)
            m["n"] = r.uniform(n0, n1)
            m["e"] = r.uniform(e0, e1)
            m["postal"] = 10 + (int(m["code"]) * 37) % 89  # first two digits, 10..98
            m["v11"] = {"code": m["code"], "name": [{"value": m["sv"], "language": "sv"},
                                                     {"value": m["fi"], "language": "en"},
                                                     {"value": m["fi"], "language": "fi"}]}
            m["weight"] = T.BIG_CITIES.get(m["code"], 1)
        for m in self.munis:
            d = sorted(((o["e"] - m["e"]) ** 2 + (o["n"] - m["n"]) ** 2, o["code"])
                       for o in self.munis if o is not m)
            m["near"] = [c for _, c in d[:8]]

    def langs_for(self, rng, muni_code, sv_p=0.22, en_p=0.15):
        if muni_code in T.SWEDISH_MUNICIPALITIES:
            langs = ["sv"] if rng.random() < 0.4 else ["fi", "sv"]
        else:
            langs = ["fi"]
            if rng.random() < sv_p:
                langs.append("sv")
        if rng.random() < en_p:
            langs.append("en")
        return sorted_langs(langs)

    # ---------------------------------------------------------------- core (global rng)
    def build_core(self):
        a, rng = self.args, self.rng
        munis = self.munis
        n_org = a.organizations
        n_muni = min(len(munis), max(1, int(n_org * 0.21)))
        weights = [m["weight"] for m in munis]
        orgs = []
        for i in range(n_org):
            o = {"id": new_uuid(rng), "pub": pick_time(rng), "parent": None}
            if i < n_muni:
                m = munis[i]
                o.update(type="Municipality", muni=m["code"], bid=m["bid"] or y_tunnus(rng))
                o["langs"] = ["fi", "sv"] if m["code"] not in T.SWEDISH_MUNICIPALITIES else ["sv", "fi"]
                o["langs"] = sorted_langs(o["langs"] + (["en"] if rng.random() < 0.5 else []))
                suffix_sv = " stad" if m["city"] else " kommun"
                o["name"] = {"fi": m["org"], "sv": m["sv"] + suffix_sv,
                             "en": ("City of " if m["city"] else "Municipality of ") + m["fi"]}
            else:
                m = rng.choices(munis, weights)[0]
                typ = "Organization" if rng.random() < 0.6 else "Company"
                o.update(type=typ, muni=m["code"], bid=y_tunnus(rng), langs=self.langs_for(rng, m["code"]))
                if typ == "Organization":
                    theme = rng.choice(T.NGO_THEMES)
                    seutu = rng.random() < 0.25
                    o["name"] = {"fi": f"{m['gen']} {'seudun ' if seutu else ''}{theme[0]} ry",
                                 "sv": f"{m['sv']} {theme[1]} rf",
                                 "en": f"{theme[2]} of {m['fi']}"}
                    if rng.random() < 0.08 and len(orgs) > n_muni + 5:
                        p = rng.randrange(n_muni, len(orgs))
                        if orgs[p]["type"] == "Organization" and orgs[p]["parent"] is None:
                            o["parent"] = p
                            o["bid"] = orgs[p]["bid"]
                            o["name"] = {k: f"{orgs[p]['name'][k]}, {m['fi']} {w}" for k, w in
                                         (("fi", "paikallisosasto"), ("sv", "lokalavdelning"), ("en", "local branch"))}
                else:
                    line = rng.choice(T.COMPANY_LINES)
                    who = m["gen"] if rng.random() < 0.5 else rng.choice(T.SURNAMES)
                    o["name"] = {"fi": f"{who} {line[0]} Oy", "sv": f"{who} {line[1]} Ab",
                                 "en": f"{who} {line[2]} Ltd"}
            o["services"], o["channels"] = [], []
            orgs.append(o)

        # services: every organisation gets one, the rest by weight (municipalities and big cities more)
        n_svc = a.services
        org_w = []
        for o in orgs:
            mw = munis[self.muni_by_code[o["muni"]]]["weight"]
            org_w.append({"Municipality": 25 + 3 * mw, "Organization": 6 + mw, "Company": 4 + mw}[o["type"]])
        owners = list(range(min(n_org, n_svc)))
        owners += rng.choices(range(n_org), org_w, k=n_svc - len(owners))
        services = []
        hyte = T.HYTE_CLASSES
        for i, oi in enumerate(owners):
            o = orgs[oi]
            m = munis[self.muni_by_code[o["muni"]]]
            s = {"id": new_uuid(rng), "org": oi, "pub": pick_time(rng)}
            # classes: mostly wellbeing classes, some from the whole code list; 1–4 of them
            first = weighted(rng, hyte) if rng.random() < 0.6 else rng.choice(self.leaf_classes)
            classes = [first]
            for _ in range(weighted(rng, [(0, 45), (1, 35), (2, 14), (3, 6)])):
                c = weighted(rng, hyte) if rng.random() < 0.7 else rng.choice(self.leaf_classes)
                if c not in classes:
                    classes.append(c)
            s["classes"] = classes
            tgs = [weighted(rng, T.TARGET_GROUPS)]
            for _ in range(weighted(rng, [(0, 50), (1, 35), (2, 15)])):
                g = weighted(rng, T.TARGET_GROUPS)
                if g not in tgs:
                    tgs.append(g)
            s["tgs"] = tgs
            x = rng.random()
            if x < 0.05:
                s["area"], s["munis"] = "WholeCountry", []
            elif x < 0.06:
                s["area"], s["munis"] = "WholeCountryExceptAland", []
            else:
                s["area"] = "LimitedArea"
                if o["type"] == "Municipality":
                    extra = weighted(rng, [(0, 85), (1, 8), (2, 4), (3, 3)])
                else:
                    extra = weighted(rng, [(0, 50), (1, 20), (2, 15), (3, 10), (4, 5)])
                s["munis"] = [o["muni"]] + rng.sample(m["near"], extra)
            s["stype"] = weighted(rng, [("Service", 96), ("PermitOrOtherObligation", 2.5),
                                        ("ProfessionalQualification", 1.5)])
            s["langs"] = self.langs_for(rng, o["muni"]) if o["type"] != "Municipality" else \
                sorted_langs(["fi"] + (["sv"] if rng.random() < 0.35 or "sv" == o["langs"][0] else [])
                             + (["en"] if rng.random() < 0.2 else []))
            if o["muni"] in T.SWEDISH_MUNICIPALITIES and "sv" not in s["langs"]:
                s["langs"] = sorted_langs(s["langs"] + ["sv"])
            base = rng.choice(T.SERVICE_NAMES.get(first) or [None])
            if base is None:
                c = self.classes[first]
                base = (c["fi"], c["sv"], c["en"])
            name = list(base)
            y = rng.random()
            if y < 0.22:
                suf = rng.choice(T.TARGET_SUFFIX)
                name = [f"{name[0]} {suf[0]}", f"{name[1]} {suf[1]}", f"{name[2]} {suf[2]}"]
            elif y < 0.5:
                name = [f"{name[0]}, {m['fi']}", f"{name[1]}, {m['sv']}", f"{name[2]}, {m['fi']}"]
            s["name"] = {l: tri(name, l)[:100] for l in s["langs"]}
            o["services"].append(i)
            services.append(s)

        # channels: allocated to organisations in proportion to their services
        n_ch = a.channels
        tot = len(services)
        alloc = [len(o["services"]) * n_ch / tot for o in orgs] if tot else [n_ch / n_org] * n_org
        counts = [int(x) for x in alloc]
        rest = n_ch - sum(counts)
        order = sorted(range(n_org), key=lambda k: (counts[k] - alloc[k], k))
        for k in order[:rest]:
            counts[k] += 1
        channels = []
        ctypes = [("ServiceLocation", 65), ("WebPage", 13), ("TelephoneService", 12), ("EService", 10)]
        for oi, cnt in enumerate(counts):
            o = orgs[oi]
            om = munis[self.muni_by_code[o["muni"]]]
            for _ in range(cnt):
                ct = weighted(rng, ctypes)
                c = {"id": new_uuid(rng), "org": oi, "type": ct, "pub": pick_time(rng)}
                if ct == "ServiceLocation":
                    mc = o["muni"] if (o["type"] == "Municipality" or rng.random() < 0.7) else rng.choice(om["near"])
                    c["muni"] = mc
                    if rng.random() < 0.85:
                        c["area"], c["munis"] = "LimitedArea", [mc]
                    else:
                        c["area"], c["munis"] = None, []
                else:
                    c["muni"] = o["muni"]
                    x = rng.random()
                    if x < 0.4:
                        c["area"], c["munis"] = None, []
                    elif x < 0.6:
                        c["area"], c["munis"] = "WholeCountry", []
                    else:
                        c["area"], c["munis"] = "LimitedArea", [o["muni"]]
                c["shared"] = rng.random() < (0.3 if ct != "ServiceLocation" else 0.1)
                c["langs"] = self.langs_for(rng, c["muni"], sv_p=0.25, en_p=0.12)
                c["name"] = self._channel_name(rng, c, o, munis[self.muni_by_code[c["muni"]]])
                o["channels"].append(len(channels))
                channels.append(c)

        # connections: every service -> 1..6 channels, mostly its own organisation's, unused ones first
        shared = [ci for ci, c in enumerate(channels) if c["shared"]]
        cursor = [0] * n_org
        conns = []
        for si, s in enumerate(services):
            o = orgs[s["org"]]
            own = o["channels"]
            k = weighted(rng, [(1, 8), (2, 12), (3, 18), (4, 21), (5, 20), (6, 21)])
            picked = []
            for _ in range(min(k, len(own))):
                ci = own[cursor[s["org"]] % len(own)]
                cursor[s["org"]] += 1
                if ci not in picked:
                    picked.append(ci)
            if shared and (not picked or rng.random() < 0.05):
                ci = rng.choice(shared)
                if ci not in picked:
                    picked.append(ci)
            # spread: sometimes jump the cursor so that channels get shared between services
            if rng.random() < 0.12 and own:
                cursor[s["org"]] -= rng.randint(1, min(3, len(own)))
            for ci in picked:
                c = channels[ci]
                pub = min(T_END, max(s["pub"], c["pub"]) + rng.randrange(0, 3 * 86400 * 1000))
                conns.append((si, ci, pub))
        self.orgs, self.services, self.channels, self.conns = orgs, services, channels, conns
        self.svc_conns = [[] for _ in services]
        self.ch_conns = [[] for _ in channels]
        for k, (si, ci, _) in enumerate(conns):
            self.svc_conns[si].append(k)
            self.ch_conns[ci].append(k)
        self.gd_ids = [new_uuid(rng) for _ in range(40)]
        # output order: a fixed random permutation per type (the real API's order is unspecified)
        self.org_order = list(range(len(orgs)))
        self.svc_order = list(range(len(services)))
        self.ch_order = list(range(len(channels)))
        rng.shuffle(self.org_order)
        rng.shuffle(self.svc_order)
        rng.shuffle(self.ch_order)
        self.org_roles = [[] for _ in orgs]  # (service idx, roleType, provisionType) filled when rendering services

    def _channel_name(self, rng, c, o, m):
        ct = c["type"]
        oname = o["name"]
        if ct == "ServiceLocation":
            p = rng.choice(T.PLACES)
            x = rng.random()
            if x < 0.45:
                name = (f"{m['gen']} {p[0].lower()}", f"{p[1]} i {m['sv']}", f"{p[2]}, {m['fi']}")
            elif x < 0.8:
                d = rng.choice(T.DISTRICTS)
                name = (f"{p[0]} {d}", f"{p[1]} {d}", f"{p[2]} {d}")
            else:
                name = (f"{oname['fi']}, {p[0].lower()}", f"{oname['sv']}, {p[1].lower()}", f"{oname['en']}, {p[2].lower()}")
        elif ct == "WebPage":
            t = rng.choice(T.WEB_TOPICS)
            name = (f"{oname['fi']}: {t[0]}", f"{oname['sv']}: {t[1]}", f"{oname['en']}: {t[2]}")
        elif ct == "TelephoneService":
            t = rng.choice(T.PHONE_TOPICS)
            name = (f"{t[0]}, {m['fi']}", f"{t[1]}, {m['sv']}", f"{t[2]}, {m['fi']}") if rng.random() < 0.5 else t
        else:
            t = rng.choice(T.ESERVICES)
            name = (f"{t[0]} – {oname['fi']}", f"{t[1]} – {oname['sv']}", f"{t[2]} – {oname['en']}")
        return {l: tri(name, l)[:100] for l in c["langs"]}

    # ---------------------------------------------------------------- texts
    def description(self, rng, lang, m):
        pool = {"fi": T.SENTENCES_FI, "sv": T.SENTENCES_SV, "en": T.SENTENCES_EN}[lang]
        fmt = {"gen": m["gen"], "sv": m["sv"], "fi": m["fi"]}
        sents = [s.format(**fmt) for s in rng.sample(pool, rng.randint(2, 5))]
        x = rng.random()
        if x < 0.05:
            return sents[0]
        if x < 0.23:  # Markdown
            bullets = rng.sample(T.BULLETS_FI if lang == "fi" else T.BULLETS_EN, 3)
            md = " ".join(sents[:2]) + "\n\n" + "\n".join("- " + b for b in bullets)
            if len(sents) > 2:
                md += "\n\n" + ("**Huom!** " if lang == "fi" and rng.random() < 0.3 else "") + " ".join(sents[2:])
            return md
        if x < 0.30:  # simple HTML, as sometimes pasted into PTV
            bullets = rng.sample(T.BULLETS_FI if lang == "fi" else T.BULLETS_EN, 2)
            html = "<p>" + " ".join(sents[:2]) + "</p><ul>" + "".join(f"<li>{b}</li>" for b in bullets) + "</ul>"
            if len(sents) > 2:
                html += "<p><strong>" + sents[2] + "</strong><br>" + " ".join(sents[3:]) + "</p>"
            return html.replace(" ja ", " &amp; ", 1) if rng.random() < 0.2 else html
        if len(sents) > 3:
            return " ".join(sents[:2]) + "\n\n" + " ".join(sents[2:])
        return " ".join(sents)

    def phone(self, rng, intl_p=0.8):
        intl = rng.random() < intl_p
        if intl:
            num = rng.choice(["40", "41", "44", "45", "50"]) + "%07d" % rng.randrange(10 ** 7)
            if rng.random() < 0.4:
                num = str(rng.choice([13, 14, 15, 17, 19, 2, 3, 5, 6, 8, 9])) + "%06d" % rng.randrange(10 ** 6)
        else:
            num = rng.choice(["800", "295", "100", "600"]) + "%06d" % rng.randrange(10 ** 6)
        charge = "Free" if num.startswith("800") else weighted(rng, [("Charged", 85), ("Free", 10), ("ExtraCharge", 5)])
        cdesc = None
        if charge == "Charged" and rng.random() < 0.5:
            cdesc = ("Paikallisverkkomaksu (pvm) tai matkapuhelinmaksu (mpm).",
                     "Lokalnätsavgift (lna) eller mobilsamtalsavgift (msa).",
                     "Local network or mobile call charge.")
        elif charge == "ExtraCharge":
            cdesc = ("1,98 €/min + pvm/mpm", "1,98 €/min + lna/msa", "1.98 €/min + call charge")
        info = rng.choice(T.PHONE_INFO) if rng.random() < 0.75 else None
        return {"intl": intl, "num": num, "charge": charge, "cdesc": cdesc, "info": info}

    @staticmethod
    def phone_v12(p, lang, fax=False):
        d = {"type": "Fax" if fax else ("InternationalPhone" if p["intl"] else "DomesticPhone")}
        if p["intl"] or fax:
            d["dialCode"] = "+358"
            d["number"] = p["num"]
        else:
            d["number"] = "0" + p["num"]
        d["chargeType"] = p["charge"]
        d["chargeDescription"] = tri(p["cdesc"], lang) if p["cdesc"] else None
        d["additionalInformation"] = tri(p["info"], lang) if p["info"] else None
        if fax:
            d = {"dialCode": d["dialCode"], "number": d["number"], "chargeType": d["chargeType"],
                 "chargeDescription": d["chargeDescription"], "additionalInformation": d["additionalInformation"],
                 "type": "Fax"}
        return d

    @staticmethod
    def phone_v11(p, lang, typ="Phone"):
        return {"type": typ, "additionalInformation": tri(p["info"], lang) if p["info"] else None,
                "serviceChargeType": V11_CHARGE[p["charge"]],
                "chargeDescription": tri(p["cdesc"], lang) if p["cdesc"] else None,
                "prefixNumber": "+358" if p["intl"] else None, "isFinnishServiceNumber": not p["intl"],
                "number": p["num"] if p["intl"] else "0" + p["num"], "language": lang}

    def hours(self, rng, kind="location"):
        h = {"always": False, "weekly": [], "heading": None, "exceptional": None, "holidays": None}
        x = rng.random()
        if kind != "location":
            if x < 0.35:
                h["always"] = True
            elif x < 0.75:
                for d in range(5):
                    h["weekly"].append((d, "08:00", "16:00", "Open", "Weekly", None))
            return h
        if x < 0.03:
            h["always"] = True
            return h
        if x < 0.15:
            return h  # no hours given
        style = rng.random()
        end_fri = "14:00" if rng.random() < 0.15 else None
        if style < 0.55:
            start = rng.choice(["08:00", "08:30", "09:00"])
            end = rng.choice(["15:00", "16:00", "16:00", "17:00"])
            for d in range(5):
                h["weekly"].append((d, start, end_fri if (d == 4 and end_fri) else end, "Open", "Weekly", None))
            if rng.random() < 0.25:
                h["weekly"].append((5, "10:00", "14:00", "Open", "Weekly", None))
        elif style < 0.85:
            for d in sorted(rng.sample(range(5), rng.randint(1, 3))):
                start = rng.choice(["10:00", "12:00", "13:00", "17:00", "18:00"])
                end = {"10:00": "12:00", "12:00": "15:00", "13:00": "16:00", "17:00": "19:00", "18:00": "20:00"}[start]
                rep = weighted(rng, [("Weekly", 85), ("EvenWeeks", 8), ("OddWeeks", 7)])
                info = ("Avoin ryhmä", "Öppen grupp", "Open group") if rng.random() < 0.3 else None
                h["weekly"].append((d, start, end, "Open", rep, info))
        else:
            for d in range(7):
                h["weekly"].append((d, "06:00" if d < 5 else "09:00", "21:00" if d < 5 else "18:00", "Open", "Weekly", None))
        if h["weekly"] and rng.random() < 0.15:
            d0 = h["weekly"][0]
            h["weekly"][0] = (d0[0], d0[1], d0[2], "OpenOnReservation", d0[4],
                              ("Vain ajanvarauksella", "Endast med tidsbokning", "By appointment only"))
        if rng.random() < 0.4:
            h["heading"] = ("Aukioloajat", "Öppettider", "Opening hours")
        if h["weekly"] and rng.random() < 0.15:
            if rng.random() < 0.7:
                h["exceptional"] = ("2026-06-22", "2026-08-09", ("Kesätauko", "Sommaruppehåll", "Summer break"))
            else:
                h["exceptional"] = ("2026-12-21", "2027-01-06", ("Joulutauko", "Jaluppehåll", "Christmas break"))
        if h["weekly"] and rng.random() < 0.2:
            h["holidays"] = rng.sample(HOLIDAYS, rng.randint(1, 3))
        return h

    @staticmethod
    def hours_v12(h, langs):
        out = []
        if h["always"]:
            out.append({"type": "ContinuousAlwaysValidServiceHour", "openingStatus": "Open", "heading": {},
                        "additionalInformation": {}})
        elif h["weekly"]:
            week = {}
            for (d, s, e, st, rep, info) in h["weekly"]:
                week.setdefault(DAYS[d], {"hours": []})["hours"].append(
                    {"start": s, "end": e, "openingStatus": st, "repetition": rep,
                     "additionalInformation": lt_of(info, langs) if info else {}})
            out.append({"type": "WeeklyUntilFurtherNoticeServiceHour",
                        "heading": lt_of(h["heading"], langs) if h["heading"] else {},
                        "additionalInformation": {}, "weeklyHours": week})
        if h["exceptional"]:
            f, t, head = h["exceptional"]
            week = {}
            for (d, s, e, st, rep, info) in h["weekly"]:
                week.setdefault(DAYS[d], {"hours": []})["hours"].append(
                    {"start": s, "end": e, "openingStatus": "Closed", "repetition": "Weekly", "additionalInformation": {}})
            out.append({"type": "ExceptionalDateRangeServiceHour", "heading": lt_of(head, langs),
                        "additionalInformation": {}, "fromDate": f, "toDate": t, "weeklyHours": week})
        hol = None
        if h["holidays"]:
            hol = {"repetition": {"type": "RepetitionEveryYear"},
                   "holidays": [{"holidayName": n, "hours": [{"start": "00:00", "end": "23:59", "openingStatus": "Closed",
                                                              "additionalInformation": {}}]} for n in h["holidays"]]}
        return {"hours": out, "holidayServiceHours": hol}

    @staticmethod
    def hours_v11(h, langs):
        out = []

        def entry(typ, opening, reservation=False, info=None, always=False, vf=None, vt=None, closed=False):
            return {"serviceHourType": typ, "validFrom": vf, "validTo": vt, "isClosed": closed,
                    "validForNow": vf is None, "isAlwaysOpen": always, "isReservation": reservation,
                    "additionalInformation": [{"value": tri(info, l), "language": l} for l in langs] if info else [],
                    "openingHour": opening}

        if h["always"]:
            out.append(entry("DaysOfTheWeek", [], always=True))
        elif h["weekly"]:
            normal = [w for w in h["weekly"] if w[3] == "Open"]
            reserv = [w for w in h["weekly"] if w[3] != "Open"]
            for group, res in ((normal, False), (reserv, True)):
                if group:
                    out.append(entry("DaysOfTheWeek",
                                     [{"dayFrom": DAYS_V11[d], "dayTo": "", "from": s + ":00", "to": e + ":00"}
                                      for (d, s, e, _st, _r, _i) in group], reservation=res, info=h["heading"]))
        if h["exceptional"]:
            f, t, head = h["exceptional"]
            out.append(entry("Exceptional", [], info=head, vf=f + "T00:00:00", vt=t + "T00:00:00", closed=True))
        return out

    def address(self, rng, m):
        st = rng.choice(T.STREETS)
        number = str(rng.randint(1, 120)) + (rng.choice([" A", " B", " C 5"]) if rng.random() < 0.1 else "")
        postal = "%02d%01d%02d" % (m["postal"], rng.randrange(10), rng.choice([0, 10, 20, 30, 40, 50]))
        coords = None
        if rng.random() > 0.03:
            e = min(E_MAX, max(E_MIN, m["e"] + rng.gauss(0, 4000)))
            n = min(N_MAX, max(N_MIN, m["n"] + rng.gauss(0, 4000)))
            coords = (round(e, 3), round(n, 3), "NLS" if rng.random() < 0.8 else "User")
        source = "UserEntered" if (coords and coords[2] == "User") or rng.random() < 0.2 else "Posti"
        info = rng.choice(T.ADDRESS_INFO) if rng.random() < 0.3 else None
        return {"street": st, "number": number, "postal": postal, "muni": m, "coords": coords,
                "source": source, "info": info, "sv": rng.random() < 0.3 or m["code"] in T.SWEDISH_MUNICIPALITIES,
                "tpr": str(rng.randint(10000, 99999)) if rng.random() < 0.05 else None}

    @staticmethod
    def street_v12(a, langs, with_tpr):
        name = {"fi": a["street"][0]}
        if a["sv"]:
            name["sv"] = a["street"][1]
        d = {"addressSource": {"source": a["source"]}, "streetName": name, "addressDetail": a["number"],
             "postalCode": a["postal"],
             "coordinates": [{"system": "EPSG:3067", "source": a["coords"][2], "easting": a["coords"][0],
                              "northing": a["coords"][1]}] if a["coords"] else [],
             "additionalInformation": lt_of(a["info"], langs) if a["info"] else {}}
        if with_tpr:
            d["accessibilityRegisterServicePointId"] = a["tpr"]
        return d

    @staticmethod
    def street_v11(a, langs, typ="Location"):
        m = a["muni"]
        street = [{"value": a["street"][0], "language": "fi"}]
        if a["sv"]:
            street.append({"value": a["street"][1], "language": "sv"})
        po = [{"value": m["fi"].upper(), "language": "fi"}]
        if a["sv"]:
            po.append({"value": m["sv"].upper(), "language": "sv"})
        c = a["coords"]
        return {"type": typ, "subType": "Single", "postOfficeBoxAddress": None,
                "streetAddress": {"street": street, "streetNumber": a["number"], "postalCode": a["postal"],
                                  "postOffice": po, "municipality": m["v11"],
                                  "additionalInformation": [{"value": tri(a["info"], l), "language": l} for l in langs]
                                  if a["info"] else [],
                                  "latitude": "%.3f" % c[1] if c else None, "longitude": "%.3f" % c[0] if c else None,
                                  "coordinateState": ("Ok" if c[2] == "NLS" else "EnteredByUser") if c else "NotReceived"},
                "otherAddress": None, "locationAbroad": None, "entrances": [], "country": "FI"}

    @staticmethod
    def area_v12(area, munis, municipality_org=False):
        if area is None:
            return None
        if area != "LimitedArea":
            return {"areaType": area}
        if municipality_org:
            return {"areaType": "LimitedArea", "municipalities": list(munis)}
        return {"areaType": "LimitedArea", "municipalities": list(munis), "regions": [], "wellbeingServicesCounties": []}

    def areas_v11(self, area, munis):
        if area != "LimitedArea":
            return []
        return [{"type": "Municipality", "code": None, "name": None,
                 "municipalities": [self.munis[self.muni_by_code[c]]["v11"] for c in munis]}]

    # ---------------------------------------------------------------- connections
    def connection_details(self):
        det = []
        for k, (si, ci, pub) in enumerate(self.conns):
            rng = sub_rng(self.seed, "conn", k)
            s = self.services[si]
            d = {"charge": weighted(rng, [(None, 90), ("Free", 7), ("Charged", 3)]), "desc": None,
                 "email": None, "phone": None, "hours": None, "langs": s["langs"], "pub": pub,
                 "mig": migrated_at(rng, pub)}
            if rng.random() < 0.10:
                d["desc"] = rng.choice(T.CONNECTION_DESCRIPTIONS)
            if rng.random() < 0.05:
                d["email"] = f"{slug(s['name'].get('fi') or next(iter(s['name'].values())))}@palvelu.example"
                d["phone"] = self.phone(rng)
            if rng.random() < 0.03:
                d["hours"] = self.hours(rng)
            det.append(d)
        self.conn_det = det

    def connection_v12(self, k):
        si, ci, _ = self.conns[k]
        d = self.conn_det[k]
        lvs = {}
        if d["desc"] or d["email"]:
            for l in d["langs"]:
                lvs[l] = {"chargeTypeAdditionalInformation": None,
                          "description": tri(d["desc"], l) if d["desc"] else None,
                          "contactPhoneNumbers": [self.phone_v12(d["phone"], l)] if d["phone"] else [],
                          "contactFaxNumbers": [],
                          "contactEmails": [{"email": d["email"]}] if d["email"] else [],
                          "contactWebPages": []}
        return {"migratedAt": d["mig"], "serviceContentId": self.services[si]["id"],
                "channelContentId": self.channels[ci]["id"],
                "contactAddresses": {"foreignAddresses": [], "postOfficeBoxAddresses": [], "streetAddresses": []},
                "chargeType": d["charge"],
                "serviceHours": self.hours_v12(d["hours"], d["langs"]) if d["hours"] else
                {"hours": [], "holidayServiceHours": None},
                "languageVersions": lvs, "publishedAt": iso12(d["pub"])}

    def connection_v11_common(self, k):
        d = self.conn_det[k]
        contact = None
        if d["email"]:
            contact = {"emails": [{"value": d["email"], "language": l} for l in d["langs"]],
                       "phoneNumbers": [self.phone_v11(d["phone"], l) for l in d["langs"]],
                       "webPages": [], "addresses": []}
        return {"serviceChargeType": V11_CHARGE[d["charge"]],
                "description": [{"type": "Description", "language": l, "value": tri(d["desc"], l)} for l in d["langs"]]
                if d["desc"] else [],
                "extraTypes": [],
                "serviceHours": self.hours_v11(d["hours"], d["langs"]) if d["hours"] else [],
                "contactDetails": contact, "digitalAuthorizations": [], "modified": iso11(d["pub"])}

    @staticmethod
    def first_name(names: dict) -> str:
        return names.get("fi") or names.get("sv") or next(iter(names.values()))

    # ---------------------------------------------------------------- services
    def render_service(self, si):
        s = self.services[si]
        rng = sub_rng(self.seed, "service", si)
        o = self.orgs[s["org"]]
        m = self.munis[self.muni_by_code[o["muni"]]]
        langs = s["langs"]
        oid = o["id"]
        gd = rng.choice(self.gd_ids) if rng.random() < 0.12 else None
        onto = [t[0] for t in rng.sample(T.ONTOLOGY_TERMS, weighted(rng, [(0, 40), (1, 25), (2, 20), (3, 10), (4, 5)]))]
        life = [rng.choice(sorted(self.life))] if rng.random() < 0.08 else []
        ind = [rng.choice(T.INDUSTRIAL_CLASSES)] if o["type"] == "Company" and rng.random() < 0.3 else []
        procured, other_prod, other_resp = [], [], []
        if rng.random() < 0.10:
            procured = [rng.randrange(len(self.orgs))]
        if rng.random() < 0.03:
            other_prod = [("Koulutetut vapaaehtoiset", "Utbildade frivilliga", "Trained volunteers")]
        if rng.random() < 0.02:
            other_resp = [rng.randrange(len(self.orgs))]
        self_prod = rng.random() < 0.85 or not (procured or other_prod)
        charge = weighted(rng, [("Free", 55), ("Charged", 20), (None, 25)])
        funding = {"Municipality": "PubliclyFunded", "Company": "MarketFunded"}.get(o["type"]) \
            if rng.random() < 0.9 else None
        if o["type"] == "Organization" and funding is None and rng.random() < 0.5:
            funding = "PubliclyFunded"
        serv_langs = list(langs)
        if rng.random() < 0.06:
            serv_langs += rng.sample(["se", "ru", "ar", "so", "et", "uk", "fa"], rng.randint(1, 2))
        # texts per language
        texts = {}
        extended = s["stype"] != "Service"
        summary = rng.choice(T.SUMMARIES)
        ui = rng.choice(T.USER_INSTRUCTIONS) if rng.random() < 0.6 else None
        cond = rng.choice(T.CONDITIONS) if rng.random() < 0.15 else None
        legis = rng.sample(T.LEGISLATION, rng.randint(1, 2)) if rng.random() < 0.1 else []
        kws = rng.sample(T.KEYWORDS_FI, rng.randint(0, 3))
        alt = rng.random() < 0.05
        voucher = weighted(rng, [("NotUsed", 92), ("WithAdditionalInformation", 5), ("WithUrl", 3)])
        cinfo = rng.choice(T.CHARGE_INFO) if charge == "Charged" and rng.random() < 0.7 else None
        fmt = {"gen": m["gen"], "sv": m["sv"], "fi": m["fi"]}
        for i, l in enumerate(langs):
            missing = i > 0 and rng.random() < 0.15  # PTV sends "" for untranslated texts
            if missing:
                summ, desc = "", ""
            else:
                summ = tri(summary, l).format(**fmt)
                if l == langs[0] and rng.random() < 0.02:
                    summ = ""
                desc = self.description(rng, l, m)
                y = rng.random()
                if y < 0.02:
                    desc = ""
                elif y < 0.05:
                    desc = None
            texts[l] = {"name": s["name"][l], "alt": (s["name"][l].split(",")[0][:60] + tri((" (lyh.)", " (förk.)", " (abbr.)"), l)) if alt else None,
                        "summary": summ, "description": desc,
                        "ui": tri(ui, l) if ui and not missing else None,
                        "cond": tri(cond, l) if cond and not missing else None,
                        "cinfo": tri(cinfo, l) if cinfo else None,
                        "kws": kws if l == "fi" else []}
        pub = s["pub"]
        mig = migrated_at(rng, pub)
        # --- v12
        lvs = {}
        for l in langs:
            t = texts[l]
            lv = {"name": t["name"], "alternativeName": t["alt"], "summary": t["summary"], "description": t["description"],
                  "userInstructions": t["ui"], "conditions": t["cond"],
                  "legislationLinks": [{"url": u, "name": n} for (u, n) in legis],
                  "freelyAssignedKeywords": t["kws"]}
            if voucher == "NotUsed":
                lv["voucher"] = {"voucherType": "NotUsed"}
            elif voucher == "WithAdditionalInformation":
                lv["voucher"] = {"voucherType": voucher, "additionalInformation": "Palveluseteli käytössä" if l == "fi" else None}
            else:
                lv["voucher"] = {"voucherType": voucher, "urls": [{"name": "Palveluseteli", "url": f"https://www.{slug(m['fi'])}.example/palveluseteli",
                                                                   "additionalInformation": None}]}
            lv["chargeTypeAdditionalInformation"] = t["cinfo"]
            if extended:
                lv["processingTimeAdditionalInformation"] = "Käsittelyaika noin 2 viikkoa." if l == "fi" else None
                lv["deadlineAdditionalInformation"] = None
                lv["validityTimeAdditionalInformation"] = "Voimassa toistaiseksi." if l == "fi" else None
            lvs[l] = lv
        v12 = {"migratedAt": mig, "contentId": s["id"], "organizationContentId": oid,
               "generalDescriptionContentId": gd, "targetGroups": list(s["tgs"]), "industrialClasses": ind,
               "lifeEvents": life, "ontologyTerms": onto, "serviceClasses": list(s["classes"]),
               "producers": {"selfProducedProducers": {"organizations": [oid] if self_prod else []},
                             "procuredProducers": {"organizations": [self.orgs[p]["id"] for p in procured], "other": []},
                             "otherProducers": {"organizations": [], "other": [{"name": lt_of(x, langs)} for x in other_prod]}},
               "otherResponsibleOrganizations": [self.orgs[p]["id"] for p in other_resp],
               "chargeType": charge, "fundingType": funding, "serviceLanguages": serv_langs,
               "area": self.area_v12(s["area"], s["munis"]), "publishedAt": iso12(pub),
               "serviceType": s["stype"], "languageVersions": lvs}
        # --- v11
        names = []
        descs = []
        for l in langs:
            t = texts[l]
            names.append({"language": l, "value": t["name"], "type": "Name"})
            if t["alt"]:
                names.append({"language": l, "value": t["alt"], "type": "AlternativeName"})
            if t["summary"] is not None:
                descs.append({"language": l, "value": t["summary"], "type": "Summary"})
            if t["description"] is not None:
                descs.append({"language": l, "value": t["description"], "type": "Description"})
            if t["ui"]:
                descs.append({"language": l, "value": t["ui"], "type": "UserInstruction"})
            if t["cinfo"]:
                descs.append({"language": l, "value": t["cinfo"], "type": "ChargeTypeAdditionalInfo"})
            if extended and l == "fi":
                descs.append({"language": l, "value": "Käsittelyaika noin 2 viikkoa.", "type": "ProcessingTime"})
                descs.append({"language": l, "value": "Voimassa toistaiseksi.", "type": "ValidityTime"})
        oname = self.first_name(o["name"])
        orgs11 = [{"organization": {"id": oid, "name": oname}, "roleType": "Responsible", "provisionType": None,
                   "additionalInformation": []}]
        self.org_roles[s["org"]].append((si, "Responsible", None))
        if self_prod:
            orgs11.append({"organization": {"id": oid, "name": oname}, "roleType": "Producer",
                           "provisionType": "SelfProduced", "additionalInformation": []})
        for p in procured:
            orgs11.append({"organization": {"id": self.orgs[p]["id"], "name": self.first_name(self.orgs[p]["name"])},
                           "roleType": "Producer", "provisionType": "PurchaseServices", "additionalInformation": []})
            self.org_roles[p].append((si, "Producer", "PurchaseServices"))
        for x in other_prod:
            orgs11.append({"organization": None, "roleType": "Producer", "provisionType": "Other",
                           "additionalInformation": [{"value": tri(x, l), "language": l} for l in langs]})
        for p in other_resp:
            orgs11.append({"organization": {"id": self.orgs[p]["id"], "name": self.first_name(self.orgs[p]["name"])},
                           "roleType": "OtherResponsible", "provisionType": None, "additionalInformation": []})
            self.org_roles[p].append((si, "OtherResponsible", None))
        chans = []
        for k in self.svc_conns[si]:
            c = self.channels[self.conns[k][1]]
            e = {"serviceChannel": {"id": c["id"], "name": self.first_name(c["name"])}}
            e.update(self.connection_v11_common(k))
            chans.append(e)
        v11 = {"id": s["id"], "sourceId": None, "generalDescriptionId": gd, "type": V11_SERVICE_TYPE[s["stype"]],
               "subType": None, "fundingType": funding, "serviceNames": names, "serviceChargeType": V11_CHARGE[charge],
               "areaType": V11_AREA_TYPE[s["area"]], "areas": self.areas_v11(s["area"], s["munis"]),
               "serviceDescriptions": descs, "languages": serv_langs,
               "legislation": [{"names": [{"language": "fi", "value": n}], "webPages": [{"url": u, "value": n, "language": "fi"}]}
                               for (u, n) in legis],
               "keywords": [{"language": "fi", "value": k} for k in kws] if "fi" in langs else [],
               "requirements": [{"language": l, "value": texts[l]["cond"]} for l in langs if texts[l]["cond"]],
               "serviceClasses": [self.classes[c]["v11"] for c in s["classes"]],
               "ontologyTerms": [self.onto_v11[u] for u in onto],
               "targetGroups": [self.tgroups[g] for g in s["tgs"] if g in self.tgroups],
               "lifeEvents": [self.life[e] for e in life], "industrialClasses": [self.ind_v11[u] for u in ind],
               "serviceChannels": chans or None, "organizations": orgs11,
               "serviceVouchersInUse": voucher != "NotUsed",
               "serviceVouchers": [{"value": "Palveluseteli", "url": f"https://www.{slug(m['fi'])}.example/palveluseteli",
                                    "additionalInformation": None, "language": "fi"}] if voucher == "WithUrl" else [],
               "serviceCollections": [], "publishingStatus": "Published", "modified": iso11(pub),
               "responsibleSoteOrganization": None}
        return v12, v11

    # ---------------------------------------------------------------- organisations
    def render_org(self, oi):
        o = self.orgs[oi]
        rng = sub_rng(self.seed, "org", oi)
        m = self.munis[self.muni_by_code[o["muni"]]]
        langs = o["langs"]
        domain = slug(o["name"].get("fi") or o["name"]["sv"]) + ".example"
        summary = T.ORG_SUMMARIES[{"Organization": 0, "Company": 1}.get(o["type"], 2)]
        desc = self.description(rng, "fi", m)
        email = f"{rng.choice(['info', 'toimisto', 'kirjaamo', 'asiakaspalvelu'])}@{domain}"
        ph = self.phone(rng)
        addr = self.address(rng, m)
        if o["type"] == "Municipality":
            area, amunis = "LimitedArea", [o["muni"]]
        elif rng.random() < 0.1:
            area, amunis = "WholeCountry", []
        else:
            area, amunis = "LimitedArea", [o["muni"]] + rng.sample(m["near"], rng.randint(0, 3))
        pob = rng.random() < 0.3
        pob_no = str(rng.randint(1, 2000))
        pub = o["pub"]
        parent = self.orgs[o["parent"]] if o["parent"] is not None else None
        root = parent["id"] if parent else o["id"]
        lvs = {}
        for i, l in enumerate(langs):
            missing = i > 0 and rng.random() < 0.2
            lvs[l] = {"name": o["name"][l], "alternativeName": None, "isAlternativeNamePrimary": False,
                      "description": "" if missing else (desc if l == "fi" else tri(summary, l)),
                      "summary": "" if missing else tri(summary, l),
                      "contactEmails": [{"email": email, "additionalInformation": None}] if i == 0 or rng.random() < 0.5 else [],
                      "contactWebPages": [{"name": tri(("Kotisivut", "Webbplats", "Website"), l), "url": f"https://www.{domain}/"}],
                      "contactPhoneNumbers": [self.phone_v12(ph, l)] if i == 0 else []}
        street = self.street_v12(addr, langs, False)
        contact_street = o["type"] == "Organization" and rng.random() < 0.4  # NGO: postal address only
        v12 = {"migratedAt": migrated_at(rng, pub), "contentId": o["id"],
               "parentOrganizationContentId": parent["id"] if parent else None, "languageVersions": lvs,
               "businessId": o["bid"], "oid": None,
               "eInvoiceAddresses": [{"address": "0037" + o["bid"].replace("-", ""), "intermediatorCode": "003721291126",
                                      "additionalInformation": {"fi": "Ostolaskut", "sv": None, "en": "Purchase invoices"}
                                      if oi % 3 == 0 else {}}] if o["type"] != "Organization" else [],
               "publishedAt": iso12(pub),
               "contactAddresses": {"foreignAddresses": [],
                                    "postOfficeBoxAddresses": [{"postalCode": addr["postal"][:3] + "01",
                                                                "postOfficeBox": {"fi": "PL " + pob_no, "sv": "PB " + pob_no},
                                                                "additionalInformation": {}}] if pob else [],
                                    "streetAddresses": [street] if contact_street else []},
               "location": {"foreignAddresses": [], "otherAddresses": [],
                            "streetAddresses": [] if contact_street else [street]},
               "organizationType": o["type"],
               "area": self.area_v12(area, amunis, municipality_org=o["type"] == "Municipality")}
        # v11
        addresses = [self.street_v11(addr, langs, "Postal" if contact_street else "Visiting")]
        if contact_street:
            addresses[0]["subType"] = "Street"
        if pob:
            addresses.append({"type": "Postal", "subType": "PostOfficeBox",
                              "postOfficeBoxAddress": {"postOfficeBox": [{"value": "PL " + pob_no, "language": "fi"},
                                                                         {"value": "PB " + pob_no, "language": "sv"}],
                                                       "postalCode": addr["postal"][:3] + "01",
                                                       "postOffice": [{"value": m["fi"].upper(), "language": "fi"}],
                                                       "municipality": m["v11"], "additionalInformation": []},
                              "streetAddress": None, "otherAddress": None, "locationAbroad": None, "entrances": [],
                              "country": "FI"})
        odescs = []
        for l in langs:
            odescs.append({"type": "Summary", "language": l, "value": lvs[l]["summary"]})
            odescs.append({"type": "Description", "language": l, "value": lvs[l]["description"]})
        subs = [{"id": self.orgs[j]["id"], "name": self.first_name(self.orgs[j]["name"])}
                for j in self.children.get(oi, [])]
        v11 = {"id": o["id"], "sourceId": None, "oid": None, "parentOrganizationId": parent["id"] if parent else None,
               "organizationRootId": root,
               "municipality": m["v11"] if o["type"] == "Municipality" else None,
               "organizationType": o["type"], "businessCode": o["bid"], "businessName": None,
               "organizationNames": [{"language": l, "value": o["name"][l], "type": "Name"} for l in langs],
               "displayNameType": [{"type": "Name", "language": l} for l in langs],
               "areaType": V11_AREA_TYPE[area], "areas": self.areas_v11(area, amunis),
               "organizationDescriptions": odescs,
               "emails": [{"value": email, "language": langs[0], "description": None}],
               "phoneNumbers": [self.phone_v11(ph, langs[0])],
               "webPages": [{"url": f"https://www.{domain}/", "value": tri(("Kotisivut", "Webbplats", "Website"), l),
                             "language": l} for l in langs],
               "addresses": addresses,
               "electronicInvoicings": [{"operatorCode": "003721291126",
                                         "electronicInvoicingAddress": "0037" + o["bid"].replace("-", ""),
                                         "additionalInformation": []}] if o["type"] != "Organization" else [],
               "publishingStatus": "Published",
               "services": [{"service": {"id": self.services[si]["id"], "name": self.first_name(self.services[si]["name"])},
                             "roleType": role, "provisionType": prov, "additionalInformation": []}
                            for (si, role, prov) in self.org_roles[oi]],
               "modified": iso11(pub), "subOrganizations": subs}
        return v12, v11

    # ---------------------------------------------------------------- channels
    def render_channel(self, ci):
        c = self.channels[ci]
        rng = sub_rng(self.seed, "channel", ci)
        o = self.orgs[c["org"]]
        m = self.munis[self.muni_by_code[c["muni"]]]
        langs = c["langs"]
        ct = c["type"]
        domain = slug(o["name"].get("fi") or o["name"]["sv"]) + ".example"
        pub = c["pub"]
        serv_langs = list(langs)
        summ_t = rng.choice(T.SL_SUMMARIES) if ct == "ServiceLocation" else rng.choice(T.SUMMARIES)
        fmt = {"gen": m["gen"], "sv": m["sv"], "fi": m["fi"]}
        texts = {}
        for i, l in enumerate(langs):
            missing = i > 0 and rng.random() < 0.15
            summ = "" if missing else tri(summ_t, l).format(**fmt)
            desc = "" if missing else (self.description(rng, l, m) if rng.random() < 0.8 else None)
            texts[l] = (summ, desc)
        phones = [self.phone(rng) for _ in range(weighted(rng, [(0, 25), (1, 55), (2, 20)]))] \
            if ct in ("ServiceLocation", "TelephoneService") else []
        if ct == "TelephoneService" and not phones:
            phones = [self.phone(rng, intl_p=0.5)]
        all_langs_contacts = rng.random() < 0.5
        email = f"{slug(self.first_name(c['name']))[:20]}@{domain}" if rng.random() < 0.7 else None
        web = f"https://www.{domain}/{slug(self.first_name(c['name']))[:30]}" if (ct != "ServiceLocation" or rng.random() < 0.6) else None
        hours = self.hours(rng, "location" if ct == "ServiceLocation" else "remote") \
            if ct in ("ServiceLocation", "TelephoneService", "EService") else None
        addrs, pob, fax = [], None, None
        if ct == "ServiceLocation":
            addrs = [self.address(rng, m)]
            if rng.random() < 0.03:
                addrs.append(self.address(rng, m))
            if rng.random() < 0.15:
                pob = str(rng.randint(1, 2000))
            if rng.random() < 0.03:
                fax = self.phone(rng, intl_p=1.0)
        acc = weighted(rng, [("FullyCompliant", 30), ("PartiallyCompliant", 40), ("NonCompliant", 5), ("Unknown", 25)])
        sig = rng.random() < 0.1
        ident = rng.random() < 0.5
        # ---- v12
        lvs = {}
        for i, l in enumerate(langs):
            contacts_here = i == 0 or all_langs_contacts
            summ, desc = texts[l]
            lv = {"name": c["name"][l], "summary": summ, "description": desc}
            if ct == "ServiceLocation":
                lv.update({"alternativeName": None, "isAlternativeNamePrimary": False,
                           "contactEmails": [{"email": email}] if email and contacts_here else [],
                           "contactFaxNumbers": [self.phone_v12(fax, l, fax=True)] if fax and contacts_here else [],
                           "contactWebPages": [{"name": tri(("Lisätietoja", "Mer information", "More information"), l), "url": web}]
                           if web and contacts_here else [],
                           "contactPhoneNumbers": [self.phone_v12(p, l) for p in phones] if contacts_here else []})
            elif ct == "TelephoneService":
                lv.update({"webAddress": {"url": web, "name": None},
                           "supportEmails": [{"email": email}] if email and contacts_here else [],
                           "phoneNumbers": [self.phone_v12(p, l) for p in phones]})
            else:
                lv.update({"accessibilityClassificationLevel": acc,
                           "webAddress": {"url": web, "name": tri(("Siirry palveluun", "Gå till tjänsten", "Go to the service"), l)}})
                if ct == "EService":
                    lv["attachmentLinks"] = []
                lv.update({"supportEmails": [{"email": email}] if email and contacts_here else [],
                           "supportPhoneNumbers": []})
            lvs[l] = lv
        v12 = {"migratedAt": migrated_at(rng, pub), "contentId": c["id"], "organizationContentId": o["id"],
               "allowedConnectionType": "AllOrganizations" if c["shared"] else "OwnOrganizations",
               "serviceLanguages": serv_langs, "area": self.area_v12(c["area"], c["munis"]),
               "publishedAt": iso12(pub), "serviceChannelType": ct, "languageVersions": lvs}
        if ct == "ServiceLocation":
            v12["location"] = {"foreignAddresses": [], "otherAddresses": [],
                               "streetAddresses": [self.street_v12(a, langs, True) for a in addrs]}
            v12["contactAddresses"] = {"foreignAddresses": [], "streetAddresses": [],
                                       "postOfficeBoxAddresses": [{"postalCode": addrs[0]["postal"][:3] + "01",
                                                                   "postOfficeBox": {"fi": "PL " + pob, "sv": "PB " + pob},
                                                                   "additionalInformation": {}}] if pob else []}
            v12["serviceHours"] = self.hours_v12(hours, langs)
        elif ct == "TelephoneService":
            v12["serviceHours"] = self.hours_v12(hours, langs)
        elif ct == "EService":
            v12["electronicSignature"] = {"type": "Required", "numberOfRequiredSignatures": 1} if sig else {"type": "NotRequired"}
            v12["electronicIdentification"] = "Required" if ident else "NotRequired"
            v12["serviceHours"] = self.hours_v12(hours, langs)
        # ---- v11
        names = [{"language": l, "value": c["name"][l], "type": "Name"} for l in langs]
        descs = []
        for l in langs:
            summ, desc = texts[l]
            descs.append({"language": l, "value": summ, "type": "Summary"})
            if desc is not None:
                descs.append({"language": l, "value": desc, "type": "Description"})
        contact_langs = langs if all_langs_contacts else langs[:1]
        services11 = []
        for k in self.ch_conns[ci]:
            s = self.services[self.conns[k][0]]
            e = {"service": {"id": s["id"], "name": self.first_name(s["name"])}}
            e.update(self.connection_v11_common(k))
            services11.append(e)
        v11 = {"id": c["id"], "sourceId": None}
        if ct == "ServiceLocation":
            v11["oid"] = None
        v11.update({"serviceChannelType": V11_CHANNEL_TYPE[ct], "organizationId": o["id"],
                    "serviceChannelNames": names})
        if ct == "ServiceLocation":
            v11["displayNameType"] = [{"type": "Name", "language": l} for l in langs]
        v11.update({"serviceChannelDescriptions": descs, "areaType": V11_AREA_TYPE[c["area"]],
                    "areas": self.areas_v11(c["area"], c["munis"])})
        webpages11 = [{"url": web, "value": tri(("Lisätietoja", "Mer information", "More information"), l)
                       if ct == "ServiceLocation" else c["name"][l], "language": l}
                      for l in (contact_langs if ct == "ServiceLocation" else langs)] if web else []
        emails11 = [{"value": email, "language": l} for l in contact_langs] if email else []
        if ct == "ServiceLocation":
            ph11 = [self.phone_v11(p, l) for l in contact_langs for p in phones]
            if fax:
                ph11 += [self.phone_v11(fax, l, "Fax") for l in contact_langs]
            v11.update({"phoneNumbers": ph11, "emails": emails11, "languages": serv_langs, "webPages": webpages11})
            addr11 = [self.street_v11(a, langs) for a in addrs]
            if pob:
                addr11.append({"type": "Postal", "subType": "PostOfficeBox",
                               "postOfficeBoxAddress": {"postOfficeBox": [{"value": "PL " + pob, "language": "fi"},
                                                                          {"value": "PB " + pob, "language": "sv"}],
                                                        "postalCode": addrs[0]["postal"][:3] + "01",
                                                        "postOffice": [{"value": m["fi"].upper(), "language": "fi"}],
                                                        "municipality": m["v11"], "additionalInformation": []},
                               "streetAddress": None, "otherAddress": None, "locationAbroad": None, "entrances": [],
                               "country": "FI"})
            v11["addresses"] = addr11
            v11["serviceHours"] = self.hours_v11(hours, langs)
        elif ct == "TelephoneService":
            v11.update({"phoneNumbers": [self.phone_v11(p, l) for l in langs for p in phones],
                        "supportEmails": emails11, "languages": serv_langs, "webPages": webpages11,
                        "serviceHours": self.hours_v11(hours, langs)})
        else:
            acc11 = [{"accessibilityClassificationLevel": acc, "wcagLevel": "LevelAA" if acc != "Unknown" else None,
                      "accessibilityStatementWebPageName": None, "accessibilityStatementWebPage": None, "language": l}
                     for l in langs]
            if ct == "EService":
                v11.update({"signatureQuantity": 1 if sig else 0, "requiresSignature": sig,
                            "requiresAuthentication": ident, "attachments": []})
            v11.update({"supportPhones": [], "supportEmails": emails11, "languages": serv_langs,
                        "webPages": webpages11, "accessibilityClassification": acc11})
            if ct == "EService":
                v11["serviceHours"] = self.hours_v11(hours, langs)
        v11.update({"services": services11, "isVisibleForAll": c["shared"], "publishingStatus": "Published",
                    "modified": iso11(pub), "responsibleSoteOrganization": None})
        return v12, v11


# ----------------------------------------------------------------------------------------------

class Out:
    def __init__(self, root):
        self.root = root
        self.files = {}
        self.bytes = {}
        self.lines = {}

    def write(self, rel, text: str):
        f = self.files.get(rel)
        if f is None:
            p = os.path.join(self.root, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            f = self.files[rel] = open(p, "wb", buffering=1 << 20)
            self.bytes[rel] = 0
            self.lines[rel] = 0
        b = text.encode("utf-8") + b"\n"
        f.write(b)
        self.bytes[rel] += len(b)
        self.lines[rel] += 1

    def close(self):
        for f in self.files.values():
            f.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--organizations", type=int, default=1500)
    ap.add_argument("--services", type=int, default=30000)
    ap.add_argument("--channels", type=int, default=150000)
    ap.add_argument("--seed", type=int, default=20260601)
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "out", "snapshot"))
    ap.add_argument("--codelists", default=DEFAULT_CODELISTS,
                    help="folder with PTV Municipality.json, ServiceClasses.json, TargetGroups.json, LifeEvents.json")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.organizations < 1 or a.services < 0 or a.channels < 1:
        ap.error("need at least 1 organisation and 1 channel")
    if not os.path.isfile(os.path.join(a.codelists, "Municipality.json")):
        ap.error(f"code lists not found in {a.codelists} (use --codelists)")
    t0 = time.time()
    snap = Snapshot(a)
    snap.build_core()
    snap.children = {}
    for i, o in enumerate(snap.orgs):
        if o["parent"] is not None:
            snap.children.setdefault(o["parent"], []).append(i)
    snap.connection_details()
    t_core = time.time() - t0

    tmp = a.out.rstrip("/") + ".tmp"
    if os.path.exists(tmp):
        import shutil
        shutil.rmtree(tmp)
    out = Out(tmp)
    W = out.write

    def log(msg):
        if not a.quiet:
            print(msg, flush=True)

    log(f"core built in {t_core:.1f}s: {len(snap.orgs)} organisations, {len(snap.services)} services, "
        f"{len(snap.channels)} channels, {len(snap.conns)} connections")

    # services first (they fill org_roles used by the v11 organisation objects)
    for n, si in enumerate(snap.svc_order):
        s = snap.services[si]
        v12, v11 = snap.render_service(si)
        W("v12/service.jsonl", ENC(v12))
        W("v11/Service.jsonl", ENC(v11))
        W("v11/Service.ids.jsonl", ENC({"id": s["id"], "name": snap.first_name(s["name"])}))
        W("index/service.tsv", "\t".join((s["id"], str(s["pub"]), s["area"] or "", ",".join(s["munis"]),
                                          ",".join(s["classes"]), ",".join(s["tgs"]), snap.orgs[s["org"]]["id"],
                                          s["stype"])))
    log(f"services written ({time.time() - t0:.1f}s)")
    for oi in snap.org_order:
        o = snap.orgs[oi]
        v12, v11 = snap.render_org(oi)
        W("v12/organization.jsonl", ENC(v12))
        W("v11/Organization.jsonl", ENC(v11))
        pid = snap.orgs[o["parent"]]["id"] if o["parent"] is not None else None
        W("v11/Organization.ids.jsonl", ENC({"id": o["id"], "name": snap.first_name(o["name"]),
                                             "parentOrganizationId": pid}))
        area = v12["area"]
        W("index/organization.tsv", "\t".join((o["id"], str(o["pub"]), area["areaType"],
                                               ",".join(area.get("municipalities", [])), o["type"], pid or "")))
    log(f"organisations written ({time.time() - t0:.1f}s)")
    per_type = {}
    for n, ci in enumerate(snap.ch_order):
        c = snap.channels[ci]
        v12, v11 = snap.render_channel(ci)
        W("v12/service-channel.jsonl", ENC(v12))
        W("v11/ServiceChannel.jsonl", ENC(v11))
        W("v11/ServiceChannel.ids.jsonl", ENC({"id": c["id"], "name": snap.first_name(c["name"])}))
        W("index/service-channel.tsv", "\t".join((c["id"], str(c["pub"]), c["area"] or "", ",".join(c["munis"]),
                                                  c["type"], snap.orgs[c["org"]]["id"])))
        per_type[c["type"]] = per_type.get(c["type"], 0) + 1
        if not a.quiet and n and n % 50000 == 0:
            log(f"  {n} channels ({time.time() - t0:.1f}s)")
    log(f"channels written ({time.time() - t0:.1f}s)")
    pos = {si: n for n, si in enumerate(snap.svc_order)}
    for k in sorted(range(len(snap.conns)), key=lambda k: (pos[snap.conns[k][0]], k)):
        si, ci, pub = snap.conns[k]
        W("v12/connection.jsonl", ENC(snap.connection_v12(k)))
        W("index/connection.tsv", "\t".join((snap.services[si]["id"], snap.channels[ci]["id"], str(pub))))
    out.close()
    elapsed = time.time() - t0
    manifest = {
        "generator": "bench/ptv/generate_snapshot.py", "generatorVersion": GENERATOR_VERSION,
        "seed": a.seed,
        "parameters": {"organizations": a.organizations, "services": a.services, "channels": a.channels},
        "counts": {"organizations": len(snap.orgs), "services": len(snap.services), "channels": len(snap.channels),
                   "connections": len(snap.conns),
                   "organizationTypes": {t: sum(1 for o in snap.orgs if o["type"] == t)
                                         for t in ("Municipality", "Organization", "Company")},
                   "channelTypes": per_type,
                   "servicesWholeCountry": sum(1 for s in snap.services if s["area"] == "WholeCountry"),
                   "servicesWholeCountryExceptAland": sum(1 for s in snap.services if s["area"] == "WholeCountryExceptAland"),
                   "channelsWithoutServices": sum(1 for x in snap.ch_conns if not x)},
        "publishedAtRange": [iso12(T_START), iso12(T_END)],
        "files": {rel: {"records": out.lines[rel], "bytes": out.bytes[rel]} for rel in sorted(out.bytes)},
        "totalBytes": sum(out.bytes.values()),
        "generationSeconds": round(elapsed, 1),
    }
    with open(os.path.join(tmp, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
    if os.path.exists(a.out):
        import shutil
        shutil.rmtree(a.out)
    os.rename(tmp, a.out)
    c = manifest["counts"]
    print(f"snapshot written to {a.out} in {elapsed:.1f}s (seed {a.seed})")
    print(f"  organisations {c['organizations']} {c['organizationTypes']}")
    print(f"  services      {c['services']} (WholeCountry {c['servicesWholeCountry']}, "
          f"WholeCountryExceptAland {c['servicesWholeCountryExceptAland']})")
    print(f"  channels      {c['channels']} {per_type} (without services: {c['channelsWithoutServices']})")
    print(f"  connections   {c['connections']}")
    for rel in sorted(out.bytes):
        print(f"  {rel:32s} {out.lines[rel]:>8d} records {out.bytes[rel] / 1e6:>9.1f} MB")
    print(f"  total {manifest['totalBytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
