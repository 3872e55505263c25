#!/usr/bin/env python3
"""Writes N labelled Finnish/Swedish-style organisation and service records with their true clusters.

    make_records.py N OUT.csv [--seed S] [--summary]

Columns: id,name,street,postal_code,city,phone,email,website,business_id,source,true_cluster (UTF-8, ',').
Each true cluster is one organisation or activity seen through 1-4 sources (ptv, lahella, toimeksi,
spreadsheet), each rendering it in its own way: legal-form spellings (ry / r.y. / ry. / rf), Finnish or
Swedish name, phone formats, e-mail case, website forms, street abbreviations, typos, missing fields.
The clusters are drawn from kinds that cover the confusions cross-source deduplication meets (see KINDS and
src/test/resources/dedup/README.md). Related but distinct entities (a federation and its chapters with the
federation's phone, sibling activities of one organiser, organisations sharing an address or a common word,
same-named village associations in different municipalities) are separate clusters.

Python 3 standard library only. The same N and seed give the same file, byte for byte.
"""
import argparse
import collections
import csv
import random
import sys

HEADER = ["id", "name", "street", "postal_code", "city", "phone", "email", "website", "business_id", "source",
          "true_cluster"]
SOURCES = ["ptv", "lahella", "toimeksi", "spreadsheet"]

# municipality (fi), genitive (fi), Swedish name or None, postal prefix, area code
PLACES = [
    ("Helsinki", "Helsingin", "Helsingfors", "00", "09"), ("Espoo", "Espoon", "Esbo", "02", "09"),
    ("Vantaa", "Vantaan", "Vanda", "01", "09"), ("Turku", "Turun", "Åbo", "20", "02"),
    ("Tampere", "Tampereen", "Tammerfors", "33", "03"), ("Oulu", "Oulun", "Uleåborg", "90", "08"),
    ("Vaasa", "Vaasan", "Vasa", "65", "06"), ("Porvoo", "Porvoon", "Borgå", "06", "019"),
    ("Kokkola", "Kokkolan", "Karleby", "67", "06"), ("Pietarsaari", "Pietarsaaren", "Jakobstad", "68", "06"),
    ("Raasepori", "Raaseporin", "Raseborg", "10", "019"), ("Loviisa", "Loviisan", "Lovisa", "07", "019"),
    ("Kirkkonummi", "Kirkkonummen", "Kyrkslätt", "02", "09"), ("Kauniainen", "Kauniaisten", "Grankulla", "02", "09"),
    ("Parainen", "Paraisten", "Pargas", "21", "02"), ("Kemiönsaari", "Kemiönsaaren", "Kimitoön", "25", "02"),
    ("Sipoo", "Sipoon", "Sibbo", "04", "09"), ("Inkoo", "Inkoon", "Ingå", "10", "09"),
    ("Kristiinankaupunki", "Kristiinankaupungin", "Kristinestad", "64", "06"),
    ("Närpiö", "Närpiön", "Närpes", "64", "06"), ("Mustasaari", "Mustasaaren", "Korsholm", "65", "06"),
    ("Lappeenranta", "Lappeenrannan", "Villmanstrand", "53", "05"),
    ("Hämeenlinna", "Hämeenlinnan", "Tavastehus", "13", "03"), ("Pori", "Porin", "Björneborg", "28", "02"),
    ("Lahti", "Lahden", "Lahtis", "15", "03"), ("Mikkeli", "Mikkelin", "S:t Michel", "50", "015"),
    ("Savonlinna", "Savonlinnan", "Nyslott", "57", "015"), ("Rauma", "Rauman", "Raumo", "26", "02"),
    ("Hyvinkää", "Hyvinkään", "Hyvinge", "05", "019"), ("Järvenpää", "Järvenpään", "Träskända", "04", "09"),
    ("Kerava", "Keravan", "Kervo", "04", "09"), ("Raahe", "Raahen", "Brahestad", "92", "08"),
    ("Tornio", "Tornion", "Torneå", "95", "016"), ("Uusikaupunki", "Uudenkaupungin", "Nystad", "23", "02"),
    ("Naantali", "Naantalin", "Nådendal", "21", "02"), ("Hanko", "Hangon", "Hangö", "10", "019"),
    ("Kaarina", "Kaarinan", "S:t Karins", "20", "02"), ("Lapua", "Lapuan", "Lappo", "62", "06"),
    ("Kajaani", "Kajaanin", "Kajana", "87", "08"),
    ("Kuopio", "Kuopion", None, "70", "017"), ("Iisalmi", "Iisalmen", None, "74", "017"),
    ("Varkaus", "Varkauden", None, "78", "017"), ("Siilinjärvi", "Siilinjärven", None, "71", "017"),
    ("Suonenjoki", "Suonenjoen", None, "77", "017"), ("Leppävirta", "Leppävirran", None, "79", "017"),
    ("Kiuruvesi", "Kiuruveden", None, "74", "017"), ("Lapinlahti", "Lapinlahden", None, "73", "017"),
    ("Pielavesi", "Pielaveden", None, "72", "017"), ("Keitele", "Keiteleen", None, "72", "017"),
    ("Joensuu", "Joensuun", None, "80", "013"), ("Jyväskylä", "Jyväskylän", None, "40", "014"),
    ("Seinäjoki", "Seinäjoen", None, "60", "06"), ("Rovaniemi", "Rovaniemen", None, "96", "016"),
    ("Kotka", "Kotkan", None, "48", "05"), ("Kouvola", "Kouvolan", None, "45", "05"),
    ("Salo", "Salon", None, "24", "02"), ("Kemi", "Kemin", None, "94", "016"),
    ("Pieksämäki", "Pieksämäen", None, "76", "015"), ("Nurmes", "Nurmeksen", None, "75", "013"),
    ("Lieksa", "Lieksan", None, "81", "013"), ("Imatra", "Imatran", None, "55", "05"),
    ("Forssa", "Forssan", None, "30", "03"), ("Riihimäki", "Riihimäen", None, "11", "019"),
    ("Ylöjärvi", "Ylöjärven", None, "33", "03"), ("Nokia", "Nokian", None, "37", "03"),
    ("Kurikka", "Kurikan", None, "61", "06"), ("Kalajoki", "Kalajoen", None, "85", "08"),
    ("Ylivieska", "Ylivieskan", None, "84", "08"), ("Kangasala", "Kangasalan", None, "36", "03"),
]
BILINGUAL = [p for p in PLACES if p[2]]

