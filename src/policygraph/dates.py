"""Dates in Korean and English government / news text.

Two jobs:

* :func:`parse_datetime` reads a *timestamp* (a publication date, a release
  time, a meta tag): ISO 8601, ``2023-10-19 14:30``, ``2023.10.19 14:30``,
  ``2023. 6. 22.(목) 09:30``, ``2023년 10월 19일 오후 2시 30분``,
  ``June 22, 2023``, ``Oct. 16, 2024 - 17:20``, ``22 June 2023``, RFC 2822,
  compact ``20231019143000``.  It returns a timezone-aware datetime: the zone
  the text gives, else :data:`KST` (Asia/Seoul, +09:00).  A date without a
  time gives midnight.

* :func:`find_dates` / :func:`resolve_relative` / :func:`resolve_range` read
  *date expressions inside article text* ("19일", "지난 9월", "이날",
  "오는 15일", "지난해 11월", "10월 17~19일", "6. 22.(목)", "June 22",
  "on Thursday", "last week" ...) and resolve them against a reference date
  (usually the article's publication date) into ISO strings only as precise as
  the text: ``"2023-10-19"``, ``"2023-09"`` or ``"2023"``.

Resolution rules (documented choices):

* plain day "19일"                -> that day of the reference month;
* "지난 19일"                      -> latest 19th on or before the reference date;
* "오는 15일"                      -> first 15th on or after the reference date;
* plain "10월 17일" / "9월"        -> the reference year;
* "지난 9월" / "last September"   -> latest September not after the reference month;
* "오는 10월" / "next October"    -> first October not before the reference month;
* "지난달", "이달", "다음 달"/"내달" -> ``YYYY-MM``; with a day -> that day of that month;
* "지난해", "올해", "내년"           -> ``YYYY``; with a month/day -> that month/day of that year;
* "이날/오늘/금일/당일/today"        -> the reference date; "어제/전날/yesterday" -1 day;
  "내일/tomorrow" +1 day;
* a weekday alone ("목요일", "on Thursday") -> the nearest such weekday within
  three days either side of the reference date (news uses bare weekdays for
  the current week);
* "지난주 목요일" / "이번 주 ..." / "다음 주 ..." -> that weekday in the previous /
  current / next ISO week (Monday first);  "last Thursday" -> the latest Thursday
  strictly before the reference date, "next Thursday" -> first one strictly after;
* "지난주" / "last week" alone     -> reference date minus 7 days (a day of that
  week; a week has no ISO calendar-date form, and a plain date keeps every
  consumer able to parse it); "다음 주"/"next week" -> plus 7 days;
  "이번 주"/"this week" -> the reference date;
* "N일 전/후", "N days ago"        -> reference date -/+ N days ("N주" weeks,
  "N개월" -> month precision, "N년" -> year precision);
* ranges ("10월 17~19일", "12일부터 15일까지", "12일부터 나흘간",
  "9. 12.(화) ~ 9. 15.(금)", "September 12-15", "from June 22 to 24"):
  :func:`resolve_range` gives ``(start, end)``; the end borrows year and month
  from the start when it does not name them, and rolls over when it would
  otherwise precede the start.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Callable

__all__ = [
    "KST",
    "UTC",
    "DateMention",
    "parse_datetime",
    "find_datetime",
    "parse_date",
    "find_dates",
    "resolve_relative",
    "resolve_range",
]

#: Korea Standard Time (Asia/Seoul has had no daylight saving since 1988).
KST = timezone(timedelta(hours=9), "KST")
UTC = timezone.utc

# --------------------------------------------------------------------------
# shared vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Month names must be capitalised ("May 3", not "may") — written case-sensitively.
_MON_ALT = "|".join(
    sorted(
        {n.capitalize() for n in _MONTHS} | {n.upper() for n in _MONTHS if len(n) > 3},
        key=len,
        reverse=True,
    )
)
_MON = rf"(?:{_MON_ALT})\b\.?"

_KO_WEEKDAYS = "월화수목금토일"
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_WD_ALT = "|".join(w.capitalize() for w in _EN_WEEKDAYS)

# "(목)", "(목요일)", "(Thu)" right after a date
_WD_PAREN = r"(?:\s*\(\s*(?:[월화수목금토일](?:요일)?|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*\.?\s*\))?"

_KO_NUM_DAYS = {"이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7, "여드레": 8, "열흘": 10, "보름": 15}


def _month_of(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _valid(y: int, m: int, d: int | None = None) -> bool:
    if not (1 <= m <= 12) or not (1000 <= y <= 9999):
        return False
    if d is None:
        return True
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _as_date(ref: date | datetime | None) -> date | None:
    if ref is None:
        return None
    if isinstance(ref, datetime):
        return ref.date()
    return ref


# --------------------------------------------------------------------------
# parse_datetime: timestamps

_TZ = r"(?P<tz>Z|[+-]\d{2}:?\d{2}|\s?(?:KST|UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?"
_TIME = (
    r"(?P<ampm1>오전|오후|AM|PM|am|pm|a\.m\.|p\.m\.)?\s*"
    r"(?P<H>[01]?\d|2[0-4])\s*(?::|시)\s*(?P<M>[0-5]\d)?(?:\s*분)?(?::(?P<S>[0-5]\d)(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm2>AM|PM|am|pm|a\.m\.|p\.m\.))?"
)
# between a date and its time: weekday, separators, "at"
_DT_GAP = r"(?:\s*\(\s*[월화수목금토일A-Za-z]{1,3}(?:요일)?\s*\.?\s*\))?(?:\s*(?:[-–,@|]|at|T)?\s*)"

_TS_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # ISO and dashed/slashed/dotted/Korean y-m-d
    (
        re.compile(
            r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|년)\s*(?P<m>\d{1,2})\s*(?:[-/.]|월)\s*(?P<d>\d{1,2})(?!\d)\s*(?:일|\.)?"
            + rf"(?:{_DT_GAP}{_TIME})?\s*{_TZ}"
        ),
        "ymd",
    ),
    # June 22, 2023 [time]; Oct. 16, 2024 - 17:20
    (
        re.compile(
            rf"(?P<mon>{_MON_ALT})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>(?:19|20)\d{{2}})"
            + rf"(?:{_DT_GAP}{_TIME})?\s*{_TZ}"
        ),
        "mdy",
    ),
    # 22 June 2023 [time]
    (
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON_ALT})\b\.?,?\s+(?P<y>(?:19|20)\d{{2}})"
            + rf"(?:{_DT_GAP}{_TIME})?\s*{_TZ}"
        ),
        "dmy",
    ),
]
_COMPACT = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?\s*$")
_RFC2822 = re.compile(r"^\s*(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2}")


def _tz_from(token: str | None) -> timezone | None:
    if not token:
        return None
    t = token.strip()
    if t == "Z":
        return UTC
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", t)
    if m:
        off = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
        return _zone(-off if m.group(1) == "-" else off)
    m = re.fullmatch(r"(KST|UTC|GMT)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?", t)
    if m:
        base = timedelta(hours=9) if m.group(1) == "KST" else timedelta(0)
        if m.group(2):
            off = timedelta(hours=int(m.group(3)), minutes=int(m.group(4) or 0))
            base += -off if m.group(2) == "-" else off
        return KST if base == timedelta(hours=9) and not m.group(2) else _zone(base)
    return None


_BAD_ZONE = object()  # an offset no clock has ("+99:00"): the timestamp is not one


def _zone(off: timedelta):
    return timezone(off) if abs(off) < timedelta(hours=24) else _BAD_ZONE


def _build(y: int, mo: int, d: int, gd: dict[str, str | None], default_tz: timezone) -> datetime | None:
    if not _valid(y, mo, d):
        return None
    hh = mm = ss = 0
    if gd.get("H") is not None:
        hh = int(gd["H"])  # type: ignore[arg-type]
        mm = int(gd.get("M") or 0)
        ss = int(gd.get("S") or 0)
        ampm = (gd.get("ampm1") or gd.get("ampm2") or "").lower().replace(".", "")
        if ampm in ("오후", "pm") and hh < 12:
            hh += 12
        elif ampm in ("오전", "am") and hh == 12:
            hh = 0
        if hh == 24 and mm == 0 and ss == 0:
            hh = 23
            mm = ss = 59
        if not (0 <= hh <= 23):
            return None
    tz = _tz_from(gd.get("tz")) or default_tz
    if tz is _BAD_ZONE or not (0 <= mm <= 59 and 0 <= ss <= 61):
        return None
    return datetime(y, mo, d, hh, mm, min(ss, 59), tzinfo=tz)


def find_datetime(text: str | None, *, default_tz: timezone = KST) -> tuple[datetime, int, int] | None:
    """Like :func:`parse_datetime`, with the character span the timestamp
    covers: ``(datetime, start, end)``."""
    if not text:
        return None
    text = str(text)
    m = _COMPACT.match(text)
    if m:
        dt = _build(int(m["y"]), int(m["m"]), int(m["d"]), m.groupdict(), default_tz)
        return (dt, m.start("y"), m.end()) if dt else None
    if _RFC2822.match(text):
        try:
            dt = parsedate_to_datetime(text.strip())
            return (dt if dt.tzinfo else dt.replace(tzinfo=default_tz)), 0, len(text.rstrip())
        except (TypeError, ValueError, IndexError):
            pass
    best: tuple[int, int, re.Match[str], str] | None = None
    for pat, kind in _TS_PATTERNS:
        for mt in pat.finditer(text):
            y = int(mt["y"])
            mo = _month_of(mt["mon"]) if kind != "ymd" else int(mt["m"])
            if not _valid(y, mo, int(mt["d"])):
                continue
            key = (mt.start(), -(mt.end() - mt.start()))
            if best is None or key < (best[0], best[1]):
                best = (key[0], key[1], mt, kind)
            break
    if best is None:
        return None
    mt, kind = best[2], best[3]
    y = int(mt["y"])
    mo = _month_of(mt["mon"]) if kind != "ymd" else int(mt["m"])
    dt = _build(y, mo, int(mt["d"]), mt.groupdict(), default_tz)
    if dt is None:
        return None
    end = mt.end()
    while end > mt.start() and text[end - 1].isspace():
        end -= 1
    return dt, mt.start(), end


def parse_datetime(text: str | None, *, default_tz: timezone = KST) -> datetime | None:
    """The first timestamp in ``text`` as an aware datetime, or None.

    Times may follow the date after a weekday ("(목)"), a dash, a comma or
    "at"; 오전/오후 and AM/PM are understood.  Without a zone the result is in
    ``default_tz`` (KST).  Without a time it is midnight of that day.
    """
    found = find_datetime(text, default_tz=default_tz)
    return found[0] if found else None


def parse_date(text: str | None) -> date | None:
    """The calendar date of :func:`parse_datetime` (in the zone the text gives)."""
    dt = parse_datetime(text)
    return dt.date() if dt else None


# --------------------------------------------------------------------------
# Date expressions inside text


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text. ``value`` is its ISO start (``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``); ``end_value`` is the ISO end of a range,
    else None.  ``start``/``end`` are character offsets (end exclusive)."""

    start: int
    end: int
    text: str
    value: str
    end_value: str | None = None


