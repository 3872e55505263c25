"""Word and sentence pools for the synthetic PTV snapshot (bench/ptv/generate_snapshot.py).

Everything here is invented, Finnish-looking filler text. Triples are (fi, sv, en).
Nothing describes a real service; e-mail and web addresses use the reserved ".example" TLD.
"""

# --- service base names per service class: (fi, sv, en) -----------------------------------
SERVICE_NAMES = {
    "P5.17": [
        ("Hyvinvointineuvonta", "Välbefinnanderådgivning", "Wellbeing counselling"),
        ("Terveysneuvonta", "Hälsorådgivning", "Health counselling"),
        ("Elintapaohjaus", "Livsstilshandledning", "Lifestyle guidance"),
        ("Liikuntaneuvonta", "Motionsrådgivning", "Exercise counselling"),
        ("Painonhallintaryhmä", "Viktkontrollgrupp", "Weight management group"),
        ("Unikoulu", "Sömnskola", "Sleep school"),
        ("Tupakasta vieroituksen tuki", "Stöd för rökavvänjning", "Support for quitting smoking"),
        ("Terveyskioski", "Hälsokiosk", "Health kiosk"),
    ],
    "P5.16": [
        ("Vertaistukiryhmä", "Kamratstödsgrupp", "Peer support group"),
        ("Sururyhmä läheisensä menettäneille", "Sorggrupp för efterlevande", "Grief group for the bereaved"),
        ("Päihdetyön vertaistuki", "Kamratstöd inom missbruksarbetet", "Peer support for substance use"),
        ("Mielenterveyden vertaistuki", "Kamratstöd för psykisk hälsa", "Mental health peer support"),
        ("Muistikahvila", "Minneskafé", "Memory café"),
        ("Sydänkerho", "Hjärtklubb", "Heart club"),
        ("Diabeteksen vertaistukiryhmä", "Kamratstödsgrupp för diabetiker", "Diabetes peer group"),
    ],
    "P4.12": [
        ("Vapaaehtoinen ystävätoiminta", "Frivillig vänverksamhet", "Volunteer befriending"),
        ("Omaishoitajien vertaisryhmä", "Kamratgrupp för närståendevårdare", "Peer group for family carers"),
        ("Kohtaamispaikka", "Mötesplats", "Drop-in meeting place"),
        ("Lähimmäispalvelu", "Medmänniskotjänst", "Neighbourly help"),
        ("Ulkoiluystävätoiminta", "Utevänsverksamhet", "Outdoor buddy activity"),
        ("Vertaistuki eroperheille", "Kamratstöd för skilsmässofamiljer", "Peer support for separated families"),
    ],
    "P4.13": [
        ("Sosiaaliohjaus", "Socialhandledning", "Social guidance"),
        ("Talous- ja velkaneuvonta", "Ekonomi- och skuldrådgivning", "Financial and debt counselling"),
        ("Palveluohjaus ikäihmisille", "Servicehandledning för äldre", "Service guidance for older people"),
    ],
    "P27.1": [
        ("Kuntosali", "Gym", "Gym"),
        ("Uimahalli", "Simhall", "Swimming hall"),
        ("Ikäihmisten liikuntaryhmät", "Motionsgrupper för äldre", "Exercise groups for older people"),
        ("Tuolijumppa", "Stolgympa", "Chair exercise"),
        ("Vesijumppa", "Vattengymnastik", "Aqua aerobics"),
        ("Soveltava liikunta", "Anpassad motion", "Adapted physical activity"),
        ("Liikuntapaikkojen vuorot", "Turer i idrottsanläggningar", "Sports facility bookings"),
        ("Matalan kynnyksen liikuntaryhmä", "Motionsgrupp med låg tröskel", "Low-threshold exercise group"),
    ],
    "P27.2": [
        ("Luontopolku", "Naturstig", "Nature trail"),
        ("Kuntoradat ja ladut", "Motionsbanor och skidspår", "Fitness trails and ski tracks"),
        ("Retkeilyalue", "Friluftsområde", "Hiking area"),
        ("Yhteiset luontoretket", "Gemensamma naturutflykter", "Group nature walks"),
    ],
    "P25.5": [
        ("Kerhotoiminta", "Klubbverksamhet", "Club activities"),
        ("Harrastustoiminta", "Hobbyverksamhet", "Hobby activities"),
        ("Asukastupa", "Invånarstuga", "Residents' lounge"),
        ("Kesäleirit", "Sommarläger", "Summer camps"),
        ("Päivätoiminta", "Dagverksamhet", "Day activities"),
    ],
    "P25.1": [
        ("Kirjastopalvelut", "Bibliotekstjänster", "Library services"),
        ("Kotipalvelukirjasto", "Biblioteksservice i hemmet", "Home library service"),
        ("Lukupiiri", "Läscirkel", "Reading circle"),
    ],
    "P25.2": [
        ("Kulttuuriluotsit", "Kulturlotsar", "Culture guides"),
        ("Taidekerho", "Konstklubb", "Art club"),
        ("Yhteislaulutilaisuudet", "Allsångstillfällen", "Community singing"),
    ],
    "P25.7": [
        ("Kansalaisopiston kurssit", "Medborgarinstitutets kurser", "Adult education centre courses"),
        ("Taiteen perusopetus", "Grundläggande konstundervisning", "Basic art education"),
    ],
    "P28.1": [
        ("Nuorisotila", "Ungdomsgård", "Youth centre"),
        ("Avoin nuorisotyö", "Öppen ungdomsverksamhet", "Open youth work"),
    ],
    "P28.4": [
        ("Etsivä nuorisotyö", "Uppsökande ungdomsarbete", "Outreach youth work"),
    ],
    "P28.2": [
        ("Nuorten harrastusryhmät", "Hobbygrupper för unga", "Hobby groups for young people"),
    ],
    "P10.8": [
        ("Työttömien yhdistyksen toiminta", "De arbetslösas förenings verksamhet", "Activities of the association of the unemployed"),
        ("Työnhakijoiden vertaisryhmä", "Kamratgrupp för arbetssökande", "Peer group for job seekers"),
    ],
    "P5.11": [
        ("Omahoito-ohjaus", "Egenvårdshandledning", "Self-care guidance"),
        ("Digitaalinen omahoitopolku", "Digital egenvårdsstig", "Digital self-care path"),
    ],
    "P5.20": [
        ("Ravitsemusneuvonta", "Näringsrådgivning", "Nutrition counselling"),
        ("Kokkikerho", "Matlagningsklubb", "Cooking club"),
    ],
    "P8.4": [
        ("Järjestötoiminta", "Föreningsverksamhet", "NGO activities"),
        ("Järjestöjen yhteinen toimintakeskus", "Organisationernas gemensamma verksamhetscenter", "Joint NGO activity centre"),
    ],
    "P5.10": [("Suun terveydenhuolto", "Mun- och tandvård", "Oral health care")],
    "P5.2": [
        ("Äitiysneuvola", "Mödrarådgivning", "Maternity clinic"),
        ("Lastenneuvola", "Barnrådgivning", "Child health clinic"),
    ],
    "P5.7": [
        ("Mielenterveyspalvelut", "Mentalvårdstjänster", "Mental health services"),
        ("Päihdepalvelut", "Missbrukartjänster", "Substance abuse services"),
    ],
    "P5.1": [("Terveysaseman vastaanotto", "Mottagning vid hälsostationen", "Health centre appointments")],
    "P5.13": [("Kuntoutus", "Rehabilitering", "Rehabilitation")],
    "P4.2": [("Ikäihmisten päivätoiminta", "Dagverksamhet för äldre", "Day activities for older people")],
    "P4.3": [("Kotihoito", "Hemvård", "Home care")],
}

