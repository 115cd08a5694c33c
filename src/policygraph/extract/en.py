"""English press-event extraction: rules over capitalised phrases, title
patterns and prepositions ("X, Director of Y at Z", "hosted by", "held at")."""
from __future__ import annotations

import re

from . import lexicon as lx
from .doc import Doc, norm, sentences
from .gaz import _gaz, entity_for_entry, gazetteer_mentions
from .ko import attach_government_titles
from .when import event_date, find_dates

# romanised Korean surnames (revised romanisation and the common spellings)
_KO_SURNAMES_EN = frozenset(
    """Kim Gim Lee Yi Rhee Rhie Park Pak Bak Choi Choe Jung Jeong Chung Joung Kang Gang Cho Jo Yoon Yun Jang Chang Lim Im Rim
    Han Oh O Seo Suh Shin Sin Kwon Gwon Hwang Ahn An Song Ryu Yoo Yu Jeon Jun Chun Hong Ko Go Moon Mun Yang Son Sohn Bae Pae
    Baek Paik Heo Huh Hur Nam Noh Roh No Ha Kwak Gwak Sung Seong Cha Joo Ju Chu Woo Koo Gu Ku Min Na Ra Jin Chin Ji Eom Um
    Uhm Won Cheon Bang Kong Gong Hyun Hyeon Ham Byun Byeon Yeom Yum Yeo Choo Do Doh So Seok Suk Sun Seon Seol Sul Ma Gil Kil
    Yeon Wi Wee Pyo Myung Myeong Ki Gi Ban Wang Geum Keum Ok Yuk In Maeng Je Mo Tak Guk Kook Eun Pyeon Yong Ye Kyung Bong Sa
    Namgoong Namgung Hwangbo Jegal Sunwoo Seonu Dokgo Sagong""".split()
)
_CAP = r"(?:[A-Z][A-Za-z0-9&.'’\-]*|of|and|for|the|de|&)"
_KNAME = r"(?P<sur>[A-Z][a-z]{0,7})\s(?P<given>[A-Z][a-z]+-[A-Za-z][a-z]*(?![\w-])|[A-Z][a-z]{2,}(?=\W))"
_KNAME_RE = re.compile(r"\b" + _KNAME)
_WESTERN_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s[A-Z]\.)?\s[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_TITLES = sorted(lx.EN_TITLE_WORDS, key=len, reverse=True)
_TITLE_ALT = "|".join(re.escape(t) for t in _TITLES)
_ORDINAL_TITLE = rf"(?:(?:First|Second|Third|Deputy|Senior|Executive|Vice|Chief|Acting|Former)\s)*(?:{_TITLE_ALT})"

# "Minister Lee Jong-ho", "Second Vice Minister of Science and ICT Kang Do-hyun", "Professor Jang Hyun-seok of Stanford University"
_TITLE_NAME = re.compile(
    rf"\b(?P<title>{_ORDINAL_TITLE})(?:\s+of\s+(?P<of>[A-Z][\w&]*(?:,\s[A-Z][\w&]*|\s(?:and|&|of|[A-Z][\w&]*))*))?\s+{_KNAME}"
)
# "Choi Seo-jin, Managing Director of Microsoft Korea" / "Kim Ji-hoon, head of the metaverse industry team at NIPA"
# wrapped in a lookahead so that matches may overlap: in "Professor X of Y, Lee
# Jung-min, Director of ..." the failed reading "Y, Lee Jung-min" must not hide the next
_NAME_COMMA_TITLE = re.compile(
    r"(?=(?P<name>\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:-[A-Za-z][a-z]+|\s[A-Z][a-z]+)?),\s(?:the\s)?(?P<title>(?:[A-Z][\w.&-]*|[a-z]+)(?:\s(?:[A-Z][\w.&-]*|of|the|for|and|[a-z]+)){0,9}?)"
    r"(?:\s(?:of|at|from)\s(?:the\s)?(?P<org>[A-Z][\w.&'’-]*(?:\s(?:[A-Z][\w.&'’-]*|of|and|for|&))*))?(?=[,.;]|\s\(|\s(?:who|which|said|told|and(?!\s(?:CEO|chief|[Pp]resident|[Cc]hairman|[Dd]irector|[Hh]ead|[Ff]ounder|co-founder|[Mm]anaging|[Ee]xecutive|[Vv]ice)\b)|attended|opened|presented|was|is|will|has|had)\b))"
)
_NAME_OF_ORG = re.compile(rf"\b{_KNAME}\s(?:of|from|at)\s(?:the\s)?(?P<org>[A-Z][\w&'’-]*(?:\s(?:[A-Z][\w&'’-]*|of|and|&))*)")
_QUOTED = re.compile(r"[‘'\"“](?P<q>[^‘’'\"“”\n]{3,90})[’'\"”]")
_EVENT_HEADS = sorted(lx.EN_EVENT_HEADS, key=len, reverse=True)
# words of at most 41 characters: a match may start at every "A" of "A.A.A.…", and an
# unbounded word scanned to its end from each of them is quadratic
_EVENT_PHRASE = re.compile(
    r"\b(?P<name>(?:(?:19|20)\d\d\s)?(?:\d{1,2}(?:st|nd|rd|th)\s)?(?:[A-Z][\w&.’'-]{0,40}\s|(?:of|and|for|on|the)\s){0,8}?(?:"
    + "|".join(re.escape(h) for h in _EVENT_HEADS)
    + r")(?:\s(?:19|20)\d\d)?(?:\s\((?:Season|Phase|Round|Part)\s\d+\))?)(?!\w)"
)
_ORG_PHRASE = re.compile(
    r"\b(?:the\s)?(?P<name>(?:(?:[A-Z][\w&’'-]{0,40}|[A-Z]\.(?:[A-Z]\.){1,10})\s|(?:of|and|for|&|on)\s){1,8}(?:"
    + "|".join(re.escape(h) for h in sorted(lx.EN_ORG_HEADS, key=len, reverse=True))
    # "Korea Institute of Startup and Entrepreneurship Development": the head's "of" phrase;
    # a head is a whole word ("Korea", not the "Korea" of "Korean")
    + r")(?![\w])(?:\sof\s[A-Z][\w&’'-]*(?:\s(?:and|&|for)\s[A-Z][\w&’'-]*|\s[A-Z][\w&’'-]*){0,5})?)(?:\s\((?P<abbr>[A-Z][A-Za-z&.\-]{1,10})(?:,[^)]*)?\))?"
)
# names start at a word's start and run at most 15 words: linear on a run of capitals
_ABBR_DEF = re.compile(r"(?<![\w&.’'-])(?P<name>[A-Z][\w&.’'-]*+(?:\s(?:[A-Z][\w&.’'-]*+|of|and|for|&|on|the)){1,15})\s\((?P<abbr>[A-Z][A-Za-z&.\-]{1,10}(?:\s[A-Z][A-Za-z&.\-]{2,14})?)(?P<rest>,[^)]*)?\)")
_HOSTED = re.compile(r"\b(?:hosted|organi[sz]ed|co-hosted|held|run|launched|jointly hosted)\s+by\s+(?:the\s)?", re.I)
_ORG_VERB = re.compile(r"\b(held|hosts?|hosted|organi[sz]es|organi[sz]ed|opened|opens|launched|launches|co-hosted|convened|staged|will hold|holds)\b")
_HELD_PREP = re.compile(r"\b(?:at|in)\s(?:the\s)?$")
_PART_VERB = re.compile(
    r"\b(attend\w*|chair\w*|present\w*|pitch\w*|sign\w*|spoke|speak\w*|told|deliver\w*|join\w*|participat\w*|exhibit\w*|open\w*|encourag\w*|judg\w*|meet|met|meeting|meetings|discuss\w*|took part|take part)\b",
    re.I,
)
_SAY = re.compile(r"\b(said|says|added|noted|stressed|emphasi[sz]ed|told|explained|stated|remarked)\b")


def _foreign_name_ok(text: str, m) -> bool:
    """"Minister of Economy, Trade and Industry Ken Saito": a two-word name that is
    no known organisation or place, right after a title, ending a phrase."""
    name = f"{m.group('sur')} {m.group('given')}"
    if any(w in lx.EN_ORG_HEADS or w in lx.EN_EVENT_HEADS or w in _EN_LEAD_STOP or w in _TITLE_WORDS_SET
           or w in _NOT_NAME_WORDS for w in name.split()):
        return False  # "Chief Cabinet Secretary of …", "Prime Minister": titles, not names
    if "-" in name:
        return False
    return bool(re.match(r"(?:,|\.|\s(?:and|said|says|told|held|attended|met|signed|opened|visited|of)\b)", text[m.end() : m.end() + 12]))


def _is_korean_name(sur: str, given: str) -> bool:
    return sur in _KO_SURNAMES_EN and (("-" in given) or len(given) >= 4)


class EnglishExtractor:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.sents = sentences(self.text)
        self.affiliation: set[tuple[int, int]] = set()

    def run(self) -> None:
        gazetteer_mentions(self.doc, self._accept)
        self.foreign_ministries()
        self.venues()
        self.abbreviations()
        self.events()
        self.held_names()
        self.org_phrases()
        self.listed_orgs()
        self.portfolio_ministers()
        self.org_title_names()
        self.possessive_titles()
        self.titled_foreign_names()
        self.counterparts()
        self.persons()
        self.romanised_names()
        self.person_followups()
        attach_government_titles(self.doc, {})
        self.title_references()
        self.relations()

    def _accept(self, start: int, end: int, entry, ambiguous: bool = False) -> bool:
        t = self.text
        if start > 0 and (t[start - 1].isalnum()):
            return False
        if end < len(t) and t[end].isalnum():
            return False
        if ambiguous and not t[start].isupper():
            return False
        # "Meta" in "K-Metaverse", "Korea" inside "Korea-U.S. ..." event names
        if start > 0 and t[start - 1] == "-":
            return False
        if end < len(t) and t[end] == "-" and end + 1 < len(t) and t[end + 1].isalpha():
            return False
        return True

    # ---------------------------------------------------------------- entities
    def _country_at(self, a: int, b: int):
        eid = self.doc.is_claimed(a, b)
        e = self.doc.entities.get(eid) if eid else None
        if e is not None and e.type == "Place" and e.properties.get("kind") == "country":
            return e
        return None

    def _drop_mention(self, claim) -> None:
        """Take back a claimed mention (start, end, id): the longer name there wins."""
        a, b, eid = claim
        self.doc.unclaim(a, b, eid)
        ent = self.doc.entities.get(eid)
        if ent is not None:
            ent.mentions = [m for m in ent.mentions if (m.start, m.end) != (a, b)]

    def foreign_ministries(self) -> None:
        """"Indonesia's Ministry of Finance", "Poland's Deputy Minister of Development
        and Technology": a foreign government's ministry is a body of its own, named
        with its country (never the Korean ministry of a similar name), and a later
        "the Ministry of Development and Technology" is the same body."""
        doc = self.doc
        self.foreign_bodies: dict[int, object] = {}  # start of the title phrase -> ministry
        for m in _FOREIGN_MINISTRY.finditer(self.text):
            country = self._country_at(m.start("c"), m.end("c"))
            if country is None or country.properties.get("gazetteer_id") in ("place:south-korea",):
                continue
            what = re.sub(r"\sand\s[A-Z]{2,}\w*$", "", m.group("what"))  # "... and Technology and KOICA"
            what_end = m.start("what") + len(what)
            cut = _portfolio_then_name(self.text, m.start("what"), m.end("what"))
            if cut is not None:  # "Vietnam's Minister of Planning and Investment Nguyen Chi Dung"
                what, what_end = self.text[m.start("what") : cut[0]], cut[0]
            name = f"{m.group('c')}'s Ministry of {what}"
            body = doc.entity("Organization", name, props={"category": "government", "country": country.name})
            doc.relate("LOCATED_IN", body, country, (m.start(), m.end()))
            if m.group("head") == "Ministry":
                a = m.start("head")
                for x in list(doc.claimed):
                    if x[0] < what_end and x[1] > a and x[2] != body.id:
                        ent = doc.entities.get(x[2])
                        if ent is not None and ent.type == "Organization":
                            self._drop_mention(x)
                doc.mention(body, m.start("c"), what_end, force=True)
                bare = f"Ministry of {what}"
                for mb in re.finditer(r"(?<![\w'’])" + re.escape(bare) + r"(?![\w-])", self.text):
                    if mb.start() != a and not doc.is_claimed(mb.start(), mb.end()):
                        doc.mention(body, mb.start(), mb.end())
            else:  # "Poland's Deputy Minister of Climate and Environment": the portfolio names it
                doc.mention(body, m.start("what"), what_end)
            self.foreign_bodies[m.start("head")] = body
        for m in _adj_ministry().finditer(self.text):
            country_name = _demonyms()[m.group("adj")]
            if any(x[0] <= m.start("head") < x[1] for x in doc.claimed):
                continue
            if m.group("head") != "Ministry" and self.text[m.end("head") : m.start("what")].strip().startswith("for"):
                continue  # "Saudi Deputy Minister for Urban Planning": a brief inside a ministry
            entry = next((e for e in _gaz().lookup(country_name) if e.type == "Place"), None)
            if entry is None or entry.id == "place:south-korea":
                continue
            what = re.sub(r"\sand\s[A-Z]{2,}\w*$", "", m.group("what"))
            what_end = m.start("what") + len(what)
            cut = _portfolio_then_name(self.text, m.start("what"), m.end("what"))
            if cut is not None:
                what, what_end = self.text[m.start("what") : cut[0]], cut[0]
            body = doc.entity("Organization", f"{country_name}'s Ministry of {what}",
                              props={"category": "government", "country": entity_for_entry(doc, entry).name})
            doc.alias(body, f"{m.group('adj')} Ministry of {what}")
            if m.group("head") == "Ministry":
                doc.mention(body, m.start(), what_end)
            else:  # "Egyptian Minister of X": the portfolio names the ministry
                doc.mention(body, m.start("what"), what_end)
            self.foreign_bodies[m.start("head")] = body
        for m in _FOREIGN_SHORT_MINISTRY.finditer(self.text):
            country = self._country_at(m.start("c"), m.end("c"))
            if country is None or country.properties.get("gazetteer_id") == "place:south-korea":
                continue
            name = f"{m.group('c')}'s {m.group('what')} Ministry"
            body = doc.entity("Organization", name, props={"category": "government", "country": country.name})
            doc.relate("LOCATED_IN", body, country, (m.start(), m.end()))
            for x in list(doc.claimed):
                if x[0] < m.end() and x[1] > m.start("what") and doc.entities.get(x[2]) is not None and doc.entities[x[2]].type == "Organization":
                    self._drop_mention(x)
            doc.mention(body, m.start("c"), m.end(), force=True)
        # "Seoul's foreign ministry", "the unification ministry": a Korean ministry named in
        # lower case the way wire copy does; another country's is a body of its own
        for m in _LOWER_MINISTRY.finditer(self.text):
            a, b = m.start("what"), m.end()
            if doc.is_claimed(a, b):
                continue
            c = m.group("c")
            country = self._country_at(m.start("c"), m.end("c")) if c else None
            if c and country is None and c not in ("Seoul",):
                continue
            if country is not None and country.properties.get("gazetteer_id") != "place:south-korea":
                name = f"{c}'s {m.group('what').title()} Ministry"
                body = doc.entity("Organization", name, props={"category": "government", "country": country.name})
                doc.relate("LOCATED_IN", body, country, (m.start(), b))
                doc.mention(body, a, b)
                continue
            entry = _gaz().lookup_one(f"{m.group('what').title()} Ministry", type="Organization")
            if entry is not None:
                doc.mention(entity_for_entry(doc, entry), a, b)
        for m in _MINISTRY_OF_COUNTRY.finditer(self.text):
            what, c = m.group("what"), m.group("c")
            ca, cb = m.start("c"), m.end("c")
            if " of " in what:  # "Industry and Trade of Viet Nam": the country is the last "of"
                head_what, _, tail = what.rpartition(" of ")
                if self._country_at(m.start("what") + len(head_what) + 4, m.end("what")):
                    what, c = head_what, tail
                    ca, cb = m.start("what") + len(head_what) + 4, m.end("what")
            country = self._country_at(ca, cb)
            if country is None or country.properties.get("gazetteer_id") == "place:south-korea":
                continue
            named = next((x for x in country.mentions if x.start <= ca < x.end), None)
            if named is not None and named.end < cb:  # "of Chile Tomas …": the country is "Chile"
                c = self.text[ca : named.end]
            name = f"{c}'s Ministry of {what}"
            body = doc.entity("Organization", name, props={"category": "government", "country": country.name})
            doc.alias(body, f"Ministry of {what} of {c}")
            doc.relate("LOCATED_IN", body, country, (m.start(), m.end()))
            if m.group("head") == "Ministry":
                for x in list(doc.claimed):
                    if x[0] < m.end() and x[1] > m.start() and x[2] != body.id and doc.entities.get(x[2]) is not None and doc.entities[x[2]].type == "Organization":
                        self._drop_mention(x)
                doc.mention(body, m.start(), m.end(), force=True)
            else:
                doc.mention(body, m.start("what"), m.start("what") + len(what))
            self.foreign_bodies[m.start("head")] = body

    def venues(self) -> None:
        """"at the Sheraton Grand Warsaw", "at the JW Marriott Hotel Hanoi", "at the King
        Abdulaziz International Conference Center": a capitalised name after "at" that
        ends in a building word or starts with a hotel brand is a venue; a city named
        inside it is where the venue is."""
        doc = self.doc
        for m in _EN_VENUE.finditer(self.text):
            a, b = m.start("name"), m.end("name")
            name = m.group("name")
            inner = [c for c in doc.claimed if c[0] < b and c[1] > a]
            if any(not (a <= c[0] and c[1] <= b) or doc.entities[c[2]].type not in ("Place", "Organization") for c in inner):
                continue
            if any((c[0], c[1]) == (a, b) for c in inner):
                continue  # the gazetteer knows it already
            cities = [doc.entities[c[2]] for c in inner if doc.entities[c[2]].type == "Place"]
            venue = doc.entity("Place", name, props={"kind": "venue"})
            doc.mention(venue, a, b, force=True)
            for c in cities:
                if c.properties.get("kind") != "venue":
                    doc.relate("LOCATED_IN", venue, c, (a, b))

    def possessive_titles(self) -> None:
        """"Ingrid Halvorsen, the World Bank's Vice President for Infrastructure",
        "Marek Wierzbicki, Poland's Deputy Minister of ...", "Hendra Wibisono, vice
        minister at Indonesia's Ministry of Finance": a name, a comma and a title
        owned by a body (or a country's ministry) make a person holding that post."""
        doc = self.doc
        text = self.text
        for m in _NAME_POSS_TITLE.finditer(text):
            a, b = m.start("name"), m.end("name")
            if _inside_capitalised_run(text, a):
                continue  # the match that starts earlier counts
            words = m.group("name").split()
            if any(w in _EN_LEAD_STOP or w in _NOT_NAME_WORDS or w in lx.EN_ORG_HEADS or w in lx.EN_EVENT_HEADS for w in words):
                continue
            if self._person_inside(m.start("title"), m.end("title")):
                continue  # "Lee X, SK Group Chairman Chey Y and …": a list of people, not an apposition
            title = _ws_title(m.group("title"))
            org = None
            # the title goes on past a comma to "at ORG": "Deputy Director for Science,
            # Technology and Innovation at the OECD", "head of … business at SK ecoplant"
            if not m.group("atorg") and _looks_title(m.group("title").split(",")[0]):
                ma = _AT_ORG_AHEAD.match(text, m.start("title"))
                if ma and not any(
                    doc.entities.get(x[2]) is not None and doc.entities[x[2]].type == "Person" and m.start("title") <= x[0] < ma.start("org")
                    for x in doc.claimed
                ) and not re.search(r"\b[A-Z][a-z]+\s[A-Z][a-z]+-[a-z]+\b|\sand\s[A-Z][a-z]+\s[A-Z]", ma.group("title")):  # a list of people
                    oa = ma.start("org")
                    eid = next((x[2] for x in doc.claimed if x[0] == oa), None)
                    ent = doc.entities.get(eid) if eid else None
                    if ent is not None and ent.type == "Organization":
                        org, title = ent, _ws_title(ma.group("title"))
            # "UNDP Resident Representative in Viet Nam": a title that opens with its body
            if org is None:
                eid = next((x[2] for x in doc.claimed if x[0] == m.start("title") and x[1] < m.end("title")), None)
                ent = doc.entities.get(eid) if eid else None
                if ent is not None and ent.type == "Organization":
                    rest = text[next(x[1] for x in doc.claimed if x[0] == m.start("title")) : m.end("title")].strip()
                    if rest and _looks_title(rest):
                        org, title = ent, _ws_title(rest)
            if not _looks_title(title):
                continue
            if m.group("owner"):
                oa, ob = m.start("owner"), m.end("owner")
                org = self.foreign_bodies.get(m.start("title")) if self._country_at(oa, ob) else None
                if org is None:
                    eid = doc.is_claimed(oa, ob)
                    ent = doc.entities.get(eid) if eid else None
                    if ent is not None and ent.type == "Organization":
                        org = ent
                    elif ent is None:
                        org = self._org_named(m.group("owner"), oa)
            if org is None:
                org = self.foreign_bodies.get(m.start("title"))
            if org is None and m.group("atorg"):
                ta = m.start("atorg")
                eid = next((x[2] for x in doc.claimed if x[0] <= ta < x[1]), None)
                ent = doc.entities.get(eid) if eid else None
                if ent is not None and ent.type == "Organization":
                    org = ent
                    title = _ws_title(m.group("title"))
            if org is None and " of " in m.group("title"):
                # "CEO of HypernovaAI", "CEO of XR education startup Nuriverse": the body
                # is the capitalised name that ends the "of" phrase
                unit, _, tail = m.group("title").rpartition(" of ")
                mt = re.search(r"((?:[A-Z][\w&.'’-]*)(?:\s(?:[A-Z][\w&.'’-]*|of|and|for|&))*)$", tail)
                if mt:
                    oa = m.start("title") + len(unit) + 4 + mt.start(1)
                    phrase = mt.group(1).strip()
                    org = self._org_named(phrase, oa) or self._new_org_of_title(phrase, oa, unit)
                    if org is not None:
                        title = _ws_title(unit) if mt.start(1) == 0 else title
            existing = doc.find("Person", m.group("name"))
            if existing is None and doc.is_claimed(a, b):
                continue
            p = existing or doc.entity("Person", m.group("name"))
            doc.mention(p, a, b)
            if org is not None and not doc.has_relation("HOLDS_POSITION", p.id, org.id):
                doc.relate("HOLDS_POSITION", p, org, (a, m.end()), title=title)
            elif org is None and title:
                p.properties.setdefault("title", title)

    def abbreviations(self) -> None:
        doc = self.doc
        for m in _ABBR_DEF.finditer(self.text):
            # "President of the Korea Institute of … (KISED)": the title is no part of the name
            name = re.sub(rf"^(?:(?:The|the)\s)?(?:(?:{_ORDINAL_TITLE})\s(?:of|at)\s(?:the\s)?)?", "", m.group("name"))
            ns = m.start("name") + (len(m.group("name")) - len(name))
            ent = None
            # the name the parenthesis defines ends right before it ("... and the Korea
            # Trade-Investment Promotion Agency (KOTRA)": not the ministry named first)
            eid = next((c[2] for c in doc.claimed if c[1] == m.end("name") and c[0] >= ns), None)
            if eid is None and doc.is_claimed(ns, m.end("name")):
                eid = doc.is_claimed(ns, m.end("name"))
                if any(c[1] < m.end("name") - 1 and c[0] >= ns for c in doc.claimed if c[2] == eid):
                    eid = None
                    continue
            if eid:
                ent = doc.entities.get(eid)
            abbr_eid = doc.is_claimed(m.start("abbr"), m.end("abbr"))
            if ent is None and abbr_eid and doc.entities[abbr_eid].type == "Organization":
                # "the Korea Institute of Startup and Entrepreneurship Development (KISED)":
                # the abbreviation is a known organisation, the long form its name
                ent = doc.entities[abbr_eid]
                doc.alias(ent, name)
                doc.mention(ent, ns, m.end("name"))
            if ent is None:
                head = name.split()[-1]
                if head not in lx.EN_ORG_HEADS and not any(name.endswith(h) for h in lx.EN_ORG_HEADS):
                    continue
                ent = doc.entity("Organization", name, props={"category": _en_category(name)})
                doc.mention(ent, ns, m.end("name"))
            abbr = m.group("abbr")
            if ent.type in ("Organization", "Event"):
                doc.alias(ent, abbr)
                doc.mention(ent, m.start("abbr"), m.end("abbr"))
                self._mention_all(ent, abbr)
            rest = m.group("rest") or ""
            mt = re.search(rf"({_ORDINAL_TITLE})\s{_KNAME}", rest)
            if mt and ent.type == "Organization":
                p = doc.entity("Person", f"{mt.group('sur')} {mt.group('given')}")
                a = m.start("rest") + mt.start("sur")
                doc.mention(p, a, a + len(p.name), force=True)
                doc.relate("HOLDS_POSITION", p, ent, (m.start(), m.end()), title=mt.group(1))

    def _mention_all(self, ent, form: str) -> None:
        for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", self.text):
            self.doc.mention(ent, m.start(), m.end())

    def org_phrases(self) -> None:
        doc = self.doc
        for m in _ORG_PHRASE.finditer(self.text):
            name = m.group("name").strip()
            ns = m.start("name")
            words = name.split()
            # trim leading lowercase joiners
            while words and words[0] in ("of", "and", "for", "&", "on"):
                ns += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
            if len(words) < 2 or doc.is_claimed(ns, ns + len(name)):
                continue
            if words[0] in ("The", "This", "Each", "Under", "At", "In", "On", "Among", "A"):
                ns += len(words[0]) + 1
                words = words[1:]
                name = " ".join(words)
                if len(words) < 2:
                    continue
            if name.split()[-1] == "Korea" and len(words) > 3:
                continue
            # "XonSpace and CorePixel Lab": "and" joins two names unless an "of" came first
            # ("Ministry of Science and ICT")
            if " and " in name and " of " not in name.split(" and ")[0] + " ":
                tail = name.split(" and ")[-1]
                ns += len(name) - len(tail)
                name = tail
                words = name.split()
            # a leading title is not part of the name ("CEO of DOB Studio")
            lead = re.match(rf"(?:{_ORDINAL_TITLE})\s(?:of|at)\s(?:the\s)?", name)
            if lead:
                ns += lead.end()
                name = name[lead.end():]
                words = name.split()
            if len(words) < 2 or doc.is_claimed(ns, ns + len(name)):
                continue
            # the gazetteer may write it with "&" ("Korea Institute of Startup & Entrepreneurship Development")
            entry = _gaz().lookup_one(name, type="Organization") or _gaz().lookup_one(name.replace(" and ", " & "), type="Organization")
            ent = entity_for_entry(doc, entry) if entry is not None else doc.entity("Organization", name, props={"category": _en_category(name)})
            if entry is not None and ent.name != name:
                doc.alias(ent, name)
            doc.mention(ent, ns, ns + len(name))
            if m.group("abbr"):
                doc.alias(ent, m.group("abbr"))
                doc.mention(ent, m.start("abbr"), m.end("abbr"))
                self._mention_all(ent, m.group("abbr"))

    def held_names(self) -> None:
        """"COMEUP 2024, which will be held at COEX": a capitalised name with an edition
        year that the text says is held is an event, whatever its head noun."""
        doc = self.doc
        for m in _HELD_NAME.finditer(self.text):
            a, b = m.start("name"), m.end("name")
            words = m.group("name").split()
            while words and words[0] in _EN_LEAD_STOP:
                a += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2 or doc.is_claimed(a, b):
                continue
            ent = doc.entity("Event", self.text[a:b], props={"event_type": _en_event_type(self.text[a:b])})
            doc.mention(ent, a, b)

    def listed_orgs(self) -> None:
        """Names listed after a plural of organisations: "30 companies, including
        TwinWorks and UrbanLoop", "startups such as XonSpace, Nuriverse and
        HypernovaAI", "firm XonSpace"."""
        doc = self.doc
        for m in _LIST_INTRO.finditer(self.text):
            pos = m.end()
            for item in _LIST_ITEM.finditer(self.text, pos):
                if item.start() != pos:
                    break
                name = item.group("name").rstrip(".")
                a = item.start("name")
                if not doc.is_claimed(a, a + len(name)) and name.split()[0] not in _EN_LEAD_STOP:
                    ent = doc.find("Organization", name) or doc.entity("Organization", name, props={"category": "company"})
                    doc.mention(ent, a, a + len(name))
                    self._mention_all(ent, name)
                pos = item.end()
                if item.group("sep") is None or item.group("sep").strip() in ("", "."):
                    break
        for m in _DESCRIPTOR.finditer(self.text):
            a, name = m.start("name"), m.group("name")
            if not doc.is_claimed(a, a + len(name)):
                ent = doc.find("Organization", name) or doc.entity("Organization", name, props={"category": "company"})
                doc.mention(ent, a, a + len(name))
                self._mention_all(ent, name)

    def events(self) -> None:
        doc = self.doc
        text = self.text
        for m in _QUOTED.finditer(text):
            q = m.group("q").strip()
            head = _en_event_head(q)
            if head:
                ent = doc.entity("Event", q, props={"event_type": _en_event_type(q)})
                doc.mention(ent, m.start("q"), m.start("q") + len(q), force=True)
        for m in _EVENT_PHRASE.finditer(text):
            name = m.group("name")
            s = m.start("name")
            words = name.split()
            while words and (words[0] in _EN_LEAD_STOP or not words[0][0].isupper() and not words[0][0].isdigit()):
                s += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2:
                continue
            name = " ".join(words)
            e = s + len(name)
            if not any(w[0].isupper() for w in words[:-1]):
                continue
            if doc.is_claimed(s, e) and not self._inner_names_only(s, e):
                continue
            # "opened Tuesday at Tokyo International Forum": a name after "at" in a sentence
            # about another event is where that event is, a venue
            if re.search(r"\bat\s(?:the\s)?$", text[max(0, s - 8) : s]) and not re.search(r"(?:19|20)\d\d|\d(?:st|nd|rd|th)\b", name):
                sent = next((x for x in self.sents if x.start <= s < x.end), None)
                other = sent is not None and any(
                    x.type == "Event" and any(sent.start <= m.start < s for m in x.mentions) for x in doc.entities.values()
                )
                if other:
                    venue = doc.entity("Place", name, props={"kind": "venue"})
                    doc.mention(venue, s, e, force=True)
                    continue
            # "the Boost Week": a short form of an event the article already named
            known = [x for x in doc.entities.values() if x.type == "Event" and norm(x.name).endswith(norm(name)) and norm(x.name) != norm(name)]
            if known:
                doc.mention(known[0], s, e)
                continue
            ent = doc.entity("Event", name, props={"event_type": _en_event_type(name)})
            doc.mention(ent, s, e, force=True)

    def _inner_names_only(self, s: int, e: int) -> bool:
        """"2025 Busan Chip Expo": the only names inside the span are places or
        bodies wholly within it, so the longer name wins."""
        inner = [c for c in self.doc.claimed if c[0] < e and c[1] > s]
        return bool(inner) and all(
            s <= a and b <= e and self.doc.entities.get(eid) is not None and self.doc.entities[eid].type in ("Place", "Organization")
            and (a, b) != (s, e)
            for a, b, eid in inner
        )

    def persons(self) -> None:
        doc = self.doc
        text = self.text
        for m in _TITLE_NAME.finditer(text):
            sur, given = m.group("sur"), m.group("given")
            if not _is_korean_name(sur, given) and not _foreign_name_ok(text, m):
                continue
            name = f"{sur} {given}"
            p = doc.entity("Person", name)
            if not doc.mention(p, m.start("sur"), m.end("given")):
                continue
            org = None
            title = m.group("title")
            if m.group("of"):
                org = self._org_named(m.group("of"), m.start("of"))
                if org is None:
                    org = self._ministry_of(title, m.group("of"))
                    if org is not None and not org.mentions:
                        # "Minister of Foreign Affairs Yun Byung-se": the portfolio names the ministry
                        self.doc.mention(org, m.start("of"), m.end("of"))
            if org is None:
                after = text[m.end("given") : m.end("given") + 80]
                mo = re.match(r"\s(?:of|at|from)\s(?:the\s)?([A-Z][\w&.'’-]*(?:\s(?:[A-Z][\w&.'’-]*|of|and|&))*)", after)
                if mo:
                    org = self._org_named(mo.group(1), m.end("given") + mo.start(1))
            self._position(p, org, title, (m.start(), m.end()))
        for m in _NAME_COMMA_TITLE.finditer(text):
            name = m.group("name")
            if _inside_capitalised_run(text, m.start("name")):
                continue
            if any(w in _NOT_NAME_WORDS or w in _TITLE_WORDS_SET or w in lx.EN_ORG_HEADS for w in name.split()):
                continue  # "Health Minister, Dr. …": a title; "… Unification Committee, President …": a body
            title = (m.group("title") or "").strip()
            if not title or not _looks_title(title):
                continue
            if self._person_inside(m.start("title"), m.end("title")):
                continue  # a list of people, not a name and its title
            parts = name.split()
            korean = len(parts) == 2 and _is_korean_name(parts[0], parts[1])
            if not korean and doc.find("Person", name) is None:
                if len(parts) != 2 or doc.is_claimed(m.start("name"), m.end("name")):
                    continue
            if doc.is_claimed(m.start("name"), m.end("name")) and not doc.find("Person", name):
                continue
            p = doc.entity("Person", name)
            doc.mention(p, m.start("name"), m.end("name"))
            org = None
            if m.group("org"):
                org = self._org_named(m.group("org"), m.start("org"))
                if org is None and " of " in m.group("org"):
                    # "director general of the Warsaw Trade Center of KOTRA": the body is the last "of"
                    unit, _, body = m.group("org").rpartition(" of ")
                    org = self._org_named(body, m.start("org") + len(unit) + 4)
                    if org is not None:
                        # the title as written, with its articles ("of the Warsaw Trade Center")
                        title = _ws_title(text[m.start("title") : m.start("org") + len(unit)])
                if org is None:
                    org = self._new_org_of_title(m.group("org"), m.start("org"), title)
            if org is None:
                # "Silicon Valley office director at the Korea Trade-Investment Promotion Agency"
                mo = re.search(r"\s(?:of|at|from)\s(?:the\s)?([A-Z][\w&.'’-]*(?:\s(?:[A-Z][\w&.'’-]*|of|and|&))*)$", title)
                if mo:
                    org = self._org_named(mo.group(1), m.start("title") + mo.start(1))
                    if org is not None:
                        title = title[: mo.start()].strip()
            self._position(p, org, title, (m.start("name"), m.end("org") if m.group("org") else m.end("title")))
        for m in _NAME_OF_ORG.finditer(text):
            sur, given = m.group("sur"), m.group("given")
            if not _is_korean_name(sur, given):
                continue
            org = self._org_named(m.group("org"), m.start("org"))
            if org is None:
                continue
            p = doc.entity("Person", f"{sur} {given}")
            doc.mention(p, m.start("sur"), m.end("given"))
            if not any(r.type == "HOLDS_POSITION" and r.source == p.id for r in doc.relations.values()):
                self._position(p, org, None, (m.start(), m.end()))

    def _new_person(self, m, group: str = "name"):
        """A person named by the span of ``group`` of ``m`` (a name as
        ``_FOREIGN_NAME`` reads it), unless that span is taken or is no name."""
        return self._new_person_at(m.start(group), m.end(group))

    def _new_person_at(self, a: int, b: int):
        if self.doc.is_claimed(a, b) or not _plausible_name(self.text[a:b]):
            return None
        words = self.text[a:b].split()
        nxt = self.text[b : b + 14]
        if not (len(words) == 2 and _is_korean_name(*words)) and not re.match(r"(?:[,.;:)]|\s(?:and|said|says|told|held|attended|met|signed|opened|visited|of|at|in|on|who|will|would|has|had|is|was|are|were|to|for|during|also|delivered|spoke|made|gave)\b|\s*$)", nxt):
            return None
        p = self.doc.entity("Person", _name_case(self.text[a:b]))
        return p if self.doc.mention(p, a, b) else None

    def portfolio_ministers(self) -> None:
        """"Land Minister Park Sang-woo", "First Vice Finance Minister Yeom Tae-seok",
        "Trade, Industry and Energy Minister Ahn Dukgeun": the portfolio before the
        title names the Korean ministry (the gazetteer's "Land Ministry", "Ministry of
        Trade, Industry and Energy"); the title is the whole phrase. A portfolio
        after a country or nationality ("Saudi Finance Minister") is another
        government's and is left to the other rules."""
        doc, text = self.doc, self.text
        for m in _PORTFOLIO_MINISTER.finditer(text):
            port = m.group("port")
            if any(w in _TITLE_WORDS_SET or w in _EN_LEAD_STOP or w in _NOT_NAME_WORDS for w in re.findall(r"[A-Z][a-z]+", port)):
                continue
            before = re.search(r"([A-Z][\w’'-]*)\s+$", text[max(0, m.start() - 40) : m.start()])
            if before and re.sub(r"(?:'s|’s)$", "", before.group(1)) not in ("Korea", "Korean", "Seoul"):
                continue  # "Saudi Finance Minister …", "Poland's Deputy Minister …"
            entry = None
            for form in (f"{port} Ministry", f"Ministry of {port}"):
                entry = _gaz().lookup_one(form, type="Organization")
                if entry is not None:
                    break
            if entry is None or entry.category != "government":
                # a portfolio no Korean ministry has ("Communications and Multimedia
                # Minister"): the whole title is kept, so that no other ministry takes them
                owner = doc.is_claimed(m.start("name"), m.end("name"))
                p = doc.entities.get(owner) if owner else self._new_person(m)
                if p is not None and p.type == "Person":
                    p.properties["title"] = _ws_title(m.group("title"))
                continue
            owner = doc.is_claimed(m.start("name"), m.end("name"))
            p = doc.entities.get(owner) if owner else self._new_person(m)
            if p is None or p.type != "Person":
                continue
            # the portfolio names the ministry as the minister's affiliation (never as
            # a body that itself takes part in what the minister does)
            org = entity_for_entry(doc, entry)
            pa, pb = m.start("port"), m.end("port")
            inner = [doc.entities.get(x[2]) for x in doc.claimed if x[0] < pb and pa < x[1]]
            if all(e is None or e.type in ("Topic", "Product") or e is org for e in inner):
                # "Science and ICT": a topic inside the portfolio gives way to the ministry
                doc.mention(org, pa, pb, force=bool(inner))
                self.affiliation.add((pa, pb))
            self._position(p, org, _ws_title(m.group("title")), (m.start(), m.end()))

    def _person_inside(self, a: int, b: int) -> bool:
        """Whether a person is named in ``text[a:b]``."""
        return any(x[0] >= a and x[1] <= b and getattr(self.doc.entities.get(x[2]), "type", None) == "Person"
                   for x in self.doc.claimed)

    def org_title_names(self) -> None:
        """"Samsung Electronics Chairman Lee Jae-yong", "Hyundai Motor Group's Executive
        Chair Euisun Chung", "KCCI Chairperson Chey Tae-won": a body, its title, then
        the person: the position is at that body (also for a person named before)."""
        doc, text = self.doc, self.text
        for a, b, eid in sorted(doc.claimed):
            org = doc.entities.get(eid)
            if org is None or org.type != "Organization" or (a, b) in self.affiliation:
                continue
            m = _ORG_TITLE_NAME.match(text, b)
            if m is None:
                continue
            na, nb = m.start("name"), m.end("name")
            words = m.group("name").split()
            if len(words) > 2 and _is_korean_name(words[0], words[1]):
                nb = na + len(f"{words[0]} {words[1]}")  # "Lee Jae-yong Samsung …": two words
            owner = doc.is_claimed(na, nb)
            p = doc.entities.get(owner) if owner else self._new_person_at(na, nb)
            if p is None or p.type != "Person":
                continue
            if not doc.has_relation("HOLDS_POSITION", p.id, org.id):  # a second post is a post too
                self.affiliation.add((a, b))
                self._position(p, org, _ws_title(m.group("title")), (a, nb))

    def titled_foreign_names(self) -> None:
        """"Minister of Foreign Affairs of Russia Sergey LAVROV", "Deputy Prime Minister
        and Minister of Economy Nurlan-Bek Dauletov", "Minister of Planning and
        Investment Nguyen Chi Dung", "Director General Kim Young Mok of …": a title,
        then a name of two or three words that the two-word Korean reading of
        ``persons`` would miss or cut (a capitalised surname, a hyphenated first
        name, a third word, a name right after the portfolio)."""
        text = self.text
        for m in _TITLE_FOREIGN.finditer(text):
            of = (m.start("of"), m.end("of")) if m.group("of") else None
            name = (m.start("name"), m.end("name"))
            if of is not None:
                # the portfolio ends where the name starts ("… Investment Nguyen Chi Dung")
                cut = _portfolio_then_name(text, of[0], name[1])
                if cut is not None:
                    of, name = (of[0], cut[0]), (cut[1], name[1])
            words = text[name[0] : name[1]].split()
            if len(words) == 2 and _is_korean_name(words[0], words[1]):
                continue  # persons() reads it, with its organisation
            if len(words) == 2 and not any(w.isupper() or "-" in w for w in words) and of is None:
                continue  # a plain two-word name after a bare title: persons() and its checks
            if len(words) == 3 and words[0] in _KO_SURNAMES_EN and not all(len(w) <= 5 for w in words[1:]):
                continue
            p = self._new_person_at(*name)
            if p is None:
                continue
            title = _ws_title(m.group("title"))
            org = None
            if of is not None:
                org = self._org_named(text[of[0] : of[1]], of[0])
                if org is None:  # "Minister of Fisheries of Chile": the foreign ministry read before
                    org = next((b for k, b in self.foreign_bodies.items() if m.start() <= k < name[0]), None)
            if org is None:
                after = text[name[1] : name[1] + 80]
                mo = re.match(r"\s(?:of|at|from)\s(?:the\s)?([A-Z][\w&.'’-]*(?:\s(?:[A-Z][\w&.'’-]*|of|and|&))*)", after)
                if mo:
                    org = self._org_named(mo.group(1), name[1] + mo.start(1))
            if org is None and of is not None:
                # "Minister of Industry and Trade Nguyen Hong Dien": a portfolio no body here
                # bears stays in the title (never the Korean ministry the article names most)
                title = _ws_title(text[m.start("title") : of[1]])
            self._position(p, org, title, (m.start(), name[1]))

    def counterparts(self) -> None:
        """"met his Norwegian counterpart Ingvild Berntsen": a counterpart is a person."""
        for m in _COUNTERPART.finditer(self.text):
            self._new_person(m)

    def _org_named(self, phrase: str, start: int):
        """The organisation a phrase names: the longest known prefix."""
        doc = self.doc
        words = phrase.split()
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            eid = doc.is_claimed(start, start + len(cand))
            if eid and doc.entities[eid].type == "Organization":
                e = doc.entities[eid]
                self.affiliation.add((start, start + len(cand)))
                return e
            e = doc.find("Organization", cand)
            if e is not None:
                doc.mention(e, start, start + len(cand))
                self.affiliation.add((start, start + len(cand)))
                return e
        return None

    def _new_org_of_title(self, phrase: str, start: int, title: str):
        """"Kim Ji-hoon, CEO of HypernovaAI": the body a person's title is "of" is an
        organisation even when nothing else names it (a start-up, a foreign firm)."""
        doc = self.doc
        name = phrase.strip()
        words = name.split()
        if not words or len(name) < 2 or words[0] in _EN_LEAD_STOP or words[0] in _NOT_NAME_WORDS:
            return None
        if doc.is_claimed(start, start + len(name)):
            return None  # a place or person, or part of another name
        if not re.search(r"\b(?:CEO|chief|founder|co-founder|president|chairman|chairwoman|director|head|manager|partner|officer|vice president)\b", title, re.I):
            return None
        ent = doc.find("Organization", name) or doc.entity("Organization", name, props={"category": _en_category(name)})
        doc.mention(ent, start, start + len(name))
        self._mention_all(ent, name)
        self.affiliation.add((start, start + len(name)))
        return ent

    def _ministry_of(self, title: str, what: str):
        """"Minister of Science and ICT" names the Ministry of Science and ICT."""
        if "Minister" not in title:
            return None

        entry = _gaz().lookup_one(f"Ministry of {what}", type="Organization")
        return entity_for_entry(self.doc, entry) if entry is not None else None

    def _position(self, person, org, title, span) -> None:
        doc = self.doc
        if org is not None:
            doc.relate("HOLDS_POSITION", person, org, span, title=title)
        elif title:
            person.properties.setdefault("title", title)

    def romanised_names(self) -> None:
        """"Lim Dong-won, Park Jae-kyu, Jeong Se-hyun and Lee Jong-seok": a Korean
        surname and a hyphenated given name name a person without any title."""
        doc = self.doc
        for m in _KNAME_RE.finditer(self.text):
            sur, given = m.group("sur"), m.group("given")
            if "-" not in given or sur not in _KO_SURNAMES_EN or doc.is_claimed(m.start("sur"), m.end("given")):
                continue
            if m.start() > 0 and self.text[m.start() - 1] in "-'’":
                continue
            p = doc.entity("Person", f"{sur} {given}")
            doc.mention(p, m.start("sur"), m.end("given"))

    def person_followups(self) -> None:
        doc = self.doc
        persons = [e for e in doc.entities.values() if e.type == "Person"]
        for p in persons:
            self._mention_all(p, p.name)
        by_sur: dict[str, list] = {}
        for p in persons:
            words = p.name.split()
            by_sur.setdefault(words[0], []).append(p)
            if len(words) >= 2 and not _is_korean_name(words[0], words[1]) and words[0] not in _KO_SURNAMES_EN:
                # "Ingvild Berntsen" … "Minister Berntsen said": a Western name's surname comes last
                by_sur.setdefault(words[-1], []).append(p)
        for m in re.finditer(rf"\b(?:({_ORDINAL_TITLE})\s)?([A-Z][a-z]+)\b(?!\s[A-Z][a-z]+-)", self.text):
            sur = m.group(2)
            cands = by_sur.get(sur, [])
            if len(cands) != 1 or doc.is_claimed(m.start(2), m.end(2)):
                continue
            if not m.group(1) and not re.match(r"\s(?:said|says|will|added|told|noted|stressed|attended|chaired|also)\b", self.text[m.end(2) : m.end(2) + 12]):
                continue
            doc.mention(cands[0], m.start(2), m.end(2))

    def title_references(self) -> None:
        """"the minister", "the vice minister", "the CEO": the one person of the
        article holding that title."""
        doc = self.doc
        titles: dict[str, list] = {}
        for r in doc.relations.values():
            if r.type == "HOLDS_POSITION" and r.properties.get("title"):
                titles.setdefault(str(r.properties["title"]).lower(), []).append(doc.entities.get(r.source))
        for p in doc.entities.values():
            if p.type == "Person" and p.properties.get("title"):
                titles.setdefault(str(p.properties["title"]).lower(), []).append(p)
        for m in re.finditer(r"\b[Tt]he ((?:first |second |vice |deputy )*(?:minister|vice minister|ceo|president|chairman|professor|director))\b", self.text):
            want = m.group(1).lower()
            cands = {id(p): p for t, ps in titles.items() for p in ps if p is not None and t.endswith(want)}
            if len(cands) == 1:
                doc.mention(next(iter(cands.values())), m.start(), m.end())

    # ---------------------------------------------------------------- relations
    def relations(self) -> None:
        doc = self.doc
        text = self.text
        pub = doc.article.published.date() if doc.article.published else None
        all_events = [e for e in doc.entities.values() if e.type == "Event"]

        # ---- pass 1: events per sentence; the main event is the first one a
        # sentence says is held or organised
        infos = []
        events_seen: list = []
        main_event = None
        for s in self.sents:
            ents = sorted(
                [(a, b, doc.entities[eid]) for a, b, eid in doc.claimed if s.start <= a < s.end and eid in doc.entities],
                key=lambda x: x[0],
            )
            explicit = []
            for a, b, e in ents:
                if e.type == "Event" and e not in explicit:
                    explicit.append(e)
            held = bool(_ORG_VERB.search(s.text) or _HELD_WORDS.search(s.text))
            # the event the article reports is named in its lead (the first sentences)
            if main_event is None and held and explicit and len(infos) < 3 and not _FUTURE_HELD.search(s.text):
                main_event = explicit[0]
            refs = []
            for m in _EN_REF.finditer(s.text):
                refs.append((s.start + m.start(), m.group(1).lower(), list(events_seen)))
            events_seen.extend(explicit)
            infos.append((s, ents, explicit, refs, held))
        if main_event is None:
            # no lead sentence says an event was held: the first event the lead names,
            # else the event the article names most often
            # (never one the text says is still to come)
            future = {e.id for s_, _, explicit, _, _ in infos for e in explicit if _FUTURE_HELD.search(s_.text)}
            lead = [e for _, _, explicit, _, _ in infos[:3] for e in explicit if e.id not in future]
            past = [e for e in all_events if e.id not in future]
            if lead:
                main_event = lead[0]
            elif past:
                main_event = max(past, key=lambda e: (len(e.mentions), -min((m.start for m in e.mentions), default=0)))
        last_ctx: list = []
        last_dates: set = set()
        for s, ents, explicit, raw_refs, held in infos:
            stext = s.text
            refs_pos = []
            unresolved_ref = False
            for pos, head, seen in raw_refs:
                target = next((e for e in reversed(seen) if head in e.name.lower()), None)
                if target is None:
                    same = [e for e in all_events if head in e.name.lower()]
                    target = same[0] if len(same) == 1 else main_event
                if target is not None:
                    refs_pos.append((pos, target))
                else:
                    unresolved_ref = True  # "the signing ceremony": an event the article does not name
            refs = [e for _, e in refs_pos if e not in explicit]
            dates = find_dates(stext, pub)
            for e in explicit:
                rank = 0 if held else 1
                if e.properties.get("_date_rank", 9) <= rank:
                    continue
                pos = [m.start for m in e.mentions if s.start <= m.start < s.end]
                dates_ok = [d for d in dates if event_date(e.name, d)]
                if pos and dates_ok:
                    d = min(dates_ok, key=lambda d: abs(d.start - (pos[0] - s.start)))
                    start, end = event_date(e.name, d)
                    e.properties["start_date"] = start
                    e.properties["_date_rank"] = rank
                    if end:
                        e.properties["end_date"] = end
            # events named in a relative clause ("startups that took part in E")
            bound = {}
            for mr in _EN_RELCLAUSE.finditer(stext):
                at = s.start + mr.end()
                for e in explicit:
                    if any(m.start == at for m in e.mentions):
                        bound[e.id] = (e, s.start + mr.start())
            free = [e for e in explicit if e.id not in bound] + refs
            new_dates = {d.value for d in dates}
            if free:
                ctx = free
            elif unresolved_ref and main_event is None:
                ctx = []  # about an event the article does not name
            elif _PART_VERB.search(stext) and (last_ctx and not (new_dates - last_dates)):
                ctx = list(last_ctx)  # goes on about the same event
            elif _PART_VERB.search(stext) and main_event is not None and not (
                re.search(r"\bwill\b", stext) and min((m.start for m in main_event.mentions), default=len(text)) >= s.end
            ):
                # a new time or topic: the event the article is about (a plan announced
                # before that event is named, as a briefing's items are, is other business)
                ctx = [main_event]
            else:
                ctx = []
            if not ctx and not bound:
                last_ctx, last_dates = [], new_dates or last_dates
                continue
            ev_pos = [(m.start, e) for e in free for m in e.mentions if s.start <= m.start < s.end]
            ev_pos += [p for p in refs_pos]

            def nearest(pos: int):
                if ev_pos:
                    return min(ev_pos, key=lambda t: abs(t[0] - pos))[1]
                return ctx[0] if ctx else next(iter(bound.values()))[0]

            orgs = [(a, b, e) for a, b, e in ents if e.type == "Organization"]
            places = [(a, b, e) for a, b, e in ents if e.type == "Place"]
            persons = [(a, b, e) for a, b, e in ents if e.type == "Person"]
            organizers = set()
            targets = [e for e in explicit] or ctx
            # ORGANIZED: "hosted by X and Y" / "X held the E" / "... together with Y"
            for mh in list(_HOSTED.finditer(stext)) + (list(_COHOST.finditer(stext)) if _ORG_VERB.search(stext) and explicit else []):
                prev_end = s.start + mh.end()
                prev = None
                for a, b, e in orgs:
                    if a < prev_end:
                        continue
                    if prev is e and re.fullmatch(r"\s*\(", text[prev_end:a]):
                        prev_end = b + 1  # "(LH)" right after its long name
                        continue
                    if not _COORD_GAP.fullmatch(text[prev_end:a]):
                        break
                    prev = e
                    doc.relate("ORGANIZED", e, _nearest(a, targets, before=True), (s.start, s.end))
                    organizers.add(e.id)
                    prev_end = b
            mv = _ORG_VERB.search(stext)
            if mv and explicit:
                vpos = s.start + mv.start()
                for a, b, e in orgs:
                    if a < vpos and (a, b) not in self.affiliation and not _gap_breaks(text[b:vpos], subject=True):
                        doc.relate("ORGANIZED", e, _nearest(vpos, explicit, before=False), (s.start, s.end))
                        organizers.add(e.id)
            # HELD_AT: "at X" / "in X" after a holding verb or right after the event's name
            venue_end = None
            for a, b, e in sorted(places + orgs, key=lambda t: t[0]):
                if not _HELD_PREP.search(text[max(s.start, a - 10) : a]):
                    continue
                if venue_end is not None and _VENUE_IN.fullmatch(text[venue_end[0] : a]):
                    # "at Plug and Play's headquarters in Sunnyvale": where the venue is
                    doc.relate("LOCATED_IN", venue_end[1], e, (s.start, s.end))
                    venue_end = (b, e)
                    continue
                ev = _nearest(a, targets, before=True)
                if e.type == "Organization":
                    premises = re.match(r"(?:'s|’s)?\s(?:headquarters|office|offices|campus|building|HQ|hall|auditorium)", text[b : b + 20])
                    right_after = any(0 <= a - m.end <= 12 for m in ev.mentions)
                    if not premises and e.properties.get("category") not in ("academia", "research") and not (held and right_after):
                        continue
                if held or re.search(r"\b(at|will be)\b", stext):
                    doc.relate("HELD_AT", ev, e, (s.start, s.end))
                    venue_end = (b, e)
            # PARTICIPATED_IN: people (not those in an apposition) and organisations
            main_verb = None
            for mp in _PART_VERB.finditer(stext):
                if not any(rs <= s.start + mp.start() < rs + 40 for _, rs in bound.values()):
                    main_verb = s.start + mp.start()
                    break
            if _PART_VERB.search(stext) or explicit or refs:
                for a, b, p in persons:
                    if _in_parens(text, a, s.start):
                        continue
                    seg = stext[max(0, a - s.start - 40) : b - s.start + 80].lower()
                    role = next((rl for verb, rl in lx.EN_ROLE_BY_VERB if verb in seg), "attendee")
                    for ev in self._events_for(a, nearest, bound, main_verb, ctx):
                        doc.relate("PARTICIPATED_IN", p, ev, (s.start, s.end), role=role)
                subj_verb = _ORG_PART_VERB.search(stext)
                for a, b, e in orgs:
                    if e.id in organizers or (a, b) in self.affiliation:
                        continue
                    if any(r.type == "HELD_AT" and r.target == e.id for r in doc.relations.values()):
                        continue
                    before = stext[max(0, a - s.start - 60) : a - s.start]
                    # "Samsung C&T Corp. and Doosan Enerbility showcased ...", "LG Energy
                    # Solution, which runs ..., and Siemens AG took part in a panel": the
                    # organisations that are the subject of a verb of taking part
                    subject = (
                        subj_verb is not None
                        and a < s.start + subj_verb.start()
                        and not re.search(r"\b(?:at|in|of|from|by|for|to|on|under)\s(?:the\s)?$", before)
                        and not _gap_breaks(text[b : s.start + subj_verb.start()], subject=True)
                    )
                    if not subject and not re.search(r"\b(with|including|such as|among them|meet|meetings with|sign\w*|partner\w*|between)\b", before):
                        continue
                    for ev in self._events_for(a, nearest, bound, main_verb, ctx):
                        if not doc.has_relation("ORGANIZED", e.id, ev.id):
                            doc.relate("PARTICIPATED_IN", e, ev, (s.start, s.end), role="partner")
            last_ctx, last_dates = (ctx or last_ctx), (new_dates or last_dates)
        self.quotes()
        for e in all_events:
            e.properties.pop("_date_rank", None)
        if pub is not None and main_event is not None and not main_event.properties.get("start_date"):
            # the day the lead reports ("SEOUL -- X on Tuesday opened ..."), else the publication day
            lead_dates = [d for st in self.sents[:2] for d in find_dates(st.text, pub) if len(d.value) == 10 and d.value <= pub.isoformat()]
            if lead_dates:
                main_event.properties["start_date"] = lead_dates[0].value
            elif any(r.source == main_event.id and r.type in ("HELD_AT", "ORGANIZED") for r in doc.relations.values()):
                main_event.properties["start_date"] = pub.isoformat()

    @staticmethod
    def _events_for(pos: int, nearest, bound: dict, main_verb: int | None, ctx: list) -> list:
        """The events a participant at ``pos`` took part in: the clause's event, and
        the event of a relative clause on the subject it belongs to ("Startups that
        took part in E, including X, attended ...")."""
        out = []
        if ctx or not bound:
            out.append(nearest(pos))
        for e, rel_start in bound.values():
            if main_verb is not None and rel_start - 60 <= pos < main_verb:
                out.append(e)
            elif not ctx:
                out.append(e)
        seen = set()
        return [e for e in out if not (e.id in seen or seen.add(e.id))]

    def quotes(self) -> None:
        doc = self.doc
        text = self.text
        persons = [(a, b, doc.entities[eid]) for a, b, eid in doc.claimed if eid in doc.entities and doc.entities[eid].type == "Person"]
        for m in re.finditer(r"[\"“]([^\"”]{8,})[\"”]", text):
            a, b = m.start(1), m.end(1)
            after = text[m.end() : m.end() + 120]
            before = text[max(0, m.start() - 160) : m.start()]
            speaker = None
            ms = re.match(r",?\s*(?:[^.\"“]{0,60}?)\b(said|says|added|noted|stressed|told)\b", after)
            if ms:
                near = [p for p in persons if m.end() <= p[0] <= m.end() + ms.end() + 40]
                if near:
                    speaker = near[0][2]
            if speaker is None and _SAY.search(before[-80:]):
                near = [p for p in persons if m.start() - 160 <= p[0] < m.start()]
                if near:
                    speaker = near[-1][2]
            if speaker is None:
                continue
            body = m.group(1).strip()
            verb = ms.group(1) if ms else (_SAY.findall(before[-80:]) or [None])[-1]
            q = doc.entity("Quote", body, props={"text": body, "verb": verb})
            doc.mention(q, a, b, force=True)
            doc.relate("SAID", speaker, q, (m.start(), min(len(text), m.end() + 60)), verb=verb)


_HELD_NAME = re.compile(
    r"(?<![\w&'’.-])(?P<name>(?:[A-Z][\w&'’.-]*+\s){1,6}(?:19|20)\d\d)(?:,\s(?:which|that)\s(?:will\s(?:be|take)|was|is|were|are)\s(?:held|place)|\s(?:was|will\sbe|is)\sheld|\s(?:took|takes|will\stake)\splace|,\sheld)\b"
)
_ORG_PART_VERB = re.compile(
    r"\b(?:also\s)?(?:showcased|showcases|exhibited|exhibits|displayed|presented|presents|demonstrated|took part|take part|"
    r"participated|participate|joined|attended|signed|sponsored|set up booths?|ran booths?|pitched)\b"
)
_COUNTRYISH = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}"
_MINISTRY_WHAT = r"[A-Z][\w-]*(?:(?:,\s|\s(?:and|of|for|&)\s|\s)[A-Z][\w-]*)*"
_FOREIGN_MINISTRY = re.compile(
    rf"\b(?P<c>{_COUNTRYISH})(?:'s|’s)\s(?P<head>Ministry|(?:(?:First|Second|Deputy|Vice)\s)*Minister)\s(?:of|for)\s(?:the\s)?(?P<what>{_MINISTRY_WHAT})"
)
# "Poland's Foreign Ministry": a country's ministry in the short form
_FOREIGN_SHORT_MINISTRY = re.compile(rf"\b(?P<c>{_COUNTRYISH})(?:'s|’s)\s(?P<what>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s(?P<head>Ministry)\b")
_LOWER_MINISTRY = re.compile(
    r"\b(?:(?P<c>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:'s|’s)\s|the\s)(?P<what>foreign|defen[cs]e|unification|finance|trade|industry|"
    r"science|land|transport|environment|health|welfare|labor|employment|education|culture|interior|justice|agriculture|oceans|"
    r"gender equality)\sministry\b"
)
# "Minister of Innovation and Technology of Ethiopia", "the Ministry of Industry and Trade of Vietnam"
# (the portfolio is the shortest that reaches "of <country>", and never runs on
# into the next title: "Minister of Fisheries of Chile Tomas X and Minister of …")
_MINISTRY_WHAT_SHORT = r"[A-Z][\w-]*(?:(?:,\s|\s(?:and|of|for|&)\s|\s)(?!(?:Minister|Ministry|Deputy|Prime|Vice)\b)[A-Z][\w-]*)*?"
_MINISTRY_OF_COUNTRY = re.compile(
    rf"\b(?P<head>Ministry|(?:(?:First|Second|Deputy|Vice)\s)*Minister)\s(?:of|for)\s(?P<what>{_MINISTRY_WHAT_SHORT})\s(?:of|in)\s(?P<c>{_COUNTRYISH})\b"
)
_VENUE_HEADS = r"(?:Hotel|Hotels|Center|Centre|Hall|Stadium|Arena|Plaza|Tower|Palace|Museum|Auditorium|Complex|Resort|Expo\sCenter|Convention\sCenter|Convention\sCentre|Exhibition\sCenter|Exhibition\sCentre|Conference\sCenter|Conference\sCentre)"
_HOTEL_BRANDS = (
    r"(?:JW\sMarriott|Marriott|Sheraton|Hilton|Conrad|Hyatt|Grand\sHyatt|Park\sHyatt|Andaz|Westin|InterContinental|Four\sSeasons|Fairmont|"
    r"Ritz-Carlton|Novotel|Sofitel|Pullman|Shangri-La|Mandarin\sOriental|Radisson|Kempinski|Waldorf\sAstoria|St\.\sRegis|Peninsula|"
    r"Raffles|Lotte\sHotel|Swissotel|Mövenpick|Crowne\sPlaza|Holiday\sInn|Hyatt\sRegency|Grand\sHilton)"
)
_VCAP = r"[A-Z][\w'’.&-]*"
_VWORD = r"[A-Z][\w'’&-]*"  # a word of a venue's name after its brand (a period ends the name)
_EN_VENUE = re.compile(
    rf"\b(?:at|in|inside)\s(?:the\s)?(?P<name>{_HOTEL_BRANDS}(?:\s{_VWORD}){{0,4}}"
    rf"|(?:{_VCAP}\s(?:(?:of|and|for|de)\s)?){{1,6}}?{_VENUE_HEADS}(?:\s(?!Hotel\b)[A-Z][a-z]+(?=[\s,.;]))?)"
)
_PNAME = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z][a-z]?-[A-Z][a-z]+"
_NAME_POSS_TITLE = re.compile(
    rf"(?=(?P<name>(?:{_PNAME})(?:\s(?:{_PNAME})){{1,2}}),\s(?:the\s)?"
    r"(?:(?P<owner>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,5})(?:'s|’s)\s)?"
    r"(?P<title>(?:[A-Z][\w.&-]*|[a-z]+)(?:,?\s(?:[A-Z][\w.&-]*|of|the|for|and|on|in|at|[a-z]+)){0,12}?)"
    r"(?:\sat\s(?:the\s)?(?P<atorg>[A-Z][\w&.'’-]*(?:\s(?:[A-Z][\w&.'’-]*|of|and|for|on|&))*))?(?=[,.;]|\s\(|\s(?:who|which|said|told|says|and\s(?:[A-Z]|the)|attended|opened|presented|was|is|will|has|had|walked|spoke|delivered)\b))"
)
_AT_ORG_AHEAD = re.compile(
    r"(?P<title>(?:[A-Z][\w.&-]*|[a-z]+)(?:,?\s(?:[A-Z][\w.&-]*|[a-z]+)){0,14}?)\s(?:at|of)\s(?:the\s)?(?P<org>[A-Z])"
)
_NOT_NAME_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December Korea Korean South North Minister Ministry Vice President Deputy Seoul".split()
)


