"""``.txt`` page dumps (news portals, English press releases) and Markdown."""
from __future__ import annotations

import re

from ..dates import find_datetime, parse_datetime
from .body import _BodyBuilder, _MEDIA_SUFFIX_RE, _clean_body_text, _looks_like_masthead, _publisher_from_lines
from .document import _Parsed
from .feeds import _norm_lang
from .furniture import _date_line, _is_caption, _is_share_line, _SECTION_TAG_RE, _end_kind, _is_breadcrumb, _is_dateish, _is_menu_line, _is_prose, _is_ui_line, _keyed_dates, _pick_published, _unkeyed_date
from .press import _EN_PR_RE, _PR_DATE_KEYS_RE, _PR_WORD_RE, _collapse_spaced, _parse_press_ko, _unpipe
from .textutil import _core, _ws

def _detect_kind(lines: list[str]) -> str:
    head = [l for l in lines[:25] if l.strip()][:15]
    for l in head:
        l = _unpipe(l)
        c = _collapse_spaced(_ws(l))
        if _PR_DATE_KEYS_RE.match(c) and find_datetime(c):
            return "press_ko"
        if _PR_WORD_RE.search(l) and not _is_breadcrumb(_ws(l)) and len(_ws(l)) <= 80:
            if re.search(r"(?:보도|설명|해명|알림)(?:참고)?자료\s*$", c) or re.fullmatch(r"(?:공동\s*)?보도(?:참고)?자료", c):
                return "press_ko"
    for l in head:
        if _EN_PR_RE.search(l) and len(_ws(l)) <= 60:
            return "press_en"
    return "page"


_DATE_PREFIX_RE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$")


def _parse_txt(text: str, source: str) -> _Parsed:
    lines = text.split("\n")
    # a page saved with its date in front of the first line: " date 2024-06-25 Park …"
    stamp = None
    first = next((i for i, l in enumerate(lines) if l.strip()), None)
    if first is not None:
        m = _DATE_PREFIX_RE.match(lines[first])
        if m:
            stamp = parse_datetime(m.group(1))
            lines[first] = m.group(2)
    kind = _detect_kind(lines)
    parsed = None
    if kind == "press_ko":
        parsed = _parse_press_ko(lines)
        if parsed is None or not parsed.title or not parsed.text:
            parsed = None
    if parsed is None:
        parsed = _parse_page(lines, press_en=(kind == "press_en"))
    if parsed.published is None and stamp is not None:
        parsed.published = stamp
    return parsed


# --- news page dumps and English press releases ---------------------------


def _header_furniture(line: str, core: str) -> bool:
    return (
        _is_menu_line(line)
        or _is_share_line(core)
        or _is_caption(core)
        or _date_line(core) is not None
        or _is_ui_line(core)
        or _is_breadcrumb(core)
        or bool(_SECTION_TAG_RE.match(core))
        or _is_dateish(core)
        or _keyed_dates(core) is not None
        or _end_kind(core, line) in ("list", "reaction", "byline")
        or bool(_EN_PR_RE.search(core) and len(core) <= 60)
        or bool(re.match(r"^(?:Embargo(?:ed)?|Date|Contact|Media contact|Tel|Phone|E-?mail)\b", core, re.I))
    )