# Service classes the generator favours (wellbeing / "hyte"), with weights.
HYTE_CLASSES = [
    ("P5.17", 14), ("P5.16", 12), ("P4.12", 12), ("P27.1", 12), ("P25.5", 9), ("P5.11", 4),
    ("P5.20", 3), ("P4.13", 5), ("P10.8", 2), ("P25.1", 4), ("P25.2", 3), ("P25.7", 3),
    ("P27.2", 4), ("P28.1", 3), ("P28.2", 2), ("P28.4", 2), ("P8.4", 3), ("P5.10", 2),
    ("P5.2", 2), ("P5.7", 3), ("P5.1", 2), ("P5.13", 2), ("P4.2", 3), ("P4.3", 2),
]

TARGET_GROUPS = [
    ("KR1", 30), ("KR1.1", 14), ("KR1.2", 12), ("KR1.3", 10), ("KR1.4", 6), ("KR1.6", 5),
    ("KR1.5", 1), ("KR2", 3), ("KR2.7", 3), ("KR2.1", 1), ("KR3", 1),
]

TARGET_SUFFIX = [
    ("ikäihmisille", "för äldre", "for older people"),
    ("lapsiperheille", "för barnfamiljer", "for families with children"),
    ("nuorille", "för unga", "for young people"),
    ("omaishoitajille", "för närståendevårdare", "for family carers"),
    ("työikäisille", "för personer i arbetsför ålder", "for working-age people"),
    ("maahanmuuttajille", "för invandrare", "for immigrants"),
    ("mielenterveyskuntoutujille", "för mentalvårdsrehabiliterande", "for mental health rehabilitees"),
]

