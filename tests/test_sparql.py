"""SPARQL without a server (policygraph.sparql, `policygraph sparql`).

* every query of the SPARQL library gives the same answers as an independent
  computation over the store's nodes and relationships (no RDF involved), on
  the bundled examples and on the development corpus, for many parameter
  values;
* the pyoxigraph store beside the SQLite file follows the store: rebuilt when
  the graph changed, reused when not;
* parameters are bound, never pasted: a value full of SPARQL is a literal;
* the CLI prints tables, CSV, TSV and SPARQL JSON, and errors in one line.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from graphs import MINISTER, MINISTRY, a1, a1_v2, a2
from policygraph import pipeline, sparql
from policygraph.cli import app
from policygraph.errors import SparqlError
from policygraph.export import DEFAULT_BASE, node_iri
from policygraph.gazetteer import Gazetteer
from policygraph.stores.base import GraphStore
from policygraph.stores.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles"
LIB = sparql.library()
runner = CliRunner()


# ----------------------------------------------------------------------------
# an independent reading of the store: plain records, no RDF


class Plain:
    """The store's merged graph as dicts, and the answers of each library
    question computed from them."""

    def __init__(self, store: GraphStore):
        self.nodes = {n.id: n for n in store.nodes()}
        self.rels = list(store.relationships())
        self.by_type: dict[str, list] = defaultdict(list)
        for r in self.rels:
            self.by_type[r.type].append(r)
        self.article_by_aid = {n.props.get("article_id"): n for n in self.nodes.values() if n.label == "Article"}

    # -- helpers ---------------------------------------------------------------
    def label(self, nid: str) -> str:
        return self.nodes[nid].label

    def name(self, nid: str) -> str | None:
        """The Korean name, else the English one, else the name."""
        p = self.nodes[nid].props
        names = [v for k in ("name_ko", "name_en", "name") for v in _strs(p.get(k))]
        for pattern in (r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]", r"[A-Za-z\u00c0-\u024f]"):
            for v in names:
                if re.search(pattern, v):
                    return v
        return names[0] if names else None

    def targets(self, rtype: str, source: str) -> set[str]:
        return {r.target for r in self.by_type[rtype] if r.source == source}

    def up(self, nid: str) -> set[str]:
        """nid and every node it lies in (LOCATED_IN*)."""
        seen, todo = {nid}, [nid]
        while todo:
            for t in self.targets("LOCATED_IN", todo.pop()):
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        return seen

    # -- the questions -----------------------------------------------------------
    def who_met_whom(self, person: str) -> list[tuple]:
        out = []
        for e in self.targets("PARTICIPATED_IN", person):
            for r in self.by_type["PARTICIPATED_IN"]:
                if r.target == e and r.source != person and self.label(r.source) == "Person":
                    out.append((person, r.source, self.name(r.source), e, self.name(e)))
        return out

    def frequent_invitees(self, org: str) -> list[tuple]:
        per_guest: dict[str, set[str]] = defaultdict(set)
        for e in self.targets("ORGANIZED", org):
            guests = {r.source for r in self.by_type["PARTICIPATED_IN"]
                      if r.target == e and self.label(r.source) == "Organization"}
            for r in self.by_type["PARTICIPATED_IN"]:
                if r.target == e and self.label(r.source) == "Person":
                    guests |= {g for g in self.targets("HOLDS_POSITION", r.source) if self.label(g) == "Organization"}
            for g in guests:
                if g != org and e not in self.targets("ORGANIZED", g):
                    per_guest[g].add(e)
        return [(org, g, self.name(g), self.nodes[g].props.get("category"), len(es)) for g, es in per_guest.items()]

    def _positions(self, keep: Callable[[Any], bool]) -> list:
        return [(r, t) for r in self.by_type["HOLDS_POSITION"] if keep(r) for t in _strs(r.props.get("title"))]

    def positions_over_time(self, person: str) -> list[tuple]:
        return [(person, t, r.target, self.name(r.target), r.props.get("first_seen"), r.props.get("last_seen"))
                for r, t in self._positions(lambda r: r.source == person)]

    def organization_people(self, org: str) -> list[tuple]:
        return [(org, r.source, self.name(r.source), t, r.props.get("last_seen"))
                for r, t in self._positions(lambda r: r.target == org)]

    def events_by_month(self) -> list[tuple]:
        months: dict[str, set[str]] = defaultdict(set)
        for n in self.nodes.values():
            start = n.props.get("start_date")
            if n.label == "Event" and isinstance(start, str) and len(start) >= 7:
                months[start[:7]].add(n.id)
        return [(m, len(es)) for m, es in months.items()]

    def _countries(self, event: str) -> set[str]:
        return {c for v in self.targets("HELD_AT", event) for c in self.up(v)
                if c in self.nodes and self.nodes[c].props.get("kind") == "country"}

    def events_by_country(self) -> list[tuple]:
        per: dict[str, set[str]] = defaultdict(set)
        for n in self.nodes.values():
            if n.label == "Event":
                for c in self._countries(n.id):
                    per[c].add(n.id)
        return [(c, self.name(c), len(es)) for c, es in per.items()]

    def events_abroad(self, home: str) -> list[tuple]:
        return [(home, n.id, self.name(n.id), n.props.get("start_date"), c)
                for n in self.nodes.values() if n.label == "Event" for c in self._countries(n.id) if c != home]

    def top_hosts(self) -> list[tuple]:
        per: dict[str, set[str]] = defaultdict(set)
        for r in self.by_type["ORGANIZED"]:
            if self.label(r.source) == "Organization":
                per[r.source].add(r.target)
        return [(o, self.name(o), len(es)) for o, es in per.items()]

    def what_official_said(self, person: str) -> list[tuple]:
        out = []
        for q in self.targets("SAID", person):
            for text in _strs(self.nodes[q].props.get("text")):
                for aid in self.nodes[q].props["articles"]:
                    art = self.article_by_aid.get(aid)
                    if art is not None and art.id == q:
                        continue
                    out.append((person, text, aid, art.props.get("published") if art else None))
        return out

    def articles_reporting_event(self, event: str) -> list[tuple]:
        out = []
        for r in self.by_type["REPORTS"]:
            if r.target == event:
                p = self.nodes[r.source].props
                out.append((event, p.get("article_id"), p.get("title"), p.get("lang"), p.get("published"),
                            p.get("source")))
        return out

    def event_participants(self, event: str) -> list[tuple]:
        kinds = {"Person": "person", "Organization": "organization"}
        out = []
        for r in self.by_type["PARTICIPATED_IN"]:
            if r.target == event and self.label(r.source) in kinds:
                roles = sorted(set(_strs(r.props.get("role")) + _strs(r.props.get("roles")))) or [None]
                out += [(event, r.source, self.name(r.source), kinds[self.label(r.source)], role) for role in roles]
        return out

    def co_participation(self) -> list[tuple]:
        at: dict[str, set[str]] = defaultdict(set)
        for t in ("PARTICIPATED_IN", "ORGANIZED"):
            for r in self.by_type[t]:
                if self.label(r.source) == "Organization":
                    at[r.target].add(r.source)
        pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
        for e, orgs in at.items():
            for a in orgs:
                for b in orgs:
                    if a < b:
                        pairs[(a, b)].add(e)
        return [(a, b, len(es)) for (a, b), es in pairs.items()]

    def mentions_by_month(self, entity: str) -> list[tuple]:
        per: dict[str, set[str]] = defaultdict(set)
        for r in self.by_type["MENTIONS"]:
            published = self.nodes[r.source].props.get("published")
            if r.target == entity and isinstance(published, str):
                per[_norm(published)[:7]].add(r.source)
        return [(entity, m, len(arts)) for m, arts in per.items()]

    def entity_names(self, entity: str) -> list[tuple]:
        raise NotImplementedError  # checked by its own rules below


def _strs(v: Any) -> list[str]:
    vals = v if isinstance(v, list) else [v]
    return [x.strip() for x in vals if isinstance(x, str) and x.strip()]


def _norm(v: Any) -> Any:
    """ISO date-times as one spelling ('2024-05-22 14:30' == '2024-05-22T14:30:00')."""
    if isinstance(v, str) and re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", v):
        try:
            return datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
        except ValueError:
            return v
    return v


# which question takes which parameter, and how to pick values for it
PARAM_NODES: dict[str, Callable[[Plain], list[str]]] = {
    "person": lambda p: sorted({r.source for r in p.rels if p.label(r.source) == "Person"}),
    "org": lambda p: sorted({n for n, x in p.nodes.items() if x.label == "Organization"}),
    "event": lambda p: sorted({n for n, x in p.nodes.items() if x.label == "Event"}),
    "entity": lambda p: sorted(n for n, x in p.nodes.items() if x.label in ("Organization", "Person", "Place")),
    "home": lambda p: sorted(n for n, x in p.nodes.items() if x.props.get("kind") == "country"),
}
MAX_VALUES = 8  # parameter values tried per query and corpus (most connected first)


def _values(plain: Plain, param: str) -> list[str]:
    degree = Counter()
    for r in plain.rels:
        degree[r.source] += 1
        degree[r.target] += 1
    cands = PARAM_NODES[param](plain)
    return sorted(cands, key=lambda n: (-degree[n], n))[:MAX_VALUES]


def _row_values(result: sparql.Result) -> list[tuple]:
    """SPARQL rows in the shape of Plain's: node IRIs as ids, dates normalised."""
    prefix = f"{DEFAULT_BASE}id/"
    out = []
    for row in result.values():
        vals = []
        for var, v in zip(result.variables, row):
            if isinstance(v, str) and v.startswith(prefix):
                v = _IRI_TO_ID.get(v, v)
            vals.append(_norm(v))
        out.append(tuple(vals))
    return out