# paired village-name parts (fi, sv): Hiekkakylä / Sandby
VILLAGE_PRE = [("Hiekka", "Sand"), ("Tammi", "Ek"), ("Koivu", "Björk"), ("Pikku", "Lill"), ("Iso", "Stor"),
               ("Pohjois", "Norr"), ("Etelä", "Söder"), ("Länsi", "Väster"), ("Itä", "Öster"), ("Mylly", "Kvarn"),
               ("Kirkon", "Kyrk"), ("Kuusi", "Gran"), ("Mänty", "Tall"), ("Lehmus", "Lind"), ("Harju", "Ås"),
               ("Kivi", "Sten"), ("Haapa", "Asp"), ("Kallio", "Häll"), ("Suo", "Myr"), ("Pelto", "Åker")]
VILLAGE_SUF = [("kylä", "kylän", "by"), ("lahti", "lahden", "vik"), ("joki", "joen", "å"), ("mäki", "mäen", "backa"),
               ("niemi", "niemen", "näs"), ("saari", "saaren", "holm"), ("salmi", "salmen", "sund"),
               ("järvi", "järven", "träsk"), ("laakso", "laakson", "dal"), ("vuori", "vuoren", "berg"),
               ("koski", "kosken", "fors"), ("ranta", "rannan", "strand")]

# organisation topics: Finnish (after a genitive place), Swedish (after a place name)
TOPICS = [("Omaishoitajat", "Närståendevårdare"), ("Eläkeläiset", "Pensionärer"),
          ("Mielenterveysyhdistys", "Föreningen för mental hälsa"), ("Sydänyhdistys", "Hjärtförening"),
          ("Diabetesyhdistys", "Diabetesförening"), ("Kuulo", "Hörsel"), ("Näkövammaiset", "Synskadade"),
          ("Invalidit", "Invalider"), ("Reumayhdistys", "Reumaförening"),
          ("Allergia- ja astmayhdistys", "Allergi- och astmaförening"), ("Martat", "Marthaförening"),
          ("Partiolaiset", "Scouter"), ("Vanhempainyhdistys", "Föräldraförening"), ("Kyläyhdistys", "Byaförening"),
          ("Urheiluseura", "Idrottsförening"), ("Nuorisoseura", "Ungdomsförening"), ("Setlementti", "Settlement"),
          ("Muistiyhdistys", "Minnesförening"), ("Syöpäyhdistys", "Cancerförening"), ("Kotiseutuyhdistys",
          "Hembygdsförening"), ("Työttömät", "Arbetslösa"), ("Perhekerho", "Familjeklubb"),
          ("Kuorolaulajat", "Körsångare"), ("Lapsiperheet", "Barnfamiljer"), ("Sotaveteraanit", "Krigsveteraner"),
          ("Mieskuoro", "Manskör"), ("Naisvoimistelijat", "Damgymnaster"), ("Hiihtoseura", "Skidklubb"),
          ("Ystäväpiiri", "Vänkrets"), ("Kehitysvammaisten Tuki", "Stöd för utvecklingsstörda"),
          ("Seniorit", "Seniorer"), ("Luontoyhdistys", "Naturförening"), ("Kylätalo", "Byagård"),
          ("Maahanmuuttajat", "Invandrare"), ("Päihdetyö", "Missbrukarvård"), ("Yrittäjät", "Företagare")]
# renames: old topic -> new topic
RENAMES = [("Invalidit", "Vammaisyhdistys"), ("Kehitysvammaisten Tuki", "Tukiyhdistys"),
           ("Näkövammaiset", "Näkövammaisyhdistys"), ("Eläkeläiset", "Seniorit"), ("Työttömät", "Työnhakijat"),
           ("Mielenterveysyhdistys", "Mieli"), ("Kuulo", "Kuulokeskus"), ("Martat", "Marttayhdistys"),
           ("Perhekerho", "Perheyhdistys"), ("Päihdetyö", "Päihdeyhdistys"), ("Seniorit", "Ikäihmiset")]