SUMMARIES = [
    ("Maksutonta neuvontaa ja ohjausta arjen hyvinvointiin.",
     "Avgiftsfri rådgivning och handledning för vardagens välbefinnande.",
     "Free advice and guidance for everyday wellbeing."),
    ("Vertaisohjattu ryhmä, jossa voit jakaa kokemuksia turvallisessa ilmapiirissä.",
     "En kamratledd grupp där du kan dela erfarenheter i en trygg miljö.",
     "A peer-led group where you can share experiences in a safe atmosphere."),
    ("Matalan kynnyksen toimintaa kaikenikäisille.",
     "Verksamhet med låg tröskel för alla åldrar.",
     "Low-threshold activities for all ages."),
    ("Ohjattua liikuntaa, joka tukee toimintakykyä ja jaksamista.",
     "Handledd motion som stöder funktionsförmågan och orken.",
     "Guided exercise that supports functional capacity and coping."),
    ("Tukea ja tietoa yksilöllisesti tai ryhmässä.",
     "Stöd och information individuellt eller i grupp.",
     "Support and information individually or in a group."),
    ("Avoin kohtaamispaikka, jonne voit tulla ilman ajanvarausta.",
     "En öppen mötesplats dit du kan komma utan tidsbokning.",
     "An open meeting place you can visit without an appointment."),
    ("Palveluohjausta ja apua oikean palvelun löytämiseen.",
     "Servicehandledning och hjälp att hitta rätt tjänst.",
     "Service guidance and help in finding the right service."),
    ("Vapaaehtoisten järjestämää toimintaa yksinäisyyden ehkäisemiseksi.",
     "Verksamhet som ordnas av frivilliga för att förebygga ensamhet.",
     "Volunteer-run activities to prevent loneliness."),
    ("Harrastusmahdollisuuksia ja yhdessä tekemistä lähellä kotia.",
     "Hobbymöjligheter och gemensam verksamhet nära hemmet.",
     "Hobbies and doing things together close to home."),
    ("Ennaltaehkäisevää tukea terveyden ja hyvinvoinnin edistämiseksi.",
     "Förebyggande stöd för att främja hälsa och välbefinnande.",
     "Preventive support to promote health and wellbeing."),
    ("Ammattilaisen ohjausta elintapamuutoksen tueksi.",
     "Handledning av en yrkesperson som stöd för livsstilsförändringar.",
     "Professional guidance to support lifestyle change."),
    ("Palvelu on tarkoitettu {gen} alueen asukkaille.",
     "Tjänsten är avsedd för invånarna i {sv}.",
     "The service is intended for residents of {fi}."),
]

