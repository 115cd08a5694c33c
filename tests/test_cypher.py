"""The query library (cypher/ + policygraph.query_embedded) against a real
Neo4j and the embedded store, both holding the forum articles of tests/fixtures/forum
(the four files examples/ started with):

* every query's header documents its parameters, which match its embedded twin;
* PROFILE: every lookup by id, name or alias is an index seek (no
  NodeByLabelScan / AllNodesScan where a query looks something up), date
  ranges are range seeks;
* no Neo4j deprecation notification for any query;
* parity: every query gives the same rows, in the same order, on both stores.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from policygraph import pipeline
from policygraph.queries import bind, get_query, list_queries, load_query, run_query

# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "forum"
QUERIES = list_queries()

# Queries that aggregate over the whole graph look nothing up; a label scan is
# their job. Every other query starts from an index seek.
WHOLE_GRAPH = {"busiest_people", "co_participation", "top_hosts"}
DATE_RANGES = {"events_by_date", "events_by_month"}
NO_LOOKUP = DATE_RANGES | {"events_by_country"}  # starts from a date range or the countries


def plan_operators(plan) -> list[tuple[str, str]]:
    """(operator, details) of every operator of a PROFILE / EXPLAIN plan."""
    out = []
    todo = [plan]
    while todo:
        p = todo.pop()
        out.append((p["operatorType"].split("@")[0], str(p.get("args", {}).get("Details", ""))))
        todo.extend(p.get("children", []))
    return out


def scans(ops: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [o for o in ops if o[0] in ("NodeByLabelScan", "AllNodesScan") or o[0].startswith("UndirectedAllRelationships")
            or o[0].startswith("DirectedAllRelationships")]


def deprecations(summary) -> list[str]:
    """Neo4j's deprecation notifications of a result summary (old and GQL style)."""
    out = []
    for s in summary.gql_status_objects or []:
        if str(getattr(s, "classification", "")).upper().endswith("DEPRECATION") or s.gql_status.startswith("01N0"):
            out.append(f"{s.gql_status}: {s.status_description}")
    return out


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    from policygraph.stores.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path_factory.mktemp("lib") / "graph.db")
    assert pipeline.load([EXAMPLES], store).ok
    yield store
    store.close()


@pytest.fixture(scope="module")
def loaded(neo4j_settings):
    from policygraph.stores.neo4j import Neo4jStore

    logging.getLogger("neo4j").setLevel(logging.ERROR)
    store = Neo4jStore(neo4j_settings["uri"], username=neo4j_settings["username"], password=neo4j_settings["password"])
    store.clear()
    assert pipeline.load([EXAMPLES], store).ok
    yield store
    store.close()


# -- the library itself (no server) ------------------------------------------------


def test_library_has_twenty_documented_queries() -> None:
    from policygraph.query_embedded import IMPLEMENTATIONS

    assert len(QUERIES) >= 20
    assert set(IMPLEMENTATIONS) == set(QUERIES)
    for name in QUERIES:
        q = get_query(name)
        assert q.title and len(q.description) > 30, name
        # the :param lines name exactly the parameters the embedded twin takes
        assert set(q.examples) == set(q.required) | set(q.defaults), name
        for p in q.examples:
            assert f"${p}" in q.text, f"{name}: :param {p} is not used"
        assert "CALL {" not in q.text.replace("CALL (", ""), f"{name}: old CALL subquery syntax"


def test_names_never_resolve_outside_the_library() -> None:
    from policygraph.errors import ConfigError

    for bad in ("../../x", "../cypher/who_met_whom", "/etc/passwd", "schema", "Who_met_whom", "who_met_whom.cypher", ""):
        with pytest.raises(ConfigError):
            load_query(bad)


def test_parameters_are_checked() -> None:
    from policygraph.errors import ConfigError

    q = get_query("who_met_whom")
    with pytest.raises(ConfigError, match="needs person"):
        bind(q, {})
    with pytest.raises(ConfigError, match="unknown parameter"):
        bind(q, {"person": "x", "nobody": 1})
    assert bind(get_query("top_hosts"), {}) == {"limit": 10}
    assert bind(get_query("top_hosts"), {"limit": "3"}) == {"limit": 3}
    with pytest.raises(ConfigError, match="whole number"):
        bind(get_query("top_hosts"), {"limit": "many"})


