"""Each exit path of each command: 0 on success, 1 with one line on stderr for
what a user can fix, 2 for a usage error; never a traceback."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.stores.sqlite import SQLiteStore

# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "forum"
ENGLISH = str(EXAMPLES / "02_msit_press_release_en.txt")
runner = CliRunner()


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env={"NEO4J_URI": "", **(env or {})})


def one_line_error(r, code: int | None = None) -> str:
    # the documented exit codes (README): 1 not found or failed inputs, 2 a usage error, 3 a store refused
    if code is None:
        assert r.exit_code in (1, 2, 3), r.output
    else:
        assert r.exit_code == code, r.output
    assert "Traceback" not in r.output
    err = r.stderr.strip()
    assert err.startswith("policygraph: error: ") and "\n" not in err, err
    return err


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("exits") / "g.db"
    r = run("load", ENGLISH, "--db", str(path), "-q")
    assert r.exit_code == 0, r.output
    return str(path)


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "nobody-at-all"], "no entity or article"),
        (["show", "   "], "no entity or article"),
        (["export", "-f", "xml"], "xml"),
        (["export", "-f", "turtle", "--entity", "MSIT"], "apply to --format html"),
        (["export", "-f", "html", "--entity", "nobody-at-all"], "no entity or article"),
        (["export", "-f", "html", "-o", "/no/such/dir/g.html"], "/no/such/dir/g.html"),
        (["export", "-f", "gexf", "-o", "/no/such/dir/g.gexf"], "/no/such/dir/g.gexf"),
    ],
)
def test_errors_on_a_store(db: str, args: list[str], message: str) -> None:
    err = one_line_error(run(*args, "--db", db))
    assert message in err


@pytest.mark.parametrize("cmd", [["show", "MSIT"], ["stats"], ["export", "-f", "html"], ["export", "-f", "gexf"]])
def test_missing_store(tmp_path: Path, cmd: list[str]) -> None:
    err = one_line_error(run(*cmd, "--db", str(tmp_path / "none.db")))
    assert "no such store" in err and not (tmp_path / "none.db").exists()


def test_successes(db: str, tmp_path: Path) -> None:
    for args in (["show", "MSIT"], ["show", "ministry of science and ict"], ["stats"], ["stats", "--top", "0"],
                 ["export", "-f", "html", "-o", str(tmp_path / "g.html")], ["export", "-f", "nt"]):
        r = run(*args, "--db", db)
        assert r.exit_code == 0, (args, r.output)
    assert (tmp_path / "g.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_load_and_extract_exit_paths(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    r = run("load", ENGLISH, str(empty), "--db", str(tmp_path / "g.db"), "-q")
    assert r.exit_code == 1 and "empty.txt" in r.stderr and "1 failed" in r.stdout
    r = run("load", ENGLISH, "--db", str(tmp_path / "no" / "dir" / "g.db"))
    one_line_error(r)
    r = run("extract", ENGLISH, str(tmp_path / "missing.txt"), "--format", "table")
    assert r.exit_code == 1 and "missing.txt" in r.stderr and "Kang Do-hyun" in r.stdout
    r = run("extract", ENGLISH, "--format", "xml")
    assert "unknown format" in one_line_error(r)


@pytest.mark.parametrize("args", [["show"], ["no-such-command"], ["stats", "--top", "many"], ["load"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    r = run(*args)
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_query_exit_paths_without_neo4j() -> None:
    # queries run on either store: without one, the message says how to make one
    assert "no such store" in one_line_error(run("query", "who_met_whom", "-p", "person=x"))
    bad = run("query", "who_met_whom", "-p", "nonsense", "--neo4j", "bolt://127.0.0.1:9")
    assert "not key=value" in one_line_error(bad)
    unknown = run("query", "no_such_query", "--neo4j", "bolt://127.0.0.1:9")
    assert "no query 'no_such_query'" in one_line_error(unknown)
    down = run("query", "who_met_whom", "-p", "person=x", "--neo4j", "bolt://127.0.0.1:9",
               env={"NEO4J_PASSWORD": "s3cret-pass"})
    err = one_line_error(down)
    assert "127.0.0.1:9" in err and "s3cret-pass" not in down.output


@pytest.mark.neo4j
def test_query_and_views_on_neo4j(neo4j_settings: dict[str, str], example_graphs) -> None:
    from policygraph.stores.neo4j import Neo4jStore

    with Neo4jStore(**neo4j_settings) as s:
        s.clear()
        s.replace_articles(example_graphs)
    env = {"NEO4J_USERNAME": neo4j_settings["username"], "NEO4J_PASSWORD": neo4j_settings["password"]}
    where = ["--neo4j", neo4j_settings["uri"]]
    r = run("query", "who_met_whom", "-p", "person=Kang Do-hyun", *where, env=env)
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert rows and all("shared_events" in row for row in rows)
    assert "no entity or article" in one_line_error(run("show", "nobody-at-all", *where, env=env))
    wrong = run("stats", *where, env={**env, "NEO4J_PASSWORD": "wrong-password-123"})
    err = one_line_error(wrong)
    assert "authentication" in err and "wrong-password-123" not in wrong.output


def test_sqlite_store_is_what_the_views_read(db: str) -> None:
    # the CLI reads the same store the library wrote (no hidden cache)
    with SQLiteStore(db) as s:
        n = sum(s.counts()["nodes"].values())
    r = run("stats", "--db", db)
    assert r.exit_code == 0
    totals = re.findall(r"^\s*total\s+(\d+)\s*$", r.output, flags=re.M)
    assert int(totals[0]) == n
