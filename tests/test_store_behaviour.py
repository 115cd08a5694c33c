"""One behavioural suite for every GraphStore backend.

The ``store`` fixture (tests/conftest.py) yields an empty, open store and is
parametrized over the backends (sqlite, neo4j). Each test checks the semantics
documented in policygraph/stores/base.py; the expected merged graph is
computed by ``reference()``, a few lines of plain Python over the same
``merge_props``.

SQLite-only tests (file handling, errors, size) are at the end.
"""
from __future__ import annotations

import sqlite3
import time
from collections import Counter
from typing import Any, Iterable

import pytest

from graphs import (
    A1_ID,
    A1_NODE,
    A2_ID,
    A2_NODE,
    EVENT,
    MINISTER,
    MINISTRY,
    PRODUCT,
    QUOTE,
    SAMSUNG,
    SEOUL,
    TOPIC,
    a1,
    a1_v2,
    a2,
    article_graph,
    chain,
    node,
    rel,
    rel_key,
)
from policygraph.errors import StoreError
from policygraph.models import ArticleGraph
from policygraph.stores.base import GraphStore, merge_props


# ----------------------------------------------------------------------------
# helpers


def snapshot(store: GraphStore) -> tuple[list, list]:
    nodes = [(n.id, n.label, n.props) for n in store.nodes()]
    rels = [(r.key, r.type, r.source, r.target, r.props) for r in store.relationships()]
    return nodes, rels


def reference(graphs: Iterable[ArticleGraph]) -> tuple[list, list]:
    """The merged graph base.py says a store holds after loading ``graphs`` (the last version of each article).

    A relationship is listed only while both its end nodes exist (Neo4j has no
    dangling relationships; the SQLite store behaves the same)."""
    latest = {g.article_id: g for g in graphs}
    node_c: dict[str, list[tuple[str, str, dict]]] = {}
    rel_c: dict[str, list[tuple[str, Any, dict]]] = {}
    for aid, g in latest.items():
        for n in g.nodes:
            node_c.setdefault(n.id, []).append((aid, n.label, n.props))
        for r in g.rels:
            rel_c.setdefault(r.key, []).append((aid, r, r.props))
    nodes = []
    for nid in sorted(node_c):
        contribs = node_c[nid]
        props = merge_props(p for _, _, p in contribs)
        props["articles"] = sorted({a for a, _, _ in contribs})
        nodes.append((nid, contribs[0][1], props))
    rels = []
    for key in sorted(rel_c):
        contribs = rel_c[key]
        props = merge_props(p for _, _, p in contribs)
        props["articles"] = sorted({a for a, _, _ in contribs})
        r = contribs[0][1]
        if r.source in node_c and r.target in node_c:  # served only while both ends exist
            rels.append((key, r.type, r.source, r.target, props))
    return nodes, rels


def ids(store: GraphStore, label: str | None = None) -> list[str]:
    return [n.id for n in store.nodes(label)]


def keys(store: GraphStore, rel_type: str | None = None) -> list[str]:
    return [r.key for r in store.relationships(rel_type)]


# ----------------------------------------------------------------------------
# the shared suite


def test_empty_store(store: GraphStore) -> None:
    assert list(store.nodes()) == []
    assert list(store.relationships()) == []
    assert store.fingerprints() == {}
    assert store.node(MINISTER) is None
    assert store.contributions(MINISTER) == {}
    counts = store.counts()
    assert sum(counts["nodes"].values()) == 0 and sum(counts["relationships"].values()) == 0


def test_load_one_article(store: GraphStore) -> None:
    g = a1()
    store.replace_articles([g])
    assert snapshot(store) == reference([g])
    minister = store.node(MINISTER)
    assert minister is not None
    assert minister.label == "Person"
    assert minister.props == {
        "name": "안덕근",
        "aliases": ["안 장관"],
        "first_seen": "2024-03-05",
        "last_seen": "2024-03-05",
        "articles": [A1_ID],
    }
    assert store.fingerprints() == {A1_ID: g.fingerprint}


