"""Imported by the fork server of ``parallel.ProcessRunner`` (and nothing
else): builds the extractor's data once, so that every worker forked from it
shares those pages."""
from .parallel import warm

try:
    warm()
except Exception:  # noqa: BLE001 - the workers try again; each article then says what is wrong
    pass