# federations: central organisation, its domain, and how a chapter is named from a place genitive
FEDERATIONS = [
    ("Omaishoitajaliitto", "omaishoitajat.fi", "{gen} Omaishoitajat"),
    ("MIELI Suomen Mielenterveys", "mieli.fi", "Mielenterveysyhdistys {gen} Mieli"),
    ("Eläkeliitto", "elakeliitto.fi", "Eläkeliiton {gen} yhdistys"),
    ("Marttaliitto", "martat.fi", "{gen} Martat"),
    ("Sydänliitto", "sydanliitto.fi", "{gen} Sydänyhdistys"),
    ("Muistiliitto", "muistiliitto.fi", "{gen} Muistiyhdistys"),
    ("Diabetesliitto", "diabetes.fi", "{gen} Diabetesyhdistys"),
    ("Kuuloliitto", "kuuloliitto.fi", "{gen} Kuulo"),
    ("Mannerheimin Lastensuojeluliitto", "mll.fi", "MLL:n {gen} paikallisyhdistys"),
    ("Reumaliitto", "reumaliitto.fi", "{gen} Reumayhdistys"),
    ("Näkövammaisten liitto", "nkl.fi", "{gen} Näkövammaiset"),
    ("Kehitysvammaisten Tukiliitto", "tukiliitto.fi", "{gen} Kehitysvammaisten Tuki"),
]
AUDIENCES = ["Omaishoitajien", "Ikäihmisten", "Eläkeläisten", "Nuorten", "Lapsiperheiden", "Maahanmuuttajien",
             "Työttömien", "Mielenterveyskuntoutujien", "Muistisairaiden", "Näkövammaisten", "Kuulovammaisten",
             "Yksinhuoltajien", "Senioreiden", "Miesten", "Naisten", "Isien", "Äitien", "Leskien",
             "Omaisten", "Vapaaehtoisten", "Sotaveteraanien", "Diabeetikoiden", "Sydänpotilaiden", "Perheiden"]
# activity: canonical name and the way another source words the same activity
ACTIVITIES = [("vertaisryhmä", "vertaistukiryhmä"), ("kuntosaliryhmä", "kuntosalivuoro"),
              ("tietokoneopastus", "digiopastus"), ("ystävätoiminta", "ystäväpalvelu"),
              ("lauluryhmä", "laulupiiri"), ("kävelyryhmä", "kävelykerho"), ("keskusteluryhmä", "keskustelupiiri"),
              ("virkistyspäivä", "virkistyspäivät"), ("kahvila", "kohtaamiskahvila"), ("tuolijumppa", "tuolijooga"),
              ("retket", "retkitoiminta"), ("kerho", "kerhotoiminta"), ("neuvonta", "neuvontapalvelu"),
              ("vesijumppa", "vesivoimistelu"), ("käsityöpiiri", "käsityökerho"), ("lukupiiri", "kirjapiiri"),
              ("tanssi-ilta", "tanssit"), ("ruokailu", "yhteinen ruokailu"), ("kieliryhmä", "kielikahvila"),
              ("leiri", "leiritoiminta")]
FIRST = ["Aino", "Eino", "Helmi", "Väinö", "Lyyli", "Toivo", "Elli", "Urho", "Saima", "Oiva", "Hilja", "Veikko",
         "Kerttu", "Arvo", "Impi", "Lauri", "Anna", "Juho", "Maria", "Matti", "Sofia", "Johannes", "Elsa", "Kalle"]
LAST = ["Virtasen", "Korhosen", "Mäkisen", "Nieminen", "Hämäläisen", "Laineen", "Heikkisen", "Koskisen",
        "Järvisen", "Lehtosen", "Lehtisen", "Saarisen", "Salmisen", "Heinosen", "Niemen", "Heikkilän",
        "Kinnusen", "Salosen", "Turusen", "Salmen", "Tuomisen", "Rantasen", "Karppisen", "Jokisen", "Mattilan",
        "Savolaisen", "Lahtisen", "Ahosen", "Hirvosen", "Peltosen", "Kettusen", "Leinosen", "Miettisen"]
SURNAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
            "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Kinnunen", "Turunen", "Rantanen",
            "Karppinen", "Savolainen", "Ahonen", "Hirvonen", "Peltonen", "Miettinen", "Lindholm", "Nyström"]
COMPANY = [("Hoivapalvelu", "Omsorgstjänst"), ("Kotipalvelu", "Hemtjänst"), ("Terapiapalvelut", "Terapitjänster"),
           ("Kuntoutus", "Rehabilitering"), ("Hyvinvointipalvelut", "Välfärdstjänster"), ("Fysioterapia", "Fysioterapi"),
           ("Perhepalvelut", "Familjetjänster"), ("Palvelukoti", "Servicehem")]
# street bases (fi, sv) and suffixes (fi, sv, fi abbreviation, sv abbreviation)
STREETS = [("Koulu", "Skol"), ("Kirkko", "Kyrko"), ("Kauppa", "Handels"), ("Asema", "Stations"), ("Ranta", "Strand"),
           ("Tehtaan", "Fabriks"), ("Puisto", "Park"), ("Myllyn", "Kvarn"), ("Sataman", "Hamn"),
           ("Kaupungin", "Stads"), ("Linnan", "Slotts"), ("Posti", "Post"), ("Tulli", "Tull"),
           ("Raatihuoneen", "Rådhus"), ("Meri", "Havs"), ("Pappilan", "Prästgårds"), ("Koivu", "Björk"),
           ("Tammi", "Ek"), ("Kuusi", "Gran"), ("Lehto", "Lund"), ("Niitty", "Ängs"), ("Kallio", "Berg"),
           ("Järvi", "Sjö"), ("Silta", "Bro"), ("Puijon", None), ("Minna Canthin", None), ("Snellmanin", "Snellmans"),
           ("Runebergin", "Runebergs"), ("Maaherran", "Landshövdinge"), ("Haapaniemen", None), ("Hatsalan", None),
           ("Tulliportin", None), ("Suo", "Myr"), ("Pohjolan", None), ("Kalevan", None), ("Sammon", None),
           ("Väinölän", None), ("Aleksanterin", "Alexanders"), ("Vuori", "Bergs"), ("Sairaala", "Sjukhus")]
