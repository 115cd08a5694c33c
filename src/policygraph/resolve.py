"""Resolve: one id per real-world thing, across articles, spellings, languages
and loads.

Two steps:

1. ``assign_ids(extraction)`` gives every entity of one article an id that is a
   pure function of what the article says: the gazetteer id for known
   institutions and places; for persons their name plus the organisation they
   hold a position at (``person:이정민@kaist``), so that namesakes at different
   organisations stay apart; for events their normalised name with the year.
2. ``consolidate(nodes, rels)`` looks at the whole graph (a batch of
   extractions, or everything a store holds) and merges the ids that denote one
   thing: an English romanised name and its Korean name at the same
   organisation, an English company name and its Korean transliteration, the
   same event named with other wording, a name seen without an organisation and
   the only person of that name with one (when its article also names that
   person's organisation or event). It returns ``old id -> (new id,
   reason)``; the canonical id of a group is chosen by a rule that does not
   depend on the order the articles came in, so loading one by one, in any
   order, or all at once gives the same graph.

Analysts correct the resolver with an override file (TOML)::

    [[merge]]
    ids = ["org:DOB Studio", "org:디오비스튜디오"]

    [[split]]
    ids = ["person:이정민@kaist", "person:이정민@kotra"]

A ``merge`` joins ids; a ``split`` forbids any rule-based merge between them.
"""
from __future__ import annotations

import re
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .errors import ConfigError
from .extract.doc import norm
from .models import ArticleGraph, Entity, Extraction, NodeRecord, RelRecord

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ORDINAL = re.compile(r"제\s?(\d+)\s?[차회]|(\d+)\s?[차회]|\b(\d+)(?:st|nd|rd|th)\b")


def has_hangul(s: str | None) -> bool:
    return bool(s and _HANGUL.search(s))


# ----------------------------------------------------------------- overrides
@dataclass
class Overrides:
    merges: list[list[str]] = field(default_factory=list)
    splits: list[tuple[str, str]] = field(default_factory=list)
    path: str | None = None

    @classmethod
    def load(cls, path: str | Path | None) -> "Overrides":
        if path is None:
            return cls()
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{p}: override file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: not a valid TOML override file: {exc}") from None
        out = cls(path=str(p))
        for kind in ("merge", "split"):
            for i, item in enumerate(data.get(kind, []) or [], 1):
                ids = item.get("ids") if isinstance(item, dict) else None
                if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(x, str) for x in ids):
                    raise ConfigError(f"{p}: [[{kind}]] #{i} needs ids = [at least two id strings]")
                if kind == "merge":
                    out.merges.append(list(ids))
                else:
                    for a in ids:
                        for b in ids:
                            if a < b:
                                out.splits.append((a, b))
        return out

    def forbids(self, a: str, b: str) -> bool:
        if not self.splits:
            return False
        cached = self.__dict__.get("_split_set")
        if cached is None or cached[0] != len(self.splits):
            cached = self.__dict__["_split_set"] = (len(self.splits), frozenset(self.splits))
        return (min(a, b), max(a, b)) in cached[1]


# ----------------------------------------------------------------- step 1
def _slug(eid: str) -> str:
    return eid.split(":", 1)[1] if ":" in eid else eid


def event_key(name: str, start_date: str | None) -> str:
    """An event's id key: its normalised name with the edition year in front, however
    the name writes it ("2026 X", "2026년 X", "X 2026", or no year and a start date)."""
    years = _YEAR.findall(name)
    core = re.sub(r"(?<!\d)((?:19|20)\d\d)\s*년?(?!\d)", " ", name)
    year = years[0] if years else (start_date[:4] if start_date else "")
    return f"{year}{norm(core)}"


