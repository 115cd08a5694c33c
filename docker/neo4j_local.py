#!/usr/bin/env python3
"""A local Neo4j 5.26 Community server without Docker.

Builds the small Maven project in ``docker/neo4j-local/`` once (the jars come
from Maven Central into ``~/.m2`` on the first run), then runs it as a
background Java process: Neo4j's community server with Bolt, an HTTP
connector and the Neo4j Browser (with policygraph's style and guide),
authentication on.

    python docker/neo4j_local.py start [--port 7687|auto] [--http-port 7474|auto|off] [--password PW] [--state-dir DIR]
    python docker/neo4j_local.py browser [--state-dir DIR]   # the Browser URL of the running server
    python docker/neo4j_local.py status [--state-dir DIR]
    python docker/neo4j_local.py stop [--state-dir DIR]
    python docker/neo4j_local.py build

Ports: Bolt 7687 and HTTP 7474 by default; when a default port is taken a
free one is used instead (and said); a port given explicitly must be free;
``auto`` picks free ones. ``start`` prints the Bolt URI (only that, on
stdout) once a login succeeds, and the Browser URL on stderr.
The state dir (default ``.neo4j-local/`` in the repository root) holds
``neo4j.pid``, ``server.json``, the process log ``neo4j.log`` and the
database itself under ``home/`` (Neo4j's own logs in ``home/logs/``).
The password of user ``neo4j`` comes from ``--password``, else
``NEO4J_PASSWORD``, else the dev default below; it is set on every start.

Only the standard library is needed; when the ``neo4j`` Python driver is
importable, readiness is checked with a real login.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

try:  # POSIX only; on other systems starts are simply not serialised
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PROJECT = HERE / "neo4j-local"
TARGET = PROJECT / "target"
CLASSPATH_FILE = TARGET / "classpath.txt"
CLASSES = TARGET / "classes"
MAIN_CLASS = "policygraph.Neo4jLocal"
STAMP = TARGET / "build.stamp"

DEFAULT_STATE_DIR = REPO / ".neo4j-local"
DEFAULT_PASSWORD = "policygraph-dev"  # dev only; Neo4j wants 8+ characters
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
BROWSER_DIR = CLASSES / "browser"
GUIDE_PATH = "/browser/policygraph/guide.html"
STYLE_PATH = "/browser/policygraph/policygraph.grass"
DEFAULT_HEAP = os.environ.get("NEO4J_LOCAL_HEAP", "1g")


class LocalNeo4jError(Exception):
    pass


def log(msg: str) -> None:
    print(f"neo4j-local: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# build


def _sources_digest() -> str:
    h = hashlib.sha256()
    files = [PROJECT / "pom.xml", *sorted(p for p in (PROJECT / "src").rglob("*") if p.is_file())]
    for f in files:
        h.update(str(f.relative_to(PROJECT)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _classpath() -> list[str]:
    return [p for p in CLASSPATH_FILE.read_text().strip().split(os.pathsep) if p]


def _build_is_current(digest: str) -> bool:
    if not (STAMP.is_file() and CLASSPATH_FILE.is_file() and CLASSES.is_dir()):
        return False
    if STAMP.read_text().strip() != digest:
        return False
    if not (CLASSES / (MAIN_CLASS.replace(".", "/") + ".class")).is_file():
        return False
    if not (BROWSER_DIR / "index.html").is_file():
        return False
    # the jars live in the local Maven repository, which may have been wiped
    return all(Path(p).exists() for p in _classpath())


@contextlib.contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fh, fcntl.LOCK_UN)


def build(force: bool = False) -> list[str]:
    """Compile the launcher and resolve its classpath, once; return the classpath."""
    TARGET.mkdir(parents=True, exist_ok=True)
    with _locked(TARGET / ".build.lock"):
        digest = _sources_digest()
        if not force and _build_is_current(digest):
            return [str(CLASSES), *_classpath()]
        mvn = os.environ.get("MVN") or shutil.which("mvn")
        if not mvn:
            raise LocalNeo4jError("Maven (mvn) not found on PATH; install Maven 3.8+ and Java 17+")
        log("building the launcher (the first run downloads Neo4j's jars from Maven Central) ...")
        t0 = time.monotonic()
        proc = subprocess.run(
            [mvn, "-q", "-B", "-f", str(PROJECT / "pom.xml"), "compile"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if proc.returncode != 0:
            tail = "\n".join(proc.stdout.strip().splitlines()[-30:])
            raise LocalNeo4jError(f"mvn failed (exit {proc.returncode}):\n{tail}")
        STAMP.write_text(digest + "\n")
        log(f"built in {time.monotonic() - t0:.1f}s")
        return [str(CLASSES), *_classpath()]


# --------------------------------------------------------------------------
# process state


class State:
    def __init__(self, state_dir: Path):
        self.dir = state_dir
        self.pid_file = state_dir / "neo4j.pid"
        self.info_file = state_dir / "server.json"
        self.log_file = state_dir / "neo4j.log"
        self.home = state_dir / "home"
        self.lock_file = state_dir / ".lock"

    def pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def info(self) -> dict:
        try:
            return json.loads(self.info_file.read_text())
        except (OSError, ValueError):
            return {}

    def running_pid(self) -> int | None:
        pid = self.pid()
        return pid if pid is not None and _is_our_process(pid) else None

    def forget(self) -> None:
        for f in (self.pid_file, self.info_file):
            with contextlib.suppress(FileNotFoundError):
                f.unlink()

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_file.read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-n:])


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) counts as dead
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_our_process(pid: int) -> bool:
    if not _is_alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: trust the pid file
    return MAIN_CLASS.encode() in cmdline


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _port_in_use(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def _tcp_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def _try_login(uri: str, password: str) -> str | None:
    """None when a login works, else why not. Without the driver: a TCP check."""
    try:
        from neo4j import GraphDatabase
    except ImportError:
        host, port = uri.rsplit("//", 1)[1].rsplit(":", 1)
        return None if _tcp_open(host.strip("[]"), int(port)) else "Bolt port closed"
    try:
        with GraphDatabase.driver(uri, auth=("neo4j", password), connection_timeout=5) as drv:
            drv.verify_connectivity()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready yet"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if not java:
        raise LocalNeo4jError("java not found (need Java 17+ on PATH or JAVA_HOME)")
    return java


def _terminate(pid: int, timeout: float) -> bool:
    """SIGTERM, wait, then SIGKILL. True when it stopped within the timeout."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _is_alive(pid):
            return True
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    for _ in range(50):
        if not _is_alive(pid):
            break
        time.sleep(0.1)
    return False


