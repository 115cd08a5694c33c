"""Neo4j-only behaviour of Neo4jStore (the shared semantics are in
test_store_behaviour.py): schema, connection errors, the constraints that keep
ids unique, what Browser users see, and a hand-built round trip."""
from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest

from policygraph.errors import StoreConnectionError, StoreError
from policygraph.models import ArticleGraph, NodeRecord, RelRecord
from policygraph.queries import list_queries, load_query
from policygraph.stores.base import merge_props
from policygraph.stores.neo4j import Neo4jStore, read_schema, split_statements

pytestmark = pytest.mark.neo4j


# ----------------------------------------------------------------------------
# two hand-built articles: a press release and a follow-up that share a ministry


def n(node_id: str, label: str, **props) -> NodeRecord:
    return NodeRecord(node_id, label, props)


def r(rtype: str, source: str, target: str, **props) -> RelRecord:
    return RelRecord(f"{rtype}|{source}|{target}", rtype, source, target, props)


EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
MSIT = "org:과학기술정보통신부"
MINISTER = "person:유상임"
EVENT = "event:AI서울정상회의"
SEOUL = "place:서울"


def press(version: int = 1) -> ArticleGraph:
    nodes = [
        n("article:msit-1", "Article", name="AI 서울 정상회의 개최", title="AI 서울 정상회의 개최",
          published="2024-05-21", lang="ko"),
        n(MSIT, "Organization", name="과학기술정보통신부", aliases=["과기정통부"], category="government"),
        n(MINISTER, "Person", name="유상임", aliases=["유 장관"], first_seen="2024-05-21"),
        n(EVENT, "Event", name="AI 서울 정상회의", start_date="2024-05-21", end_date="2024-05-22"),
    ]
    rels = [
        r("ISSUED", MSIT, "article:msit-1"),
        r("ORGANIZED", MSIT, EVENT),
        r("HOLDS_POSITION", MINISTER, MSIT, title="장관"),
        r("MENTIONS", "article:msit-1", MINISTER, count=2),
    ]
    if version == 1:
        nodes.append(n(SEOUL, "Place", name="서울", name_en="Seoul"))
        rels.append(r("HELD_AT", EVENT, SEOUL))
    else:  # the corrected release: no venue, a later start
        nodes[3] = n(EVENT, "Event", name="AI 서울 정상회의", start_date="2024-05-22", end_date="2024-05-22")
    return ArticleGraph("msit-1", f"fp-msit-1-v{version}", nodes, rels)


def follow_up() -> ArticleGraph:
    nodes = [
        n("article:msit-2", "Article", name="AI 정상회의 후속 조치", published="2024-06-03", lang="ko"),
        n(MSIT, "Organization", name="과학기술정보통신부", name_en="Ministry of Science and ICT",
          aliases=["MSIT"], category="government"),
        n(EVENT, "Event", name="AI 서울 정상회의", start_date="2024-05-21", end_date="2024-05-22"),
    ]
    rels = [r("ISSUED", MSIT, "article:msit-2"), r("ORGANIZED", MSIT, EVENT), r("REPORTS", "article:msit-2", EVENT)]
    return ArticleGraph("msit-2", "fp-msit-2", nodes, rels)


def element_ids(store: Neo4jStore) -> dict[str, str]:
    rows = store.run("MATCH (n) RETURN n.id AS id, elementId(n) AS eid")
    rows += store.run("MATCH ()-[r]->() RETURN r.key AS id, elementId(r) AS eid")
    return {row["id"]: row["eid"] for row in rows}


def state(store: Neo4jStore):
    nodes = [(x.id, x.label, x.props) for x in store.nodes()]
    rels = [(x.key, x.type, x.source, x.target, x.props) for x in store.relationships()]
    return nodes, rels


# ----------------------------------------------------------------------------
# schema