SENTENCES_FI = [
    "Toiminta on maksutonta ja avointa kaikille {gen} alueen asukkaille.",
    "Ryhmät kokoontuvat viikoittain syys- ja kevätkaudella.",
    "Ohjaajina toimivat koulutetut vapaaehtoiset ja alan ammattilaiset.",
    "Tavoitteena on tukea arjessa jaksamista, terveyttä ja hyvinvointia.",
    "Palveluun voi hakeutua ilman lähetettä.",
    "Tilat ovat esteettömät ja sisäänkäynti on katutasossa.",
    "Ajanvaraus onnistuu puhelimitse tai sähköisen asioinnin kautta.",
    "Voit osallistua yksin tai yhdessä läheisesi kanssa.",
    "Toiminnassa huomioidaan erityisesti ikäihmisten, lapsiperheiden ja nuorten tarpeet.",
    "Tarvittaessa ohjaamme sinut muiden palvelujen piiriin.",
    "Palvelu toteutetaan yhteistyössä hyvinvointialueen ja paikallisten järjestöjen kanssa.",
    "Kesäkaudella toiminta on tauolla, ja ryhmät jatkuvat elokuussa.",
    "Osallistuminen ei edellytä aiempaa kokemusta.",
    "Mukaan voi tulla myös kesken kauden.",
    "Ryhmässä on tilaa noin kymmenelle osallistujalle.",
    "Tiedot käsitellään luottamuksellisesti.",
    "Palvelussa voi asioida suomeksi ja ruotsiksi.",
    "Lisätietoja saat palveluohjaajalta arkisin kello 9–15.",
    "Ota mukaan sisäliikuntakengät ja juomapullo.",
    "Toimintaa järjestetään myös etäyhteydellä.",
]
SENTENCES_SV = [
    "Verksamheten är avgiftsfri och öppen för alla invånare i {sv}.",
    "Grupperna träffas varje vecka under höst- och vårterminen.",
    "Handledarna är utbildade frivilliga och yrkespersoner.",
    "Målet är att stödja ork, hälsa och välbefinnande i vardagen.",
    "Du kan söka dig till tjänsten utan remiss.",
    "Lokalerna är tillgängliga och ingången är i gatuplanet.",
    "Du kan boka tid per telefon eller via e-tjänsten.",
    "Du kan delta ensam eller tillsammans med en närstående.",
    "Uppgifterna behandlas konfidentiellt.",
    "Mer information får du av servicehandledaren vardagar kl. 9–15.",
]
SENTENCES_EN = [
    "The activities are free of charge and open to all residents of {fi}.",
    "The groups meet weekly during the autumn and spring terms.",
    "The groups are led by trained volunteers and professionals.",
    "The aim is to support coping, health and wellbeing in everyday life.",
    "No referral is needed.",
    "The premises are accessible and the entrance is at street level.",
    "You can book an appointment by phone or online.",
    "You can take part alone or together with someone close to you.",
    "All information is handled confidentially.",
    "For more information, contact the service counsellor on weekdays 9–15.",
]
BULLETS_FI = [
    "yksilöohjaus", "ryhmätoiminta", "vertaistuki", "neuvonta puhelimitse", "kotikäynnit",
    "etäpalvelu videoyhteydellä", "ohjaus järjestöjen toimintaan", "tapahtumat ja retket",
    "kahvila ryhmien aikaan", "tietoiskut ja luennot",
]
BULLETS_EN = ["individual guidance", "group activities", "peer support", "phone advice", "home visits"]
USER_INSTRUCTIONS = [
    ("Varaa aika puhelimitse tai tule avoimeen neuvontaan.", "Boka tid per telefon eller kom till den öppna rådgivningen.", "Book an appointment by phone or visit the open advice hours."),
    ("Ilmoittaudu ryhmään sähköpostilla viimeistään viikkoa ennen ryhmän alkua.", "Anmäl dig till gruppen per e-post senast en vecka innan gruppen börjar.", "Register for the group by e-mail at least a week before it starts."),
    ("Tule paikan päälle aukioloaikoina, ajanvarausta ei tarvita.", "Kom på plats under öppettiderna, ingen tidsbokning behövs.", "Drop in during opening hours, no appointment needed."),
    ("Täytä sähköinen hakemus ja olemme sinuun yhteydessä.", "Fyll i den elektroniska ansökan så kontaktar vi dig.", "Fill in the online application and we will contact you."),
]
CONDITIONS = [
    ("Palvelu on tarkoitettu yli 65-vuotiaille.", "Tjänsten är avsedd för personer över 65 år.", "The service is intended for people over 65."),
    ("Osallistujan tulee asua hyvinvointialueella.", "Deltagaren ska bo inom välfärdsområdet.", "Participants must live in the wellbeing services county."),
    ("Läheisen kuolemasta on kulunut vähintään kolme kuukautta.", "Det har gått minst tre månader sedan den närståendes död.", "At least three months have passed since the death of the loved one."),
]
CHARGE_INFO = [
    ("Asiakasmaksu 10 € / kerta.", "Klientavgift 10 € / gång.", "Client fee 10 € per visit."),
    ("Kausimaksu 40 €, jäsenille 25 €.", "Terminsavgift 40 €, för medlemmar 25 €.", "Term fee 40 €, members 25 €."),
    ("Maksu määräytyy tulojen mukaan.", "Avgiften bestäms enligt inkomsterna.", "The fee depends on income."),
]
KEYWORDS_FI = ["vertaistuki", "hyvinvointi", "liikunta", "ikäihmiset", "yksinäisyys", "mielenterveys",
               "ravitsemus", "omaishoito", "harrastukset", "nuoret", "perheet", "vapaaehtoistoiminta",
               "kuntoutus", "terveys", "kohtaamispaikka", "neuvonta"]
