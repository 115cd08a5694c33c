"""policygraph: government press releases and news about government events,
turned into a knowledge graph (embedded store, Neo4j, RDF, networkx)."""
from __future__ import annotations

from .errors import PolicygraphError  # noqa: E402
from .models import Article, Entity, Extraction, Relation, Span  # noqa: E402


def __getattr__(name: str) -> str:
    # the version comes from the installed package's metadata, read on first use
    # (importlib.metadata costs start-up time that most commands do not need)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("policygraph")
        except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
            v = "0+unknown"
        globals()["__version__"] = v
        return v
    raise AttributeError(f"module 'policygraph' has no attribute {name!r}")


__all__ = ["__version__", "PolicygraphError", "Article", "Entity", "Extraction", "Relation", "Span"]
