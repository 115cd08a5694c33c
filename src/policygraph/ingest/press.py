"""The Korean press-release layout (보도자료): header keys, contact blocks, attachments."""
from __future__ import annotations

import re

from ..dates import parse_datetime
from .body import _BodyBuilder, _KO_ORG_SUFFIX_RE
from .document import _Parsed
from .furniture import _end_kind, _is_breadcrumb, _is_dateish, _is_prose, _unkeyed_date
from .textutil import _core, _ws

# ==========================================================================
# .txt: news portal dumps, press releases

_PR_WORD_RE = re.compile(r"보\s*도\s*(?:참\s*고\s*)?자\s*료|설\s*명\s*자\s*료|해\s*명\s*자\s*료|보\s*도\s*해\s*명|알\s*림\s*자\s*료")
_PR_KEY_RE = re.compile(
    r"^(?:┌\s*)?(?P<key>보\s*도\s*시\s*점|보\s*도\s*일\s*시|보\s*도|배\s*포\s*일\s*시|배\s*포\s*시\s*점|배\s*포|엠\s*바\s*고|"
    r"담\s*당\s*부\s*서|담\s*당\s*자|담\s*당|책\s*임\s*자|문\s*의\s*처?|연\s*락\s*처|사\s*진\s*유\s*무|사\s*진|"
    r"매\s*수|쪽\s*수|페\s*이\s*지)\s*(?:┐\s*)?[:：]?(?=\s|\d|$)"
)
_PR_DATE_KEYS_RE = re.compile(
    r"(?P<key>보\s*도\s*시\s*점|보\s*도\s*일\s*시|엠\s*바\s*고|배\s*포\s*일\s*시|배\s*포\s*시\s*점|배\s*포|"
    r"보\s*도(?=\s*[:：]?\s*\d))\s*[:：]?"
)
_PHONE_RE = re.compile(
    r"\(?\s*(?:☎|Tel\.?|TEL\.?|전화|T\.)?\s*[:：]?\s*(?:\+82[-\s]?\d{1,2}|0\d{1,2})[-.)\s]\s*\d{3,4}[-.\s]\d{4}"
    r"(?:\s*[,/]\s*[\w.+-]+@[\w.-]+)?\s*\)?"
)
_EN_PR_RE = re.compile(r"FOR\s+IMMEDIATE\s+RELEASE|PRESS\s+RELEASE|NEWS\s+RELEASE|EMBARGOED|Release\s+date\s*:", re.I)
_PR_TAIL_RE = re.compile(
    r"^(?:"
    r"[\[<(]?\s*붙\s*임\s*[\]>)]?(?:\s*\d|\s*[:：.]|\s{2,}|\s+\S|$)"
    r"|┌|└"
    r"|[<\[(]?\s*담\s*당\s*부\s*서\b"
    r"|※?\s*(?:이|본)\s*(?:보도|설명|해명)(?:참고)?\s*자료와?\s*관련|보도(?:참고)?자료\s*관련\s*문의"
    r"|공공누리|대한민국\s*정책브리핑|정책브리핑|본\s*자료는"
    r"|「[^」]{2,40}」$"
    r"|-\s*끝\s*-$|끝\.?$|\(끝\)$|<끝>$"
    r")"
)


def _unpipe(line: str) -> str:
    """Cells of a table row ("| 보도일시 | 2024. 1. 3. |") as spaced text."""
    t = line.strip()
    if t.startswith("|") or t.endswith("|"):
        return re.sub(r"\s*\|\s*", "   ", t).strip()
    return line


def _collapse_spaced(s: str) -> str:
    """"과  장" -> "과장", "보 도 자 료" -> "보도자료" (single syllables spaced out)."""
    return re.sub(
        r"(?<![가-힣])[가-힣](?:[ ]+[가-힣](?![가-힣]))+",
        lambda m: m.group(0).replace(" ", ""),
        s,
    )


