"""Fast start: commands that do not extract never import kiwipiepy (nor, on
Neo4j, the pandas the driver would pull in). Each command runs in a fresh
interpreter, as a user's shell runs it, and reports what it imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = str(Path(__file__).resolve().parent / "fixtures" / "forum")

PROBE = """
import json, sys
from policygraph.cli import main
sys.argv = ["policygraph", *json.loads(sys.argv[1])]
code = 0
try:
    main()
except SystemExit as e:
    code = e.code
mods = {m: m in sys.modules for m in ("kiwipiepy", "pandas", "rdflib", "networkx")}
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, **mods}) + "\\n")
"""


def probe(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full_env.update(env or {})
    r = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                       cwd=cwd, env=full_env, timeout=300)
    line = [x for x in r.stderr.splitlines() if x.startswith("PROBE ")]
    assert line, r.stderr
    out = json.loads(line[-1][len("PROBE "):])
    out["stdout"] = r.stdout
    out["stderr"] = r.stderr
    return out


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory: pytest.TempPathFactory, example_graphs) -> Path:
    from policygraph.stores.sqlite import SQLiteStore

    db = tmp_path_factory.mktemp("startup") / "g.db"
    with SQLiteStore(db) as s:
        s.replace_articles(example_graphs)
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["show", "강도현"],
        ["show", "Kang"],
        ["show", "article:example-news-0001"],
        ["stats"],
        ["export", "--format", "turtle"],
        ["export", "--format", "html"],
        ["export", "--format", "graphml"],
        ["--version"],
    ],
    ids=lambda a: " ".join(a),
)
def test_commands_that_do_not_extract_never_import_kiwipiepy(loaded_db: Path, tmp_path: Path, args: list[str]) -> None:
    extra = [] if args == ["--version"] else ["--db", str(loaded_db)]
    r = probe(args + extra, tmp_path)
    assert r["code"] == 0, r["stderr"]
    assert r["kiwipiepy"] is False
    assert r["pandas"] is False


def test_loading_unchanged_files_never_imports_kiwipiepy(loaded_db: Path, tmp_path: Path) -> None:
    r = probe(["load", EXAMPLES, "-q", "--db", str(loaded_db)], tmp_path)
    assert r["code"] == 0, r["stderr"]
    assert "5 unchanged" in r["stdout"]
    assert r["kiwipiepy"] is False


def test_loading_new_korean_files_does_import_it(tmp_path: Path) -> None:
    # the probe can tell: the same check on a load that has to extract sees it
    # (--workers 1: extracted in the probed process, not in worker processes)
    korean = str(Path(EXAMPLES) / "01_msit_press_release.txt")
    r = probe(["load", korean, "-q", "--workers", "1", "--db", str(tmp_path / "new.db")], tmp_path)
    assert r["code"] == 0, r["stderr"]
    assert r["kiwipiepy"] is True


@pytest.mark.neo4j
@pytest.mark.parametrize("args", [["query", "who_met_whom", "-p", "person=강도현"], ["stats"], ["show", "Kang"]],
                         ids=lambda a: " ".join(a))
def test_neo4j_commands_skip_kiwipiepy_and_pandas(neo4j_settings: dict[str, str], tmp_path: Path,
                                                 args: list[str], example_graphs) -> None:
    from policygraph.stores.neo4j import Neo4jStore

    with Neo4jStore(**neo4j_settings) as s:
        s.clear()
        s.replace_articles(example_graphs)
    env = {"NEO4J_URI": neo4j_settings["uri"], "NEO4J_USERNAME": neo4j_settings["username"],
           "NEO4J_PASSWORD": neo4j_settings["password"]}
    r = probe(args, tmp_path, env)
    assert r["code"] == 0, r["stderr"]
    assert r["kiwipiepy"] is False and r["pandas"] is False
    assert "배준호" in r["stdout"] or "강도현" in r["stdout"] or "Person" in r["stdout"]
