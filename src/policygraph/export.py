"""RDF export of any GraphStore (it reads ``nodes()`` and ``relationships()`` only).

The mapping (docs/vocabulary.md has the full table and examples):

* a node becomes ``<base>id/<id>``, a readable Unicode IRI
  (``id/person:안덕근``; only what an IRI cannot carry is %-encoded), typed
  with schema.org classes (schema:Person, schema:Organization, schema:Event,
  schema:Place, schema:Product, schema:Quotation, schema:NewsArticle) or
  pg:Topic, with pg:nodeId holding the id;
* names: one ``rdfs:label`` per language (``@ko``/``@en``), every other name
  and alias a ``skos:altLabel``; ``name``/``name_ko``/``name_en`` also give
  schema:name and ``aliases`` schema:alternateName, each literal tagged
  ``@ko`` when it has Hangul, ``@en`` when it has Latin letters (no tag
  otherwise);
* ``owl:sameAs`` the Wikidata item the gazetteer (or a ``wikidata``
  property) gives;
* ``source`` as given (relative path, feed record, URL), never an absolute
  local path (:class:`SourceMapper`);
* dates are typed by their precision: xsd:gYear, xsd:gYearMonth, xsd:date,
  xsd:dateTime;
* ``articles`` (the supporting articles) gives prov:wasDerivedFrom links to the
  Article resources;
* a relationship gives a direct triple (``person pg:holdsPosition org``), the
  schema.org triple that says the same where there is one
  (``person schema:worksFor org``, ``event schema:organizer org`` ...), and a
  resource ``<base>rel/<key, each | made />`` (pg:Position, pg:Participation
  or pg:Relationship) linked to both ends by rdf:subject / rdf:object, that
  carries the relationship's properties and provenance;
* a property the vocabulary has no term for is kept under ``pgp:<key>``.

:func:`iter_triples` streams the triples as rdflib terms; :func:`to_rdf`
collects them in an rdflib Graph (and :func:`serialize` writes one).
:func:`export_rdf` writes N-Triples, N-Quads, Turtle and JSON-LD sorted and
without repeats in flat memory (:func:`stream_rdf`): the same mapping written
straight as N-Triples text from the store's records (:func:`ntriples_lines`,
no term object per triple; tested line for line against :func:`iter_triples`),
an external sort, then Turtle or JSON-LD made from the sorted lines.
The ontology and the SHACL shapes every export conforms to are package data
(``data/ontology.ttl``, ``data/shapes.ttl``).
"""
from __future__ import annotations

import io
import json
import os
import re
import tempfile
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from .errors import ExportError
from .stores.base import GraphStore
from .vocab import LABEL_CLASSES, PG, PGP, RELATION_CLASSES, RELATION_PREDICATES, bind_prefixes

DEFAULT_BASE = "https://policygraph.dev/"
# bumped whenever the mapping below changes what a store exports (policygraph.sparql
# keys its cached RDF on it)
MAPPING_VERSION = "2"

FORMATS = {
    "turtle": "turtle",
    "ttl": "turtle",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "nq": "nquads",
    "nquads": "nquads",
    "n-quads": "nquads",
}
#: the formats written as a stream (sorted, each triple once, memory flat)
STREAMED = frozenset({"nt", "turtle", "nquads", "json-ld"})

_IRI_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:@")
_KEEP_CATEGORIES = ("L", "M", "N")  # letters, marks and digits of any script stay as they are


def _ucschar(c: str) -> bool:
    """A character RFC 3987 allows unescaped in an IRI (``ucschar``) that is a
    letter, mark or digit (no spaces, controls, private use or punctuation)."""
    o = ord(c)
    if o < 0xA0 or 0xD800 <= o <= 0xF8FF or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE or o > 0xEFFFD:
        return False
    return unicodedata.category(c)[0] in _KEEP_CATEGORIES


# letters and digits that need no check: ASCII, Hangul syllables and jamo, CJK ideographs
_PLAIN = re.compile(r"[A-Za-z0-9\-._~:@\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\u4e00-\u9fff]*")


# what _enc looks at one character at a time: all but the characters of _PLAIN that
# _ucschar keeps (U+3130 and U+318F, unassigned, are not kept)
_ODD = re.compile(r"[^A-Za-z0-9\-._~:@\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\u4e00-\u9fff]")
_ENC_CHARS: dict[str, str] = {}


def _enc_char(m: re.Match[str]) -> str:
    c = m.group()
    e = _ENC_CHARS.get(c)
    if e is None:
        e = c if c in _IRI_SAFE or _ucschar(c) else "".join(f"%{b:02X}" for b in c.encode("utf-8"))
        if len(_ENC_CHARS) < 4096:
            _ENC_CHARS[c] = e
    return e


@lru_cache(maxsize=512)
def _enc(s: str) -> str:
    """An id as an IRI path segment: ASCII letters, digits, ``-._~:@`` and the
    letters and digits of other scripts (Hangul, Hanja, accented Latin) stay as
    they are; everything else becomes UTF-8 ``%XX``. Injective: ``%`` itself is
    encoded, so two ids never give the same segment."""
    if _PLAIN.fullmatch(s):
        return s
    return _ODD.sub(_enc_char, s)


def node_iri(node_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a node: ``<base>id/`` + the id, readable (``id/person:안덕근``,
    ``id/org:msit``); only characters an IRI cannot carry are %-encoded."""
    return URIRef(f"{base}id/{_enc(node_id)}")


def rel_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a reified relationship: ``<base>rel/`` + its key with each ``|``
    made a ``/`` (``rel/HOLDS_POSITION/person:안덕근/org:산업통상자원부/장관``); a
    ``/`` inside the key is %-encoded, so the mapping stays one-to-one."""
    return URIRef(f"{base}rel/{_enc(key).replace('%7C', '/')}")


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


def _string_literal(text: str, lang: str | None = None) -> Literal:
    """``Literal(text, lang=lang)`` for a ``str`` and a tag that is None, ``ko``
    or ``en``, made without rdflib's general constructor (which looks for a
    datatype, casts and normalises: nothing to do for a plain string); the same
    object, attribute for attribute (tests/test_export.py checks it)."""
    if type(text) is not str or lang not in (None, "ko", "en"):
        return Literal(text, lang=lang)
    lit = str.__new__(Literal, text)
    lit._language = lang
    lit._datatype = None
    lit._value = text
    lit._ill_typed = None
    return lit


def text_literal(text: str) -> Literal:
    return _string_literal(text, lang_of(text))


_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def date_literal(value: Any) -> Literal:
    """A date by its precision: ``2024`` xsd:gYear, ``2024-03`` xsd:gYearMonth,
    ``2024-03-05`` xsd:date, with a time xsd:dateTime; anything else a plain literal.
    (Neo4j's temporal values count as their ISO form.)"""
    if hasattr(value, "iso_format") and not isinstance(value, (date, datetime)):
        value = value.iso_format()
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
    return _string_literal(str(value))


def _url(value: Any) -> URIRef | Literal:
    """An IRI when the value is a valid absolute IRI (checked by pyoxigraph's
    RFC 3987 parser), else an xsd:anyURI literal."""
    s = str(value).strip()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"{}|\\^`]+$", s):
        try:
            ox.NamedNode(s)
        except ValueError:
            return Literal(s, datatype=XSD.anyURI)
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
_DATE_SUFFIXES = ("_date", "_at", "_on", "_year")
_DATE_KEYS = frozenset({"released", "embargo"})
_SKIP = frozenset({"articles", "source"})  # handled apart


