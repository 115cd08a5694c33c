"""The notebooks of docs/notebooks: committed with their outputs, and executed
again here (nbclient, a fresh kernel, from another working directory) with
checks on what they show. The Neo4j notebook gets the test session's Neo4j
through NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "docs" / "notebooks"


def _cell(nb, tag: str):
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"no cell tagged {tag!r}"
    return cells[0]


def text(nb, tag: str) -> str:
    out = []
    for o in _cell(nb, tag).outputs:
        if o.output_type == "stream":
            out.append(o.text)
        elif "data" in o:
            out.append(o["data"].get("text/plain", ""))
            out.append(o["data"].get("text/html", ""))
    return "\n".join(out)


def images(nb, tag: str) -> int:
    return sum(1 for o in _cell(nb, tag).outputs if "data" in o and "image/png" in o["data"])


def run(name: str, workdir: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.execution_count, c.source[:80]
            errors = [o for o in c.outputs if o.output_type == "error"]
            assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}"
    return nb


def loaded(nb) -> None:
    m = re.search(r"articles: (\d+) read, (\d+) written, 0 unchanged, 0 failed", text(nb, "load"))
    assert m and int(m.group(1)) >= 40 and m.group(1) == m.group(2), text(nb, "load")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Another working directory; pictures go to a temporary folder, not docs/images."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("POLICYGRAPH_FIGURES", str(tmp_path / "figures"))
    for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "POLICYGRAPH_DB"):
        monkeypatch.delenv(k, raising=False)
    return tmp_path


def test_notebooks_are_committed_with_their_outputs() -> None:
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert names == ["01_quickstart.ipynb", "02_analysis.ipynb", "03_neo4j.ipynb", "04_rdf_sparql.ipynb"]
    for name in names:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(c.execution_count for c in code), name
        assert not any(o.output_type == "error" for c in code for o in c.outputs), name
        assert sum(1 for c in code for o in c.outputs if "data" in o and "image/png" in o["data"]) >= 1, name
    assert images(nbformat.read(NOTEBOOKS / "02_analysis.ipynb", as_version=4), "timeline") == 1


def test_readme_shows_a_picture_the_analysis_notebook_makes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/images/timeline.png)" in readme
    assert (ROOT / "docs" / "images" / "timeline.png").stat().st_size > 10000
    nb = (NOTEBOOKS / "02_analysis.ipynb").read_text(encoding="utf-8")
    assert 'path=FIGURES / \\"timeline.png\\"' in nb


def test_quickstart(workdir: Path) -> None:
    nb = run("01_quickstart.ipynb", workdir)
    loaded(nb)
    assert re.search(r"'Event': (\d+)", text(nb, "counts"))
    assert "윤재석" in text(nb, "people") and "Yoon Jae-seok" in text(nb, "people")
    assert "자카르타" in text(nb, "events") and "Indonesia" in text(nb, "events")
    assert "2025 디지털 트윈 얼라이언스 포럼" in text(nb, "msit2025")
    assert "2024 디지털 트윈" not in text(nb, "msit2025")
    pos = text(nb, "positions")
    assert pos.index("인공지능기반정책관") < pos.index("정보통신정책실장") < pos.index("제2차관")
    assert re.search(r"\d+ nodes, \d+ relationships", text(nb, "networkx"))
    assert images(nb, "ego") == 1


def test_analysis(workdir: Path) -> None:
    nb = run("02_analysis.ipynb", workdir)
    loaded(nb)
    figures = workdir / "figures"
    assert images(nb, "timeline") == 1 and (figures / "timeline.png").stat().st_size > 10000
    editions = text(nb, "editions")
    for series in ("디지털 트윈 얼라이언스 포럼", "K-스마트시티 해외 로드쇼", "수소 모빌리티 국제 콘퍼런스"):
        assert series in editions
    assert re.search(r"K-스마트시티 해외 로드쇼\s+4\s", editions)
    assert images(nb, "hosts") == 1 and images(nb, "invitees_plot") == 1
    invitees = text(nb, "invitees").splitlines()
    assert "어반루프" in invitees[1] and "트윈웍스" in invitees[2]  # the two start-ups invited most
    assert "'어반루프', '트윈웍스'" in text(nb, "co_pairs") or "'트윈웍스', '어반루프'" in text(nb, "co_pairs")
    assert images(nb, "co_plot") == 1
    career = text(nb, "career")
    assert career.index("도시정책관") < career.index("국토도시실장") < career.index("제1차관")
    assert images(nb, "ego") == 1
    for country in ("Indonesia", "Vietnam", "Saudi Arabia", "Poland", "Japan"):
        assert country in text(nb, "abroad")
    assert images(nb, "abroad_plot") == 1
    assert {p.name for p in figures.iterdir()} == {"timeline.png", "top_hosts.png", "top_invitees.png",
                                                   "co_participation.png", "ego_oh_tae_geun.png", "abroad.png"}


@pytest.mark.neo4j
def test_neo4j(workdir: Path, neo4j_settings: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    from policygraph.stores.neo4j import Neo4jStore

    with Neo4jStore(**neo4j_settings) as s:
        s.clear()  # the figures of an empty database
    monkeypatch.setenv("NEO4J_URI", neo4j_settings["uri"])
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_settings["username"])
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings["password"])
    nb = run("03_neo4j.ipynb", workdir)
    loaded(nb)
    assert re.search(r"Event\s+\d+", text(nb, "counts"))
    assert "국토교통부" in text(nb, "timeline")
    assert re.search(r"국토교통부\s+1\s+1\s+1\s+1", text(nb, "per_year"))  # one roadshow a year
    assert images(nb, "hosts") == 1
    assert "어반루프" in text(nb, "invitees").splitlines()[1]
    assert "어반루프" in text(nb, "library")
    assert "트윈웍스" in text(nb, "pairs").splitlines()[1]
    assert images(nb, "ego") == 1
    for country in ("Indonesia", "Vietnam", "Saudi Arabia", "Poland"):
        assert country in text(nb, "abroad")
    assert neo4j_settings["password"] not in nbformat.writes(nb)


def test_rdf_sparql(workdir: Path) -> None:
    nb = run("04_rdf_sparql.ipynb", workdir)
    loaded(nb)
    m = re.search(r"(\d+) triples", text(nb, "load"))
    assert m and int(m.group(1)) > 5000
    assert "https://schema.org/Event" in text(nb, "classes")
    assert "2023 K-스마트시티 해외 로드쇼" in text(nb, "timeline")
    assert "대한무역투자진흥공사" in text(nb, "hosts")
    assert "어반루프" in text(nb, "invitees").splitlines()[1]
    positions = text(nb, "positions")
    assert positions.index("도시정책관") < positions.index("국토도시실장") < positions.index("제1차관")
    for country in ("Indonesia", "Saudi Arabia", "Poland"):
        assert country in text(nb, "abroad")
    assert images(nb, "abroad_plot") == 1
    assert "@prefix schema:" in text(nb, "turtle")
