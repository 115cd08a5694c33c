"""The parameterised Cypher queries of ``cypher/`` for Python callers:
``load_query("entity_neighbourhood")`` and ``list_queries()``."""
from __future__ import annotations

from importlib import resources

from .errors import ConfigError


def list_queries() -> list[str]:
    root = resources.files("policygraph") / "cypher"
    return sorted(p.name[: -len(".cypher")] for p in root.iterdir() if p.name.endswith(".cypher") and p.name != "schema.cypher")


def load_query(name: str) -> str:
    root = resources.files("policygraph") / "cypher"
    f = root / f"{name}.cypher"
    if not f.is_file():
        raise ConfigError(f"no query '{name}' in cypher/ (known: {', '.join(list_queries())})")
    return f.read_text(encoding="utf-8")