# --------------------------------------------------------------------------
# commands


def start(
    state_dir: Path,
    *,
    host: str = DEFAULT_HOST,
    port: int | None = None,
    http_port: int | None = None,
    password: str = DEFAULT_PASSWORD,
    timeout: float = 600.0,
    heap: str = DEFAULT_HEAP,
    fresh: bool = False,
) -> str:
    """Start the server (or find it running); return its Bolt URI.

    ``port`` / ``http_port``: None for the default (7687 / 7474, or a free
    port when that one is taken), 0 for a free port, a number for exactly
    that port; ``http_port=-1`` turns HTTP (and the Browser) off."""
    if len(password) < 8:
        raise LocalNeo4jError("the password must have at least 8 characters (Neo4j's minimum)")
    state = State(state_dir)
    state.dir.mkdir(parents=True, exist_ok=True)
    with _locked(state.lock_file):
        pid = state.running_pid()
        if pid is not None:
            info = state.info()
            uri = info.get("uri", "")
            log(f"already running (pid {pid}) at {uri}")
            if info.get("browser"):
                log(f"Neo4j Browser: {info['browser']}")
            return uri
        state.forget()
        if fresh and state.home.exists():
            shutil.rmtree(state.home)

        t0 = time.monotonic()
        classpath = build()
        port = _pick_port(host, port, DEFAULT_PORT, "Bolt", "--port")
        if http_port is not None and http_port < 0:
            http_port = 0  # off
        else:
            http_port = _pick_port(host, http_port, DEFAULT_HTTP_PORT, "HTTP", "--http-port", avoid={port})
        shown = f"[{host}]" if ":" in host else host
        uri = f"bolt://{shown}:{port}"
        browser = browser_url(host, http_port, port) if http_port else None

        env = dict(os.environ)
        env["CLASSPATH"] = os.pathsep.join(classpath)  # keeps `ps` readable
        env["NEO4J_LOCAL_PASSWORD"] = password
        cmd = [
            _java(),
            "-Xms256m",
            f"-Xmx{heap}",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8",
            MAIN_CLASS,
            "--home", str(state.home),
            "--host", host,
            "--port", str(port),
            "--http-port", str(http_port),
        ]
        if http_port:
            base = f"http://{shown}:{http_port}"
            # run on each Browser connect: policygraph's style, then its guide
            cmd += ["--post-connect", f"style {base}{STYLE_PATH}; play {base}{GUIDE_PATH}"]
        with open(state.log_file, "ab") as logf:
            log_start = logf.tell()
            proc = subprocess.Popen(
                cmd,
                cwd=str(state.dir),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=logf,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # survives this script; SIGINT to us is not for it
            )
        state.pid_file.write_text(f"{proc.pid}\n")
        state.info_file.write_text(json.dumps(
            {"uri": uri, "host": host, "port": port, "http_port": http_port or None, "browser": browser,
             "pid": proc.pid, "username": "neo4j",
             "home": str(state.home), "log": str(state.log_file), "started": time.time()},
            indent=2) + "\n")

        deadline = time.monotonic() + timeout
        ready = False
        why = "no READY line yet"
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                state.forget()
                raise LocalNeo4jError(
                    f"the server exited with code {proc.returncode}; log {state.log_file}:\n"
                    + state.log_tail())
            if not ready:
                with open(state.log_file, "rb") as fh:
                    fh.seek(log_start)
                    ready = b"\nREADY bolt://" in b"\n" + fh.read()
            if ready:
                why = _try_login(uri, password)
                if why is None:
                    log(f"up at {uri} (pid {proc.pid}) after {time.monotonic() - t0:.1f}s")
                    if browser:
                        log(f"Neo4j Browser: {browser}")
                    return uri
            time.sleep(0.25)
        _terminate(proc.pid, 30)
        state.forget()
        raise LocalNeo4jError(
            f"not ready after {timeout:.0f}s ({why}); log {state.log_file}:\n" + state.log_tail())


