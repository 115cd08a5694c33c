"""Gazetteer of real institutions and places, and a fast longest-match scanner.

The data lives in ``policygraph/data/gazetteer.json`` (package data; further
``data/gazetteer*.json`` files with the same layout are loaded after it). Each entry
is one real-world organisation or place with every name press releases use for
it (Korean, English, abbreviations). The resolver uses it so that one
institution becomes ONE node whatever the article calls it.

Entry fields (JSON)::

    id                 stable slug: "org:msit", "place:united-states"
    type               "Organization" | "Place"
    name               Korean name (English for foreign-only things)
    name_en            usual English name (optional)
    aliases            every other current form (abbreviations, other language)
    category           orgs: one of models.ORG_CATEGORIES
    kind               places: country/province/state/city/county/district/region/venue
    parent             org id: legal parent (subsidiary -> parent company;
                       affiliated agency -> supervising ministry)
    group              org id: business group the company belongs to (삼성, SK ...)
    located_in         place id: the enclosing place (venue -> district -> city -> province -> country)
    governs            org id -> place id: a local government and the place it governs
                       (the two share names such as "서울시"; that is allowed)
    wikidata           Q-id, only where certain
    former_names       earlier names of this body. NOT aliases: lookup()/scan() ignore them
                       unless include_former=True (a renamed body is not merged automatically)
    successor / predecessors   ids linking a dissolved/renamed body to the body that replaced it
    established / dissolved    "YYYY" or "YYYY-MM"
    ambiguous          true when the entry's own ``name`` is among ambiguous_aliases (derived)
    ambiguous_aliases  the forms (name or aliases) that are also common words or name
                       several things (메타, 애플, 한국, 기아, 롯데, 화성, MS, LG ...):
                       an extractor should accept them only with supporting context.

Normalisation (``normalize``): NFKC, company marks removed ((주), ㈜, 주식회사, (유),
(재), (사), 재단법인, 사단법인), trailing legal suffixes removed (Inc., Corp., Co., Ltd.,
Ltd., LLC, PLC, GmbH), case-folded, and everything that is not a letter or digit
(spaces, punctuation, middle dots) dropped. ``lookup`` compares normalised forms.

Scanner rules (``scan`` / ``find_all``), over raw text, longest match first,
leftmost first, non-overlapping:

* Text is compared case-insensitively after mapping full-width ASCII, ideographic
  space, middle-dot variants (ㆍ・‧) and dash variants to their plain forms; a run of
  whitespace in the text matches one space in an alias. An alias written with a space
  between Hangul parts ("구글 코리아") also matches without it ("구글코리아"); an alias
  written without spaces never matches text that has one ("한국 전력" is not 한국전력).
* Latin case: an all-Latin alias of at most 6 letters containing a capital (KT, MS, US,
  LA, Meta, Apple, aT) must appear with exactly that case; a longer capitalised alias
  must start with a capital in the text.
* Left boundary: a match starting with a Latin letter/digit may not follow an ASCII
  letter/digit or '&' (nor "x." / "x@", URLs and e-mail); a match starting with Hangul
  may not follow a Hangul syllable, except after the prefixes 주식회사/재단법인/사단법인.
* Right boundary: a match ending with a Latin letter/digit may not be followed by an
  ASCII letter/digit or '&' (so "KT" never matches inside "KTX" or "KT&G", nor "US" in
  "USB"), nor by "." / "@" + letter (domains). If a match (Hangul- or Latin-final) is
  followed directly by Hangul, that whole Hangul run must be a particle chain
  (은/는/이/가/을/를/의/에/에서/와/과/로/으로/도/만/까지/부터/께서/측/등/들/내 ... and
  combinations such as 에서는, 과의) optionally preceded by a title suffix
  (장관, 차관, 청장, 원장, 총장, 회장, 사장, 대표, 위원장, 지사, 시장, 장 ...). Hence
  "메타" does not match in "메타버스", nor "애플" in "애플리케이션", nor "한국" in
  "한국형", while "과기정통부는", "서울시장", "삼성전자측" match. A bare 로/길 followed by a
  number is a road name and rejected ("세종대로21길 40" is not 세종대).
* Longest match wins: "한국마이크로소프트" is the subsidiary, not 한국 + 마이크로소프트.

A span may carry several entries (a local government and its place, or an
ambiguous abbreviation). ``scan`` returns them together in one ``Match``;
``find_all`` returns one ``(start, end, entry)`` tuple per candidate entry, in
preference order (an entry whose own name is the matched form first, then data
order: organisations before places).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple


ENTRY_TYPES = ("Organization", "Place")
PLACE_KINDS = ("country", "province", "state", "city", "county", "district", "region", "venue")

__all__ = [
    "ENTRY_TYPES",
    "PLACE_KINDS",
    "Entry",
    "Gazetteer",
    "Match",
    "load",
    "normalize",
    "scan_key",
    "is_short_hangul",
]

# --------------------------------------------------------------------------- normalisation

_MIDDLE_DOTS = "·ㆍ\u119e・‧•∙⋅᛫"
_DASHES = "‐‑‒–—―−﹣－"
_COMPANY_MARKS = re.compile(r"\(\s*(?:주|유|재|사)\s*\)|주식회사|유한회사|재단법인|사단법인")
_LEGAL_SUFFIX = re.compile(
    r"(?:[\s,]+(?:inc|incorporated|corp|co\.?\s*,?\s*ltd|ltd|llc|plc|gmbh)\.?)+$", re.IGNORECASE
)


def _build_translate_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "
    table[0x2009] = " "
    table[0x200B] = " "  # zero width space -> space keeps offsets
    for ch in _MIDDLE_DOTS:
        table[ord(ch)] = "·"
    for ch in _DASHES:
        table[ord(ch)] = "-"
    return table


_TABLE = _build_translate_table()
_NON_WORD = re.compile(r"[\W_]+")


def normalize(name: str) -> str:
    """Normalised comparison form of a name (see module doc)."""
    s = unicodedata.normalize("NFKC", name.translate(_TABLE))
    s = _COMPANY_MARKS.sub(" ", s)
    s = s.translate(_TABLE).strip()
    s = _LEGAL_SUFFIX.sub("", s)
    return _NON_WORD.sub("", s.casefold())


def _is_hangul(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3"


def _is_ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def is_short_hangul(alias: str) -> bool:
    """True for an all-Hangul alias of at most two syllables (메타, 애플, 한국)."""
    s = "".join(alias.split())
    return 0 < len(s) <= 2 and all(_is_hangul(c) for c in s)


def scan_key(alias: str) -> str:
    """The form under which the scanner indexes an alias: NFKC, company marks
    removed, translate table applied, lower-cased, whitespace collapsed to one space."""
    s = unicodedata.normalize("NFKC", alias.translate(_TABLE))
    s = _COMPANY_MARKS.sub(" ", s)
    s = s.translate(_TABLE).lower()
    return " ".join(s.split())


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: str
    name: str
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    category: str | None = None
    kind: str | None = None
    parent: str | None = None
    group: str | None = None
    located_in: str | None = None
    governs: str | None = None
    wikidata: str | None = None
    former_names: tuple[str, ...] = ()
    successor: str | None = None
    predecessors: tuple[str, ...] = ()
    established: str | None = None
    dissolved: str | None = None
    ambiguous_aliases: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def names(self) -> tuple[str, ...]:
        """name, name_en and aliases, deduplicated, in that order (no former names)."""
        out: list[str] = []
        for n in (self.name, self.name_en, *self.aliases):
            if n and n not in out:
                out.append(n)
        return tuple(out)

    @property
    def ambiguous(self) -> bool:
        """True when the entry's own name is flagged ambiguous."""
        return self.is_ambiguous(self.name)

    def is_ambiguous(self, surface: str) -> bool:
        """True when this form of the entry needs context (flagged in the data)."""
        n = normalize(surface)
        return any(normalize(a) == n for a in self.ambiguous_aliases)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Entry":
        known = {
            "id", "type", "name", "name_en", "aliases", "category", "kind", "parent", "group",
            "located_in", "governs", "wikidata", "former_names", "successor", "predecessors",
            "established", "dissolved", "ambiguous_aliases", "ambiguous",
        }
        return cls(
            id=d["id"],
            type=d["type"],
            name=d["name"],
            name_en=d.get("name_en") or None,
            aliases=tuple(d.get("aliases") or ()),
            category=d.get("category"),
            kind=d.get("kind"),
            parent=d.get("parent"),
            group=d.get("group"),
            located_in=d.get("located_in"),
            governs=d.get("governs"),
            wikidata=d.get("wikidata"),
            former_names=tuple(d.get("former_names") or ()),
            successor=d.get("successor"),
            predecessors=tuple(d.get("predecessors") or ()),
            established=d.get("established"),
            dissolved=d.get("dissolved"),
            ambiguous_aliases=tuple(d.get("ambiguous_aliases") or ()),
            extra={k: v for k, v in d.items() if k not in known},
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name}
        for k in ("name_en", "category", "kind", "parent", "group", "located_in", "governs",
                  "wikidata", "successor", "established", "dissolved"):
            v = getattr(self, k)
            if v:
                d[k] = v
        for k in ("aliases", "former_names", "predecessors", "ambiguous_aliases"):
            v = getattr(self, k)
            if v:
                d[k] = list(v)
        if self.ambiguous:
            d["ambiguous"] = True
        d.update(self.extra)
        return d


