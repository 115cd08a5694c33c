"""Extraction on every core, or on a Dask cluster, with results in input order.

``pipeline.load`` and ``pipeline.extract_paths`` read their inputs in the main
process and hand each article that needs work to a *runner*:

* :class:`SerialRunner` (``workers=1``): extracts in the calling process, as
  the pipeline always did;
* :class:`ProcessRunner` (``workers=N``): a pool of N worker processes;
* :class:`DaskRunner` (``dask="tcp://host:8786"``): the workers of a
  ``dask.distributed`` cluster (``pip install 'policygraph[dask]'``).

Whatever the runner, ``map`` yields ``(item, result)`` in the order the items
came, with a bounded number in flight (memory stays flat however many inputs),
so what the single writer stores, and what ``policygraph extract`` prints, is
byte for byte what one process gives. A Dask cluster gets articles (their
text, not their files): the inputs need to be readable by the main process
only. A local pool gets the files of one article as paths (``FileJob``) once
its workers are up, and reads and parses them itself; until then (the fork
server loads the analyser: seconds) the main process reads ahead and hands out
articles. JSON and JSON Lines files are read by the main process, their
records handed out one by one.

Worker processes are started from a fork server that has imported the
extractor and built the Korean analyser (kiwipiepy) once, so N workers share
its model pages instead of loading about 300 MB each. A worker that dies
(killed, out of memory) costs the article it was extracting, named as one
failure; the pool is restarted and the other articles go on.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import types
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from . import guards
from .build import article_fingerprint, to_article_graph
from .errors import ClusterError, ConfigError, IngestError, PolicygraphError
from .extract import EXTRACTOR_VERSION, extract
from .ingest import read_bytes, read_items
from .models import Article, ArticleGraph, Extraction, IngestFailure
from .resolve import assign_ids, prepare

log = logging.getLogger(__name__)

X = TypeVar("X")

#: test hook: a worker extracting an article whose source contains this text
#: kills itself (SIGKILL), as a segfault or the OOM killer would
CRASH_ON_ENV = "POLICYGRAPH_WORKER_CRASH_ON"


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity), else ``os.cpu_count()``."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    return max(1, n)


# --------------------------------------------------------------------------
# the work itself (runs in a worker; module-level so that it pickles by name)


def extract_one(item: Article) -> Extraction | IngestFailure:
    """Extract one article; whatever goes wrong is one ``IngestFailure``."""
    try:
        return extract(item)
    except PolicygraphError as exc:
        return IngestFailure(item.source, str(exc))
    except RecursionError:
        return IngestFailure(item.source, "text nested too deeply to analyse")
    except Exception as exc:
        if guards.debugging():
            raise
        return IngestFailure(item.source, guards.internal_message(exc))


def extraction_job(item: Article) -> Extraction | IngestFailure:
    """What ``policygraph extract`` needs of one article (ids article-local)."""
    _crash_hook(item)
    return extract_one(item)


def article_graph_job(item: Article) -> tuple[ArticleGraph, int, int] | IngestFailure:
    """What ``load`` needs of one article: extract, give graph ids, build the
    nodes and relationships the store writes. Gives the graph with the
    numbers of entities and relations extracted (for the log)."""
    _crash_hook(item)
    try:
        ex = extract_one(item)
        if isinstance(ex, IngestFailure):
            return ex
        ex = assign_ids(ex)
        return to_article_graph(ex, EXTRACTOR_VERSION), len(ex.entities), len(ex.relations)
    except Exception as exc:
        if guards.debugging():
            raise
        return IngestFailure(item.source, guards.internal_message(exc))


def prepared_job(item: Article) -> tuple[Extraction, ArticleGraph] | IngestFailure:
    """What ``policygraph extract`` needs of one article: its extraction with
    graph ids and what the batch resolver reads of its graph (``resolve.prepare``)."""
    _crash_hook(item)
    ex = extract_one(item)
    if isinstance(ex, IngestFailure):
        return ex
    try:
        return prepare(ex, EXTRACTOR_VERSION)
    except Exception as exc:
        if guards.debugging():
            raise
        return IngestFailure(item.source, guards.internal_message(exc))


# --------------------------------------------------------------------------
# files read by the workers


class _Unchanged:
    """The result of an article whose stored fingerprint is its own (one
    object, also after a trip through pickle)."""

    def __reduce__(self) -> str:
        return "UNCHANGED"

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED = _Unchanged()


@dataclass
class FileJob:
    """One input file, read and parsed where it is extracted. ``result``: set
    when the main process has settled it already (an unchanged file)."""

    path: str
    result: "FileResult | None" = None

    @property
    def source(self) -> str:
        return self.path


@dataclass
class FileResult:
    """What one file gave: ``(item, result)`` for each item it holds, in
    order, and the digest of the bytes read (``input_digest``; None when the
    file could not be read)."""

    digest: str | None
    items: list[tuple[Any, Any]] = field(default_factory=list)


_INPUT_VERSION: str | None = None


def input_version() -> str:
    """The extractor version and a digest of the code that turns a file's
    bytes into articles and their fingerprints (``ingest``, ``guards``,
    ``build``): a file's bytes give the same articles while it is the same."""
    global _INPUT_VERSION
    if _INPUT_VERSION is None:
        here = Path(__file__).resolve().parent
        h = hashlib.sha256(EXTRACTOR_VERSION.encode("utf-8"))
        for f in sorted((here / "ingest").glob("*.py")) + [here / "guards.py", here / "build.py"]:
            h.update(f.name.encode("utf-8") + b"\0")
            h.update(f.read_bytes())
        _INPUT_VERSION = h.hexdigest()[:16]
    return _INPUT_VERSION


