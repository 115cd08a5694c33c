"""Extraction (with resolved ids) -> ArticleGraph: the records a store writes.

Every entity becomes a node labelled with its type; the article becomes an
``Article`` node with MENTIONS relationships (spans and surface forms as
properties) to every entity it names, REPORTS to the events it reports, and
ISSUED from the issuing body of a press release.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from .models import Article, ArticleGraph, Extraction, NodeRecord, RelRecord

_SCALARS = (str, int, float, bool)


def article_node_id(article_id: str) -> str:
    return f"article:{article_id}"


def fingerprint(extraction: Extraction, version: str) -> str:
    return article_fingerprint(extraction.article, version)


def article_fingerprint(a: Article, version: str) -> str:
    """What a store keeps to tell an unchanged article: its content and the
    extractor version. Needs no extraction, so a reload of unchanged files
    never runs (or even imports) the Korean analyser."""
    h = hashlib.sha256()
    for part in (version, a.id, a.source, a.title, a.text, a.published.isoformat() if a.published else "", a.lang):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in props.items():
        if v is None:
            continue
        if isinstance(v, _SCALARS):
            out[k] = v
        elif isinstance(v, (list, tuple, set)):
            vals = [x for x in v if isinstance(x, _SCALARS)]
            out[k] = sorted(set(vals), key=str) if isinstance(v, set) else list(dict.fromkeys(vals))
        else:
            out[k] = json.dumps(v, ensure_ascii=False, sort_keys=True)
    return out


QUOTE_NAME_CHARS = 1000


def rel_key(rtype: str, source: str, target: str, disc: str | None = None) -> str:
    return f"{rtype}|{source}|{target}" + (f"|{disc}" if disc else "")


def to_article_graph(extraction: Extraction, version: str) -> ArticleGraph:
    a = extraction.article
    aid = article_node_id(a.id)
    day = a.published.date().isoformat() if a.published else None
    art_props = _clean(
        {
            "name": a.title,
            "title": a.title,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "date": day,
            "lang": a.lang,
            "publisher": a.publisher,
            "url": a.url,
            "article_id": a.id,
            **{k: v for k, v in a.properties.items() if k not in ("name", "title")},
        }
    )
    nodes = [NodeRecord(aid, "Article", art_props)]
    rels: list[RelRecord] = []
    for e in extraction.entities:
        props: dict[str, Any] = {"name": e.name, "aliases": list(e.aliases)}
        if e.name_en:
            props["name_en"] = e.name_en
        props.update(e.properties)
        if e.type == "Quote":
            # the quote in full is its text; its name (a caption, a lookup key) is
            # kept to the first 1,000 characters
            name = e.properties.get("text") or e.name
            props["name"] = name if len(name) <= QUOTE_NAME_CHARS else name[: QUOTE_NAME_CHARS - 1] + "…"
        if e.type == "Event" and day and not e.properties.get("start_date"):
            # an event named without a date: the year of the report, for the resolver
            props["reported_year"] = day[:4]
        nodes.append(NodeRecord(e.id, e.type, _clean(props)))
        ordered = sorted(e.mentions, key=lambda m: m.start)
        spans = [f"{m.start}-{m.end}" for m in ordered]
        forms = list(dict.fromkeys(m.text for m in ordered))
        # "start-end form": which form stands where (policygraph show)
        located = [f"{m.start}-{m.end} {m.text}" for m in ordered]
        rels.append(
            RelRecord(
                rel_key("MENTIONS", aid, e.id),
                "MENTIONS",
                aid,
                e.id,
                _clean({"spans": spans, "forms": forms, "mentions": located, "count": len(spans)}),
            )
        )
    for r in extraction.relations:
        props = dict(r.properties)
        disc = None
        if r.type == "HOLDS_POSITION":
            disc = props.get("title")
            if day:
                props.setdefault("as_of", day)
                props["first_seen"] = day
                props["last_seen"] = day
        if r.type == "PARTICIPATED_IN" and props.get("role"):
            props["roles"] = [props["role"]]
        if r.evidence is not None:
            props["evidence"] = [r.evidence.text[:300]]
            props["evidence_spans"] = [f"{a.id}@{r.evidence.start}-{r.evidence.end}"]
        rels.append(RelRecord(rel_key(r.type, r.source, r.target, disc), r.type, r.source, r.target, _clean(props)))
    for e in extraction.entities:
        if e.type == "Event" and any(
            r.source == e.id or r.target == e.id
            for r in extraction.relations
            if r.type in ("ORGANIZED", "HELD_AT", "PARTICIPATED_IN")
        ):
            rels.append(RelRecord(rel_key("REPORTS", aid, e.id), "REPORTS", aid, e.id, {}))
    # the issuing body of a press release is linked to the article
    for issuer in _issuers(a):
        if not any(n.id == issuer.id for n in nodes):
            nodes.append(NodeRecord(issuer.id, "Organization", _clean({
                "name": issuer.name, "name_en": issuer.name_en, "category": issuer.category,
                "gazetteer_id": issuer.id, "aliases": [],
            })))
        rels.append(RelRecord(rel_key("ISSUED", issuer.id, aid), "ISSUED", issuer.id, aid, {}))
    # where the places the article names are: the gazetteer's LOCATED_IN chain
    # (venue -> district -> city -> province -> country)
    for e in extraction.entities:
        if e.type == "Place" and e.properties.get("gazetteer_id"):
            _place_chain(e.id, nodes, rels)
    nodes = _dedupe(nodes, lambda n: n.id)
    rels = _dedupe(rels, lambda r: r.key)
    return ArticleGraph(a.id, fingerprint(extraction, version), nodes, rels)


def _dedupe(records: list, key) -> list:
    """One record per id or key, the props of repeats merged."""
    from .stores.base import merge_props

    seen: dict = {}
    for rec in records:
        k = key(rec)
        if k in seen:
            seen[k].props = merge_props([seen[k].props, rec.props])
        else:
            seen[k] = rec
    return list(seen.values())


def _issuers(article) -> list:
    """Gazetteer entries of the bodies that issued a press release."""
    names = article.properties.get("issuer") or []
    if isinstance(names, str):
        names = [names]
    if not names:
        return []
    from .gazetteer import Gazetteer

    gz = Gazetteer.load()
    out = []
    for name in names:
        entry = gz.lookup_one(str(name), type="Organization")
        if entry is not None and entry not in out:
            out.append(entry)
    return out


def _place_chain(place_id: str, nodes: list, rels: list) -> None:
    from .gazetteer import Gazetteer

    gz = Gazetteer.load()
    child = place_id
    for up in gz.ancestors(place_id):
        if up.type != "Place":
            break
        nodes.append(NodeRecord(up.id, "Place", _clean({
            "name": up.name, "name_en": up.name_en, "kind": up.kind, "gazetteer_id": up.id,
            "wikidata": up.wikidata, "aliases": [],
        })))
        rels.append(RelRecord(rel_key("LOCATED_IN", child, up.id), "LOCATED_IN", child, up.id, {"source": "gazetteer"}))
        child = up.id
