"""SPARQL over the graph without a server: pyoxigraph, in step with the store.

``query(store, text, params)`` runs a SPARQL 1.1 query over the store's RDF
export (the mapping of :mod:`policygraph.export`, documented in
docs/vocabulary.md). The RDF lives in a pyoxigraph store:

* for the embedded SQLite store, a pyoxigraph (RocksDB) store kept beside the
  database file (``policygraph.db`` -> ``policygraph.db.sparql/``), rebuilt on
  demand when the graph changed. "Changed" is decided by a digest of the
  merged graph as stored (every node and relationship row, plus the export
  mapping's version and base IRI), so the cache is right whoever wrote to the
  store (the CLI, a notebook, another process) and loads never pay for it;
* for any other store (Neo4j, ``:memory:``), an in-memory pyoxigraph store
  built for the query.

Parameters are bound with pyoxigraph's substitutions (SEP-0007): a query text
is never built from input. :func:`term` turns Python values and
N-Triples-style strings into RDF terms; :func:`node_term` names a node of the
graph by its store id.

Results: :class:`Result` holds the variables and rows (pyoxigraph terms);
``Result.values()`` gives plain Python values; :func:`write_result` prints a
table, CSV, TSV or SPARQL JSON.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import unicodedata
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from .errors import SparqlError, StoreError
from .export import DEFAULT_BASE, MAPPING_VERSION, WIKIDATA, OxConverter, iter_triples, node_iri
from .stores.base import GraphStore
from .vocab import NS, PROP_NS

CACHE_SUFFIX = ".sparql"
_STATE_FILE = "policygraph-state"

# Prefixes every query may use without declaring them (a query's own PREFIX
# lines take precedence). ``id:`` and ``rel:`` follow the base IRI.
XSD_NS = "http://www.w3.org/2001/XMLSchema#"


def default_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    return {
        "pg": NS,
        "pgp": PROP_NS,
        "id": f"{base}id/",
        "rel": f"{base}rel/",
        "schema": "https://schema.org/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": XSD_NS,
        "prov": "http://www.w3.org/ns/prov#",
        "dcterms": "http://purl.org/dc/terms/",
        "wd": WIKIDATA,
    }


# ----------------------------------------------------------------------------
# terms


_Converter = OxConverter


def ox_triples(store: GraphStore, base: str = DEFAULT_BASE) -> Iterator[ox.Triple]:
    """The store's RDF export as pyoxigraph triples, streamed (repeats included)."""
    conv = _Converter()
    for s, p, o in iter_triples(store, base=base):
        yield ox.Triple(conv(s), conv(p), conv(o))


def term(value: Any) -> Any:
    """A Python value as an RDF term for a query parameter.

    * ``bool`` -> xsd:boolean, ``int`` -> xsd:integer, ``float`` -> xsd:double,
      ``Decimal`` -> xsd:decimal;
    * rdflib and pyoxigraph terms as they are;
    * a string in N-Triples syntax: ``<https://...>`` an IRI,
      ``"안덕근"@ko`` or ``"2024-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>``
      a literal (parsed as RDF, never pasted into a query);
    * any other string: a plain string literal.
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, (URIRef, Literal, BNode)):
        return _Converter()(value)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD_NS + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD_NS + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD_NS + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD_NS + "decimal"))
    if isinstance(value, str):
        s = value.strip()
        if s.startswith("<") or s.startswith('"'):
            return _parse_term(s)
        return ox.Literal(value)
    raise SparqlError(f"parameter value {value!r}: not a string, number, boolean or RDF term")


def _parse_term(text: str) -> Any:
    """One RDF term in N-Triples syntax, parsed by pyoxigraph's N-Triples parser."""
    doc = f"<urn:x-policygraph:s> <urn:x-policygraph:p> {text} .\n".encode("utf-8")
    try:
        triples = list(ox.parse(doc, format=ox.RdfFormat.N_TRIPLES))
    except (SyntaxError, ValueError) as e:
        raise SparqlError(f"parameter value {text!r} is not an IRI <...> or a literal \"...\": {e}") from None
    if len(triples) != 1:
        raise SparqlError(f"parameter value {text!r} is not one RDF term")
    return triples[0].object


def node_term(node_id: str, base: str = DEFAULT_BASE) -> ox.NamedNode:
    """The IRI of a graph node, by its store id (``org:msit``, ``person:강도현@msit``)."""
    return ox.NamedNode(str(node_iri(node_id, base)))