def test_load_two_articles_matches_reference(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    assert snapshot(store) == reference([a1(), a2()])


def test_counts(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    counts = store.counts()
    assert counts["nodes"] == Counter(
        {"Article": 2, "Person": 1, "Organization": 2, "Event": 1, "Place": 1, "Topic": 1, "Product": 1, "Quote": 1}
    )
    assert counts["relationships"] == Counter(
        {"HOLDS_POSITION": 2, "ORGANIZED": 1, "PARTICIPATED_IN": 1, "HELD_AT": 1, "ABOUT": 1, "MAKES": 1,
         "SAID": 1, "ISSUED": 2, "MENTIONS": 4, "REPORTS": 1}
    )


def test_idempotent_reload(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    before, fps, counts = snapshot(store), store.fingerprints(), store.counts()
    contribs = store.contributions(MINISTER)
    store.replace_articles([a1(), a2()])
    assert snapshot(store) == before
    store.replace_articles([a2()])
    store.replace_articles([a1()])
    assert snapshot(store) == before
    assert store.fingerprints() == fps
    assert store.counts() == counts
    assert store.contributions(MINISTER) == contribs


def test_load_order_does_not_matter(store: GraphStore) -> None:
    store.replace_articles([a2()])
    store.replace_articles([a1()])
    assert snapshot(store) == reference([a1(), a2()])


def test_replace_changed_article(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    store.replace_articles([a1_v2()])
    assert snapshot(store) == reference([a1_v2(), a2()])
    # Facts only the old A1 supported are gone ...
    assert store.node(TOPIC) is None
    assert store.node(SEOUL) is None
    assert keys(store, "HELD_AT") == []
    assert keys(store, "ABOUT") == []
    # ... shared ones stay, re-merged from what is left: the alias only the old
    # A1 gave disappears, A2's stays.
    minister = store.node(MINISTER)
    assert minister is not None
    assert minister.props["aliases"] == ["Minister Ahn"]
    assert minister.props["name_en"] == "Ahn Duk-geun"
    assert minister.props["first_seen"] == "2024-03-06"
    assert minister.props["articles"] == [A1_ID, A2_ID]
    event = store.node(EVENT)
    assert event is not None
    assert event.props["start_date"] == "2024-03-06"
    assert event.props["end_date"] == "2024-03-06"  # dates that disagree: most frequent, ties earliest
    # a relationship both versions support but A1 v2 no longer backs: only A2 left
    part = next(store.relationships("PARTICIPATED_IN"))
    assert part.props["articles"] == [A2_ID]
    # A1's Article node: props are the new version's only ("url" gone)
    article = store.node(A1_NODE)
    assert article is not None
    assert "url" not in article.props
    assert article.props["title"] == "산업부, 한-미 통상장관회의 개최 (수정)"
    assert store.fingerprints()[A1_ID] == a1_v2().fingerprint


def test_replace_back_restores(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    original = snapshot(store)
    store.replace_articles([a1_v2()])
    store.replace_articles([a1()])
    assert snapshot(store) == original


def test_scalar_only_old_version_gave_disappears(store: GraphStore) -> None:
    store.replace_articles([article_graph("x", [node("n", "Person", name="가", title="국장")], [])])
    store.replace_articles([article_graph("x", [node("n", "Person", name="가")], [])])
    assert store.node("n").props == {"name": "가", "articles": ["x"]}


def test_same_article_twice_in_one_call_last_wins(store: GraphStore) -> None:
    store.replace_articles([a1(), a2(), a1_v2()])
    assert snapshot(store) == reference([a1_v2(), a2()])


def test_delete_articles(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    store.delete_articles([A1_ID])
    assert snapshot(store) == reference([a2()])
    assert store.node(A1_NODE) is None
    assert store.node(TOPIC) is None
    assert store.node(MINISTER).props["articles"] == [A2_ID]
    assert store.node(MINISTER).props["aliases"] == ["Minister Ahn"]
    assert store.fingerprints() == {A2_ID: a2().fingerprint}
    assert store.contributions(MINISTER).keys() == {A2_ID}
    store.delete_articles(["no-such-article"])  # unknown ids: nothing happens
    assert snapshot(store) == reference([a2()])
    store.delete_articles([A2_ID])
    assert snapshot(store) == ([], [])
    assert store.fingerprints() == {}


def test_delete_nothing(store: GraphStore) -> None:
    store.replace_articles([a1()])
    store.delete_articles([])
    assert snapshot(store) == reference([a1()])


def test_clear(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    store.clear()
    assert snapshot(store) == ([], [])
    assert store.fingerprints() == {}
    assert store.contributions(MINISTER) == {}
    store.replace_articles([a2()])  # usable after clear
    assert snapshot(store) == reference([a2()])


def test_fingerprints(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    assert store.fingerprints() == {A1_ID: a1().fingerprint, A2_ID: a2().fingerprint}
    store.replace_articles([article_graph(A1_ID, a1().nodes, a1().rels, fingerprint="v2-same-content")])
    assert store.fingerprints()[A1_ID] == "v2-same-content"
    # an article that contributes nothing still records its fingerprint
    store.replace_articles([ArticleGraph("empty-article", "fp-empty")])
    assert store.fingerprints()["empty-article"] == "fp-empty"
    assert store.node("empty-article") is None
    assert list(store.fingerprints()) == sorted(store.fingerprints())


def test_multi_article_support_lists(store: GraphStore) -> None:
    graphs = [
        article_graph(aid, [node("org:공유", "Organization", name="공유기관"), node(aid, "Article", title=aid)],
                      [rel("MENTIONS", aid, "org:공유"), rel("SUBSIDIARY_OF", "org:공유", "org:공유")])
        for aid in ("c-3", "a-1", "b-2", "가-4")
    ]
    store.replace_articles(graphs[:2])
    store.replace_articles(graphs[2:])
    assert store.node("org:공유").props["articles"] == ["a-1", "b-2", "c-3", "가-4"]
    sub = next(store.relationships("SUBSIDIARY_OF"))
    assert sub.props["articles"] == ["a-1", "b-2", "c-3", "가-4"]
    for n in store.nodes("Article"):
        assert n.props["articles"] == [n.id]
    assert set(store.contributions("org:공유")) == {"a-1", "b-2", "c-3", "가-4"}


def test_merge_lists_dates_and_scalars(store: GraphStore) -> None:
    contribs = {
        "m1": dict(name="기획재정부", aliases=["기재부", "MOEF"], first_seen="2024-02-01", last_seen="2024-02-01",
                   start_date="2024-02-01", end_date="2024-02-03", category="government"),
        "m2": dict(name="기획재정부", aliases=["기재부"], first_seen="2023-12-31", last_seen="2024-05-01",
                   start_date="2024-01-15", end_date="2024-01-20", category="public_agency"),
        "m3": dict(name="기재부", aliases=["재정경제부"], first_seen="2024-03-01", last_seen="2024-03-01",
                   category="government"),
    }
    store.replace_articles(
        [article_graph(aid, [node("org:moef", "Organization", **p)], []) for aid, p in contribs.items()]
    )
    got = store.node("org:moef").props
    assert got == {
        "name": "기획재정부",  # most frequent
        "aliases": ["MOEF", "기재부", "재정경제부"],  # sorted union
        "first_seen": "2023-12-31",  # min
        "last_seen": "2024-05-01",  # max
        "start_date": "2024-01-15",  # disagreeing dates: most frequent, ties earliest
        "end_date": "2024-01-20",
        "category": "government",  # most frequent
        "articles": ["m1", "m2", "m3"],
    }
    assert got == {**merge_props(contribs.values()), "articles": ["m1", "m2", "m3"]}
    assert store.contributions("org:moef") == contribs


def test_scalar_tie_goes_to_smallest(store: GraphStore) -> None:
    store.replace_articles([
        article_graph("t1", [node("n", "Topic", name="나")], []),
        article_graph("t2", [node("n", "Topic", name="가")], []),
    ])
    assert store.node("n").props["name"] == "가"


def test_unicode_names_and_ids(store: GraphStore) -> None:
    nid = "인물:홍길동(洪吉童)·차관 \"특별\" 'x' \\ / | ?#%"
    g = article_graph(
        "기사-가나다",
        [node(nid, "Person", name="홍길동", aliases=["洪吉童", "Hong Gil-dong", "ホン"]),
         node("기관:행정안전부", "Organization", name="행정안전부")],
        [rel("HOLDS_POSITION", nid, "기관:행정안전부", "제1차관", title="제1차관")],
    )
    store.replace_articles([g])
    n = store.node(nid)
    assert n is not None and n.props["name"] == "홍길동"
    assert n.props["aliases"] == sorted(["洪吉童", "Hong Gil-dong", "ホン"])
    assert n.props["articles"] == ["기사-가나다"]
    assert ids(store, "Person") == [nid]
    (r,) = store.relationships("HOLDS_POSITION")
    assert (r.key, r.source, r.target) == (f"HOLDS_POSITION|{nid}|기관:행정안전부|제1차관", nid, "기관:행정안전부")
    assert store.fingerprints() == {"기사-가나다": g.fingerprint}
    assert store.contributions(nid) == {"기사-가나다": g.nodes[0].props}


def test_props_with_lists_and_scalar_types(store: GraphStore) -> None:
    props = dict(name="예산", amounts=[3, 1, 2], ratios=[0.5, 1.25], flags=[True, False],
                 codes=["b", "a"], budget=677400000000, share=12.5, confirmed=True)
    store.replace_articles([article_graph("p1", [node("topic:예산", "Topic", **props)], [])])
    got = store.node("topic:예산").props
    assert got["amounts"] == [1, 2, 3]
    assert got["ratios"] == [0.5, 1.25]
    assert got["flags"] == [False, True]
    assert got["codes"] == ["a", "b"]
    assert got["budget"] == 677400000000 and type(got["budget"]) is int
    assert got["share"] == 12.5 and type(got["share"]) is float
    assert got["confirmed"] is True
    # contributions keep what the article said, list order included
    assert store.contributions("topic:예산") == {"p1": props}


def test_relationship_keys_distinguish_titles(store: GraphStore) -> None:
    store.replace_articles([a2()])
    hp = list(store.relationships("HOLDS_POSITION"))
    assert [r.key for r in hp] == sorted([
        rel_key("HOLDS_POSITION", MINISTER, MINISTRY, "장관"),
        rel_key("HOLDS_POSITION", MINISTER, MINISTRY, "통상교섭본부장"),
    ])
    assert {r.props["title"] for r in hp} == {"장관", "통상교섭본부장"}
    assert all((r.source, r.target, r.type) == (MINISTER, MINISTRY, "HOLDS_POSITION") for r in hp)
    # replacing A1 touches only the key A1 supports
    store.replace_articles([a1()])
    store.delete_articles([A1_ID])
    assert [r.props for r in store.relationships("HOLDS_POSITION")] == [r[4] for r in reference([a2()])[1]
                                                                         if r[1] == "HOLDS_POSITION"]


def test_ordering(store: GraphStore) -> None:
    names = ["b", "a", "B", "A", "10", "9", "가", "나", "z:가", "a:b", "a-b", "a b", "é"]
    store.replace_articles([
        article_graph("o1", [node(n, "Topic" if i % 2 else "Place", name=n) for i, n in enumerate(names[:7])],
                      [rel("ABOUT", n, "a") for n in names[:7]]),
        article_graph("o2", [node(n, "Topic", name=n) for n in names[7:]],
                      [rel("MENTIONS", "a", n) for n in names[7:]]),
    ])
    assert ids(store) == sorted(names)
    assert ids(store, "Topic") == sorted(n for i, n in enumerate(names) if i >= 7 or i % 2)
    assert ids(store, "Place") == sorted(n for i, n in enumerate(names[:7]) if not i % 2)
    assert keys(store) == sorted(keys(store)) and len(keys(store)) == len(names)
    assert keys(store, "ABOUT") == sorted(f"ABOUT|{n}|a" for n in names[:7])
    assert ids(store, "Event") == [] and keys(store, "SAID") == []


def test_label_and_type_filters(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    assert ids(store, "Organization") == sorted([MINISTRY, SAMSUNG])
    assert ids(store, "Product") == [PRODUCT]
    assert ids(store, "Quote") == [QUOTE]
    assert ids(store, "Article") == [A1_NODE, A2_NODE]
    assert keys(store, "ORGANIZED") == [rel_key("ORGANIZED", MINISTRY, EVENT)]
    assert keys(store, "MENTIONS") == sorted(r.key for g in (a1(), a2()) for r in g.rels if r.type == "MENTIONS")


def test_contributions(store: GraphStore) -> None:
    store.replace_articles([a1(), a2()])
    contribs = store.contributions(MINISTRY)
    assert list(contribs) == [A1_ID, A2_ID]
    assert contribs[A1_ID] == next(n.props for n in a1().nodes if n.id == MINISTRY)
    assert contribs[A2_ID] == next(n.props for n in a2().nodes if n.id == MINISTRY)
    assert store.contributions("nobody") == {}


def test_relationship_waits_for_its_end_nodes(store: GraphStore) -> None:
    # x says A -> B but names only A; B exists only while y supports it
    x = article_graph("x", [node("org:a", "Organization", name="A")],
                      [rel("SUBSIDIARY_OF", "org:a", "org:b", note="x")])
    y = article_graph("y", [node("org:b", "Organization", name="B")], [])
    store.replace_articles([x])
    assert keys(store) == [] and sum(store.counts()["relationships"].values()) == 0
    store.replace_articles([y])
    (r,) = store.relationships()
    assert (r.key, r.source, r.target, r.props) == ("SUBSIDIARY_OF|org:a|org:b", "org:a", "org:b",
                                                    {"note": "x", "articles": ["x"]})
    assert store.counts()["relationships"] == Counter({"SUBSIDIARY_OF": 1})
    store.delete_articles(["y"])
    assert keys(store) == []
    store.replace_articles([y])
    assert keys(store) == ["SUBSIDIARY_OF|org:a|org:b"]
    assert snapshot(store) == reference([x, y])


def test_bad_values_write_nothing(store: GraphStore) -> None:
    bad = article_graph("bad", [node("n", "Topic", name="x", nested={"a": 1})], [])
    with pytest.raises(StoreError, match="nested"):
        store.replace_articles([a1(), bad])
    assert snapshot(store) == ([], []) and store.fingerprints() == {}
    with pytest.raises(StoreError, match="Widget"):
        store.replace_articles([article_graph("w", [node("n", "Widget", name="x")], [])])
    with pytest.raises(StoreError, match="KNOWS"):
        store.replace_articles([article_graph("k", [node("n", "Topic")], [rel("KNOWS", "n", "n")])])
    assert snapshot(store) == ([], []) and store.fingerprints() == {}


def test_many_articles(store: GraphStore) -> None:
    graphs = chain(300)
    store.replace_articles(graphs)
    assert snapshot(store) == reference(graphs)
    org = store.node(MINISTRY)
    assert len(org.props["articles"]) == 300
    assert org.props["first_seen"] == "2024-01-01" and org.props["last_seen"] == "2024-12-28"
    store.delete_articles(g.article_id for g in graphs[:150])
    assert snapshot(store) == reference(graphs[150:])


def test_targeted_reads_agree_with_the_whole_graph(store: GraphStore) -> None:
    graphs = [a1(), a2()] + chain(5)
    store.replace_articles(graphs)
    nodes = {n.id: n for n in store.nodes()}
    rels = list(store.relationships())
    ids = [MINISTRY, A1_NODE, "nobody", SEOUL]
    assert store.nodes_by_id(ids) == {i: nodes[i] for i in ids if i in nodes}
    assert store.node(MINISTRY) == nodes[MINISTRY] and store.node("nobody") is None
    assert store.relationships_of([MINISTRY, SEOUL]) == [r for r in rels if {r.source, r.target} & {MINISTRY, SEOUL}]
    assert store.relationships_of([MINISTRY], "MENTIONS") == [
        r for r in rels if r.type == "MENTIONS" and MINISTRY in (r.source, r.target)]
    assert store.counts() == {"nodes": Counter(n.label for n in nodes.values()),
                              "relationships": Counter(r.type for r in rels)}


def test_write_cost_does_not_grow_with_the_store(store: GraphStore) -> None:
    """A batch costs what it holds, not what is stored: the same batch (new
    articles, and changed versions of stored ones, all naming the hub MINISTRY)
    reads as many contributions and merge states into a store of 30 articles as
    into one of 630, and the hub ends up as the reference says."""

    def changed(graphs: list[ArticleGraph]) -> list[ArticleGraph]:
        return [article_graph(g.article_id, [node(g.nodes[0].id, "Article", title="고침")] + g.nodes[1:], g.rels)
                for g in graphs]

    def cost(batch: list[ArticleGraph]) -> Counter:
        before = Counter(store.stats)
        store.replace_articles(batch)
        return Counter(store.stats) - before

    base = chain(30, "base")
    store.replace_articles(base)
    small = [cost(chain(10, "new1")), cost(changed(base[:10]))]
    big = chain(600, "big")
    store.replace_articles(big)
    large = [cost(chain(10, "new2")), cost(changed(base[10:20]))]
    assert small == large and all(c["contributions_read"] + c["states_read"] for c in small)
    assert small[1]["contributions_read"] == sum(len(g.nodes) + len(g.rels) for g in base[:10])
    everything = base + chain(10, "new1") + big + chain(10, "new2") + changed(base[:20])
    hub = store.node(MINISTRY)
    assert hub is not None and len(hub.props["articles"]) == 650
    assert (hub.id, hub.label, hub.props) == next(n for n in reference(everything)[0] if n[0] == MINISTRY)
    store.delete_articles(g.article_id for g in big)
    assert snapshot(store) == reference(base + chain(10, "new1") + chain(10, "new2") + changed(base[:20]))


# ----------------------------------------------------------------------------
# SQLite only: the file itself

from policygraph.stores.sqlite import SCHEMA_VERSION, SQLiteStore  # noqa: E402


def test_sqlite_schema_1_is_migrated(tmp_path) -> None:
    """A store of schema 1 (merged rows carry ``articles`` in their JSON, no
    merge states) opens as the current schema with the same graph, and writes on."""
    path = tmp_path / "old.db"
    with SQLiteStore(path) as s:
        s.replace_articles([a1(), a2()])
        want = snapshot(s)
    con = sqlite3.connect(path)
    for table, key, contrib, ckey in (("node", "id", "node_contrib", "node_id"), ("rel", "key", "rel_contrib", "rel_key")):
        for k, pj in con.execute(f"SELECT {key}, props_json FROM {table}").fetchall():
            arts = [a for (a,) in con.execute(f"SELECT article_id FROM {contrib} WHERE {ckey} = ? ORDER BY 1", (k,))]
            props = dict(sorted({**__import__("json").loads(pj), "articles": arts}.items()))
            con.execute(f"UPDATE {table} SET props_json = ? WHERE {key} = ?", (__import__("json").dumps(props), k))
        con.execute(f"ALTER TABLE {table} DROP COLUMN state_json")
    con.execute("PRAGMA user_version=1")
    con.commit()
    con.close()
    with SQLiteStore(path) as s:
        assert snapshot(s) == want
        s.replace_articles([a1_v2()])
        assert snapshot(s) == reference([a1_v2(), a2()])
        s.delete_articles([A2_ID])
        assert snapshot(s) == reference([a1_v2()])
        assert s.counts() == scanned_counts(s)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4


def test_sqlite_schema_2_is_migrated(tmp_path) -> None:
    """A store of schema 2 (every merged row with its full state) opens as
    the current schema with the same graph, and writes on exactly."""
    path = tmp_path / "v2.db"
    with SQLiteStore(path) as s:
        s.replace_articles([a1(), a2()])
        want = snapshot(s)
    con = sqlite3.connect(path)
    from policygraph.stores.base import MergeState

    for table, key, contrib, ckey, fields in (("node", "id", "node_contrib", "node_id", ("label",)),
                                              ("rel", "key", "rel_contrib", "rel_key", ("type", "source", "target"))):
        for (k,) in con.execute(f"SELECT {key} FROM {table}").fetchall():
            st = MergeState()
            for row in con.execute(f"SELECT props_json, {', '.join(fields)} FROM {contrib} WHERE {ckey} = ?", (k,)):
                st.add(__import__("json").loads(row[0]), dict(zip(fields, row[1:])))
            con.execute(f"UPDATE {table} SET state_json = ? WHERE {key} = ?", (st.to_json(), k))
    con.execute("PRAGMA user_version=2")
    con.commit()
    con.close()
    with SQLiteStore(path) as s:
        assert snapshot(s) == want
        s.replace_articles([a1_v2()])
        assert snapshot(s) == reference([a1_v2(), a2()])
        s.delete_articles([A2_ID])
        assert snapshot(s) == reference([a1_v2()])
        assert s.counts() == scanned_counts(s)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 4


def scanned_counts(store: GraphStore) -> dict[str, Counter]:
    """The counts as the served graph gives them (what ``counts()`` keeps)."""
    return {
        "nodes": Counter(n.label for n in store.nodes()),
        "relationships": Counter(r.type for r in store.relationships()),
    }


def test_sqlite_schema_3_is_migrated(tmp_path) -> None:
    """A store of schema 3 (no kept counts) opens as schema 4 with its counts
    counted once, and keeps them as it is written on, a dangling relationship
    among them."""
    path = tmp_path / "v3.db"
    dangling = article_graph("d1", [node("article:d1", "Article", title="d")],
                             [rel("LOCATED_IN", SEOUL, "place:nowhere", via="x")])
    with SQLiteStore(path) as s:
        s.replace_articles([a1(), a2(), dangling])
        want, counts = snapshot(s), s.counts()
    con = sqlite3.connect(path)
    con.execute("DROP TABLE tally")
    con.execute("PRAGMA user_version=3")
    con.commit()
    con.close()
    with SQLiteStore(path) as s:
        assert snapshot(s) == want and s.counts() == counts == scanned_counts(s)
        s.replace_articles([a1_v2()])
        assert snapshot(s) == reference([a1_v2(), a2(), dangling]) and s.counts() == scanned_counts(s)
        s.delete_articles([A2_ID])
        assert snapshot(s) == reference([a1_v2(), dangling]) and s.counts() == scanned_counts(s)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 4


def test_sqlite_counts_follow_nodes_coming_and_going(tmp_path) -> None:
    """``counts()`` is kept by the writes, not counted from the rows: through
    relationships whose end nodes come and go (served only while both ends are
    nodes), labels that change by vote, retraction and a clear, it is what the
    served graph gives."""
    import random

    rng = random.Random(7)
    ids = [f"org:o{i}" for i in range(6)]

    def graph(aid: str) -> ArticleGraph:
        nodes = [node(f"article:{aid}", "Article", title=aid)]
        nodes += [node(i, rng.choice(["Organization", "Place"]), name=i) for i in rng.sample(ids, rng.randint(0, 3))]
        rels = [rel(rng.choice(["LOCATED_IN", "SUBSIDIARY_OF"]), a, b, n=rng.randint(0, 2))
                for a, b in (rng.sample(ids, 2) for _ in range(rng.randint(0, 4)))]
        return article_graph(aid, nodes, rels)

    with SQLiteStore(tmp_path / "c.db") as s:
        for step in range(60):
            aids = [f"a{rng.randint(0, 9)}" for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.25:
                s.delete_articles(aids)
            else:
                s.replace_articles([graph(a) for a in aids])
            assert s.counts() == scanned_counts(s), step
        s.clear()
        assert s.counts() == scanned_counts(s) == {"nodes": Counter(), "relationships": Counter()}


def test_sqlite_single_support_rows_keep_no_state(tmp_path) -> None:
    """A merged row one article supports stores no merge state (it is read back
    from that contribution); as support goes 1 -> 3 -> 1 -> 0 and back, with
    values changing on the way, the graph is the reference one at every step,
    also through a second handle, and only multi-support rows carry a state."""
    path = tmp_path / "s.db"

    def version(aid: str, i: int, where: str) -> ArticleGraph:
        return article_graph(
            aid,
            [node(f"article:{aid}", "Article", title=f"t{i}"),
             node("org:hub", "Organization", name="허브", aliases=[f"a{i}", "공통"], rank=i % 2),
             node(f"place:{where}", "Place", name=where)],
            [rel("HELD_AT", "org:hub", f"place:{where}", evidence=[f"문장 {i}"], n=i)],
        )

    steps = [
        [version("x", 1, "p")],
        [version("y", 2, "p")],
        [version("z", 3, "q")],
        [version("y", 4, "q")],   # changes what y said
        [version("x", 5, "r")],
    ]
    deletes = [["z"], ["y"], ["x"]]
    live: dict[str, ArticleGraph] = {}
    with SQLiteStore(path) as s:
        for batch in steps + deletes:
            if isinstance(batch[0], str):
                s.delete_articles(batch)
                for a in batch:
                    live.pop(a)
            else:
                s.replace_articles(batch)
                live.update((g.article_id, g) for g in batch)
            want = reference(live.values())
            assert snapshot(s) == want
            with SQLiteStore(path) as other:
                assert snapshot(other) == want
            con = sqlite3.connect(path)
            for table, key, contrib, ckey in (("node", "id", "node_contrib", "node_id"),
                                              ("rel", "key", "rel_contrib", "rel_key")):
                for k, st in con.execute(f"SELECT {key}, state_json FROM {table}"):
                    support = con.execute(f"SELECT count(*) FROM {contrib} WHERE {ckey} = ?", (k,)).fetchone()[0]
                    assert (st == "") == (support == 1), (k, support, st)
            con.close()
        assert snapshot(s) == ([], [])


def test_sqlite_persists_and_uses_wal(tmp_path) -> None:
    path = tmp_path / "graph.db"
    with SQLiteStore(path) as s:
        s.replace_articles([a1(), a2()])
        before = snapshot(s)
    with SQLiteStore(str(path)) as s:
        assert snapshot(s) == before
        assert s.fingerprints() == {A1_ID: a1().fingerprint, A2_ID: a2().fingerprint}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"node_label", "node_name", "rel_source", "rel_target", "rel_type"} <= indexes
    conn.close()


def test_sqlite_two_handles_on_one_file(tmp_path) -> None:
    path = tmp_path / "shared.db"
    with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
        writer.replace_articles([a1()])
        assert snapshot(reader) == reference([a1()])
        it = reader.nodes()
        first = next(it)
        writer.replace_articles([a2()])  # a write while the reader iterates is fine
        assert first.id == ids(writer)[0]
        assert snapshot(reader) == reference([a1(), a2()])


def test_sqlite_memory() -> None:
    with SQLiteStore(":memory:") as s:
        s.replace_articles([a1()])
        assert snapshot(s) == reference([a1()])


def test_sqlite_not_a_database(tmp_path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, just some text that is long enough " * 20)
    with pytest.raises(StoreError, match=r"notes\.db.*(corrupt|not a database)"):
        SQLiteStore(path)


def test_sqlite_other_application_database(tmp_path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"other\.db.*not a policygraph store"):
        SQLiteStore(path)


def test_sqlite_newer_schema(tmp_path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"future\.db.*newer policygraph.*schema version"):
        SQLiteStore(path)


def test_sqlite_unopenable_paths(tmp_path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        SQLiteStore(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        SQLiteStore(tmp_path / "missing" / "graph.db")


def test_sqlite_locked(tmp_path) -> None:
    path = tmp_path / "locked.db"
    store = SQLiteStore(path, timeout=0.1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match=r"locked\.db.*locked"):
            store.replace_articles([a1()])
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.replace_articles([a1()])  # fine once the lock is gone
    assert snapshot(store) == reference([a1()])
    store.close()


def test_sqlite_closed(tmp_path) -> None:
    store = SQLiteStore(tmp_path / "c.db")
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        list(store.nodes())


def test_sqlite_thousands_of_articles_fast(tmp_path) -> None:
    graphs = chain(3000)
    with SQLiteStore(tmp_path / "big.db") as s:
        t = time.perf_counter()
        s.replace_articles(graphs)
        bulk = time.perf_counter() - t
        t = time.perf_counter()
        s.replace_articles(graphs[:500])  # unchanged articles: cheap
        changed = []
        for g in graphs[:50]:  # one changed article at a time, each touching the shared hub node
            g2 = article_graph(g.article_id, [node(MINISTRY, "Organization", name="산업부")] + g.nodes[2:], g.rels)
            s.replace_articles([g2])
            changed.append(g2)
        again = time.perf_counter() - t
        assert snapshot(s) == reference(graphs + changed)
    assert bulk < 20, bulk
    assert again < 10, again


def test_merge_dates_keeps_the_most_precise_agreeing_value() -> None:
    assert merge_props([{"start_date": "2023-09"}, {"start_date": "2023-09-12"}])["start_date"] == "2023-09-12"
    assert merge_props([{"start_date": "2023"}, {"start_date": "2023-09"}, {"start_date": "2023-09"}])["start_date"] == "2023-09"
    # disagreeing days: the most frequent, whatever the order of the articles
    votes = [{"start_date": "2023-09-13"}, {"start_date": "2023-09-12"}, {"start_date": "2023-09-12"}, {"start_date": "2023-09"}]
    assert merge_props(votes)["start_date"] == "2023-09-12"
    assert merge_props(list(reversed(votes)))["start_date"] == "2023-09-12"


def test_reading_more_than_a_page(store: GraphStore) -> None:
    from policygraph.models import ArticleGraph, NodeRecord, RelRecord

    nodes = [NodeRecord(f"org:{i:05d}", "Organization", {"name": f"o{i}"}) for i in range(2500)]
    rels = [RelRecord(f"LOCATED_IN|org:{i:05d}|org:{i + 1:05d}", "LOCATED_IN", f"org:{i:05d}", f"org:{i + 1:05d}", {}) for i in range(2499)]
    store.replace_articles([ArticleGraph("big", "f", nodes, rels)])
    got = [n.id for n in store.nodes("Organization")]
    assert got == sorted(got) and len(got) == 2500
    assert len(list(store.relationships("LOCATED_IN"))) == 2499
    assert len(list(store.relationships())) == 2499
