"""The ``policygraph`` command: a thin layer over the library.

Every library error becomes one line on stderr and a non-zero exit code; pass
``--debug`` (or set ``POLICYGRAPH_DEBUG=1``) to see tracebacks.

Exit codes: 0 everything done (every input stored); 1 some inputs failed (the
rest stored) or another error; 2 usage error (bad option, URI, override file);
3 the store cannot be reached, opened or written; 130 interrupted.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import guards
from .errors import ConfigError, PolicygraphError, StoreError

EXIT_FAILED, EXIT_USAGE, EXIT_STORE, EXIT_INTERRUPTED = 1, 2, 3, 130

log = logging.getLogger("policygraph.cli")

app = typer.Typer(
    name="policygraph",
    help="Turn government press releases and news about government events into a knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathsArg = typer.Argument(..., help="Files or folders (read recursively): .txt .html .htm .json .jsonl")
DbOpt = typer.Option(None, "--db", help="Embedded store file (default ./policygraph.db).", envvar="POLICYGRAPH_DB")
Neo4jOpt = typer.Option(None, "--neo4j", help="Neo4j URI (bolt://host:7687); default $NEO4J_URI. Uses the embedded store when unset.")
UserOpt = typer.Option(None, "--user", help="Neo4j user (default $NEO4J_USERNAME or neo4j).")
PasswordOpt = typer.Option(None, "--password", help="Neo4j password (default $NEO4J_PASSWORD).", hide_input=True)
OverridesOpt = typer.Option(
    None, "--overrides", help="Resolver override file (TOML: 'merge' and 'split' tables of ids); default ./policygraph.overrides.toml if present."
)


def _err(msg: str, code: int = EXIT_FAILED) -> "typer.Exit":
    typer.echo(f"policygraph: error: {guards.printable(msg, 2000)}", err=True)
    if code == EXIT_INTERRUPTED:
        _LOGGING["interrupt_said"] = True
    return typer.Exit(code)


def exit_code(exc: BaseException) -> int:
    """The exit code of a library error (see the module doc)."""
    from .pipeline import LoadInterrupted

    if isinstance(exc, LoadInterrupted):
        return EXIT_INTERRUPTED
    if isinstance(exc, ConfigError):
        return EXIT_USAGE
    if isinstance(exc, StoreError):
        return EXIT_STORE
    return EXIT_FAILED


@contextlib.contextmanager
def _errors():
    """Library errors -> one line on stderr and their exit code (also under CliRunner)."""
    try:
        yield
    except PolicygraphError as exc:
        if guards.debugging():
            raise
        raise _err(str(exc), exit_code(exc)) from None


def _check_uri(neo4j: Optional[str]) -> None:
    """A Neo4j URI (option or NEO4J_URI) is checked before anything runs."""
    uri = neo4j or os.environ.get("NEO4J_URI")
    if uri:
        with _errors():
            guards.check_neo4j_uri(uri)


def _store(db: Optional[Path], neo4j: Optional[str], user: Optional[str], password: Optional[str]):
    from .stores import open_store

    if neo4j or os.environ.get("NEO4J_URI"):
        _import_neo4j_driver()
    return open_store(neo4j, db_path=db, username=user, password=password)


def _import_neo4j_driver() -> None:
    """Import the Neo4j driver without its optional pandas, numpy and pyarrow.

    When they are installed the driver imports them at once (for
    ``Result.to_df``), which costs the CLI over a second per command and is
    never used by it. They are hidden only while the driver loads; importing
    them later in the same process works as usual.
    """
    if "neo4j" in sys.modules:
        return
    hidden = [m for m in ("pandas", "pyarrow", "numpy") if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None  # type: ignore[assignment]  # makes 'import m' fail fast
    try:
        import neo4j  # noqa: F401
    except ImportError:  # pragma: no cover - a dependency; open_store says so
        pass
    finally:
        for m in hidden:
            if sys.modules.get(m, 0) is None:
                del sys.modules[m]


def _print_failure(f, console=None) -> None:
    """One failure, once, on one line (never wrapped, even when not a terminal)."""
    line = f"policygraph: failed: {guards.printable(f.source, 500)}: {guards.printable(f.message, 1000)}"
    if console is not None and console.is_terminal:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        typer.echo(line, err=True)


def _overrides(path: Optional[Path]):
    from .resolve import Overrides

    if path is None:
        default = Path("policygraph.overrides.toml")
        path = default if default.exists() else None
    return Overrides.load(path)


def _console(stderr: bool = False):
    """A rich console; on a pipe plain text, 120 columns wide."""
    from rich.console import Console

    c = Console(stderr=stderr, highlight=False)
    if not c.is_terminal:
        c = Console(stderr=stderr, highlight=False, width=120)
    return c


def _check_workers(workers: Optional[int], dask: Optional[str]) -> None:
    if workers is not None and workers < 1:
        raise _err(f"--workers must be 1 or more, not {workers}", EXIT_USAGE)
    if dask:
        from .parallel import check_dask

        with _errors():
            check_dask(dask)


def _where(store) -> str:
    return store.describe()


VerboseOpt = typer.Option(0, "--verbose", "-v", count=True, help="Say more on stderr: -v what happens, -vv every article.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar, only errors on stderr.")
WorkersOpt = typer.Option(
    None, "--workers", "-j",
    help="Extract in this many processes (default: one per core); the output is the same for any number.",
)
DaskOpt = typer.Option(
    None, "--dask", metavar="SCHEDULER",
    help="Extract on a Dask cluster (tcp://host:8786; pip install 'policygraph[dask]'); the store is written here.",
)


class _ProgressBar:
    """The progress bar of ``load`` and ``extract`` (a context manager and the
    ``progress(kind, item)`` callback of the pipeline): the total counted up
    front, done/total, rate, elapsed time and time left, the file at hand.
    Only on a terminal and without ``--quiet``; failures are printed above it."""

    def __init__(self, verb: str, paths: list[Path], quiet: bool):
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        from .ingest import count_records

        class Rate(ProgressColumn):
            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.1f}/s" if speed else "–/s", style="progress.data.speed")

        console = _console(stderr=True)
        self.live = not quiet and console.is_terminal
        total = count_records(paths) if self.live else None
        if total is not None:
            log.info("%d articles or files to read", total)
        self.bar = Progress(
            TextColumn(f"[bold]{verb}"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
            TextColumn("eta"), TimeRemainingColumn(), TextColumn("{task.description}"),
            console=console, disable=not self.live, transient=True,
        )
        self.task = self.bar.add_task("starting", total=total)

    def __enter__(self) -> "_ProgressBar":
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(*exc)

    def __call__(self, kind: str, item: object) -> None:
        bar, task = self.bar, self.task
        name = os.path.basename(str(getattr(item, "source", "")))
        if kind == "reading":  # extracting it now (the first Korean one loads the analyser)
            bar.update(task, description=name)
            return
        if kind == "failed":
            _print_failure(item, bar.console if self.live else None)
        bar.update(task, advance=1, description=guards.printable(name, 200))
        t = bar.tasks[0]
        if t.total is not None and t.completed > t.total:  # a file held more than counted
            bar.update(task, total=t.completed)


@app.command()
def load(
    paths: List[Path] = PathsArg,
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    overrides: Optional[Path] = OverridesOpt,
    force: bool = typer.Option(False, "--force", help="Re-extract and rewrite articles even when unchanged."),
    workers: Optional[int] = WorkersOpt,
    dask: Optional[str] = DaskOpt,
    quiet: bool = QuietOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Ingest -> extract -> resolve -> store, with a progress bar (total, rate,
    time left; only on a terminal) and a summary."""
    from . import pipeline

    if quiet or verbose:
        _setup_logging(verbose, quiet)
    quiet = quiet or _LOGGING["quiet"]
    _check_uri(neo4j)
    _check_workers(workers, dask)
    with _errors():
        ov = _overrides(overrides)
    interrupted = None
    with _errors(), _store(db, neo4j, user, password) as store:
        log.info("store: %s", store.describe())
        with _ProgressBar("loading", paths, quiet) as progress:
            try:
                report = pipeline.load(paths, store, overrides=ov, force=force, progress=progress,
                                       workers=workers, dask=dask)
            except pipeline.LoadInterrupted as exc:
                interrupted, report = exc, exc.report
        where = _where(store)
    if interrupted is not None:
        typer.echo(f"policygraph: {interrupted}", err=True)
        _LOGGING["interrupt_said"] = True
        raise typer.Exit(EXIT_INTERRUPTED)
    typer.echo(f"store: {where}")
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(EXIT_FAILED)


