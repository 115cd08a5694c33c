"""The query library on the dev corpus (../shared/corpus/dev/articles: 25
articles, month-only dates, events abroad), in a real Neo4j and the embedded
store: the same rows for every query, and Korean full-text search."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from policygraph import pipeline
from policygraph.queries import get_query, list_queries, run_query

pytestmark = pytest.mark.neo4j
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev" / "articles"


@pytest.fixture(scope="module")
def stores(neo4j_settings, tmp_path_factory):
    from policygraph.stores.neo4j import Neo4jStore
    from policygraph.stores.sqlite import SQLiteStore

    if not DEV.is_dir():
        pytest.fail(f"the dev corpus is missing: {DEV}", pytrace=False)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    neo = Neo4jStore(neo4j_settings["uri"], username=neo4j_settings["username"], password=neo4j_settings["password"])
    neo.clear()
    emb = SQLiteStore(tmp_path_factory.mktemp("dev") / "graph.db")
    pipeline.load([DEV], neo)
    pipeline.load([DEV], emb)
    yield neo, emb
    neo.close()
    emb.close()


def test_every_query_gives_the_same_rows_on_both_stores(stores) -> None:
    neo, emb = stores
    answered = 0
    for name in list_queries():
        params = dict(get_query(name).examples)
        want = run_query(emb, name, params)
        assert run_query(neo, name, params) == want, name
        answered += bool(want)
    assert answered >= 20  # most queries have something to say on the dev corpus


def test_month_only_dates_and_events_abroad(stores) -> None:
    neo, emb = stores
    months = run_query(neo, "events_by_month", {"year": 2024})
    assert months and all(len(r["month"]) == 7 for r in months)
    rows = run_query(neo, "events_by_date", {"since": "2022-01-01", "until": "2025-12-31"})
    assert any(len(r["start_date"]) == 7 for r in rows)  # dated to the month, printed as such
    abroad = run_query(neo, "events_abroad", {"home": "South Korea"})
    assert abroad and all(r["country"] != "대한민국" for r in abroad)
    assert abroad == run_query(emb, "events_abroad", {"home": "대한민국"})


def test_korean_full_text_finds_the_right_nodes(stores) -> None:
    neo, _ = stores
    hits = neo.search("윤규")
    assert hits[0]["name"] == "박윤규" and hits[0]["label"] == "Person"
    hits = neo.search("과기정통부")
    assert hits[0]["id"] == "org:msit"
    # entities and articles apart: an article title never outranks the entity
    assert all(h["label"] != "Article" for h in neo.search("박윤규", limit=50))
    titles = neo.search("박윤규", articles=True)
    assert titles and all(h["label"] == "Article" for h in titles)
    assert neo.search("Park Yoon-kyu")[0]["name"] == "박윤규"
