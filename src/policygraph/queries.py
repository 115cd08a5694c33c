"""The query library: named, parameterised analyst queries, on either store.

Each query is a Cypher file in ``cypher/`` (``cypher/NAME.cypher``; the
header comment says what it answers and gives a ``:param`` line per
parameter, with an example value, for pasting into Neo4j Browser) and one
Python implementation of the same question for the embedded store
(:mod:`policygraph.query_embedded`), which gives the same rows in the same
order (a parity test checks every query on both stores).

    >>> from policygraph.queries import list_queries, run_query
    >>> run_query(store, "who_met_whom", {"person": "강도현"})

``run_query`` runs the Cypher on a Neo4j store and the Python on any other.
``run_cypher_file`` runs a Cypher file of one's own (Neo4j only). Names are
names, never paths: only the library's own queries resolve.
"""
from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .guards import loads_json
from .errors import ConfigError, QueryError

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM_LINE = re.compile(r"^// :param (\w+) => (.+)$", re.M)
_NOT_QUERIES = {"schema"}


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    description: str
    text: str
    examples: dict[str, Any]  # the :param lines' values
    defaults: dict[str, Any] = field(default_factory=dict)  # parameters that may be left out
    required: tuple[str, ...] = ()

    @property
    def params(self) -> list[str]:
        return list(self.examples)


def _root():
    return resources.files("policygraph") / "cypher"


def list_queries() -> list[str]:
    """The names of the library's queries, sorted."""
    names = []
    for p in _root().iterdir():
        if p.name.endswith(".cypher"):
            name = p.name[: -len(".cypher")]
            if name not in _NOT_QUERIES and _NAME.match(name):
                names.append(name)
    return sorted(names)


def load_query(name: str) -> str:
    """The Cypher text of a library query (``name`` is a name, never a path)."""
    if not isinstance(name, str) or not _NAME.match(name) or name in _NOT_QUERIES:
        raise ConfigError(f"'{name}' is not a query name (names are like who_met_whom; for a file use --file)")
    f = _root() / f"{name}.cypher"
    if not f.is_file():
        raise ConfigError(f"no query '{name}' in the library (known: {', '.join(list_queries())})")
    return f.read_text(encoding="utf-8")


def _literal(value: str) -> Any:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


def parse_header(text: str) -> tuple[str, str, dict[str, Any]]:
    """(title, description, example params) from a query's header comment."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip())
    prose = " ".join(x for x in lines if x and not x.startswith(":param"))
    title, _, rest = prose.partition(": ")
    if not rest:
        title, rest = prose.split(".")[0], prose
    examples = {k: _literal(v) for k, v in _PARAM_LINE.findall(text)}
    return title.strip(), prose, examples


def get_query(name: str) -> Query:
    from .query_embedded import IMPLEMENTATIONS

    text = load_query(name)
    title, description, examples = parse_header(text)
    defaults: dict[str, Any] = {}
    required: list[str] = []
    fn = IMPLEMENTATIONS.get(name)
    if fn is not None:
        for p in list(inspect.signature(fn).parameters.values())[1:]:
            if p.default is inspect.Parameter.empty:
                required.append(p.name)
            else:
                defaults[p.name] = p.default
    else:
        required = list(examples)
    return Query(name, title, description, text, examples, defaults, tuple(required))


def parse_params(pairs: list[str]) -> dict[str, Any]:
    """``key=value`` strings; values parsed as JSON when they are JSON (numbers, lists)."""
    params: dict[str, Any] = {}
    for p in pairs:
        if "=" not in p:
            raise ConfigError(f"parameter '{p}' is not key=value")
        k, v = p.split("=", 1)
        k = k.strip()
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", k):
            raise ConfigError(f"parameter name '{k}' is not a name")
        try:
            params[k] = loads_json(v)  # depth-limited: never a RecursionError
        except ValueError:
            params[k] = v
    return params


def bind(query: Query, params: dict[str, Any]) -> dict[str, Any]:
    """The parameters a run gets: the given ones, checked, plus defaults."""
    unknown = sorted(set(params) - set(query.examples) - set(query.defaults))
    if unknown:
        raise ConfigError(
            f"query {query.name}: unknown parameter(s) {', '.join(unknown)} "
            f"(it takes {', '.join(query.params) or 'none'})"
        )
    missing = [p for p in query.required if p not in params]
    if missing:
        ex = " ".join(f"-p {p}={json.dumps(query.examples.get(p), ensure_ascii=False)}" for p in missing)
        raise ConfigError(f"query {query.name} needs {', '.join(missing)} (for example: {ex})")
    out = dict(query.defaults)
    out.update(params)
    for k, v in out.items():
        ex = query.examples.get(k, query.defaults.get(k))
        if isinstance(ex, int) and not isinstance(ex, bool):
            if isinstance(v, str) and re.fullmatch(r"-?\d+", v.strip()):
                v = int(v)
            if not isinstance(v, int) or isinstance(v, bool):
                raise ConfigError(f"query {query.name}: parameter {k} must be a whole number, not {v!r}")
            out[k] = v
        elif isinstance(ex, str) and not isinstance(v, str):
            out[k] = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)
    return out


def run_query(store, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a library query on ``store``: Cypher on Neo4j, its Python twin elsewhere."""
    from .query_embedded import IMPLEMENTATIONS, GraphView

    q = get_query(name)
    bound = bind(q, params or {})
    if hasattr(store, "run_with_summary"):  # Neo4j
        return store.run(q.text, **bound)
    fn = IMPLEMENTATIONS.get(name)
    if fn is None:  # pragma: no cover - the tests check every query has one
        raise QueryError(f"query {name} has no embedded implementation; run it on Neo4j")
    return fn(GraphView.of(store), **bound)


def run_cypher_file(store, path: str | Path, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a Cypher file of one's own on a Neo4j store (the embedded store runs library queries only)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{p}: cannot read: {e.strerror or e}") from None
    if not hasattr(store, "run_with_summary"):
        raise QueryError(
            f"{p}: a Cypher file needs Neo4j (--neo4j URI or NEO4J_URI); the embedded store runs the "
            "library's queries (policygraph query --list)"
        )
    from .stores.neo4j import split_statements

    statements = split_statements(text)
    if len(statements) != 1:
        raise ConfigError(f"{p}: expected one Cypher statement, found {len(statements)}")
    return store.run(statements[0], **(params or {}))
