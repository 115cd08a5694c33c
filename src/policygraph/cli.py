"""The ``policygraph`` command: a thin layer over the library.

Every library error becomes one line on stderr and a non-zero exit code; set
``POLICYGRAPH_DEBUG=1`` to see tracebacks.
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

from .errors import PolicygraphError

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


def _err(msg: str, code: int = 1) -> "typer.Exit":
    typer.echo(f"policygraph: error: {msg}", err=True)
    return typer.Exit(code)


@contextlib.contextmanager
def _errors():
    """Library errors -> one line on stderr and exit code 1 (also under CliRunner)."""
    try:
        yield
    except PolicygraphError as exc:
        if os.environ.get("POLICYGRAPH_DEBUG"):
            raise
        raise _err(str(exc)) from None


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


def _where(store) -> str:
    return store.describe()


VerboseOpt = typer.Option(0, "--verbose", "-v", count=True, help="Say more on stderr: -v what happens, -vv every article.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar, only errors on stderr.")


@app.command()
def load(
    paths: List[Path] = PathsArg,
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    overrides: Optional[Path] = OverridesOpt,
    force: bool = typer.Option(False, "--force", help="Re-extract and rewrite articles even when unchanged."),
    quiet: bool = QuietOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Ingest -> extract -> resolve -> store, with a progress bar (total, rate,
    time left; only on a terminal) and a summary."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.markup import escape
    from rich.text import Text

    from . import pipeline
    from .ingest import count_records

    if quiet or verbose:
        _setup_logging(verbose, quiet)
    quiet = quiet or _LOGGING["quiet"]

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f}/s" if speed else "–/s", style="progress.data.speed")

    with _errors():
        ov = _overrides(overrides)
    console = _console(stderr=True)
    show_bar = not quiet and console.is_terminal
    total = count_records(paths) if show_bar else None
    if total is not None:
        log.info("%d articles or files to read", total)
    with _errors(), _store(db, neo4j, user, password) as store:
        log.info("store: %s", store.describe())
        with Progress(
            TextColumn("[bold]loading"),
            BarColumn(),
            MofNCompleteColumn(),
            Rate(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=console,
            disable=not show_bar,
            transient=True,
        ) as bar:
            task = bar.add_task("starting", total=total)

            def progress(kind, item):
                name = os.path.basename(str(getattr(item, "source", "")))
                if kind == "reading":  # extracting it now (the first Korean one loads the analyser)
                    bar.update(task, description=name)
                    return
                if kind == "failed":
                    bar.console.print(f"[red]failed[/red] {escape(str(item))}", highlight=False, markup=True)
                bar.update(task, advance=1, description=name)
                t = bar.tasks[0]
                if t.total is not None and t.completed > t.total:  # a file held more than counted
                    bar.update(task, total=t.completed)

            report = pipeline.load(paths, store, overrides=ov, force=force, progress=progress)
        where = _where(store)
    for f in report.failures:
        typer.echo(f"policygraph: failed: {f}", err=True)
    typer.echo(f"store: {where}")
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    paths: List[Path] = PathsArg,
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one article per line), json (one array) or table (for reading)."),
    overrides: Optional[Path] = OverridesOpt,
) -> None:
    """Print entities and relations with character offsets; touches no store."""
    from . import pipeline

    if fmt not in ("jsonl", "json", "table"):
        raise _err(f"unknown format '{fmt}' (use jsonl, json or table)")
    failures = []
    with _errors():
        exs = pipeline.extract_paths(paths, _overrides(overrides), on_failure=failures.append)
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
    for f in failures:
        typer.echo(f"policygraph: failed: {f}", err=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def export(
    fmt: str = typer.Option(
        "turtle", "--format", "-f",
        help="RDF: turtle, jsonld or nt. html: an interactive page (offline, self-contained). "
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
        raise _err("--entity and --with-articles apply to --format html, gexf or graphml")
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

    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        render.stats(_console(), views.stats_view(store, top=top))


@app.command()
def query(
    name: str = typer.Argument(..., help="A query of cypher/ by file name without .cypher (e.g. entity_neighbourhood)."),
    param: List[str] = typer.Option([], "--param", "-p", help="key=value (value parsed as JSON when possible)."),
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
) -> None:
    """Run one of the parameterised queries of cypher/ against Neo4j; prints JSON lines."""
    from .queries import load_query

    if not (neo4j or os.environ.get("NEO4J_URI")):
        raise _err("query needs Neo4j: pass --neo4j URI or set NEO4J_URI")
    params = {}
    for p in param:
        if "=" not in p:
            raise _err(f"--param '{p}' is not key=value")
        k, v = p.split("=", 1)
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    with _errors():
        text = load_query(name)
    with _errors(), _store(None, neo4j, user, password) as store:
        for row in store.run(text, **params):
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))


def _require_db(db: Optional[Path], neo4j: Optional[str]) -> None:
    from .stores import DEFAULT_DB

    if neo4j or os.environ.get("NEO4J_URI"):
        return
    path = db or Path(DEFAULT_DB)
    if not Path(path).exists():
        raise _err(f"{path}: no such store (run 'policygraph load PATH...' first, or pass --db / --neo4j)")


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


_LOGGING = {"quiet": False, "handler": None}


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
) -> None:
    _setup_logging(verbose, quiet)


def main() -> None:
    """Entry point: library errors become one line and exit code 1."""
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)
    try:
        # standalone: click handles --help, usage errors and exit codes itself
        app()
    except PolicygraphError as exc:
        typer.echo(f"policygraph: error: {exc}", err=True)
        sys.exit(1)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as exc:  # anything unexpected: one line, unless debugging
        if os.environ.get("POLICYGRAPH_DEBUG"):
            raise
        typer.echo(f"policygraph: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)