def _substitutions(params: Mapping[str, Any] | None) -> dict[ox.Variable, Any]:
    subs: dict[ox.Variable, Any] = {}
    for k, v in (params or {}).items():
        name = k[1:] if k.startswith(("?", "$")) else k
        if not name or not all(c.isalnum() or c == "_" for c in name):
            raise SparqlError(f"parameter name {k!r} is not a SPARQL variable name")
        subs[ox.Variable(name)] = term(v)
    return subs


def parse_params(
    pairs: Iterable[str] = (), nodes: Iterable[str] = (), *, store: GraphStore | None = None,
    base: str = DEFAULT_BASE,
) -> dict[str, Any]:
    """``key=value`` strings (the CLI's ``-p``) and ``key=NODE_ID`` strings (``--node``)
    -> parameters for :func:`query`. A ``-p`` value that is a JSON number becomes
    a number, one in N-Triples syntax (``<iri>``, ``"text"@ko``) that term, any
    other a plain string. A ``--node`` value is a node id; with ``store``, an id
    the store does not hold is an error."""
    out: dict[str, Any] = {}
    for p in pairs:
        k, v = _split_pair(p, "--param")
        try:
            num = json.loads(v)
        except ValueError:
            num = None
        out[k] = num if isinstance(num, (int, float)) and not isinstance(num, bool) else v
    for p in nodes:
        k, v = _split_pair(p, "--node")
        if store is not None and store.node(v) is None:
            raise SparqlError(f"--node {k}={v}: the store has no node with id {v!r} (policygraph show NAME finds ids)")
        out[k] = node_term(v, base)
    _substitutions(out)  # every name and value is checked now
    return out


def _split_pair(p: str, opt: str) -> tuple[str, str]:
    if "=" not in p:
        raise SparqlError(f"{opt} {p!r} is not key=value")
    k, v = p.split("=", 1)
    return k.strip(), v


# ----------------------------------------------------------------------------
# the pyoxigraph store, in step with the graph store


def graph_state(store: GraphStore, base: str = DEFAULT_BASE) -> str:
    """A digest of the store's merged graph and of the export mapping: equal
    digests give equal RDF. The SQLite store is read row by row as stored
    (about 2% of the time an RDF rebuild takes); other stores through
    ``nodes()`` / ``relationships()``."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{MAPPING_VERSION}\x1f{base}\x1e".encode())
    conn = getattr(store, "conn", None)
    from .stores.sqlite import SQLiteStore, _BOTH_ENDS

    if isinstance(store, SQLiteStore) and conn is not None:
        try:
            for row in conn.execute("SELECT id, label, props_json FROM node ORDER BY id"):
                h.update("\x1f".join(row).encode("utf-8"))
                h.update(b"\x1e")
            h.update(b"\x1d")
            for row in conn.execute(
                f"SELECT key, type, source, target, props_json FROM rel WHERE {_BOTH_ENDS} ORDER BY key"
            ):
                h.update("\x1f".join(row).encode("utf-8"))
                h.update(b"\x1e")
        except Exception as e:  # sqlite3.Error
            raise StoreError(f"{store.describe()}: cannot read: {e}") from None
        return h.hexdigest()
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
    for n in store.nodes():
        h.update(dumps([n.id, n.label, n.props]).encode("utf-8"))
    h.update(b"\x1d")
    for r in store.relationships():
        h.update(dumps([r.key, r.type, r.source, r.target, r.props]).encode("utf-8"))
    return h.hexdigest()


def cache_path(store: GraphStore) -> Path | None:
    """Where the pyoxigraph store of a SQLite store file lives; None for stores
    that have no file (Neo4j, ``:memory:``)."""
    path = getattr(store, "path", None)
    if not isinstance(path, str) or path == ":memory:" or getattr(store, "name", "") != "sqlite":
        return None
    return Path(path + CACHE_SUFFIX)


@dataclass
class SparqlStore:
    """A pyoxigraph store holding a graph store's RDF, and how it was obtained."""

    ox_store: ox.Store
    state: str | None
    path: Path | None  # None: in memory
    rebuilt: bool
    base: str = DEFAULT_BASE
    triples: int = field(default=0)


def _fill(target: ox.Store, store: GraphStore, base: str) -> None:
    # bulk_extend skips transactions (the target is private until built);
    # repeated triples of the stream collapse in the store
    target.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox_triples(store, base))


