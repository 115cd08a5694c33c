"""Body assembly shared by every input form, and publisher hints in page text."""
from __future__ import annotations

import re
from datetime import datetime

from .furniture import _date_line, _is_caption, _is_share_line, _FOOTER_RE, _INLINE_LINK_RE, _PAGE_NO_RE, _PHOTO_CREDIT_RE, _REPORTER_WORDS, _SECTION_TAG_RE, _SENT_PUNCT_RE, _end_kind, _is_breadcrumb, _is_copyright, _is_dateish, _is_prose, _is_ui_line, _keyed_dates, _unkeyed_date
from .textutil import _CORE_STRIP_RE, _HANGUL_RE, _core, _join_paragraphs, _ws

# ==========================================================================
# Body assembly shared by every format


_YONHAP_PREFIX_RE = re.compile(
    r"^\s*(?:[(\[【<]\s*[가-힣A-Za-z]{1,10}\s*=\s*[가-힣A-Za-z0-9 ]{1,15}\s*[)\]】>]\s*"
    rf"(?:[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s*{_REPORTER_WORDS}\s*=?\s*)?"
    rf"|\[\s*[^\]]{{0,20}}?[가-힣]{{2,4}}\s*{_REPORTER_WORDS}\s*\]\s*"
    rf"|[가-힣]{{2,4}}\s*{_REPORTER_WORDS}\s*=\s*)"
)
_TRAILING_END_RE = re.compile(r"\s*(?:[(<]\s*끝\s*[)>]|/\s*끝\s*/|-\s*끝\s*-|\s{2,}끝\s*\.?)\s*$")


_CAPTION_CREDIT_RE = re.compile(
    r"^\s*[\[(]\s*(?:Photo|PHOTO|Photos|Image|사진|포토|화보|영상|LEAD|2nd\s+LD|3rd\s+LD)\s*[\])]\s*"
    r"|\s*\((?:PHOTO|Photo)\s+NOT\s+FOR\s+SALE\)|\s*\((?:Photo\s+)?courtesy\s+of\s+[^()]{1,80}\)|\s*\(Photo\s+(?:by|credit)[^()]{0,60}\)"
    r"|\s*[(\[]\s*(?:사진|자료)\s*[=:][^)\]]{0,40}[)\]]|\s*/?\s*사진\s*=\s*\S+(?:\s+제공)?"
    r"|\s*[(\[][^()\[\]]{1,40}\s?제공[^()\[\]]{0,20}[)\]]|\s*\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?(?:/\S+)?(?=\s|$)|\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\s*\*?\s*재판매\s*및\s*DB\s*금지"
    r"|\s*\(\s*(?:Yonhap|AP|AFP|Reuters|Newsis|News1|Xinhua|EPA|Getty\s+Images|[A-Z][A-Za-z]{1,12})\s*\)\s*$"
    r"|^\s*\([^()]{0,40}[-–/](?:Yonhap|AP|AFP|Reuters|Newsis|News1|Xinhua|EPA)\)\s*$"
)


def _strip_caption_credits(line: str) -> str:
    """A caption without its tags and credits: "[Photo] X speaks ... (PHOTO NOT FOR
    SALE) (Hanbit)" -> "X speaks ...", "... (사진=… 제공) 2024.04.18. photo@…" -> "..."."""
    prev = None
    out = line.strip()
    while prev != out:
        prev = out
        out = _CAPTION_CREDIT_RE.sub("", out).strip()
    return out