@dataclass(slots=True)
class _Val:
    y: int
    m: int | None = None
    d: int | None = None
    explicit: str = ""  # which of "y", "m", "d" the text itself names

    def iso(self) -> str:
        if self.m is None:
            return f"{self.y:04d}"
        if self.d is None:
            return f"{self.y:04d}-{self.m:02d}"
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"

    def key(self) -> tuple[int, int, int]:
        return (self.y, self.m or 1, self.d or 1)


def _from_date(d: date, explicit: str = "ymd") -> _Val:
    return _Val(d.year, d.month, d.day, explicit)


def _checked(v: _Val | None) -> _Val | None:
    if v is None:
        return None
    if v.m is not None and not _valid(v.y, v.m, v.d):
        return None
    return v


# reference-relative helpers ------------------------------------------------

def _latest_md(ref: date, m: int, d: int | None) -> _Val:
    """Latest (month[, day]) not after ref."""
    if d is None:
        y = ref.year if m <= ref.month else ref.year - 1
    else:
        y = ref.year if (m, d) <= (ref.month, ref.day) else ref.year - 1
    return _Val(y, m, d, "md" if d else "m")


def _next_md(ref: date, m: int, d: int | None) -> _Val:
    if d is None:
        y = ref.year if m >= ref.month else ref.year + 1
    else:
        y = ref.year if (m, d) >= (ref.month, ref.day) else ref.year + 1
    return _Val(y, m, d, "md" if d else "m")