_TITLE_WORDS_SET = frozenset(w for t in lx.EN_TITLE_WORDS for w in t.split())

# a name as titles and counterparts introduce it: two or three capitalised words,
# a first word that may be hyphenated ("Nurlan-Bek"), a surname in capitals ("LAVROV")
_FNAME_WORD = r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z]{3,}(?![\w.-]))"
_FOREIGN_NAME = rf"(?P<name>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:\s{_FNAME_WORD}){{1,2}})(?![\w-])"
_ORDINAL_TITLE2 = rf"(?:(?:First|Second|Third|Deputy|Senior|Executive|Vice|Chief|Acting|Former|Prime)\s)*(?:{_TITLE_ALT})"
_TITLE_FOREIGN = re.compile(
    rf"\b(?P<title>{_ORDINAL_TITLE2}(?:\s(?:and|&)\s(?:the\s)?{_ORDINAL_TITLE2})*)"
    r"(?:\s+(?:of|for)\s+(?P<of>[A-Z][\w&]*(?:(?:,\s|\s(?:and|&|of)\s|\s)(?!(?:Minister|Ministry|Deputy|Prime|Vice|Secretary|Director|President|Chairman|Chairwoman|Ambassador|Mayor|Governor)\b)[A-Z][\w&]*){0,8}))?"
    rf"\s+{_FOREIGN_NAME}"
)
_PORTFOLIO_MINISTER = re.compile(
    r"\b(?P<title>(?:(?:First|Second|Third|Senior|Vice|Deputy)\s)*(?P<port>[A-Z][A-Za-z]+(?:(?:,\s|\sand\s|\s)[A-Z][A-Za-z]+){0,3})"
    rf"\s(?:(?:Vice|Deputy)\s)?Minister)\s{_FOREIGN_NAME}"
)
_ORG_TITLE_NAME = re.compile(
    rf"(?:'s|’s)?\s(?P<title>(?:(?:Executive|Senior|Vice|Honorary|Deputy|Acting)\s)*(?:Chairperson|Chairman|Chairwoman|Chair|Executive\sChair|"
    rf"Chief\sExecutive(?:\sOfficer)?|CEO|President|Vice\sPresident|Director|Managing\sDirector|General\sDirector|Director\sGeneral|chief|head|Head|Governor|Mayor|Commissioner|Administrator))"
    rf"\s{_FOREIGN_NAME}"
)
_COUNTERPART = re.compile(rf"\b(?:his|her|their|its|the)\s(?:[A-Z][a-z]+\s)?counterparts?,?\s{_FOREIGN_NAME}")
_MONTHS_DAYS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December".split()
)