def _pick_port(host: str, want: int | None, default: int, what: str, option: str,
               avoid: set[int] = frozenset()) -> int:
    """None: the default port, or a free one when it is taken; 0: a free one; N: N, which must be free."""
    if want == 0:
        while True:
            p = _free_port(host)
            if p not in avoid:
                return p
    if want is None:
        if default not in avoid and not _port_in_use(host, default):
            return default
        p = _pick_port(host, 0, default, what, option, avoid)
        log(f"{what} port {default} is taken; using {p}")
        return p
    if want in avoid or _port_in_use(host, want):
        raise LocalNeo4jError(f"{what} port {want} on {host} is already in use (try {option} auto)")
    return want


def browser_url(host: str, http_port: int, bolt_port: int) -> str:
    """The Browser page, told where Bolt is, with user neo4j filled in."""
    shown = f"[{host}]" if ":" in host else host
    return (f"http://{shown}:{http_port}/browser/?dbms=neo4j://neo4j@{shown}:{bolt_port}"
            "&preselectAuthMethod=NATIVE")


def stop(state_dir: Path, *, timeout: float = 60.0) -> bool:
    """Stop the server; False when it was not running."""
    state = State(state_dir)
    pid = state.running_pid()
    if pid is None:
        state.forget()
        return False
    t0 = time.monotonic()
    clean = _terminate(pid, timeout)
    state.forget()
    log(f"stopped pid {pid} in {time.monotonic() - t0:.1f}s" + ("" if clean else " (killed)"))
    return True