def assign_ids(extraction: Extraction) -> Extraction:
    """Article-local ids -> graph ids (a pure function of the article)."""
    ents = extraction.entities
    mapping: dict[str, str] = {}
    for e in ents:
        if e.type == "Organization" or e.type == "Place":
            gid = e.properties.get("gazetteer_id")
            mapping[e.id] = gid if gid else f"{'org' if e.type == 'Organization' else 'place'}:{e.name}"
        elif e.type == "Event":
            mapping[e.id] = f"event:{event_key(e.name, e.properties.get('start_date'))}"
        elif e.type in ("Topic", "Product"):
            mapping[e.id] = f"{e.type.lower()}:{norm(e.name)}"
        elif e.type == "Quote":
            import hashlib

            mapping[e.id] = "quote:" + hashlib.sha1(norm(e.name).encode()).hexdigest()[:16]
    for e in ents:
        if e.type == "Person":
            orgs = sorted(
                mapping.get(r.target, r.target)
                for r in extraction.relations
                if r.type == "HOLDS_POSITION" and r.source == e.id
            )
            mapping[e.id] = f"person:{e.name}" + (f"@{_slug(orgs[0])}" if orgs else "")
    return rename(extraction, {k: (v, None) for k, v in mapping.items()})


def rename(extraction: Extraction, mapping: dict[str, tuple[str, str | None]], names: dict[str, str] | None = None) -> Extraction:
    """Apply ``old id -> (new id, reason)`` to one extraction, merging entities
    that end up with one id. ``names``: new id -> canonical name."""
    names = names or {}
    merged: dict[str, Entity] = {}
    for e in extraction.entities:
        new_id, reason = mapping.get(e.id, (e.id, None))
        cur = merged.get(new_id)
        cname = names.get(new_id)
        if cur is None:
            cur = Entity(new_id, e.type, e.name, e.name_en, list(e.aliases), dict(e.properties), list(e.mentions))
            merged[new_id] = cur
        else:
            cur.add_alias(e.name)
            for a in e.aliases:
                cur.add_alias(a)
            for m in e.mentions:
                if m not in cur.mentions:
                    cur.mentions.append(m)
            for k, v in e.properties.items():
                cur.properties.setdefault(k, v)
            if e.name_en and not cur.name_en:
                cur.name_en = e.name_en
        if cname and cname != cur.name:
            old = cur.name
            cur.name = cname
            cur.add_alias(old)
            if not has_hangul(old) and not cur.name_en and e.type in ("Person", "Organization", "Event", "Place"):
                cur.name_en = old
        if reason:
            reasons = cur.properties.setdefault("merge_reasons", [])
            if reason not in reasons:
                reasons.append(reason)
    for e in merged.values():
        if e.name in e.aliases:
            e.aliases.remove(e.name)
    rels = {}
    for r in extraction.relations:
        s = mapping.get(r.source, (r.source, None))[0]
        t = mapping.get(r.target, (r.target, None))[0]
        if s == t:
            continue
        key = (r.type, s, t, r.properties.get("title"))
        if key not in rels:
            r2 = type(r)(r.type, s, t, dict(r.properties), r.evidence)
            rels[key] = r2
    return Extraction(extraction.article, list(merged.values()), list(rels.values()))


# ----------------------------------------------------------------- step 2
_VOWELS = set("aeiouy")
_CLASSES = {
    **{c: "K" for c in "kgcq"},
    **{c: "P" for c in "pbfv"},
    **{c: "T" for c in "td"},
    **{c: "S" for c in "szx"},
    **{c: "L" for c in "lr"},
    "m": "M",
    "n": "N",
    "j": "J",
    "h": "",
    "w": "W",
}


@lru_cache(maxsize=65536)
def skeleton(name: str, keep_liquids: bool = False) -> str:
    """A consonant skeleton that an English name and its Hangul transliteration
    share ("DOB Studio" / "디오비스튜디오", "K-Metaverse Boost Week" /
    "K메타버스 부스트 위크"): Hangul is romanised, post-vocalic English r is
    dropped (Korean loanwords drop it), consonants are folded into classes and
    doubled letters collapse."""
    from .romanize import romanize

    parts = []
    for tok in re.findall(r"[\uac00-\ud7a3]+|[A-Za-z]+|\d+", name):
        if _HANGUL.match(tok):
            parts.append(romanize(tok).lower().replace("-", ""))
        elif tok.isupper() and len(tok) <= 4 and len(tok) > 1:
            # acronyms are read letter by letter: DOB -> di-o-bi
            parts.append("".join(_LETTER.get(c, c.lower()) for c in tok))
        else:
            parts.append(tok.lower())
    out = []
    for p in parts:
        if p.isdigit():
            out.append(p)
            continue
        prev = ""
        for i, c in enumerate(p):
            if c in _VOWELS:
                prev = ""
                continue
            if c == "r" and i > 0 and p[i - 1] in _VOWELS and (i + 1 == len(p) or p[i + 1] not in _VOWELS):
                continue
            if c == "n" and p[i + 1 : i + 2] == "g":
                cls = "NG"
            elif c == "x":
                cls = "KS"
            elif c == "c" and p[i + 1 : i + 2] in ("e", "i", "y"):
                cls = "S"
            elif c == "g" and p[i + 1 : i + 2] in ("e", "i", "y") and not _HANGUL.search(name):
                cls = "J"  # soft g: "digital" / 디지털
            else:
                cls = _CLASSES.get(c, c.upper())
            if cls == "L" and not keep_liquids:
                # l/r are where transliterations disagree most ("CorePixel Lab" / 코어픽셀랩)
                continue
            if cls and cls != prev:
                out.append(cls)
            prev = cls
    return "".join(out)