_POSITIONS = {
    "과장", "팀장", "실장", "국장", "본부장", "센터장", "부장", "차장", "원장", "단장", "소장", "반장", "계장", "파트장",
    "그룹장", "사무관", "주무관", "서기관", "부이사관", "이사관", "담당관", "연구관", "연구사", "전문관", "행정관", "정책관",
    "주사", "주사보", "연구원", "책임연구원", "선임연구원", "전임연구원", "수석연구원", "책임", "선임", "수석", "주임", "대리",
    "사원", "매니저", "전문위원", "연구위원", "전문경력관", "실무관", "대변인", "부대변인", "위원", "과장대리", "전문원", "직원",
}
_POSITION_SUFFIX_RE = re.compile(r"(?:사무관|주무관|서기관|이사관|담당관|연구관|전문관|행정관|정책관|연구원|연구위원|전문위원|주사|과장|팀장|실장|국장|본부장|센터장|단장)$")
_ROLE_LABELS = {"책임자", "담당자", "담당", "문의", "문의처", "연락처", "실무자", "담당부서", "부서"}
_DEPT_SUFFIX_RE = re.compile(
    r"(?:과|팀|실|국|관|단|센터|본부|부|처|청|원|위원회|시|도|군|구|공사|공단|재단|TF|반|사업단|추진단|협회|기관|소)$"
)


def _is_position(tok: str) -> bool:
    return tok in _POSITIONS or bool(_POSITION_SUFFIX_RE.search(tok))


def _is_person_name(tok: str) -> bool:
    return bool(re.fullmatch(r"[가-힣]{2,4}", tok)) and not _is_position(tok) and tok not in _ROLE_LABELS


def _parse_contacts(lines: list[str]) -> tuple[list[str], list[str]]:
    """``(offices, contacts)`` from the contact lines of a release."""
    offices: list[str] = []
    contacts: list[str] = []
    listed: list[str] = []
    current = ""
    k = 0  # contact lines that name no department
    for raw in lines:
        line = _collapse_spaced(_ws(raw))
        line = re.sub(r"[┌┐└┘│]", " ", line)
        line = re.sub(r"^[<\[(]\s*(담당\s*부서)\s*[>\])]", r"\1", line)
        # leading labels
        while True:
            m = re.match(r"^\s*(?:담당\s*부서|담당부서|담당자|담당|책임자|문의처?|연락처)\s*[:：]?\s*", line)
            if not m or m.end() == 0:
                break
            line = line[m.end():]
        phones = list(_PHONE_RE.finditer(line))
        if not phones:
            depts = [_ws(d) for d in re.split(r"\s*[/,]\s*", line) if _ws(d)]
            depts = [d for d in depts if all(_DEPT_SUFFIX_RE.search(w) for w in d.split()) and len(d) <= 40]
            if depts:
                listed = depts
                for d in depts:
                    if d not in offices:
                        offices.append(d)
                current = depts[0]
            continue
        prev = 0
        line_has_dept = False
        line_contacts: list[tuple[str, str]] = []
        for ph in phones:
            seg = line[prev:ph.start()]
            prev = ph.end()
            seg = re.sub(r"[()\[\]☎/,|·:：]", " ", seg)
            toks = [t for t in seg.split() if t not in _ROLE_LABELS]
            if not toks:
                continue
            if len(toks) >= 2 and _is_position(toks[-1]) and _is_person_name(toks[-2]):
                name, pos, rest = toks[-2], toks[-1], toks[:-2]
            elif len(toks) >= 2 and _is_position(toks[-2]) and _is_person_name(toks[-1]):
                pos, name, rest = toks[-2], toks[-1], toks[:-2]
            elif _is_person_name(toks[-1]):
                name, pos, rest = toks[-1], "", toks[:-1]
            else:
                continue
            dept_toks: list[str] = []
            for t in reversed(rest):
                if _DEPT_SUFFIX_RE.search(t) and not _is_position(t):
                    dept_toks.insert(0, t)
                else:
                    break
            if dept_toks:
                current = " ".join(dept_toks)
                line_has_dept = True
                if current not in offices:
                    offices.append(current)
            line_contacts.append((pos, name))
        if not line_contacts:
            continue
        dept = current
        if not line_has_dept and len(listed) > 1:
            dept = listed[min(k, len(listed) - 1)]
            k += 1
        for pos, name in line_contacts:
            s = " ".join(x for x in (dept, pos, name) if x)
            if s not in contacts:
                contacts.append(s)
    return offices, contacts


def _split_issuers(s: str) -> list[str]:
    s = _ws(re.sub(r"공동|합동", " ", s))
    parts = [_ws(x) for x in re.split(r"\s*[·ㆍ,、/]\s*|\s+및\s+|\s{2,}", s) if _ws(x)]
    return [x for x in parts if 2 <= len(x) <= 30 and not re.search(r"\d", x)]


