"""Dates for events: which date mention of a sentence belongs to an event.

Date expressions themselves are found and resolved by ``policygraph.dates``
(``find_dates``); this module only reconciles them with an event's name.
"""
from __future__ import annotations

import re

from ..dates import DateMention, find_dates

__all__ = ["event_date", "find_dates"]

_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def event_date(name: str, d: DateMention) -> tuple[str, str | None] | None:
    """A date for an event named ``name``: an edition year in the name wins over a
    year guessed from the publication date ("2023 K-Metaverse Boost Week ... in
    September last year"); a date written with another year is not this event's."""
    m = _NAME_YEAR.search(name)
    if not m:
        return d.value, d.end_value
    year = m.group(1)
    if d.value[:4] == year:
        return d.value, d.end_value
    if not _NAME_YEAR.search(d.text):
        return year + d.value[4:], (year + d.end_value[4:]) if d.end_value else None
    return None
