"""Per-article working state shared by the Korean and English extractors:
entities with their mentions, relations with evidence, sentence spans."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..models import Article, Entity, Extraction, Relation, Span

_NORM_PUNCT = re.compile(r"[\s\u200b'\"‘’“”「」『』《》〈〉<>()\[\]{}·•・,.:;!?~\-–—_/\\|]+")
_COMPANY_MARKS = re.compile(r"\(주\)|㈜|주식회사")


def norm(name: str) -> str:
    """Normalised form for comparing names (same rules as the scorer's)."""
    s = unicodedata.normalize("NFKC", name).lower()
    s = _COMPANY_MARKS.sub("", s)
    return _NORM_PUNCT.sub("", s)


_ID_PREFIX = {
    "Person": "person",
    "Organization": "org",
    "Event": "event",
    "Place": "place",
    "Topic": "topic",
    "Product": "product",
    "Quote": "quote",
}


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Doc:
    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[tuple, Relation] = field(default_factory=dict)
    # character ranges already claimed by a mention: start -> (end, entity id)
    claimed: list[tuple[int, int, str]] = field(default_factory=list)
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, norm name) -> id
    # entity id owning each character (the last claim wins), so that overlap tests
    # cost the length of the span, not the number of mentions
    owner: list = field(default_factory=list)
    # (entity id, start, end) of every mention ever recorded: a superset of the
    # entities' mentions, so that "not recorded" is answered without a scan of
    # the entity's mentions (linear time for a name mentioned thousands of times)
    recorded: set = field(default_factory=set)

    def __post_init__(self) -> None:
        self.owner = [None] * (len(self.article.text) + 1)

    @property
    def text(self) -> str:
        return self.article.text

    # -- entities ---------------------------------------------------------------
    def find(self, etype: str, name: str) -> Entity | None:
        eid = self.by_name.get((etype, norm(name)))
        return self.entities.get(eid) if eid else None

    def entity(
        self,
        etype: str,
        name: str,
        *,
        key: str | None = None,
        name_en: str | None = None,
        aliases: list[str] | tuple[str, ...] = (),
        props: dict[str, Any] | None = None,
    ) -> Entity:
        """Get or create the entity of that type and name (or gazetteer key)."""
        n = norm(name)
        eid = None
        if key:
            eid = f"{_ID_PREFIX[etype]}:{key}"
        if eid is None or eid not in self.entities:
            found = self.by_name.get((etype, n))
            # events: only the full name identifies one ("제4차 …" and "제5차 …" share
            # the alias without the ordinal)
            for a in aliases if etype != "Event" else ():
                if found:
                    break
                found = self.by_name.get((etype, norm(a)))
            if found and (eid is None or found == eid):
                eid = found
        if eid is None:
            eid = f"{_ID_PREFIX[etype]}:{name if etype != 'Quote' else n[:40]}"
        ent = self.entities.get(eid)
        if ent is None:
            ent = Entity(id=eid, type=etype, name=name, name_en=name_en)
            self.entities[eid] = ent
        elif ent.name != name:
            ent.add_alias(name)
        if name_en and not ent.name_en:
            ent.name_en = name_en
        for a in aliases:
            ent.add_alias(a)
        if props:
            for k, v in props.items():
                if v is not None and k not in ent.properties:
                    ent.properties[k] = v
        forms = [ent.name] if etype == "Event" else [ent.name, *ent.aliases] + ([ent.name_en] if ent.name_en else [])
        for nm in forms:
            self.by_name.setdefault((etype, norm(nm)), eid)
        return ent

    def alias(self, ent: Entity, alias: str) -> None:
        ent.add_alias(alias)
        self.by_name.setdefault((ent.type, norm(alias)), ent.id)

    def is_claimed(self, start: int, end: int) -> str | None:
        owner = self.owner
        for i in range(max(start, 0), min(end, len(owner))):
            if owner[i] is not None:
                return owner[i]
        return None

    def unclaim(self, start: int, end: int, eid: str) -> None:
        """Withdraw one claim and recompute the owners of its characters."""
        self.claimed = [c for c in self.claimed if not (c[0] == start and c[1] == end and c[2] == eid)]
        for i in range(start, end):
            self.owner[i] = None
        for s, e, other in self.claimed:
            if s < end and start < e:
                for i in range(max(s, start), min(e, end)):
                    self.owner[i] = other

    def mention(self, ent: Entity, start: int, end: int, *, force: bool = False) -> bool:
        """Record a mention; refuses a span overlapping another entity's mention."""
        if start >= end:
            return False
        other = self.is_claimed(start, end)
        if other and not force:
            return (
                other == ent.id
                and (ent.id, start, end) in self.recorded
                and any(m.start == start and m.end == end for m in ent.mentions)
            )
        if other and force and ent.type not in ("Quote", "Topic"):
            # a name inside a longer name ("Korea" in "Korea XR Forum") is no mention of its own
            for s, e, eid in [c for c in self.claimed if start <= c[0] and c[1] <= end and c[2] != ent.id]:
                self.unclaim(s, e, eid)
                inner = self.entities.get(eid)
                if inner is not None:
                    inner.mentions = [m for m in inner.mentions if not (m.start == s and m.end == e)]
        span = Span(start, end, self.text[start:end])
        if (ent.id, start, end) not in self.recorded or span not in ent.mentions:
            ent.mentions.append(span)
            self.recorded.add((ent.id, start, end))
        self.claimed.append((start, end, ent.id))
        for i in range(start, end):
            self.owner[i] = ent.id
        return True

    def drop(self, eid: str) -> None:
        self.entities.pop(eid, None)
        for s, e, other in [c for c in self.claimed if c[2] == eid]:
            self.unclaim(s, e, eid)
        self.by_name = {k: v for k, v in self.by_name.items() if v != eid}
        self.relations = {k: r for k, r in self.relations.items() if r.source != eid and r.target != eid}

    # -- relations --------------------------------------------------------------
    def relate(
        self,
        rtype: str,
        source: Entity,
        target: Entity,
        evidence: tuple[int, int] | None = None,
        **props: Any,
    ) -> Relation | None:
        if source.id == target.id:
            return None
        disc = props.get("title") if rtype == "HOLDS_POSITION" else None
        key = (rtype, source.id, target.id, disc)
        rel = self.relations.get(key)
        if rel is None:
            ev = Span(evidence[0], evidence[1], self.text[evidence[0] : evidence[1]]) if evidence else None
            rel = Relation(rtype, source.id, target.id, {k: v for k, v in props.items() if v is not None}, ev)
            self.relations[key] = rel
        else:
            for k, v in props.items():
                if v is not None and k not in rel.properties:
                    rel.properties[k] = v
        return rel

    def has_relation(self, rtype: str, source_id: str, target_id: str) -> bool:
        return any(k[0] == rtype and k[1] == source_id and k[2] == target_id for k in self.relations)

    def finish(self) -> Extraction:
        if self.article.properties.get("unit") == "sentence":
            flatten_mentions(self.entities.values())
        ents = [e for e in self.entities.values() if e.mentions or e.type == "Quote"]
        keep = {e.id for e in ents}
        rels = [r for r in self.relations.values() if r.source in keep and r.target in keep]
        ents.sort(key=lambda e: (min((m.start for m in e.mentions), default=10**9), e.id))
        return Extraction(self.article, ents, rels)