def open_sparql(store: GraphStore, *, base: str = DEFAULT_BASE, cache: bool = True) -> SparqlStore:
    """The pyoxigraph store for ``store``: the cached one beside a SQLite file
    when its state matches, else a fresh one (written to the cache when it can
    be; in memory otherwise)."""
    where = cache_path(store) if cache else None
    if where is None:
        mem = ox.Store()
        _fill(mem, store, base)
        return SparqlStore(mem, None, None, True, base, len(mem))
    state = graph_state(store, base)
    try:
        saved = (where / _STATE_FILE).read_text(encoding="utf-8").split()
        if saved and saved[0] == state:
            ro = ox.Store.read_only(str(where))
            return SparqlStore(ro, state, where, False, base, int(saved[1]) if len(saved) > 1 else len(ro))
    except (OSError, ValueError):
        pass
    tmp = where.with_name(f"{where.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        built = ox.Store(str(tmp))
        _fill(built, store, base)
        built.flush()
        n = len(built)
        del built
        (tmp / _STATE_FILE).write_text(f"{state}\n{n}\n", encoding="utf-8")
        old = None
        if where.exists():
            old = where.with_name(f"{where.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}")
            os.replace(where, old)
        os.replace(tmp, where)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        ro = ox.Store.read_only(str(where))
        return SparqlStore(ro, state, where, True, base, n)
    except OSError:
        # no room or no right to write beside the store: query from memory
        shutil.rmtree(tmp, ignore_errors=True)
        mem = ox.Store()
        _fill(mem, store, base)
        return SparqlStore(mem, state, None, True, base, len(mem))


# ----------------------------------------------------------------------------
# queries


@dataclass
class Result:
    """A query's answer. ``kind``: "select" (``variables`` and ``rows``), "ask"
    (``boolean``) or "graph" (CONSTRUCT/DESCRIBE: ``triples``)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)  # pyoxigraph terms, None when unbound
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def values(self) -> list[tuple[Any, ...]]:
        """Rows as plain Python values: IRIs as str, literals by datatype
        (integer -> int, decimal/double/float -> float, boolean -> bool, else
        the lexical form), unbound -> None."""
        return [tuple(python_value(t) for t in row) for row in self.rows]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.variables, row)) for row in self.values()]


_INT_TYPES = {XSD_NS + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "unsignedInt", "unsignedLong")}
_FLOAT_TYPES = {XSD_NS + t for t in ("decimal", "double", "float")}


def python_value(t: Any) -> Any:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return t.value
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if t.datatype is not None else None
        if dt in _INT_TYPES:
            return int(t.value)
        if dt in _FLOAT_TYPES:
            return float(t.value)
        if dt == XSD_NS + "boolean":
            return t.value in ("true", "1")
        return t.value
    return str(t)


def query(
    store: GraphStore,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    base: str = DEFAULT_BASE,
    cache: bool = True,
) -> Result:
    """Run one SPARQL 1.1 query over ``store``'s RDF. ``params``: variable name
    -> value (see :func:`term`), bound by substitution, never pasted into the
    text. Raises SparqlError on a bad query or parameter."""
    subs = _substitutions(params)
    sp = open_sparql(store, base=base, cache=cache)
    return run(sp.ox_store, text, subs, base=base)


def run(target: ox.Store, text: str, subs: Mapping[ox.Variable, Any] | None = None, *,
        base: str = DEFAULT_BASE) -> Result:
    """One query on a pyoxigraph store."""
    try:
        res = target.query(text, prefixes=default_prefixes(base), substitutions=dict(subs or {}))
        if isinstance(res, ox.QueryBoolean):
            return Result("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            variables = [v.value for v in res.variables]
            rows = [[sol[i] for i in range(len(variables))] for sol in res]
            return Result("select", variables=variables, rows=rows)
        return Result("graph", triples=list(res))
    except SyntaxError as e:
        raise SparqlError(f"SPARQL syntax error: {_one_line(e)}") from None
    except (OSError, ValueError, RuntimeError) as e:
        raise SparqlError(f"SPARQL query failed: {_one_line(e)}") from None


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())


# ----------------------------------------------------------------------------
# the query library (package data: policygraph/data/sparql/*.rq)


@dataclass
class LibraryQuery:
    """A named query of the library. ``question``: what it answers (its first
    comment lines); ``examples``: the parameters it takes, each with the value
    the cookbook uses on the bundled examples (``("node", "org:msit")`` or
    ``("value", "...")``)."""

    name: str
    question: str
    examples: dict[str, tuple[str, str]]
    text: str

    def example_params(self, base: str = DEFAULT_BASE) -> dict[str, Any]:
        return {k: node_term(v, base) if kind == "node" else v for k, (kind, v) in self.examples.items()}


def library() -> dict[str, LibraryQuery]:
    """The named SPARQL queries shipped with policygraph, by name (docs/sparql.md)."""
    from importlib import resources

    folder = resources.files("policygraph").joinpath("data", "sparql")
    out: dict[str, LibraryQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        question: list[str] = []
        examples: dict[str, tuple[str, str]] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            body = line[1:].strip()
            if body.startswith("param:"):
                k, _, v = body[len("param:"):].partition("=")
                v = v.strip()
                kind, _, val = v.partition(" ")
                examples[k.strip()] = ("node", val.strip()) if kind == "node" else ("value", v)
            else:
                question.append(body)
        name = entry.name[: -len(".rq")]
        out[name] = LibraryQuery(name, " ".join(question), examples, text)
    return out


def library_query(name: str) -> LibraryQuery:
    lib = library()
    q = lib.get(name)
    if q is None:
        raise SparqlError(f"no SPARQL query named {name!r}; known: {', '.join(lib)}")
    return q


# ----------------------------------------------------------------------------
# output

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")


def _display(t: Any, prefixes: dict[str, str]) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        iri = t.value
        for p, ns in prefixes.items():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{p}:{iri[len(ns):]}"
        return iri
    if isinstance(t, ox.Literal):
        return t.value
    return str(t)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 0 if unicodedata.combining(c) else 1
               for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def format_table(result: Result, base: str = DEFAULT_BASE, max_width: int = 80) -> str:
    """A plain-text table (IRIs shortened with the default prefixes, literals
    by their text), East Asian wide characters counted as two columns."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    prefixes = {k: v for k, v in default_prefixes(base).items() if k not in ("pg", "pgp")}
    prefixes = {"id": prefixes.pop("id"), "rel": prefixes.pop("rel"), "pg": NS, "pgp": PROP_NS, **prefixes}
    if result.kind == "graph":
        return "\n".join(f"{_display(t.subject, prefixes)}  {_display(t.predicate, prefixes)}  "
                         f"{_display(t.object, prefixes)}" for t in result.triples)
    cells = [[_clip(_display(t, prefixes).replace("\n", " "), max_width) for t in row] for row in result.rows]
    head = result.variables
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(head)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(head, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines)


def _clip(s: str, n: int) -> str:
    if _width(s) <= n:
        return s
    out, w = [], 0
    for c in s:
        cw = _width(c)
        if w + cw > n - 1:
            break
        out.append(c)
        w += cw
    return "".join(out) + "…"


def write_result(result: Result, fmt: str, out: IO[str], *, base: str = DEFAULT_BASE) -> None:
    """Print ``result`` as ``table``, ``csv``, ``tsv`` (SPARQL 1.1 CSV/TSV results)
    or ``json`` (SPARQL 1.1 JSON results); a CONSTRUCT/DESCRIBE result prints
    N-Triples for csv/tsv/json."""
    if fmt not in OUTPUT_FORMATS:
        raise SparqlError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    if fmt == "table":
        out.write(format_table(result, base) + "\n")
        return
    if result.kind == "graph":
        buf = io.BytesIO()
        ox.serialize(result.triples, buf, ox.RdfFormat.N_TRIPLES)
        out.write(buf.getvalue().decode("utf-8"))
        return
    if fmt == "json":
        if result.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
        else:
            doc = {"head": {"vars": result.variables}, "results": {"bindings": [
                {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows
            ]}}
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return
    if result.kind == "ask":
        out.write(("true" if result.boolean else "false") + "\n")
        return
    if fmt == "csv":
        import csv

        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow(["" if t is None else (t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else str(t))
                        for t in row])
        return
    out.write("\t".join("?" + v for v in result.variables) + "\n")
    for row in result.rows:
        out.write("\t".join("" if t is None else str(t) for t in row) + "\n")


def _json_term(t: Any) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype is not None and t.datatype.value != XSD_NS + "string":
        d["datatype"] = t.datatype.value
    return d


__all__ = [
    "CACHE_SUFFIX",
    "OUTPUT_FORMATS",
    "Result",
    "SparqlStore",
    "cache_path",
    "default_prefixes",
    "format_table",
    "graph_state",
    "node_term",
    "LibraryQuery",
    "library",
    "library_query",
    "open_sparql",
    "parse_params",
    "ox_triples",
    "python_value",
    "query",
    "run",
    "term",
    "write_result",
]
