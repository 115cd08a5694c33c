"""policygraph: government press releases and news about government events,
turned into a knowledge graph (embedded store, Neo4j, RDF, networkx)."""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import PolicygraphError  # noqa: E402
from .models import Article, Entity, Extraction, Relation, Span  # noqa: E402

__all__ = ["__version__", "PolicygraphError", "Article", "Entity", "Extraction", "Relation", "Span"]