_IRI_TO_ID: dict[str, str] = {}


def _key(row: tuple) -> tuple:
    return tuple((x is None, str(x)) for x in row)


# the columns each query sorts on (positions in the row), with their direction
ORDER = {
    "who_met_whom": [(1, 1), (3, 1)],
    "frequent_invitees": [(4, -1), (1, 1)],
    "positions_over_time": [(4, 1), (2, 1)],
    "organization_people": [(1, 1)],
    "events_by_month": [(0, 1)],
    "events_by_country": [(2, -1), (0, 1)],
    "events_abroad": [(3, 1)],
    "top_hosts": [(2, -1), (0, 1)],
    "what_official_said": [(3, 1)],
    "articles_reporting_event": [(4, 1)],
    "event_participants": [(3, 1), (1, 1)],
    "co_participation": [(2, -1), (0, 1), (1, 1)],
    "mentions_by_month": [(1, 1)],
}


def _check_order(name: str, rows: list[tuple]) -> None:
    """The rows come in the order the query's ORDER BY says (counts may descend)."""
    def key(r: tuple) -> tuple:
        return tuple(d * r[i] if isinstance(r[i], int) else ("" if r[i] is None else str(r[i])) for i, d in ORDER[name])

    keys = [key(r) for r in rows]
    assert keys == sorted(keys), name