def _prop_triples(subject: URIRef, owner: str, props: dict[str, Any]) -> Iterator[tuple]:
    for k, v in props.items():
        if k in _SKIP:
            continue
        pred, make = _LABEL_PROPS.get((owner, k)) or _PROPS.get(k) or (None, None)
        if pred is None:
            pred = PGP[_enc(k)]
            make = date_literal if (k.endswith(_DATE_SUFFIXES) or k in _DATE_KEYS) else (
                lambda x: plain_literal(x) if not isinstance(x, str) else _string_literal(x)
            )
        for x in v if isinstance(v, (list, tuple)) else [v]:
            if x is None or (isinstance(x, str) and not x.strip()):
                continue
            yield subject, pred, make(x)


def labels(label: str, props: dict[str, Any]) -> tuple[list[Literal], list[Literal]]:
    """(``rdfs:label`` values, ``skos:altLabel`` values) of a node.

    At most one label per language: ``@ko`` from ``name_ko`` or else ``name``,
    ``@en`` from ``name_en`` or else ``name`` (an Article's title, a Quote's
    text); an untagged label only when no name has Hangul or Latin letters.
    Every other name and every alias is an altLabel, tagged by its script.
    """
    main, alts = label_texts(label, props)
    return [text_literal(v) for v in main], [text_literal(a) for a in alts]