LEGISLATION = [
    ("https://www.finlex.fi/fi/laki/ajantasa/2021/20210612", "Laki sosiaali- ja terveydenhuollon järjestämisestä (612/2021)"),
    ("https://www.finlex.fi/fi/laki/ajantasa/2010/20101326", "Terveydenhuoltolaki (1326/2010)"),
    ("https://www.finlex.fi/fi/laki/ajantasa/2014/20141301", "Sosiaalihuoltolaki (1301/2014)"),
    ("https://www.finlex.fi/fi/laki/ajantasa/2015/20150390", "Liikuntalaki (390/2015)"),
]
# Synthetic ontology terms (URIs shaped like YSO/KOKO concepts; the numbers are NOT real concepts).
ONTOLOGY_TERMS = [
    ("http://www.yso.fi/onto/koko/p34462", "kuolema", "död", "death"),
    ("http://www.yso.fi/onto/koko/p59475", "kriisipsykologia", "krispsykologi", "crisis psychology"),
    ("http://www.yso.fi/onto/yso/p990101", "vertaistuki", "kamratstöd", "peer support"),
    ("http://www.yso.fi/onto/yso/p990102", "liikunta", "motion", "physical activity"),
    ("http://www.yso.fi/onto/yso/p990103", "ikääntyneet", "äldre", "older people"),
    ("http://www.yso.fi/onto/yso/p990104", "mielenterveys", "psykisk hälsa", "mental health"),
    ("http://www.yso.fi/onto/yso/p990105", "yksinäisyys", "ensamhet", "loneliness"),
    ("http://www.yso.fi/onto/yso/p990106", "ravitsemus", "näring", "nutrition"),
    ("http://www.yso.fi/onto/yso/p990107", "omaishoitajat", "närståendevårdare", "family carers"),
    ("http://www.yso.fi/onto/yso/p990108", "harrastukset", "hobbyer", "hobbies"),
    ("http://www.yso.fi/onto/yso/p990109", "nuorisotyö", "ungdomsarbete", "youth work"),
    ("http://www.yso.fi/onto/yso/p990110", "vapaaehtoistyö", "frivilligarbete", "volunteer work"),
]
INDUSTRIAL_CLASSES = [
    "http://uri.suomi.fi/codelist/jhs/toimiala_1_20080101/code/86",
    "http://uri.suomi.fi/codelist/jhs/toimiala_1_20080101/code/88",
    "http://uri.suomi.fi/codelist/jhs/toimiala_1_20080101/code/93",
]