def input_digest(path: str, data: bytes) -> str:
    """Digest of one input file as read: its path (its articles' source), its
    bytes and ``input_version()``."""
    h = hashlib.sha256(input_version().encode("utf-8") + b"\0")
    h.update(path.encode("utf-8", "surrogatepass") + b"\0")
    h.update(data)
    return h.hexdigest()[:32]


def clean_item(item: Article | IngestFailure) -> Article | IngestFailure:
    """An article cleaned of what no store can hold (``guards.clean_article``)."""
    if isinstance(item, Article):
        try:
            return guards.clean_article(item)
        except IngestError as e:
            return IngestFailure(e.source, e.message)
    return item


def read_input(path: str) -> tuple[str | None, list[Article | IngestFailure]]:
    """(digest of the bytes read, the cleaned items of the file) of one input file."""
    try:
        data = read_bytes(path)
    except Exception:  # noqa: BLE001 - read again: the failure is then the one iter_articles gives
        return None, [clean_item(i) for i in read_items(path)]
    return input_digest(path, data), [clean_item(i) for i in read_items(path, data=data)]


#: what the worker processes of a load know: the stored fingerprints (``known``)
#: and whether to ``force``; None outside a load
_CONTEXT: dict[str, Any] | None = None


def _file_job(job: FileJob, fn: Callable[[Article], Any]) -> FileResult:
    try:
        digest, items = read_input(job.path)
    except Exception as exc:
        if guards.debugging():
            raise
        return FileResult(None, [(IngestFailure(job.path, guards.internal_message(exc)), None)])
    ctx = _CONTEXT or {}
    known, force = ctx.get("known") or {}, ctx.get("force", True)
    out = FileResult(digest)
    for item in items:
        if isinstance(item, IngestFailure):
            out.items.append((item, item))
            continue
        settled = None if force else unchanged_or_failure(item, known)
        out.items.append((item, fn(item) if settled is None else settled))
    return out