def label_texts(label: str, props: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The strings :func:`labels` tags: (labels, altLabels)."""
    def strs(v: Any) -> list[str]:
        vals = v if isinstance(v, (list, tuple)) else [v]
        return [x.strip() for x in vals if isinstance(x, str) and x.strip()]

    if label == "Article":
        names = strs(props.get("title")) or strs(props.get("name"))
    elif label == "Quote":
        names = strs(props.get("text")) or strs(props.get("name"))
    else:
        names = strs(props.get("name_ko")) + strs(props.get("name_en")) + strs(props.get("name"))
    chosen: dict[str | None, str] = {}
    for n in names:
        chosen.setdefault(lang_of(n), n)
    if len(chosen) > 1:
        chosen.pop(None, None)
    picked = set(chosen.values())
    alts: list[str] = []
    for n in names + (strs(props.get("aliases")) if label not in ("Article", "Quote") else []):
        if n not in picked and n not in alts:
            alts.append(n)
    return list(chosen.values()), alts


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

_QID = re.compile(r"^Q[1-9]\d*$")
WIKIDATA = "http://www.wikidata.org/entity/"


def wikidata_iri(props: dict[str, Any], node_id: str) -> URIRef | None:
    """The Wikidata item of a node: its ``wikidata`` property, else the gazetteer
    entry it was resolved to (``gazetteer_id``, or the node id itself) when the
    gazetteer gives a Q-id. None when neither knows one."""
    q = props.get("wikidata")
    if not (isinstance(q, str) and _QID.match(q.strip())):
        q = None
        gid = props.get("gazetteer_id") or node_id
        if isinstance(gid, str) and gid.startswith(("org:", "place:")):
            q = _gazetteer_qids().get(gid)
    return URIRef(WIKIDATA + q.strip()) if isinstance(q, str) and _QID.match(q.strip()) else None


@lru_cache(maxsize=1)
def _gazetteer_qids() -> dict[str, str]:
    """Gazetteer id -> Wikidata Q-id, read from the packaged gazetteer files
    (the same ``data/gazetteer*.json`` the Gazetteer loads; only this field,
    without building the name scanner)."""
    import json
    from importlib import resources

    folder = resources.files("policygraph").joinpath("data")
    out: dict[str, str] = {}
    for entry in folder.iterdir():
        if entry.name.startswith("gazetteer") and entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            for row in data["entries"] if isinstance(data, dict) else data:
                q = row.get("wikidata")
                if isinstance(q, str) and q.strip():
                    out.setdefault(row["id"], q.strip())
    return out


# ----------------------------------------------------------------------------
# sources: the path as given, or a URL; never an absolute local path

_RECORD = re.compile(r"^(.*?)(#\d+)?$", re.S)
_WIN_ABS = re.compile(r"^[A-Za-z]:[\\/]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _local_abs(path: str) -> str | None:
    """The absolute local path a source names (``/x``, ``C:\\x``, ``file:///x``), else None."""
    if path.startswith("file:"):
        from urllib.parse import unquote, urlsplit

        p = unquote(urlsplit(path).path)
        return p if p.startswith("/") or _WIN_ABS.match(p.lstrip("/")) else None
    if path.startswith("/") or _WIN_ABS.match(path):
        return path
    return None


def _split_record(source: str) -> tuple[str, str]:
    m = _RECORD.match(source)
    assert m is not None
    return m.group(1), m.group(2) or ""


class SourceMapper:
    """Maps ``Article.source`` values to what the export states as ``pg:source``.

    A URL, or a path as the user gave it (relative), is kept as it is. An
    absolute local path (the user gave one to ``load``) is made relative to the
    parent of the folder all of the store's absolute sources share, which is the
    path as given had the user passed that folder relatively:
    ``/home/u/data/examples/01.txt`` and ``/home/u/data/examples/03.jsonl#2``
    become ``examples/01.txt`` and ``examples/03.jsonl#2``. ``root`` fixes the
    folder to make them relative to instead.
    """

    def __init__(self, sources: Iterable[str], root: str | os.PathLike[str] | None = None):
        import posixpath

        self.root: str | None = None
        self._fixed = root is not None
        if root is not None:
            self.root = str(root).replace("\\", "/").rstrip("/") or "/"
            return
        self._common: str | None = None
        self._firsts: set[str] = set()
        for s in sources:
            self.add(s)

    def add(self, source: str) -> None:
        """Count one more source in (the folder is worked out as they come, so
        a caller streaming the store's articles holds none of them)."""
        import posixpath

        if self._fixed:
            return
        p = _local_abs(_split_record(str(source))[0])
        if p is None:
            return
        d = posixpath.dirname(p.replace("\\", "/"))
        self._firsts.add(d[:1])
        if len(self._firsts) > 1:
            common = ""
        elif self._common is None:
            common = d
        else:
            common = posixpath.commonpath([self._common, d]) if self._common else ""
        self._common = common
        self.root = posixpath.dirname(common) if common not in ("", "/") else common

    def __call__(self, source: str) -> str:
        import posixpath

        path, record = _split_record(str(source))
        p = _local_abs(path)
        if p is None:
            return str(source)
        p = p.replace("\\", "/")
        if self.root and self.root != "/" and (p + "/").startswith(self.root.rstrip("/") + "/"):
            rel = posixpath.relpath(p, self.root)
        else:
            rel = _WIN_ABS.sub("", p).lstrip("/")
        return rel + record


# ----------------------------------------------------------------------------
# the mapping


class _Articles:
    """What the mapping needs to know before it starts: the Place nodes (a
    LOCATED_IN from a place is schema:containedInPlace), the folder sources
    are made relative to (:class:`SourceMapper`), and which resource stands
    for an article id: its Article node, else ``<base>article/<id>``, a
    resource of its own. Memory: the ids of Place and Article nodes."""

    def __init__(self, store: GraphStore, base: str, source_root: str | os.PathLike[str] | None) -> None:
        self.store, self.base = store, base
        self.places: set[str] = set()
        # article id -> id of its Article node: kept only where that is not the
        # usual "article:<article id>"; the usual ones are a set of article ids
        self.usual: set[str] = set()
        self.unusual: dict[str, str] = {}
        self.loose: set[str] = set()
        self.portable = SourceMapper((), source_root)
        for n in store.nodes("Article"):
            aid = n.props.get("article_id")
            if isinstance(aid, str):
                if n.id == f"article:{aid}":
                    self.usual.add(aid)
                elif aid not in self.usual:
                    self.unusual.setdefault(aid, n.id)
            src = n.props.get("source")
            if isinstance(src, str):
                self.portable.add(src)
        for n in store.nodes("Place"):
            self.places.add(n.id)

    def iri(self, aid: str) -> tuple[str, bool]:
        """(the IRI that stands for the article, whether it is a resource of its
        own named here for the first time: its type and id are then to be stated)."""
        base = self.base
        if aid in self.usual:
            return f"{base}id/{_enc(f'article:{aid}')}", False
        nid = self.unusual.get(aid)
        if nid is not None:
            return f"{base}id/{_enc(nid)}", False
        if aid in self.loose:
            return f"{base}article/{_enc(aid)}", False
        found = self.store.node(aid)  # an Article node whose id is the article id
        if found is not None and found.label == "Article":
            self.unusual[aid] = aid
            return f"{base}id/{_enc(aid)}", False
        self.loose.add(aid)  # no Article node for it: a resource of its own
        return f"{base}article/{_enc(aid)}", True


def iter_triples(
    store: GraphStore,
    *,
    base: str = DEFAULT_BASE,
    schema_relations: bool = True,
    source_root: str | os.PathLike[str] | None = None,
) -> Iterator[tuple]:
    """The store's merged graph as RDF triples, node by node (ordered by id), then
    relationship by relationship (ordered by key). The same store gives the same
    triples in the same order; a triple may repeat (one per relationship that
    states it), so collect them in a set or a graph. Memory: one node or
    relationship at a time, plus the ids of Place and Article nodes."""
    arts = _Articles(store, base, source_root)
    places, portable = arts.places, arts.portable

    def article_iri(aid: str) -> tuple[URIRef, list[tuple]]:
        iri, new = arts.iri(aid)
        a = URIRef(iri)
        return a, [(a, RDF.type, SDO.NewsArticle), (a, PG.articleId, _string_literal(aid))] if new else []

    # namespace terms looked up once (an rdflib namespace makes a new URIRef per attribute access)
    OWL_sameAs = OWL.sameAs
    PG_Entity = PG.Entity
    PG_Relationship = PG.Relationship
    PG_key = PG.key
    PG_nodeId = PG.nodeId
    PG_relationType = PG.relationType
    PG_source = PG.source
    PROV_wasDerivedFrom = PROV.wasDerivedFrom
    RDF_object = RDF.object
    RDF_predicate = RDF.predicate
    RDF_subject = RDF.subject
    RDF_type = RDF.type
    RDFS_label = RDFS.label
    SDO_containedInPlace = SDO.containedInPlace
    SDO_location = SDO.location
    SDO_sameAs = SDO.sameAs
    SKOS_altLabel = SKOS.altLabel

    for n in store.nodes():
        s = node_iri(n.id, base)
        yield s, RDF_type, LABEL_CLASSES.get(n.label, PG_Entity)
        yield s, PG_nodeId, _string_literal(n.id)
        main, alts = labels(n.label, n.props)
        for lit in main:
            yield s, RDFS_label, lit
        for lit in alts:
            yield s, SKOS_altLabel, lit
        yield from _prop_triples(s, n.label, n.props)
        src = n.props.get("source")
        for x in src if isinstance(src, list) else [src]:
            if isinstance(x, str) and x.strip():
                yield s, PG_source, _string_literal(portable(x))
        wd = wikidata_iri(n.props, n.id)
        if wd is not None:
            yield s, OWL_sameAs, wd
            yield s, SDO_sameAs, wd
        for aid in n.props.get("articles", []) or []:
            a, extra = article_iri(aid)
            yield from extra
            if a != s:
                yield s, PROV_wasDerivedFrom, a

    for r in store.relationships():
        s, o = node_iri(r.source, base), node_iri(r.target, base)
        pred = RELATION_PREDICATES.get(r.type) or PGP[_enc(r.type)]
        yield s, pred, o
        if schema_relations:
            if r.type == "LOCATED_IN":
                sp, inverse = (SDO_containedInPlace if r.source in places else SDO_location), False
            else:
                sp, inverse = _SCHEMA_RELATIONS.get(r.type, (None, False))
            if sp is not None:
                yield (o, sp, s) if inverse else (s, sp, o)
        ri = rel_iri(r.key, base)
        yield ri, RDF_type, PG_Relationship
        cls = RELATION_CLASSES.get(r.type)
        if cls is not None:
            yield ri, RDF_type, cls
        yield ri, RDF_subject, s
        yield ri, RDF_predicate, pred
        yield ri, RDF_object, o
        yield ri, PG_key, _string_literal(r.key)
        yield ri, PG_relationType, _string_literal(r.type)
        yield from _prop_triples(ri, r.type, r.props)
        src = r.props.get("source")
        for x in src if isinstance(src, list) else [src]:
            if isinstance(x, str) and x.strip():
                yield ri, PG_source, _string_literal(portable(x))
        for aid in r.props.get("articles", []) or []:
            a, extra = article_iri(aid)
            yield from extra
            yield ri, PROV_wasDerivedFrom, a


def to_rdf(
    store: GraphStore,
    *,
    base: str = DEFAULT_BASE,
    schema_relations: bool = True,
    source_root: str | os.PathLike[str] | None = None,
) -> Graph:
    """The store's merged graph as an rdflib Graph (see the module doc for the mapping).

    ``base``: where node and relationship IRIs live (``<base>id/...``,
    ``<base>rel/...``). ``schema_relations``: also state each relationship
    with schema.org's property where one fits. ``source_root``: the folder
    absolute source paths are made relative to (default: see ``SourceMapper``).
    """
    g = Graph()
    bind_prefixes(g)
    add = g.add
    for t in iter_triples(store, base=base, schema_relations=schema_relations, source_root=source_root):
        add(t)
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


# ----------------------------------------------------------------------------
# streaming N-Triples and Turtle: sorted, without repeats, in flat memory


class OxConverter:
    """rdflib terms -> pyoxigraph terms (IRIs and datatypes interned)."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}
        self._bnodes: dict[str, ox.BlankNode] = {}

    def iri(self, s: str) -> ox.NamedNode:
        n = self._iris.get(s)
        if n is None:
            if len(self._iris) > 512:  # interning is a speed-up (vocabulary, datatypes), not a store
                self._iris.clear()
            try:
                n = self._iris[s] = ox.NamedNode(s)
            except ValueError as e:
                raise ExportError(f"not a valid IRI: {s!r} ({e}); check the base IRI") from None
        return n

    def __call__(self, t: Any) -> Any:
        if isinstance(t, URIRef):
            return self.iri(str(t))
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=self.iri(str(t.datatype)))
            return ox.Literal(str(t))
        if isinstance(t, BNode):
            b = self._bnodes.get(str(t))
            if b is None:
                b = self._bnodes[str(t)] = ox.BlankNode()
            return b
        raise ExportError(f"cannot write {t!r} as an RDF term")


class NtTerms:
    """rdflib terms -> their N-Triples text, the same text pyoxigraph writes
    (canonical N-Triples), without building a pyoxigraph term for each: an IRI
    is ``<iri>`` once it has been checked (the base once, then only IRIs not
    under it), a literal with nothing to escape and a plain language tag is
    written as it is; anything else goes through pyoxigraph."""

    _NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
    _PLAIN_LANG = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")
    _XSD_STRING = str(XSD.string)

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self._ox = OxConverter()
        self._base = base
        self._ox.iri(base)  # raises ExportError for a base that is not an IRI
        self._iris: dict[str, str] = {}

    def iri(self, s: str) -> str:
        t = self._iris.get(s)
        if t is None:
            if len(self._iris) > 512:  # a speed-up for repeated IRIs (vocabulary, subjects), not a store
                self._iris.clear()
            if not s.startswith(self._base) or not _IRI_TAIL.fullmatch(s, len(self._base)):
                self._ox.iri(s)  # raises ExportError when it is not an IRI
            t = self._iris[s] = f"<{s}>"
        return t

    def __call__(self, t: Any) -> str:
        kind = type(t)
        if kind is URIRef:
            return self.iri(str(t))
        if kind is Literal:
            lex = str(t)
            if self._NEEDS_ESCAPE.search(lex) is None:
                lang, dt = t._language, t._datatype
                if lang:
                    if lang in ("ko", "en") or self._PLAIN_LANG.match(lang):
                        return f'"{lex}"@{lang}'
                elif dt is None or str(dt) == self._XSD_STRING:
                    return f'"{lex}"'
                else:
                    return f'"{lex}"^^{self.iri(str(dt))}'
        elif kind is not BNode and isinstance(t, URIRef):
            return self.iri(str(t))
        return str(self._ox(t))


# what may follow the base in the IRIs the mapping makes (node_iri, rel_iri: the
# ids %-encoded by _enc, which keeps only IRI-safe characters)
_IRI_TAIL = re.compile(r"[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]*")


def ntriples_lines(store: GraphStore, *, base: str = DEFAULT_BASE, **kw: Any) -> Iterator[str]:
    """The store's RDF as N-Triples lines (with the newline), record by record
    (nodes, then relationships), repeats included: the triples of
    :func:`iter_triples`, written as pyoxigraph writes them."""
    for batch in _nt_batches(store, base=base, **kw):
        yield from batch


_NT_ESCAPE = NtTerms._NEEDS_ESCAPE


def _nt_plain(x: str) -> str:
    """A plain string literal (``_string_literal(x)``) in N-Triples."""
    if _NT_ESCAPE.search(x) is None:
        return f'"{x}"'
    return str(ox.Literal(x))


def _nt_text(x: str) -> str:
    """``text_literal(x)`` in N-Triples: tagged ``@ko`` / ``@en`` by its script."""
    lang = lang_of(x)
    if _NT_ESCAPE.search(x) is None:
        return f'"{x}"@{lang}' if lang else f'"{x}"'
    return str(ox.Literal(x, language=lang)) if lang else str(ox.Literal(x))


def _nt_batches(
    store: GraphStore,
    *,
    base: str = DEFAULT_BASE,
    schema_relations: bool = True,
    source_root: str | os.PathLike[str] | None = None,
    batch: int = 4096,
) -> Iterator[list[str]]:
    """The mapping of :func:`iter_triples`, triple for triple, written straight
    as N-Triples lines (the text :class:`NtTerms` gives for its terms) without
    an rdflib term per triple: IRIs and the vocabulary's terms are strings made
    once, plain and tagged strings are written as they are (pyoxigraph escapes
    the rare ones that need it), every other value goes through the same maker
    and :class:`NtTerms`. Yields lists of about ``batch`` lines, a whole node or
    relationship in one list. tests/test_export.py checks it gives the lines of
    :func:`iter_triples` on graphs that use every branch of the mapping."""
    terms = NtTerms(base)  # raises ExportError for a base that is not an IRI
    limit = 512  # entries a cache below holds before it starts again (speed-ups, not stores)

    arts = _Articles(store, base, source_root)
    places, portable = arts.places, arts.portable

    def t(term: Any) -> str:
        return f"<{term}>"

    id_prefix, rel_prefix = f"<{base}id/", f"<{base}rel/"
    A = " " + t(RDF.type) + " "
    TYPE_RELATIONSHIP = A + t(PG.Relationship) + " .\n"
    NODE_ID = " " + t(PG.nodeId) + " "
    LABEL = " " + t(RDFS.label) + " "
    ALT = " " + t(SKOS.altLabel) + " "
    SOURCE = " " + t(PG.source) + " "
    DERIVED = " " + t(PROV.wasDerivedFrom) + " "
    SAME_AS = (" " + t(OWL.sameAs) + " ", " " + t(SDO.sameAs) + " ")
    SUBJECT, PREDICATE, OBJECT = (" " + t(x) + " " for x in (RDF.subject, RDF.predicate, RDF.object))
    KEY, REL_TYPE = " " + t(PG.key) + " ", " " + t(PG.relationType) + " "
    ARTICLE_ID = " " + t(PG.articleId) + " "
    NEWS_ARTICLE = A + t(SDO.NewsArticle) + " .\n"
    CONTAINED_IN, LOCATION = t(SDO.containedInPlace), t(SDO.location)
    classes = {label: A + t(cls) + " .\n" for label, cls in LABEL_CLASSES.items()}
    entity = A + t(PG.Entity) + " .\n"
    rel_classes = {typ: A + t(cls) + " .\n" for typ, cls in RELATION_CLASSES.items()}
    schema = {typ: (t(p), inv) for typ, (p, inv) in _SCHEMA_RELATIONS.items()}
    rel_preds: dict[str, str] = {}
    node_terms: dict[str, str] = {}
    texts: dict[str, str] = {}
    others: dict[tuple, str] = {}
    specs: dict[tuple[str, str], tuple[str, int, Maker]] = {}

    def node_term(node_id: str) -> str:
        nt = node_terms.get(node_id)
        if nt is None:
            if len(node_terms) > limit:
                node_terms.clear()
            nt = node_terms[node_id] = f"{id_prefix}{_enc(node_id)}>"
        return nt

    def text(x: str) -> str:
        nt = texts.get(x)
        if nt is None:
            if len(texts) > limit:
                texts.clear()
            nt = texts[x] = _nt_text(x)
        return nt

    def other(make: Maker, x: Any) -> str:
        kind = type(x)
        if kind is not str and kind is not int:  # (a float's -0.0 and 0.0 are one key: not cached)
            return terms(make(x))
        key = (make, kind, x)
        nt = others.get(key)
        if nt is None:
            if len(others) > limit:
                others.clear()
            nt = others[key] = terms(make(x))
        return nt

    def plain_any(x: Any) -> Any:  # the maker of _prop_triples for a key without a term
        return plain_literal(x) if not isinstance(x, str) else _string_literal(x)

    def spec(owner: str, k: str) -> tuple[str, int, Maker]:
        """(`` <predicate> ``, kind, maker): kind 1 a text literal, 2 a plain
        string (for a str), 0 anything else (the maker, then NtTerms)."""
        got = specs.get((owner, k))
        if got is None:
            pm = _LABEL_PROPS.get((owner, k)) or _PROPS.get(k)
            if pm is not None:
                pred, make = pm
            else:
                pred = PGP[_enc(k)]
                make = date_literal if (k.endswith(_DATE_SUFFIXES) or k in _DATE_KEYS) else plain_any
            kind = 1 if make is text_literal else 2 if make in (plain_literal, plain_any) else 0
            if len(specs) > limit:
                specs.clear()
            got = specs[(owner, k)] = (" " + terms.iri(str(pred)) + " ", kind, make)
        return got

    def props_lines(s: str, owner: str, props: dict[str, Any], out: list[str]) -> None:
        for k, v in props.items():
            if k in _SKIP:
                continue
            pred, kind, make = spec(owner, k)
            for x in v if isinstance(v, (list, tuple)) else (v,):
                if x is None:
                    continue
                if type(x) is str:
                    if not x.strip():
                        continue
                    o = text(x) if kind == 1 else _nt_plain(x) if kind == 2 else other(make, x)
                elif isinstance(x, str) and not x.strip():
                    continue
                else:
                    o = other(make, x)
                out.append(f"{s}{pred}{o} .\n")

    def sources(s: str, src: Any, out: list[str]) -> None:
        for x in src if isinstance(src, list) else (src,):
            if isinstance(x, str) and x.strip():
                out.append(s + SOURCE + _nt_plain(portable(x)) + " .\n")

    def article_term(aid: str, out: list[str]) -> str:
        iri, new = arts.iri(aid)
        a = f"<{iri}>"
        if new:
            out.append(a + NEWS_ARTICLE)
            out.append(a + ARTICLE_ID + (_nt_plain(aid) if type(aid) is str else terms(_string_literal(aid))) + " .\n")
        return a

    out: list[str] = []
    for n in store.nodes():
        s = node_term(n.id)
        props = n.props
        out.append(s + classes.get(n.label, entity))
        out.append(s + NODE_ID + (_nt_plain(n.id) if type(n.id) is str else terms(_string_literal(n.id))) + " .\n")
        main, alts = label_texts(n.label, props)
        for x in main:
            out.append(s + LABEL + text(x) + " .\n")
        for x in alts:
            out.append(s + ALT + text(x) + " .\n")
        props_lines(s, n.label, props, out)
        sources(s, props.get("source"), out)
        wd = wikidata_iri(props, n.id)
        if wd is not None:
            w = t(wd) + " .\n"
            out.append(s + SAME_AS[0] + w)
            out.append(s + SAME_AS[1] + w)
        for aid in props.get("articles", []) or []:
            a = article_term(aid, out)
            if a != s:
                out.append(s + DERIVED + a + " .\n")
        if len(out) >= batch:
            yield out
            out = []

    for r in store.relationships():
        s, o = node_term(r.source), node_term(r.target)
        pred = rel_preds.get(r.type)
        if pred is None:
            pred = rel_preds[r.type] = terms.iri(str(RELATION_PREDICATES.get(r.type) or PGP[_enc(r.type)]))
        out.append(f"{s} {pred} {o} .\n")
        if schema_relations:
            if r.type == "LOCATED_IN":
                sp, inverse = (CONTAINED_IN if r.source in places else LOCATION), False
            else:
                sp, inverse = schema.get(r.type, (None, False))
            if sp is not None:
                out.append(f"{o} {sp} {s} .\n" if inverse else f"{s} {sp} {o} .\n")
        ri = f"{rel_prefix}{_enc(r.key).replace('%7C', '/')}>"
        out.append(ri + TYPE_RELATIONSHIP)
        cls = rel_classes.get(r.type)
        if cls is not None:
            out.append(ri + cls)
        out.append(ri + SUBJECT + s + " .\n")
        out.append(ri + PREDICATE + pred + " .\n")
        out.append(ri + OBJECT + o + " .\n")
        out.append(ri + KEY + (_nt_plain(r.key) if type(r.key) is str else terms(_string_literal(r.key))) + " .\n")
        out.append(ri + REL_TYPE + (_nt_plain(r.type) if type(r.type) is str else terms(_string_literal(r.type)))
                   + " .\n")
        props = r.props
        props_lines(ri, r.type, props, out)
        sources(ri, props.get("source"), out)
        for aid in props.get("articles", []) or []:
            out.append(ri + DERIVED + article_term(aid, out) + " .\n")
        if len(out) >= batch:
            yield out
            out = []
    if out:
        yield out


CHUNK_LINES = 200_000  # lines sorted in memory at a time (about 60 MB)
FAN_IN = 64  # runs merged at once: the merge holds a block of each, FAN_IN blocks make a chunk
_OUT_BATCH = 8192  # lines in one batch of sorted output


def sorted_unique(lines: Iterable[str], chunk: int = CHUNK_LINES) -> Iterator[str]:
    """The lines sorted (by code point) with repeats dropped: an external merge
    sort over temporary files of ``chunk`` lines, so memory stays flat however
    many lines there are."""
    for b in _sorted_batches(([line] for line in lines), chunk):
        yield from b


def _sorted_batches(batches: Iterable[list[str]], chunk: int = CHUNK_LINES) -> Iterator[list[str]]:
    """:func:`sorted_unique` of lists of lines, giving lists of lines: every
    line of a list sorts after those of the lists before it. Runs of about
    ``chunk`` lines are sorted in memory (and spilled to temporary files, in
    blocks of ``chunk / FAN_IN`` lines, when there is more than one); the runs
    are merged a block at a time (:func:`_merge_runs`), at most ``FAN_IN`` at
    once (more runs are merged in groups first), so that the merge too holds
    about a chunk of lines, however many there are."""
    import marshal

    buf: list[str] = []
    runs: list[str] = []
    tmp: str | None = None

    block = max(16, chunk // FAN_IN)
    made = 0

    def write_run(blocks: Iterable[list[str]]) -> str:
        """A run file: blocks of lines in marshal's format (written and read back
        by this process only: several times the speed of text lines)."""
        nonlocal tmp, made
        if tmp is None:
            tmp = tempfile.mkdtemp(prefix="policygraph-export-")
        path = os.path.join(tmp, f"run{made}")
        made += 1
        with open(path, "wb") as f:
            for lines in blocks:
                for i in range(0, len(lines), block):
                    part = lines[i : i + block]
                    try:
                        data = marshal.dumps(part)
                    except ValueError:  # a subclass of str: marshal takes str itself
                        data = marshal.dumps([str(x) for x in part])
                    f.write(len(data).to_bytes(8, "little"))
                    f.write(data)
        return path

    def spill() -> None:
        lines = sorted(buf)  # repeats are dropped by the merge
        buf.clear()
        runs.append(write_run([lines]))

    try:
        for b in batches:
            buf += b
            if len(buf) >= chunk:
                spill()
        if not runs:  # everything fits: no temporary files
            out = list(_sort_unique(buf))
            buf.clear()
            for i in range(0, len(out), _OUT_BATCH):
                yield out[i : i + _OUT_BATCH]
            return
        # the last run stays in memory (merged from there: no file written and read back)
        last: list[str] = sorted(buf)
        buf.clear()
        while len(runs) >= FAN_IN:
            group, runs[:FAN_IN] = runs[:FAN_IN], []
            runs.append(write_run(_merge_runs(group)))
            for p in group:
                os.unlink(p)
        yield from _merge_runs(runs, [last[i : i + block] for i in range(0, len(last), block)])
    finally:
        if tmp is not None:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)


def _sort_unique(lines: list[str]) -> Iterable[str]:
    """The lines sorted, each once. Sorted as they come, not from a set: the
    mapping writes them mostly in order (records by id, a record's lines
    together), and the sort makes use of every ascending run it finds (a set's
    order would throw those runs away and cost the sort several times more)."""
    return dict.fromkeys(sorted(lines))


class _Run:
    """A spilled run read back one block (a list of lines) at a time."""

    def __init__(self, path: str) -> None:
        self.f = open(path, "rb")  # noqa: SIM115 (open while the merge reads it; closed by _merge_runs)

    def read(self) -> list[str]:
        """The next block of lines; [] at the end."""
        import marshal

        size = self.f.read(8)
        return marshal.loads(self.f.read(int.from_bytes(size, "little"))) if size else []


class _MemRun:
    """A run held in memory, as a list of blocks."""

    def __init__(self, blocks: list[list[str]]) -> None:
        self.blocks = blocks[::-1]

    def read(self) -> list[str]:
        return self.blocks.pop() if self.blocks else []


def _merge_runs(paths: list[str], in_memory: list[list[str]] | None = None) -> Iterator[list[str]]:
    """The sorted runs in ``paths`` (and the one ``in_memory``, as blocks of
    lines) merged into one sorted sequence without repeats, as lists of lines."""
    from bisect import bisect_right

    runs: list[Any] = [_Run(p) for p in paths]
    if in_memory:
        runs.append(_MemRun(in_memory))
    try:
        bufs: list[list[str]] = [[] for _ in runs]
        pos = [0] * len(runs)
        eof = [False] * len(runs)
        last = None
        while True:
            for i, run in enumerate(runs):
                if pos[i] >= len(bufs[i]) and not eof[i]:
                    bufs[i], pos[i] = run.read(), 0
                    eof[i] = not bufs[i]
            lasts = [bufs[i][-1] for i in range(len(runs)) if not eof[i]]
            cutoff = min(lasts) if lasts else None
            take: list[str] = []
            for i, b in enumerate(bufs):
                p = pos[i]
                if p >= len(b):
                    continue
                k = len(b) if cutoff is None or b[-1] <= cutoff else bisect_right(b, cutoff, p)
                if k > p:
                    take += b[p:k] if p or k < len(b) else b
                    pos[i] = k
            if not take:
                return  # (with a cutoff, its own run gives at least its last line)
            take.sort()
            out = list(dict.fromkeys(take))
            if out[0] == last:  # a line repeated across the end of a block of its run
                del out[0]
                if not out:
                    continue
            last = out[-1]
            yield out
    finally:
        for run in runs:
            if isinstance(run, _Run):
                run.f.close()


TURTLE_PREFIXES = {
    "pg": "https://policygraph.dev/ns#",
    "pgp": "https://policygraph.dev/ns/prop#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


@lru_cache(maxsize=1024)
def _short(iri_term: str) -> str:
    """``<iri>`` as ``prefix:local`` when a prefix fits and the local part is a
    plain name; as it is otherwise."""
    iri = iri_term[1:-1]
    for p, ns in TURTLE_PREFIXES.items():
        if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns):]):
            return f"{p}:{iri[len(ns):]}"
    return iri_term


_NS_TERMS = tuple(f"<{ns}" for ns in TURTLE_PREFIXES.values())  # IRIs that _short may shorten


def _split_nt(line: str) -> tuple[str, str, str]:
    i = line.index(" ")
    j = line.index(" ", i + 1)
    return line[:i], line[i + 1 : j], line[j + 1 : -3]


def _lines_in_batches(lines: Iterable[str], size: int = _OUT_BATCH) -> Iterator[list[str]]:
    buf: list[str] = []
    for line in lines:
        buf.append(line)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def turtle_lines(nt_sorted: Iterable[str]) -> Iterator[str]:
    """Turtle from sorted N-Triples lines: prefixes, one block per subject
    (``;`` between predicates, ``,`` between objects), IRIs of the vocabularies
    as prefixed names, datatypes shortened. Streams: one subject at a time."""
    return _turtle_pieces(_lines_in_batches(nt_sorted))


def _turtle_pieces(batches: Iterable[list[str]]) -> Iterator[str]:
    """:func:`turtle_lines` of lists of sorted N-Triples lines, a piece per list."""
    yield "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in TURTLE_PREFIXES.items())
    preds: dict[str, str] = {}
    subject = predicate = None
    for batch in batches:
        out: list[str] = []
        add = out.append
        for line in batch:
            # subject and predicate are IRIs (no spaces); the object is what is left but " .\n"
            s, p, o = line.split(" ", 2)
            o = o[:-3]
            if o[0] == "<":
                if o.startswith(_NS_TERMS):
                    o = _short(o)
            elif o[-1] == ">" and "^^<" in o:
                lex, _, dt = o.rpartition("^^")
                o = f"{lex}^^{_short(dt)}"
            tp = preds.get(p)
            if tp is None:
                if len(preds) > 4096:
                    preds.clear()
                tp = preds[p] = "a" if p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" else _short(p)
            if s != subject:
                add(f" .\n\n{s} {tp} {o}" if subject is not None else f"\n{s} {tp} {o}")
                subject, predicate = s, tp
            elif tp != predicate:
                add(f" ;\n    {tp} {o}")
                predicate = tp
            else:
                add(f",\n        {o}")
        yield "".join(out)
    if subject is not None:
        yield " .\n"


JSONLD_STREAM_CONTEXT = {
    **JSONLD_CONTEXT,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD_STRING_NT = "<http://www.w3.org/2001/XMLSchema#string>"


def _jsonld_key(iri_term: str) -> str:
    """A predicate or class as a compact IRI (``schema:name``) when a prefix
    of the context fits, else the full IRI."""
    short = _short(iri_term)
    return short if not short.startswith("<") else short[1:-1]


def _jsonld_value(o: str) -> Any:
    """One N-Triples object as a JSON-LD value."""
    if o.startswith("<"):
        return {"@id": o[1:-1]}
    if o.startswith("_:"):
        return {"@id": o}
    end = o.rindex('"')
    lex, rest = o[1:end], o[end + 1 :]
    if "\\" in lex:  # N-Triples escapes: let pyoxigraph read them
        lit = next(iter(ox.parse(f"<urn:x:s> <urn:x:p> {o} .\n".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
        lex = lit.object.value
    if not rest:
        return lex
    if rest.startswith("@"):
        return {"@value": lex, "@language": rest[1:]}
    dt = rest[2:]
    if dt == _XSD_STRING_NT:
        return lex
    return {"@value": lex, "@type": _jsonld_key(dt)}


def jsonld_pieces(nt_sorted: Iterable[str]) -> Iterator[str]:
    """One JSON-LD document from sorted N-Triples lines: the context, then a
    ``@graph`` of one node object per subject (types as ``@type``, predicates
    as compact IRIs, objects as ``@id``, strings, or ``@value`` with
    ``@language`` / ``@type``), written one subject at a time, so memory holds
    one subject's statements, not the graph. The same graph gives the same bytes."""
    return _jsonld_pieces(_lines_in_batches(nt_sorted))


def _jsonld_pieces(batches: Iterable[list[str]]) -> Iterator[str]:
    """:func:`jsonld_pieces` of lists of sorted N-Triples lines, a piece per list."""
    yield '{\n  "@context": ' + json.dumps(JSONLD_STREAM_CONTEXT, ensure_ascii=False, sort_keys=True) + ',\n  "@graph": ['
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    keys: dict[str, str] = {}
    subject: str | None = None
    obj: dict[str, Any] = {}
    sep = "\n    "

    for batch in batches:
        out: list[str] = []
        for line in batch:
            s, p, o = line.split(" ", 2)
            o = o[:-3]
            if s != subject:
                if subject is not None:
                    out.append(sep + dumps(obj))
                    sep = ",\n    "
                subject, obj = s, {"@id": s[1:-1] if s[0] == "<" else s}
            if p == _RDF_TYPE and o[0] == "<":
                key, value = "@type", _jsonld_key(o)
            else:
                key = keys.get(p)
                if key is None:
                    if len(keys) > 4096:
                        keys.clear()
                    key = keys[p] = _jsonld_key(p)
                if o[0] == "<":
                    value = {"@id": o[1:-1]}
                elif o[0] == '"' and "\\" not in o:  # a literal without escapes: read here
                    end = o.rindex('"')
                    if end == len(o) - 1:
                        value = o[1:-1]
                    elif o[end + 1] == "@":
                        value = {"@value": o[1:end], "@language": o[end + 2 :]}
                    else:
                        value = _jsonld_value(o)
                else:
                    value = _jsonld_value(o)
            vals = obj.get(key)
            if vals is None:
                obj[key] = [value]
            else:
                vals.append(value)
        yield "".join(out)
    if subject is not None:
        yield sep + dumps(obj)
    yield "\n  ]\n}\n"


def stream_rdf(store: GraphStore, fmt: str, *, base: str = DEFAULT_BASE, chunk: int = CHUNK_LINES,
               counter: list[int] | None = None) -> Iterator[str]:
    """N-Triples (``nt``), N-Quads (``nquads``: the triples in the default
    graph, so the lines are the N-Triples lines), Turtle (``turtle``) or
    JSON-LD (``jsonld``, :func:`jsonld_pieces`) text of
    the store, piece by piece (a line of N-Triples and N-Quads): triples sorted,
    each once, so the same graph always gives the same bytes; memory flat in
    the size of the graph (one node or relationship at a time, a sort bounded
    by ``chunk`` lines that spills to temporary files). ``counter[0]`` counts
    the triples written."""
    for piece in _pieces(store, fmt, base=base, chunk=chunk, counter=counter):
        if isinstance(piece, list):
            yield from piece
        else:
            yield piece


def _pieces(store: GraphStore, fmt: str, *, base: str = DEFAULT_BASE, chunk: int = CHUNK_LINES,
            counter: list[int] | None = None) -> Iterator[str | list[str]]:
    """What :func:`stream_rdf` writes, as pieces of text or (N-Triples,
    N-Quads) lists of lines."""
    counter = counter if counter is not None else [0]
    kind = FORMATS.get(fmt.lower().strip()) if isinstance(fmt, str) else None
    if kind not in STREAMED:
        raise ExportError(f"format {fmt!r} does not stream; use nt, nquads, turtle or jsonld")

    def counted(batches: Iterator[list[str]]) -> Iterator[list[str]]:
        for b in batches:
            counter[0] += len(b)
            yield b

    # the mapping's lists of lines a fraction of a chunk: the sort's input stays about a chunk
    nt = counted(_sorted_batches(_nt_batches(store, base=base, batch=max(1, min(4096, chunk // 4))), chunk))
    if kind == "turtle":
        yield from _turtle_pieces(nt)
    elif kind == "json-ld":
        yield from _jsonld_pieces(nt)
    else:
        yield from nt


def serialize(g: Graph, fmt: str) -> bytes:
    """``g`` in one of FORMATS, as UTF-8 bytes."""
    rdf_fmt = FORMATS.get(fmt.lower().strip()) if isinstance(fmt, str) else None
    if rdf_fmt is None:
        raise ExportError(f"unknown RDF format {fmt!r}; use one of turtle, jsonld, nt, nquads")
    if rdf_fmt == "nquads":  # the graph is the default graph: its N-Quads lines are its N-Triples lines
        rdf_fmt = "nt"
    if rdf_fmt == "json-ld":
        data = g.serialize(format="json-ld", context=JSONLD_CONTEXT, auto_compact=True, encoding="utf-8")
        # JSON-LD arrays (outside @list and @context) are unordered: sorted, so that
        # two exports of one graph are the same bytes
        doc = _sorted_jsonld(json.loads(data))
        data = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    else:
        data = g.serialize(format=rdf_fmt, encoding="utf-8")
    data = data if isinstance(data, bytes) else data.encode("utf-8")
    if rdf_fmt == "nt":
        # rdflib writes triples in hash order; sorted lines make two exports of one graph the same bytes
        lines = sorted(line for line in data.split(b"\n") if line.strip())
        data = b"\n".join(lines) + (b"\n" if lines else b"")
    return data


def _sorted_jsonld(x: Any, key: str | None = None) -> Any:
    if isinstance(x, dict):
        return {k: (v if k == "@context" else _sorted_jsonld(v, k)) for k, v in x.items()}
    if isinstance(x, list):
        items = [_sorted_jsonld(v) for v in x]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return x


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export_rdf(
    store: GraphStore, fmt: str, out: str | os.PathLike[str] | IO[Any], *, base: str = DEFAULT_BASE
) -> int:
    """Write the store as RDF in ``fmt`` (turtle | jsonld | nt | nquads) to a path or an open file.

    Every format is streamed (:func:`stream_rdf`: sorted, each triple once,
    memory flat in the size of the graph); JSON-LD is one document whose
    ``@graph`` holds one node object per subject, with compact IRIs from
    :data:`JSONLD_STREAM_CONTEXT` (:func:`jsonld_pieces`). A path is written
    atomically (a temporary file renamed over it). Returns the number of
    triples written.
    """
    if not isinstance(fmt, str) or fmt.lower().strip() not in FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}; use one of turtle, jsonld, nt, nquads")
    fmt = fmt.lower().strip()
    counter = [0]
    pieces: Iterable[str] = (
        "".join(p) if isinstance(p, list) else p for p in _pieces(store, fmt, base=base, counter=counter)
    )
    if hasattr(out, "write"):
        try:
            text = isinstance(out, io.TextIOBase)
            for piece in _batched(pieces):
                if text:
                    out.write(piece)
                else:
                    try:
                        out.write(piece.encode("utf-8"))  # type: ignore[arg-type]
                    except TypeError:
                        out.write(piece)  # type: ignore[arg-type]
            if hasattr(out, "flush"):
                out.flush()
        except (OSError, ValueError) as e:
            raise ExportError(f"cannot write RDF to {getattr(out, 'name', 'stream')}: {e}") from None
        return counter[0]
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"cannot write RDF to {path}: is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise ExportError(f"cannot write RDF to {path}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            for piece in _batched(pieces):
                f.write(piece)
        # mkstemp makes the file private; give it the mode a plain open() would
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise ExportError(f"cannot write RDF to {path}: {e.strerror or e}") from None
        raise
    return counter[0]


def _batched(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Pieces joined into writes of about ``size`` characters."""
    buf: list[str] = []
    n = 0
    for p in pieces:
        buf.append(p)
        n += len(p)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)


__all__ = [
    "DEFAULT_BASE",
    "FORMATS",
    "JSONLD_CONTEXT",
    "node_iri",
    "rel_iri",
    "lang_of",
    "date_literal",
    "to_rdf",
    "iter_triples",
    "labels",
    "wikidata_iri",
    "SourceMapper",
    "serialize",
    "export_rdf",
    "stream_rdf",
    "ntriples_lines",
    "NtTerms",
    "jsonld_pieces",
    "JSONLD_STREAM_CONTEXT",
    "STREAMED",
    "sorted_unique",
    "turtle_lines",
    "OxConverter",
    "MAPPING_VERSION",
]