class Match(NamedTuple):
    """One scanner hit: a span of the raw text and every entry it may name."""

    start: int
    end: int
    surface: str
    entries: tuple[Entry, ...]
    ambiguous: bool  # the matched form is flagged ambiguous for at least one entry
    former: bool = False  # matched through a former name (include_former=True only)

    @property
    def entry(self) -> Entry:
        """The preferred entry (first candidate)."""
        return self.entries[0]


# --------------------------------------------------------------------------- scanner pieces

# particle chains allowed directly after a name (Korean writes them attached)
_PARTICLES = sorted(
    {
        "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "에게서", "께", "께서",
        "와", "과", "로", "으로", "도", "만", "까지", "부터", "보다", "처럼", "마다", "조차",
        "이나", "나", "이란", "란", "이라", "라", "이라는", "라는", "이라고", "라고", "이라며",
        "라며", "이며", "며", "이다", "다", "이고", "고", "이자", "자", "였다", "이었다", "이지만",
        "지만", "이던", "던", "였던", "이었던", "이면", "면", "이든", "든", "하고",
        "랑", "이랑", "같이", "만큼", "대로", "뿐", "밖에", "한테", "로서", "으로서", "로써",
        "으로써", "서", "선", "엔", "에선", "측", "쪽", "등", "들", "내", "간", "외", "및",
        "까지도", "부터는", "에서도", "에서는", "에서의", "에는", "에도", "에의", "으로는", "로는",
        "으로도", "로도", "으로의", "로의", "와의", "과의", "와는", "과는", "와도", "과도",
        "께서는", "께서도", "만의", "만이", "만을", "만은", "뿐만", "조차도", "마저", "이야",
        "야", "요", "이요", "입니다", "이며", "이었고", "였고", "이었으며", "였으며",
    },
    key=len,
    reverse=True,
)
_TITLES = sorted(
    {
        "장", "장관", "차관", "청장", "처장", "원장", "총장", "회장", "사장", "부사장", "대표",
        "대표이사", "이사장", "위원장", "부위원장", "본부장", "센터장", "실장", "국장", "과장",
        "지사", "부지사", "시장", "부시장", "군수", "구청장", "의장", "부의장", "소장", "단장",
        "관계자", "산하", "소속", "주최", "주관", "직원", "임직원", "대변인",
    },
    key=len,
    reverse=True,
)
_PARTICLE_RE = "(?:" + "|".join(map(re.escape, _PARTICLES)) + ")"
_TAIL_RE = re.compile(
    "(?:" + "|".join(map(re.escape, _TITLES)) + ")?" + _PARTICLE_RE + "{0,3}"
)
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_START_RE = re.compile(
    r"(?<![\uac00-\ud7a3A-Za-z0-9])[\uac00-\ud7a3A-Za-z0-9]"
    r"|(?<=[\uac00-\ud7a3])[A-Za-z0-9]"
    r"|(?<=[A-Za-z0-9])[\uac00-\ud7a3]"
    r"|(?<=주식회사|재단법인|사단법인)[\uac00-\ud7a3]"
)