def _latest_day(ref: date, d: int) -> _Val | None:
    y, m = ref.year, ref.month
    if d > ref.day:
        y, m = _add_months(y, m, -1)
    for _ in range(3):  # 31st in a short month: go back further
        if _valid(y, m, d):
            return _Val(y, m, d, "d")
        y, m = _add_months(y, m, -1)
    return None


def _next_day(ref: date, d: int) -> _Val | None:
    y, m = ref.year, ref.month
    if d < ref.day:
        y, m = _add_months(y, m, 1)
    for _ in range(3):
        if _valid(y, m, d):
            return _Val(y, m, d, "d")
        y, m = _add_months(y, m, 1)
    return None


def _nearest_weekday(ref: date, wd: int) -> date:
    delta = (wd - ref.weekday()) % 7
    if delta > 3:
        delta -= 7
    return ref + timedelta(days=delta)


def _week_day(ref: date, weeks: int, wd: int | None) -> date:
    if wd is None:
        return ref + timedelta(days=7 * weeks)
    monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 * weeks)
    return monday + timedelta(days=wd)


_YEAR_REL = {
    "올해": 0, "올": 0, "금년": 0, "이번 해": 0, "지난해": -1, "작년": -1, "전년": -1, "지난 해": -1,
    "내년": 1, "이듬해": 1, "다음 해": 1, "다음해": 1, "재작년": -2, "내후년": 2,
}
_MONTH_REL = {
    "이달": 0, "이번 달": 0, "이번달": 0, "금월": 0, "지난달": -1, "지난 달": -1, "전달": -1, "전월": -1,
    "다음 달": 1, "다음달": 1, "내달": 1, "익월": 1, "오는 달": 1,
}
_DAY_WORDS = {
    "이날": 0, "당일": 0, "오늘": 0, "금일": 0, "본일": 0, "어제": -1, "전날": -1, "전일": -1,
    "그제": -2, "그저께": -2, "내일": 1, "명일": 1, "익일": 1, "이튿날": 1, "모레": 2,
}
_WEEK_REL = {"지난주": -1, "지난 주": -1, "이번 주": 0, "이번주": 0, "금주": 0,
             "다음 주": 1, "다음주": 1, "내주": 1}
