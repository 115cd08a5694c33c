"""Date expressions inside article text, resolved against the publication date.

``find_dates(text, ref)`` returns every date expression with its span and its
ISO start (and end, for ranges), as precise as the text allows:
``2023-10-19``, ``2023-09``.  Relative forms: 이날/오늘/금일/당일 (the
reference day), 어제/전날, 19일 (day of the reference month), 지난 9월 (the latest
September not after the reference), 오는 15일 / 오는 9월 (the next one), 지난해 11월,
내년 3월, 10월 17~19일 (a range), 6. 22.(목), and English "September 12",
"12 September 2023", "on Thursday", "today", "yesterday", "last week".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_KO = re.compile(
    r"(?P<rel>지난해|작년|올해|금년|내년|다음\s?달|지난\s?달|이번\s?달|내달|지난|오는)?\s*"
    r"(?:(?P<y>(?:19|20)\d\d)\s*년\s*)?"
    r"(?:(?P<m>1[0-2]|0?[1-9])\s*월\s*)?"
    r"(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*일"
    r"(?:\s*(?:\([월화수목금토일]\))?\s*[~∼\-–]\s*(?:(?P<m2>1[0-2]|0?[1-9])\s*월\s*)?(?P<d2>3[01]|[12]\d|0?[1-9])\s*일)?)?"
)
_KO_RANGE = re.compile(
    r"(?P<rel>지난해|작년|올해|금년|내년|지난|오는)?\s*(?:(?P<y>(?:19|20)\d\d)\s*년\s*)?(?:(?P<m>1[0-2]|0?[1-9])\s*월\s*)?"
    r"(?P<d>3[01]|[12]\d|0?[1-9])\s*(?:일)?\s*(?:\([월화수목금토일]\))?\s*(?:[~∼\-–]|부터)\s*"
    r"(?:(?P<m2>1[0-2]|0?[1-9])\s*월\s*)?(?P<d2>3[01]|[12]\d|0?[1-9])\s*일"
)
_KO_DOT = re.compile(r"(?<![\d.])(?:(?P<y>(?:19|20)\d\d)\.\s*)?(?P<m>1[0-2]|0?[1-9])\.\s*(?P<d>3[01]|[12]\d|0?[1-9])\.?\s*\([월화수목금토일]\)")
_KO_DAYWORD = re.compile(r"이날|오늘|금일|당일|어제|전날|그제|내일|지난주|다음 주|다음주")
_KO_MONTHWORD = re.compile(r"(지난\s?달|이번\s?달|다음\s?달|내달|지난해|작년|올해|내년)(?!\s*\d)")
_EN_MONTHWORD = re.compile(r"\b(last|this|next) (month|year)\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_WEEKDAY = re.compile(r"\b(?:(last|next|this|on|since|until)\s)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
            ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
            ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_EN = re.compile(
    rf"(?:(?P<d0>3[01]|[12]\d|0?[1-9])\s+{_MON}(?:\s*,?\s*(?P<y0>(?:19|20)\d\d))?)"
    rf"|(?:{_MON.replace('mon', 'mon2')}\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    r"(?:\s*(?:-|–|to|through)\s*(?P<d2>3[01]|[12]\d|0?[1-9]))?(?:\s*,\s*(?P<y>(?:19|20)\d\d))?)"
    rf"|(?:(?P<rel>last|next|this|in|since|until|by)\s+{_MON.replace('mon', 'mon3')}(?:\s+(?P<y3>(?:19|20)\d\d))?)"
)
_EN_WORD = re.compile(r"\b(today|yesterday|tomorrow|last week|next week|this week)\b", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str  # ISO date or year-month
    end_value: str | None = None
    relative: bool = False


def _iso(y: int, m: int, d: int | None = None) -> str | None:
    try:
        if d is None:
            date(y, m, 1)
            return f"{y:04d}-{m:02d}"
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_year(m: int, rel: str | None, y: int | None, ref: date) -> int:
    if y:
        return y
    rel = (rel or "").replace(" ", "")
    if rel in ("지난해", "작년"):
        return ref.year - 1
    if rel == "내년":
        return ref.year + 1
    if rel in ("올해", "금년"):
        return ref.year
    if rel == "지난":
        return ref.year if m <= ref.month else ref.year - 1
    if rel == "오는":
        return ref.year if m >= ref.month else ref.year + 1
    # bare month: the nearest such month to the reference (news talks about
    # the recent past and the near future)
    if m - ref.month > 6:
        return ref.year - 1
    if ref.month - m > 6:
        return ref.year + 1
    return ref.year


def find_dates(text: str, ref: date | None) -> list[DateMention]:
    out: list[DateMention] = []
    for m in _KO_RANGE.finditer(text):
        s = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if s > 0 and text[s - 1].isdigit():
            continue
        if m.group("m") is None and ref is None and m.group("y") is None:
            continue
        y = int(m.group("y")) if m.group("y") else None
        mo = int(m.group("m")) if m.group("m") else (ref.month if ref else None)
        if mo is None:
            continue
        yy = y or (_month_year(mo, m.group("rel"), None, ref) if ref else None)
        if yy is None:
            continue
        val = _iso(yy, mo, int(m.group("d")))
        mo2 = int(m.group("m2")) if m.group("m2") else mo
        end_val = _iso(yy + (mo2 < mo), mo2, int(m.group("d2")))
        if val:
            out.append(DateMention(s, m.end(), val, end_val, relative=y is None))
    for m in _KO.finditer(text):
        if not (m.group("m") or m.group("d")) or (m.group("y") is None and m.group("m") is None and m.group("d") is None):
            continue
        s, e = m.start(), m.end()
        # skip leading spaces the optional prefix group let in
        while s < e and text[s].isspace():
            s += 1
        # guard: "19일" must not be part of a number ("2019일" does not occur, but "275회" etc. are not dates)
        if s > 0 and text[s - 1].isdigit():
            continue
        rel = m.group("rel")
        y = int(m.group("y")) if m.group("y") else None
        mo = int(m.group("m")) if m.group("m") else None
        d = int(m.group("d")) if m.group("d") else None
        if mo is None and d is not None and ref is None:
            continue
        if mo is None and rel and rel.replace(" ", "") in ("다음달", "내달"):
            nm = ref.month % 12 + 1 if ref else None
            if nm is None:
                continue
            val = _iso(ref.year + (ref.month == 12), nm, d)
        elif mo is None and rel and rel.replace(" ", "") == "지난달":
            if ref is None:
                continue
            pm = (ref.month - 2) % 12 + 1
            val = _iso(ref.year - (ref.month == 1), pm, d)
        elif mo is None:
            if ref is None or d is None:
                continue
            yy, mm = ref.year, ref.month
            if rel == "오는" and d < ref.day:
                mm = mm % 12 + 1
                yy += mm == 1
            elif rel != "오는" and d > ref.day + 7:
                # a day well after the reference in the same month is last month's
                # (articles report what happened)
                mm = (mm - 2) % 12 + 1
                yy -= mm == 12
            val = _iso(yy, mm, d)
        else:
            if ref is None and y is None:
                continue
            yy = _month_year(mo, rel, y, ref) if ref else y
            val = _iso(yy, mo, d)
        if val is None:
            continue
        end_val = None
        if m.group("d2"):
            ym = val[:7]
            m2 = int(m.group("m2")) if m.group("m2") else int(ym[5:7])
            end_val = _iso(int(ym[:4]), m2, int(m.group("d2")))
        out.append(DateMention(s, e, val, end_val, relative=bool(rel) or y is None))
    for m in _KO_DOT.finditer(text):
        if ref is None and not m.group("y"):
            continue
        mo, d = int(m.group("m")), int(m.group("d"))
        yy = int(m.group("y")) if m.group("y") else _month_year(mo, None, None, ref)
        val = _iso(yy, mo, d)
        if val:
            out.append(DateMention(m.start(), m.end(), val))
    if ref is not None:
        for m in _KO_DAYWORD.finditer(text):
            w = m.group(0).replace(" ", "")
            delta = {"어제": -1, "전날": -1, "그제": -2, "내일": 1, "지난주": -7, "다음주": 7}.get(w, 0)
            val = (ref + timedelta(days=delta)).isoformat()
            out.append(DateMention(m.start(), m.end(), val, relative=True))
    for m in _EN.finditer(text):
        mon = m.group("mon") or m.group("mon2") or m.group("mon3")
        mo = _MONTHS.get(mon.lower().rstrip("."))
        if not mo:
            continue
        if m.group("d0"):
            d, y = int(m.group("d0")), m.group("y0")
        elif m.group("d"):
            d, y = int(m.group("d")), m.group("y")
        else:
            if m.group("rel") in ("in", "since", "until", "by") and not m.group("y3"):
                if mon == "May":
                    continue
            d, y = None, m.group("y3")
        if y is None and ref is None:
            continue
        rel = {"last": "지난", "next": "오는"}.get((m.group("rel") or "").lower())
        yy = int(y) if y else _month_year(mo, rel, None, ref)
        follow = text[m.end() : m.end() + 12].lower()
        if not y and follow.startswith((" last year", ", last year")):
            yy = ref.year - 1
        elif not y and follow.startswith((" next year", ", next year")):
            yy = ref.year + 1
        val = _iso(yy, mo, d)
        if not val:
            continue
        end_val = _iso(yy, mo, int(m.group("d2"))) if m.group("d2") else None
        out.append(DateMention(m.start(), m.end(), val, end_val, relative=y is None))
    if ref is not None:
        for m in _KO_MONTHWORD.finditer(text):
            w = m.group(1).replace(" ", "")
            if w in ("지난해", "작년"):
                out.append(DateMention(m.start(), m.end(), f"{ref.year - 1:04d}", relative=True))
                continue
            if w in ("올해", "내년"):
                out.append(DateMention(m.start(), m.end(), f"{ref.year + (w == '내년'):04d}", relative=True))
                continue
            delta = {"지난달": -1, "이번달": 0, "다음달": 1, "내달": 1}[w]
            mm = ref.month - 1 + delta
            out.append(DateMention(m.start(), m.end(), f"{ref.year + mm // 12:04d}-{mm % 12 + 1:02d}", relative=True))
        for m in _EN_MONTHWORD.finditer(text):
            rel, unit = m.group(1).lower(), m.group(2).lower()
            delta = {"last": -1, "this": 0, "next": 1}[rel]
            if unit == "year":
                out.append(DateMention(m.start(), m.end(), f"{ref.year + delta:04d}", relative=True))
            else:
                mm = ref.month - 1 + delta
                out.append(DateMention(m.start(), m.end(), f"{ref.year + mm // 12:04d}-{mm % 12 + 1:02d}", relative=True))
        for m in _EN_WEEKDAY.finditer(text):
            wd = _WEEKDAYS.index(m.group(2).lower())
            back = (ref.weekday() - wd) % 7
            if (m.group(1) or "").lower() == "next":
                day = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
            elif (m.group(1) or "").lower() == "last":
                day = ref - timedelta(days=back or 7)
            else:
                # news reports the past: the latest such day on or before the reference,
                # unless the sentence talks about what is scheduled
                tail = text[m.end() : m.end() + 40].lower()
                ahead = re.search(r"\b(will|is scheduled|are scheduled|scheduled for|next)\b", text[max(0, m.start() - 60) : m.end() + 40].lower())
                day = ref + timedelta(days=(wd - ref.weekday()) % 7) if ahead else ref - timedelta(days=back)
            out.append(DateMention(m.start(), m.end(), day.isoformat(), relative=True))
        for m in _EN_WORD.finditer(text):
            w = m.group(1).lower()
            delta = {"yesterday": -1, "tomorrow": 1, "last week": -7, "next week": 7}.get(w, 0)
            out.append(DateMention(m.start(), m.end(), (ref + timedelta(days=delta)).isoformat(), relative=True))
    out.sort(key=lambda x: (x.start, -x.end))
    # drop mentions nested in a longer one
    kept: list[DateMention] = []
    for dm in out:
        if kept and dm.start < kept[-1].end:
            continue
        kept.append(dm)
    return kept


_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def event_date(name: str, d: DateMention) -> tuple[str, str | None] | None:
    """A date for an event named ``name``: an edition year in the name wins over a
    year guessed from the publication date ("2023 K-Metaverse Boost Week ... in
    September last year"); a date of another explicit year is not this event's."""
    m = _NAME_YEAR.search(name)
    if not m:
        return d.value, d.end_value
    year = m.group(1)
    if d.value[:4] == year:
        return d.value, d.end_value
    if d.relative:
        return year + d.value[4:], (year + d.end_value[4:]) if d.end_value else None
    return None