def check_library(store: GraphStore, plain: Plain) -> int:
    """Run every library query (each parameterised one for several values) and
    compare with Plain; returns the number of query runs compared."""
    _IRI_TO_ID.clear()
    _IRI_TO_ID.update({str(node_iri(n)): n for n in plain.nodes})
    runs = 0
    for name, q in LIB.items():
        if name == "entity_names":
            continue
        assert name in ORDER, f"add the expected answer of {name} to Plain and ORDER"
        params = list(q.examples)
        combos: list[dict[str, str]] = [{}]
        if params:
            assert len(params) == 1, name
            combos = [{params[0]: v} for v in _values(plain, params[0])]
        for combo in combos:
            result = sparql.query(store, q.text, {k: sparql.node_term(v) for k, v in combo.items()})
            got = _row_values(result)
            expected = [tuple(_norm(x) for x in row) for row in getattr(plain, name)(*combo.values())]
            if name == "articles_reporting_event":  # sources: the path as given, never absolute
                for g, e in zip(sorted(got, key=_key), sorted(expected, key=_key)):
                    assert g[5] is None or (not g[5].startswith("/") and e[5].endswith(g[5])), (g[5], e[5])
                got = [g[:5] for g in got]
                expected = [e[:5] for e in expected]
            assert sorted(got, key=_key) == sorted(expected, key=_key), (name, combo)
            _check_order(name, got)
            runs += 1
    return runs


