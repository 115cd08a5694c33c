"""SPARQL and Cypher give the same answers on the same graph.

The bundled examples are loaded into the real Neo4j. Each analyst question
that both query libraries ask is then answered twice, by two independent
paths:

* the Cypher library query (``policygraph.queries.run_query``), run by Neo4j;
* the SPARQL library query (``policygraph.sparql.query``), run by pyoxigraph
  over the RDF export of the same store.

Columns differ between the libraries (Cypher returns names and lists, SPARQL
ids and counts), so each pair is compared on what both say: the ids of the
answers and their counts. Every entity that has an answer is asked about, not
one example.
"""
from __future__ import annotations

import logging
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

import pyoxigraph as ox
import pytest

from policygraph import sparql
from policygraph.queries import run_query
from policygraph.stores.sqlite import SQLiteStore

pytestmark = pytest.mark.neo4j
LIB = sparql.library()


@pytest.fixture(scope="module")
def neo(neo4j_settings, examples_db: Path):
    """Neo4j holding exactly what the embedded store of the examples holds
    (the article contributions are copied, not extracted again)."""
    from policygraph.stores.neo4j import Neo4jStore

    logging.getLogger("neo4j").setLevel(logging.ERROR)
    store = Neo4jStore(neo4j_settings["uri"], username=neo4j_settings["username"], password=neo4j_settings["password"])
    store.clear()
    with SQLiteStore(examples_db) as ref:
        graphs = [ref.article_graph(a) for a in sorted(ref.fingerprints())]
        want = ref.counts()
    store.replace_articles(graphs)
    assert store.counts() == want
    yield store
    store.clear()
    store.close()


_RDF: dict[int, Any] = {}


def rq(store, name: str, **params: str) -> list[dict[str, Any]]:
    """A SPARQL library query over the store's RDF (built once per store)."""
    if id(store) not in _RDF:
        _RDF.clear()
        _RDF[id(store)] = sparql.open_sparql(store).ox_store
    q = LIB[name]
    bound = {ox.Variable(k): sparql.node_term(v) for k, v in params.items()}
    res = sparql.run(_RDF[id(store)], q.text, bound)
    return [dict(zip(res.variables, row)) for row in res.values()]


