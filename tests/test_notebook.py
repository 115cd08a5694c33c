"""The notebook API (policygraph.open) on both stores, loaded with examples/."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import policygraph
from policygraph.errors import ConfigError, NotFoundError
from policygraph.notebook import PolicyGraph, _in_range

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def graphs(request: pytest.FixtureRequest, examples_loaded: dict):
    """The examples opened the way a notebook does, per backend, loaded once:
    the session's embedded store file; Neo4j loaded on first use."""
    opened: dict[str, PolicyGraph] = {}

    def get(backend: str) -> PolicyGraph:
        if backend not in opened:
            if backend == "sqlite":
                opened[backend] = policygraph.open(examples_loaded["path"])
            else:
                s = request.getfixturevalue("neo4j_settings")
                g = policygraph.open(s["uri"], username=s["username"], password=s["password"])
                g.store.clear()
                report = g.load(EXAMPLES)
                assert report.ok and report.articles_read >= 40
                opened[backend] = g
        return opened[backend]

    yield get
    for g in opened.values():
        g.close()


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def pg(request: pytest.FixtureRequest, graphs) -> PolicyGraph:
    return graphs(request.param)


def test_open_takes_a_path_a_uri_a_store_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")  # a path means the embedded store all the same
    with policygraph.open(tmp_path / "a.db") as g:
        assert isinstance(g, PolicyGraph) and "a.db" in repr(g)
        assert g.entities().empty and list(g.events().columns)[:2] == ["id", "name"]
    from policygraph.stores.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "b.db")
    g = policygraph.open(store)
    g.close()  # not its store: stays open
    assert store.counts()["nodes"] == {}
    store.close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("POLICYGRAPH_DB", raising=False)
    with policygraph.open() as g:
        assert "policygraph.db" in repr(g)
    with pytest.raises(ConfigError, match="is a folder"):
        policygraph.open(tmp_path)
    with pytest.raises(ConfigError, match="not a store"):
        policygraph.open("http://localhost:7474")
    with pytest.raises(ConfigError, match="no such directory"):
        policygraph.open(tmp_path / "missing" / "x.db")


def test_examples_dir_from_any_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POLICYGRAPH_EXAMPLES", raising=False)
    assert policygraph.examples_dir() == EXAMPLES
    monkeypatch.setenv("POLICYGRAPH_EXAMPLES", str(tmp_path / "nowhere"))
    with pytest.raises(NotFoundError, match="nowhere"):
        policygraph.examples_dir()


def test_dates_compare_at_the_precision_both_have() -> None:
    assert _in_range("2024-05", "2024-05-21", None)
    assert _in_range("2024-05-21", None, "2024")
    assert not _in_range("2025-01-01", None, "2024")
    assert not _in_range("2023-12-31", "2024", None)
    assert not _in_range(None, "2024", None) and _in_range(None, None, None)


def test_entities_by_type_organization_and_dates(pg: PolicyGraph) -> None:
    ents = pg.entities()
    assert isinstance(ents, pd.DataFrame)
    assert {"id", "type", "name", "name_en", "aliases", "first_seen", "last_seen", "articles", "degree"} <= set(ents)
    assert "Article" not in set(ents["type"])
    people = pg.entities("Person")
    assert set(people["type"]) == {"Person"} and "윤재석" in set(people["name"])
    two = pg.entities(["Organization", "Event"])
    assert set(two["type"]) == {"Organization", "Event"}
    # linked to the land ministry: its people, its events, itself
    molit = pg.entities(organization="MOLIT")
    assert {"국토교통부", "오태근", "2024 K-스마트시티 해외 로드쇼"} <= set(molit["name"])
    assert "윤재석" not in set(molit["name"])
    # seen in 2026 articles only
    late = pg.entities("Event", start="2026-01-01", end="2026-12-31")
    assert "2026 디지털 트윈 얼라이언스 포럼" in set(late["name"])
    assert "2023 디지털 트윈 얼라이언스 포럼" not in set(late["name"])
    assert (late["last_seen"] >= "2026").all()


def test_events_with_organizers_places_and_countries(pg: PolicyGraph) -> None:
    ev = pg.events()
    assert len(ev) >= 20
    assert ev["start_date"].dropna().is_monotonic_increasing
    row = ev.set_index("name").loc["2025 K-스마트시티 해외 로드쇼"]
    assert {"국토교통부", "대한무역투자진흥공사"} <= set(row["organizers"])
    assert row["place"] == "리야드" and row["country_en"] == "Saudi Arabia" and row["abroad"]
    assert row["date"] == pd.Timestamp("2025-10-21")
    home = ev.set_index("name").loc["2024 디지털 트윈 얼라이언스 포럼"]
    assert home["place"] == "코엑스" and home["country_en"] == "South Korea" and not home["abroad"]
    abroad = ev[ev["abroad"]]
    assert {"Indonesia", "Vietnam", "Saudi Arabia", "Poland", "Germany", "Japan", "France"} <= set(abroad["country_en"])
    msit = pg.events(organization="과기정통부", start="2025", end="2025")
    assert set(msit["name"]) >= {"2025 디지털 트윈 얼라이언스 포럼"}
    assert (msit["start_date"].str[:4] == "2025").all()
    # an organisation that only takes part: its events too
    assert len(pg.events(organization="트윈웍스")) >= 8
    assert set(pg.events("forum")["event_type"]) == {"forum"}


