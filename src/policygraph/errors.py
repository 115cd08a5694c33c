"""The library's one exception hierarchy. The CLI turns any of these into a
one-line message and a non-zero exit code."""
from __future__ import annotations


class PolicygraphError(Exception):
    """Base of every error policygraph raises on purpose."""


class IngestError(PolicygraphError):
    """A file or record could not be read as an article. ``source`` names it."""

    def __init__(self, source: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class ExtractionError(PolicygraphError):
    """Extraction failed on one article."""


class StoreError(PolicygraphError):
    """A graph store could not be opened, read or written."""


class StoreConnectionError(StoreError):
    """The store's server could not be reached or refused the credentials."""


class ConfigError(PolicygraphError):
    """Bad option, override file or environment setting."""


class ExportError(PolicygraphError):
    """An export could not be written."""


class SparqlError(PolicygraphError):
    """A SPARQL query could not be parsed or run, or a parameter is not an RDF term."""


class QueryError(PolicygraphError):
    """A query cannot run where it was asked to run."""


class NotFoundError(PolicygraphError):
    """No entity, query or file answers to the name given (the message suggests close ones)."""


class ClusterError(PolicygraphError):
    """The Dask cluster extracting articles could not be reached or was lost."""