# what may follow "주" of "지난 주" (so that "지난 주요 성과" is no date)
_WEEK_FOLLOW = r"(?=$|[^가-힣]|에|부터|까지|와|의|는|중|초|말|내|엔|동안|[월화수목금토일]요일)"


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in sorted(words, key=len, reverse=True))


_NB = r"(?<![가-힣A-Za-z0-9])"  # not preceded by a word character
_Y = r"(?P<y>(?:19|20)\d{2})\s*년\s*"
_M = r"(?P<m>1[0-2]|0?[1-9])\s*월\s*"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])\s*일" + r"(?!\s*(?:간|동안|째|이내|만에|치|분\b))"

_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], date | None], "_Val | tuple[_Val, _Val] | None"]]
_RULES: list[_Rule] = []


def _rule(pattern: str, flags: int = 0):
    def deco(fn):
        _RULES.append((re.compile(pattern, flags), fn))
        return fn

    return deco


def _need(ref: date | None) -> date:
    if ref is None:
        raise _NoRef
    return ref


class _NoRef(Exception):
    pass


# absolute dates ------------------------------------------------------------

@_rule(r"(?<!\d)" + _Y + _M + _D + _WD_PAREN)
def _r_ymd(m, ref):
    return _Val(int(m["y"]), int(m["m"]), int(m["d"]), "ymd")