# --- organisations -------------------------------------------------------------------------
NGO_THEMES = [
    ("Sydänyhdistys", "Hjärtförening", "Heart Association"),
    ("Mielenterveysseura", "Mentalvårdssällskap", "Mental Health Society"),
    ("Vertaistukikeskus", "Kamratstödscenter", "Peer Support Centre"),
    ("Omaishoitajat", "Närståendevårdare", "Family Carers"),
    ("Eläkeläiset", "Pensionärer", "Pensioners"),
    ("Nuorisoseura", "Ungdomsförening", "Youth Society"),
    ("Diabetesyhdistys", "Diabetesförening", "Diabetes Association"),
    ("Muistiyhdistys", "Minnesförening", "Memory Association"),
    ("Liikuntaseura", "Idrottsförening", "Sports Club"),
    ("Kuntoliikuntaseura", "Motionsförening", "Fitness Club"),
    ("Setlementti", "Settlement", "Settlement"),
    ("Työttömät", "Arbetslösa", "Unemployed Association"),
    ("Invalidit", "Invalider", "Disability Association"),
    ("Reumayhdistys", "Reumaförening", "Rheumatism Association"),
    ("Kuuloyhdistys", "Hörselförening", "Hearing Association"),
    ("Perhekerho", "Familjeklubb", "Family Club"),
    ("Kylätoimikunta", "Byaråd", "Village Committee"),
    ("Martat", "Martor", "Martha Association"),
    ("Seniorit", "Seniorer", "Seniors"),
    ("Ystäväpiiri", "Vänkrets", "Circle of Friends"),
]
SURNAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
            "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi",
            "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen"]
COMPANY_LINES = [
    ("Fysioterapia", "Fysioterapi", "Physiotherapy"),
    ("Hyvinvointipalvelut", "Välfärdstjänster", "Wellbeing Services"),
    ("Kuntoutus", "Rehabilitering", "Rehabilitation"),
    ("Hoivapalvelut", "Omsorgstjänster", "Care Services"),
    ("Liikuntakeskus", "Motionscenter", "Fitness Centre"),
    ("Terapiapalvelut", "Terapitjänster", "Therapy Services"),
    ("Kotihoito", "Hemvård", "Home Care"),
    ("Jalkahoito", "Fotvård", "Foot Care"),
    ("Psykoterapia", "Psykoterapi", "Psychotherapy"),
    ("Ravitsemusneuvonta", "Näringsrådgivning", "Nutrition Advice"),
]
ORG_SUMMARIES = [
    ("Yhdistys järjestää vertaistukea, kohtaamispaikkatoimintaa ja vapaaehtoistoimintaa.",
     "Föreningen ordnar kamratstöd, mötesplatsverksamhet och frivilligverksamhet.",
     "The association organises peer support, drop-in activities and volunteering."),
    ("Tuotamme hyvinvointia tukevia palveluita yksityis- ja yritysasiakkaille.",
     "Vi producerar tjänster som stöder välbefinnandet för privat- och företagskunder.",
     "We provide wellbeing services for private and corporate clients."),
    ("Paikallinen toimija, joka edistää asukkaiden terveyttä ja osallisuutta.",
     "En lokal aktör som främjar invånarnas hälsa och delaktighet.",
     "A local actor promoting residents' health and inclusion."),
]