def status(state_dir: Path) -> dict:
    state = State(state_dir)
    pid = state.running_pid()
    info = state.info()
    if pid is None:
        return {"running": False, "state_dir": str(state_dir)}
    bolt = _tcp_open(info.get("host", DEFAULT_HOST), int(info.get("port", DEFAULT_PORT)))
    return {"running": True, "pid": pid, "uri": info.get("uri"), "browser": info.get("browser"), "bolt_open": bolt,
            "state_dir": str(state_dir), "log": str(state.log_file)}


# --------------------------------------------------------------------------


def _port_arg(value: str) -> int:
    if value in ("auto", "0"):
        return 0
    if value == "off":
        return -1
    port = int(value)
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError("port must be 1-65535, 0 or auto")
    return port


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--state-dir", type=Path,
                       default=Path(os.environ.get("NEO4J_LOCAL_STATE_DIR", DEFAULT_STATE_DIR)),
                       help="pid file, log and data (default: .neo4j-local/ in the repo root)")

    p = sub.add_parser("start", help="build if needed, start in the background, print the URI")
    common(p)
    p.add_argument("--host", default=DEFAULT_HOST, help="listen address (default 127.0.0.1)")
    p.add_argument("--port", type=_port_arg, default=None,
                   help="Bolt port; 0 or auto picks a free one (default 7687, or a free one when taken)")
    p.add_argument("--http-port", type=_port_arg, default=None,
                   help="HTTP port of the Browser; auto picks a free one, off disables HTTP"
                        " (default 7474, or a free one when taken; with --port auto, auto)")
    p.add_argument("--password", default=None,
                   help=f"password of user neo4j (default: $NEO4J_PASSWORD or {DEFAULT_PASSWORD!r})")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds to wait for readiness")
    p.add_argument("--heap", default=DEFAULT_HEAP, help="JVM max heap (default 1g)")
    p.add_argument("--fresh", action="store_true", help="delete the stored database first")

    p = sub.add_parser("browser", help="print the Browser URL of the running server (exit 3 when not running)")
    common(p)

    p = sub.add_parser("stop", help="stop the server (SIGTERM, then SIGKILL after --timeout)")
    common(p)
    p.add_argument("--timeout", type=float, default=60.0)

    p = sub.add_parser("status", help="say whether the server runs (exit 0) or not (exit 3)")
    common(p)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("build", help="only build the launcher")
    p.add_argument("--force", action="store_true")

    args = ap.parse_args(argv)
    try:
        if args.cmd == "build":
            cp = build(force=args.force)
            log(f"classpath has {len(cp)} entries")
            return 0
        state_dir = args.state_dir.resolve()
        if args.cmd == "start":
            password = args.password or os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD
            http_port = args.http_port
            if http_port is None and args.port == 0:
                http_port = 0  # --port auto: both free
            uri = start(state_dir, host=args.host, port=args.port, http_port=http_port, password=password,
                        timeout=args.timeout, heap=args.heap, fresh=args.fresh)
            print(uri, flush=True)
            return 0
        if args.cmd == "browser":
            st = status(state_dir)
            if not st["running"] or not st.get("browser"):
                log("not running" if not st["running"] else "running without HTTP (no Browser)")
                return 3
            print(st["browser"])
            return 0
        if args.cmd == "stop":
            if not stop(state_dir, timeout=args.timeout):
                log("not running")
            return 0
        if args.cmd == "status":
            st = status(state_dir)
            if args.json:
                print(json.dumps(st))
            elif st["running"]:
                print(f"running pid {st['pid']} at {st['uri']}"
                      + ("" if st["bolt_open"] else " (Bolt port not open yet)"))
                if st.get("browser"):
                    print(f"Neo4j Browser: {st['browser']}")
            else:
                print("not running")
            return 0 if st["running"] else 3
    except LocalNeo4jError as exc:
        log(str(exc))
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