def test_examples_on_the_embedded_store(embedded) -> None:
    rows = run_query(embedded, "who_met_whom", {"person": "Kang Do-hyun"})
    people = {r["person"]: r["shared_events"] for r in rows}
    assert people.get("정서윤") == 1 and people.get("배준호") == 1 and "강도현" not in people
    names = run_query(embedded, "entity_names", {"entity": "과기정통부"})
    assert names == [{
        "id": "org:msit", "label": "Organization", "name": "과학기술정보통신부", "name_en": "Ministry of Science and ICT",
        "korean": ["과기정통부", "과학기술정보통신부"], "other": ["MSIT", "Ministry of Science and ICT"],
    }]
    path = run_query(embedded, "connection_path", {"a": "NVIDIA", "b": "NIA"})
    assert path and all(r["hops"] == 2 for r in path)
    assert path[0]["names"][0] == "엔비디아" and path[0]["names"][-1] == "한국지능정보사회진흥원"


# -- Neo4j: plans, notifications, answers --------------------------------------------

@pytest.mark.neo4j
@pytest.mark.parametrize("name", QUERIES)
def test_profile_uses_indexes_and_nothing_is_deprecated(loaded, name: str) -> None:
    q = get_query(name)
    rows, summary = loaded.run_with_summary("PROFILE " + q.text, **bind(q, dict(q.examples)))
    ops = plan_operators(summary.profile)
    assert not deprecations(summary), f"{name}: {deprecations(summary)}"
    if name in WHOLE_GRAPH:
        assert not [o for o in ops if o[0] == "AllNodesScan"], f"{name}: {ops}"
        return
    assert not scans(ops), f"{name} scans instead of seeking: {scans(ops)}"
    # a lookup by id, name or alias: one exact term of the keyword full-text index entity_keys
    # (the plan shows the index name as a parameter: the text names it)
    lookups = [o for o in ops if o[0] == "ProcedureCall" and "db.index.fulltext.queryNodes" in o[1]]
    seeks = [o for o in ops if "Seek" in o[0]]
    assert seeks or lookups, f"{name}: {ops}"
    if name in DATE_RANGES:
        assert any(o[0] == "NodeIndexSeekByRange" and "Event(start_date)" in o[1] for o in ops), f"{name}: {ops}"
    elif name not in NO_LOOKUP:
        assert lookups and "queryNodes('entity_keys'," in q.text, f"{name}: {ops}"


@pytest.mark.neo4j
def test_the_checks_catch_scans_and_deprecated_syntax(loaded) -> None:
    # the old way of looking up: an OR over properties and a list, a label scan
    _, summary = loaded.run_with_summary(
        "PROFILE MATCH (n:Organization) WHERE n.id = $x OR n.name_en = $x OR $x IN coalesce(n.aliases, []) RETURN n.id",
        x="MSIT",
    )
    assert scans(plan_operators(summary.profile))
    # the old importing-WITH subquery, deprecated in Neo4j 5
    _, summary = loaded.run_with_summary(
        "MATCH (e:Event) CALL { WITH e MATCH (e)<-[:ORGANIZED]-(o) RETURN o } RETURN e.id, o.id"
    )
    assert deprecations(summary)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", QUERIES)
def test_parity_with_the_embedded_store(loaded, embedded, name: str) -> None:
    params = dict(get_query(name).examples)
    want = run_query(embedded, name, params)
    got = run_query(loaded, name, params)
    assert got == want


@pytest.mark.neo4j
def test_every_query_answers_on_the_examples(loaded) -> None:
    empty = [n for n in QUERIES if not run_query(loaded, n, dict(get_query(n).examples))]
    # no event of the examples is abroad: that one is empty by the data, and says so in the cookbook
    assert empty == ["events_abroad"]


@pytest.mark.neo4j
def test_dates_are_neo4j_dates_with_precision(loaded) -> None:
    rows = loaded.run(
        "MATCH (e:Event) RETURN valueType(e.start_date) AS t, e.start_date_precision AS p, e.start_date AS d"
    )
    assert rows == [{"t": "DATE NOT NULL", "p": "day", "d": "2024-05-21"}]
    rows = loaded.run("MATCH (a:Article) RETURN DISTINCT valueType(a.published) AS t")
    assert rows == [{"t": "ZONED DATETIME NOT NULL"}]
    # and they read back as they were written
    ev = [n for n in loaded.nodes("Event")][0]
    assert ev.props["start_date"] == "2024-05-21" and "start_date_precision" not in ev.props


