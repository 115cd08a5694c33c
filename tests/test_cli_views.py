"""The views a person reads (``show``, ``stats``, ``extract --format table``)
through the CLI, on both stores, with their exit paths."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.stores.sqlite import SQLiteStore

EXAMPLES = str(Path(__file__).resolve().parent.parent / "examples")
runner = CliRunner()


@pytest.fixture
def cli(store, example_graphs, request: pytest.FixtureRequest):
    """Runs the CLI against a store holding the examples (each backend)."""
    store.replace_articles(example_graphs)
    if isinstance(store, SQLiteStore):
        where, env = ["--db", store.path], {"NEO4J_URI": ""}
    else:
        s = request.getfixturevalue("neo4j_settings")
        where = ["--neo4j", s["uri"]]
        env = {"NEO4J_URI": "", "NEO4J_USERNAME": s["username"], "NEO4J_PASSWORD": s["password"]}

    def run(*args: str):
        return runner.invoke(app, [*args, *where], env=env)

    return run


def test_show_article(cli) -> None:
    r = cli("show", "article:93945d69cabdfa79")
    assert r.exit_code == 0, r.output
    out = r.output
    assert out.startswith("과기정통부, ‘2024 디지털 트윈 얼라이언스 포럼’ 개최")
    assert "2024-05-21T12:00:00+09:00" in out and "01_msit_press_release.txt" in out
    ents = out.index("Entities")
    assert ents < out.index("Relations") < out.index("Events") < out.index("Quotes")
    assert out.index("Person", ents) < out.index("Organization", ents) < out.index("Place", ents)
    assert "강도현 — 제2차관 of → 과학기술정보통신부" in out
    assert "2024-05-21  2024 디지털 트윈 얼라이언스 포럼 at 코엑스" in out
    assert "강도현: “디지털 트윈은 제조와 도시, 에너지 분야의 생산성을 바꿀 핵심 기술”" in out
    assert "quote:" not in out and "{'" not in out
    # a bare article id and the file it came from name the same article
    assert cli("show", "93945d69cabdfa79").output == out


def test_show_entity_by_alias_in_any_case(cli) -> None:
    r = cli("show", "Kang")
    assert r.exit_code == 0, r.output
    out = r.output
    assert out.startswith("Person 강도현 (Kang Do-hyun)  person:강도현@msit")
    for part in ("Positions over time", "제2차관", "Second Vice Minister", "Events", "Took part with", "배준호",
                 "Quotes", "Articles (2)", "Merged by the resolver", "romanises"):
        assert part in out, part
    assert out.index("2024-05-21") < out.index("2024-05-22")
    assert cli("show", "KANG DO-HYUN").output == out
    org = cli("show", "msit")
    assert org.exit_code == 0 and org.output.startswith("Organization 과학기술정보통신부")
    assert "People and their positions" in org.output and "이종호" in org.output


def test_show_suggests_close_matches_and_exits_1(cli) -> None:
    r = cli("show", "과기부")
    assert r.exit_code == 1
    assert r.output.startswith("policygraph: error: no entity or article")
    assert "did you mean: 과학기술정보통신부 (Organization, org:msit)" in r.output
    assert r.output.count("\n") == 1 and "Traceback" not in r.output


def test_stats_counts_and_top_entities(cli) -> None:
    r = cli("stats", "--top", "2")
    assert r.exit_code == 0, r.output
    for part in ("Nodes", "Relationships", "Article", "MENTIONS", "Top Person", "Top Organization", "Top Event"):
        assert part in r.output, part
    assert "2024 디지털 트윈 얼라이언스 포럼" in r.output
    none = cli("stats", "--top", "0")
    assert none.exit_code == 0 and "Top Person" not in none.output


def test_extract_table_is_readable() -> None:
    r = runner.invoke(app, ["extract", str(Path(EXAMPLES) / "01_msit_press_release.txt"), "--format", "table"])
    assert r.exit_code == 0, r.output
    out = r.output
    assert out.startswith("과기정통부, ‘2024 디지털 트윈 얼라이언스 포럼’ 개최")
    assert "강도현" in out and "제2차관 of" in out and "과학기술정보통신부" in out
    assert "{" not in out  # no JSON, no dict reprs
    lines = out.splitlines()
    assert any(line.lstrip().startswith("Person") and "강도현" in line for line in lines)


def test_show_several_namesakes(tmp_path: Path) -> None:
    from policygraph.models import ArticleGraph, NodeRecord, RelRecord

    db = tmp_path / "namesakes.db"
    with SQLiteStore(db) as s:
        s.replace_articles([ArticleGraph("a1", "f1", [
            NodeRecord("article:a1", "Article", {"title": "t1", "date": "2024-01-02"}),
            NodeRecord("person:김민수@a", "Person", {"name": "김민수", "aliases": []}),
            NodeRecord("person:김민수@b", "Person", {"name": "김민수", "aliases": []}),
            NodeRecord("person:김민수@c", "Person", {"name": "김민수", "aliases": []}),
            NodeRecord("org:a", "Organization", {"name": "가회사", "aliases": []}),
        ], [RelRecord("HOLDS_POSITION|person:김민수@a|org:a", "HOLDS_POSITION", "person:김민수@a", "org:a",
                      {"title": "대표", "first_seen": "2024-01-02", "last_seen": "2024-01-02"})])])
    r = runner.invoke(app, ["show", "김민수", "--db", str(db), "--max", "2"], env={"NEO4J_URI": ""})
    assert r.exit_code == 0, r.output
    assert sum(line.startswith("Person 김민수  person:김민수@") for line in r.output.splitlines()) == 2  # in full
    assert "3 matches for '김민수'; the first 2 shown, the others:" in r.output
    assert "person:김민수@c" in r.output.split("the others:")[1]
    assert "김민수 — 대표 of → 가회사" not in r.output and "대표" in r.output