_DEMONYMS: dict[str, str] = {}


def _demonyms() -> dict[str, str]:
    """"Egyptian" -> "Egypt" (data/demonyms.json)."""
    if not _DEMONYMS:
        import json
        from importlib import resources

        data = json.loads(resources.files("policygraph").joinpath("data", "demonyms.json").read_text(encoding="utf-8"))
        _DEMONYMS.update(data["demonyms"])
    return _DEMONYMS


_ADJ_MINISTRY: list = []


def _adj_ministry():
    """"Egyptian Minister of Communication and Information Technology", "Saudi Deputy
    Minister for Urban Planning", "the Thai Ministry of Commerce"."""
    if not _ADJ_MINISTRY:
        alt = "|".join(re.escape(d) for d in sorted(_demonyms(), key=len, reverse=True))
        _ADJ_MINISTRY.append(re.compile(
            rf"\b(?P<adj>{alt})\s(?P<head>Ministry|(?:(?:First|Second|Deputy|Vice|State|Senior)\s)*Minister)\s(?:of|for)\s(?:the\s)?(?P<what>{_MINISTRY_WHAT})"
        ))
    return _ADJ_MINISTRY[0]


def _plausible_name(name: str) -> bool:
    """No word of a person's name is a title, a body's or an event's head, a
    weekday or month, a country or city the gazetteer knows, or an acronym it knows."""
    for w in name.replace("-", " ").split():
        if w in _TITLE_WORDS_SET or w in lx.EN_ORG_HEADS or w in lx.EN_EVENT_HEADS or w in _EN_LEAD_STOP:
            return False
        if w in _NOT_NAME_WORDS or w in _MONTHS_DAYS:
            return False
        if (w.isupper() or w[:1].isupper()) and _gaz().lookup(w):
            return False  # "KOTRA", "KOICA", "Russia"
    return not _gaz().lookup(name)


