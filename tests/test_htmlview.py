"""The interactive HTML view (opened in a real headless Chromium), its
notebook form, and the GEXF / GraphML exports, on both stores."""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from policygraph import htmlview
from policygraph.cli import app
from policygraph.stores.sqlite import SQLiteStore

# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = str(Path(__file__).resolve().parent / "fixtures" / "forum")
runner = CliRunner()


@pytest.fixture
def loaded(store, example_graphs):
    store.replace_articles(example_graphs)
    return store


@pytest.fixture
def sqlite_loaded(tmp_path: Path, example_graphs) -> str:
    db = tmp_path / "g.db"
    with SQLiteStore(db) as s:
        s.replace_articles(example_graphs)
    return str(db)


def _chromium(chromium_path: str, url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [chromium_path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
         "--no-first-run", "--window-size=1200,800", "--virtual-time-budget=15000", *extra, url],
        capture_output=True, text=True, timeout=180,
    )


def _dom(chromium_path: str, url: str) -> str:
    r = _chromium(chromium_path, url, "--dump-dom")
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def _attr(dom: str, name: str) -> int:
    m = re.search(rf'{name}="(\d+)"', dom)
    assert m, f"{name} not set: the page's script did not run\n{dom[:500]}"
    return int(m.group(1))


def _colour_pixels(png: Path) -> dict[str, int]:
    """How many pixels of each node type's colour a screenshot holds."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    counts = {rgb: n for n, rgb in img.getcolors(maxcolors=1 << 24)}
    out = {}
    for label, hexcol in htmlview.TYPE_COLORS.items():
        rgb = tuple(int(hexcol[i : i + 2], 16) for i in (1, 3, 5))
        out[label] = counts.get(rgb, 0)
    return out


def test_select_around_an_entity(loaded) -> None:
    nodes, rels, start = htmlview.select(loaded, "Kang", depth=1)
    ids = {n.id for n in nodes}
    assert start == ["person:강도현@msit"]
    assert {"person:강도현@msit", "org:msit", "event:2024디지털트윈얼라이언스포럼"} <= ids
    assert "person:배준호@트윈웍스" not in ids  # two steps away
    assert all(r.source in ids and r.target in ids for r in rels)
    assert not any(n.label == "Article" for n in nodes)
    two, _, _ = htmlview.select(loaded, "Kang", depth=2)
    assert "person:배준호@트윈웍스" in {n.id for n in two}
    everything, all_rels, start = htmlview.select(loaded, labels=None)
    assert start == [] and any(n.label == "Article" for n in everything)
    assert len(all_rels) == sum(loaded.counts()["relationships"].values())


def test_page_is_self_contained(loaded) -> None:
    page = htmlview.view(loaded).html
    assert page.count("<script") == 4  # data, config, vis-network, the app: nothing fetched
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "vis-network" in page and f"@version {htmlview.VIS_NETWORK_VERSION}" in page
    assert "강도현" in page and "</script>" not in page.split('id="pg-data">', 1)[1].split("</script>", 1)[0][:-1]


def test_page_escapes_what_it_embeds(tmp_path: Path) -> None:
    from policygraph.models import NodeRecord

    evil = NodeRecord("person:x", "Person", {"name": "</script><script>alert(1)</script>", "aliases": []})
    page = htmlview.html_page(htmlview.graph_data([evil], []))
    data = page.split('id="pg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "alert(1)" in data


def test_the_page_draws_nodes_in_chromium(chromium_path: str, sqlite_loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "graph.html"
    r = runner.invoke(app, ["export", "--format", "html", "-o", str(out), "--db", sqlite_loaded],
                      env={"NEO4J_URI": ""})
    assert r.exit_code == 0, r.output
    n_nodes = len(htmlview.select(SQLiteStore(sqlite_loaded))[0])
    dom = _dom(chromium_path, out.as_uri())
    assert _attr(dom, "data-pg-drawn") == n_nodes  # vis-network drew every node
    assert f"{n_nodes} of {n_nodes} nodes shown" in dom
    shot = tmp_path / "shot.png"
    s = _chromium(chromium_path, out.as_uri(), f"--screenshot={shot}")
    assert s.returncode == 0 and shot.exists(), s.stderr[-2000:]
    pixels = _colour_pixels(shot)
    for label in ("Person", "Organization", "Event", "Place"):
        assert pixels[label] > 30, (label, pixels)  # dots of each type's colour on the canvas


def test_search_and_expand_in_chromium(chromium_path: str, sqlite_loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "kang.html"
    r = runner.invoke(app, ["export", "-f", "html", "-e", "Kang", "--depth", "2", "-o", str(out),
                            "--db", sqlite_loaded], env={"NEO4J_URI": ""})
    assert r.exit_code == 0, r.output
    kang = "person:강도현@msit"
    with SQLiteStore(sqlite_loaded) as st:
        labels = {n.id: n.label for n in st.nodes()}
        near = {x for r in st.relationships_of([kang]) for x in (r.source, r.target) if labels[x] != "Article"}
    first = _attr(_dom(chromium_path, out.as_uri()), "data-pg-shown")
    assert first == len(near) == 6  # 강도현 and the nodes next to him (ministry, event, three quotes)
    # open on another node by a search (an alias, any case): its neighbours are added
    dom = _dom(chromium_path, out.as_uri() + "#focus=twinworks")
    assert _attr(dom, "data-pg-shown") > first
    assert _attr(dom, "data-pg-drawn") == _attr(dom, "data-pg-shown")
    assert "트윈웍스" in dom  # the info panel shows the node found


def test_the_notebook_view_draws_inline(chromium_path: str, loaded, tmp_path: Path) -> None:
    v = htmlview.view(loaded, "강도현", depth=1, height=500)
    assert repr(v).startswith("<GraphView: ")
    frame = v._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "allow-scripts" in frame
    assert html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1)) == v.html
    nb = tmp_path / "notebook_cell.html"
    nb.write_text(f"<!DOCTYPE html><html><body><h1>cell output</h1>{frame}</body></html>", encoding="utf-8")
    shot = tmp_path / "cell.png"
    s = _chromium(chromium_path, nb.as_uri(), f"--screenshot={shot}")
    assert s.returncode == 0 and shot.exists(), s.stderr[-2000:]
    pixels = _colour_pixels(shot)
    assert pixels["Person"] > 30 and pixels["Organization"] > 30, pixels


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_exports(loaded, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    htmlview.write_network(loaded, fmt, out)
    g = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(out)
    nodes, rels, _ = htmlview.select(loaded)
    assert g.number_of_nodes() == len(nodes) and g.number_of_edges() == len(rels)
    kang = g.nodes["person:강도현@msit"]
    assert kang["label"] == "강도현" and kang["type"] == "Person"
    assert "Kang Do-hyun" in kang["aliases"]
    types = {d.get("rel_type") for _, _, d in g.edges(data=True)}
    assert {"HOLDS_POSITION", "PARTICIPATED_IN"} <= types
    assert all(d.get("label") == d.get("rel_type") for _, _, d in g.edges(data=True))


def test_export_cli_network_formats_on_each_store(loaded, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if isinstance(loaded, SQLiteStore):
        where, env = ["--db", loaded.path], {"NEO4J_URI": ""}
    else:
        s = request.getfixturevalue("neo4j_settings")
        where = ["--neo4j", s["uri"]]
        env = {"NEO4J_URI": "", "NEO4J_USERNAME": s["username"], "NEO4J_PASSWORD": s["password"]}
    page = runner.invoke(app, ["export", "-f", "html", "-e", "msit", "--depth", "1", *where], env=env)
    assert page.exit_code == 0, page.output
    assert page.stdout.startswith("<!DOCTYPE html>") and "과학기술정보통신부" in page.stdout
    out = tmp_path / "g.graphml"
    r = runner.invoke(app, ["export", "-f", "graphml", "-o", str(out), "--with-articles", *where], env=env)
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(out)
    assert any(d.get("type") == "Article" for _, d in g.nodes(data=True))
    gexf = runner.invoke(app, ["export", "-f", "gexf", *where], env=env)
    assert gexf.exit_code == 0 and "<gexf" in gexf.stdout
    bad = runner.invoke(app, ["export", "-f", "html", "-e", "nobody-at-all", *where], env=env)
    assert bad.exit_code == 1 and "no entity or article" in bad.output
    wrong = runner.invoke(app, ["export", "-f", "turtle", "-e", "msit", *where], env=env)
    assert wrong.exit_code == 2 and "apply to --format html" in wrong.output  # a usage error
    unknown = runner.invoke(app, ["export", "-f", "svgz", *where], env=env)
    assert unknown.exit_code in (1, 2) and "Traceback" not in unknown.output