@app.command("extract")
def extract_cmd(
    paths: List[Path] = PathsArg,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one article per line), json (one array) or table (for reading)."),
    overrides: Optional[Path] = OverridesOpt,
    workers: Optional[int] = WorkersOpt,
    dask: Optional[str] = DaskOpt,
    quiet: bool = QuietOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Print entities and relations with character offsets; touches no store.
    A progress bar (total, rate, time left) on a terminal's stderr."""
    from . import pipeline

    if quiet or verbose:
        _setup_logging(verbose, quiet)
    quiet = quiet or _LOGGING["quiet"]
    if fmt not in ("jsonl", "json", "table"):
        raise _err(f"unknown format '{fmt}' (use jsonl, json or table)", EXIT_USAGE)
    _check_workers(workers, dask)
    failures = []
    with _errors():
        ov = _overrides(overrides)
    with _errors(), _ProgressBar("extracting", paths, quiet) as progress:
        exs = pipeline.extract_paths(paths, ov, on_failure=failures.append, workers=workers, dask=dask,
                                     progress=progress)
    out = sys.stdout
    if fmt == "table":
        from . import render

        render.extractions(_console(), exs)
    elif fmt == "jsonl":
        for x in exs:
            out.write(json.dumps(x.to_dict(), ensure_ascii=False) + "\n")
    else:
        json.dump([x.to_dict() for x in exs], out, ensure_ascii=False, indent=2)
        out.write("\n")
    if failures:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def export(
    fmt: str = typer.Option(
        "turtle", "--format", "-f",
        help="RDF: turtle, nt, nquads or jsonld. html: an interactive page (offline, self-contained). "
        "gexf or graphml: for Gephi.",
    ),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default stdout)."),
    entity: Optional[str] = typer.Option(
        None, "--entity", "-e", help="html/gexf/graphml: only the neighbourhood of this entity (any name, alias or id)."
    ),
    depth: int = typer.Option(2, "--depth", help="html/gexf/graphml with --entity: how many steps around it."),
    articles: bool = typer.Option(False, "--with-articles", help="html/gexf/graphml: include Article nodes."),
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
) -> None:
    """Write the stored graph as RDF (schema.org + PROV-O + the pg: vocabulary),
    as an interactive HTML page, or as GEXF / GraphML."""
    networks = ("html", "gexf", "graphml")
    if fmt not in networks and (entity or articles):
        raise _err("--entity and --with-articles apply to --format html, gexf or graphml", EXIT_USAGE)
    _check_uri(neo4j)
    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        if fmt in networks:
            from . import htmlview

            labels = None if articles else htmlview.DEFAULT_LABELS
            if fmt == "html":
                page = htmlview.view(store, entity, depth=depth, labels=labels)
                if out is None:
                    sys.stdout.write(page.html)
                else:
                    page.save(out)
                log.info("%d nodes, %d relationships", page.nodes, page.edges)
            else:
                htmlview.write_network(store, fmt, out if out is not None else sys.stdout.buffer,
                                       entity=entity, depth=depth, labels=labels)
        else:
            from .export import export_rdf

            export_rdf(store, fmt, sys.stdout.buffer if out is None else out)
    if out is not None and not _LOGGING["quiet"]:
        typer.echo(f"wrote {out}", err=True)


