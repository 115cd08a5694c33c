"""Every command through Typer's CLI runner: output, exit codes, one-line errors."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from policygraph.cli import app

# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = str(Path(__file__).resolve().parent / "fixtures" / "forum")
runner = CliRunner()


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env={"NEO4J_URI": "", **(env or {})})


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "g.db")


def test_load_prints_a_summary_and_is_idempotent(db: str) -> None:
    r = run("load", EXAMPLES, "--db", db, "-q")
    assert r.exit_code == 0, r.output
    assert "articles: 5 read, 5 written, 0 unchanged, 0 failed" in r.output
    assert "Person 7" in r.output or "Person" in r.output
    again = run("load", EXAMPLES, "--db", db, "-q")
    assert again.exit_code == 0
    assert "5 unchanged" in again.output
    assert r.output.splitlines()[-2:] == again.output.splitlines()[-2:]  # same node/relationship counts


def test_load_reports_bad_files_and_exits_non_zero(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = run("load", EXAMPLES, str(bad), "--db", db, "-q")
    assert r.exit_code == 1
    assert "bad.json" in r.output and "Traceback" not in r.output
    assert "articles: 5 read, 5 written, 0 unchanged, 1 failed" in r.output


def test_extract_prints_the_jsonl_contract(tmp_path: Path) -> None:
    r = run("extract", EXAMPLES, "--format", "jsonl")
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert len(rows) == 5
    for row in rows:
        art = row["article"]
        assert set(art) >= {"id", "source", "title", "published", "lang", "text"}
        for e in row["entities"]:
            assert {"id", "type", "name", "aliases", "properties", "mentions"} <= set(e)
            for m in e["mentions"]:
                assert art["text"][m["start"] : m["end"]] == m["text"]
        for rel in row["relations"]:
            assert {"type", "source", "target", "properties"} <= set(rel)
    sources = {row["article"]["source"] for row in rows}
    assert any(s.endswith("03_news_feed.jsonl#2") for s in sources)
    assert {row["article"]["id"] for row in rows} >= {"example-news-0001", "example-news-0002"}
    assert not (tmp_path / "policygraph.db").exists()


def test_extract_unknown_format_is_a_one_line_error() -> None:
    r = run("extract", EXAMPLES, "--format", "xml")
    assert r.exit_code == 2  # a usage error
    assert r.output.strip().startswith("policygraph: error: unknown format")


def test_show_explains_aliases_spans_and_merges(db: str) -> None:
    run("load", EXAMPLES, "--db", db, "-q")
    r = run("show", "Kang Do-hyun", "--db", db)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Person 강도현 (Kang Do-hyun)  person:강도현@msit")
    assert "Kang Do-hyun" in r.output and "강도현" in r.output
    assert "romanises" in r.output
    missing = run("show", "nobody-at-all", "--db", db)
    assert missing.exit_code == 1
    assert "no entity" in missing.output and "Traceback" not in missing.output


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_writes_parseable_rdf(db: str, tmp_path: Path, fmt: str, parse_as: str) -> None:
    run("load", EXAMPLES, "--db", db, "-q")
    out = tmp_path / f"g.{fmt}"
    r = run("export", "--format", fmt, "--out", str(out), "--db", db)
    assert r.exit_code == 0, r.output
    g = rdflib.Graph().parse(out, format=parse_as)
    names = {str(o) for o in g.objects(None, rdflib.URIRef("https://schema.org/name"))}
    assert "강도현" in names and "2024 디지털 트윈 얼라이언스 포럼" in names


def test_commands_on_a_missing_store_fail_cleanly(tmp_path: Path) -> None:
    for cmd in (["stats"], ["show", "x"], ["export"]):
        r = run(*cmd, "--db", str(tmp_path / "none.db"))
        assert r.exit_code == 3  # the store cannot be reached
        assert "no such store" in r.output


def test_stats_and_version(db: str) -> None:
    run("load", EXAMPLES, "--db", db, "-q")
    r = run("stats", "--db", db)
    assert r.exit_code == 0 and re.search(r"Article\s+5\b", r.output)
    v = run("--version")
    assert v.exit_code == 0 and v.output.startswith("policygraph ")


def test_query_runs_on_the_embedded_store(db: str) -> None:
    # (it used to need Neo4j; the library now runs on either store)
    run("load", EXAMPLES, "--db", db, "-q")
    r = run("query", "who_met_whom", "-p", "person=강도현", "--db", db)
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert {x["person"] for x in rows} >= {"정서윤", "배준호"}
    r = run("query", "top_hosts", "-p", "limit=1", "--db", db, "--format", "json")
    assert r.exit_code == 0 and len(json.loads(r.output)) == 1


def test_query_list() -> None:
    r = run("query", "--list")
    assert r.exit_code == 0
    names = [line.split()[0] for line in r.output.splitlines() if line and not line.startswith(" ")]
    assert len(names) >= 20 and "who_met_whom" in names and "connection_path" in names
    assert 'person="강도현"' in r.output and "[limit=10]" in r.output


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "schema", "who_met_whom.cypher", "../cypher/who_met_whom"])
def test_query_names_never_resolve_outside_the_library(db: str, name: str) -> None:
    run("load", EXAMPLES, "--db", db, "-q")
    r = run("query", name, "--db", db)
    assert r.exit_code == 2 and "not a query name" in r.output  # a usage error and "Traceback" not in r.output


def test_query_errors_are_one_line(db: str, tmp_path: Path) -> None:
    run("load", EXAMPLES, "--db", db, "-q")
    r = run("query", "who_met_whom", "--db", db)
    assert r.exit_code == 2 and "needs person" in r.output and len(r.output.strip().splitlines()) == 1  # usage
    r = run("query", "who_met_whom", "-p", "nobody", "--db", db)
    assert r.exit_code == 2 and "key=value" in r.output  # a usage error
    f = tmp_path / "mine.cypher"
    f.write_text("MATCH (n) RETURN count(n) AS n", encoding="utf-8")
    r = run("query", "--file", str(f), "--db", db)
    assert r.exit_code == 1 and "needs Neo4j" in r.output
    r = run("query", "who_met_whom", "--file", str(f), "--db", db)
    assert r.exit_code == 2 and "not both" in r.output  # a usage error


def test_corrupt_store_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    r = run("stats", "--db", str(bad))
    assert r.exit_code == 3  # the store refuses
    assert "bad.db" in r.output and "Traceback" not in r.output


def test_overrides_file_is_applied(db: str, tmp_path: Path) -> None:
    ov = tmp_path / "o.toml"
    ov.write_text('[[split]]\nids = ["org:TwinWorks", "org:트윈웍스"]\n', encoding="utf-8")
    r = run("load", EXAMPLES, "--db", db, "-q", "--overrides", str(ov))
    assert r.exit_code == 0, r.output
    shown = run("show", "TwinWorks", "--db", db)
    assert shown.output.startswith("Organization TwinWorks  org:TwinWorks")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[merge]]\nids = 3\n", encoding="utf-8")
    r = run("load", EXAMPLES, "--db", db, "-q", "--overrides", str(broken))
    assert r.exit_code == 2 and "broken.toml" in r.output  # a usage error


def test_the_installed_entry_point_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    def main(*args):
        return subprocess.run([sys.executable, "-m", "policygraph", *args], capture_output=True, text=True,
                              env={"PATH": "", "NEO4J_URI": ""}, cwd=tmp_path)

    r = main("stats", "--db", str(tmp_path / "none.db"))
    assert r.returncode == 3
    assert r.stderr.strip().count("\n") == 0 and "no such store" in r.stderr
    assert main("no-such-command").returncode == 2
    ok = main("load", EXAMPLES, "--db", str(tmp_path / "g.db"), "-q")
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    r = main("load", str(bad), "--db", str(tmp_path / "g.db"), "-q")
    assert r.returncode == 1 and "empty.txt" in r.stderr and "Traceback" not in r.stderr