def _parse_page(lines: list[str], *, press_en: bool = False) -> _Parsed:
    p = _Parsed()
    cores = [_core(l) for l in lines]
    publisher = _publisher_from_lines(lines)
    n = len(lines)

    # the first meta line of dates near the top marks the end of the header
    date_idx = None
    limit = min(n, 60)
    for i in range(limit):
        if not cores[i]:
            continue
        if _keyed_dates(cores[i]) is not None or _date_line(cores[i]) is not None:
            # the last date line of the header ends it: " date 2020-06-17  Back To Top"
            # at the very top is page furniture, "Published : …" under the headline the mark
            date_idx = i
            continue
        if (len(cores[i]) >= 60 and re.search(r"(?:[.!?]|다)[”’\"')\]]*$", cores[i]) and "|" not in cores[i]
                and not _header_furniture(lines[i], cores[i])):
            break  # the body began: a date line further down is no header
    zone_end = date_idx
    if zone_end is None:
        zone_end = next((i for i in range(n) if cores[i] and _is_prose(cores[i]) and len(cores[i]) >= 40
                         and not _header_furniture(lines[i], cores[i])), n)

    furniture = [i for i in range(zone_end) if cores[i] and _header_furniture(lines[i], cores[i])]
    # English contact block at the top: drop it with its continuation lines
    contact_block: set[int] = set()
    for i in range(min(n, zone_end + 8)):
        if cores[i] and _is_prose(cores[i]) and len(cores[i]) >= 40:
            break
        if re.match(r"^(?:Media\s+|Press\s+)?Contacts?\b", cores[i], re.I):
            j = i
            while j < n and cores[j]:
                contact_block.add(j)
                j += 1
    last_furn = max(furniture + sorted(contact_block), default=-1)
    cands = [i for i in range(zone_end) if cores[i] and i not in furniture and i not in contact_block]
    after = [i for i in cands if i > last_furn]
    usable = [i for i in after if not _looks_like_masthead(cores[i], publisher)]
    masthead_lines = [i for i in cands if _looks_like_masthead(cores[i], publisher)]

    title_idx = None
    title_from_body = False
    if not usable:
        # a byline or tool row after the headline: the headline is still a header line
        usable = [i for i in cands if not _looks_like_masthead(cores[i], publisher) and len(cores[i]) >= 15]
    if usable:
        # the headline: the first line about as long as the longest candidate
        # (site names, "구독" buttons and section names before it are short)
        longest = max(len(cores[i]) for i in usable)
        title_idx = next(i for i in usable if len(cores[i]) >= 0.6 * longest)
    else:
        start = (date_idx + 1) if date_idx is not None else zone_end
        for i in range(start, n):
            if not cores[i] or i in contact_block or _header_furniture(lines[i], cores[i]):
                continue
            if _end_kind(cores[i]) is not None:
                continue
            title_idx = i
            break
        if title_idx is None and cands:
            title_idx = cands[0]
    if title_idx is not None and (len(cores[title_idx]) > 150 or re.search(r"다\.[”’\"]?$", cores[title_idx])):
        title_from_body = True  # no headline line: the body starts right away

    # publisher: copyright/footer, else a masthead line at the top
    if not publisher and masthead_lines:
        publisher = cores[masthead_lines[0]]
    p.publisher = publisher

    if title_idx is None:
        return p
    if title_from_body:
        first = cores[title_idx]
        m = re.match(r"(.{10,120}?(?:다\.|[.!?]))(?:\s|$)", first)
        p.title = m.group(1) if m else first[:120]
        body_start = title_idx
    else:
        p.title = cores[title_idx]
        body_start = title_idx + 1

    b = _BodyBuilder(title=p.title, press=press_en)
    for i in range(body_start, n):
        if b.ended:
            break
        if i in contact_block:
            continue
        b.add(lines[i], i)
    p.text = b.text()

    keyed = list(b.keyed)
    for i in range(0, body_start):
        k = _keyed_dates(cores[i]) if cores[i] else None
        if k:
            keyed = k + keyed
    # dates after the body's end (a byline with 입력 at the foot of the page)
    if b.end_index is not None:
        for i in range(b.end_index, n):
            k = _keyed_dates(cores[i]) if cores[i] else None
            if k:
                keyed.extend(k)
    p.published = _pick_published(keyed)
    if p.published is None:
        for i in range(0, min(n, body_start + 1)):
            if cores[i] and (_is_dateish(cores[i]) or _unkeyed_date(cores[i]) is not None):
                p.published = parse_datetime(cores[i])
                break
            if cores[i] and _date_line(cores[i]) is not None:
                p.published = _date_line(cores[i])
                break
    if p.published is None and p.text:
        # a dateline: "SEOUL, June 22, 2023 -- ...", "2023년 10월 19일 ..."
        found = find_datetime(p.text[:120])
        if found and found[1] < 60:
            p.published = found[0]
    if press_en:
        p.properties["doc_type"] = "press release"
        for i in range(0, body_start):
            c = cores[i]
            m = re.match(r"^Embargo(?:ed)?(?:\s+until)?\s*[:：]?\s*(.*)$", c, re.I)
            if m:
                dt = parse_datetime(m.group(1))
                if dt:
                    p.properties["embargo"] = dt.isoformat()
        issuers = [cores[i] for i in masthead_lines if not _MEDIA_SUFFIX_RE.search(cores[i])]
        if issuers:
            p.properties["issuer"] = issuers[:1]
            if not p.publisher:
                p.publisher = issuers[0]
        rel = [dt for k, dt in keyed if k in ("releasedate", "released", "date", "issued")]
        if rel:
            p.properties["released"] = rel[0].isoformat()
    return p


# --- Korean press releases (보도자료) ---------------------------------------

# ==========================================================================
# Markdown

_FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _parse_markdown(text: str, source: str) -> _Parsed:
    fm: dict[str, str] = {}
    m = _FRONT_MATTER_RE.match(text)
    if m:
        for line in m.group(1).split("\n"):
            if ":" in line:
                k, v = line.split(":", 1)
                fm[k.strip().lower()] = v.strip().strip("'\"")
        text = text[m.end():]
    lines = text.split("\n")
    title = fm.get("title", "")
    out: list[str] = []
    for line in lines:
        h = re.match(r"^\s*#\s+(.*)$", line)
        if h and not title:
            title = h.group(1).strip()
            continue
        line = re.sub(r"^\s*#{1,6}\s+", "", line)
        # link texts and URLs of bounded length: scanned from each "[" of a line of
        # "[[[…" without a "]", unbounded ones are quadratic
        line = re.sub(r"!\[[^\]]{0,500}\]\([^)]{0,2000}\)", "", line)
        line = re.sub(r"\[([^\]]{1,500})\]\([^)]{0,2000}\)", r"\1", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        out.append(line)
    if not title:
        parsed = _parse_page(out)
    else:
        parsed = _Parsed(title=title)
        parsed.text, keyed = _clean_body_text("\n".join(out), title)
        parsed.published = _pick_published(keyed)
    for k in ("date", "published", "pubdate"):
        if k in fm and parse_datetime(fm[k]):
            parsed.published = parse_datetime(fm[k])
            break
    if fm.get("publisher"):
        parsed.publisher = fm["publisher"]
    if fm.get("url"):
        parsed.url = fm["url"]
    if fm.get("lang"):
        parsed.lang = _norm_lang(fm["lang"])
    if fm.get("id"):
        parsed.record_id = fm["id"]
    return parsed