@app.command()
def show(
    what: str = typer.Argument(
        ..., metavar="ENTITY_OR_ARTICLE",
        help="An id (org:msit, article:...), a name or alias in either language, any case (박윤규, MSIT, kang), "
        "or an article's id, title or file.",
    ),
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    max_shown: int = typer.Option(3, "--max", help="Show at most this many when several entities match."),
) -> None:
    """An article (title, date, source, entities by type, relations, events,
    quotes) or an entity (names, positions over time, events, co-participants,
    quotes, articles, and why the resolver merged what it merged)."""
    from . import render, views

    _check_uri(neo4j)
    _require_db(db, neo4j)
    console = _console()
    with _errors(), _store(db, neo4j, user, password) as store:
        found = views.find(store, what)
        for i, node in enumerate(found[: max(1, max_shown)]):
            if i:
                console.rule()
            if node.label == "Article":
                render.article(console, views.article_view(store, node))
            else:
                render.entity(console, views.entity_view(store, node))
        if len(found) > 1:
            console.rule()
            render.several(console, what, found, max(1, max_shown))


@app.command()
def stats(
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    top: int = typer.Option(5, "--top", help="How many of the most written-about entities to list per type (0: none)."),
) -> None:
    """Counts of nodes and relationships by type, and the entities the most articles name."""
    from . import render, views

    _check_uri(neo4j)
    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        render.stats(_console(), views.stats_view(store, top=top))