@_rule(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*\.\s*(?P<m>\d{1,2})\s*\.\s*(?P<d>\d{1,2})(?!\d)\.?" + _WD_PAREN)
def _r_ymd_dot(m, ref):
    return _Val(int(m["y"]), int(m["m"]), int(m["d"]), "ymd")


@_rule(r"(?<![\d.])(?P<y>(?:19|20)\d{2})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?!\d)" + _WD_PAREN)
def _r_iso(m, ref):
    return _Val(int(m["y"]), int(m["m"]), int(m["d"]), "ymd")


@_rule(r"(?<!\d)" + _Y + r"(?P<m>1[0-2]|0?[1-9])\s*월")
def _r_ym(m, ref):
    return _Val(int(m["y"]), int(m["m"]), None, "ym")


@_rule(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*년(?:도)?")
def _r_y(m, ref):
    return _Val(int(m["y"]), None, None, "y")


# year-relative ("지난해 11월", "올해", "내년 1월 3일") ------------------------------

@_rule(_NB + rf"(?P<yr>{_alt(_YEAR_REL)})(?:\s*(?P<m>1[0-2]|0?[1-9])\s*월(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*일)?)?")
def _r_year_rel(m, ref):
    word = re.sub(r"\s+", " ", m["yr"])
    if word == "올" and not m["m"]:
        return None  # bare "올" is not a date
    y = _need(ref).year + _YEAR_REL[word]
    if not m["m"]:
        return _Val(y, None, None, "y")
    return _Val(y, int(m["m"]), int(m["d"]) if m["d"] else None, "ymd" if m["d"] else "ym")


# month-relative ("지난달 19일", "다음 달 3일", "내달") ------------------------------

@_rule(_NB + rf"(?P<mr>{_alt(_MONTH_REL)})(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*일)?" + _WD_PAREN)
def _r_month_rel(m, ref):
    r = _need(ref)
    y, mo = _add_months(r.year, r.month, _MONTH_REL[re.sub(r"\s+", " ", m["mr"])])
    return _Val(y, mo, int(m["d"]) if m["d"] else None, "ymd" if m["d"] else "ym")


# "지난 9월", "오는 10월 14일", "지난 12일", "오는 15일" --------------------------------

@_rule(_NB + r"(?P<pre>지난|오는|이번|올)\s*" + _M + r"(?:(?P<d>3[01]|[12]\d|0?[1-9])\s*일)?" + _WD_PAREN)
def _r_pre_md(m, ref):
    r = _need(ref)
    mo, d = int(m["m"]), int(m["d"]) if m["d"] else None
    if m["pre"] == "지난":
        return _latest_md(r, mo, d)
    if m["pre"] == "오는":
        return _next_md(r, mo, d)
    return _Val(r.year, mo, d, "md" if d else "m")


@_rule(_NB + r"(?P<pre>지난|오는|이번)\s*" + _D + _WD_PAREN)
def _r_pre_d(m, ref):
    r = _need(ref)
    d = int(m["d"])
    if m["pre"] == "지난":
        return _latest_day(r, d)
    if m["pre"] == "오는":
        return _next_day(r, d)
    return _Val(r.year, r.month, d, "d")


# plain "10월 17일", "9월", "19일", "6. 22.(목)" -------------------------------------

@_rule(r"(?<!\d)" + _M + _D + _WD_PAREN)
def _r_md(m, ref):
    return _Val(_need(ref).year, int(m["m"]), int(m["d"]), "md")


@_rule(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\s*월(?!\s*\d)")
def _r_m(m, ref):
    return _Val(_need(ref).year, int(m["m"]), None, "m")


@_rule(r"(?<![\d.,])" + _D + _WD_PAREN)
def _r_d(m, ref):
    r = _need(ref)
    return _Val(r.year, r.month, int(m["d"]), "d")


@_rule(r"(?<![\d.,])(?P<m>1[0-2]|0?[1-9])\s*\.\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*\.(?!\d)" + _WD_PAREN)
def _r_md_dot(m, ref):
    return _Val(_need(ref).year, int(m["m"]), int(m["d"]), "md")


# day words, weeks, weekdays, counted offsets -------------------------------------

@_rule(r"(?<![가-힣])(?P<w>" + _alt(_DAY_WORDS) + r")(?!날|간)")
def _r_day_word(m, ref):
    return _from_date(_need(ref) + timedelta(days=_DAY_WORDS[m["w"]]))


@_rule(r"(?<![가-힣])(?P<w>" + _alt(_WEEK_REL) + r")" + _WEEK_FOLLOW + r"(?:\s*(?P<wd>[월화수목금토일])요일)?")
def _r_week(m, ref):
    wd = _KO_WEEKDAYS.index(m["wd"]) if m["wd"] else None
    return _from_date(_week_day(_need(ref), _WEEK_REL[re.sub(r"\s+", " ", m["w"])], wd))


@_rule(r"(?<![가-힣])(?P<wd>[월화수목금토일])요일")
def _r_ko_weekday(m, ref):
    return _from_date(_nearest_weekday(_need(ref), _KO_WEEKDAYS.index(m["wd"])))


@_rule(r"(?<![\d.])(?P<n>\d{1,3})\s*(?P<u>일|주|주일|개월|달|년)\s*(?P<dir>전|후|뒤)(?![가-힣])")
def _r_ko_offset(m, ref):
    r = _need(ref)
    n = int(m["n"]) * (-1 if m["dir"] == "전" else 1)
    u = m["u"]
    if u == "일":
        return _from_date(r + timedelta(days=n))
    if u in ("주", "주일"):
        return _from_date(r + timedelta(weeks=n))
    if u in ("개월", "달"):
        y, mo = _add_months(r.year, r.month, n)
        return _Val(y, mo)
    return _Val(r.year + n)


# ranges (Korean) ---------------------------------------------------------------

@_rule(
    r"(?<![\d.])(?:(?P<pre>지난|오는|이번|올해)\s*)?(?:(?P<y>(?:19|20)\d{2})\s*년\s*)?(?:(?P<m>1[0-2]|0?[1-9])\s*월\s*)?(?P<d>3[01]|[12]\d|0?[1-9])\s*(?:일)?"
    + _WD_PAREN
    + r"\s*[~∼〜\-–]\s*(?:(?P<m2>1[0-2]|0?[1-9])\s*월\s*)?(?P<d2>3[01]|[12]\d|0?[1-9])\s*일"
    + _WD_PAREN
)
def _r_ko_range(m, ref):
    r = ref
    if m["y"]:
        y = int(m["y"])
    else:
        y = _need(r).year
    mo = int(m["m"]) if m["m"] else _need(r).month
    if not m["y"] and m["m"] and m["pre"] in ("오는", "지난"):
        # "오는 10월 17~19일": the next such month; "지난 9월 12~15일": the last one
        if m["pre"] == "오는" and mo < r.month:
            y += 1
        elif m["pre"] == "지난" and mo > r.month:
            y -= 1
    a = _Val(y, mo, int(m["d"]), ("y" if m["y"] else "") + ("m" if m["m"] else "") + "d")
    b = _Val(y, int(m["m2"]) if m["m2"] else mo, int(m["d2"]), ("m" if m["m2"] else "") + "d")
    return a, b


@_rule(
    r"(?<![\d.,])(?:(?P<y>(?:19|20)\d{2})\s*\.\s*)?(?P<m>1[0-2]|0?[1-9])\s*\.\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*\."
    + _WD_PAREN
    + r"\s*[~∼〜\-–]\s*(?:(?P<m2>1[0-2]|0?[1-9])\s*\.\s*)?(?P<d2>3[01]|[12]\d|0?[1-9])\s*\.?(?!\d)"
    + _WD_PAREN
)
def _r_dot_range(m, ref):
    y = int(m["y"]) if m["y"] else _need(ref).year
    mo = int(m["m"])
    a = _Val(y, mo, int(m["d"]), ("y" if m["y"] else "") + "md")
    b = _Val(y, int(m["m2"]) if m["m2"] else mo, int(m["d2"]), ("m" if m["m2"] else "") + "d")
    return a, b


# English -------------------------------------------------------------------------

@_rule(rf"(?P<mon>{_MON_ALT})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>(?:19|20)\d{{2}})(?!\d)")
def _r_en_mdy(m, ref):
    return _Val(int(m["y"]), _month_of(m["mon"]), int(m["d"]), "ymd")


@_rule(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON_ALT})\b\.?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)")
def _r_en_dmy(m, ref):
    return _Val(int(m["y"]), _month_of(m["mon"]), int(m["d"]), "ymd")


@_rule(rf"(?P<mon>{_MON_ALT})\b\.?,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)")
def _r_en_my(m, ref):
    return _Val(int(m["y"]), _month_of(m["mon"]), None, "ym")


@_rule(rf"(?:(?P<pre>[Ll]ast|[Nn]ext)\s+)?(?P<mon>{_MON_ALT})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])")
def _r_en_md(m, ref):
    r = _need(ref)
    mo, d = _month_of(m["mon"]), int(m["d"])
    pre = (m["pre"] or "").lower()
    if pre == "last":
        return _latest_md(r, mo, d)
    if pre == "next":
        return _next_md(r, mo, d)
    return _Val(r.year, mo, d, "md")


@_rule(rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON_ALT})\b\.?")
def _r_en_dm(m, ref):
    return _Val(_need(ref).year, _month_of(m["mon"]), int(m["d"]), "md")


