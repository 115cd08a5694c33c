"""Graph stores: an embedded SQLite store (default, no server) and Neo4j."""
from __future__ import annotations

import os
from pathlib import Path

from .base import GraphStore, merge_props

DEFAULT_DB = "policygraph.db"

__all__ = ["GraphStore", "merge_props", "open_store", "DEFAULT_DB"]


def open_store(
    neo4j_uri: str | None = None,
    *,
    db_path: str | os.PathLike | None = None,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> GraphStore:
    """Open the store a user asked for.

    Neo4j when ``neo4j_uri`` (or ``NEO4J_URI``) is given, with credentials from
    the arguments or ``NEO4J_USERNAME``/``NEO4J_PASSWORD``; otherwise the
    embedded store in ``db_path`` (default ``./policygraph.db``).
    """
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from ..guards import check_neo4j_uri
        from .neo4j import Neo4jStore

        check_neo4j_uri(uri)
        return Neo4jStore(
            uri,
            username=username or os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
            database=database or os.environ.get("NEO4J_DATABASE") or None,
        )
    from .sqlite import SQLiteStore

    return SQLiteStore(Path(db_path) if db_path else Path(DEFAULT_DB))
