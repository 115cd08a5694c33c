"""RDF export of any GraphStore (it reads ``nodes()`` and ``relationships()`` only).

The mapping (docs/vocabulary.md has the full table and examples):

* a node becomes ``<base>id/<percent-encoded id>``, typed with schema.org
  classes (schema:Person, schema:Organization, schema:Event, schema:Place,
  schema:Product, schema:Quotation, schema:NewsArticle) or pg:Topic, with
  pg:nodeId holding the id;
* ``name``/``name_ko``/``name_en`` give schema:name and ``aliases``
  schema:alternateName, each literal tagged ``@ko`` when it has Hangul,
  ``@en`` when it has Latin letters (no tag otherwise);
* dates are typed by their precision: xsd:gYear, xsd:gYearMonth, xsd:date,
  xsd:dateTime;
* ``articles`` (the supporting articles) gives prov:wasDerivedFrom links to the
  Article resources;
* a relationship gives a direct triple (``person pg:holdsPosition org``), the
  schema.org triple that says the same where there is one
  (``person schema:worksFor org``, ``event schema:organizer org`` ...), and a
  resource ``<base>rel/<percent-encoded key>`` (pg:Position, pg:Participation
  or pg:Relationship) linked to both ends by rdf:subject / rdf:object, that
  carries the relationship's properties and provenance;
* a property the vocabulary has no term for is kept under ``pgp:<key>``.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Callable, Iterable
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SDO, XSD

from .errors import ExportError
from .stores.base import GraphStore
from .vocab import LABEL_CLASSES, PG, PGP, RELATION_CLASSES, RELATION_PREDICATES, bind_prefixes

DEFAULT_BASE = "https://policygraph.dev/"

FORMATS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
}

_IRI_SAFE = "-._~:@"  # RFC 3986 unreserved, plus ':' and '@' (pchar); everything else is %-encoded


def _enc(s: str) -> str:
    return quote(s, safe=_IRI_SAFE)


def node_iri(node_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a node: ``<base>id/`` + the id, UTF-8 percent-encoded (an ASCII IRI whatever the id)."""
    return URIRef(f"{base}id/{_enc(node_id)}")


