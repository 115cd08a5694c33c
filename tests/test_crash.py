"""Convergence after a crash: a load killed with SIGKILL at any point (while
extracting, between write batches, between the writes and the resolver, in the
middle of the resolver, right after it), then run again, gives exactly the
graph of a clean load, on SQLite and on Neo4j. Ctrl-C stops at an article
boundary, says what was committed, and a re-run resumes.

The kill comes from the load itself: ``POLICYGRAPH_CRASH_AT=POINT:N`` makes the
process send itself SIGKILL the N-th time it passes POINT (policygraph.guards).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from policygraph import pipeline
from policygraph.stores.base import GraphStore

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "tests" / "fixtures" / "forum"  # the five articles of one forum
# a load in small write batches, so that there are points between them
RUNNER = """
import sys
from policygraph import pipeline
from policygraph.stores import open_store
pipeline.BATCH = 2
with open_store(sys.argv[1] or None, db_path=sys.argv[2] or None) as store:
    pipeline.load([sys.argv[3]], store)
"""
# every point on one store or the other (each costs a load and a re-run)
SQLITE_POINTS = ["extracted:3", "after-write:2", "mid-resolve:1", "resolved:1"]  # + before-resolve below
NEO4J_POINTS = ["after-write:1", "before-resolve:1", "mid-resolve:1"]


def snapshot(store: GraphStore):
    return (
        [(n.id, n.label, n.props) for n in store.nodes()],
        [(r.key, r.type, r.source, r.target, r.props) for r in store.relationships()],
        store.counts(),
    )


def crashed_load(point: str, neo4j: dict | None, db: Path | None, signame: str = "KILL") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYGRAPH_"))}
    env.update(POLICYGRAPH_CRASH_AT=point, POLICYGRAPH_CRASH_SIGNAL=signame)
    if neo4j:
        env.update(NEO4J_USERNAME=neo4j["username"], NEO4J_PASSWORD=neo4j["password"])
    args = [neo4j["uri"] if neo4j else "", str(db) if db else "", str(EXAMPLES)]
    return subprocess.run([sys.executable, "-c", RUNNER, *args], env=env, capture_output=True, text=True, timeout=600)


def _converges(store: GraphStore, reopen, neo4j: dict | None, db: Path | None, points: list[str]) -> None:
    pipeline.load([EXAMPLES], store)
    clean = snapshot(store)
    assert clean[2]["nodes"]["Article"] == 5
    for point in points:
        store.clear()
        store = reopen(store)
        p = crashed_load(point, neo4j, db)
        assert p.returncode == -signal.SIGKILL, f"{point}: the load was not killed: {p.returncode} {p.stderr[-2000:]}"
        store = reopen(store)
        report = pipeline.load([EXAMPLES], store)
        assert report.ok, report.failures
        assert snapshot(store) == clean, f"a re-run after a crash at {point} does not give the clean graph"


def test_kill_9_at_every_point_converges_on_sqlite(tmp_path: Path) -> None:
    from policygraph.stores.sqlite import SQLiteStore

    db = tmp_path / "g.db"

    def reopen(store):
        store.close()
        return SQLiteStore(db)

    with SQLiteStore(db) as store:
        _converges(store, reopen, None, db, SQLITE_POINTS)


@pytest.mark.neo4j
def test_kill_9_at_every_point_converges_on_neo4j(neo4j_store, neo4j_settings) -> None:
    _converges(neo4j_store, lambda s: s, neo4j_settings, None, NEO4J_POINTS)


def test_stale_resolution_is_redone_when_every_article_is_unchanged(tmp_path: Path) -> None:
    # the hole of issue 10: articles written, resolver never ran, re-run finds them all unchanged
    from policygraph.stores.sqlite import SQLiteStore

    db = tmp_path / "g.db"
    with SQLiteStore(tmp_path / "clean.db") as store:
        pipeline.load([EXAMPLES], store)
        clean = snapshot(store)
    p = crashed_load("before-resolve:1", None, db)
    assert p.returncode == -signal.SIGKILL
    with SQLiteStore(db) as store:
        assert store.get_state(pipeline.RESOLUTION_KEY) == "stale"
        assert snapshot(store) != clean  # nothing resolved yet
        report = pipeline.load([EXAMPLES], store)
        assert report.articles_written == 0 and report.articles_unchanged == 5
        assert snapshot(store) == clean
        assert store.get_state(pipeline.RESOLUTION_KEY) == "clean"


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_at_an_article_boundary_and_a_rerun_resumes(tmp_path: Path) -> None:
    from policygraph.stores.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "clean.db") as store:
        pipeline.load([EXAMPLES], store)
        clean = snapshot(store)
    db = tmp_path / "g.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYGRAPH_"))}
    env.update(POLICYGRAPH_CRASH_AT="extracted:3", POLICYGRAPH_CRASH_SIGNAL="INT")
    # Ctrl-C as a terminal sends it: to a process whose SIGINT is not ignored. A
    # child inherits an ignored SIGINT (some test libraries leave it so in this
    # process, and Python then installs no KeyboardInterrupt), hence the reset.
    p = subprocess.run([sys.executable, "-m", "policygraph", "load", "-q", str(EXAMPLES), "--db", str(db)],
                       env=env, capture_output=True, text=True, timeout=600, preexec_fn=_sigint_default)
    assert p.returncode == 130, p.stderr
    assert "Traceback" not in p.stderr
    assert p.stderr.strip() == (
        "policygraph: interrupted: 3 article(s) committed in this run; "
        "run the same command again to resume (stored articles are skipped)"
    )
    with SQLiteStore(db) as store:
        assert len(store.fingerprints()) == 3
    env.pop("POLICYGRAPH_CRASH_AT")
    p = subprocess.run([sys.executable, "-m", "policygraph", "load", "-q", str(EXAMPLES), "--db", str(db)],
                       env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert "articles: 5 read, 2 written, 3 unchanged, 0 failed" in p.stdout
    with SQLiteStore(db) as store:
        assert snapshot(store) == clean