@_rule(rf"(?i:\b(?P<pre>in|last|next|this|early|late|mid|since|until|by|from|during|through)[\s-]+)(?P<mon>{_MON_ALT})\b\.?(?!\s*\d)")
def _r_en_month(m, ref):
    r = _need(ref)
    mo = _month_of(m["mon"])
    pre = m["pre"].lower()
    if pre == "last":
        return _latest_md(r, mo, None)
    if pre == "next":
        return _next_md(r, mo, None)
    return _Val(r.year, mo, None, "m")


@_rule(r"(?i:\b(?:in|by|since|until|from|through|during|of|before|after)\s+)(?P<y>(?:19|20)\d{2})\b(?![-/.]\d)")
def _r_en_year(m, ref):
    return _Val(int(m["y"]), None, None, "y")


@_rule(r"(?i)\b(?P<w>today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|tomorrow)\b")
def _r_en_day_word(m, ref):
    w = m["w"].lower()
    off = -1 if w == "yesterday" else 1 if w == "tomorrow" else 0
    return _from_date(_need(ref) + timedelta(days=off))


@_rule(rf"\b(?:(?P<pre>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Ee]arlier\s+on|[Ll]ater\s+on)\s+)?(?P<wd>{_EN_WD_ALT})\b")
def _r_en_weekday(m, ref):
    r = _need(ref)
    wd = _EN_WEEKDAYS.index(m["wd"].lower())
    pre = (m["pre"] or "").lower()
    if pre == "last":
        delta = (r.weekday() - wd) % 7 or 7
        return _from_date(r - timedelta(days=delta))
    if pre == "next":
        delta = (wd - r.weekday()) % 7 or 7
        return _from_date(r + timedelta(days=delta))
    if pre == "this":
        return _from_date(_week_day(r, 0, wd))
    return _from_date(_nearest_weekday(r, wd))


