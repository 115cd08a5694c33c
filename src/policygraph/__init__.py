"""policygraph: government press releases and news about government events,
turned into a knowledge graph (embedded store, Neo4j, RDF, networkx)."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("policygraph")
except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
    __version__ = "0+unknown"

from .errors import PolicygraphError  # noqa: E402
from .models import Article, Entity, Extraction, Relation, Span  # noqa: E402

__all__ = ["__version__", "PolicygraphError", "Article", "Entity", "Extraction", "Relation", "Span"]