@app.command()
def query(
    name: Optional[str] = typer.Argument(None, help="A query of the library by name (see --list), e.g. who_met_whom."),
    param: List[str] = typer.Option([], "--param", "-p", help="key=value (value parsed as JSON when possible)."),
    list_: bool = typer.Option(False, "--list", "-l", help="List the library's queries with their parameters."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Run the Cypher of this file instead (Neo4j only)."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl (one row per line) or json (one array)."),
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
) -> None:
    """Run a named, parameterised query of the library on either store (same
    answer on both), or a Cypher file of your own on Neo4j; prints JSON lines."""
    from .queries import get_query, list_queries, parse_params, run_cypher_file, run_query

    if fmt not in ("jsonl", "json"):
        raise _err(f"unknown format '{fmt}' (use jsonl or json)", EXIT_USAGE)
    if list_:
        with _errors():
            for n in list_queries():
                q = get_query(n)
                params = " ".join(
                    f"{k}={json.dumps(v, ensure_ascii=False)}" if k in q.required
                    else f"[{k}={json.dumps(q.defaults.get(k, v), ensure_ascii=False)}]"
                    for k, v in q.examples.items()
                )
                typer.echo(f"{n:28} {params}")
                typer.echo(f"{'':28} {q.title}")
        return
    if (name is None) == (file is None):
        raise _err("give a query name (policygraph query --list) or --file PATH, not both", EXIT_USAGE)
    with _errors():
        params = parse_params(param)
        if name is not None:
            get_query(name)  # an unknown name is said before any store is opened
    _check_uri(neo4j)
    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        if file is not None:
            rows = run_cypher_file(store, file, params)
        else:
            rows = run_query(store, name, params)
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, default=str, indent=2))
    else:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))