# --- channels ------------------------------------------------------------------------------
PLACES = [
    ("Terveysasema", "Hälsostation", "Health centre"),
    ("Hyvinvointikeskus", "Välfärdscenter", "Wellbeing centre"),
    ("Kirjasto", "Bibliotek", "Library"),
    ("Nuorisotila", "Ungdomsgård", "Youth centre"),
    ("Palvelutalo", "Servicehus", "Service house"),
    ("Liikuntahalli", "Idrottshall", "Sports hall"),
    ("Uimahalli", "Simhall", "Swimming hall"),
    ("Asukastupa", "Invånarstuga", "Residents' lounge"),
    ("Toimintakeskus", "Verksamhetscenter", "Activity centre"),
    ("Kohtaamispaikka", "Mötesplats", "Meeting place"),
    ("Neuvola", "Rådgivning", "Child health clinic"),
    ("Yhdistyksen toimitila", "Föreningens lokal", "Association premises"),
    ("Kuntosali", "Gym", "Gym"),
    ("Perhekeskus", "Familjecenter", "Family centre"),
    ("Työpaja", "Verkstad", "Workshop"),
    ("Seniorikeskus", "Seniorcenter", "Senior centre"),
]
DISTRICTS = ["Keskusta", "Kirkonkylä", "Asema", "Niittymäki", "Rantakylä", "Mäntylä", "Koivuharju",
             "Pohjoinen", "Eteläinen", "Itäranta", "Länsiharju", "Kauppatori", "Peltola", "Vanhakylä"]