def cy(store, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(store, name, params)


def ids(store, label: str) -> list[str]:
    return sorted(n.id for n in store.nodes(label))


def strs(v: Any) -> list[str]:
    if v is None:
        return []
    return [str(x) for x in v] if isinstance(v, (list, tuple)) else [str(v)]


def asked(pairs: Iterable[tuple[Any, Any]]) -> int:
    """Compare (cypher, sparql) answers; the number of non-empty answers."""
    n = 0
    for want, got in pairs:
        assert got == want
        n += bool(want)
    return n


def test_who_met_whom(neo) -> None:
    def pair(p: str):
        c = {r["person_id"]: r["shared_events"] for r in cy(neo, "who_met_whom", person=p)}
        per: dict[str, set] = defaultdict(set)
        for r in rq(neo, "who_met_whom", person=p):
            per[r["other_id"]].add(r["event_id"])
        return c, {k: len(v) for k, v in per.items()}

    assert asked(pair(p) for p in ids(neo, "Person")) >= 5


def test_frequent_invitees(neo) -> None:
    def pair(o: str):
        c = {r["organization_id"]: r["events"] for r in cy(neo, "frequent_invitees", org=o, min_events=1)}
        s = {r["guest_id"]: r["events"] for r in rq(neo, "frequent_invitees", org=o)}
        return c, s

    assert asked(pair(o) for o in ids(neo, "Organization")) >= 5


def test_top_hosts(neo) -> None:
    c = {r["organization_id"]: r["events"] for r in cy(neo, "top_hosts", limit=100_000)}
    s = {r["org_id"]: r["events"] for r in rq(neo, "top_hosts")}
    assert c and c == s


def test_events_abroad(neo) -> None:
    for home in ("place:south-korea", "place:usa"):
        if neo.node(home) is None:
            continue
        c = {r["event_id"] for r in cy(neo, "events_abroad", home=home)}
        s = {r["event_id"] for r in rq(neo, "events_abroad", home=home)}
        assert c == s, home
    assert {r["event_id"] for r in cy(neo, "events_abroad", home="place:south-korea")}


def test_events_by_month(neo) -> None:
    s = Counter()
    for r in rq(neo, "events_by_month"):
        s[r["month"]] += r["events"]
    years = sorted({m[:4] for m in s})
    assert years
    for year in years:
        c = {r["month"]: r["events"] for r in cy(neo, "events_by_month", year=int(year)) if len(r["month"]) == 7}
        assert c == {m: n for m, n in s.items() if m.startswith(year)}, year


def test_mentions_by_month(neo) -> None:
    def pair(e: str):
        c = {r["month"]: r["articles"] for r in cy(neo, "mentions_by_month", entity=e)}
        s = {r["month"]: r["articles"] for r in rq(neo, "mentions_by_month", entity=e)}
        return c, s

    assert asked(pair(e) for e in ids(neo, "Organization") + ids(neo, "Event")) >= 20


def test_people_and_positions(neo) -> None:
    def org_pair(o: str):
        c = {(r["person_id"], t) for r in cy(neo, "organization_people", org=o) for t in strs(r["title"])}
        s = {(r["person_id"], r["title"]) for r in rq(neo, "organization_people", org=o)}
        return c, s

    def person_pair(p: str):
        c = {(r["organization_id"], t, r["first_seen"], r["last_seen"])
             for r in cy(neo, "person_positions", person=p) for t in strs(r["title"])}
        s = {(r["org_id"], r["title"], r["first_seen"], r["last_seen"]) for r in rq(neo, "positions_over_time", person=p)}
        return c, s

    assert asked(org_pair(o) for o in ids(neo, "Organization")) >= 5
    assert asked(person_pair(p) for p in ids(neo, "Person")) >= 10


def test_what_was_said(neo) -> None:
    def pair(p: str):
        c = sorted(r["quote"] for r in cy(neo, "what_said", person=p))
        s = sorted({(r["quote"], r["article_id"]) for r in rq(neo, "what_official_said", person=p)})
        return c, [q for q, _ in s]

    assert asked(pair(p) for p in ids(neo, "Person")) >= 5


def test_event_articles_and_participants(neo) -> None:
    def articles(e: str):
        c = {r["article_id"] for r in cy(neo, "event_articles", event=e) if "REPORTS" in r["how"]}
        s = {r["article_id"] for r in rq(neo, "articles_reporting_event", event=e)}
        return {neo.node(a).props["article_id"] for a in c}, s

    def participants(e: str):
        # Cypher gives the role most articles give (``r.role``); RDF keeps every
        # role articles gave: the same participants, and Cypher's role among RDF's
        c = {(r["id"], role) for r in cy(neo, "event_participants", event=e)
             if r["relation"] == "PARTICIPATED_IN" and r["label"] in ("Person", "Organization")
             for role in strs(r["role"]) or [None]}
        s = {(r["who_id"], r["role"]) for r in rq(neo, "event_participants", event=e)}
        assert c <= s
        return {i for i, _ in c}, {i for i, _ in s}

    events = ids(neo, "Event")
    assert asked(articles(e) for e in events) >= 10
    assert asked(participants(e) for e in events) >= 10


def test_entity_names(neo) -> None:
    def pair(e: str):
        row = cy(neo, "entity_names", entity=e)
        c = {n for r in row for n in r["korean"] + r["other"]}
        s = {str(r["name"]) for r in rq(neo, "entity_names", entity=e) if r["kind"] in ("label", "alias")}
        return c, s

    every = [n for label in ("Person", "Organization", "Event", "Place") for n in ids(neo, label)]
    assert asked(pair(e) for e in every) == len(every)