def check_entity_names(store: GraphStore, plain: Plain, ids: list[str]) -> None:
    gz = Gazetteer.load()
    for nid in ids:
        rows = sparql.query(store, LIB["entity_names"].text, {"entity": sparql.node_term(nid)}).values()
        p = plain.nodes[nid].props
        names = {v for k in ("name", "name_ko", "name_en", "aliases") for v in _strs(p.get(k))}
        labels = [(lang, name) for _, kind, lang, name in rows if kind == "label"]
        aliases = [(lang, name) for _, kind, lang, name in rows if kind == "alias"]
        assert {n for _, n in labels} | {n for _, n in aliases} == names, nid
        assert len({lang for lang, _ in labels}) == len(labels) >= 1, nid
        for lang, n in labels + aliases:
            has_ko = bool(re.search(r"[\uac00-\ud7a3]", n))
            assert lang == ("ko" if has_ko else "en" if re.search(r"[A-Za-z]", n) else ""), (nid, lang, n)
        entry = gz.get(p.get("gazetteer_id") or nid)
        qid = p.get("wikidata") or (entry.wikidata if entry else None)
        wd = [n for _, kind, _, n in rows if kind == "wikidata"]
        assert wd == ([f"http://www.wikidata.org/entity/{qid}"] if qid else []), nid


def test_library_matches_store_on_examples(examples_db: Path) -> None:
    with SQLiteStore(examples_db) as s:
        plain = Plain(s)
        assert check_library(s, plain) >= 30
        check_entity_names(s, plain, sorted(n for n, x in plain.nodes.items() if x.label != "Article"))
        # the cookbook's examples are not empty where the examples have an answer
        for name in ("who_met_whom", "frequent_invitees", "positions_over_time", "events_by_month",
                     "events_by_country", "top_hosts", "what_official_said", "articles_reporting_event",
                     "event_participants", "organization_people", "co_participation", "mentions_by_month"):
            q = LIB[name]
            assert sparql.query(s, q.text, q.example_params()).rows, name


@pytest.fixture(scope="module")
def dev_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not DEV.is_dir():  # pragma: no cover - the corpus sits beside the repository
        pytest.fail(f"development corpus {DEV} not found")
    path = tmp_path_factory.mktemp("dev") / "dev.db"
    with SQLiteStore(path) as s:
        report = pipeline.load([DEV], s)
        assert report.ok, report.summary()
    return path


def test_library_matches_store_on_dev_corpus(dev_db: Path) -> None:
    with SQLiteStore(dev_db) as s:
        plain = Plain(s)
        runs = check_library(s, plain)
        assert runs >= 60
        # the questions have answers on a real corpus, abroad included
        assert plain.events_abroad("place:south-korea") and plain.co_participation()
        check_entity_names(s, plain, _values(plain, "entity"))


