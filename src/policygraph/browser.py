"""Neo4j Browser on the graph of the embedded store, in one step: start the
project's local Neo4j (docker/neo4j_local.py: Bolt, HTTP and the Browser with
policygraph's style and guide), copy the embedded store's graph into it, and
give the Browser URL.

The copy goes article by article through the stores' common interface
(``article_graph`` / ``replace_articles``), so Neo4j holds exactly the graph
the embedded store holds, merged the same way.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, StoreError
from .stores.base import GraphStore

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "docker" / "neo4j_local.py"


@dataclass(frozen=True)
class LocalServer:
    uri: str
    browser: str | None
    state_dir: Path


def launcher() -> Path:
    if not LAUNCHER.is_file():
        raise ConfigError(
            "the local Neo4j launcher (docker/neo4j_local.py) is not next to this installation; "
            "start Neo4j yourself (docker compose -f docker/compose.yaml up -d) and load with --neo4j URI"
        )
    return LAUNCHER


def start_local(state_dir: Path | None = None, *, timeout: float = 900.0) -> LocalServer:
    """Start the local Neo4j (or find it running) and return its Bolt and Browser URLs.
    The password is ``$NEO4J_PASSWORD`` or the launcher's dev default."""
    cmd = [sys.executable, str(launcher())]
    where = ["--state-dir", str(state_dir)] if state_dir else []
    proc = subprocess.run(cmd + ["start", *where, "--timeout", str(timeout)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout + 120)
    if proc.returncode != 0 or not proc.stdout.strip():
        tail = " ".join(proc.stderr.strip().splitlines()[-3:])
        raise StoreError(f"could not start the local Neo4j: {tail or 'exit ' + str(proc.returncode)}")
    uri = proc.stdout.strip().splitlines()[-1]
    st = subprocess.run(cmd + ["status", *where, "--json"], stdin=subprocess.DEVNULL, capture_output=True,
                        text=True, timeout=60)
    try:
        info = json.loads(st.stdout)
    except ValueError:
        info = {}
    sd = Path(info.get("state_dir") or state_dir or REPO / ".neo4j-local")
    return LocalServer(uri, info.get("browser"), sd)


def copy_graph(src: GraphStore, dst: GraphStore, *, chunk: int = 200) -> int:
    """Replace everything in ``dst`` with the articles of ``src``; the number of articles copied."""
    dst.clear()
    ids = sorted(src.fingerprints())
    for i in range(0, len(ids), chunk):
        graphs = [g for g in (src.article_graph(a) for a in ids[i: i + chunk]) if g is not None]
        dst.replace_articles(graphs)
    return len(ids)


def open_browser_on(src: GraphStore, state_dir: Path | None = None) -> tuple[LocalServer, int]:
    """Start the local Neo4j, copy ``src`` into it; (server, articles copied)."""
    from .stores.neo4j import Neo4jStore

    server = start_local(state_dir)
    password = os.environ.get("NEO4J_PASSWORD") or _launcher_default_password()
    with Neo4jStore(server.uri, username="neo4j", password=password) as neo:
        n = copy_graph(src, neo)
    return server, n


def _launcher_default_password() -> str:
    import importlib.util

    spec = importlib.util.spec_from_file_location("policygraph_neo4j_local", launcher())
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod.DEFAULT_PASSWORD