_PORTFOLIO_EXTRA = frozenset(
    "Investment Mining Mines Geology Natural Resources Development Digital Innovation Public Works Housing Urban Youth "
    "Women Social Security Commerce Labour Water Forestry Livestock Transportation Telecommunications Post Higher Power "
    "Electricity Heritage Arts Media Home Ecology Economic Budget Treasury Revenue Transformation Entrepreneurship "
    "Enterprise Enterprises Small Medium Cooperation International Relations Change Emergency Disaster Local Regional "
    "Community Cooperatives Industries Sport Affairs Planning Trade Industry Energy Finance Economy Science Technology "
    "Environment Foreign Defence Defense Justice Interior Health Education Culture Tourism Agriculture Fisheries Oceans "
    "Transport Infrastructure Land Labor Employment Welfare Unification Gender Equality Family SMEs Startups ICT".split()
)
_PORTFOLIO_WORDS: set[str] = set()


def _portfolio_words() -> set[str]:
    """Words of ministries' portfolios: those of the gazetteer's ministries, and common
    ones of other governments (Planning and Investment, Mining and Geology)."""
    if not _PORTFOLIO_WORDS:
        _PORTFOLIO_WORDS.update(_PORTFOLIO_EXTRA)
        for e in _gaz().iter():
            if e.type == "Organization":
                for nm in (e.name_en or "", *e.aliases):
                    if re.search(r"\bMinistry\b", nm):
                        _PORTFOLIO_WORDS.update(re.findall(r"[A-Z][A-Za-z]+", nm))
        _PORTFOLIO_WORDS.difference_update({"Ministry", "Korea", "Korean", "Japan", "National", "Federal", "Government"})
    return _PORTFOLIO_WORDS


