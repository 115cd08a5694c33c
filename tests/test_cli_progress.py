"""Progress (a known total, rate and ETA, only on a terminal), logging levels,
the version from package metadata, py.typed and declared dependencies."""
from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from importlib import metadata, resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.ingest import count_records, iter_articles

REPO = Path(__file__).resolve().parent.parent
# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = REPO / "tests" / "fixtures" / "forum"
ENGLISH = [str(EXAMPLES / "02_msit_press_release_en.txt"), str(EXAMPLES / "04_news_page.html")]
runner = CliRunner()
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_count_records_matches_what_ingest_yields(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("제목\n\n본문입니다. 과기정통부가 발표했다.", encoding="utf-8")
    rec = {"title": "t", "content": "본문입니다. 과기정통부가 발표했다."}
    (d / "feed.jsonl").write_text("\n".join(json.dumps(rec, ensure_ascii=False) for _ in range(3)) + "\n\n",
                                  encoding="utf-8")
    (d / "sub" / "arr.json").write_text(json.dumps([rec] * 4, ensure_ascii=False), encoding="utf-8")
    (d / "sub" / "wrapped.json").write_text(json.dumps({"articles": [rec] * 2}, ensure_ascii=False), encoding="utf-8")
    (d / "bad.json").write_text("{not json", encoding="utf-8")
    (d / "broken.jsonl").write_text('{"title": "x", "content": "y"}\n{oops\n', encoding="utf-8")
    (d / ".hidden.txt").write_text("skipped", encoding="utf-8")
    (d / "notes.csv").write_text("skipped", encoding="utf-8")
    paths = [d, tmp_path / "missing.txt"]
    expected = len(list(iter_articles(paths)))
    assert expected == 1 + 3 + 4 + 2 + 1 + 2 + 1
    assert count_records(paths) == expected
    assert count_records(EXAMPLES) == len(list(iter_articles(EXAMPLES))) == 5


def _run_in_terminal(args: list[str], cwd: Path) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal; what it drew."""
    import pty

    env = {**os.environ, "COLUMNS": "150", "LINES": "40", "TERM": "xterm-256color"}
    env = {k: v for k, v in env.items() if not k.startswith("NEO4J_")}
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "policygraph", *args], stdin=child, stdout=child, stderr=child,
                            cwd=cwd, env=env, close_fds=True)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(main)
    assert proc.returncode == 0, b"".join(chunks).decode(errors="replace")
    return ANSI.sub("", b"".join(chunks).decode("utf-8", errors="replace"))


def test_progress_on_a_terminal_has_a_total_rate_and_eta(tmp_path: Path) -> None:
    out = _run_in_terminal(["load", *ENGLISH, "--db", str(tmp_path / "g.db")], tmp_path)
    assert re.search(r"loading .*\b0/2\b", out), out  # the total is known from the start
    assert re.search(r"\b2/2\b .*/s .*eta", out), out  # rate and time left
    assert "articles: 2 read, 2 written" in out


def test_no_bar_when_output_is_not_a_terminal(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    r = subprocess.run([sys.executable, "-m", "policygraph", "load", *ENGLISH, "--db", str(tmp_path / "g.db")],
                       capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no bar, no escape codes, nothing else
    assert "\x1b" not in r.stdout and "articles: 2 read, 2 written" in r.stdout


def test_extract_shows_progress_on_a_terminal_and_nothing_else_elsewhere(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = _run_in_terminal(["extract", *ENGLISH, "--format", "table"], tmp_path)
    assert re.search(r"extracting .*\b0/2\b", out), out
    assert re.search(r"\b2/2\b .*/s .*eta", out), out
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    r = subprocess.run([sys.executable, "-m", "policygraph", "extract", *ENGLISH, str(bad)],
                       capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert r.returncode == 1
    assert [json.loads(line)["article"]["source"].endswith((".txt", ".html")) for line in r.stdout.splitlines()] == [True] * 2
    # the failure once, on one line naming the file; no bar, no escape codes
    assert r.stderr.count("empty.txt") == 1 and len(r.stderr.strip().splitlines()) == 1 and "\x1b" not in r.stderr
    q = subprocess.run([sys.executable, "-m", "policygraph", "extract", "-q", *ENGLISH],
                       capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    assert q.returncode == 0 and q.stderr == "" and q.stdout == r.stdout


def test_verbose_and_quiet(tmp_path: Path) -> None:
    db = str(tmp_path / "g.db")
    r = runner.invoke(app, ["-v", "load", *ENGLISH, "--db", db], env={"NEO4J_URI": ""})
    assert r.exit_code == 0, r.output
    assert "policygraph: INFO: resolving ids across the store" in r.stderr
    assert "extracted:" not in r.stderr
    vv = runner.invoke(app, ["load", *ENGLISH, "--db", db, "--force", "-vv"], env={"NEO4J_URI": ""})
    assert "policygraph: DEBUG: extracted: " in vv.stderr and "02_msit_press_release_en.txt" in vv.stderr
    again = runner.invoke(app, ["-vv", "load", *ENGLISH, "--db", db], env={"NEO4J_URI": ""})
    assert "policygraph: DEBUG: unchanged: " in again.stderr
    q = runner.invoke(app, ["-q", "load", *ENGLISH, "--db", db, "--force"], env={"NEO4J_URI": ""})
    assert q.exit_code == 0 and q.stderr == ""
    assert "articles: 2 read, 2 written" in q.stdout
    plain = runner.invoke(app, ["load", *ENGLISH, "--db", db, "--force"], env={"NEO4J_URI": ""})
    assert plain.stderr == ""  # warnings only by default


def test_version_comes_from_package_metadata() -> None:
    import policygraph

    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0
    assert r.output.strip() == f"policygraph {metadata.version('policygraph')}" == f"policygraph {policygraph.__version__}"


def test_package_is_typed() -> None:
    assert (resources.files("policygraph") / "py.typed").is_file()
    import tomllib

    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in data["tool"]["setuptools"]["package-data"]["policygraph"]


def _requirement_name(req: str) -> str:
    return re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0].lower().replace("_", "-")


def test_every_imported_dependency_is_declared() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_requirement_name(r) for r in project["dependencies"]}
    optional = {_requirement_name(r) for rs in project["optional-dependencies"].values() for r in rs}
    dists = metadata.packages_distributions()
    imported: dict[str, set[str]] = {}
    for f in (REPO / "src" / "policygraph").rglob("*.py"):
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for n in names:
                imported.setdefault(n.split(".")[0], set()).add(f.name)
    third_party = {m for m in imported if m not in sys.stdlib_module_names and m not in ("policygraph", "tomli")}
    assert {"typer", "rich", "neo4j", "rdflib", "networkx", "kiwipiepy"} <= third_party
    for mod in sorted(third_party):
        names = {d.lower().replace("_", "-") for d in dists.get(mod, [mod])}
        assert names & (declared | optional), f"{mod} (imported by {sorted(imported[mod])}) is not declared"
    # the optional ones are imported lazily, with a message naming the extra
    for mod in sorted(third_party):
        names = {d.lower().replace("_", "-") for d in dists.get(mod, [mod])}
        if not names & declared:
            assert names & optional


@pytest.mark.parametrize("cmd", [["load", "--help"], ["show", "--help"], ["export", "--help"], ["--help"]])
def test_help_works(cmd: list[str]) -> None:
    r = runner.invoke(app, cmd)
    assert r.exit_code == 0 and "Usage" in r.output