class _BodyBuilder:
    """Collects body lines into paragraphs, dropping page furniture and
    stopping at the first end-of-article marker once real prose has begun."""

    def __init__(self, *, title: str = "", press: bool = False):
        self.paragraphs: list[list[str]] = []
        self.cur: list[str] = []
        self.started = False
        self.ended = False
        self.end_index: int | None = None
        self.keyed: list[tuple[str, datetime]] = []
        self.title = _ws(title)
        self.press = press
        self.skip_list = False
        self.after_byline = False

    def _flush(self) -> None:
        if self.cur:
            self.paragraphs.append(self.cur)
            self.cur = []

    def feed(self, lines: list[str], start: int = 0) -> None:
        for i in range(start, len(lines)):
            if self.ended:
                return
            self.add(lines[i], i)

    def add(self, line: str, index: int = -1) -> None:
        raw = line.rstrip()
        core = _core(raw)
        if not core:
            self._flush()
            self.skip_list = False
            return
        keyed = _keyed_dates(core)
        if keyed is not None:
            self.keyed.extend(keyed)
            return
        if not self.started:
            dt = _unkeyed_date(core)
            if dt is not None:
                self.keyed.append(("", dt))
                return
        kind = _end_kind(core, raw)
        if kind == "byline" and self.started:
            # a byline or e-mail inside the page: the body goes on only if prose follows
            # (a mid-article byline, the reporter of a second part)
            self._flush()
            self.after_byline = True
            if self.end_index is None:
                self.end_index = index
            return
        if kind is not None:
            if self.started:
                self.ended = True
                if self.end_index is None or not self.after_byline:
                    self.end_index = index
                self._flush()
                return
            if kind in ("list", "ticker"):
                self.skip_list = True
            return
        if self.skip_list and not _is_prose(core):
            return
        self.skip_list = False
        if _is_share_line(core):
            return
        if not self.started:
            dt = _date_line(core)
            if dt is not None:
                self.keyed.append(("", dt))
                return
        if _is_caption(core):
            # captions say who was where; their credits and tags are furniture
            raw = _strip_caption_credits(raw)
            if not raw:
                return
            core = _core(raw)
        if self.after_byline:
            if not _is_prose(core):
                return
            self.after_byline = False
            self.end_index = None
        if (
            _is_ui_line(core)
            or _PHOTO_CREDIT_RE.match(core)
            or _INLINE_LINK_RE.match(core)
            or _PAGE_NO_RE.match(core)
            or (not self.started and (_is_dateish(core) or _is_breadcrumb(core) or _SECTION_TAG_RE.match(core)))
        ):
            return
        if not self.started and not self.paragraphs and not self.cur and self.title and _ws(core) == self.title:
            return  # the headline repeated at the top of the body
        text = _ws(raw)
        if not self.press:
            text = _ws(_CORE_STRIP_RE.sub("", raw)) if re.match(r"^\s*[•●▪◦]", raw) else text
        self.cur.append(text)
        if _is_prose(core):
            self.started = True

    def text(self) -> str:
        self._flush()
        paras = [p for p in self.paragraphs if p]
        for para in paras:  # "[서울=뉴시스]김민수 기자 = " may open any paragraph (after a caption)
            first = para[0]
            stripped = _YONHAP_PREFIX_RE.sub("", first, count=1)
            if stripped != first and stripped.strip():
                para[0] = stripped.strip()
        if paras:
            last = paras[-1][-1]
            cleaned = _TRAILING_END_RE.sub("", last)
            if cleaned != last:
                if cleaned.strip():
                    paras[-1][-1] = cleaned.rstrip()
                else:
                    paras[-1].pop()
                    if not paras[-1]:
                        paras.pop()
        return _join_paragraphs(paras)


def _clean_body_text(text: str, title: str = "") -> tuple[str, list[tuple[str, datetime]]]:
    b = _BodyBuilder(title=title)
    b.feed(text.split("\n"))
    return b.text(), b.keyed


# ==========================================================================
# Publisher hints in page text

_COPY_NAME_RE = re.compile(
    r"(?:ⓒ|©|\([cC]\)|Copyright)\s*(?:ⓒ|©|\([cC]\))?\s*(?:\d{4}(?:\s*[-~]\s*\d{4})?\s*)?"
    r"(?P<name>[^,.|<>\[\]()]{2,40}?)\s*(?=[,.|>\]]|\s+All\s|\s*무단|\s*$|\s+\d{4}|\s+Co\.|\s+Inc\b|\s+Corp)"
)


def _publisher_from_lines(lines: list[str]) -> str | None:
    for line in lines:
        core = _core(line)
        if not _is_copyright(core):
            continue
        m = _COPY_NAME_RE.search(core)
        if m:
            name = _ws(re.sub(r"저작권자|Copyright", "", m["name"])).strip(" :")
            if name and not re.fullmatch(r"[\d\s]+", name) and len(name) >= 2:
                return name
    for line in lines:
        core = _core(line)
        if "|" in core and _FOOTER_RE.search(core):
            first = _ws(core.split("|")[0])
            if first and len(first) <= 25 and not _FOOTER_RE.search(first) and not _is_ui_line(first) and not re.search(r"\d{2,}", first):
                return first
    return None


_MEDIA_SUFFIX_RE = re.compile(
    r"(?:뉴스|일보|신문|경제|저널|타임스|데일리|투데이|미디어|방송|리뷰|포스트|헤럴드|매일|닷컴|TV|News|Times|Daily|Post|"
    r"Herald|Journal|Signal|Review|Tribune|Gazette|Media|Wire|Today)$"
)
_ORG_WORD_RE = re.compile(
    r"\b(?:Ministry|Department|Agency|Office|Administration|Commission|Council|Institute|Corporation|Government|"
    r"Embassy|Service|Bureau|Authority|Committee|Foundation|Association|Center|Centre)\b"
)
_KO_ORG_SUFFIX_RE = re.compile(r"(?:부|처|청|위원회|진흥원|연구원|공사|공단|재단|센터|협회|시청|도청|군청|구청|특별시|광역시|도)$")


def _looks_like_masthead(core: str, publisher: str | None) -> bool:
    if publisher and (core == publisher or core.startswith(publisher + " ")):
        return True
    if len(core) > 40 or _SENT_PUNCT_RE.search(core) or re.search(r"\d", core):
        return False
    words = core.split()
    if len(words) <= 3 and _MEDIA_SUFFIX_RE.search(core):
        return True
    if _HANGUL_RE.search(core):
        return len(words) <= 3 and all(_KO_ORG_SUFFIX_RE.search(w) for w in words)
    if len(words) <= 8 and _ORG_WORD_RE.search(core):
        return all(w[0].isupper() or w in ("of", "and", "the", "for", "&", "on") for w in words)
    return bool(re.fullmatch(r"[A-Z][A-Z &]{2,30}", core))
