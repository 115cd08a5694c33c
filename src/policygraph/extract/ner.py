"""General named-entity recognition for Korean text: persons, organisations and
places that the press-event rules (titles, suffixes, quotes, lists) did not
find. Runs after those rules and only on spans nobody claimed."""
from __future__ import annotations


def general_mentions(ex) -> None:
    """Add Person/Organization/Place mentions for unclaimed names in ``ex.text``."""
    return None
