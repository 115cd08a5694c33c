"""Imported by the fork server of ``parallel.ProcessRunner`` (and nothing
else): builds the extractor's data once, so that every worker forked from it
shares those pages."""
from .parallel import warm

warm()
