"""Extraction on every core (``--workers N``) and on a Dask cluster (``--dask``):
the same output as one process, byte for byte; one article whose worker dies
is one failure; Ctrl-C and kill -9 leave no worker behind and a re-run
converges; at most a bounded number of articles are held at once."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policygraph import parallel, pipeline
from policygraph.cli import app
from policygraph.stores.base import GraphStore
from policygraph.stores.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FORUM = REPO / "tests" / "fixtures" / "forum"  # five articles of one forum
runner = CliRunner()


def snapshot(store: GraphStore):
    return (
        [(n.id, n.label, n.props) for n in store.nodes()],
        [(r.key, r.type, r.source, r.target, r.props) for r in store.relationships()],
        store.counts(),
    )


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    """Inputs that fail in the main process (reading), between articles that do not."""
    d = tmp_path / "bad"
    d.mkdir()
    (d / "a_broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    (d / "b_empty.txt").write_text("", encoding="utf-8")
    (d / "c_fine.txt").write_text(
        "과기정통부, 세종에서 데이터 정책 간담회\n\n과학기술정보통신부는 3일 세종에서 데이터 정책 간담회를 열었다.",
        encoding="utf-8",
    )
    return d


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYGRAPH_"))}
    env.update(extra)
    return env


def _tagged(tag: str) -> list[int]:
    """Processes whose environment carries this test's tag (the load, its fork server, its workers)."""
    pids = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if f"POLICYGRAPH_TEST_TAG={tag}".encode() in (d / "environ").read_bytes():
                    pids.append(int(d.name))
            except OSError:
                pass
    return pids


def _none_left(tag: str, within: float = 20.0) -> list[int]:
    end = time.monotonic() + within
    while (left := _tagged(tag)) and time.monotonic() < end:
        time.sleep(0.2)
    return left


# -- every core --------------------------------------------------------------------------


def test_extract_prints_the_same_bytes_with_two_workers(bad_inputs: Path) -> None:
    args = ["extract", str(EXAMPLES), str(bad_inputs), str(FORUM)]
    one = runner.invoke(app, [*args, "--workers", "1"])
    two = runner.invoke(app, [*args, "--workers", "2"])
    assert one.exit_code == two.exit_code == 1  # the two bad files
    assert one.stdout.count("\n") > 40
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr and one.stderr.count("policygraph: failed:") == 2


def test_load_with_two_workers_stores_the_same_graph(tmp_path: Path, bad_inputs: Path) -> None:
    reports, snaps, calls = [], [], []
    for n in (1, 2):
        seen: list[tuple[str, str]] = []
        with SQLiteStore(tmp_path / f"w{n}.db") as store:
            report = pipeline.load([EXAMPLES, bad_inputs], store, workers=n,
                                   progress=lambda kind, item: seen.append((kind, item.source)))
            reports.append(report)
            snaps.append(snapshot(store))
            calls.append([c for c in seen if c[0] != "reading"])  # "reading": when handed out
            if n == 2:  # unchanged articles are recognised before any work is handed out
                again: list[str] = []
                r = pipeline.load([EXAMPLES, bad_inputs], store, workers=2, progress=lambda k, i: again.append(k))
                assert r.articles_written == 0 and r.articles_unchanged == report.articles_written
                assert "reading" not in again
                assert snapshot(store) == snaps[1]
    one, two = reports
    assert one.articles_written > 40 and len(one.failures) == 2
    assert snaps[1] == snaps[0]
    assert two.summary() == one.summary()
    assert two.failures == one.failures and two.merges == one.merges
    assert calls[1] == calls[0]


def test_a_worker_that_dies_costs_its_article_only(tmp_path: Path, monkeypatch) -> None:
    # the same two loads in one process: the four other files, then all five
    others = sorted(p for p in FORUM.iterdir() if p.name != "04_news_page.html")
    with SQLiteStore(tmp_path / "clean.db") as store:
        pipeline.load(others, store)
        first = snapshot(store)
        pipeline.load([FORUM], store)
        clean = snapshot(store)
    monkeypatch.setenv(parallel.CRASH_ON_ENV, "04_news_page.html")  # its worker gets SIGKILL
    with SQLiteStore(tmp_path / "g.db") as store:
        report = pipeline.load([FORUM], store, workers=2)
        assert [(Path(f.source).name, f.message) for f in report.failures] == [
            ("04_news_page.html", "the worker process extracting it died (killed, or out of memory)")
        ]
        assert report.articles_written == 4 and len(store.fingerprints()) == 4
        assert snapshot(store) == first
        monkeypatch.delenv(parallel.CRASH_ON_ENV)
        again = pipeline.load([FORUM], store, workers=2)
        assert again.ok and again.articles_written == 1 and again.articles_unchanged == 4
        assert snapshot(store) == clean