_LETTER = {
    "A": "ei", "B": "bi", "C": "si", "D": "di", "E": "i", "F": "ep", "G": "ji", "H": "eich", "I": "ai", "J": "jei",
    "K": "kei", "L": "el", "M": "em", "N": "en", "O": "o", "P": "pi", "Q": "kyu", "R": "a", "S": "es", "T": "ti",
    "U": "yu", "V": "bi", "W": "deobeuryu", "X": "ekseu", "Y": "wai", "Z": "jet",
}


# the relationship types the resolver looks at
CONSOLIDATION_RELS = ("HOLDS_POSITION", "HELD_AT", "ORGANIZED", "PARTICIPATED_IN")


class _UF:
    def __init__(self):
        self.p: dict[str, str] = {}
        self.why: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: str, b: str, why: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.p[max(ra, rb)] = min(ra, rb)
        self.why[a] = self.why.get(a) or why
        self.why[b] = self.why.get(b) or why
        return True


def _names(n: NodeRecord) -> set[str]:
    vals = [n.props.get("name"), n.props.get("name_en"), *(n.props.get("aliases") or [])]
    return {norm(v) for v in vals if isinstance(v, str) and len(norm(v)) >= 2}


def _year(n: NodeRecord) -> str | None:
    ys = _YEAR.findall(str(n.props.get("name") or ""))
    if ys:
        return ys[0]
    sd = n.props.get("start_date")
    if sd:
        return str(sd)[:4]
    ry = n.props.get("reported_year")
    return str(ry) if ry else None


def _articles(n: NodeRecord | None) -> set[str]:
    return set(n.props.get("articles") or []) if n is not None else set()


def _year_ok(a: NodeRecord, b: NodeRecord) -> bool:
    ya = set(_YEAR.findall(str(a.props.get("name") or "")))
    yb = set(_YEAR.findall(str(b.props.get("name") or "")))
    oa = _ORDINAL.search(str(a.props.get("name") or ""))
    ob = _ORDINAL.search(str(b.props.get("name") or ""))
    if oa and ob and next(g for g in oa.groups() if g) != next(g for g in ob.groups() if g):
        return False
    return not (ya and yb and not ya & yb)


def _event_names(e: NodeRecord) -> tuple[list, str | None]:
    """An event's names (name, English name, aliases) and the edition number the
    first of them that has one gives (제4차 = 4th), or None."""
    names = [e.props.get("name"), e.props.get("name_en"), *(e.props.get("aliases") or [])]
    for nm in names:
        m = _ORDINAL.search(nm) if isinstance(nm, str) else None
        if m:
            return names, next(g for g in m.groups() if g)
    return names, None