def test_relations_positions_quotes_articles(pg: PolicyGraph) -> None:
    rels = pg.relations()
    assert not set(rels["type"]) & {"MENTIONS", "REPORTS", "ISSUED"}
    assert "MENTIONS" in set(pg.relations(bookkeeping=True)["type"])
    part = pg.relations("PARTICIPATED_IN", organization="어반루프")
    assert len(part) >= 8 and (part["source_name"] == "어반루프").all()
    pos = pg.positions(person="Yoon Jae-seok")
    titles = list(pos["title"])
    assert titles.index("인공지능기반정책관") < titles.index("정보통신정책실장") < titles.index("제2차관")
    assert set(pos["organization"]) == {"과학기술정보통신부"}
    assert list(pg.positions(organization="국토교통부", start="2026")["person"].unique()) == ["오태근"]
    q = pg.quotes(speaker="민서영")
    assert len(q) >= 3 and all("산업통상자원부" in o for o in q["organizations"])
    assert q["date"].is_monotonic_increasing
    assert set(pg.quotes(organization="MOTIE")["speaker"]) >= {"민서영"}
    arts = pg.articles()
    assert len(arts) >= 40 and {"ko", "en"} <= set(arts["lang"])
    assert str(arts["published"].dtype).startswith("datetime64")
    riyadh = pg.articles(entity="리야드", lang="ko")
    assert len(riyadh) >= 2 and (riyadh["lang"] == "ko").all()
    assert set(pg.articles(start="2026-09", end="2026-09-30")["date"].str[:7]) == {"2026-09"}
    with pytest.raises(NotFoundError, match="close: 윤재석"):
        pg.positions(person="윤재섭")


def test_to_networkx_and_ego(pg: PolicyGraph) -> None:
    g = pg.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert not any(d["label"] == "Article" for _, d in g.nodes(data=True))
    assert g.nodes["org:msit"]["name"] == "과학기술정보통신부" and g.nodes["org:msit"]["label"] == "Organization"
    types = {d["type"] for _, _, d in g.edges(data=True)}
    assert "HOLDS_POSITION" in types and "MENTIONS" not in types
    with_articles = pg.to_networkx(articles=True)
    assert with_articles.number_of_nodes() > g.number_of_nodes()
    ego1 = pg.ego("윤재석", 1)
    centre = ego1.graph["centre"]
    assert centre == "person:윤재석@msit" and ego1.nodes[centre]["ego"]
    assert {"org:msit"} <= set(ego1) and max(d["distance"] for _, d in ego1.nodes(data=True)) == 1
    assert not any(d["label"] == "Quote" for _, d in ego1.nodes(data=True))
    ego2 = pg.ego("Yoon Jae-seok", 2)
    assert set(ego1) < set(ego2) and max(d["distance"] for _, d in ego2.nodes(data=True)) == 2
    assert any(d["type"] == "PARTICIPATED_IN" for _, _, d in ego2.edges(data=True))
    with pytest.raises(NotFoundError):
        pg.ego("nobody at all")


def test_query_runs_the_library(pg: PolicyGraph) -> None:
    from policygraph import queries

    assert "who_met_whom" in pg.queries()
    if getattr(queries, "run_query", None) is None and not hasattr(pg.store, "run"):
        with pytest.raises(ConfigError, match="Neo4j"):
            pg.query("events_by_date", since="2025-01-01", until="2025-12-31")
        return
    rows = pg.query("events_by_date", since="2025-01-01", until="2025-12-31")
    assert isinstance(rows, pd.DataFrame) and len(rows) >= 5
    assert (rows["start_date"].str[:4] == "2025").all()
    inv = pg.query("frequent_invitees", org="국토교통부", min_events=3)
    assert "어반루프" in set(inv["organization"])
    with pytest.raises(ConfigError, match="no query"):
        pg.query("no_such_query")


@pytest.mark.neo4j
def test_both_stores_give_the_same_tables(graphs) -> None:
    lite, neo = graphs("sqlite"), graphs("neo4j")
    for method in ("entities", "events", "relations", "articles", "positions", "quotes"):
        a, b = getattr(lite, method)(), getattr(neo, method)()
        assert len(a) > 0, method
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), obj=method)


def test_load_through_the_object(tmp_path: Path) -> None:
    with policygraph.open(tmp_path / "g.db") as g:
        assert g.entities().empty
        report = g.load(EXAMPLES / "01_msit_press_release.txt", EXAMPLES / "02_msit_press_release_en.txt")
        assert report.ok and report.articles_written == 2
        assert "강도현" in set(g.entities("Person")["name"])  # the tables follow the load
        with pytest.raises(ConfigError):
            g.load()


def test_reading_and_drawing_never_load_the_extractor(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    with policygraph.open(db) as g:
        g.load(EXAMPLES / "01_msit_press_release.txt")
    code = (
        "import sys, policygraph\n"
        f"g = policygraph.open({str(db)!r})\n"
        "g.entities(); g.events(); g.positions(); g.quotes(); g.articles(); g.relations(); g.ego('강도현', 2)\n"
        "from policygraph import plots\n"
        "plots.timeline(g); plots.ranked_bars(g.top_hosts(), label='organization', value='events')\n"
        "plots.network(g.ego('강도현', 1))\n"
        "assert 'kiwipiepy' not in sys.modules, 'kiwipiepy imported'\n"
        "assert 'policygraph.extract' not in sys.modules, 'extractor imported'\n"
        "print('ok')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-2000:]