_PR_KEY_ONLY_RE = re.compile(
    r"^(?:┌\s*)?(?:보도\s*시점|보도\s*일시|배포\s*일시|배포\s*시점|배포|엠바고|담당\s*부서|담당자|담당|책임자|문의처?|연락처)"
    r"\s*(?:┐)?\s*[:：]?$"
)
_URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_BULLET_START_RE = re.compile(r"^[-–□ㅇ○◇◆▶•*※]")


def _org_only_line(c: str) -> bool:
    words = [w for w in re.split(r"[\s·ㆍ,]+", c) if w]
    return (
        bool(re.fullmatch(r"[\s가-힣·ㆍ,]{2,60}", c))
        and 0 < len(words) <= 4
        and all(_KO_ORG_SUFFIX_RE.search(w) for w in words)
    )


def _parse_press_ko(lines: list[str]) -> _Parsed | None:
    p = _Parsed()
    n = len(lines)
    lines = [_unpipe(l) for l in lines]
    cores = [_collapse_spaced(_ws(l)) for l in lines]
    header: list[int] = []
    unknown: list[int] = []
    doc_type = None
    issuers: list[str] = []
    keyed_header = False
    scanned = 0
    stop = n
    value_next = False  # the previous line was a key alone ("담당 부서"): this line is its value
    for i in range(n):
        c = cores[i]
        if not c:
            continue
        scanned += 1
        if scanned > 30 or _BULLET_START_RE.match(c) or (len(c) > 100 and not _PHONE_RE.search(c)):
            stop = i
            break
        was_value, value_next = value_next, bool(_PR_KEY_ONLY_RE.match(c))
        if was_value and not _PR_KEY_RE.match(c) and len(c) <= 80:
            header.append(i)
        elif _PR_WORD_RE.search(c) and len(c) <= 80 and not _is_breadcrumb(c):
            m = re.search(r"(?:공동\s*|합동\s*)?(보도(?:참고)?자료|설명자료|해명자료|알림자료|보도해명)", c)
            if m:
                doc_type = m.group(1)
                issuers.extend(_split_issuers(c[: m.start()]))
            header.append(i)
            keyed_header = True
        elif _PR_KEY_RE.match(c) or (_PHONE_RE.search(c) and len(c) <= 160):
            header.append(i)
            keyed_header = True
        elif (_is_dateish(c) or _unkeyed_date(c) is not None) and len(c) <= 60:
            header.append(i)
        elif _URL_LINE_RE.match(c):
            header.append(i)
        elif _org_only_line(c) and scanned <= 12:
            issuers.extend(_split_issuers(c))
            header.append(i)
        else:
            unknown.append(i)
    if not keyed_header or not header:
        return None
    last_header = header[-1]
    after = next((i for i in range(last_header + 1, n) if cores[i]), None)
    if after is not None and after < stop and after in unknown:
        title_idx = after
    elif after is not None and not _BULLET_START_RE.match(cores[after]) and not _PR_TAIL_RE.match(cores[after]):
        title_idx = after
    elif unknown:
        title_idx = max(unknown, key=lambda i: len(cores[i]))
    else:
        return None
    title_lines = [_ws(lines[title_idx])]
    j = title_idx + 1
    while (
        j < n and cores[j] and sum(map(len, title_lines)) < 120 and not _BULLET_START_RE.match(cores[j])
        and not re.match(r"^[<\[(]", cores[j]) and not _is_prose(title_lines[-1]) and len(cores[j]) <= 60
        and not _PR_TAIL_RE.match(cores[j]) and j not in header
    ):
        title_lines.append(_ws(lines[j]))
        j += 1
    p.title = " ".join(title_lines)
    j = max(j, last_header + 1)

    # body up to the tail (붙임, contact block, licence lines)
    body_lines: list[str] = []
    tail_start = n
    for k in range(j, n):
        c = _ws(lines[k])
        if c and (_PR_TAIL_RE.match(c) or _PR_TAIL_RE.match(cores[k])):
            tail_start = k
            break
        kind = _end_kind(_core(lines[k])) if c else None
        if kind in ("copyright", "footer", "nav"):
            tail_start = k
            break
        body_lines.append(lines[k])
    b = _BodyBuilder(title=p.title, press=True)
    b.feed(body_lines)
    p.text = b.text()

    # header values; a key alone on its line takes the next header line as its value
    htexts: list[tuple[int, str]] = []
    skip: set[int] = set()
    for x, h in enumerate(header):
        if h in skip:
            continue
        c = cores[h]
        if _PR_KEY_ONLY_RE.match(c) and x + 1 < len(header) and not _PR_KEY_RE.match(cores[header[x + 1]]):
            c = f"{c} {cores[header[x + 1]]}"
            skip.add(header[x + 1])
        htexts.append((h, c))
    embargo = released = None
    for h, c in htexts:
        keys = list(_PR_DATE_KEYS_RE.finditer(c))
        for idx, m in enumerate(keys):
            seg = c[m.end(): keys[idx + 1].start() if idx + 1 < len(keys) else len(c)]
            dt = parse_datetime(seg)
            key = re.sub(r"\s+", "", m["key"])
            if dt is None:
                continue
            if key.startswith("배포"):
                released = released or dt
            else:
                embargo = embargo or dt
    contact_lines: list[str] = []
    in_contacts = False
    for h, c in htexts:
        if re.match(r"^(?:┌\s*)?(?:담당|책임자|문의|연락처)", c):
            in_contacts = True
        elif _PR_DATE_KEYS_RE.match(c) or _PR_WORD_RE.search(c):
            in_contacts = False
            if _PHONE_RE.search(c):
                in_contacts = True
        if in_contacts or (_PHONE_RE.search(c) and not _PR_DATE_KEYS_RE.match(c)):
            contact_lines.append(c)
    attachments: list[str] = []
    tail_contacts: list[str] = []
    sentence_contacts: list[str] = []
    in_tail_contacts = False
    for k in range(tail_start, n):
        c = cores[k]
        if not c:
            continue
        m = re.match(r"^[\[<(]?\s*붙임\s*[\]>)]?\s*[:：]?\s*(.*)$", c)
        if m and not in_tail_contacts:
            attachments.extend(_attachment_items([m.group(1)]))
            # continuation lines of the 붙임 list (indented, numbered)
            x = k + 1
            while x < n and cores[x] and re.match(r"^\d+\s*[.)]", cores[x]):
                attachments.extend(_attachment_items([cores[x]]))
                x += 1
            continue
        if re.match(r"^(?:┌\s*)?[<\[(]?\s*(?:담당\s*부서|담당부서|담당자|문의|연락처)", c):
            in_tail_contacts = True
        if re.match(r"^※?\s*(?:(?:이|본)\s*(?:보도|설명|해명)(?:참고)?\s*자료와?\s*관련|보도(?:참고)?자료\s*관련\s*문의)", c):
            sentence_contacts.append(lines[k])
            continue
        if in_tail_contacts and (_PHONE_RE.search(c) or re.match(r"^(?:┌\s*)?[<\[(]?\s*담당", c)):
            tail_contacts.append(lines[k])
    offices, contacts = _parse_contacts(contact_lines + tail_contacts)
    if not contacts and sentence_contacts:
        o2, c2 = _parse_contacts(sentence_contacts)
        offices = offices or o2
        contacts = c2
    if not issuers:
        for o in offices:
            first = o.split()[0]
            if re.search(r"(?:부|처|청|위원회|특별시|광역시|도)$", first) and len(o.split()) > 1 and first not in issuers:
                issuers.append(first)
    if len(issuers) == 1:
        # "디지털신산업과" of a single-issuer release is that issuer's department
        pre = issuers[0] + " "

        def _full(d: str) -> str:
            return d if _KO_ORG_SUFFIX_RE.search(d.split()[0]) or d.startswith(pre) else pre + d

        offices = [_full(o) for o in offices]
        contacts = [c if any(c.startswith(o) for o in offices) else _full(c) for c in contacts]
    p.properties = {
        "doc_type": doc_type,
        "issuer": issuers,
        "office": offices,
        "embargo": embargo.isoformat() if embargo else None,
        "released": released.isoformat() if released else None,
        "contacts": contacts,
        "attachments": attachments,
    }
    p.published = embargo or released
    if p.published is None:
        for h, c in htexts:
            dt = parse_datetime(c)
            if dt:
                p.published = dt
                break
    p.publisher = issuers[0] if issuers else None
    return p


def _attachment_items(items: list[str]) -> list[str]:
    out = []
    for it in items:
        it = re.sub(r"\s*(?:-\s*)?끝\s*\.?\s*$", "", it)
        for part in re.split(r"\s+(?=\d+\s*[.)]\s)", it):
            part = re.sub(r"^\d+\s*[.)]\s*", "", _ws(part))
            part = re.sub(r"\s*\d+\s*부\.?$", "", part).strip(" .")
            if part:
                out.append(part)
    return out
