"""Gazetteer hits as entity mentions (organisations and places, both languages)."""
from __future__ import annotations

import re
from typing import Callable

from ..gazetteer import Gazetteer
from .doc import Doc


def _gaz() -> Gazetteer:
    return Gazetteer.load()


def entity_for_entry(doc: Doc, entry):
    props = {}
    if entry.type == "Organization":
        props["category"] = entry.category or "other"
    elif getattr(entry, "kind", None):
        props["kind"] = entry.kind
    if getattr(entry, "wikidata", None):
        props["wikidata"] = entry.wikidata
    ent = doc.entity(
        entry.type,
        entry.name,
        key=entry.id.split(":", 1)[1] if ":" in entry.id else entry.id,
        name_en=entry.name_en,
        props=props,
    )
    ent.properties.setdefault("gazetteer_id", entry.id)
    return ent


_AGENT_TAIL = re.compile(r"^(?:은|는|이|가|께서|도|와|과|측|시장|지사|도지사|구청장|군수|청장|장관|차관|위원장|원장|회장|사장|대표)")


_NEXT_WORD = re.compile(r" ([\uac00-\ud7a3]{2,10})")


def _title_word_after(text: str, end: int) -> bool:
    """The next word is a title ("청와대 대변인", "경기도 행정부지사는"): the name is
    the body the title is held in."""
    from . import lexicon as lx

    m = _NEXT_WORD.match(text, end)
    if not m:
        return False
    w = m.group(1)
    for cut in range(len(w), 1, -1):  # the title and any particle after it
        head = w[:cut]
        if head in lx.KO_TITLES or any(head.endswith(sfx) for sfx in lx.KO_TITLE_SUFFIXES):
            return True
    return False


def _choose(doc: Doc, start: int, end: int, entries):
    """A name several entries share (경기도 the province and its government):
    the government when the text makes it act (subject, title after it), else
    the place."""
    if len(entries) == 1:
        return entries[0]
    orgs = [e for e in entries if e.type == "Organization"]
    places = [e for e in entries if e.type == "Place"]
    if orgs and places:
        tail = doc.text[end : end + 4]
        if _AGENT_TAIL.match(tail) or _title_word_after(doc.text, end) or re.match(r"\s?(?:Metropolitan|Provincial|City)\s(?:Government|Council)", doc.text[end:end + 30]):
            return orgs[0]
        return places[0]
    return entries[0]


def gazetteer_mentions(doc: Doc, accept: Callable[[int, int, object, bool], bool]) -> None:
    gz = _gaz()
    matches = gz.scan(doc.text)
    # unambiguous names first; an ambiguous Latin acronym ("MOU", "MS") then counts
    # only for an entity the article already named in full
    for m in sorted(matches, key=lambda m: (_latin_ambiguous(m), m.start)):
        start, end = m.start, m.end
        if doc.is_claimed(start, end):
            continue
        entry = _choose(doc, start, end, m.entries)
        if not accept(start, end, entry, m.ambiguous):
            continue
        if _latin_ambiguous(m) and not any(f"{_PREFIX.get(entry.type, '')}:{entry.id.split(':', 1)[-1]}" == e.id for e in doc.entities.values()):
            continue
        ent = entity_for_entry(doc, entry)
        form = doc.text[start:end]
        if form != ent.name:
            doc.alias(ent, form)
        doc.mention(ent, start, end)


_PREFIX = {"Organization": "org", "Place": "place"}


def _latin_ambiguous(m) -> bool:
    return bool(m.ambiguous and re.fullmatch(r"[A-Za-z&.\- ]+", m.surface))