def unchanged_or_failure(item: Article, known: dict[str, str]) -> Any:
    """``UNCHANGED`` when ``known`` (stored fingerprints) holds this article's
    own fingerprint, an ``IngestFailure`` when its fingerprint cannot be
    computed, else None (to extract)."""
    if item.id not in known:
        return None
    try:
        return UNCHANGED if known[item.id] == article_fingerprint(item, EXTRACTOR_VERSION) else None
    except Exception as exc:
        if guards.debugging():
            raise
        return IngestFailure(item.source, guards.internal_message(exc))


def load_job(unit: Article | FileJob) -> Any:
    """``article_graph_job`` of an article, or of each article of a file."""
    return _file_job(unit, article_graph_job) if isinstance(unit, FileJob) else article_graph_job(unit)


def prepare_job(unit: Article | FileJob) -> Any:
    """``prepared_job`` of an article, or of each article of a file."""
    return _file_job(unit, prepared_job) if isinstance(unit, FileJob) else prepared_job(unit)


def worker_versions() -> tuple[str, str]:
    """(policygraph version, extractor version) of this process."""
    from . import __version__

    return __version__, EXTRACTOR_VERSION


def _crash_hook(item: Article) -> None:
    want = os.environ.get(CRASH_ON_ENV)
    if want and want in item.source and multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), signal.SIGKILL)


def warm() -> None:
    """Build what every extraction needs (the Korean analyser with its model,
    the gazetteer) without starting any thread, so that the processes forked
    afterwards share it. The analyser is kiwipiepy's ``Kiwi`` with no threads
    of its own (``num_workers=0``): each worker process is one core, and a
    process that has started threads cannot be forked safely."""
    from .extract import ko, ner
    from .gazetteer import _load_default

    if not getattr(ko.kiwi, "single_threaded", False):
        import warnings

        from kiwipiepy import Kiwi

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # num_workers=0: "calling thread only" since 0.21
            analyser = Kiwi(num_workers=0)
        analyser.tokenize("과학기술정보통신부는 3일 서울에서 회의를 열었다.")  # the model loads on first use

        def kiwi():
            return analyser

        kiwi.single_threaded = True  # type: ignore[attr-defined]
        ko.kiwi = kiwi
    ner._titles()
    _load_default()


def _settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("POLICYGRAPH_")}


def _ready_probe() -> int:
    return os.getpid()


def _worker_init(main_pid: int, settings: dict[str, str], context: dict[str, Any] | None = None) -> None:
    global _CONTEXT
    _CONTEXT = context
    # Ctrl-C on a terminal reaches the whole process group: the main process
    # alone decides (it stops the pool and commits what was extracted)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the fork server's environment is that of when it started: the
    # POLICYGRAPH_ settings (--debug ...) are those of the caller now
    for k in [k for k in os.environ if k.startswith("POLICYGRAPH_")]:
        del os.environ[k]
    os.environ.update(settings)
    _exit_with(main_pid)
    try:
        warm()  # a no-op after the fork server's preload
    except Exception:  # noqa: BLE001 - each article then says what is wrong, as in one process
        pass