@pytest.mark.neo4j
def test_entity_neighbourhood(loaded) -> None:
    rows = run_query(loaded, "entity_neighbourhood", {"entity": "MSIT"})
    got = {(r["relationship"], r["direction"], r["other_name"]) for r in rows}
    assert ("ORGANIZED", "out", "2024 디지털 트윈 얼라이언스 포럼") in got
    assert ("HOLDS_POSITION", "in", "강도현") in got
    assert ("HOLDS_POSITION", "in", "이종호") in got


@pytest.mark.neo4j
def test_organization_events(loaded) -> None:
    rows = run_query(loaded, "organization_events", {"org": "과학기술정보통신부"})
    assert [(r["event"], r["relation"], r["start_date"]) for r in rows] == [
        ("2024 디지털 트윈 얼라이언스 포럼", "ORGANIZED", "2024-05-21")
    ]
    assert "코엑스" in rows[0]["held_at"]


@pytest.mark.neo4j
def test_organization_people(loaded) -> None:
    rows = run_query(loaded, "organization_people", {"org": "NVIDIA"})
    assert {(r["person"], r["title"]) for r in rows} == {("정서윤", "상무"), ("정서윤", "Managing Director")}
    assert all(r["first_seen"] <= r["last_seen"] for r in rows)


@pytest.mark.neo4j
def test_events_by_date(loaded) -> None:
    rows = run_query(loaded, "events_by_date", {"since": "2024-05-01", "until": "2024-05-31"})
    assert [r["event"] for r in rows] == ["2024 디지털 트윈 얼라이언스 포럼"]
    assert rows[0]["organizers"] == ["과학기술정보통신부", "한국지능정보사회진흥원"]
    assert run_query(loaded, "events_by_date", {"since": "2023-01-01", "until": "2023-12-31"}) == []
    # a month-only bound is that month's first day
    assert run_query(loaded, "events_by_date", {"since": "2024-05", "until": "2024-06"})


@pytest.mark.neo4j
def test_articles_mentioning(loaded) -> None:
    rows = run_query(loaded, "articles_mentioning", {"entity": "강도현"})
    assert len(rows) == 2
    forms = {f for r in rows for f in r["forms"]}
    assert {"강도현", "Kang Do-hyun"} <= forms


@pytest.mark.neo4j
def test_frequent_invitees(loaded) -> None:
    rows = run_query(loaded, "frequent_invitees", {"org": "과학기술정보통신부", "min_events": 1})
    orgs = {r["organization"] for r in rows}
    assert {"엔비디아", "트윈웍스"} <= orgs
    assert "한국지능정보사회진흥원" not in orgs  # a co-host is no invitee


@pytest.mark.neo4j
def test_full_text_is_cjk_and_entities_come_first(loaded) -> None:
    hits = loaded.search("과기정통부")
    assert hits and hits[0]["id"] == "org:msit"
    assert all(h["label"] != "Article" for h in hits)  # articles have an index of their own
    assert loaded.search("도현")[0]["name"] == "강도현"  # a bigram inside a Korean name
    assert loaded.search("트윈", articles=True)
    assert isinstance(loaded.search('AND ( "'), list)  # Lucene syntax taken literally: no parse error


@pytest.mark.neo4j
def test_a_cypher_file_of_ones_own_runs_on_neo4j(loaded, tmp_path) -> None:
    from policygraph.errors import ConfigError
    from policygraph.queries import run_cypher_file

    f = tmp_path / "mine.cypher"
    f.write_text("// events per organiser\nMATCH (o:Organization)-[:ORGANIZED]->(e:Event)\n"
                 "WHERE o.category = $category RETURN o.name AS org, count(e) AS n ORDER BY org;\n", encoding="utf-8")
    assert run_cypher_file(loaded, f, {"category": "government"}) == [{"org": "과학기술정보통신부", "n": 1}]
    f.write_text("RETURN 1; RETURN 2;", encoding="utf-8")
    with pytest.raises(ConfigError, match="one Cypher statement"):
        run_cypher_file(loaded, f)
