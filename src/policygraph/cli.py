"""The ``policygraph`` command: a thin layer over the library.

Every library error becomes one line on stderr and a non-zero exit code; set
``POLICYGRAPH_DEBUG=1`` to see tracebacks.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .errors import PolicygraphError

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

    return open_store(neo4j, db_path=db, username=user, password=password)


def _overrides(path: Optional[Path]):
    from .resolve import Overrides

    if path is None:
        default = Path("policygraph.overrides.toml")
        path = default if default.exists() else None
    return Overrides.load(path)


def _where(store) -> str:
    return store.describe()


@app.command()
def load(
    paths: List[Path] = PathsArg,
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    overrides: Optional[Path] = OverridesOpt,
    force: bool = typer.Option(False, "--force", help="Re-extract and rewrite articles even when unchanged."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Ingest -> extract -> resolve -> store, with a progress bar and a summary."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from . import pipeline

    with _errors():
        ov = _overrides(overrides)
    console = Console(stderr=True)
    with _errors(), _store(db, neo4j, user, password) as store:
        with Progress(
            TextColumn("[bold]loading"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            disable=quiet or not console.is_terminal,
            transient=True,
        ) as bar:
            task = bar.add_task("", total=None)

            def progress(kind, item):
                if kind == "failed":
                    bar.console.print(f"[red]failed[/red] {item}", highlight=False, markup=True)
                bar.update(task, advance=1, description=str(getattr(item, "source", "")))

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
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one article per line) or json (one array)."),
    overrides: Optional[Path] = OverridesOpt,
) -> None:
    """Print entities and relations with character offsets; touches no store."""
    from . import pipeline

    if fmt not in ("jsonl", "json"):
        raise _err(f"unknown format '{fmt}' (use jsonl or json)")
    failures = []
    with _errors():
        exs = pipeline.extract_paths(paths, _overrides(overrides), on_failure=failures.append)
    out = sys.stdout
    if fmt == "jsonl":
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
    fmt: str = typer.Option("turtle", "--format", "-f", help="turtle, jsonld or nt."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default stdout)."),
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
) -> None:
    """Write the stored graph as RDF (schema.org + PROV-O + the pg: vocabulary)."""
    from .export import export_rdf

    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        if out is None:
            export_rdf(store, fmt, sys.stdout.buffer)
        else:
            export_rdf(store, fmt, out)
            typer.echo(f"wrote {out}", err=True)


@app.command()
def show(
    entity: str = typer.Argument(..., help="An entity id (org:msit) or a name or alias (박윤규, MSIT)."),
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
) -> None:
    """An entity with its aliases, the articles and spans behind each alias,
    its relationships, and why the resolver merged what it merged."""
    from .explain import explain

    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        typer.echo(explain(store, entity))


@app.command()
def stats(
    db: Optional[Path] = DbOpt,
    neo4j: Optional[str] = Neo4jOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
) -> None:
    """Node and relationship counts of the store."""
    _require_db(db, neo4j)
    with _errors(), _store(db, neo4j, user, password) as store:
        c = store.counts()
        typer.echo(f"store: {_where(store)}")
        typer.echo("nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(c["nodes"].items())))
        typer.echo("relationships: " + ", ".join(f"{k} {v}" for k, v in sorted(c["relationships"].items())))


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
        raise _err(f"unknown format '{fmt}' (use jsonl or json)")
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
        raise _err("give a query name (policygraph query --list) or --file PATH, not both")
    with _errors():
        params = parse_params(param)
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
        raise _err(f"{path}: no such store (run 'policygraph load PATH...' first, or pass --db / --neo4j)")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"policygraph {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Show the version."),
) -> None:
    pass


def main() -> None:
    """Entry point: library errors become one line and exit code 1."""
    import logging

    # the Neo4j driver logs connection retries to stderr; our errors say it in one line
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
