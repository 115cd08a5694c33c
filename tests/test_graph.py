"""networkx view, flat tables and drawing of a store's merged graph."""
from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from graphs import EVENT, MINISTER, MINISTRY, SAMSUNG, a1, a2, article_graph, node, rel
from policygraph.errors import ExportError, PolicygraphError
from policygraph.models import NodeRecord, RelRecord
from policygraph.graph import draw, nodes_table, relationships_table, to_networkx
from policygraph.stores.base import GraphStore


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.replace_articles([a1(), a2()])
    return store


def test_networkx_equals_store(loaded: GraphStore) -> None:
    g = to_networkx(loaded)
    assert isinstance(g, nx.MultiDiGraph)
    nodes = list(loaded.nodes())
    assert sorted(g.nodes) == [n.id for n in nodes]
    for n in nodes:
        assert g.nodes[n.id] == {**n.props, "label": n.label}
    rels = list(loaded.relationships())
    assert sorted(g.edges(keys=True), key=lambda e: e[2]) == [(r.source, r.target, r.key) for r in rels]
    for r in rels:
        assert g.edges[r.source, r.target, r.key] == {**r.props, "type": r.type}
    # two HOLDS_POSITION between the same two nodes stay two edges
    assert g.number_of_edges(MINISTER, MINISTRY) == 2


def test_networkx_filters(loaded: GraphStore) -> None:
    g = to_networkx(loaded, labels=["Person", "Organization", "Event"])
    assert {d["label"] for _, d in g.nodes(data=True)} == {"Person", "Organization", "Event"}
    assert {d["type"] for *_, d in g.edges(data=True)} == {"HOLDS_POSITION", "ORGANIZED", "PARTICIPATED_IN"}
    g = to_networkx(loaded, rel_types="HOLDS_POSITION")
    assert g.number_of_nodes() == len(list(loaded.nodes()))
    assert {d["title"] for *_, d in g.edges(data=True)} == {"장관", "통상교섭본부장"}
    g = to_networkx(loaded, labels="Organization", rel_types={"MAKES"})
    assert sorted(g.nodes) == sorted([MINISTRY, SAMSUNG]) and g.number_of_edges() == 0


def test_networkx_analysis(loaded: GraphStore) -> None:
    g = to_networkx(loaded)
    assert nx.has_path(g, MINISTRY, EVENT)
    touching = [r for r in loaded.relationships() if MINISTRY in (r.source, r.target)]
    assert g.degree(MINISTRY) == len(touching)
    assert max(g.degree, key=lambda nd: nd[1])[0] == MINISTRY


def test_nodes_table(loaded: GraphStore) -> None:
    rows = nodes_table(loaded)
    nodes = list(loaded.nodes())
    assert [r["id"] for r in rows] == [n.id for n in nodes]
    columns = list(rows[0])
    assert columns[:2] == ["id", "label"] and columns[2:] == sorted(columns[2:])
    assert all(list(r) == columns for r in rows)  # same columns everywhere
    minister = next(r for r in rows if r["id"] == MINISTER)
    assert minister["label"] == "Person" and minister["name"] == "안덕근"
    assert minister["aliases"] == ["Minister Ahn", "안 장관"]
    assert minister["category"] is None
    assert [r["id"] for r in nodes_table(loaded, "Organization")] == sorted([MINISTRY, SAMSUNG])
    assert nodes_table(loaded, "NoSuchLabel") == []


def test_relationships_table(loaded: GraphStore) -> None:
    rows = relationships_table(loaded)
    assert [r["key"] for r in rows] == [r.key for r in loaded.relationships()]
    assert list(rows[0])[:4] == ["key", "type", "source", "target"]
    hp = relationships_table(loaded, "HOLDS_POSITION")
    assert {r["title"] for r in hp} == {"장관", "통상교섭본부장"}
    assert all(r["source"] == MINISTER and r["target"] == MINISTRY for r in hp)


def test_tables_keep_colliding_props(store: GraphStore) -> None:
    x = NodeRecord("x", "Topic", {"id": "other", "label": "L", "name": "가"})
    r = RelRecord("ABOUT|x|x", "ABOUT", "x", "x", {"type": "t", "key": "k"})
    store.replace_articles([article_graph("c1", [x], [r])])
    (row,) = nodes_table(store)
    assert (row["id"], row["label"], row["prop_id"], row["prop_label"]) == ("x", "Topic", "other", "L")
    (rrow,) = relationships_table(store)
    assert (rrow["type"], rrow["prop_type"], rrow["key"], rrow["prop_key"]) == ("ABOUT", "t", "ABOUT|x|x", "k")


def test_tables_make_dataframes(loaded: GraphStore) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(nodes_table(loaded))
    assert len(df) == len(list(loaded.nodes())) and {"id", "label", "name"} <= set(df.columns)
    rdf = pd.DataFrame(relationships_table(loaded))
    assert (rdf["type"] == "MENTIONS").sum() == 4


def test_empty_store(store: GraphStore) -> None:
    assert to_networkx(store).number_of_nodes() == 0
    assert nodes_table(store) == [] and relationships_table(store) == []


# ----------------------------------------------------------------------------
# drawing


def test_draw_png_and_svg(loaded: GraphStore, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png = draw(loaded, tmp_path / "graph.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = draw(to_networkx(loaded), tmp_path / "graph.svg", labels=["Person", "Organization", "Event"],
               layout="circular", title="산업부 그래프")
    assert b"<svg" in svg.read_bytes()[:2000]


def test_draw_caps_nodes(store: GraphStore, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    store.replace_articles([article_graph("big", [node(f"t{i}", "Topic", name=f"t{i}") for i in range(40)],
                                          [rel("ABOUT", "t0", f"t{i}") for i in range(1, 40)])])
    out = draw(store, tmp_path / "big.png", max_nodes=10, edge_labels=False)
    assert out.stat().st_size > 0


def test_draw_errors(loaded: GraphStore, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    with pytest.raises(ExportError, match=r"\.png, \.svg or \.pdf"):
        draw(loaded, tmp_path / "graph.gif")
    with pytest.raises(ExportError, match="no such directory"):
        draw(loaded, tmp_path / "missing" / "graph.png")
    with pytest.raises(PolicygraphError, match="unknown layout"):
        draw(loaded, tmp_path / "graph.png", layout="nope")


def test_draw_without_matplotlib(loaded: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(PolicygraphError, match=r"pip install 'policygraph\[viz\]'"):
        draw(loaded, tmp_path / "graph.png")
    assert not (tmp_path / "graph.png").exists()