def test_results_come_in_input_order_with_a_bounded_number_held() -> None:
    pulled = 0

    def items():
        nonlocal pulled
        for i in range(1, 61):
            pulled += 1
            yield -i

    held = []
    out = []
    with parallel.ProcessRunner(2, in_flight=3) as run:
        for item, result in run.map(abs, items(), lambda i: "skip" if i % 7 == 0 else None):
            out.append((item, result))
            held.append(pulled - len(out))
    assert out == [(-i, "skip" if i % 7 == 0 else i) for i in range(1, 61)]
    assert max(held) <= 3


@pytest.mark.parametrize("workers", [0, -2])
def test_workers_below_one_is_a_usage_error(workers: int) -> None:
    r = runner.invoke(app, ["extract", str(FORUM), "--workers", str(workers)])
    assert r.exit_code == 2
    assert r.stderr == f"policygraph: error: --workers must be 1 or more, not {workers}\n"


def test_default_is_one_worker_per_core_the_process_may_use() -> None:
    assert parallel.default_workers() == len(os.sched_getaffinity(0))
    assert isinstance(parallel.runner(None), parallel.ProcessRunner if parallel.default_workers() > 1 else parallel.SerialRunner)


def _sigint_default() -> None:
    """Ctrl-C as a terminal gives it: a child inherits an ignored SIGINT (some test
    libraries leave it so in this process), and Python then raises no KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_with_workers_stops_them_and_a_rerun_resumes(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "clean.db") as store:
        pipeline.load([FORUM], store)
        clean = snapshot(store)
    db = tmp_path / "g.db"
    tag = uuid.uuid4().hex
    cmd = [sys.executable, "-m", "policygraph", "load", "-q", "--workers", "2", str(FORUM), "--db", str(db)]
    env = _env(POLICYGRAPH_CRASH_AT="extracted:3", POLICYGRAPH_CRASH_SIGNAL="INT", POLICYGRAPH_TEST_TAG=tag)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, preexec_fn=_sigint_default)
    assert p.returncode == 130, p.stderr
    assert p.stderr.strip() == (
        "policygraph: interrupted: 3 article(s) committed in this run; "
        "run the same command again to resume (stored articles are skipped)"
    )
    assert _none_left(tag) == []
    with SQLiteStore(db) as store:
        assert len(store.fingerprints()) == 3
    p = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert "articles: 5 read, 2 written, 3 unchanged, 0 failed" in p.stdout
    with SQLiteStore(db) as store:
        assert snapshot(store) == clean


def test_ctrl_c_on_the_terminal_reaches_the_workers_too(tmp_path: Path) -> None:
    # a terminal sends SIGINT to the whole process group: the workers ignore it,
    # the main process stops them and commits what it has. The load sends it
    # itself, to its group, after the third article, so the test never races
    # a load that ends first.
    db = tmp_path / "g.db"
    tag = uuid.uuid4().hex
    cmd = [sys.executable, "-m", "policygraph", "-v", "load", "--workers", "2", str(EXAMPLES), "--db", str(db)]
    env = _env(POLICYGRAPH_TEST_TAG=tag, POLICYGRAPH_CRASH_AT="extracted:3", POLICYGRAPH_CRASH_SIGNAL="INT",
               POLICYGRAPH_CRASH_GROUP="1")
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, start_new_session=True,
                       preexec_fn=_sigint_default)
    assert p.returncode == 130, p.stderr
    assert "Traceback" not in p.stderr and "KeyboardInterrupt" not in p.stderr
    assert p.stderr.strip().splitlines()[-1].startswith("policygraph: interrupted: 3 article(s) committed")
    assert _none_left(tag) == []
    with SQLiteStore(db) as store:
        assert len(store.fingerprints()) == 3


def _load_forum_after(prelude: str, db: Path) -> subprocess.CompletedProcess:
    """``policygraph load -q FORUM --db DB`` as the console command runs it, in a
    process that first runs ``prelude`` (which has ``os``, ``signal`` and ``sys``)."""
    script = (
        "import os, signal, sys\n"
        + prelude
        + "sys.argv = ['policygraph', 'load', '-q', sys.argv[1], '--db', sys.argv[2]]\n"
        "from policygraph.__main__ import run\n"
        "run()\n"
    )
    return subprocess.run([sys.executable, "-c", script, str(FORUM), str(db)], env=_env(),
                          capture_output=True, text=True, timeout=600, preexec_fn=_sigint_default)


def test_ctrl_c_once_the_command_is_over_changes_nothing(tmp_path: Path) -> None:
    # the summary is out and the store closed: a Ctrl-C while Python tears its
    # modules down (after it gave SIGINT back its default action) neither kills
    # the process by signal nor changes its exit code
    p = _load_forum_after(
        "class Late:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "late = Late()\n",
        tmp_path / "g.db",
    )
    assert p.returncode == 0, p.stderr
    assert "articles: 5 read, 5 written" in p.stdout


def test_a_ctrl_c_typer_meets_still_says_interrupted(tmp_path: Path) -> None:
    # a Ctrl-C outside the load loop (here: while the store opens) is one line and 130
    p = _load_forum_after(
        "from policygraph import stores\n"
        "real = stores.open_store\n"
        "def stop(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(*a, **k)\n"
        "stores.open_store = stop\n",
        tmp_path / "g.db",
    )
    assert p.returncode == 130, p.stderr
    assert p.stderr == "policygraph: interrupted\n"


def test_kill_9_with_workers_leaves_no_worker_and_converges(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "clean.db") as store:
        pipeline.load([FORUM], store)
        clean = snapshot(store)
    script = (
        "import sys\nfrom policygraph import pipeline\nfrom policygraph.stores import open_store\n"
        "pipeline.BATCH = 2\n"
        "with open_store(None, db_path=sys.argv[1]) as store:\n"
        "    pipeline.load([sys.argv[2]], store, workers=2)\n"
    )
    for point in ("extracted:3", "after-write:2"):
        db = tmp_path / f"{point.replace(':', '_')}.db"
        tag = uuid.uuid4().hex
        p = subprocess.run([sys.executable, "-c", script, str(db), str(FORUM)], capture_output=True, text=True,
                           env=_env(POLICYGRAPH_CRASH_AT=point, POLICYGRAPH_TEST_TAG=tag), timeout=600)
        assert p.returncode == -signal.SIGKILL, p.stderr
        assert _none_left(tag) == [], f"{point}: workers left behind"
        with SQLiteStore(db) as store:
            assert pipeline.load([FORUM], store, workers=2).ok
            assert snapshot(store) == clean, point


# -- Dask ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster


def test_dask_local_cluster_gives_the_graph_of_one_process(tmp_path: Path, dask_cluster, bad_inputs: Path) -> None:
    paths = [EXAMPLES, bad_inputs]
    with SQLiteStore(tmp_path / "one.db") as store:
        one = pipeline.load(paths, store)
        local = snapshot(store)
    with SQLiteStore(tmp_path / "dask.db") as store:
        report = pipeline.load(paths, store, dask=dask_cluster.scheduler_address)
        assert snapshot(store) == local
    assert report.summary() == one.summary() and report.failures == one.failures
    # policygraph extract too, through the CLI
    args = ["extract", *map(str, paths)]
    a = runner.invoke(app, args + ["--workers", "1"])
    b = runner.invoke(app, args + ["--dask", dask_cluster.scheduler_address])
    assert a.exit_code == b.exit_code == 1 and b.stdout == a.stdout and b.stderr == a.stderr


def test_dask_scheduler_that_cannot_be_reached_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    r = runner.invoke(app, ["load", str(FORUM), "--db", str(tmp_path / "g.db"), "--dask", f"tcp://127.0.0.1:{port}"],
                      env={"NEO4J_URI": ""})
    assert r.exit_code == 1
    assert r.stderr.startswith(f"policygraph: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: ")
    assert r.stderr.count("\n") == 1


def test_dask_address_that_is_not_one_is_a_usage_error(tmp_path: Path) -> None:
    r = runner.invoke(app, ["load", str(FORUM), "--db", str(tmp_path / "g.db"), "--dask", "scheduler"],
                      env={"NEO4J_URI": ""})
    assert r.exit_code == 2 and r.stderr.startswith("policygraph: error: bad Dask scheduler address 'scheduler'")
    assert not (tmp_path / "g.db").exists()  # said before any store is opened


def test_dask_not_installed_says_which_extra(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what 'import distributed' meets when it is absent
    r = runner.invoke(app, ["extract", str(FORUM), "--dask", "tcp://127.0.0.1:8786"])
    assert r.exit_code == 2
    assert r.stderr == (
        "policygraph: error: --dask needs dask.distributed, which is not installed: pip install 'policygraph[dask]'\n"
    )


def _started_runner(monkeypatch) -> list[parallel.ProcessRunner]:
    """``parallel.runner`` giving process runners whose workers are up before the
    first input is read: every file of one article is then read by a worker."""
    made: list[parallel.ProcessRunner] = []
    plain = parallel.runner

    def started(workers=1, dask=None, context=None):
        run = plain(workers, dask, context)
        if isinstance(run, parallel.ProcessRunner):
            run.start()
            assert run._ready(block=True) and run.takes_files()
            made.append(run)
        return run

    monkeypatch.setattr(parallel, "runner", started)
    return made


@pytest.fixture
def worker_inputs(tmp_path: Path) -> Path:
    """Bad files (found bad by whoever reads them) between good ones, and a feed."""
    d = tmp_path / "w"
    d.mkdir()
    (d / "a_fine.txt").write_text("과기정통부, 세종에서 데이터 정책 간담회\n\n과학기술정보통신부는 3일 세종에서 데이터 정책 간담회를 열었다.", encoding="utf-8")
    (d / "b_empty.txt").write_text("  \n", encoding="utf-8")
    (d / "c_binary.html").write_bytes(b"\x00\x01\x02 not text \x00")
    (d / "d_fine.md").write_text("# Ministry opens AI safety lab\n\nThe Ministry of Science and ICT opened an AI safety lab in Daejeon on 4 May 2025.\n", encoding="utf-8")
    (d / "e_feed.jsonl").write_text('{"id": "f1", "title": "환경부 토론회", "text": "환경부는 6일 서울에서 탄소중립 토론회를 개최했다."}\n{bad\n', encoding="utf-8")
    (d / "f_fine.txt").write_text("국토부, 부산에서 스마트시티 설명회\n\n국토교통부는 5일 부산에서 스마트시티 설명회를 열었다.", encoding="utf-8")
    return d


def test_files_read_by_workers_give_the_same_output_and_failures(worker_inputs: Path, monkeypatch) -> None:
    def run(workers: int):
        failures, calls = [], []
        exs = pipeline.extract_paths([worker_inputs, FORUM], on_failure=failures.append, workers=workers,
                                     progress=lambda k, i: calls.append((k, i.source)))
        return [json.dumps(x.to_dict(), ensure_ascii=False) for x in exs], failures, calls

    one = run(1)
    made = _started_runner(monkeypatch)
    two = run(2)
    assert made  # the files were read by workers
    assert two == one
    lines, failures, _ = one
    assert len(lines) == 3 + 5 + 1
    # each bad file (or record) is one failure naming it, in input order
    assert [Path(f.source).name for f in failures] == ["b_empty.txt", "c_binary.html", "e_feed.jsonl#2"]


def test_a_load_whose_files_workers_read_stores_the_same_graph(tmp_path: Path, worker_inputs: Path, monkeypatch) -> None:
    got = []
    for n in (1, 2):
        if n == 2:
            _started_runner(monkeypatch)
        calls: list[tuple[str, str]] = []
        with SQLiteStore(tmp_path / f"w{n}.db") as store:
            report = pipeline.load([worker_inputs, FORUM], store, workers=n,
                                   progress=lambda k, i: calls.append((k, i.source)))
            # "reading": when handed out (by a worker: just before its result)
            got.append((snapshot(store), report.summary(), report.failures, [c for c in calls if c[0] != "reading"]))
            if n == 2:  # unchanged: settled before any worker is asked, and not parsed
                again = pipeline.load([worker_inputs, FORUM], store, workers=2)
                assert again.articles_written == 0 and again.articles_unchanged == report.articles_written
                assert [f.source for f in again.failures] == [f.source for f in report.failures]
    assert got[1] == got[0]
    assert [Path(f.source).name for f in got[0][2]] == ["b_empty.txt", "c_binary.html", "e_feed.jsonl#2"]
