"""A parsed page (title, body, dates, metadata) becomes an ``Article``: ids and language."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..errors import IngestError
from ..models import Article
from .textutil import _HANGUL_RE, _LATIN_RE, _ws

# ==========================================================================
# Parsed document


@dataclass
class _Parsed:
    title: str = ""
    text: str = ""
    published: datetime | None = None
    publisher: str | None = None
    url: str | None = None
    lang: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    record_id: str | None = None


# wire-service datelines opening a paragraph: "[서울=뉴시스]김민수 기자 = ",
# "(서울=연합뉴스) 홍길동 기자 = ", "【세종=뉴스1】 ", "SEJONG, Nov. 14 (Yonhap) -- "
_REPORTER = r"[가-힣]{2,4}(?:\s*·\s*[가-힣]{2,4})*\s*(?:기자|특파원|통신원)\s*=\s*"
_DATELINE_RE = re.compile(
    r"^(?:[\[(【〔][가-힣A-Za-z ]{1,12}=[가-힣A-Za-z0-9 ]{2,12}[\])】〕]\s*(?:" + _REPORTER + r")?"
    r"|[\[(【〔][가-힣A-Za-z0-9 ]{2,12}[\])】〕]\s*" + _REPORTER +
    r"|[A-Z][A-Za-z .]{1,30},\s+[A-Z][a-z]{2,4}\.?\s+\d{1,2}(?:,\s+\d{4})?\s+\((?:Yonhap|AP|AFP|Reuters|Newsis|News1|[A-Z][\w-]{1,20})\)\s*(?:--|—|–)\s*)",
    re.M,
)


def _strip_datelines(text: str) -> str:
    return _DATELINE_RE.sub("", text)


def _finish(p: _Parsed, source: str, id_name: str) -> Article:
    title = _ws(p.title)
    text = _strip_datelines(p.text).strip("\n ")
    if not text and not title:
        raise IngestError(source, "no article text found")
    if not text:
        raise IngestError(source, "no article body found")
    lang = p.lang or detect_lang(title + "\n" + text)
    aid = p.record_id or stable_id(id_name, title, p.published)
    props = {k: v for k, v in p.properties.items() if v not in (None, "", [], {})}
    return Article(
        id=aid,
        source=source,
        title=title,
        text=text,
        published=p.published,
        lang=lang,
        publisher=_ws(p.publisher) if p.publisher else None,
        url=p.url or None,
        properties=props,
    )


def _id_name(source: str) -> str:
    return source



def stable_id(name: str, title: str, published: datetime | str | None) -> str:
    """The id of an article without a record id (see the module doc)."""
    base = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/"))).strip().lower()
    t = _ws(unicodedata.normalize("NFC", title or ""))
    if isinstance(published, datetime):
        d = published.date().isoformat()
    else:
        d = (published or "")[:10]
    # lone surrogates (undecodable file-name bytes, JSON "\\ud800") hash as such
    return hashlib.sha1(f"{base}\n{t}\n{d}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def detect_lang(text: str) -> str:
    """``"ko"`` when Hangul makes up a fair share of the letters, else ``"en"``."""
    hangul = len(_HANGUL_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if hangul + latin == 0:
        return "ko"
    return "ko" if hangul / (hangul + latin) >= 0.2 else "en"