STREET_SUF = [("katu", "gatan", "k.", "g."), ("tie", "vägen", "t.", "v."), ("kuja", "gränden", "kj.", "gr."),
              ("polku", "stigen", "p.", "st.")]
MOBILE = ["040", "041", "044", "045", "046", "050"]
# foreign organisations: name patterns, street, postal code, city, (country code, trunk prefix, area code)
FOREIGN = [
    ("{city}s Finska {t}", ["Pensionärer", "Förening", "Anhörigvårdare", "Kör", "Seniorer", "Idrottsklubb"],
     "Drottninggatan {n}", "111 {p:02d}", "Stockholm", ("46", "0", "8")),
    ("{city}s Finska {t}", ["Pensionärer", "Förening", "Anhörigvårdare", "Kör", "Seniorer", "Idrottsklubb"],
     "Vasagatan {n}", "411 {p:02d}", "Göteborg", ("46", "0", "31")),
    ("Sverigefinska {t} i {city}", ["Anhörigvårdare", "Pensionärer", "Föräldrar", "Ungdomar"],
     "Storgatan {n}", "903 {p:02d}", "Umeå", ("46", "0", "90")),
    ("Finnish {t} {city}", ["Society", "Seamen's Mission", "Community Centre", "Care Society", "Choir", "Seniors Club"],
     "{n} Albion Street", "SE16 7{p:02d}", "London", ("44", "0", "20")),
    ("Finnish {t} {city}", ["Society", "Community Centre", "Care Society", "Choir", "Seniors Club"],
     "{n} Oxford Road", "M1 {p:02d}", "Manchester", ("44", "0", "161")),
    ("{city} Soome {t}", ["Selts", "Kool", "Klubi", "Koor"], "Narva mnt {n}", "101{p:02d}", "Tallinn", ("372", "", "6")),
    ("Finnish {t} of {city}", ["Society", "Care Society", "Seniors Club", "Heritage Association"],
     "{n} Bloor Street West", "M6H {p:02d}", "Toronto", ("1", "1", "416")),
]


def slug(s):
    s = s.lower().translate(str.maketrans("äöåé", "aoae"))
    return "".join(ch for ch in s if ch.isalnum())


def ascii_fold(s):
    return s.translate(str.maketrans("äöåÄÖÅ", "aoaAOA"))