def _exit_with(pid: int) -> None:
    """End this worker when the process that started the pool ends, however
    it ends (a worker waiting for work would wait for ever after a SIGKILL:
    it holds both ends of its own task pipe)."""
    import threading

    def watch() -> None:
        try:
            fd = os.pidfd_open(pid)
        except (AttributeError, OSError):  # pragma: no cover - no pidfd (old kernel, not Linux): poll
            import time

            while _alive(pid):
                time.sleep(1.0)
        else:
            import select

            select.select([fd], [], [])
        os._exit(1)

    threading.Thread(target=watch, name="policygraph-exit-with-main", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover
        return True
    return True


# --------------------------------------------------------------------------
# runners


class _Entry:
    __slots__ = ("item", "future", "value", "ready")

    def __init__(self, item: Any, future: Any = None, value: Any = None, ready: bool = False):
        self.item, self.future, self.value, self.ready = item, future, value, ready


class Runner:
    """``map(fn, items, classify)``: for each item, ``classify(item)`` either
    gives its result at once (an input failure, an unchanged article) or
    ``None``, and then ``fn(item)`` is computed, maybe elsewhere. Yields
    ``(item, result)`` in input order. ``classify`` runs in the calling
    process, in order, before the item is handed out."""

    workers = 1

    def map(self, fn: Callable[[X], Any], items: Iterable[X], classify: Callable[[X], Any]) -> Iterator[tuple[X, Any]]:
        raise NotImplementedError

    def start(self) -> None:
        """Start the workers now (in the background), if there are any to start."""

    def takes_files(self) -> bool:
        """Whether a ``FileJob`` handed out now is read where it is extracted
        (worker processes, ready to work); else the caller reads the file and
        hands out its articles."""
        return False

    def close(self, cancel: bool = False) -> None:
        pass

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(cancel=exc_type is not None)


class SerialRunner(Runner):
    """In the calling process, one item after the other (``workers=1``)."""

    def map(self, fn, items, classify):
        for item in items:
            value = classify(item)
            yield item, (fn(item) if value is None else value)


class _Ordered(Runner):
    """Submit in order, yield in order, at most ``in_flight`` items held
    (``read_ahead`` while the workers are starting: those wait to be submitted)."""

    in_flight = 8
    read_ahead = 8

    def map(self, fn, items, classify):
        pending: deque[_Entry] = deque()
        waiting: deque[_Entry] = deque()  # to submit once the workers are up
        for item in items:
            value = classify(item)
            if value is None:
                e = _Entry(item)
                pending.append(e)
                waiting.append(e)
                if self._ready(block=False):
                    self._submit_waiting(fn, waiting)
            else:
                pending.append(_Entry(item, value=value, ready=True))
            # hand back what is done at the head; wait for it when too much is held
            while pending and (
                pending[0].ready
                or (pending[0].future is not None and self._done(pending))
                or len(pending) >= (self.in_flight if not waiting else max(self.in_flight, self.read_ahead))
            ):
                yield self._pop_head(fn, pending, waiting)
        while pending:
            yield self._pop_head(fn, pending, waiting)

    def _pop_head(self, fn, pending: deque[_Entry], waiting: deque[_Entry]) -> tuple[Any, Any]:
        if waiting and not pending[0].ready and pending[0].future is None:
            self._ready(block=True)
            self._submit_waiting(fn, waiting)
        return self._pop(fn, pending)

    def _submit_waiting(self, fn, waiting: deque[_Entry]) -> None:
        while waiting:
            e = waiting.popleft()
            e.future = self._submit(fn, e.item)

    def _ready(self, block: bool) -> bool:
        return True

    def _done(self, pending: deque[_Entry]) -> bool:
        return False

    def _submit(self, fn, item):
        raise NotImplementedError

    def _pop(self, fn, pending: deque[_Entry]) -> tuple[Any, Any]:
        raise NotImplementedError


@contextlib.contextmanager
def _main_hidden():
    """A worker process started from here does not run the caller's script
    again (what multiprocessing does to find functions defined in
    ``__main__``): the work is policygraph's own functions, so a script that
    calls ``load(..., workers=2)`` needs no ``if __name__ == "__main__"``
    guard. Worker processes are started while submitting, in this thread."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


class ProcessRunner(_Ordered):
    """A pool of ``workers`` processes. ``start()`` starts it in the background
    (the fork server loads the analyser meanwhile: seconds); until it is up,
    up to ``read_ahead`` items are read and held in this process; else it is
    started at the first item to extract. ``context``: what every worker
    knows (``_CONTEXT``)."""

    def __init__(self, workers: int, in_flight: int | None = None, context: dict[str, Any] | None = None,
                 read_ahead: int = 4000):
        self.workers = workers
        # enough for the workers to go on while the one writer writes a batch (seconds)
        self.in_flight = in_flight or 64 * workers
        self.read_ahead = read_ahead
        self._context = context
        self._pool = None
        self._lock = threading.RLock()
        self._up = threading.Event()
        self._starter: threading.Thread | None = None

    def start(self) -> None:
        if self._starter is None and self._pool is None:
            self._starter = threading.Thread(target=self._start, name="policygraph-pool-start", daemon=True)
            self._starter.start()

    def _start(self) -> None:
        try:
            with self._lock, _main_hidden():
                pool = self._executor()
                for _ in range(self.workers):  # each submit finding no idle worker starts one
                    pool.submit(_ready_probe)
        except Exception:  # noqa: BLE001 - the first submit meets it again and says what it is
            log.debug("starting the extraction processes failed", exc_info=True)
        finally:
            self._up.set()

    def _ready(self, block: bool) -> bool:
        if self._starter is None:
            return True  # started at the first submit
        if block:
            self._up.wait()
        return self._up.is_set()

    def takes_files(self) -> bool:
        return self._starter is not None and self._up.is_set()

    def _executor(self):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            methods = multiprocessing.get_all_start_methods()
            if "forkserver" in methods:
                ctx = multiprocessing.get_context("forkserver")
                # the fork server imports the extractor and loads the analyser once;
                # each worker forked from it shares those pages (set before it starts)
                ctx.set_forkserver_preload(["policygraph._preload"])
            else:  # pragma: no cover - Windows: each worker loads its own
                ctx = multiprocessing.get_context("spawn")
            log.info("starting %d extraction processes", self.workers)
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_worker_init,
                initargs=(os.getpid(), _settings(), self._context),
            )
        return self._pool

    def _submit(self, fn, item):
        with self._lock, _main_hidden():
            return self._executor().submit(fn, item)

    def _done(self, pending):
        f = pending[0].future
        return f is not None and f.done()

    def _pop(self, fn, pending):
        from concurrent.futures.process import BrokenProcessPool

        head = pending[0]
        if not head.ready:
            try:
                head.value = head.future.result()
            except BrokenProcessPool:
                self._recover(fn, pending)
        pending.popleft()
        return head.item, head.value

    def _recover(self, fn, pending: deque[_Entry]) -> None:
        """A worker died: every article then in the pool is lost with it. Each
        is extracted again alone in a fresh pool; the one that kills its
        worker again is a failure, the others are results."""
        from concurrent.futures import wait
        from concurrent.futures.process import BrokenProcessPool

        lost = [e for e in pending if not e.ready]
        wait([e.future for e in lost])
        suspects = []
        for e in lost:
            try:
                e.value, e.ready = e.future.result(), True
            except BrokenProcessPool:
                suspects.append(e)
        self._shutdown(cancel=True)
        for e in suspects:
            try:
                e.value = self._submit(fn, e.item).result()
            except BrokenProcessPool:
                log.warning("the worker extracting %s died", e.item.source)
                e.value = IngestFailure(
                    e.item.source, "the worker process extracting it died (killed, or out of memory)"
                )
                self._shutdown(cancel=True)
            e.ready = True

    def _shutdown(self, cancel: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not cancel:
            pool.shutdown(wait=True)
            return
        # stop now: queued work is dropped, running work is killed (a worker
        # holds nothing that must be kept)
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(5)

    def close(self, cancel: bool = False) -> None:
        if self._starter is not None:
            self._starter.join()
        with self._lock:
            self._shutdown(cancel)


class DaskRunner(_Ordered):
    """The workers of a ``dask.distributed`` cluster, reached at ``address``
    (``tcp://host:8786``), or a ``distributed.Client`` given as it is."""

    def __init__(self, address: Any, in_flight: int | None = None, timeout: float = 10):
        check_dask(address)
        from distributed import Client, as_completed

        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client = Client(address, timeout=timeout, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                msg = " ".join(str(exc).split()) or type(exc).__name__
                raise ClusterError(f"cannot reach the Dask scheduler at {address}: {msg}") from None
            self._own = True
        self._check_workers(address)
        threads = sum(self.client.nthreads().values()) or 1
        self.workers = threads
        self.in_flight = in_flight or max(8, 4 * threads)
        self._ac = as_completed(loop=self.client.loop)
        self._results: dict[str, Any] = {}

    def _check_workers(self, address: Any) -> None:
        """Every worker must run this policygraph (same extractor): else its
        graph would differ from a local run's, or every task would fail."""
        want = worker_versions()
        try:
            seen = self.client.run(worker_versions)
        except Exception as exc:
            self.close()
            msg = " ".join(str(exc).split())[:300] or type(exc).__name__
            raise ClusterError(
                f"the Dask workers at {address} cannot run policygraph ({msg}): install it on every worker"
            ) from None
        for worker, got in sorted(seen.items()):
            if tuple(got) != want:
                self.close()
                raise ClusterError(
                    f"the Dask worker {worker} runs policygraph {got[0]} (extractor {got[1]}), "
                    f"not {want[0]} (extractor {want[1]}): install the same version on every worker"
                )

    def _submit(self, fn, item):
        f = self.client.submit(fn, item, pure=False)
        self._ac.add(f)
        return f

    def _collect(self, block: bool) -> None:
        batch = self._ac.next_batch(block=block) if (block or self._ac.has_ready()) else []
        for f in batch:
            self._results[f.key] = f

    def _done(self, pending):
        self._collect(block=False)
        f = pending[0].future
        return f is not None and f.key in self._results

    def _pop(self, fn, pending):
        head = pending[0]
        if not head.ready:
            while head.future.key not in self._results:
                self._collect(block=True)
            f = self._results.pop(head.future.key)
            head.value = self._result(f, head.item)
        pending.popleft()
        return head.item, head.value

    def _result(self, f, item) -> Any:
        from distributed import KilledWorker

        try:
            return f.result()
        except KilledWorker:
            return IngestFailure(item.source, "the Dask workers extracting it died (killed, or out of memory)")
        except PolicygraphError:
            raise
        except Exception as exc:
            if guards.debugging():
                raise
            if f.status == "error":  # the task itself raised (only when debugging on the worker)
                return IngestFailure(item.source, guards.internal_message(exc))
            msg = " ".join(str(exc).split()) or type(exc).__name__
            raise ClusterError(f"lost the Dask cluster: {msg}") from None
        finally:
            f.release()

    def close(self, cancel: bool = False) -> None:
        ac = getattr(self, "_ac", None)
        if ac is not None:
            futures = list(getattr(ac, "futures", ()))
            if futures:  # stopped early: what is still queued on the cluster is dropped
                self.client.cancel(futures)
            ac.clear()
        self._results = {}
        if self._own:
            self.client.close()


def check_dask(address: Any) -> None:
    """``ConfigError`` unless dask.distributed is installed and ``address``
    looks like a scheduler's address (``tcp://host:8786``, ``host:8786``)."""
    try:
        from distributed import Client
        from distributed.comm.addressing import parse_address, parse_host_port
    except ImportError:
        raise ConfigError(
            "--dask needs dask.distributed, which is not installed: pip install 'policygraph[dask]'"
        ) from None
    if isinstance(address, Client):
        return
    try:
        scheme, where = parse_address(str(address))
        if scheme != "inproc":
            parse_host_port(where)
    except ValueError as exc:
        raise ConfigError(f"bad Dask scheduler address {address!r} (use tcp://host:8786): {exc}") from None


def runner(workers: int | None = 1, dask: Any = None, context: dict[str, Any] | None = None) -> Runner:
    """The runner for ``workers`` processes (``None``: every core), or for a
    Dask scheduler address (``dask``; ``workers`` is then ignored).
    ``context``: what worker processes know (see ``_CONTEXT``)."""
    if dask:
        return DaskRunner(dask)
    if workers is None:
        workers = default_workers()
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ConfigError(f"workers must be a whole number of at least 1, not {workers!r}")
    return SerialRunner() if workers == 1 else ProcessRunner(workers, context=context)
