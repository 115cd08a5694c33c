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


__all__ = ["__version__", "PolicygraphError", "Article", "Entity", "Extraction", "Relation", "Span", "open",
           "examples_dir"]


def open(path_or_uri=None, **kwargs):  # noqa: A001 - policygraph.open(...) reads naturally
    """Open a graph for analysis in a notebook: see :func:`policygraph.notebook.open`."""
    from .notebook import open as _open

    return _open(path_or_uri, **kwargs)


def examples_dir():
    """The bundled examples folder: see :func:`policygraph.notebook.examples_dir`."""
    from .notebook import examples_dir as _examples_dir

    return _examples_dir()