def consolidate(
    nodes: Iterable[NodeRecord],
    rels: Iterable[RelRecord],
    overrides: Overrides | None = None,
    core: set[str] | None = None,
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Return (old id -> (canonical id, reason)) for every id that must change,
    and canonical id -> canonical name.

    ``core``: when given, only groups holding a core node are merged by the name
    rules (the other nodes are context a store lookup brought along: their
    candidates were not all fetched); incremental resolution passes the nodes a
    batch touched and every node sharing a key with them."""
    overrides = overrides or Overrides()
    from .romanize import KoreanNameIndex, matches

    by_label: dict[str, list[NodeRecord]] = defaultdict(list)
    node_by_id: dict[str, NodeRecord] = {}
    for n in nodes:
        if n.label in ("Person", "Organization", "Event", "Place"):
            by_label[n.label].append(n)
            node_by_id[n.id] = n
    positions: dict[str, set[str]] = defaultdict(set)
    taking_part: dict[str, set[str]] = defaultdict(set)
    for r in rels:
        if r.type == "HOLDS_POSITION":
            positions[r.source].add(r.target)
        elif r.type == "PARTICIPATED_IN":
            taking_part[r.source].add(r.target)
    uf = _UF()
    for nid in node_by_id:
        uf.find(nid)

    has_core: dict[str, bool] = {}
    core_ids = core  # (``core`` is reused below for a name's core)

    def join(a: str, b: str, why: str, free: bool = False) -> bool:
        if a == b or overrides.forbids(a, b):
            return False
        if core_ids is not None:
            ra, rb = uf.find(a), uf.find(b)
            ca = has_core.get(ra, ra in core_ids)
            cb = has_core.get(rb, rb in core_ids)
            if not (ca or cb or free):
                return False
        na, nb = node_by_id.get(a), node_by_id.get(b)
        # two different gazetteer entries are never one thing
        if na and nb:
            ga, gb = na.props.get("gazetteer_id"), nb.props.get("gazetteer_id")
            if ga and gb and ga != gb:
                return False
        done = uf.union(a, b, why)
        if done and core_ids is not None:
            has_core[uf.find(a)] = ca or cb
        return done

    for ids in overrides.merges:
        for other in ids[1:]:
            uf.union(ids[0], other, f"override file {overrides.path or ''}".strip())

    # organisations and places: shared names/aliases, transliteration
    for label in ("Organization", "Place"):
        index: dict[str, list[str]] = defaultdict(list)
        for n in by_label[label]:
            for nm in sorted(_names(n)):  # sorted: the reasons recorded do not depend on set order
                index[nm].append(n.id)
        for nm, ids in index.items():
            for other in ids[1:]:
                join(ids[0], other, f"same name or alias '{nm}'")
        latin = [n for n in by_label[label] if not has_hangul(n.props.get("name")) and not n.props.get("gazetteer_id")]
        hangul = [n for n in by_label[label] if has_hangul(n.props.get("name"))]
        sk: dict[str, list[str]] = defaultdict(list)
        for n in hangul:
            s = skeleton(str(n.props.get("name")))
            if len(s) >= 3 and len(str(n.props.get("name"))) >= 3:
                sk[s].append(n.id)
        for n in latin:
            s = skeleton(str(n.props.get("name")))
            cands = sk.get(s, [])
            long_enough = len(s) >= 4 or (len(s) == 3 and len(str(n.props.get("name"))) >= 6)
            if long_enough and len(set(uf.find(c) for c in cands)) == 1:
                join(cands[0], n.id, f"'{n.props.get('name')}' is a transliteration of '{node_by_id[cands[0]].props.get('name')}'")

    # one body or event named in Korean and in English: the same concepts (countries
    # through the gazetteer, the rest through a bilingual glossary), and for events the
    # same edition and year
    located: dict[str, set[str]] = defaultdict(set)
    for r in rels:
        if r.type == "LOCATED_IN" and r.target.startswith("place:"):
            located[r.source].add(r.target)
    _join_by_concepts(by_label["Organization"], located, uf, join, node_by_id)

    art_cache: dict[str, frozenset[str]] = {}

    def arts(nid: str) -> frozenset[str]:
        """The articles of a node, read once (a hub's list is long)."""
        got = art_cache.get(nid)
        if got is None:
            got = art_cache[nid] = frozenset(_articles(node_by_id.get(nid)))
        return got

    def person_orgs(pid: str) -> set[str]:
        return {uf.find(o) for o in positions.get(pid, ())}

    persons = by_label["Person"]
    ko = [p for p in persons if has_hangul(p.props.get("name"))]
    en = [p for p in persons if not has_hangul(p.props.get("name"))]
    # candidates of an English name come from an index of the Korean names it can
    # spell: the cost per name is its namesakes, not every Korean name
    ko_index = KoreanNameIndex()
    for i, k in enumerate(ko):
        ko_index.add(i, str(k.props.get("name")))
    changed = True
    rounds = 0
    while changed and rounds < 4:
        changed = False
        rounds += 1
        for p in en:
            ename = str(p.props.get("name"))
            porgs = person_orgs(p.id)
            found = ko_index.candidates(ename)
            pool = ko if found is None else [ko[i] for i in sorted(set(found))]
            cands = [k for k in pool if matches(str(k.props.get("name")), ename)]
            if porgs:
                same_org = [k for k in cands if person_orgs(k.id) & porgs]
                cands = same_org or [k for k in cands if not person_orgs(k.id)]
            groups = {uf.find(k.id) for k in cands}
            if len(groups) == 1:
                changed |= join(cands[0].id, p.id, f"'{ename}' romanises '{cands[0].props.get('name')}'")
            # English person at an English-named org: the Korean namesake's org is that org
            if len(groups) == 1 and porgs:
                korgs = person_orgs(cands[0].id)
                if korgs and not (korgs & porgs) and len(korgs) == 1 and len(porgs) == 1:
                    a, b = next(iter(korgs)), next(iter(porgs))
                    na, nb = node_by_id.get(a), node_by_id.get(b)
                    if na is not None and nb is not None and has_hangul(na.props.get("name")) != has_hangul(nb.props.get("name")):
                        changed |= join(a, b, f"{cands[0].props.get('name')} holds a position at both", free=True)
        # one Korean name romanised in two orders or spellings ("Kim Ji-hoon" / "Ji-hoon Kim" /
        # "Kim Jihoon"): the same person when their organisations agree (or one has none)
        from .romanize import english_name_key

        by_key: dict[tuple[str, str], list[NodeRecord]] = defaultdict(list)
        for p in en:
            k = english_name_key(str(p.props.get("name")))
            if k is not None:
                by_key[k].append(p)
        for k, group in sorted(by_key.items()):
            if len(group) < 2:
                continue
            roots = sorted({uf.find(p.id) for p in group})
            if len(roots) < 2:
                continue
            orgsets = {r: set().union(*(person_orgs(p.id) for p in group if uf.find(p.id) == r)) for r in roots}
            affiliated = [r for r in roots if orgsets[r]]
            for r in roots[1:]:
                a, b = orgsets[roots[0]], orgsets[r]
                if (a & b) or (not a or not b) and len(affiliated) <= 1:
                    changed |= join(roots[0], r, f"'{k[1]} {k[0]}': one romanised name in two orders or spellings")
        # a foreign name written in Hangul and in Latin letters ("대니얼 하틀리" / "Daniel Hartley")
        foreign_ko = [p for p in ko if " " in str(p.props.get("name"))]
        if foreign_ko:
            by_sk: dict[str, list[NodeRecord]] = defaultdict(list)
            for k in foreign_ko:
                by_sk[skeleton(str(k.props.get("name")))].append(k)
            for p in en:
                cands = by_sk.get(skeleton(str(p.props.get("name"))), [])
                porgs = person_orgs(p.id)
                cands = [k for k in cands if not porgs or not person_orgs(k.id) or person_orgs(k.id) & porgs]
                if len(cands) == 1 and len(skeleton(str(p.props.get("name")))) >= 3:
                    changed |= join(cands[0].id, p.id, f"'{p.props.get('name')}' is written '{cands[0].props.get('name')}' in Hangul")
        # same name: an unaffiliated mention joins the only affiliated namesake,
        # namesakes at one (merged) organisation are one person
        by_name: dict[str, list[NodeRecord]] = defaultdict(list)
        for p in persons:
            by_name[norm(str(p.props.get("name")))].append(p)
        for nm, group in by_name.items():
            if len(group) < 2:
                continue
            affiliated = defaultdict(list)
            loose = []
            for p in group:
                orgs = person_orgs(p.id)
                if orgs:
                    affiliated[min(orgs)].append(p)
                else:
                    loose.append(p)
            for org, ps in affiliated.items():
                for q in ps[1:]:
                    changed |= join(ps[0].id, q.id, "same name, same organisation")
            roots = {uf.find(ps[0].id) for ps in affiliated.values()}
            if len(roots) == 1:
                target = next(iter(affiliated.values()))[0]
                # the articles of the bare name must also name the person's organisation
                # or an event the person took part in: a shared name alone is no link
                linked = [arts(o) for o in sorted(person_orgs(target.id))]
                linked += [arts(ev) for ev in sorted(taking_part.get(target.id, ()))]
                for q in loose:
                    own = arts(q.id)
                    if any(not own.isdisjoint(s) for s in linked):
                        changed |= join(target.id, q.id, "same name, and the article names their organisation or event")
            elif not affiliated:
                for q in loose[1:]:
                    changed |= join(loose[0].id, q.id, "same name")

    # events: same edition (year) and the same name up to wording/transliteration
    events = by_label["Event"]
    ev_index: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for e in events:
        y = _year(e)
        keys = set()
        # the edition number (제4차 = 4th) stays in every key: editions are different events
        names, ordinal = _event_names(e)
        for nm in names:
            if not isinstance(nm, str):
                continue
            core = _YEAR.sub("", nm)
            core = _ORDINAL.sub("", core)
            core = re.sub(r"\([^)]*\)", "", core)
            if ordinal:
                core = f"{ordinal}#{core}"
            k1 = norm(core)
            if len(k1) >= 4:
                keys.add(("n", k1))
            s = skeleton(core)
            if len(s) >= 5:
                keys.add(("s", s))
        for k in sorted(keys):  # sorted: the reasons recorded do not depend on set order
            ev_index[(y, k[0] + ":" + k[1])].append(e.id)
    for (y, k), ids in ev_index.items():
        if y is None:
            continue
        for other in ids[1:]:
            join(ids[0], other, f"same event name ({k.split(':', 1)[1]}) and year {y}")
    _join_by_concepts(events, located, uf, join, node_by_id)
    # one event reported in two languages: the same day, the same kind of event and the
    # same venue or organiser ("한·미 XR 혁신 라운드테이블" / "Korea-U.S. XR Innovation Roundtable")
    anchors: dict[str, set[str]] = defaultdict(set)
    for r in rels:
        if r.type == "HELD_AT":
            anchors[r.source].add("at:" + r.target)
        elif r.type == "ORGANIZED":
            anchors[r.target].add("by:" + r.source)
        elif r.type == "PARTICIPATED_IN" and r.source.startswith("person:"):
            anchors[r.target].add("with:" + r.source)
    by_day: dict[str, list[NodeRecord]] = defaultdict(list)
    for e in events:
        sd = str(e.props.get("start_date") or "")
        if len(sd) == 10:
            by_day[sd].append(e)
    def anchor_set(x):
        return {v.split(":", 1)[0] + ":" + uf.find(v.split(":", 1)[1]) for v in anchors.get(x.id, ())}

    # the joins below are between events; anchors name places, bodies and persons, so
    # each event's anchors can be read once (unless an anchor names an event itself)
    fixed_anchors = not any(
        (n := node_by_id.get(v.split(":", 1)[1])) is not None and n.label == "Event"
        for vs in anchors.values()
        for v in vs
    )
    for day, evs in by_day.items():
        ko_e = [e for e in evs if has_hangul(e.props.get("name"))]
        en_e = [e for e in evs if not has_hangul(e.props.get("name"))]
        if not ko_e or not en_e:
            continue
        by_anchor: dict[str, list[int]] = defaultdict(list)
        if fixed_anchors:
            for i, b in enumerate(ko_e):
                for v in anchor_set(b):
                    by_anchor[v].append(i)
        for a in en_e:
            if fixed_anchors:
                hits: dict[int, int] = defaultdict(int)
                for v in anchor_set(a):
                    for i in by_anchor.get(v, ()):
                        hits[i] += 1
                cands = [ko_e[i] for i in sorted(hits) if hits[i] >= 2 and _year_ok(a, ko_e[i])]
            else:
                cands = [b for b in ko_e if len(anchor_set(a) & anchor_set(b)) >= 2 and _year_ok(a, b)]
            if len({uf.find(b.id) for b in cands}) == 1:
                join(cands[0].id, a.id, f"same day {day} and the same venue, organiser or participants")

    # ---- canonical ids
    groups: dict[str, list[str]] = defaultdict(list)
    for nid in node_by_id:
        groups[uf.find(nid)].append(nid)
    canon: dict[str, str] = {}
    canon_name: dict[str, str] = {}
    # organisations and places first (persons' ids embed their organisation)
    for label in ("Organization", "Place", "Event", "Person"):
        for root, ids in groups.items():
            members = [node_by_id[i] for i in ids]
            if members[0].label != label:
                continue
            if label in ("Organization", "Place"):
                best = sorted(members, key=lambda n: (not n.props.get("gazetteer_id"), not has_hangul(n.props.get("name")), n.id))[0]
                cid = best.id
                cname = str(best.props.get("name"))
            elif label == "Event":
                best = sorted(members, key=lambda n: (not has_hangul(n.props.get("name")), n.id))[0]
                cid, cname = best.id, str(best.props.get("name"))
            else:
                best = sorted(members, key=lambda n: (not has_hangul(n.props.get("name")), str(n.props.get("name")), n.id))[0]
                cname = str(best.props.get("name"))
                orgs = sorted({canon.get(o, o) for m in members for o in positions.get(m.id, ())})
                cid = f"person:{cname}" + (f"@{_slug(orgs[0])}" if orgs else "")
            for i in ids:
                canon[i] = cid
            canon_name[cid] = cname
    mapping = {}
    for nid, cid in canon.items():
        if nid != cid:
            mapping[nid] = (cid, uf.why.get(nid) or "merged")
        elif len(groups[uf.find(nid)]) > 1 and nid in uf.why:
            pass
    return mapping, canon_name


def _join_by_concepts(nodes, located, uf, join, node_by_id) -> None:
    """Join a Hangul-named and a Latin-named node (neither from the gazetteer) whose
    names reduce to the same concepts (``policygraph.concepts``), when exactly one
    group on each side has that key and, for events, their years agree."""
    from .concepts import concept_key

    by_key: dict[tuple, list[NodeRecord]] = defaultdict(list)
    for n in nodes:
        if n.props.get("gazetteer_id"):
            continue
        names = [n.props.get("name"), n.props.get("name_en"), *(n.props.get("aliases") or [])]
        keys = set()
        for nm in names:
            if not isinstance(nm, str):
                continue
            k = concept_key(nm)
            if k is None:
                continue
            edition, concepts = k
            countries = {c for c in located.get(n.id, ()) if c.startswith("place:")}
            keys.add((edition, concepts | frozenset(countries) if n.label == "Organization" else concepts))
        for k in keys:
            by_key[k].append(n)
    for k, group in sorted(by_key.items(), key=lambda kv: (kv[0][0], sorted(kv[0][1]))):
        ko = sorted({uf.find(n.id) for n in group if has_hangul(n.props.get("name"))})
        en = sorted({uf.find(n.id) for n in group if not has_hangul(n.props.get("name"))})
        if len(ko) != 1 or not en:
            continue
        a = node_by_id.get(ko[0]) or next(n for n in group if uf.find(n.id) == ko[0])
        for other in en:
            b = node_by_id.get(other) or next(n for n in group if uf.find(n.id) == other)
            if a.label == "Event" and not _year_ok(a, b):
                continue
            join(ko[0], other, f"'{b.props.get('name')}' names the same {a.label.lower()} as '{a.props.get('name')}' (same concepts)")


def resolve_batch(extractions: list[Extraction], version: str = "", overrides: Overrides | None = None) -> list[Extraction]:
    """Resolve a batch without any store (``policygraph extract``)."""
    return resolve_prepared([prepare(x, version) for x in extractions], overrides)


def prepare(extraction: Extraction, version: str = "") -> tuple[Extraction, ArticleGraph]:
    """What ``resolve_prepared`` needs of one extraction, a pure function of it
    (so it may be computed in another process): the extraction with graph ids
    and its graph's nodes and the relationships the resolver looks at."""
    from .build import to_article_graph

    x = assign_ids(extraction)
    g = to_article_graph(x, version)
    g.rels = [r for r in g.rels if r.type in CONSOLIDATION_RELS]
    return x, g


def resolve_prepared(
    prepared: list[tuple[Extraction, ArticleGraph]], overrides: Overrides | None = None
) -> list[Extraction]:
    """``resolve_batch`` of the extractions ``prepare`` gave, in order."""
    from .stores.base import merge_props

    exs = [x for x, _ in prepared]
    contrib: dict[str, list[dict]] = defaultdict(list)
    labels: dict[str, str] = {}
    rels: list[RelRecord] = []
    for _, g in prepared:
        for n in g.nodes:
            contrib[n.id].append({**n.props, "articles": [g.article_id]})
            labels[n.id] = n.label
        rels.extend(r for r in g.rels if r.type in CONSOLIDATION_RELS)
    nodes = [NodeRecord(i, labels[i], merge_props(ps)) for i, ps in contrib.items()]
    mapping, names = consolidate(nodes, rels, overrides)
    out = [rename(x, mapping, names) for x in exs]
    # an event one article names without its date gets the date the batch agrees on
    # (as the merged node in a store would have it)
    dates: dict[str, list[dict]] = defaultdict(list)
    for x in out:
        for e in x.entities:
            if e.type == "Event" and e.properties.get("start_date"):
                dates[e.id].append({k: e.properties[k] for k in ("start_date", "end_date") if e.properties.get(k)})
    merged = {eid: merge_props(ps) for eid, ps in dates.items()}
    for x in out:
        for e in x.entities:
            if e.type == "Event" and e.id in merged:
                own = str(e.properties.get("start_date") or "")
                best = str(merged[e.id].get("start_date") or "")
                if not own or (best.startswith(own) and len(best) > len(own)):
                    e.properties.update(merged[e.id])
    return out


# ----------------------------------------------------------------- candidate keys
#: the labels the resolver merges
RESOLVER_LABELS = ("Person", "Organization", "Event", "Place")
#: changes whenever ``resolver_keys`` changes (stores that index the keys re-read them)
RESOLVER_KEYS_VERSION = "2"


def _concept_keys(n: NodeRecord) -> set[str]:
    from .concepts import concept_key

    out = set()
    for nm in [n.props.get("name"), n.props.get("name_en"), *(n.props.get("aliases") or [])]:
        if not isinstance(nm, str):
            continue
        k = concept_key(nm)
        if k is not None:
            # countries (place:...) are left out: nodes whose keys agree agree on the rest
            out.add("c:" + k[0] + "|" + ",".join(sorted(c for c in k[1] if not c.startswith("place:"))))
    return out


def resolver_keys(n: NodeRecord) -> set[str]:
    """The keys under which ``consolidate`` can compare this node with another: two
    nodes it may merge by a name rule share at least one key (a superset: sharing a
    key is no merge). Incremental resolution fetches a new node's candidates from the
    store by these keys instead of reading every node."""
    name = str(n.props.get("name") or "")
    keys: set[str] = set()
    if n.label in ("Organization", "Place"):
        keys |= {"n:" + nm for nm in _names(n)}
        s = skeleton(name)
        if len(s) >= 3:
            keys.add("s:" + s)
        keys |= _concept_keys(n)
    elif n.label == "Person":
        keys |= _person_keys(name)
    elif n.label == "Event":
        y = _year(n)
        names, ordinal = _event_names(n)
        for nm in names:
            if not isinstance(nm, str):
                continue
            core = _ORDINAL.sub("", _YEAR.sub("", nm))
            core = re.sub(r"\([^)]*\)", "", core)
            if ordinal:
                core = f"{ordinal}#{core}"
            if y is None:
                continue  # consolidate joins events by name only within a year
            k1, sk = norm(core), skeleton(core)
            if len(k1) >= 4:
                keys.add(f"e:{y}|n:{k1}")
            if len(sk) >= 5:
                keys.add(f"e:{y}|s:{sk}")
        keys |= _concept_keys(n)
        sd = str(n.props.get("start_date") or "")
        if len(sd) == 10:
            keys.add("d:" + sd)
    return keys


@lru_cache(maxsize=1 << 16)
def _person_keys(name: str) -> frozenset[str]:
    """A person's keys: a function of the name alone (one reading of the romanisation
    tables per distinct name, however many nodes carry it)."""
    from .romanize import full_name_index, is_hangul_name, split_korean_name

    keys: set[str] = set()
    keys.add("pn:" + norm(name))
    if has_hangul(name):
        if is_hangul_name(name):
            for ksur, kgiven in split_korean_name(name):
                keys.add(f"kp:{ksur}|{kgiven}")
    else:
        from .romanize import english_name_key

        pairs = full_name_index().pairs(name)
        if pairs is None:
            keys.add("kp:*")  # too many readings: compared with every Korean name
        else:
            keys |= {f"kp:{a}|{b}" for a, b in pairs}
        k = english_name_key(name)
        if k is not None:
            keys.add(f"ek:{k[0]}|{k[1]}")
    if " " in name or not has_hangul(name):
        s = skeleton(name)
        if len(s) >= 3:
            keys.add("fs:" + s)
    return frozenset(keys)