# the types a flat (non-nested) NER tagging labels: KLUE's PS, OG and LC
FLAT_TYPES = ("Person", "Organization", "Place")


def flatten_mentions(entities) -> None:
    """Flat mentions, as sentence-level NER sets tag them (KLUE, after the TTA
    named-entity guideline: one label per character, the longest name wins): a
    mention lying inside a longer mention of another person, organisation or
    place is part of that name, not a mention of its own. "서울 서초동
    대검찰청에서" is one place and "미국 법무부" one body; 서울, 서초동 and 미국
    are not tagged inside them. An entity left without a mention is not one
    the sentence names (``finish`` leaves it and its relations out).

    Only sentence records (``Article.properties["unit"] == "sentence"``) read
    this way; an article keeps the places of an address as entities of their
    own, the graph's LOCATED_IN chain (GUIDELINES: Place)."""
    ents = [e for e in entities if e.type in FLAT_TYPES]
    spans = sorted(((m.start, -m.end, e.id, id(m)) for e in ents for m in e.mentions))
    if len(spans) < 2:
        return
    # one sweep in order of start (longest first): the two furthest-reaching spans
    # seen so far that belong to different entities; a span lies inside another
    # entity's longer name when one of them reaches at least as far
    nested: set[int] = set()
    best: list[tuple[int, int, str]] = []  # (end, start, entity id), at most two ids
    for start, neg_end, eid, mid in spans:
        end = -neg_end
        for b_end, b_start, b_eid in best:
            if b_eid != eid and b_end >= end and (b_start, b_end) != (start, end):
                nested.add(mid)
                break
        cand = [x for x in best if x[2] != eid] + [max([x for x in best if x[2] == eid] + [(end, start, eid)])]
        best = sorted(cand, reverse=True)[:2]
    if not nested:
        return
    for e in ents:
        e.mentions = [m for m in e.mentions if id(m) not in nested]


_SENT_END = re.compile(r"(?<=[.!?。])[\"'”’)]*\s+|\n+")


_TITLE_ABBREVIATIONS = frozenset("mr mrs ms dr prof st gov sen rep gen col lt vs no".split())
_ABBREVIATIONS = frozenset("inc co corp ltd jr sr etc dept univ approx".split())


def _abbreviation_end(text: str, i: int) -> bool:
    """The period at ``i`` ends an abbreviation ("U.S.", "Dr.", "Inc."), not a
    sentence, when a lower-case word or a name follows it."""
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    if len(word) == 1 and word.isupper():
        return True  # "U.S.", "J. Kim"
    if word.lower() in _TITLE_ABBREVIATIONS:
        return True  # "Dr. Kim", "No. 1"
    if word.lower() in _ABBREVIATIONS:
        # "Samsung Electronics Co. said" goes on; "... Co. The ministry" is a new sentence
        nxt = text[i + 1 : i + 3].strip()[:1]
        return bool(nxt) and not nxt.isupper()
    return False


def sentences(text: str) -> list[Sentence]:
    """Sentence spans: split at sentence-final punctuation followed by space and at
    line breaks, but never inside a quotation."""
    out: list[Sentence] = []
    start = 0
    depth = 0
    i = 0
    n = len(text)
    opens = "“「『《"
    closes = "”」』》"
    while i < n:
        ch = text[i]
        if ch in opens:
            depth += 1
        elif ch in closes and depth:
            depth -= 1
        if ch == "\n" or (ch in ".!?" and depth == 0 and (i + 1 == n or text[i + 1].isspace()) and not _abbreviation_end(text, i)):
            end = i + 1 if ch != "\n" else i
            if ch == "\n":
                depth = 0
            seg = text[start:end]
            if seg.strip():
                ls = len(seg) - len(seg.lstrip())
                out.append(Sentence(start + ls, end, text[start + ls : end].rstrip()))
            start = i + 1
        i += 1
    if start < n and text[start:].strip():
        seg = text[start:]
        ls = len(seg) - len(seg.lstrip())
        out.append(Sentence(start + ls, n, text[start + ls :].rstrip()))
    for s in out:
        s.end = s.start + len(s.text)
    return out
