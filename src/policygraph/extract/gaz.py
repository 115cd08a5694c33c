"""Gazetteer hits as entity mentions (organisations and places, both languages)."""
from __future__ import annotations

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


def gazetteer_mentions(doc: Doc, accept: Callable[[int, int, object], bool]) -> None:
    gz = _gaz()
    for start, end, entry in gz.find_all(doc.text):
        if not accept(start, end, entry):
            continue
        if doc.is_claimed(start, end):
            continue
        ent = entity_for_entry(doc, entry)
        form = doc.text[start:end]
        if form != ent.name:
            doc.alias(ent, form)
        doc.mention(ent, start, end)


def place_chain(doc: Doc, ent) -> None:
    """LOCATED_IN from the gazetteer, one step, for places the article names."""
    gid = ent.properties.get("gazetteer_id")
    if not gid:
        return
    gz = _gaz()
    entry = gz.get(gid)
    parent_id = getattr(entry, "located_in", None) if entry else None
    if not parent_id:
        return
    parent = gz.get(parent_id)
    if parent is None:
        return
    key = parent.id.split(":", 1)[1]
    target = doc.entities.get(f"place:{key}")
    if target is not None:
        doc.relate("LOCATED_IN", ent, target)