def test_cookbook_shows_the_library() -> None:
    doc = (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")
    assert len(LIB) >= 10
    for name, q in LIB.items():
        body = "\n".join(line for line in q.text.split("\n") if not line.startswith("#")).strip()
        assert f"## {name}\n" in doc and body in doc, f"docs/sparql.md is stale for {name}: run docs/make_sparql_cookbook.py"


# ----------------------------------------------------------------------------
# the pyoxigraph store follows the graph store


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TITLES = """SELECT ?person ?title WHERE { ?pos a pg:Position ; rdf:subject ?person ; schema:jobTitle ?title }
            ORDER BY ?title"""


def test_cache_follows_the_store(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    with SQLiteStore(db) as s:
        s.replace_articles([a1()])
        first = sparql.open_sparql(s)
        assert first.rebuilt and first.path == Path(str(db) + ".sparql") and first.path.is_dir()
        n1 = first.triples
        del first
        again = sparql.open_sparql(s)
        assert not again.rebuilt and again.triples == n1
        del again
        person = {"person": sparql.node_term(MINISTER)}
        assert sparql.query(s, TITLES, person).values() == [(str(node_iri(MINISTER)), "장관")]
        s.replace_articles([a2()])  # a write: the next query sees it
        assert sparql.query(s, TITLES, person).values() == [
            (str(node_iri(MINISTER)), "장관"), (str(node_iri(MINISTER)), "통상교섭본부장")]
        s.replace_articles([a1_v2()])  # a changed article replaces what it said
        s.delete_articles(["motie-002"])
        rows = sparql.query(s, TITLES, person).values()
        assert rows == [(str(node_iri(MINISTER)), "장관")]
        s.clear()
        assert sparql.query(s, COUNT).values() == [(0,)]
    # another process's write (another connection) is seen too
    with SQLiteStore(db) as s:
        s.replace_articles([a1(), a2()])
    with SQLiteStore(db) as s:
        sp = sparql.open_sparql(s)
        assert sp.rebuilt and sp.triples > 0
        assert sorted(p.name for p in tmp_path.iterdir()) == ["g.db", "g.db-shm", "g.db-wal", "g.db.sparql"]


def test_state_is_content_not_history(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.db") as x, SQLiteStore(tmp_path / "b.db") as y:
        x.replace_articles([a1(), a2()])
        y.replace_articles([a2()])
        y.replace_articles([a1_v2()])
        y.replace_articles([a1()])
        assert sparql.graph_state(x) == sparql.graph_state(y)
        assert sparql.graph_state(x) != sparql.graph_state(x, base="https://example.org/")
        y.delete_articles(["motie-001"])
        assert sparql.graph_state(x) != sparql.graph_state(y)


def test_same_answers_on_every_store(store: GraphStore, tmp_path: Path) -> None:
    """Neo4j (built in memory for the query) answers as the SQLite store does."""
    store.replace_articles([a1(), a2()])
    with SQLiteStore(tmp_path / "ref.db") as ref:
        ref.replace_articles([a1(), a2()])
        for name in ("positions_over_time", "organization_people", "top_hosts", "who_met_whom", "entity_names"):
            q = LIB[name]
            params = {k: sparql.node_term(MINISTER if k == "person" else MINISTRY) for k in q.examples}
            assert sparql.query(store, q.text, params).values() == sparql.query(ref, q.text, params).values(), name
    # the digest is per backend (SQLite hashes its rows as stored): stable, and moved by a write
    before = sparql.graph_state(store)
    assert sparql.graph_state(store) == before
    store.delete_articles(["motie-002"])
    assert sparql.graph_state(store) != before
    if store.name != "sqlite":
        assert sparql.cache_path(store) is None


# ----------------------------------------------------------------------------
# parameters


def test_parameters_are_bound_not_pasted(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "g.db") as s:
        s.replace_articles([a1(), a2()])
        q = "SELECT ?name ?x WHERE { ?x rdfs:label ?l FILTER(STR(?l) = ?name) }"
        hit = sparql.query(s, q, {"name": "안덕근"}).values()
        assert hit == [("안덕근", str(node_iri(MINISTER)))]
        for evil in ['안덕근") || true || ("', '} UNION { ?x ?p ?l } #', "?l", "https://policygraph.dev/id/x>"]:
            assert sparql.query(s, q, {"name": evil}).values() == []
        # what looks like an RDF term must be one: never text spliced into the query
        with pytest.raises(SparqlError, match="not an IRI"):
            sparql.query(s, q, {"name": '"} UNION { ?x ?p ?l } #'})
        # typed values
        assert sparql.query(s, "SELECT ?n WHERE {}", {"n": 3}).values() == [(3,)]
        assert sparql.query(s, "SELECT ?n WHERE {}", {"n": '"안덕근"@ko'}).rows[0][0] == ox.Literal("안덕근", language="ko")
        assert sparql.query(s, "SELECT ?n WHERE {}", {"n": f"<{node_iri(MINISTER)}>"}).values() == [(str(node_iri(MINISTER)),)]
        with pytest.raises(SparqlError, match="not an IRI"):
            sparql.query(s, "SELECT ?n WHERE {}", {"n": "<not an iri> . <a> <b> <c>"})
        with pytest.raises(SparqlError, match="variable name"):
            sparql.query(s, "SELECT ?n WHERE {}", {"n }": 1})
        with pytest.raises(SparqlError, match="syntax"):
            sparql.query(s, "SELECT ?n WHERE {")


# ----------------------------------------------------------------------------
# the command


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    with SQLiteStore(path) as s:
        s.replace_articles([a1(), a2()])
    return path


def test_cli_formats(db: Path, tmp_path: Path) -> None:
    q = "SELECT ?title WHERE { ?pos a pg:Position ; rdf:subject ?person ; schema:jobTitle ?title } ORDER BY ?title"
    r = runner.invoke(app, ["sparql", q, "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == ["title", "--------------", "장관", "통상교섭본부장", "(2 rows)"]
    r = runner.invoke(app, ["sparql", q, "--db", str(db), "-f", "csv"])
    assert list(csv.reader(io.StringIO(r.output))) == [["title"], ["장관"], ["통상교섭본부장"]]
    r = runner.invoke(app, ["sparql", q, "--db", str(db), "-f", "json"])
    doc = json.loads(r.output)
    assert doc["head"]["vars"] == ["title"]
    assert [b["title"] for b in doc["results"]["bindings"]] == [
        {"type": "literal", "value": "장관", "xml:lang": "ko"}, {"type": "literal", "value": "통상교섭본부장", "xml:lang": "ko"}]
    parsed = list(ox.parse_query_results(r.output.encode(), ox.QueryResultsFormat.JSON))
    assert [s["title"].value for s in parsed] == ["장관", "통상교섭본부장"]
    r = runner.invoke(app, ["sparql", q, "--db", str(db), "-f", "tsv"])
    assert r.output.splitlines() == ["?title", '"장관"@ko', '"통상교섭본부장"@ko']
    qf = tmp_path / "q.rq"
    qf.write_text("ASK { ?person pg:holdsPosition ?org }", encoding="utf-8")
    r = runner.invoke(app, ["sparql", "--file", str(qf), "--db", str(db), "-n", f"person={MINISTER}"])
    assert r.exit_code == 0 and r.output.strip() == "yes"


def test_cli_library_and_params(db: Path) -> None:
    r = runner.invoke(app, ["sparql", "--list"])
    assert r.exit_code == 0 and all(name in r.output for name in LIB)
    r = runner.invoke(app, ["sparql", "positions_over_time", "--db", str(db), "-n", f"person={MINISTER}", "-f", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert sorted((x["title"], x["org_id"]) for x in rows) == [("장관", MINISTRY), ("통상교섭본부장", MINISTRY)]
    assert [x["first_seen"] for x in rows] == sorted(x["first_seen"] for x in rows)
    r = runner.invoke(app, ["sparql", "SELECT ?x ?l WHERE { ?x rdfs:label ?l }", "--db", str(db), "-p", "l=안덕근"])
    assert r.exit_code == 0 and "(0 rows)" in r.output  # a plain string is not the @ko label
    r = runner.invoke(app, ["sparql", "SELECT ?x ?l WHERE { ?x rdfs:label ?l }", "--db", str(db), "-p", 'l="안덕근"@ko'])
    assert "id:person:안덕근" in r.output and "(1 row)" in r.output


@pytest.mark.parametrize("args, message", [
    (["SELECT ?x WHERE { ?x ?y }"], "SPARQL syntax error"),
    (["no_such_query"], "no SPARQL query named 'no_such_query'"),
    (["SELECT ?o WHERE { ?o ?p ?x }", "-n", "o=org:없음"], "no node with id 'org:없음'"),
    (["SELECT ?o WHERE { ?o ?p ?x }", "-p", "o"], "is not key=value"),
    (["SELECT ?o WHERE { ?o ?p ?x }", "-f", "xml"], "unknown format 'xml'"),
    ([], "give a query or --file"),
])
def test_cli_errors_are_one_line(db: Path, args: list[str], message: str) -> None:
    r = runner.invoke(app, ["sparql", *args, "--db", str(db)])
    assert r.exit_code != 0
    err = r.stderr if hasattr(r, "stderr") and r.stderr else r.output
    assert message in err and len(err.strip().splitlines()) == 1, err


def test_cli_needs_a_store(tmp_path: Path) -> None:
    r = runner.invoke(app, ["sparql", "ASK {}", "--db", str(tmp_path / "none.db")])
    assert r.exit_code != 0 and "no such store" in (r.stderr or r.output)