def business_id(rng):
    while True:
        digits = [rng.randrange(10) for _ in range(7)]
        remainder = sum(d * w for d, w in zip(digits, [7, 9, 10, 5, 8, 4, 2])) % 11
        if remainder != 1:
            return "".join(map(str, digits)) + "-" + str(0 if remainder == 0 else 11 - remainder)


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.names = set()      # (slug of base name, city) in use, so unrelated clusters never coincide
        self.phones = set()
        self.bids = set()
        self.domains = set()
        self.records = []       # (cluster, source, fields)
        self.kinds = {}         # cluster -> kind
        self.cluster_no = 0

    # --- identifiers, unique across the file -----------------------------------------------------------------
    def phone(self, area=None, mobile=False):
        rng = self.rng
        while True:
            if mobile or area is None:
                p = ("358", rng.choice(MOBILE), str(rng.randrange(1000000, 9999999)))
            else:
                p = ("358", area, str(rng.randrange(1000000, 9999999)) if len(area) == 2 else
                     str(rng.randrange(100000, 999999) if rng.random() < 0.3 else rng.randrange(1000000, 9999999)))
            if p not in self.phones:
                self.phones.add(p)
                return p

    def bid(self):
        while True:
            b = business_id(self.rng)
            if b not in self.bids:
                self.bids.add(b)
                return b

    def domain(self, base):
        d, i = base, 2
        while d in self.domains:
            d = f"{base}{i}"
            i += 1
        self.domains.add(d)
        return d

    def claim(self, name, city):
        key = (slug(name), city)
        if key in self.names:
            return False
        self.names.add(key)
        return True

    def address(self, place, sv=False):
        rng = self.rng
        base = rng.choice(STREETS)
        while sv and base[1] is None:
            base = rng.choice(STREETS)
        suf = rng.choice(STREET_SUF)
        number = str(rng.randint(1, 60))
        if rng.random() < 0.25:
            number += " " + rng.choice("ABC") + (f" {rng.randint(1, 20)}" if rng.random() < 0.5 else "")
        postal = place[3] + f"{rng.randint(1, 9)}{rng.randint(0, 9)}0"
        return {"street": (base, suf, number), "postal": postal, "place": place, "pobox": f"{rng.randint(2, 999)}"}

    # --- entities ----------------------------------------------------------------------------------------------
    def org(self, name_fi, name_sv, form, place, addr=None, phone=None, email=None, website=None, bid=True,
            mobile=False):
        rng = self.rng
        dom = self.domain(slug(name_fi)[:24] or "yhdistys")
        tld = ".fi" if rng.random() < 0.85 else rng.choice([".net", ".org", ".com"])
        gmail = rng.random() < 0.25
        ent = {
            "fi": name_fi, "sv": name_sv, "form": form, "addr": addr or self.address(place, sv=bool(name_sv)),
            "phone": phone or self.phone(place[4], mobile=mobile or rng.random() < 0.35),
            "email": email or (f"{slug(name_fi)[:20]}@gmail.com" if gmail else
                               f"{rng.choice(['info', 'toimisto', 'yhdistys', 'kanslia'])}@{dom}{tld}"),
            "web": website if website is not None else ((f"{dom}{tld}", "") if rng.random() < 0.8 else None),
            "bid": self.bid() if bid is True else (bid or None),
            "alt_phone": None,
        }
        return ent

    def new_cluster(self, kind):
        self.cluster_no += 1
        self.kinds[f"c{self.cluster_no:06d}"] = kind
        return f"c{self.cluster_no:06d}"

    def emit(self, kind, ent, sizes=(1, 2, 3, 4), weights=(35, 35, 20, 10), sources=None, **opts):
        rng = self.rng
        cluster = self.new_cluster(kind)
        n = rng.choices(sizes, weights[:len(sizes)])[0]
        srcs = list(sources) if sources else rng.sample(SOURCES, n) if n <= 4 else [rng.choice(SOURCES) for _ in range(n)]
        for i, src in enumerate(srcs[:n]):
            self.records.append((cluster, src, self.render(ent, src, i, **opts)))
        return cluster

    # --- rendering one record of an entity in a source's way ----------------------------------------------------
    def render(self, ent, src, i, lang=None, name_override=None, typo=0.0, sparse=0.0, keep=()):
        rng = self.rng
        messy = {"ptv": 0.05, "lahella": 0.15, "toimeksi": 0.2, "spreadsheet": 0.35}[src]
        lang = lang or "fi"
        name = name_override or (ent["sv"] if lang == "sv" and ent["sv"] else ent["fi"])
        name = self.legal_form(name, ent["form"], "sv" if lang == "sv" else "fi", src)
        if rng.random() < messy:
            name = self.name_noise(name)
        if rng.random() < typo + messy * 0.25:
            name = self.typo(name)
        a = ent["addr"]
        place = a["place"]
        if "foreign" in ent:
            street, postal, city = ent["foreign"]
            if rng.random() < 0.3:
                street = street.replace("Street", "St").replace("gatan", "g.").replace("Road", "Rd")
        else:
            street = self.street(a, "sv" if lang == "sv" else "fi", src)
            postal = a["postal"]
            city = place[2] if lang == "sv" and place[2] else place[0]
            if rng.random() < messy * 0.4:
                city = city.upper()
            if rng.random() < messy * 0.2 and src != "ptv":
                postal = "FI-" + postal
            if rng.random() < typo * 0.5:
                street = self.typo(street)
        phone = ent["phone"]
        if ent.get("alt_phone") and i > 0 and rng.random() < 0.5:
            phone = ent["alt_phone"]
        phone = self.phone_format(phone, src)
        email = ent["email"] or ""
        if email and rng.random() < messy:
            email = rng.choice([email.upper(), email.capitalize(), email.title(), " " + email])
        web = self.web_format(ent["web"], src) if ent["web"] else ""
        bid = ent["bid"] or ""
        if bid and rng.random() < {"ptv": 0.0, "lahella": 0.5, "toimeksi": 0.6, "spreadsheet": 0.4}[src]:
            bid = ""
        if bid and rng.random() < 0.05:
            bid = "FI" + bid.replace("-", "")
        rec = {"name": name, "street": street, "postal_code": postal, "city": city, "phone": phone, "email": email,
               "website": web, "business_id": bid}
        # missing fields: each source leaves some out
        for f, p in (("street", 0.1), ("postal_code", 0.12), ("phone", 0.15), ("email", 0.15), ("website", 0.2),
                     ("city", 0.03)):
            if f not in keep and rng.random() < p * (0.3 if src == "ptv" else 1.0) + sparse:
                rec[f] = ""
        return rec

    def legal_form(self, name, form, lang, src):
        rng = self.rng
        if form is None:
            return name
        r = rng.random()
        if form == "ry":
            if lang == "sv":
                opts, w = ["rf", "r.f.", "rf.", "RF", ""], [60, 15, 8, 5, 12]
            else:
                opts, w = ["ry", "r.y.", "ry.", "RY", "Ry", "r.y", ""], [55, 15, 6, 6, 5, 3, 10]
            f = rng.choices(opts, w)[0] if src != "ptv" or r < 0.3 else opts[0]
            return f"{name} {f}".strip()
        if form == "sr":
            if lang == "sv":
                return rng.choice([f"Stiftelsen {name} sr", f"Stiftelsen {name}", f"{name} stiftelse sr"])
            return rng.choice([f"{name} säätiö sr", f"{name} säätiö", f"{name} Säätiö sr", f"{name} sr"])
        if form == "oy":
            if lang == "sv":
                return rng.choice([f"{name} Ab", f"Ab {name}", f"{name} AB"])
            return rng.choices([f"{name} Oy", f"Oy {name} Ab", f"{name} OY", f"{name} Oy Ab", f"{name} oy",
                                f"{name} Ltd"], [45, 15, 10, 15, 10, 5])[0]
        if form == "osk":
            if lang == "sv":
                return rng.choice([f"Andelslaget {name}", f"{name} andelslag"])
            return rng.choice([f"Osuuskunta {name}", f"{name} osuuskunta", f"{name} osk", f"Osuuskunta {name}"])
        return name

    def name_noise(self, name):
        rng = self.rng
        k = rng.randrange(7)
        if k == 0:
            return name.upper()
        if k == 1:
            return name.lower()
        if k == 2:
            return name.replace(" ", "  ", 1) + rng.choice(["", " "])
        if k == 3:
            return name.replace("-", " ") if "-" in name else name.replace(" ja ", " & ") if " ja " in name else name + "."
        if k == 4:
            return ascii_fold(name)
        if k == 5:
            return name.title()
        return name.replace(",", "") if "," in name else " " + name

    def typo(self, s):
        rng = self.rng
        letters = [i for i, ch in enumerate(s) if ch.isalpha()]
        if len(letters) < 6:
            return s
        i = rng.choice(letters[1:-1])
        k = rng.randrange(4)
        if k == 0 and i + 1 < len(s) and s[i + 1].isalpha():
            return s[:i] + s[i + 1] + s[i] + s[i + 2:]     # swapped
        if k == 1:
            return s[:i] + s[i + 1:]                       # missing letter
        if k == 2:
            return s[:i] + s[i] + s[i:]                    # doubled letter
        near = {"a": "s", "s": "a", "e": "r", "r": "e", "i": "o", "o": "i", "k": "l", "l": "k", "t": "y", "n": "m",
                "m": "n", "u": "i", "ä": "a", "ö": "o", "h": "j", "j": "h", "v": "b", "y": "u", "p": "o"}
        ch = s[i]
        return s[:i] + near.get(ch.lower(), ch) + s[i + 1:]

    def street(self, a, lang, src):
        rng = self.rng
        (fi, sv), suf, number = a["street"]
        if rng.random() < 0.05 and src in ("ptv", "spreadsheet"):
            return ("PB " if lang == "sv" else rng.choice(["PL ", "PL ", "Postilokero ", "PO Box "])) + a["pobox"]
        if lang == "sv" and sv:
            base, full, abbr = sv, suf[1], suf[3]
        else:
            base, full, abbr = fi, suf[0], suf[2]
        sep = " " if " " in base else ""
        if rng.random() < {"ptv": 0.02, "lahella": 0.1, "toimeksi": 0.15, "spreadsheet": 0.3}[src]:
            street = f"{base}{sep}{abbr} {number}"
        else:
            street = f"{base}{sep}{full} {number}"
        if rng.random() < 0.1:
            street = street.replace(" A", "A").replace(" B", "B").replace(" C", "C") if rng.random() < 0.5 \
                else street.replace(" A ", " A").replace(" B ", " B ")
        if rng.random() < 0.05:
            street = street.lower()
        if rng.random() < 0.05:
            street += ","
        return street

    def phone_format(self, p, src):
        rng = self.rng
        cc, area, sub = p
        trunk = "" if cc in ("372", "47") else ("1" if cc == "1" else "0")
        if cc != "358":
            local = f"{sub[:3]} {sub[3:5]} {sub[5:]}".strip()
            return rng.choice([f"+{cc} {area} {local}", f"+{cc}{area}{sub}", f"{trunk}{area}-{local}",
                               f"{trunk}{area} {sub}", f"00{cc} {area} {sub}"])
        national = "0" + area[1:] if area.startswith("0") else area
        intl = area[1:]
        grouped = f"{sub[:3]} {sub[3:]}"
        forms = [f"{national} {grouped}", f"{national}-{sub}", f"{national}{sub}", f"+358 {intl} {grouped}",
                 f"+358{intl}{sub}", f"({national}) {grouped}", f"+358 (0){intl} {sub}", f"{national} {sub}",
                 f"00358 {intl} {sub}"]
        w = {"ptv": [10, 2, 2, 40, 40, 1, 3, 2, 0], "lahella": [40, 10, 20, 15, 10, 2, 0, 3, 0],
             "toimeksi": [40, 10, 10, 20, 5, 5, 2, 8, 0], "spreadsheet": [25, 15, 25, 5, 10, 5, 2, 10, 3]}[src]
        return rng.choices(forms, w)[0]

    def web_format(self, web, src):
        rng = self.rng
        host, path = web
        forms = [f"https://www.{host}/{path}", f"https://{host}{'/' + path if path else ''}", f"www.{host}",
                 f"http://www.{host}{'/' + path if path else ''}", f"{host}", f"https://www.{host}",
                 f"HTTPS://WWW.{host.upper()}/", f"www.{host}/{path}"]
        w = {"ptv": [50, 20, 0, 5, 0, 25, 0, 0], "lahella": [25, 20, 15, 10, 10, 20, 0, 0],
             "toimeksi": [30, 10, 20, 10, 10, 15, 0, 5], "spreadsheet": [10, 5, 35, 10, 25, 5, 5, 5]}[src]
        return rng.choices(forms, w)[0]

    # --- cluster kinds ----------------------------------------------------------------------------------------
    def place_name(self, bilingual=False):
        """(genitive fi, nominative sv or None, municipality) for an organisation's place: a municipality
        or a village in one."""
        rng = self.rng
        place = rng.choice(BILINGUAL if bilingual else PLACES)
        if rng.random() < 0.5:
            return place[1], place[2], place
        pre, suf = rng.choice(VILLAGE_PRE), rng.choice(VILLAGE_SUF)
        return pre[0] + suf[1], pre[1] + suf[2].lower() + ("s" if bilingual else ""), place

    def assoc_name(self, bilingual=False):
        for _ in range(200):
            gen, sv, place = self.place_name(bilingual)
            topic = self.rng.choice(TOPICS)
            fi = f"{gen} {topic[0]}"
            sv_name = f"{sv} {topic[1]}" if sv else None
            if self.claim(fi, place[0]):
                return fi, sv_name, place, topic
        return None

    def other_name(self, place):
        """An organisation name not built from a place: a foundation, a company or a co-operative."""
        rng = self.rng
        for _ in range(200):
            k = rng.randrange(3)
            if k == 0:
                fi, sv, form = f"{rng.choice(FIRST)} ja {rng.choice(FIRST)} {rng.choice(LAST)}", None, "sr"
                sv = fi.replace(" ja ", " och ")
            elif k == 1:
                c = rng.choice(COMPANY)
                who = rng.choice(SURNAMES)
                fi, sv, form = f"{c[0]} {who}", None, "oy"
            else:
                gen = rng.choice(PLACES)[1] if rng.random() < 0.5 else rng.choice(VILLAGE_PRE)[0] + rng.choice(VILLAGE_SUF)[1]
                fi, sv, form = f"{gen} {rng.choice(['Palvelu', 'Hoiva', 'Kylätalo', 'Lähiruoka', 'Työ', 'Kotiapu', 'Kumppanuus'])}", None, "osk"
            if self.claim(fi, place[0]):
                return fi, sv, form
        return None

    def k_plain(self):
        """One organisation, its records differing only in the ways sources write things."""
        rng = self.rng
        if rng.random() < 0.75:
            got = self.assoc_name()
            if not got:
                return
            fi, _, place, _ = got
            ent = self.org(fi, None, "ry", place)
        else:
            place = rng.choice(PLACES)
            got = self.other_name(place)
            if not got:
                return
            ent = self.org(got[0], got[1], got[2], place)
        self.emit("plain", ent)

    def k_typos(self):
        got = self.assoc_name()
        if not got:
            return
        fi, _, place, _ = got
        ent = self.org(fi, None, "ry", place)
        self.emit("typos", ent, sizes=(2, 3), weights=(70, 30), typo=0.8)

    def k_sparse(self):
        """Records with most fields missing: name and one or two more."""
        got = self.assoc_name()
        if not got:
            return
        fi, _, place, _ = got
        ent = self.org(fi, None, "ry", place)
        self.emit("sparse", ent, sizes=(2, 3), weights=(75, 25), sparse=0.45, keep=("city",))

    def k_bilingual(self):
        rng = self.rng
        got = self.assoc_name(bilingual=True)
        if not got:
            return
        fi, sv, place, _ = got
        ent = self.org(fi, sv, "ry", place)
        n = rng.choices([2, 3, 4], [55, 30, 15])[0]
        cluster = self.new_cluster("bilingual")
        langs = ["fi", "sv"] + [rng.choice(["fi", "sv"]) for _ in range(n - 2)]
        for i, (src, lang) in enumerate(zip(rng.sample(SOURCES, n), langs)):
            self.records.append((cluster, src, self.render(ent, src, i, lang=lang)))

    def k_federation(self):
        rng = self.rng
        fed = rng.choice(FEDERATIONS)
        central_name, domain, pattern = fed
        key = ("federation", central_name)
        helsinki = PLACES[0]
        if key not in self.names:
            self.names.add(key)
            central = self.org(central_name, None, "ry", helsinki, website=(domain, ""),
                               email=f"info@{domain}", phone=self.phone("09"))
            self.domains.add(domain)
            self.federations = getattr(self, "federations", {})
            self.federations[central_name] = central
            self.emit("federation-central", central)
        central = self.federations[central_name]
        for _ in range(rng.randint(2, 5)):
            place = rng.choice(PLACES)
            name = pattern.format(gen=place[1])
            if not self.claim(name, place[0]):
                continue
            shared_email = rng.random() < 0.6
            ent = self.org(name, None, "ry", place, phone=central["phone"],
                           email=central["email"] if shared_email else None,
                           website=(domain, slug(place[0])) if rng.random() < 0.7 else (domain, ""))
            if rng.random() < 0.4:
                ent["alt_phone"] = self.phone(mobile=True)    # the chairman's mobile in some sources
            self.emit("federation-chapter", ent)

    def k_activity(self):
        """The same activity in PTV and lähellä.fi, worded a little differently, and its sibling activities."""
        rng = self.rng
        place = rng.choice(PLACES)
        audience = rng.choice(AUDIENCES)
        acts = rng.sample(ACTIVITIES, rng.choices([1, 2, 3], [60, 28, 12])[0])
        if not self.claim(f"{audience} {acts[0][0]}", place[0]):
            return
        organiser = self.org(f"{audience} {acts[0][0]}", None, None, place, bid=rng.random() < 0.3 and self.bid())
        for j, (act, other) in enumerate(acts):
            name = f"{audience} {act}"
            if j and not self.claim(name, place[0]):
                continue
            city = place[0]
            variants = [f"{name}, {city}", f"{name} {city}", f"{name} – {city}", f"{name} ({city})", name]
            ptv_name = rng.choice(variants[:4])
            other_name = f"{audience} {other}" if rng.random() < 0.6 else name
            lahella_name = rng.choice([other_name, f"{other_name} {city}", f"{other_name}, {city}"])
            ent = dict(organiser)
            cluster = self.new_cluster("activity-sibling" if j else "activity")
            srcs = ["ptv", "lahella"] + rng.sample(["toimeksi", "spreadsheet"], rng.choices([0, 1, 2], [60, 30, 10])[0])
            for i, src in enumerate(srcs):
                nm = ptv_name if src == "ptv" else lahella_name if src == "lahella" else rng.choice(variants)
                rec = self.render(ent, src, i, name_override=nm)
                if src == "lahella" and rng.random() < 0.4:
                    rec["phone"] = self.phone_format(self.phone(mobile=True), src)  # the leader's own number
                if src != "ptv" and rec["business_id"] and rng.random() < 0.5:
                    rec["business_id"] = ""
                self.records.append((cluster, src, rec))

    def k_renamed(self):
        rng = self.rng
        old_topic, new_topic = rng.choice(RENAMES)
        for _ in range(50):
            gen, _, place = self.place_name()
            old, new = f"{gen} {old_topic}", f"{gen} {new_topic}"
            if rng.random() < 0.3:
                region = rng.choice(["Pohjois-Savon", "Etelä-Savon", "Keski-Suomen", "Pohjois-Karjalan",
                                     "Uudenmaan", "Pirkanmaan", "Varsinais-Suomen", "Pohjanmaan", "Kainuun"])
                new = f"{region} {new_topic}"
            if self.claim(old, place[0]) and self.claim(new, place[0]):
                break
        else:
            return
        ent = self.org(new, None, "ry", place)
        cluster = self.new_cluster("renamed")
        n = rng.choices([2, 3, 4], [60, 30, 10])[0]
        srcs = rng.sample(SOURCES, n)
        for i, src in enumerate(srcs):
            use_old = i == 0 or (i > 1 and rng.random() < 0.4)
            rec = self.render(ent, src, i, name_override=old if use_old else None,
                              keep=("phone",) if i < 2 else ())
            self.records.append((cluster, src, rec))

    def k_foreign(self):
        """An organisation abroad: Swedish, British, Estonian or Canadian address and phone formats."""
        rng = self.rng
        pattern, topics, street, postal, city, (cc, trunk, area) = rng.choice(FOREIGN)
        name = pattern.format(city=city, t=rng.choice(topics))
        if not self.claim(name, city):
            return
        while True:
            ph = (cc, area, str(rng.randrange(1000000, 9999999)))
            if ph not in self.phones:
                self.phones.add(ph)
                break
        dom = self.domain(slug(name)[:20])
        suffix = rng.choice(["", "", " ry", " rf", " r.f.", " ry."])
        ent = {"fi": name + suffix, "sv": None, "form": None, "addr": {"place": None}, "phone": ph,
               "email": f"info@{dom}.org", "web": (dom + ".org", ""), "bid": None, "alt_phone": None,
               "foreign": (street.format(n=rng.randint(1, 120)), postal.format(p=rng.randint(0, 99)), city)}
        self.emit("foreign", ent, sizes=(1, 2, 3), weights=(30, 50, 20))

    def k_shared_word(self):
        """Several distinct organisations of one municipality whose names share the place word, often at
        the same address (a järjestötalo), each with its own contacts."""
        rng = self.rng
        place = rng.choice(PLACES)
        topics = rng.sample(TOPICS, rng.randint(2, 4))
        house = self.address(place) if rng.random() < 0.6 else None
        for t in topics:
            fi = f"{place[1]} {t[0]}"
            if not self.claim(fi, place[0]):
                continue
            ent = self.org(fi, None, "ry", place, addr=house)
            self.emit("shared-word" + ("-same-address" if house else ""), ent, weights=(50, 30, 15, 5))

    def k_homonym(self):
        """Same-named village associations in different municipalities (different contacts)."""
        rng = self.rng
        pre, suf = rng.choice(VILLAGE_PRE), rng.choice(VILLAGE_SUF)
        fi = f"{pre[0]}{suf[1]} {rng.choice(['Kyläyhdistys', 'Nuorisoseura', 'Maamiesseura', 'Metsästysseura', 'Kylätoimikunta'])}"
        places = rng.sample(PLACES, 2)
        for place in places:
            if not self.claim(fi, place[0]):
                continue
            ent = self.org(fi, None, "ry", place)
            self.emit("homonym", ent, weights=(45, 40, 15, 0))