@app.command("sparql")
def sparql_cmd(
    text: Optional[str] = typer.Argument(None, help="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE), or the name of a library query (--list); or --file."),
    file: Optional[Path] = typer.Option(None, "--file", help="Read the query from this file (.rq)."),
    list_: bool = typer.Option(False, "--list", help="List the library's named queries and their parameters."),
    param: List[str] = typer.Option([], "--param", "-p", help="?key bound to a value: key=text, key=42, key='<iri>', key='\"이름\"@ko'."),
    node: List[str] = typer.Option([], "--node", "-n", help="?key bound to the graph node with this id: key=org:msit."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv or json (SPARQL 1.1 results)."),
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
) -> None:
    """Run a SPARQL query on the graph, no server needed (pyoxigraph; the RDF of
    docs/vocabulary.md, cached beside the store file and rebuilt when the graph
    changed). Prefixes pg: schema: rdfs: skos: owl: xsd: prov: dcterms: wd: id: are predeclared."""
    from . import sparql

    if list_:
        with _errors():
            for q in sparql.library().values():
                params = " ".join(f"{'-n' if kind == 'node' else '-p'} {k}={v}" for k, (kind, v) in q.examples.items())
                typer.echo(f"{q.name}{'  ' + params if params else ''}\n    {q.question}")
        return
    if (text is None) == (file is None):
        raise _err("give a query or --file FILE (one of them)")
    if text is not None and text.strip() and all(c.isalnum() or c == "_" for c in text.strip()):
        with _errors():
            text = sparql.library_query(text.strip()).text
    if fmt not in sparql.OUTPUT_FORMATS:
        raise _err(f"unknown format '{fmt}' (use {', '.join(sparql.OUTPUT_FORMATS)})")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise _err(f"{file}: cannot read: {getattr(e, 'strerror', None) or e}")
    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        params = sparql.parse_params(param, node, store=store)
        result = sparql.query(store, text, params)
    sparql.write_result(result, fmt, sys.stdout)

@app.command()
def browser(
    db: Optional[Path] = DbOpt,
    state_dir: Optional[Path] = typer.Option(
        None, "--state-dir", help="State dir of the local Neo4j (default .neo4j-local/ in the repository)."),
    open_: bool = typer.Option(False, "--open", help="Also open the URL in a web browser."),
) -> None:
    """Neo4j Browser on the graph just loaded: starts the project's local Neo4j
    (docker/neo4j_local.py; Java 17 and Maven), copies the embedded store's
    graph into it and prints the Browser URL (user neo4j, password
    $NEO4J_PASSWORD or the launcher's dev default)."""
    from .browser import open_browser_on

    _require_db(db, None)
    from .stores.sqlite import SQLiteStore
    from .stores import DEFAULT_DB

    with _errors(), SQLiteStore(db or Path(DEFAULT_DB)) as store:
        server, n = open_browser_on(store, state_dir)
    typer.echo(f"copied {n} articles into Neo4j at {server.uri}")
    if not server.browser:
        raise _err("the local Neo4j runs without HTTP, so there is no Browser (restart it without --http-port off)")
    typer.echo(f"Neo4j Browser: {server.browser}")
    if open_:
        import webbrowser

        webbrowser.open(server.browser)


def _require_db(db: Optional[Path], neo4j: Optional[str]) -> None:
    from .stores import DEFAULT_DB

    if neo4j or os.environ.get("NEO4J_URI"):
        return
    path = db or Path(DEFAULT_DB)
    if not Path(path).exists():
        raise _err(f"{path}: no such store (run 'policygraph load PATH...' first, or pass --db / --neo4j)", EXIT_STORE)


def version_callback(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"policygraph {__version__}")
        raise typer.Exit()


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time, so that messages go
    above a live progress bar (which redirects stderr) and into test runners."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # pragma: no cover
            self.handleError(record)


_LOGGING = {"quiet": False, "handler": None, "interrupt_said": False}


def _setup_logging(verbose: int = 0, quiet: bool = False) -> None:
    """Level of the ``policygraph`` loggers: errors only (-q), warnings (default),
    info (-v) or debug (-vv). Messages go to stderr as ``policygraph: level: ...``."""
    level = logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logger = logging.getLogger("policygraph")
    if _LOGGING["handler"] is not None:
        logger.removeHandler(_LOGGING["handler"])
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("policygraph: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
    _LOGGING.update(quiet=quiet, handler=handler)
    # the Neo4j driver logs connection retries to stderr; our errors say it in one line
    logging.getLogger("neo4j").setLevel(logging.DEBUG if verbose >= 3 else logging.CRITICAL)


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Show the version."),
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of errors (same as POLICYGRAPH_DEBUG=1)."),
) -> None:
    if debug:
        os.environ["POLICYGRAPH_DEBUG"] = "1"
    _setup_logging(verbose, quiet)


def main() -> None:
    """Entry point: library errors become one line and their exit code; Ctrl-C
    at any point gives one line and exit code 130, never a traceback."""
    import signal

    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    try:
        _main()
    finally:
        # the command is over (done, failed or stopped): a Ctrl-C from now on is
        # ignored, since Python gives SIGINT back its default action while it
        # shuts down and the process would die of it without a word
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _main() -> None:
    try:
        # standalone: click handles --help, usage errors and exit codes itself
        # (typer turns a Ctrl-C it meets into a silent exit 130)
        app()
    except SystemExit as exc:
        if exc.code == EXIT_INTERRUPTED and not _LOGGING["interrupt_said"]:
            typer.echo("policygraph: interrupted", err=True)
        raise
    except PolicygraphError as exc:
        if guards.debugging():
            raise
        typer.echo(f"policygraph: error: {guards.printable(exc, 2000)}", err=True)
        sys.exit(exit_code(exc))
    except KeyboardInterrupt:
        typer.echo("policygraph: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # anything unexpected: one line, unless debugging
        if guards.debugging():
            raise
        typer.echo(f"policygraph: {guards.printable(guards.internal_message(exc), 2000)}", err=True)
        sys.exit(EXIT_FAILED)