def test_schema_exists_after_open(neo4j_store: Neo4jStore) -> None:
    constraints = {row["name"]: row for row in neo4j_store.run(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties")}
    indexes = {row["name"]: row for row in neo4j_store.run(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state")}
    # every named statement of cypher/schema.cypher is there
    creates = [s for s in read_schema() if not s.startswith("DROP ")]
    named = [s.split()[2] if s.split()[1] in ("CONSTRAINT", "INDEX") else s.split()[3] for s in creates]
    assert len(named) == len(creates) > 25
    for name in named:
        assert name in constraints or name in indexes, name
    # only what the store and the query library use: ids and keys, the lookups,
    # the support of each id and key, dates, countries and the search indexes
    assert len(constraints) == 21, sorted(constraints)
    assert len([i for i in indexes.values() if i["type"] != "LOOKUP"]) == 28, sorted(indexes)
    for label in ("Person", "Organization", "Event", "Place", "Topic", "Product", "Quote", "Article"):
        assert any(c["labelsOrTypes"] == [label] and c["properties"] == ["id"] and c["type"] == "UNIQUENESS"
                   for c in constraints.values()), label
    assert constraints["about_key"]["type"] == "RELATIONSHIP_UNIQUENESS"
    # no bookkeeping labels: the articles' own contributions are properties of their Article nodes
    assert not any(label in (c["labelsOrTypes"] or []) for c in [*constraints.values(), *indexes.values()]
                   for label in ("Contribution", "RelContribution", "ArticleFingerprint"))
    from policygraph.resolve import RESOLVER_LABELS
    from policygraph.stores.neo4j import KEYED_LABELS

    assert sorted(indexes["pg_rkeys"]["labelsOrTypes"]) == sorted(KEYED_LABELS) == sorted(RESOLVER_LABELS)
    for name in ("entity_keys", "pg_support", "pg_rkeys"):  # exact terms, also inside lists (aliases, pg_nodes)
        assert indexes[name]["type"] == "FULLTEXT"
    assert "Article" in indexes["pg_support"]["labelsOrTypes"]
    assert {"node_id", "lookup_key", "person_name", "node_pg_article", "quote_texts"}.isdisjoint(indexes)
    # (the one standard-analyzer index over entities and articles is gone: CJK
    # analyzers, entities and articles apart)
    assert "node_names" not in indexes
    options = {row["name"]: row["options"] for row in neo4j_store.run("SHOW FULLTEXT INDEXES YIELD name, options")}
    for name in ("entity_names", "article_titles"):
        assert indexes[name]["type"] == "FULLTEXT"
        assert options[name]["indexConfig"]["fulltext.analyzer"] == "cjk"
    assert "Article" not in indexes["entity_names"]["labelsOrTypes"]
    assert all(i["state"] == "ONLINE" for i in indexes.values())


def test_schema_applied_twice_is_fine(neo4j_settings) -> None:
    with Neo4jStore(**neo4j_settings) as a, Neo4jStore(**neo4j_settings) as b:
        a.apply_schema()
        b.apply_schema()
        assert len(a.run("SHOW CONSTRAINTS YIELD name")) == len(b.run("SHOW CONSTRAINTS YIELD name"))


def test_split_statements() -> None:
    text = """// a comment; with a semicolon
    CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.name);  /* block; comment */
    MATCH (n) WHERE n.url = 'http://x;y' // trailing
    RETURN n;
    RETURN "a \\" ; b"
    """
    assert split_statements(text) == [
        "CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.name)",
        "MATCH (n) WHERE n.url = 'http://x;y' \n    RETURN n",
        'RETURN "a \\" ; b"',
    ]


# ----------------------------------------------------------------------------
# connecting


def test_bad_password_raises_connection_error_without_the_password(neo4j_settings) -> None:
    wrong = "Wr0ng-" + neo4j_settings["password"][::-1] + "-s3cret"
    with pytest.raises(StoreConnectionError) as info:
        Neo4jStore(neo4j_settings["uri"], neo4j_settings["username"], wrong)
    msg = str(info.value)
    assert "\n" not in msg
    assert wrong not in msg and neo4j_settings["password"] not in msg
    assert "authentication failed" in msg and neo4j_settings["uri"] in msg
    # the right password still works afterwards (one failure does not lock the user)
    with Neo4jStore(**neo4j_settings) as s:
        assert s.run("RETURN 1 AS one") == [{"one": 1}]


def test_unknown_user(neo4j_settings) -> None:
    with pytest.raises(StoreConnectionError, match="authentication failed for user 'nobody'"):
        Neo4jStore(neo4j_settings["uri"], "nobody", "whatever-password")


def test_nothing_listening() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreConnectionError) as info:
        Neo4jStore(f"bolt://127.0.0.1:{port}", "neo4j", "pw-not-shown-123", connection_timeout=3)
    assert "cannot connect" in str(info.value) and "pw-not-shown-123" not in str(info.value)
    assert "\n" not in str(info.value)


def test_credentials_in_uri_are_not_shown() -> None:
    with pytest.raises(StoreConnectionError) as info:
        Neo4jStore("ftp://neo4j:hunter2secret@localhost:1", "neo4j", "hunter2secret")
    assert "hunter2secret" not in str(info.value)


def test_unknown_database(neo4j_settings) -> None:
    with pytest.raises(StoreConnectionError, match="database"):
        Neo4jStore(**neo4j_settings, database="nosuchdb")


def test_closed_store(neo4j_settings) -> None:
    s = Neo4jStore(**neo4j_settings)
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        list(s.nodes())


# ----------------------------------------------------------------------------
# ids stay unique


def test_duplicate_ids_are_refused_by_the_database(neo4j_store: Neo4jStore) -> None:
    neo4j_store.replace_articles([press()])
    # the same id again under its label: the constraint refuses it (across
    # labels the store keeps ids unique: it looks an id up under every label)
    with pytest.raises(StoreError, match="ConstraintValidationFailed"):
        neo4j_store.run("CREATE (:Person {id: $id})", id=MINISTER)
    # a second relationship with an existing key
    with pytest.raises(StoreError, match="ConstraintValidationFailed"):
        neo4j_store.run(
            "MATCH (a:Organization {id: $s}), (b:Event {id: $t}) CREATE (a)-[:ORGANIZED {key: $k}]->(b)",
            s=MSIT, t=EVENT, k=f"ORGANIZED|{MSIT}|{EVENT}",
        )
    assert neo4j_store.run("MATCH (n {id: $id}) RETURN count(*) AS c", id=MINISTER) == [{"c": 1}]


def test_one_node_per_id_whatever_the_labels_articles_give(neo4j_store: Neo4jStore) -> None:
    graphs = [ArticleGraph(f"l{i}", f"fp{i}", [n("x:1", label, name="같은 것")], [])
              for i, label in enumerate(["Topic", "Product", "Product"])]
    neo4j_store.replace_articles(graphs[:2])
    assert [x.label for x in neo4j_store.nodes()] == ["Product"]  # tie: the smallest label
    neo4j_store.delete_articles(["l1"])
    assert neo4j_store.node("x:1").label == "Topic"
    assert neo4j_store.run("MATCH (n {id: 'x:1'}) RETURN labels(n) AS l") == [{"l": ["Topic"]}]
    neo4j_store.replace_articles(graphs[1:])
    assert neo4j_store.run("MATCH (n {id: 'x:1'}) RETURN labels(n) AS l") == [{"l": ["Product"]}]


def test_same_id_twice_in_one_article_counts_once(neo4j_store: Neo4jStore) -> None:
    g = ArticleGraph("d1", "fp", [n("t", "Topic", name="가", aliases=["A"]), n("t", "Topic", aliases=["B"])],
                     [r("ABOUT", "t", "t", w=1), r("ABOUT", "t", "t", w=1)])
    neo4j_store.replace_articles([g])
    assert neo4j_store.node("t").props == {"name": "가", "aliases": ["A", "B"], "articles": ["d1"]}
    assert len(list(neo4j_store.relationships())) == 1


# ----------------------------------------------------------------------------
# round trip


def test_round_trip(neo4j_store: Neo4jStore) -> None:
    s = neo4j_store
    s.replace_articles([press(), follow_up()])
    counts = s.counts()
    assert counts["nodes"] == {"Article": 2, "Organization": 1, "Person": 1, "Event": 1, "Place": 1}
    assert counts["relationships"] == {"ISSUED": 2, "ORGANIZED": 1, "HOLDS_POSITION": 1, "MENTIONS": 1,
                                       "HELD_AT": 1, "REPORTS": 1}
    msit = s.node(MSIT)
    assert msit.label == "Organization"
    assert msit.props == {
        **merge_props([press().nodes[1].props, follow_up().nodes[1].props]),
        "articles": ["msit-1", "msit-2"],
    }
    assert msit.props["aliases"] == ["MSIT", "과기정통부"]
    organized = next(s.relationships("ORGANIZED"))
    assert organized.props == {"articles": ["msit-1", "msit-2"]}
    assert s.fingerprints() == {"msit-1": "fp-msit-1-v1", "msit-2": "fp-msit-2"}

    # loading the same articles again changes nothing, down to the element ids
    before, eids = state(s), element_ids(s)
    s.replace_articles([follow_up(), press()])
    assert state(s) == before and element_ids(s) == eids and s.counts() == counts

    # the corrected release: only what it alone said changes
    s.replace_articles([press(2)])
    after = state(s)
    assert s.node(SEOUL) is None and list(s.relationships("HELD_AT")) == []
    event = s.node(EVENT)
    assert event.props["start_date"] == "2024-05-21"  # min over both articles; follow-up still says 05-21
    assert event.props["articles"] == ["msit-1", "msit-2"]
    s.delete_articles(["msit-2"])
    assert s.node(EVENT).props["start_date"] == "2024-05-22"
    s.replace_articles([follow_up()])
    assert state(s) == after
    new_eids = element_ids(s)
    # the untouched facts kept their identity
    for kept in (MINISTER, f"HOLDS_POSITION|{MINISTER}|{MSIT}", f"MENTIONS|article:msit-1|{MINISTER}"):
        assert new_eids[kept] == eids[kept]
    assert s.fingerprints() == {"msit-1": "fp-msit-1-v2", "msit-2": "fp-msit-2"}
    assert s.contributions(MSIT) == {"msit-1": press().nodes[1].props, "msit-2": follow_up().nodes[1].props}
    # each article's contribution reads back as it was written
    g = s.article_graph("msit-2")
    assert (g.article_id, g.fingerprint) == ("msit-2", "fp-msit-2")
    assert g.nodes == sorted(follow_up().nodes, key=lambda x: x.id)
    assert g.rels == sorted(follow_up().rels, key=lambda x: x.key)
    assert s.article_graph("no-such-article") is None


def test_properties_are_real_for_browser_users(neo4j_store: Neo4jStore) -> None:
    neo4j_store.replace_articles([press(), follow_up()])
    rows = neo4j_store.run(
        "MATCH (p:Person {name: $name})-[h:HOLDS_POSITION]->(o:Organization) "
        "RETURN p.aliases AS aliases, h.title AS title, h.key AS key, o.name AS org, p.article_count AS articles,"
        " o.article_count AS org_articles",
        name="유상임",
    )
    assert rows == [{"aliases": ["유 장관"], "title": "장관", "key": f"HOLDS_POSITION|{MINISTER}|{MSIT}",
                     "org": "과학기술정보통신부", "articles": 1, "org_articles": 2}]
    hits = neo4j_store.run(
        "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id", q="과기정통부"
    )
    assert [h["id"] for h in hits] == [MSIT]
    # bookkeeping is in properties: what each article said is on its Article node
    rows = neo4j_store.run("MATCH (a:Article) RETURN a.id AS id, a.pg_article AS article, a.pg_nodes AS nodes"
                           " ORDER BY id")
    assert [(x["id"], x["article"], MSIT in x["nodes"]) for x in rows] == [
        ("article:msit-1", "msit-1", True), ("article:msit-2", "msit-2", True)]


def test_relationship_waits_for_its_endpoint(neo4j_store: Neo4jStore) -> None:
    s = neo4j_store
    dangling = ArticleGraph("a", "fa", [n("p", "Person", name="갑")], [r("HOLDS_POSITION", "p", "o", title="국장")])
    s.replace_articles([dangling])
    assert list(s.relationships()) == []  # Neo4j has no dangling relationships
    s.replace_articles([ArticleGraph("b", "fb", [n("o", "Organization", name="을")], [])])
    (rel,) = s.relationships()
    assert (rel.source, rel.target, rel.props) == ("p", "o", {"title": "국장", "articles": ["a"]})
    s.delete_articles(["b"])
    assert list(s.relationships()) == [] and s.node("o") is None
    s.replace_articles([ArticleGraph("b", "fb", [n("o", "Organization", name="을")], [])])
    assert [x.key for x in s.relationships()] == ["HOLDS_POSITION|p|o"]


def test_reserved_property_names_survive(neo4j_store: Neo4jStore) -> None:
    props = {"id": "other", "_id": "x", "name": "가"}
    neo4j_store.replace_articles([ArticleGraph("c", "f", [n("x", "Topic", **props)],
                                               [r("ABOUT", "x", "x", key="k", _key="kk", id=3)])])
    assert neo4j_store.node("x").props == {**props, "articles": ["c"]}
    (rel,) = neo4j_store.relationships()
    assert rel.props == {"key": "k", "_key": "kk", "id": 3, "articles": ["c"]}
    assert neo4j_store.run("MATCH (n:Topic) RETURN n.id AS id, n._id AS other") == [{"id": "x", "other": "other"}]


def test_mixed_list_is_refused_and_nothing_is_written(neo4j_store: Neo4jStore) -> None:
    a = ArticleGraph("m1", "f1", [n("t", "Topic", codes=["a"])], [])
    b = ArticleGraph("m2", "f2", [n("t", "Topic", codes=[1])], [])
    with pytest.raises(StoreError, match="'codes' mixes number and string"):
        neo4j_store.replace_articles([a, b])
    assert list(neo4j_store.nodes()) == [] and neo4j_store.fingerprints() == {}
    neo4j_store.replace_articles([ArticleGraph("m3", "f3", [n("t", "Topic", nums=[1, 2.5])], [])])
    assert neo4j_store.node("t").props["nums"] == [2.5, 1]


def test_unknown_label_or_type_writes_nothing(neo4j_store: Neo4jStore) -> None:
    bad_label = ArticleGraph("x", "f", [n("a", "Person`) DETACH DELETE (m", name="a")], [])
    with pytest.raises(StoreError, match="unknown label"):
        neo4j_store.replace_articles([press(), bad_label])
    bad_type = ArticleGraph("y", "f", [], [RelRecord("k", "KNOWS]->() //", "a", "b", {})])
    with pytest.raises(StoreError, match="unknown type"):
        neo4j_store.replace_articles([bad_type])
    assert list(neo4j_store.nodes()) == [] and neo4j_store.fingerprints() == {}
    assert list(neo4j_store.nodes("NoSuchLabel")) == [] and list(neo4j_store.relationships("NOPE")) == []


def test_small_chunks_give_the_same_graph(neo4j_settings) -> None:
    graphs = [
        ArticleGraph(f"c{i:03d}", f"f{i}", [n("org:hub", "Organization", name="허브", aliases=[f"a{i % 7}"]),
                                            n(f"t{i}", "Topic", name=f"주제{i}")],
                     [r("ABOUT", f"t{i}", "org:hub", n=i)])
        for i in range(120)
    ]
    with Neo4jStore(**neo4j_settings, chunk_records=25) as s:
        s.clear()
        s.replace_articles(graphs)
        chunked = state(s)
        s.clear()
    with Neo4jStore(**neo4j_settings) as s:
        s.replace_articles(graphs)
        assert state(s) == chunked
        assert len(s.node("org:hub").props["articles"]) == 120
        assert s.node("org:hub").props["aliases"] == [f"a{i}" for i in range(7)]
        s.clear()


def test_run_returns_dicts(neo4j_store: Neo4jStore) -> None:
    neo4j_store.replace_articles([press()])
    rows = neo4j_store.run(
        "MATCH (o:Organization {id: $id})-[:ORGANIZED]->(e:Event) RETURN e.name AS event, e.start_date AS start",
        id=MSIT,
    )
    assert rows == [{"event": "AI 서울 정상회의", "start": "2024-05-21"}]
    with pytest.raises(StoreError, match="SyntaxError"):
        neo4j_store.run("MATCH (n RETURN n")


# ----------------------------------------------------------------------------
# the read queries of cypher/ run against what the store writes

_PARAM = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$", re.M)


@pytest.mark.parametrize("name", list_queries())
def test_cypher_queries_run(neo4j_store: Neo4jStore, name: str) -> None:
    from graphs import a1, a2

    neo4j_store.replace_articles([a1(), a2(), press(), follow_up()])
    text = load_query(name)
    # the ":param name => literal" lines the query documents, evaluated by Neo4j itself
    params = {k: neo4j_store.run(f"RETURN {v} AS v")[0]["v"] for k, v in _PARAM.findall(text)}
    (statement,) = split_statements(text)
    rows = neo4j_store.run(statement, **params)
    assert isinstance(rows, list) and all(isinstance(r, dict) for r in rows)


def test_lookups_follow_the_graph(neo4j_store: Neo4jStore) -> None:
    from policygraph.stores.neo4j import lucene_term

    s = neo4j_store

    def found(key: str) -> list[str]:
        return [r["id"] for r in s.run(
            "CALL db.index.fulltext.queryNodes('entity_keys', $q) YIELD node RETURN node.id AS id ORDER BY id",
            q=lucene_term(key))]

    odd = 'say "hi" \\ (x:y) *?'
    s.replace_articles([ArticleGraph("a", "fa", [
        n("o", "Organization", name="갑", name_en="Gap", aliases=["A1", odd]),
        n("o2", "Organization", name="갑을", aliases=["gap"])], [])])
    assert [found(k) for k in ("A1", "Gap", "o", "갑", odd)] == [["o"]] * 5
    assert found("gap") == ["o2"] and found("A") == [] and found("을") == []  # exact, case and all
    s.replace_articles([ArticleGraph("a", "fb", [n("o", "Organization", name="갑", aliases=["A2"])], [])])
    assert [found(k) for k in ("A1", "Gap", "A2", "o", "갑")] == [[], [], ["o"], ["o"], ["o"]]
    s.delete_articles(["a"])
    assert found("o") == found("갑") == []


def test_dates_are_dates_at_their_precision(neo4j_store: Neo4jStore) -> None:
    s = neo4j_store
    s.replace_articles([ArticleGraph("a", "fa", [
        n("e1", "Event", name="월", start_date="2023-09"),
        n("e2", "Event", name="년", start_date="2023"),
        n("e3", "Event", name="일", start_date="2023-09-12", end_date="2023-09-13"),
        n("e4", "Event", name="틀린", start_date="2023-02-30"),  # not a date: kept as written
        n("a", "Article", title="t", published="2023-09-12T10:00:00+09:00"),
    ], [])])
    rows = s.run("MATCH (e:Event) RETURN e.id AS id, valueType(e.start_date) AS t, e.start_date_precision AS p ORDER BY id")
    assert [(r["id"], r["t"], r["p"]) for r in rows] == [
        ("e1", "DATE NOT NULL", "month"), ("e2", "DATE NOT NULL", "year"), ("e3", "DATE NOT NULL", "day"),
        ("e4", "STRING NOT NULL", None),
    ]
    # range predicates on the range index
    rows = s.run("MATCH (e:Event) WHERE e.start_date >= date('2023-09-01') RETURN e.id AS id ORDER BY id")
    assert [r["id"] for r in rows] == ["e1", "e3"]
    got = {x.id: x.props for x in s.nodes()}
    assert got["e1"]["start_date"] == "2023-09" and got["e2"]["start_date"] == "2023"
    assert got["e3"] == {"name": "일", "start_date": "2023-09-12", "end_date": "2023-09-13", "articles": ["a"]}
    assert got["e4"]["start_date"] == "2023-02-30"
    assert got["a"]["published"] == "2023-09-12T10:00:00+09:00"
    # written again unchanged: nothing to rewrite
    s.replace_articles([ArticleGraph("a", "fa2", [
        n("e1", "Event", name="월", start_date="2023-09"),
    ], [])])
    assert {x.id for x in s.nodes()} == {"e1"}


def test_a_store_of_string_dates_is_migrated_on_open(neo4j_settings, neo4j_store: Neo4jStore) -> None:
    s = neo4j_store
    s.replace_articles([ArticleGraph("a", "fa", [n("e1", "Event", name="x", start_date="2023-09"),
                                                 n("p", "Person", name="갑"), n("o", "Organization", name="을")],
                                     [r("HOLDS_POSITION", "p", "o", title="국장", first_seen="2023-09-12")])])
    # as an older version wrote it: strings, no precision, no date indexes
    s.run("MATCH (e:Event {id: 'e1'}) SET e.start_date = '2023-09' REMOVE e.start_date_precision")
    s.run("MATCH ()-[h:HOLDS_POSITION]->() SET h.first_seen = '2023-09-12' REMOVE h.first_seen_precision")
    for name in ("event_start_date", "event_end_date"):
        s.run(f"DROP INDEX {name} IF EXISTS")
    with Neo4jStore(**neo4j_settings) as again:
        rows = again.run("MATCH (e:Event {id: 'e1'}) RETURN valueType(e.start_date) AS t, e.start_date_precision AS p")
        assert rows == [{"t": "DATE NOT NULL", "p": "month"}]
        rows = again.run("MATCH ()-[h:HOLDS_POSITION]->() RETURN valueType(h.first_seen) AS t")
        assert rows == [{"t": "DATE NOT NULL"}]
        assert [x.props["start_date"] for x in again.nodes("Event")] == ["2023-09"]


# ----------------------------------------------------------------------------
# what a Browser user meets: the documented vocabulary, no bookkeeping nodes


def _vocabulary() -> tuple[set[str], set[str]]:
    """The node labels and relationship types docs/vocabulary.md documents, from the vocabulary module."""
    from policygraph.vocab import GRAPH_LABELS, LABEL_CLASSES, RELATION_PREDICATES

    return set(LABEL_CLASSES) | set(GRAPH_LABELS), set(RELATION_PREDICATES)


def _labels_and_types(s: Neo4jStore) -> tuple[set[str], set[str]]:
    labels = {r["label"] for r in s.run("CALL db.labels() YIELD label RETURN label")}
    types = {r["t"] for r in s.run("CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t")}
    return labels, types


def test_labels_and_types_are_the_documented_vocabulary(neo4j_store: Neo4jStore) -> None:
    s = neo4j_store
    s.replace_articles([press(), follow_up()])
    s.replace_articles([press(2)])
    s.delete_articles(["msit-2"])
    s.set_state("resolution", "stale")
    labels, types = _labels_and_types(s)
    vocab_labels, vocab_types = _vocabulary()
    assert labels <= vocab_labels and types <= vocab_types, (labels, types)
    # every node is a served node or the Dataset node: no bookkeeping nodes
    served = len(list(s.nodes()))
    total = s.run("MATCH (n) WHERE NOT n:Dataset RETURN count(n) AS c")[0]["c"]
    assert total == served == len({n.id for n in press(2).nodes})
    assert s.run("MATCH (d:Dataset) RETURN d.id AS id") == [{"id": "dataset:policygraph"}]
    # the merge state and the support count are properties of each node and relationship
    rows = s.run("MATCH (n:Organization {id: $id}) RETURN n.article_count AS c, n.pg_state AS st", id=MSIT)
    assert rows[0]["c"] == 1 and '"n":1' in rows[0]["st"]


@pytest.mark.neo4j
def test_the_examples_in_neo4j_hold_only_the_vocabulary(neo4j_store: Neo4jStore) -> None:
    """The graph a Browser user meets after loading examples/: nothing but the
    documented labels and types (placeholders included)."""
    from policygraph import pipeline

    assert pipeline.load([EXAMPLES_DIR], neo4j_store).ok
    labels, types = _labels_and_types(neo4j_store)
    vocab_labels, vocab_types = _vocabulary()
    assert labels <= vocab_labels and types <= vocab_types, (labels - vocab_labels, types - vocab_types)
    assert {"Person", "Organization", "Event", "Article", "Dataset"} <= labels and "MENTIONS" in types


def test_a_store_of_the_node_and_lookup_layout_is_rewritten_on_open(neo4j_settings) -> None:
    """Node on every node, Lookup nodes and PolicygraphState (the layout before
    the vocabulary-only graph) become the new layout when the store is opened."""
    with Neo4jStore(**neo4j_settings) as s:
        s.clear()
        s.replace_articles([press(), follow_up()])
        want = state(s)
        fps = s.fingerprints()
        s.run("MATCH (n) SET n:Node")
        s.run("MATCH (n:Dataset) DETACH DELETE n")
        s.run("CREATE (:PolicygraphState {key: 'resolution', value: 'clean'})")
        s.run("MATCH (n:Organization) CREATE (:Lookup {key: n.name, node: n.id})")
        s.run("CREATE (:Node {id: 'org:bare'})")  # an old placeholder, only Node
        s.run("CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE")
    with Neo4jStore(**neo4j_settings) as s:
        assert state(s) == want and s.fingerprints() == fps
        assert s.get_state("resolution") == "clean"
        labels, _types = _labels_and_types(s)
        assert labels <= _vocabulary()[0], labels
        assert s.run("MATCH (n {id: 'org:bare'}) RETURN labels(n) AS l") == [{"l": ["Organization"]}]
        assert "node_id" not in {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}
        s.clear()


def test_a_store_of_the_old_layout_is_rewritten_on_open(neo4j_settings) -> None:
    """Bookkeeping nodes (Contribution, RelContribution, ArticleFingerprint) of a
    store written before merge states become the new layout when it is opened."""
    with Neo4jStore(**neo4j_settings) as s:
        s.clear()
        want = None
        s.replace_articles([press(), follow_up()])
        want = state(s)
        fps = s.fingerprints()
        old = [s.article_graph(a) for a in ("msit-1", "msit-2")]
        s.clear()
        for g in old:
            s.run("CREATE (:ArticleFingerprint {article: $a, fingerprint: $f})", a=g.article_id, f=fps[g.article_id])
            for x in g.nodes:
                s.run("CREATE (:Contribution {article: $a, node_id: $i, label: $l, props_json: $p})",
                      a=g.article_id, i=x.id, l=x.label, p=json.dumps(x.props, ensure_ascii=False))
            for x in g.rels:
                s.run("CREATE (:RelContribution {article: $a, key: $k, type: $t, source: $s, target: $o,"
                      " props_json: $p})", a=g.article_id, k=x.key, t=x.type, s=x.source, o=x.target,
                      p=json.dumps(x.props, ensure_ascii=False))
            for x in g.nodes:  # the old merged nodes, with their articles lists
                s.run(f"MERGE (n:Node:{x.label} {{id: $i}}) SET n.articles = [$a]", i=x.id, a=g.article_id)
    with Neo4jStore(**neo4j_settings) as s:
        assert state(s) == want and s.fingerprints() == fps
        assert s.run("MATCH (c) WHERE c:Contribution OR c:RelContribution OR c:ArticleFingerprint"
                     " RETURN count(c) AS c") == [{"c": 0}]
        assert s.run("MATCH (n) WHERE n.articles IS NOT NULL OR n:Node RETURN count(n) AS c") == [{"c": 0}]
        s.clear()


def test_resolver_keys_follow_props_and_version(neo4j_store: Neo4jStore) -> None:
    """nodes_by_keys: keys kept on the nodes, made again for the nodes whose
    props changed and, when the key function changes, for all; found by index."""
    s = neo4j_store
    calls: list[str] = []

    def keys_v1(node: NodeRecord) -> list[str]:
        calls.append(node.id)
        return [node.props.get("name", "").lower()]

    def keys_v2(node: NodeRecord) -> list[str]:
        calls.append(node.id)
        return [node.props.get("name", "")[:2]]

    s.replace_articles([ArticleGraph("a", "fa", [n("o1", "Organization", name="Alpha"),
                                                 n("o2", "Organization", name="Beta"),
                                                 n("t", "Topic", name="Alpha")], [])])
    assert set(s.nodes_by_keys(["alpha"], keys_v1, ["Organization"], "1")) == {"o1"}
    assert sorted(calls) == ["o1", "o2"]
    calls.clear()
    assert set(s.nodes_by_keys(["beta", "nobody"], keys_v1, ["Organization"], "1")) == {"o2"}
    assert calls == []  # nothing changed: nothing keyed again
    s.replace_articles([ArticleGraph("a", "fb", [n("o1", "Organization", name="Gamma"),
                                                 n("o2", "Organization", name="Beta")], [])])
    assert set(s.nodes_by_keys(["alpha"], keys_v1, ["Organization"], "1")) == set()
    assert set(s.nodes_by_keys(["gamma"], keys_v1, ["Organization"], "1")) == {"o1"}
    assert calls == ["o1"]  # only the node whose props changed
    calls.clear()
    assert set(s.nodes_by_keys(["Be"], keys_v2, ["Organization"], "2")) == {"o2"}
    assert sorted(calls) == ["o1", "o2"]  # a new key function: every node keyed again
    # a label the index does not cover: the scan of the default
    assert set(s.nodes_by_keys(["Al"], keys_v2, ["Topic", "Organization"], "2")) == set()
    s.replace_articles([ArticleGraph("b", "fb", [n("t2", "Topic", name="Alpha")], [])])
    assert set(s.nodes_by_keys(["Al"], keys_v2, ["Topic"], "2")) == {"t2"}


def test_nodes_and_relationships_are_read_in_pages(neo4j_store: Neo4jStore) -> None:
    """nodes() / relationships() read page by page (ordered index seeks), lazily:
    the same graph, in the same order, whatever the page size."""
    s = neo4j_store
    s.replace_articles([press(), follow_up(), press(2)])
    whole = state(s)
    assert [x[0] for x in whole[0]] == sorted(x[0] for x in whole[0])
    assert [x[0] for x in whole[1]] == sorted(x[0] for x in whole[1])
    s.page_size = 1
    assert state(s) == whole
    assert [x.id for x in s.nodes("Organization")] == sorted(x[0] for x in whole[0] if x[1] == "Organization")
    s.page_size = 2
    assert state(s) == whole
    nodes = s.nodes()
    first = next(nodes)  # lazy: each label's first page is read, not the store
    assert first.id == whole[0][0][0]
    assert [first.id] + [x.id for x in nodes] == [x[0] for x in whole[0]]


def test_every_lookup_of_a_write_is_an_index_seek(neo4j_store: Neo4jStore, monkeypatch) -> None:
    """A write's lookups by id or key are unique index seeks whatever the
    planner's statistics say (a plan made while a label or type was empty
    scanned the whole index for every key once the store had filled)."""
    import neo4j

    seen: list[str] = []
    run = neo4j.ManagedTransaction.run

    def recording_run(self, query, *args, **kwargs):
        seen.append(query)
        return run(self, query, *args, **kwargs)

    monkeypatch.setattr(neo4j.ManagedTransaction, "run", recording_run)
    neo4j_store.replace_articles([press(1)])
    neo4j_store.replace_articles([press(2), follow_up()])
    neo4j_store.delete_articles(["msit-1"])
    monkeypatch.undo()
    neo4j_store.clear()  # planned against an empty store, as at the start of a load
    queries = sorted({q for q in seen if "MATCH" in q and "MERGE" not in q})
    assert len(queries) >= 8
    for i, q in enumerate(queries):
        _rows, summary = neo4j_store.run_with_summary(f"EXPLAIN {q} // {i}", rows=[], ids=[], keys=[])

        def ops(p):
            yield p.get("operatorType", "")
            for c in p.get("children", []):
                yield from ops(c)

        scans = [o for o in ops(summary.plan) if "Scan" in o]
        assert not scans, (q, scans)