_TERM = "\x00"

# case modes
_CASE_ANY, _CASE_EXACT, _CASE_INITIAL = 0, 1, 2


def _case_mode(alias: str) -> int:
    if any(_is_hangul(c) for c in alias):
        return _CASE_ANY
    letters = [c for c in alias if c.isascii() and c.isalpha()]
    if not letters or not any(c.isupper() for c in letters):
        return _CASE_ANY
    if len(letters) <= 6:
        return _CASE_EXACT
    return _CASE_INITIAL if alias[0].isupper() else _CASE_ANY


def _tail_ok(run: str) -> bool:
    return _TAIL_RE.fullmatch(run) is not None


# --------------------------------------------------------------------------- the gazetteer


_DATA_FILE = "gazetteer.json"  # plus any data/gazetteer*.json extension files


class Gazetteer:
    """Index over gazetteer entries: lookups by normalised name, hierarchy walks,
    and a longest-match scanner over raw text."""

    def __init__(self, entries: Iterable[Entry]):
        self._entries: list[Entry] = list(entries)
        self._by_id: dict[str, Entry] = {}
        for e in self._entries:
            if e.id in self._by_id:
                raise ValueError(f"duplicate gazetteer id {e.id}")
            self._by_id[e.id] = e
        self._order = {e.id: i for i, e in enumerate(self._entries)}
        memo: dict[str, str] = {}

        def norm(x: str) -> str:
            v = memo.get(x)
            if v is None:
                v = memo[x] = normalize(x)
            return v

        self._norm = norm
        self._norm_name = {e.id: norm(e.name) for e in self._entries}
        self._index: dict[str, list[Entry]] = {}
        self._former: dict[str, list[Entry]] = {}
        self._amb: dict[str, set[str]] = {}  # entry id -> normalised ambiguous forms
        for e in self._entries:
            self._amb[e.id] = {norm(a) for a in e.ambiguous_aliases}
            for n in e.names:
                k = norm(n)
                if k:
                    lst = self._index.setdefault(k, [])
                    if not any(x is e for x in lst):
                        lst.append(e)
            for n in e.former_names:
                k = norm(n)
                if k:
                    lst = self._former.setdefault(k, [])
                    if not any(x is e for x in lst):
                        lst.append(e)
        for k, lst in self._index.items():
            if len(lst) > 1:
                lst.sort(key=lambda e, k=k: (self._norm_name[e.id] != k, self._order[e.id]))
        self._children: dict[str, list[Entry]] = {}
        for e in self._entries:
            if e.parent:
                self._children.setdefault(e.parent, []).append(e)
        self._trie: dict | None = None

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_dicts(cls, rows: Iterable[dict[str, Any]]) -> "Gazetteer":
        return cls(Entry.from_dict(r) for r in rows)

    @classmethod
    def from_file(cls, path: str | Path) -> "Gazetteer":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        rows = data["entries"] if isinstance(data, dict) else data
        g = cls.from_dicts(rows)
        g._build_trie()
        return g

    @classmethod
    def load(cls) -> "Gazetteer":
        """The packaged gazetteer (cached; the scanner is built on first load)."""
        return _load_default()

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def __getitem__(self, entry_id: str) -> Entry:
        return self._by_id[entry_id]

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def iter(self, type: str | None = None) -> Iterator[Entry]:  # noqa: A002 - API name
        """All entries, or those of one type ("Organization" / "Place")."""
        for e in self._entries:
            if type is None or e.type == type:
                yield e

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def lookup(self, name: str, *, type: str | None = None, include_former: bool = False) -> list[Entry]:  # noqa: A002
        """Entries having ``name`` (any form, compared normalised) as a current name.
        With ``include_former`` entries whose former name it is are appended."""
        k = normalize(name)
        out = list(self._index.get(k, ()))
        if include_former:
            out += [e for e in self._former.get(k, ()) if e not in out]
        if type is not None:
            out = [e for e in out if e.type == type]
        return out

    def lookup_one(self, name: str, *, type: str | None = None) -> Entry | None:
        """The entry when ``name`` names exactly one entry (of ``type``), else None."""
        hits = self.lookup(name, type=type)
        return hits[0] if len(hits) == 1 else None

    def lookup_former(self, name: str) -> list[Entry]:
        """Entries that formerly bore ``name`` (e.g. 미래창조과학부 -> 과학기술정보통신부)."""
        return list(self._former.get(normalize(name), ()))

    def is_ambiguous(self, name: str, entry: Entry | str | None = None) -> bool:
        """Whether the form ``name`` is flagged ambiguous (for ``entry``, or for any
        entry it names), or names more than one entry that are not a government/place twin."""
        k = normalize(name)
        if entry is not None:
            eid = entry if isinstance(entry, str) else entry.id
            return k in self._amb.get(eid, ())
        hits = self._index.get(k, [])
        if any(k in self._amb[e.id] for e in hits):
            return True
        return len(self._distinct(hits)) > 1

    def _distinct(self, hits: list[Entry]) -> list[Entry]:
        """Hits with local-government/place twins collapsed to one."""
        out: list[Entry] = []
        ids = {e.id for e in hits}
        for e in hits:
            if e.type == "Place" and any(
                (o := self._by_id.get(i)) is not None and o.governs == e.id for i in ids
            ):
                continue
            out.append(e)
        return out

    # ------------------------------------------------------------------ hierarchy
    def ancestors(self, entry_id: str) -> list[Entry]:
        """The LOCATED_IN chain above a place (nearest first, country/region last).
        For an organisation with ``located_in`` the chain starts at that place."""
        out: list[Entry] = []
        seen = {entry_id}
        e = self._by_id.get(entry_id)
        while e is not None and e.located_in and e.located_in not in seen:
            seen.add(e.located_in)
            e = self._by_id.get(e.located_in)
            if e is None:
                break
            out.append(e)
        return out

    def parent(self, org_id: str) -> Entry | None:
        e = self._by_id.get(org_id)
        return self._by_id.get(e.parent) if e is not None and e.parent else None

    def parents(self, org_id: str) -> list[Entry]:
        """The whole parent chain (nearest first)."""
        out: list[Entry] = []
        seen = {org_id}
        p = self.parent(org_id)
        while p is not None and p.id not in seen:
            out.append(p)
            seen.add(p.id)
            p = self.parent(p.id)
        return out

    def children(self, org_id: str) -> list[Entry]:
        """Entries whose ``parent`` is ``org_id`` (subsidiaries, affiliated agencies)."""
        return list(self._children.get(org_id, ()))

    def group(self, org_id: str) -> Entry | None:
        e = self._by_id.get(org_id)
        return self._by_id.get(e.group) if e is not None and e.group else None

    def governed_place(self, org_id: str) -> Entry | None:
        e = self._by_id.get(org_id)
        return self._by_id.get(e.governs) if e is not None and e.governs else None

    def government_of(self, place_id: str) -> Entry | None:
        for e in self._entries:
            if e.governs == place_id:
                return e
        return None

    # ------------------------------------------------------------------ scanner
    def _build_trie(self) -> None:
        if self._trie is not None:
            return
        root: dict = {}
        for e in self._entries:
            amb = self._amb[e.id]
            forms = [(n, False) for n in e.names] + [(n, True) for n in e.former_names]
            for form, former in forms:
                key = scan_key(form)
                if len(key) < 2 or not (key[0].isalnum()):
                    continue
                keys = {key}
                if " " in key and any(_is_hangul(c) for c in key):
                    keys.add(key.replace(" ", ""))
                mode = _case_mode(form)
                nf = self._norm(form)
                is_amb = nf in amb
                for k in keys:
                    node = root
                    for ch in k:
                        node = node.setdefault(ch, {})
                    node.setdefault(_TERM, []).append((form, mode, e, is_amb, former, nf))
        # order candidates inside each terminal: own-name first, then data order
        stack = [root]
        while stack:
            node = stack.pop()
            for ch, child in node.items():
                if ch == _TERM:
                    if len(child) > 1:
                        child.sort(key=lambda t: (t[4], self._norm_name[t[2].id] != t[5],
                                                  self._order[t[2].id]))
                else:
                    stack.append(child)
        self._trie = root

    def scan(self, text: str, *, include_former: bool = False) -> list[Match]:
        """Leftmost-longest, non-overlapping matches of gazetteer names in ``text``."""
        self._build_trie()
        root = self._trie
        assert root is not None
        t = text.translate(_TABLE)
        low = t.lower()
        if len(low) != len(t):  # rare: characters whose lower case is longer
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
        n = len(t)
        out: list[Match] = []
        pos_min = 0
        for m in _START_RE.finditer(t):
            i = m.start()
            if i < pos_min:
                continue
            node = root.get(low[i])
            if node is None:
                continue
            # walk the trie, recording terminals
            ends: list[tuple[int, list]] = []
            j = i + 1
            if _TERM in node:
                ends.append((j, node[_TERM]))
            while j < n:
                c = low[j]
                if c.isspace():
                    nxt = node.get(" ")
                    if nxt is None:
                        break
                    j += 1
                    while j < n and low[j].isspace():
                        j += 1
                    node = nxt
                    continue
                nxt = node.get(c)
                if nxt is None:
                    break
                node = nxt
                j += 1
                if _TERM in node:
                    ends.append((j, node[_TERM]))
            if not ends:
                continue
            first = t[i]
            if first.isascii() and first.isalnum() and not self._left_ok_latin(t, i):
                continue
            for end, cands in reversed(ends):
                if not self._right_ok(t, end):
                    continue
                surface = text[i:end]
                good = [c for c in cands if (include_former or not c[4]) and _case_ok(c, t[i:end])]
                if not good:
                    continue
                # an entry reached through a current name beats the same entry via a former name
                seen: dict[str, tuple] = {}
                for c in good:
                    if c[2].id not in seen:
                        seen[c[2].id] = c
                chosen = list(seen.values())
                out.append(
                    Match(
                        start=i,
                        end=end,
                        surface=surface,
                        entries=tuple(c[2] for c in chosen),
                        ambiguous=any(c[3] for c in chosen),
                        former=all(c[4] for c in chosen),
                    )
                )
                pos_min = end
                break
        return out

    def find_all(
        self, text: str, *, include_ambiguous: bool = True, include_former: bool = False
    ) -> list[tuple[int, int, Entry]]:
        """``(start, end, entry)`` for every match and every candidate entry of it
        (see module doc). ``include_ambiguous=False`` drops matches whose form is
        flagged ambiguous."""
        res: list[tuple[int, int, Entry]] = []
        for m in self.scan(text, include_former=include_former):
            if m.ambiguous and not include_ambiguous:
                continue
            for e in m.entries:
                res.append((m.start, m.end, e))
        return res

    @staticmethod
    def _left_ok_latin(t: str, i: int) -> bool:
        if i == 0:
            return True
        p = t[i - 1]
        if _is_ascii_alnum(p) or p in "&_":
            return False
        if p in ".@/" and i >= 2 and _is_ascii_alnum(t[i - 2]):
            return False
        return True

    @staticmethod
    def _right_ok(t: str, end: int) -> bool:
        if end >= len(t):
            return True
        nx = t[end]
        last = t[end - 1]
        if _is_hangul(nx):
            run = _HANGUL_RUN.match(t, end)
            if run is None or not _tail_ok(run.group()):
                return False
            if run.group() in ("로", "길", "대로"):  # road names: 세종대로21길, 테헤란로 311
                k = run.end()
                while k < len(t) and t[k] == " ":
                    k += 1
                if k < len(t) and t[k].isdigit():
                    return False
            return True
        if _is_ascii_alnum(last) or last in ".":
            if _is_ascii_alnum(nx) or nx in "&_":
                return False
            if nx in ".@" and end + 1 < len(t) and _is_ascii_alnum(t[end + 1]):
                return False
        return True


def _case_ok(cand: tuple, text_span: str) -> bool:
    form, mode = cand[0], cand[1]
    if mode == _CASE_ANY:
        return True
    if mode == _CASE_EXACT:
        a = [c for c in form if not c.isspace()]
        b = [c for c in text_span if not c.isspace()]
        # compare letters only (punctuation differences were already matched)
        return [c for c in a if c.isalpha()] == [c for c in b if c.isalpha()]
    return text_span[:1].isupper()


def load() -> Gazetteer:
    """The packaged gazetteer (same as ``Gazetteer.load()``)."""
    return _load_default()


@lru_cache(maxsize=1)
def _load_default() -> Gazetteer:
    base = resources.files("policygraph").joinpath("data")
    names = sorted(
        p.name for p in base.iterdir() if p.name.startswith("gazetteer") and p.name.endswith(".json")
    )
    names.sort(key=lambda n: n != _DATA_FILE)  # the main file first, then extensions
    rows: list[dict[str, Any]] = []
    for name in names:
        data = json.loads(base.joinpath(name).read_text(encoding="utf-8"))
        rows.extend(data["entries"] if isinstance(data, dict) else data)
    g = Gazetteer.from_dicts(rows)
    g._build_trie()
    return g