STREETS = [
    ("Kirkkokatu", "Kyrkogatan"), ("Koulukatu", "Skolgatan"), ("Asemakatu", "Stationsgatan"),
    ("Rantatie", "Strandvägen"), ("Myllytie", "Kvarnvägen"), ("Keskuskatu", "Centralgatan"),
    ("Puistokatu", "Parkgatan"), ("Torikatu", "Torggatan"), ("Kauppakatu", "Handelsgatan"),
    ("Sairaalantie", "Sjukhusvägen"), ("Terveystie", "Hälsovägen"), ("Kirjastokatu", "Biblioteksgatan"),
    ("Urheilutie", "Idrottsvägen"), ("Koivukuja", "Björkgränden"), ("Mäntytie", "Tallvägen"),
    ("Rautatienkatu", "Järnvägsgatan"), ("Satamakatu", "Hamngatan"), ("Pappilantie", "Prästgårdsvägen"),
    ("Kalliotie", "Bergsvägen"), ("Metsätie", "Skogsvägen"), ("Vanha maantie", "Gamla landsvägen"),
    ("Kauppiaankatu", "Köpmansgatan"), ("Tehtaankatu", "Fabriksgatan"), ("Lukiokatu", "Lyceigatan"),
]
ADDRESS_INFO = [
    ("Sisäänkäynti pihan puolelta", "Ingång från gården", "Entrance from the courtyard"),
    ("2. kerros, hissi", "2 våningen, hiss", "2nd floor, lift"),
    ("Pääsisäänkäynti", "Huvudingång", "Main entrance"),
    ("Katutaso, esteetön sisäänkäynti", "Gatuplan, tillgänglig ingång", "Street level, accessible entrance"),
]
PHONE_INFO = [
    ("Ajanvaraus ma–pe klo 9–12", "Tidsbokning mån–fre kl. 9–12", "Appointments Mon–Fri 9–12"),
    ("Vaihde", "Växel", "Switchboard"),
    ("Asiakaspalvelu", "Kundtjänst", "Customer service"),
    ("Neuvonta", "Rådgivning", "Advice"),
    ("Toiminnanjohtaja", "Verksamhetsledare", "Executive director"),
    ("Kiireettömät asiat", "Icke-brådskande ärenden", "Non-urgent matters"),
    ("Palveluohjaaja", "Servicehandledare", "Service counsellor"),
]
PHONE_TOPICS = [
    ("Terveysneuvonta", "Hälsorådgivning", "Health advice"),
    ("Hyvinvointineuvonta", "Välbefinnanderådgivning", "Wellbeing advice"),
    ("Palveluohjaus", "Servicehandledning", "Service guidance"),
    ("Vertaistukipuhelin", "Kamratstödstelefon", "Peer support line"),
    ("Ajanvaraus", "Tidsbokning", "Appointment booking"),
    ("Seniorineuvonta", "Seniorrådgivning", "Senior advice"),
]
ESERVICES = [
    ("Ajanvaraus verkossa", "Tidsbokning på nätet", "Online booking"),
    ("Sähköinen hakemus", "Elektronisk ansökan", "Online application"),
    ("Ilmoittautuminen ryhmiin", "Anmälan till grupper", "Group registration"),
    ("Asiointipalvelu", "E-tjänst", "E-service"),
    ("Chat-neuvonta", "Chattrådgivning", "Chat advice"),
    ("Kurssi-ilmoittautuminen", "Kursanmälan", "Course enrolment"),
]
WEB_TOPICS = [
    ("verkkosivut", "webbplats", "website"),
    ("ajankohtaista", "aktuellt", "news"),
    ("tapahtumakalenteri", "evenemangskalender", "event calendar"),
    ("ryhmät ja kerhot", "grupper och klubbar", "groups and clubs"),
    ("palvelut verkossa", "tjänster på nätet", "online services"),
]
SL_SUMMARIES = [
    ("Toimipiste {gen} keskustassa.", "Verksamhetsställe i centrum av {sv}.", "Office in central {fi}."),
    ("Esteetön toimipaikka, jossa järjestetään ryhmiä ja neuvontaa.",
     "Tillgängligt verksamhetsställe med grupper och rådgivning.",
     "Accessible premises hosting groups and advice."),
    ("Kohtaamispaikka, jossa kokoontuvat vertaisryhmät.",
     "Mötesplats där kamratgrupperna träffas.",
     "Meeting place where the peer groups meet."),
    ("Palvelupiste, jossa voit asioida ilman ajanvarausta.",
     "Servicepunkt där du kan uträtta ärenden utan tidsbokning.",
     "Service point you can visit without an appointment."),
]
CONNECTION_DESCRIPTIONS = [
    ("Tämän palvelun ajanvaraus hoidetaan puhelimitse.", "Tidsbokning för denna tjänst sköts per telefon.", "Appointments for this service are made by phone."),
    ("Ryhmä kokoontuu toimipisteen kerhohuoneessa.", "Gruppen träffas i verksamhetsställets klubbrum.", "The group meets in the club room."),
    ("Palvelua tarjotaan tässä toimipisteessä vain tiistaisin.", "Tjänsten erbjuds på detta verksamhetsställe endast på tisdagar.", "Offered at this location on Tuesdays only."),
]
SWEDISH_MUNICIPALITIES = {  # sv-majority (incl. Åland) → Swedish-first content
    "035", "043", "060", "062", "065", "076", "170", "295", "318", "417", "438", "478", "736",
    "766", "771", "941", "280", "284", "287", "440", "475", "499", "545", "599", "893", "946",
    "322", "149", "710", "445", "598",
}
BIG_CITIES = {  # municipality code → weight (where organisations and services concentrate)
    "091": 40, "049": 18, "092": 16, "837": 16, "853": 12, "564": 12, "179": 9, "398": 8,
    "297": 8, "609": 6, "167": 5, "405": 5, "743": 4, "905": 4, "109": 4, "285": 3, "286": 3,
    "638": 3, "491": 3, "106": 3, "698": 3, "240": 2, "272": 2, "444": 2, "592": 2,
}