KINDS = [("plain", 30), ("typos", 7), ("sparse", 6), ("bilingual", 9), ("federation", 4), ("activity", 12),
         ("renamed", 7), ("foreign", 3), ("shared_word", 5), ("homonym", 3)]


def generate(n, seed):
    g = Gen(seed)
    names = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    while len(g.records) < n:
        getattr(g, "k_" + g.rng.choices(names, weights)[0])()
    # exactly n records: the last cluster drawn may lose a record or two
    records = g.records[:n]
    g.rng.shuffle(records)
    return records, g


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--summary", action="store_true", help="print the clusters and records per kind")
    args = parser.parse_args()
    records, g = generate(args.n, args.seed)
    # renumber clusters in order of first appearance so labels say nothing about kind or position
    labels = {}
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i, (cluster, src, rec) in enumerate(records, 1):
            label = labels.setdefault(cluster, f"T{len(labels) + 1:06d}")
            w.writerow([f"R{i:06d}", rec["name"], rec["street"], rec["postal_code"], rec["city"], rec["phone"],
                        rec["email"], rec["website"], rec["business_id"], src, label])
    if args.summary:
        sizes = collections.Counter(collections.Counter(c for c, _, _ in records).values())
        print(f"{len(records)} records, {len(labels)} clusters; cluster sizes: "
              + ", ".join(f"{k}: {v}" for k, v in sorted(sizes.items())), file=sys.stderr)
        per_cluster = collections.Counter(c for c, _, _ in records)
        clusters, recs = collections.Counter(), collections.Counter()
        for c, size in per_cluster.items():
            clusters[g.kinds[c]] += 1
            recs[g.kinds[c]] += size
        print(f"  {'kind':28s} {'clusters':>8s} {'records':>8s}", file=sys.stderr)
        for k in sorted(clusters):
            print(f"  {k:28s} {clusters[k]:8d} {recs[k]:8d}", file=sys.stderr)


if __name__ == "__main__":
    main()
