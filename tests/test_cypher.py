"""Every query of cypher/ against a real Neo4j holding the bundled examples,
with the parameters its header comment shows (the :param lines)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from policygraph import pipeline
from policygraph.queries import list_queries, load_query

pytestmark = pytest.mark.neo4j
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def header_params(name: str) -> dict:
    """The ':param key => value' lines of a query's header comment."""
    out = {}
    for key, value in re.findall(r"^// :param (\w+) => (.+)$", load_query(name), re.M):
        value = value.strip()
        out[key] = value[1:-1] if value.startswith("'") else int(value)
    return out


@pytest.fixture(scope="module")
def loaded(neo4j_settings):
    from policygraph.stores.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_settings["uri"], username=neo4j_settings["username"], password=neo4j_settings["password"])
    store.clear()
    report = pipeline.load([EXAMPLES], store)
    assert report.ok
    yield store
    store.close()


def test_every_query_has_param_lines_and_runs(loaded) -> None:
    names = list_queries()
    assert len(names) >= 5
    for name in names:
        params = header_params(name)
        assert params, f"{name}: no ':param' lines in its header"
        rows = loaded.run(load_query(name), **params)
        assert rows, f"{name} returned nothing on the examples with {params}"


def test_entity_neighbourhood(loaded) -> None:
    rows = loaded.run(load_query("entity_neighbourhood"), entity="MSIT", limit=100)
    got = {(r["relationship"], r["direction"], r["other_name"]) for r in rows}
    assert ("ORGANIZED", "out", "2024 디지털 트윈 얼라이언스 포럼") in got
    assert ("HOLDS_POSITION", "in", "강도현") in got
    assert ("HOLDS_POSITION", "in", "이종호") in got


def test_organization_events(loaded) -> None:
    rows = loaded.run(load_query("organization_events"), org="과학기술정보통신부")
    assert [(r["event"], r["relation"], r["start_date"]) for r in rows] == [
        ("2024 디지털 트윈 얼라이언스 포럼", "ORGANIZED", "2024-05-21")
    ]
    assert "코엑스" in rows[0]["held_at"]


def test_organization_people(loaded) -> None:
    rows = loaded.run(load_query("organization_people"), org="NVIDIA")
    assert {(r["person"], r["title"]) for r in rows} == {("정서윤", "상무"), ("정서윤", "Managing Director")}
    assert all(r["first_seen"] <= r["last_seen"] for r in rows)


def test_events_by_date(loaded) -> None:
    rows = loaded.run(load_query("events_by_date"), **{"from": "2024-05-01", "to": "2024-05-31"})
    assert [r["event"] for r in rows] == ["2024 디지털 트윈 얼라이언스 포럼"]
    assert sorted(rows[0]["organizers"]) == ["과학기술정보통신부", "한국지능정보사회진흥원"]
    assert loaded.run(load_query("events_by_date"), **{"from": "2023-01-01", "to": "2023-12-31"}) == []


def test_articles_mentioning(loaded) -> None:
    rows = loaded.run(load_query("articles_mentioning"), entity="강도현")
    assert len(rows) == 2
    forms = {f for r in rows for f in r["forms"]}
    assert {"강도현", "Kang Do-hyun"} <= forms


def test_who_met_whom(loaded) -> None:
    rows = loaded.run(load_query("who_met_whom"), person="Kang Do-hyun")
    people = {r["person"]: r["shared_events"] for r in rows}
    assert people.get("정서윤") == 1 and people.get("배준호") == 1
    assert "강도현" not in people


def test_frequent_invitees(loaded) -> None:
    rows = loaded.run(load_query("frequent_invitees"), org="과학기술정보통신부", min_events=1)
    orgs = {r["organization"] for r in rows}
    assert {"엔비디아", "트윈웍스"} <= orgs
    assert "한국지능정보사회진흥원" not in orgs  # a co-host is no invitee