def _portfolio_then_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """In ``text[start:end]`` ("Planning and Investment Nguyen Chi Dung", "Industry and
    Trade of Viet Nam Tran Van Son"), where the portfolio ends and the person's name
    (two or three words) begins: the name starts at the first capitalised word that is
    no portfolio word, connector or country. Returns (portfolio end, name start)."""
    words = list(re.finditer(r"[^\s,]+", text[start:end]))
    vocab = _portfolio_words()
    last = None
    for i, w in enumerate(words):
        t = w.group(0)
        if t in ("and", "of", "&", "for", "the") or t in vocab:
            last = i
            continue
        if t[:1].isupper() and _gaz().lookup(t) and not t.isupper():
            last = i  # a country or city: "of Viet Nam"
            continue
        if last is None or not 2 <= len(words) - i <= 3 or words[last].group(0) in ("and", "of", "&", "for", "the"):
            return None
        return start + words[last].end(), start + w.start()
    return None


def _name_case(name: str) -> str:
    """"Sergey LAVROV" is the person Sergey Lavrov."""
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in name.split())



def _inside_capitalised_run(text: str, a: int) -> bool:
    """Whether a name starting at ``a`` continues a capitalised word before it
    ("Truong Quoc Vinh": "Quoc Vinh" is no name of its own)."""
    before = text[max(0, a - 30) : a]
    return bool(re.search(r"[A-Z][\w'’.-]*\s$", before)) and not re.search(
        r"(?:^|[\s(“\"])(?:The|And|But|While|As|With|On|In|At|By|From|Minister|President|CEO|Dr\.|Mr\.|Ms\.|Mrs\.)\s$|[.!?]\s$", before
    ) and not re.search(rf"\b(?:{_TITLE_ALT})\s$", before)