@_rule(r"(?i)\b(?P<pre>last|this|next|earlier\s+this|later\s+this)\s+(?P<u>week|month|year)\b")
def _r_en_rel_unit(m, ref):
    r = _need(ref)
    pre = m["pre"].lower().split()[-1]
    k = {"last": -1, "this": 0, "next": 1}[pre]
    u = m["u"].lower()
    if u == "week":
        return _from_date(r + timedelta(days=7 * k))
    if u == "month":
        y, mo = _add_months(r.year, r.month, k)
        return _Val(y, mo)
    return _Val(r.year + k)


@_rule(r"(?i)\b(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven)\s+(?P<u>day|week|month|year)s?\s+(?P<dir>ago|later|earlier|from\s+now)\b")
def _r_en_offset(m, ref):
    r = _need(ref)
    words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
    n = int(m["n"]) if m["n"].isdigit() else words[m["n"].lower()]
    if m["dir"].lower() in ("ago", "earlier"):
        n = -n
    u = m["u"].lower()
    if u == "day":
        return _from_date(r + timedelta(days=n))
    if u == "week":
        return _from_date(r + timedelta(weeks=n))
    if u == "month":
        y, mo = _add_months(r.year, r.month, n)
        return _Val(y, mo)
    return _Val(r.year + n)


@_rule(
    rf"(?P<mon>{_MON_ALT})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|until|till|and)\s*"
    rf"(?:(?P<mon2>{_MON_ALT})\b\.?\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d))?"
)
def _r_en_range(m, ref):
    y = int(m["y"]) if m["y"] else _need(ref).year
    mo = _month_of(m["mon"])
    a = _Val(y, mo, int(m["d"]), ("y" if m["y"] else "") + "md")
    b = _Val(y, _month_of(m["mon2"]) if m["mon2"] else mo, int(m["d2"]), ("m" if m["mon2"] else "") + "d")
    return a, b


@_rule(rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?:-|–|—)\s*(?P<d2>\d{{1,2}})\s+(?P<mon>{_MON_ALT})\b\.?(?:,?\s+(?P<y>(?:19|20)\d{{2}})(?!\d))?")
def _r_en_range_dm(m, ref):
    y = int(m["y"]) if m["y"] else _need(ref).year
    mo = _month_of(m["mon"])
    return _Val(y, mo, int(m["d"]), "md"), _Val(y, mo, int(m["d2"]), "d")


# --------------------------------------------------------------------------
# scanning

_CONNECT = re.compile(
    r"\s*(?:\(\s*(?:현지\s*시간|현지시각|[월화수목금토일](?:요일)?|local time)\s*\)\s*)?"
    r"(?:부터|에서|~|∼|〜|-|–|—|\bto\b|\bthrough\b|\buntil\b|\btill\b)\s*$"
)
_AFTER_RANGE = re.compile(r"^\s*(?:\(\s*(?:현지\s*시간|현지시각|[월화수목금토일])\s*\)\s*)?까지")
_DURATION = re.compile(
    r"^\s*(?:\(\s*(?:현지\s*시간|현지시각|[월화수목금토일])\s*\)\s*)?부터\s*"
    r"(?:(?P<w>" + "|".join(_KO_NUM_DAYS) + r")|(?P<n>\d{1,3})\s*일)\s*(?:간|동안)"
)


def _fill_end(a: _Val, b: _Val) -> _Val | None:
    """Give ``b`` the year/month of ``a`` it does not name; roll it forward
    when it would otherwise precede ``a``."""
    y = b.y if "y" in b.explicit else a.y
    if b.m is None:
        mo = None
    elif "m" in b.explicit or "y" in b.explicit or a.m is None:
        mo = b.m
    else:
        mo = a.m
    res = _Val(y, mo, b.d, b.explicit)
    if res.m is not None and not _valid(res.y, res.m, res.d):
        return None
    if res.key() < a.key():
        if "m" not in b.explicit and "y" not in b.explicit and res.d is not None and res.m is not None:
            ny, nm = _add_months(res.y, res.m, 1)
            res = _Val(ny, nm, res.d, b.explicit)
        elif "y" not in b.explicit:
            res = _Val(res.y + 1, res.m, res.d, b.explicit)
    return _checked(res)