def rel_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a reified relationship: ``<base>rel/`` + its key, percent-encoded."""
    return URIRef(f"{base}rel/{_enc(key)}")


# ----------------------------------------------------------------------------
# literals

_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def lang_of(text: str) -> str | None:
    """``ko`` if the string has Hangul, else ``en`` if it has Latin letters, else None."""
    if _HANGUL.search(text):
        return "ko"
    if _LATIN.search(text):
        return "en"
    return None


def text_literal(text: str) -> Literal:
    return Literal(text, lang=lang_of(text))


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def date_literal(value: Any) -> Literal:
    """A date by its precision: ``2024`` xsd:gYear, ``2024-03`` xsd:gYearMonth,
    ``2024-03-05`` xsd:date, with a time xsd:dateTime; anything else a plain literal."""
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    if isinstance(value, date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if not isinstance(value, str):
        return plain_literal(value)
    s = value.strip()
    if _YEAR.match(s):
        return Literal(s, datatype=XSD.gYear)
    m = _YEAR_MONTH.match(s)
    if m and 1 <= int(m.group(2)) <= 12:
        return Literal(s, datatype=XSD.gYearMonth)
    if _DATE.match(s):
        try:
            date.fromisoformat(s)
        except ValueError:
            return Literal(value)
        return Literal(s, datatype=XSD.date)
    m = _DATETIME.match(s)
    if m:
        day, hh, mm, ss, frac, tz = m.groups()
        tz = tz or ""
        if tz and tz != "Z" and ":" not in tz:
            tz = tz[:3] + ":" + tz[3:]
        lexical = f"{day}T{hh}:{mm}:{ss or '00'}{frac or ''}{tz}"
        try:
            datetime.fromisoformat(lexical.replace("Z", "+00:00"))
        except ValueError:
            return Literal(value)
        return Literal(lexical, datatype=XSD.dateTime)
    return Literal(value)


def plain_literal(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, float):
        return Literal(value, datatype=XSD.double)
    return Literal(str(value))


def _url(value: Any) -> URIRef | Literal:
    s = str(value).strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"{}|\\^`]+$", s):
        return URIRef(s)
    return Literal(s, datatype=XSD.anyURI)


def _wikidata(value: Any) -> URIRef | Literal:
    s = str(value).strip()
    if re.match(r"^Q\d+$", s):
        return URIRef(f"http://www.wikidata.org/entity/{s}")
    return _url(s)


# ----------------------------------------------------------------------------
# property mapping: key -> (predicate, literal maker); per-label overrides first

Maker = Callable[[Any], Any]

_PROPS: dict[str, tuple[URIRef, Maker]] = {
    "name": (SDO.name, text_literal),
    "name_ko": (SDO.name, text_literal),
    "name_en": (SDO.name, text_literal),
    "aliases": (SDO.alternateName, text_literal),
    "text": (SDO.text, text_literal),
    "published": (SDO.datePublished, date_literal),
    "date": (DCTERMS.date, date_literal),
    "start_date": (SDO.startDate, date_literal),
    "end_date": (SDO.endDate, date_literal),
    "first_seen": (PG.firstSeen, date_literal),
    "last_seen": (PG.lastSeen, date_literal),
    "as_of": (PG.asOf, date_literal),
    "url": (SDO.url, _url),
    "publisher": (SDO.publisher, text_literal),
    "lang": (SDO.inLanguage, plain_literal),
    "source": (PG.source, plain_literal),
    "article_id": (PG.articleId, plain_literal),
    "category": (PG.category, plain_literal),
    "event_type": (PG.eventType, text_literal),
    "wikidata": (SDO.sameAs, _wikidata),
    "evidence": (PG.evidence, text_literal),
    "role": (SDO.roleName, text_literal),
    "roles": (SDO.roleName, text_literal),
}
_LABEL_PROPS: dict[tuple[str, str], tuple[URIRef, Maker]] = {
    ("Article", "title"): (SDO.headline, text_literal),
    ("Person", "title"): (SDO.jobTitle, text_literal),
    ("HOLDS_POSITION", "title"): (SDO.jobTitle, text_literal),
}
_DATE_SUFFIXES = ("_date", "_at", "_on")


def _prop_triples(subject: URIRef, owner: str, props: dict[str, Any]) -> Iterable[tuple]:
    for k, v in props.items():
        if k == "articles":
            continue
        pred, make = _LABEL_PROPS.get((owner, k)) or _PROPS.get(k) or (None, None)
        if pred is None:
            pred = PGP[_enc(k)]
            make = date_literal if k.endswith(_DATE_SUFFIXES) else (
                lambda x: plain_literal(x) if not isinstance(x, str) else Literal(x)
            )
        for x in v if isinstance(v, (list, tuple)) else [v]:
            if x is None or (isinstance(x, str) and not x.strip()):
                continue
            yield subject, pred, make(x)


# Relationship type -> (schema.org predicate, inverse?) where schema.org has one.
_SCHEMA_RELATIONS: dict[str, tuple[URIRef, bool]] = {
    "HOLDS_POSITION": (SDO.worksFor, False),
    "ORGANIZED": (SDO.organizer, True),
    "PARTICIPATED_IN": (SDO.attendee, True),
    "HELD_AT": (SDO.location, False),
    "ABOUT": (SDO.about, False),
    "SAID": (SDO.creator, True),
    "MAKES": (SDO.manufacturer, True),
    "SUBSIDIARY_OF": (SDO.parentOrganization, False),
    "ISSUED": (SDO.publisher, True),
    "MENTIONS": (SDO.mentions, False),
    "REPORTS": (SDO.about, False),
}


def to_rdf(store: GraphStore, *, base: str = DEFAULT_BASE, schema_relations: bool = True) -> Graph:
    """The store's merged graph as RDF (see the module doc for the mapping).

    ``base``: where node and relationship IRIs live (``<base>id/...``,
    ``<base>rel/...``). ``schema_relations``: also state each relationship
    with schema.org's property where one fits.
    """
    g = Graph()
    bind_prefixes(g)
    labels: dict[str, str] = {}
    article_iris: dict[str, URIRef] = {}
    nodes = list(store.nodes())
    for n in nodes:
        labels[n.id] = n.label
        if n.label == "Article":
            aid = n.props.get("article_id")
            if isinstance(aid, str):
                article_iris.setdefault(aid, node_iri(n.id, base))
    for n in nodes:  # an Article node whose id is the article id
        if n.label == "Article":
            article_iris.setdefault(n.id, node_iri(n.id, base))

    def article_iri(aid: str) -> URIRef:
        iri = article_iris.get(aid)
        if iri is None:  # no Article node for it: a resource of its own
            iri = article_iris[aid] = URIRef(f"{base}article/{_enc(aid)}")
            g.add((iri, RDF.type, SDO.NewsArticle))
            g.add((iri, PG.articleId, Literal(aid)))
        return iri

    add = g.add
    for n in nodes:
        s = node_iri(n.id, base)
        add((s, RDF.type, LABEL_CLASSES.get(n.label, PG.Entity)))
        add((s, PG.nodeId, Literal(n.id)))
        for t in _prop_triples(s, n.label, n.props):
            add(t)
        for aid in n.props.get("articles", []) or []:
            a = article_iri(aid)
            if a != s:
                add((s, PROV.wasDerivedFrom, a))

    for r in store.relationships():
        s, o = node_iri(r.source, base), node_iri(r.target, base)
        pred = RELATION_PREDICATES.get(r.type) or PGP[_enc(r.type)]
        add((s, pred, o))
        if schema_relations:
            if r.type == "LOCATED_IN":
                sp, inverse = (SDO.containedInPlace if labels.get(r.source) == "Place" else SDO.location), False
            else:
                sp, inverse = _SCHEMA_RELATIONS.get(r.type, (None, False))
            if sp is not None:
                add((o, sp, s) if inverse else (s, sp, o))
        ri = rel_iri(r.key, base)
        add((ri, RDF.type, PG.Relationship))
        cls = RELATION_CLASSES.get(r.type)
        if cls is not None:
            add((ri, RDF.type, cls))
        add((ri, RDF.subject, s))
        add((ri, RDF.predicate, pred))
        add((ri, RDF.object, o))
        add((ri, PG.key, Literal(r.key)))
        add((ri, PG.relationType, Literal(r.type)))
        for t in _prop_triples(ri, r.type, r.props):
            add(t)
        for aid in r.props.get("articles", []) or []:
            add((ri, PROV.wasDerivedFrom, article_iri(aid)))
    return g


JSONLD_CONTEXT = {
    "pg": "https://policygraph.dev/ns#",
    "pgp": "https://policygraph.dev/ns/prop#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def serialize(g: Graph, fmt: str) -> bytes:
    """``g`` in one of FORMATS, as UTF-8 bytes."""
    rdf_fmt = FORMATS.get(fmt.lower().strip()) if isinstance(fmt, str) else None
    if rdf_fmt is None:
        raise ExportError(f"unknown RDF format {fmt!r}; use one of turtle, jsonld, nt")
    if rdf_fmt == "json-ld":
        data = g.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, encoding="utf-8")
    else:
        data = g.serialize(format=rdf_fmt, encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export_rdf(
    store: GraphStore, fmt: str, out: str | os.PathLike[str] | IO[Any], *, base: str = DEFAULT_BASE
) -> int:
    """Write the store as RDF in ``fmt`` (turtle | jsonld | nt) to a path or an open file.

    A path is written atomically (a temporary file renamed over it). Returns
    the number of triples written.
    """
    if not isinstance(fmt, str) or fmt.lower().strip() not in FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}; use one of turtle, jsonld, nt")
    g = to_rdf(store, base=base)
    data = serialize(g, fmt)
    if hasattr(out, "write"):
        try:
            if isinstance(out, io.TextIOBase):
                out.write(data.decode("utf-8"))
            else:
                try:
                    out.write(data)  # type: ignore[arg-type]
                except TypeError:
                    out.write(data.decode("utf-8"))  # type: ignore[arg-type]
            if hasattr(out, "flush"):
                out.flush()
        except (OSError, ValueError) as e:
            raise ExportError(f"cannot write RDF to {getattr(out, 'name', 'stream')}: {e}") from None
        return len(g)
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"cannot write RDF to {path}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise ExportError(f"cannot write RDF to {path}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        # mkstemp makes the file private; give it the mode a plain open() would
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ExportError(f"cannot write RDF to {path}: {e.strerror or e}") from None
    return len(g)


__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "JSONLD_CONTEXT",
    "node_iri",
    "rel_iri",
    "lang_of",
    "date_literal",
    "to_rdf",
    "serialize",
    "export_rdf",
]