def _ws_title(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip(" ,")


_COHOST = re.compile(r"\b(?:together with|jointly with|in cooperation with|in partnership with|co-hosted with)\s+(?:the\s+)?")
_VENUE_IN = re.compile(r"(?:'s|’s)?(?:\s(?:headquarters|office|offices|campus|building|HQ))?,?\s(?:in|at)\s(?:the\s)?")
_FUTURE_HELD = re.compile(r"\b(?:will|is to|are to|plans to)\s+(?:be\s+)?(?:held|hold|take place|open|host)\b")
_HELD_WORDS = re.compile(r"\b(took place|takes place|held|opened|opens|kicked off|launched|runs|hosted|chaired|signed)\b")
_EN_REF = re.compile(r"\b(?:the|this|that|its)\s(?:opening\s|closing\s|signing\s|(?:two|three|four|five)-day\s|annual\s|inaugural\s|first\s|same\s)?(ceremony|event|program|programme|meeting|forum|roundtable|session|demo day|week|conference|exhibition|signing|talks|expo|summit|fair)\b", re.I)
_EN_RELCLAUSE = re.compile(r"\b(?:that|who|which)\s+(?:had\s+|have\s+)?(?:took part|taken part|take part|participated|attended|joined|exhibited)\s+(?:in\s+|at\s+)?(?:the\s+)?")
_COORD_GAP = re.compile(r"(?:\s*\([^()]{1,40}\))?(?:,\s*|\s+and\s+|,\s+and\s+|\s*&\s*)?(?:the\s+)?")
_ORG_PLURALS = r"(?:companies|startups|start-ups|firms|organi[sz]ations|institutions|businesses|agencies|universities|partners|investors|participants|exhibitors)"
_LIST_INTRO = re.compile(rf"\b{_ORG_PLURALS},?\s(?:including|such as|like|among them)\s")
_LIST_ITEM = re.compile(r"(?P<name>[A-Z][\w&'’.-]*(?:\s[A-Z][\w&'’.-]*){0,3})(?P<sep>,\s(?:and\s)?|\sand\s|\sor\s)?")
_DESCRIPTOR = re.compile(
    r"\b(?:company|startup|start-up|firm|maker|developer|provider|platform|operator|manufacturer|studio)\s(?P<name>[A-Z][a-z]+[A-Z][\w]*|[A-Z][\w]*(?:\s[A-Z][\w]*)?)(?=[\s,.])"
)
_EN_LEAD_STOP = frozenset(
    "of and for on the The At In On Under During After Before Following Ahead Since Until At Through Throughout Via With From "
    "This That These Those Its Their His Her Our Each Every Both Last Next First Second Third Annual "
    "Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Fifteen Twenty Thirty Several Some Many All Most".split()
)


def _in_parens(text: str, start: int, lo: int) -> bool:
    o = text.rfind("(", lo, start)
    return o >= 0 and text.find(")", o, start) < 0


def _gap_breaks(gap: str, subject: bool = False) -> bool:
    if subject:
        return bool(re.search(r"[.;]|\b(at|in|with|by|to|for|from)\b", gap)) or len(gap) > 120
    return bool(re.search(r"[.;]|\b(at|in|with|which|that|who)\b", gap))


def _nearest(pos: int, events, before: bool):
    best = None
    for e in events:
        for m in e.mentions:
            d = abs(m.start - pos)
            if best is None or d < best[0]:
                best = (d, e)
    return best[1] if best else events[0]


def _en_event_head(name: str) -> str | None:
    base = re.sub(r"\s\([^)]*\)$", "", name.strip())
    base = re.sub(r"\s(?:19|20)\d\d$", "", base)
    if re.search(r"\b(?:Signing|MOU|Agreement)\s+Ceremony$", base):
        return "Signing Ceremony"
    for h in _EVENT_HEADS:
        if base.endswith(h) or base.lower().endswith(h.lower()):
            return h
    return None


def _en_event_type(name: str) -> str:
    head = _en_event_head(name)
    if head == "Signing Ceremony":
        return "signing"
    return lx.EN_EVENT_TYPES.get(head or "", "event")


def _looks_title(title: str) -> bool:
    t = title.lower()
    return any(w.lower() in t for w in lx.EN_TITLE_WORDS) or bool(
        re.search(r"\b(head|director|chief|officer|manager|lead|president|professor|ceo|founder|advis[eo]r|representative|counsel+or|minister|ambassador|secretary|envoy|commissioner)\b", t)
    )


def _en_category(name: str) -> str:
    n = name.lower()
    if re.search(r"\b(ministry|government|office|commission|committee|administration|service|bureau|province|city)\b", n):
        return "government"
    if re.search(r"\b(university|college|school|academy)\b", n):
        return "academia"
    if re.search(r"\b(institute|research)\b", n):
        return "research"
    if re.search(r"\b(agency|authority|corporation for|promotion)\b", n):
        return "public_agency"
    if re.search(r"\b(association|federation|alliance|society|council|chamber|union|forum)\b", n):
        return "association"
    return "company"


def extract_english(doc: Doc) -> EnglishExtractor:
    ex = EnglishExtractor(doc)
    ex.run()
    return ex