def _raw_mentions(text: str, ref: date | None):
    found = []
    invalid: list[tuple[int, int]] = []  # "2월 30일": no date, and no "30일" inside it either
    for pat, fn in _RULES:
        for m in pat.finditer(text):
            if m.end() == m.start():
                continue
            try:
                v = fn(m, ref)
            except _NoRef:
                continue
            if v is None:
                invalid.append((m.start(), m.end()))
                continue
            if isinstance(v, tuple):
                a, b = _checked(v[0]), _fill_end(v[0], v[1])
                if a is None or b is None:
                    invalid.append((m.start(), m.end()))
                    continue
                v = (a, b)
            else:
                v = _checked(v)
                if v is None:
                    invalid.append((m.start(), m.end()))
                    continue
            # trim trailing spaces of the span
            end = m.end()
            while end > m.start() and text[end - 1].isspace():
                end -= 1
            start = m.start()
            while start < end and text[start].isspace():
                start += 1
            found.append((start, end, v))
    found = [
        f for f in found
        if not any(s <= f[0] and f[1] <= e and (e - s) > (f[1] - f[0]) for s, e in invalid)
    ]
    # earliest first, longest first; keep non-overlapping
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    chosen = []
    last_end = -1
    for s, e, v in found:
        if s >= last_end:
            chosen.append((s, e, v))
            last_end = e
    return chosen


def find_dates(text: str, ref: date | datetime | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``ref`` (the
    article's publication date).  Without ``ref`` only absolute dates are
    found.  Adjacent expressions joined by "부터 … (까지)", "~", "to" and
    "A부터 나흘간" become one range mention."""
    r = _as_date(ref)
    raw = _raw_mentions(text, r)
    out: list[DateMention] = []
    i = 0
    while i < len(raw):
        s, e, v = raw[i]
        a, b = (v if isinstance(v, tuple) else (v, None))
        # A <connector> B
        if b is None and i + 1 < len(raw):
            s2, e2, v2 = raw[i + 1]
            if not isinstance(v2, tuple) and _CONNECT.match(text[e:s2]) and e2 > s2:
                bb = _fill_end(a, v2)
                if bb is not None and bb.key() >= a.key() and _span_ok(a, bb):
                    b = bb
                    e = e2
                    i += 1
        # A부터 나흘간
        if b is None and a.d is not None:
            dm = _DURATION.match(text[e:])
            if dm:
                n = _KO_NUM_DAYS[dm["w"]] if dm["w"] else int(dm["n"])
                if 1 <= n <= 366:
                    endd = date(a.y, a.m, a.d) + timedelta(days=n - 1)  # type: ignore[arg-type]
                    b = _from_date(endd)
                    e = e + dm.end()
        if b is not None:
            am = _AFTER_RANGE.match(text[e:])
            if am:
                e += am.end()
        out.append(DateMention(s, e, text[s:e], a.iso(), b.iso() if b is not None else None))
        i += 1
    return out


def _span_ok(a: _Val, b: _Val) -> bool:
    """A plausible event range: same precision, at most a year long."""
    if (a.m is None) != (b.m is None) or (a.d is None) != (b.d is None):
        return False
    if a.d is not None and b.d is not None:
        try:
            return (date(b.y, b.m, b.d) - date(a.y, a.m, a.d)).days <= 366  # type: ignore[arg-type]
        except ValueError:
            return False
    return (b.y - a.y) <= 1


def resolve_relative(expr: str, ref: date | datetime | None) -> str | None:
    """The ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) of the first date
    expression in ``expr`` resolved against ``ref``; for a range, its start.
    None when ``expr`` holds no date expression."""
    ms = find_dates(expr, ref)
    return ms[0].value if ms else None


def resolve_range(expr: str, ref: date | datetime | None) -> tuple[str, str] | None:
    """``(start, end)`` ISO strings of the first date expression in ``expr``;
    a single date gives ``(d, d)``.  None when there is none."""
    ms = find_dates(expr, ref)
    if not ms:
        return None
    return ms[0].value, ms[0].end_value or ms[0].value
