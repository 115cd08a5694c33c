"""Same inputs, same bytes: two runs of the dev corpus, in other processes with
other hash seeds and the files in the opposite order, give byte-identical
``extract`` JSONL, Turtle, N-Triples and JSON-LD, and identical stores."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev" / "articles"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus not present")


def _env(seed: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYGRAPH_"))}
    env["PYTHONHASHSEED"] = str(seed)
    return env


def _start(args: list[str], seed: int, cwd: Path, out: Path | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "policygraph", *args], env=_env(seed), cwd=cwd,
                            stdout=open(out, "wb") if out else subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait(p: subprocess.Popen) -> None:
    _, err = p.communicate(timeout=900)
    assert p.returncode == 0, err.decode(errors="replace")


def _dump(db: Path) -> list:
    conn = sqlite3.connect(db)
    try:
        return [(t, sorted(conn.execute(f"SELECT * FROM {t}"))) for t in ("article", "node_contrib", "rel_contrib", "node", "rel")]
    finally:
        conn.close()


def test_two_loads_of_the_dev_corpus_give_the_same_bytes(tmp_path: Path) -> None:
    files = sorted(str(p) for p in DEV.iterdir() if p.is_file())
    runs = [
        _start(["load", "-q", "--db", str(tmp_path / "a.db"), *files], 1, tmp_path),
        _start(["load", "-q", "--db", str(tmp_path / "b.db"), *reversed(files)], 2, tmp_path),
    ]
    for p in runs:
        _wait(p)
    assert _dump(tmp_path / "a.db") == _dump(tmp_path / "b.db")
    for fmt in ("turtle", "nt", "jsonld"):
        exports = []
        for seed, db in ((3, "a.db"), (4, "b.db")):
            out = tmp_path / f"{db}.{fmt}"
            _wait(_start(["export", "-f", fmt, "--db", str(tmp_path / db), "-o", str(out)], seed, tmp_path))
            exports.append(out.read_bytes())
        assert exports[0] == exports[1], f"{fmt} exports differ"
        assert len(exports[0]) > 10_000


def test_two_extracts_of_the_dev_corpus_give_the_same_bytes(tmp_path: Path) -> None:
    runs = [_start(["extract", str(DEV)], seed, tmp_path, tmp_path / f"{seed}.jsonl") for seed in (5, 6)]
    for p in runs:
        _wait(p)
    a, b = (tmp_path / "5.jsonl").read_bytes(), (tmp_path / "6.jsonl").read_bytes()
    assert a == b and a.count(b"\n") >= len([p for p in DEV.iterdir() if p.is_file()])
