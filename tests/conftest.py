"""Shared fixtures.

* ``neo4j_settings`` (session): ``{"uri", "username", "password"}`` of a Neo4j
  to test against: ``NEO4J_URI`` (+ ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``)
  when set, else a local Neo4j started once per session by
  ``docker/neo4j_local.py`` on a free port with a throw-away state dir, and
  stopped at the end. If it cannot start, the tests that need it FAIL (with the
  server's log tail); they are never skipped.
* ``store``: an empty, open store, parametrized over ``sqlite`` and ``neo4j``
  (the latter marked ``neo4j``: ``-m "not neo4j"`` runs without a server).
* ``neo4j_store``: an empty Neo4jStore alone.
* ``example_graphs`` (session): what each bundled example article contributes
  to a store, extracted and resolved once (``store.replace_articles(...)`` of
  them gives the graph ``policygraph load examples/`` gives).
* ``chromium_path`` (session): the path of a headless-capable Chromium; the
  Debian package ``chromium`` is installed with apt-get when it is missing
  (the tests that need it FAIL if that is impossible; they are never skipped).
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent
LOCAL_NEO4J = REPO / "docker" / "neo4j_local.py"
# the four articles about one forum that examples/ started with: a small, stable set for
# the tests that count what they hold (example_graphs)
FORUM = REPO / "tests" / "fixtures" / "forum"
START_TIMEOUT = 900  # seconds; the first run builds the launcher and downloads the jars


def _tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield {
            "uri": uri,
            "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD", ""),
        }
        return

    state_dir = tmp_path_factory.mktemp("neo4j-local")
    password = "pg-test-" + secrets.token_hex(8)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["NEO4J_PASSWORD"] = password  # not on the command line
    cmd = [sys.executable, str(LOCAL_NEO4J), "start", "--port", "auto", "--state-dir", str(state_dir),
           "--timeout", str(START_TIMEOUT)]
    try:
        proc = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=START_TIMEOUT + 120)
    except subprocess.TimeoutExpired as e:
        _stop(state_dir, env)
        pytest.fail(f"local Neo4j did not start in time: {e}\n{_tail(state_dir / 'neo4j.log')}", pytrace=False)
    if proc.returncode != 0 or not proc.stdout.strip().startswith("bolt://"):
        _stop(state_dir, env)
        pytest.fail(
            f"could not start the local Neo4j ({' '.join(cmd[1:])}), exit {proc.returncode}:\n"
            f"{proc.stderr.strip()[-4000:]}\n--- log tail ---\n{_tail(state_dir / 'neo4j.log')}",
            pytrace=False,
        )
    _LOCAL["state_dir"] = state_dir
    try:
        yield {"uri": proc.stdout.strip().splitlines()[-1], "username": "neo4j", "password": password}
    finally:
        _LOCAL.clear()
        _stop(state_dir, env)


_LOCAL: dict[str, Path] = {}


@pytest.fixture(scope="session")
def neo4j_state_dir(neo4j_settings: dict[str, str]) -> Path:
    """The state dir of the local Neo4j the session started (its launcher's --state-dir)."""
    if "state_dir" not in _LOCAL:
        pytest.fail("NEO4J_URI is set: the session did not start the local launcher", pytrace=False)
    return _LOCAL["state_dir"]


@pytest.fixture(scope="session")
def neo4j_browser_url(neo4j_settings: dict[str, str]) -> str:
    """The Neo4j Browser URL of the test server: the local launcher's (it serves
    HTTP and the Browser next to Bolt), or $NEO4J_BROWSER_URL with $NEO4J_URI."""
    if "state_dir" not in _LOCAL:
        url = os.environ.get("NEO4J_BROWSER_URL")
        if not url:
            pytest.fail("NEO4J_URI is set but NEO4J_BROWSER_URL is not: no Browser to test", pytrace=False)
        return url
    proc = subprocess.run([sys.executable, str(LOCAL_NEO4J), "browser", "--state-dir", str(_LOCAL["state_dir"])],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if proc.returncode != 0 or not proc.stdout.startswith("http"):
        pytest.fail(f"the local Neo4j serves no Browser: {proc.stderr.strip()}", pytrace=False)
    return proc.stdout.strip()


def _stop(state_dir: Path, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, str(LOCAL_NEO4J), "stop", "--state-dir", str(state_dir)], env=env,
                   stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180)


def _open_neo4j(settings: dict[str, str]):
    from policygraph.stores.neo4j import Neo4jStore

    s = Neo4jStore(**settings)
    s.clear()
    return s


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty, open store of each backend; closed after the test."""
    if request.param == "sqlite":
        from policygraph.stores.sqlite import SQLiteStore

        s = SQLiteStore(tmp_path / "graph.db")
    else:
        s = _open_neo4j(request.getfixturevalue("neo4j_settings"))
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def neo4j_store(neo4j_settings: dict[str, str]):
    """An empty Neo4jStore; closed after the test."""
    s = _open_neo4j(neo4j_settings)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store file holding the bundled examples (loaded once per session,
    from their absolute path). Open it read-only in spirit: tests must not write."""
    from policygraph import pipeline
    from policygraph.stores.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("examples") / "examples.db"
    with SQLiteStore(path) as s:
        report = pipeline.load([REPO / "examples"], s)
        assert report.ok, report.summary()
    return path


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """A Chromium executable, installed from Debian (``apt-get install chromium``) when missing."""
    path = _find_chromium()
    if path:
        return path
    apt = shutil.which("apt-get")
    if apt is None:
        pytest.fail("Chromium is not installed and there is no apt-get to install it", pytrace=False)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-q", "--no-install-recommends", "chromium"]
    log = []
    for cmd in (install, [apt, "update", "-q"], install):
        r = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=1200)
        log.append(f"$ {' '.join(cmd)} -> {r.returncode}\n{r.stderr.strip()[-2000:]}")
        path = _find_chromium()
        if path:
            return path
    pytest.fail("could not install Chromium with apt-get:\n" + "\n".join(log), pytrace=False)


@pytest.fixture(scope="session")
def example_graphs(tmp_path_factory: pytest.TempPathFactory):
    """The forum articles (tests/fixtures/forum) as article contributions, extracted once per session."""
    from policygraph import pipeline
    from policygraph.stores.sqlite import SQLiteStore

    with SQLiteStore(tmp_path_factory.mktemp("examples") / "g.db") as s:
        pipeline.load([FORUM], s)
        return [s.article_graph(a) for a in s.fingerprints()]


@pytest.fixture(scope="session")
def examples_loaded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """examples/ loaded once per session into an embedded store file: ``{"path",
    "report", "seconds"}``. Tests only read it (copy the file to change it)."""
    import time

    from policygraph import pipeline
    from policygraph.stores.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("examples-loaded") / "examples.db"
    t0 = time.perf_counter()
    with SQLiteStore(path) as store:
        report = pipeline.load([REPO / "examples"], store)
    return {"path": path, "report": report, "seconds": time.perf_counter() - t0}
