"""Read article files into :class:`~policygraph.models.Article` objects.

Public API
----------
``iter_articles(paths, *, max_bytes=DEFAULT_MAX_BYTES)``
    Files and folders (folders recursively, sorted, hidden entries and
    unsupported extensions skipped silently) -> ``Article`` or
    ``IngestFailure`` items, in order.  A bad file or record yields one
    ``IngestFailure`` and the batch goes on.
``read_file(path, *, max_bytes=DEFAULT_MAX_BYTES, source=None)``
    One file -> ``list[Article]``; raises ``IngestError`` on the first problem
    (for multi-record files, naming the record ``PATH#N``).
``article_from_text(text, source="<text>", fmt="txt")``
    Parse already-decoded text (txt, html, md) into one Article.
``stable_id(name, title, published)``
    The id rule for articles without a record id (see below).

Formats
-------
``.txt`` (portal page dumps, Korean 보도자료 and English press releases),
``.html``/``.htm``/``.xhtml`` (selectolax), ``.json`` (one object, an array,
or an object holding an ``articles``/``items``/``records``/``data`` list),
``.jsonl``/``.ndjson`` (one record a line), ``.md``/``.markdown``.
Records carry ``id``, ``title``, ``body`` or ``text``, ``published``, ``url``,
``publisher``, ``lang`` (a few common synonyms are accepted too).

Sources and ids
---------------
``Article.source`` is the path as the caller gave it (a file under a given
folder is ``os.path.join(folder, relative path)``, never resolved); a record of
a JSON Lines file or of a JSON array is ``PATH#N``, N counting records from 1
(every non-blank line of a JSON Lines file is a record, malformed or not, so
numbering does not shift when one line is bad).

``Article.id`` is the record's ``id`` when it has one; otherwise
``stable_id(name, title, published)``: the first 16 hex digits of
SHA-1 over ``name + "\\n" + title + "\\n" + published-date``, where ``name`` is
the file's base name, Unicode-NFC and lower-cased, with ``#N`` appended for a
record of a multi-record file, ``title`` is the whitespace-normalised title
and the date is ``YYYY-MM-DD`` (empty when unknown).  It does not depend on the
folder, the machine or the checkout.

Page furniture
--------------
``Article.text`` is the body only: headline, date lines, font-size and share
controls, reaction buttons, bylines and reporter e-mails, copyright and
publisher footers, related / most-read lists, market tickers are removed;
paragraphs are kept, separated by a blank line (``\\n\\n``), whitespace
normalised within each line.  For a Korean press release (보도자료) the header
(보도시점/엠바고, 배포일시, 담당 부서, 책임자/담당자 with phone numbers) goes to
``Article.properties`` (``issuer``, ``office``, ``embargo``, ``released``,
``contacts``, ``doc_type``, ``attachments``) and the trailing 붙임 list,
contact sentence and licence lines are dropped; □/ㅇ/- bullets stay.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from .dates import KST, find_datetime, parse_datetime
from .errors import IngestError
from .models import Article, IngestFailure

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "iter_articles",
    "read_file",
    "article_from_text",
    "decode_bytes",
    "stable_id",
    "detect_lang",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


# ==========================================================================
# Public entry points


def iter_articles(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | IngestFailure]:
    """Articles of every file and folder in ``paths``, in order.

    A folder is walked recursively in sorted order; hidden files and folders
    and files of unsupported types are skipped silently.  A file named
    explicitly with an unsupported extension, a missing path, an unreadable,
    empty, binary or too large file, a malformed JSON file each yield one
    :class:`IngestFailure`; a malformed JSON Lines line yields one failure
    naming ``PATH#N`` and the other records still load.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        given = os.fspath(p)
        if os.path.isdir(given):
            for rel in _walk_sorted(given):
                yield from _items_of(os.path.join(given, rel), max_bytes)
        elif os.path.exists(given):
            ext = _ext(given)
            if ext not in SUPPORTED_EXTENSIONS:
                yield IngestFailure(given, _unsupported_message(ext))
                continue
            yield from _items_of(given, max_bytes)
        else:
            yield IngestFailure(given, "no such file or directory")


def read_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    source: str | None = None,
) -> list[Article]:
    """The articles of one file; raises :class:`IngestError` on the first
    problem (the file, or one record ``PATH#N`` of a multi-record file)."""
    src = source if source is not None else os.fspath(path)
    items = _read_source(os.fspath(path), src, max_bytes)
    out: list[Article] = []
    for it in items:
        if isinstance(it, IngestFailure):
            raise IngestError(it.source, it.message)
        out.append(it)
    return out


def article_from_text(text: str, source: str = "<text>", fmt: str = "txt") -> Article:
    """One article from decoded text in format ``fmt`` (txt, html or md)."""
    text = _normalize_text(text)
    if not text.strip():
        raise IngestError(source, "empty file")
    if fmt == "html":
        parsed = _parse_html(text, source)
    elif fmt == "md":
        parsed = _parse_markdown(text, source)
    else:
        parsed = _parse_txt(text, source)
    return _finish(parsed, source, _id_name(source))


def stable_id(name: str, title: str, published: datetime | str | None) -> str:
    """The id of an article without a record id (see the module doc)."""
    base = unicodedata.normalize("NFC", os.path.basename(name.replace("\\", "/"))).strip().lower()
    t = _ws(unicodedata.normalize("NFC", title or ""))
    if isinstance(published, datetime):
        d = published.date().isoformat()
    else:
        d = (published or "")[:10]
    return hashlib.sha1(f"{base}\n{t}\n{d}".encode("utf-8")).hexdigest()[:16]


def detect_lang(text: str) -> str:
    """``"ko"`` when Hangul makes up a fair share of the letters, else ``"en"``."""
    hangul = len(_HANGUL_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if hangul + latin == 0:
        return "ko"
    return "ko" if hangul / (hangul + latin) >= 0.2 else "en"


# ==========================================================================
# Files, folders, bytes


def _ext(path: str) -> str:
    name = os.path.basename(path)
    return os.path.splitext(name)[1].lower()


def _unsupported_message(ext: str) -> str:
    kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    shown = ext if ext else "(no extension)"
    return f"unsupported file type {shown!r} (supported: {kinds})"


def _walk_sorted(folder: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if f.startswith(".") or _ext(f) not in SUPPORTED_EXTENSIONS:
                continue
            rel = os.path.relpath(os.path.join(root, f), folder)
            found.append((tuple(Path(rel).parts), rel))
    found.sort()
    return [rel for _, rel in found]


def _items_of(path: str, max_bytes: int) -> Iterator[Article | IngestFailure]:
    try:
        yield from _read_source(path, path, max_bytes)
    except IngestError as e:
        yield IngestFailure(e.source, e.message)


def _read_source(path: str, source: str, max_bytes: int) -> list[Article | IngestFailure]:
    ext = _ext(path)
    fmt = SUPPORTED_EXTENSIONS.get(ext)
    if fmt is None:
        raise IngestError(source, _unsupported_message(ext))
    data = _read_bytes(path, source, max_bytes)
    text = decode_bytes(data, source)
    if fmt == "jsonl":
        return _parse_jsonl(text, source)
    if fmt == "json":
        return _parse_json(text, source)
    return [article_from_text(text, source, fmt)]


def _read_bytes(path: str, source: str, max_bytes: int) -> bytes:
    try:
        size = os.path.getsize(path)
        if os.path.isdir(path):
            raise IngestError(source, "is a directory")
        if size > max_bytes:
            raise IngestError(source, f"too large ({_mb(size)} > {_mb(max_bytes)} limit)")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except IngestError:
        raise
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory") from None
    except PermissionError:
        raise IngestError(source, "permission denied") from None
    except OSError as e:
        raise IngestError(source, f"cannot read file: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise IngestError(source, f"too large (over {_mb(max_bytes)} limit)")
    return data


def _mb(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with a BOM,
    CP949/EUC-KR, else what charset-normalizer finds.  Raises
    :class:`IngestError` for empty or binary data."""
    if not data.strip():
        raise IngestError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(source, "binary file (undecodable UTF-16)") from None
        return _check_text(text, source)
    if b"\x00" in data:
        raise IngestError(source, "binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None:
        loose = data.decode("utf-8", errors="replace")
        bad = loose.count("\ufffd")
        if bad <= max(2, len(loose) // 2000) and _HANGUL_RE.search(loose) or bad <= 2 and not _has_high_bytes_run(data):
            text = loose.lstrip("\ufeff")
    if text is None:
        try:
            text = data.decode("cp949")
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
        except Exception:  # pragma: no cover - library failure
            best = None
        if best is None:
            raise IngestError(source, "binary file (no text encoding fits)")
        text = str(best)
    return _check_text(text, source)


def _has_high_bytes_run(data: bytes) -> bool:
    return re.search(rb"[\x80-\xff]{2}", data) is not None


def _check_text(text: str, source: str) -> str:
    if not text.strip():
        raise IngestError(source, "empty file")
    sample = text[:65536]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise IngestError(source, "binary file (too many control characters)")
    return text


# ==========================================================================
# Text normalisation helpers

_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH_RE.sub("", text)
    text = text.replace("\t", "    ").replace("\u00a0", " ").replace("\u3000", " ")
    text = _CONTROL_RE.sub("", text.replace("\x0c", "\n"))
    return text


def _ws(s: str) -> str:
    return _SPACES_RE.sub(" ", s).strip()


def _join_paragraphs(paragraphs: list[list[str]]) -> str:
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


# ==========================================================================
# Line classification: page furniture

_CORE_STRIP_RE = re.compile(r"^[\s•·∙●◦▪▫■◆▶▷►▸‣*]+|\s+$")


def _core(line: str) -> str:
    """The line without leading list bullets and outer whitespace."""
    return _ws(_CORE_STRIP_RE.sub("", line))


_UI_TOKENS = {
    # font size controls
    "가장작게", "작게", "기본", "보통", "크게", "가장크게", "글자크기", "글씨크기", "글자", "글씨", "크기",
    "가", "가+", "가-", "[가]", "[가+]", "[가-]", "가가", "a+", "a-", "font", "size", "text", "조절", "조절하기",
    "변경", "설정",
    # share / print / save
    "공유", "공유하기", "인쇄", "인쇄하기", "프린트", "기사저장", "저장", "스크랩", "url복사", "링크복사",
    "주소복사", "url", "복사", "페이스북", "트위터", "x", "카카오톡", "카카오스토리", "카카오", "밴드",
    "네이버", "블로그", "네이버블로그", "라인", "이메일", "메일", "텔레그램", "북마크", "sns",
    "share", "print", "email", "e-mail", "facebook", "twitter", "linkedin", "kakao", "kakaotalk",
    "whatsapp", "telegram", "copy", "link", "reddit", "listen", "듣기", "음성듣기", "기사듣기", "번역",
    "translate", "rss", "확대", "축소", "닫기", "열기", "더보기", "목록", "이전", "다음",
    # account / site tools
    "로그인", "로그아웃", "회원가입", "마이페이지", "검색", "전체메뉴", "메뉴", "구독", "구독하기",
    "구독신청", "뉴스레터", "search", "sitemap", "login", "logout", "log", "in", "sign", "up",
    "subscribe", "menu", "home", "홈", "한국어", "english", "eng", "kor", "中文", "日本語",
    # reactions
    "댓글", "좋아요", "싫어요", "추천", "비추천", "반대", "공감", "comments", "comment", "like",
    # portal article tools
    "pick", "기사원문", "원문", "본문", "요약봇", "요약", "텍스트", "음성", "변환", "서비스", "사용하기", "변경하기",
    "보내기", "언론사", "구독자", "응원수", "응원", "팔로우", "follow", "바로가기", "클릭", "읽기", "모드",
    "다크모드", "tts", "aa", "a", "top", "맨위로", "위로",
}
_UI_SPLIT_RE = re.compile(r"[\s|:·∙•/]+")
_NUM_TOKEN_RE = re.compile(r"^[\[(]?[+-]?\d[\d,.]*%?[\])]?$")


def _is_ui_line(core: str) -> bool:
    if not core:
        return False
    toks = [t for t in _UI_SPLIT_RE.split(core.lower()) if t]
    if not toks:
        return True
    ui = 0
    for t in toks:
        if t in _UI_TOKENS:
            ui += 1
        elif _NUM_TOKEN_RE.match(t):
            continue
        else:
            return False
    return ui > 0


_SENT_PUNCT_RE = re.compile(r"[,.…“”‘’\"'?!()]")


def _is_menu_line(line: str) -> bool:
    core = _ws(line)
    cells = [c for c in re.split(r"\s*[|]\s*|\s{2,}", line.strip()) if c]
    if len(cells) < 3:
        return False
    if any(len(c) > 14 or _SENT_PUNCT_RE.search(c) for c in cells):
        return False
    return len(core) <= 160


_BREADCRUMB_RE = re.compile(r"\s(?:>|›|»|＞|〉)\s|^\S{1,12}\s*(?:>|›|»|＞)\s*\S")


def _is_breadcrumb(core: str) -> bool:
    return bool(core) and len(core) <= 60 and bool(_BREADCRUMB_RE.search(core)) and not re.search(r"[“”‘’\"'…]", core)


_SECTION_TAG_RE = re.compile(r"^\[[^\]]{1,15}\]\s*\S{0,12}$")
_WEEKDAY_WORD_RE = re.compile(
    r"\(?\s*(?:[월화수목금토일]요일|[월화수목금토일]|Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\s*\)?",
)


def _is_dateish(core: str) -> bool:
    """A line that is only a date (and maybe a weekday / site tools)."""
    found = find_datetime(core)
    if not found:
        return False
    rest = core[: found[1]] + " " + core[found[2]:]
    rest = _WEEKDAY_WORD_RE.sub(" ", rest)
    toks = [t for t in _UI_SPLIT_RE.split(rest.lower()) if t]
    return all(t in _UI_TOKENS or _NUM_TOKEN_RE.match(t) for t in toks)


def _unkeyed_date(core: str) -> datetime | None:
    """The timestamp of a short line that is a date plus a name or two
    ("2023.10.19 과학기술정보통신부"), else None."""
    if len(core) > 50:
        return None
    found = find_datetime(core)
    if not found:
        return None
    if found[2] < len(core) and _HANGUL_RE.match(core[found[2]]):
        return None  # "2024년 1월 1일부터 ..." is a sentence, not a date line
    rest = _WEEKDAY_WORD_RE.sub(" ", core[: found[1]] + " " + core[found[2]:])
    rest = _ws(re.sub(r"[|·:()\[\]<>,\-–]", " ", rest))
    if len(rest) > 25 or len(rest.split()) > 3 or re.search(r"[.!?…“”‘’\"']|(?:다|요)$", rest):
        return None
    return found[0]


_DATE_KEY_RE = re.compile(
    r"(?P<key>기사\s*입력|최초\s*입력|입력|최초\s*등록|뉴스\s*등록|등록일?|게재일?|게시일?|발행일?|기사\s*전송|전송|송고|승인|작성일?|"
    r"최종\s*수정|수정일?|업데이트|"
    r"Date|Published|Posted|Updated|Last\s+updated|Modified|Release\s+date|Released|Issued|First\s+published)"
    r"\s*(?:일시|시간|시각)?\s*[:：]?\s*(?:on\s+|at\s+)?(?=\d|[A-Z][a-z]{2})",
)
_FIRST_KEYS = ("입력", "기사입력", "최초입력", "최초등록", "뉴스등록", "등록", "등록일", "게재", "게재일", "게시",
               "게시일", "발행", "발행일", "기사전송", "전송", "송고", "작성", "작성일", "date", "published", "posted",
               "releasedate", "released", "issued", "firstpublished")
_LAST_KEYS = ("수정", "수정일", "최종수정", "업데이트", "updated", "lastupdated", "modified")
_VIEWS_RE = re.compile(r"(?:Views?|Hits?|조회수?|조회)\s*[:：]?\s*[\d,]+", re.I)
_REPORTER_WORDS = r"(?:기자|특파원|선임기자|객원기자|인턴기자|수습기자|전문기자|논설위원|편집위원|통신원|리포터|에디터)"


def _keyed_dates(core: str) -> list[tuple[str, datetime]] | None:
    """``[(key, datetime)]`` when ``core`` is a meta line of dates ("입력 … |
    수정 …", "Date … Views …", "홍길동 기자 입력 …"), else None."""
    if len(core) > 160:
        return None
    out: list[tuple[str, datetime]] = []
    rest = core
    spans: list[tuple[int, int]] = []
    for m in _DATE_KEY_RE.finditer(core):
        found = find_datetime(core[m.end():])
        if not found or found[1] > 2:
            continue
        key = re.sub(r"\s+", "", m["key"]).lower()
        out.append((key, found[0]))
        spans.append((m.start(), m.end() + found[2]))
    if not out:
        return None
    for s, e in reversed(spans):
        rest = rest[:s] + " " + rest[e:]
    rest = _EMAIL_RE.sub(" ", rest)
    rest = _VIEWS_RE.sub(" ", rest)
    rest = re.sub(rf"[가-힣]{{2,4}}\s*{_REPORTER_WORDS}", " ", rest)
    rest = re.sub(r"\bBy\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", " ", rest)
    rest = re.sub(r"[|·:()\[\]<>,\-–]", " ", rest)
    if len(_ws(rest)) > 20:
        return None
    return out


def _pick_published(keyed: list[tuple[str, datetime]]) -> datetime | None:
    if not keyed:
        return None
    for key, dt in keyed:
        if key in _FIRST_KEYS:
            return dt
    for key, dt in keyed:
        if key not in _LAST_KEYS:
            return dt
    return keyed[0][1]


# --- end-of-article markers ------------------------------------------------

_BYLINE_KO_RE = re.compile(
    r"^[\[(<【/=\s]*(?:[^\s\]]{1,15}\s+)?(?:글\s*[=:]\s*|사진\s*[=:]\s*|취재\s*[=:]?\s*)?"
    rf"[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s*{_REPORTER_WORDS}(?![가-힣])"
    r"[\])>】\s]*(?:\(?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\)?)?\s*$"
)
_BYLINE_EN_RE = re.compile(r"^(?:By|BY|Written by|Reporter:?)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[,(|].{0,80})?$")
_CONTACTISH_RE = re.compile(r"기자|reporter|문의|연락처|☎|tel\b|phone|contact|e-?mail", re.I)
_COPYRIGHT_RE = re.compile(
    r"ⓒ|©|\([cC]\)|Copyright|COPYRIGHT|저작권자|무단\s*전재|무단\s*복제|재배포\s*금지|All\s+[Rr]ights\s+[Rr]eserved"
)
# a copyright notice, as opposed to a sentence about copyright
_COPY_STRONG_RE = re.compile(
    r"ⓒ|©|^Copyright\b|COPYRIGHT|Copyright\s*(?:ⓒ|©|\([cC]\)|\d{4})|All\s+[Rr]ights\s+[Rr]eserved|<\s*저작권자|저작권자\s*(?:ⓒ|©|\([cC]\))"
)
_COPY_WEAK_RE = re.compile(r"저작권자|무단\s*전재|무단\s*복제|재배포")


def _is_copyright(core: str) -> bool:
    if len(core) > 160:
        return False
    if _COPY_STRONG_RE.search(core):
        return True
    if re.search(r"\([cC]\)\s*\S", core) and len(core) <= 80 and not re.search(r"[가-힣]다\.$", core):
        return True
    return (
        bool(_COPY_WEAK_RE.search(core))
        and "금지" in core
        and len(core) <= 80
        and not re.search(r"(?:했|였|혔|겠|있|없|한|된)다\.?$", core)
    )
_FOOTER_RE = re.compile(
    r"등록\s*번호|등록\s*일자?\s*[:：]?\s*\d|발행\s*[·ㆍ]?\s*편집인|발행인|편집인|편집국장|청소년\s*보호\s*책임자|"
    r"사업자\s*등록|개인정보\s*(?:처리|보호)\s*(?:방침|정책|책임자)|회사\s*소개|기사\s*제보|광고\s*문의|제휴\s*문의|"
    r"이용\s*약관|고충\s*처리|대표\s*전화|Publisher\s*:|Editor\s*:|Privacy\s+Policy|Terms\s+of\s+(?:Use|Service)"
)
_LIST_HEAD_RE = re.compile(
    r"^(?:"
    r"이\s*기사와\s*(?:관련된|관련|함께\s*(?:많이\s*)?(?:본|읽은))\s*(?:뉴스|기사)"
    r"|(?:관련|연관|관련된)\s*(?:기사|뉴스|소식)(?:\s*더보기)?"
    r"|(?:가장\s*)?많이\s*(?:본|읽은|공유한|찾은)\s*(?:뉴스|기사)"
    r"|(?:실시간\s*)?(?:주요|인기|추천|최신|랭킹|화제의|핫|많이본|헤드라인|포토|베스트|에디터\s*픽|섹션\s*별?|오피니언)"
    r"\s*(?:뉴스|기사|이슈|포토|클릭)?"
    r"|오늘의\s*\S{1,8}"
    r"|(?:Related|More\s+from|More\s+stories|Most\s+(?:popular|read|viewed|shared)|Top\s+stories|Latest(?:\s+news)?|"
    r"Trending(?:\s+now)?|Recommended(?:\s+stories)?|Popular(?:\s+stories)?|Editor'?s\s+picks?|Read\s+more|You\s+may\s+also\s+like)"
    r"[\w\s':-]{0,25}"
    r")\s*(?<![.!?])$",
    re.I,
)
_TICKER_HEAD_RE = re.compile(
    r"시세|시황|상승\s*종목|하락\s*종목|장\s*마감|장\s*종료|"
    r"^[\[<【(]?\s*(?:증시|환율|국제\s*유가|유가|날씨|오늘의\s*날씨|주요\s*지수|Markets?|Stocks?)\s*[\]>】)]?(?:\s|$)"
)
_PRICE_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PCT_RE = re.compile(r"(?:[+\-▲▼△▽]\s*\d+(?:\.\d+)?\s*%)|(?:\(\s*[+\-]?\d+(?:\.\d+)?\s*%\s*\))")
_REACTION_RE = re.compile(
    r"^(?:좋아요|싫어요|화나요|슬퍼요|훈훈해요|놀랐어요|후속\s*기사\s*원해요|추가\s*취재\s*원해요|응원해요|감동이에요|"
    r"재밌어요|흥미로워요|최고예요|기뻐요|공감|추천|비추천|반대|이\s*기사를\s*추천합니다|기사\s*추천)\s*(?:\d|\[|\(|$)"
)
_NAV_END_RE = re.compile(
    r"^(?:List|Back\s+to\s+list|목록(?:으로)?|이전\s*글|다음\s*글|이전\s*기사|다음\s*기사)$"
    r"|^(?:Previous|Next|Prev|이전\s*글|다음\s*글)(?:\s{2,}|\s*[:|]\s*|$)"
    r"|^(?:Attachments?|첨부\s*파일|첨부|Download|파일\s*다운로드)(?:\s{2,}|\s*[:|：]|$)"
    r"|^(?:Media\s+|Press\s+)?(?:[Cc]ontacts?|[Ii]nquiries)\s*(?:[:：]|$)"
    r"|^For\s+(?:more|further)\s+information"
    r"|^Notes?\s+to\s+[Ee]ditors"
    r"|^About\s+(?:the\s+)?[A-Z][\w&.,'’ -]{1,60}(?<![.!?])$"
    r"|^(?:문의|연락처|문의처)\s*[:：]"
    r"|^(?:#{3,}|-+\s*(?:끝|END|End)\s*-+|[(<]?\s*끝\s*[)>]?\.?|/\s*끝\s*/|\(END\)|END|-\s*30\s*-)$"
)
_INLINE_LINK_RE = re.compile(r"^(?:관련\s*기사|관련\s*뉴스|함께\s*보면\s*좋은\s*기사|Related(?:\s+(?:story|article))?|Read\s+more)\s*[:：▶>]")
_PHOTO_CREDIT_RE = re.compile(r"^[\[(<]?\s*(?:사진|자료|그래픽|이미지|영상|출처|제공|Photo|Image|Source)\s*[=:：]\s*[^\])>]{1,40}[\])>]?$")
_PAGE_NO_RE = re.compile(r"^[-–]\s*\d{1,3}\s*[-–]$|^\d{1,3}\s*/\s*\d{1,3}$")


def _is_byline(core: str) -> bool:
    if len(core) > 100:
        return False
    if _BYLINE_KO_RE.match(core) or _BYLINE_EN_RE.match(core):
        return True
    if _EMAIL_RE.search(core) and len(core) <= 90:
        rest = _EMAIL_RE.sub("", core)
        if _CONTACTISH_RE.search(core) or len(_ws(re.sub(r"[()\[\]<>|,:]", " ", rest))) <= 15:
            return True
    return False


def _is_ticker_line(core: str) -> bool:
    pct = len(_PCT_RE.findall(core))
    if pct >= 2 and not re.search(r"(?:다|요)[.”’\"]*$", core):
        return True
    return pct == 1 and len(core) <= 60 and bool(_PRICE_RE.search(core)) and not re.search(r"[가-힣](?:다|요)[.”’\"]*$", core)


def _end_kind(core: str, raw: str | None = None) -> str | None:
    """Why ``core`` ends the article body, or None.  ``raw`` is the line with
    its inner spacing kept (cell gaps of page dumps tell navigation apart)."""
    if not core:
        return None
    if _is_byline(core):
        return "byline"
    if _is_copyright(core):
        return "copyright"
    if _FOOTER_RE.search(core) and ("|" in core or len(core) <= 40):
        return "footer"
    if len(core) <= 40 and _LIST_HEAD_RE.match(core.strip("[]<>【】 ")):
        return "list"
    if len(core) <= 40 and _TICKER_HEAD_RE.search(core) and not re.search(r"(?:다|요)\.$", core):
        return "ticker"
    if _is_ticker_line(core):
        return "ticker"
    if _REACTION_RE.match(core):
        return "reaction"
    if _NAV_END_RE.match(core) or (raw is not None and _NAV_END_RE.match(_CORE_STRIP_RE.sub("", raw))):
        return "nav"
    return None


def _is_prose(core: str) -> bool:
    return len(core) >= 80 or bool(re.search(r"(?:[.!?。]|다|요)[”’\"')\]]*$", core))


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
    r"|[A-Z][A-Za-z .]{1,30},\s+[A-Z][a-z]{2,4}\.?\s+\d{1,2}\s+\((?:Yonhap|AP|AFP|Reuters|Newsis|News1)\)\s+--\s+)",
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


# ==========================================================================
# Body assembly shared by every format


_YONHAP_PREFIX_RE = re.compile(
    r"^\s*(?:[(\[【<]\s*[가-힣A-Za-z]{1,10}\s*=\s*[가-힣A-Za-z0-9 ]{1,15}\s*[)\]】>]\s*"
    rf"(?:[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s*{_REPORTER_WORDS}\s*=?\s*)?"
    rf"|\[\s*[^\]]{{0,20}}?[가-힣]{{2,4}}\s*{_REPORTER_WORDS}\s*\]\s*"
    rf"|[가-힣]{{2,4}}\s*{_REPORTER_WORDS}\s*=\s*)"
)
_TRAILING_END_RE = re.compile(r"\s*(?:[(<]\s*끝\s*[)>]|/\s*끝\s*/|-\s*끝\s*-|\s{2,}끝\s*\.?)\s*$")


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
        if kind is not None:
            if self.started:
                self.ended = True
                self.end_index = index
                self._flush()
                return
            if kind in ("list", "ticker"):
                self.skip_list = True
            return
        if self.skip_list and not _is_prose(core):
            return
        self.skip_list = False
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
        if paras:
            first = paras[0][0]
            stripped = _YONHAP_PREFIX_RE.sub("", first, count=1)
            if stripped != first and stripped.strip():
                paras[0][0] = stripped.strip()
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


def _parse_txt(text: str, source: str) -> _Parsed:
    lines = text.split("\n")
    kind = _detect_kind(lines)
    if kind == "press_ko":
        parsed = _parse_press_ko(lines)
        if parsed is not None and parsed.title and parsed.text:
            return parsed
    return _parse_page(lines, press_en=(kind == "press_en"))


# --- news page dumps and English press releases ---------------------------


def _header_furniture(line: str, core: str) -> bool:
    return (
        _is_menu_line(line)
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
        if cores[i] and _keyed_dates(cores[i]) is not None:
            date_idx = i
            break
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
    if usable:
        title_idx = usable[0]
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


# ==========================================================================
# HTML

_HTML_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select",
                   "input", "textarea", "nav", "aside", "footer", "header", "figure", "figcaption", "object",
                   "embed", "video", "audio", "canvas", "map", "dialog")
_FURN_TOKENS = {
    "related", "relate", "relation", "popular", "ranking", "rank", "most", "share", "sharing", "sns", "social",
    "comment", "comments", "reply", "replies", "byline", "reporter", "author", "writer", "copyright", "ad", "ads",
    "advert", "advertisement", "banner", "promo", "sponsor", "sponsored", "tool", "tools", "util", "utility",
    "breadcrumb", "breadcrumbs", "subscribe", "newsletter", "recommend", "recommended", "reaction", "reactions",
    "like", "likes", "vote", "tag", "tags", "keyword", "keywords", "footer", "header", "nav", "navigation", "menu",
    "gnb", "lnb", "snb", "sidebar", "side", "aside", "print", "font", "fontsize", "ticker", "stock", "weather",
    "login", "search", "widget", "pagination", "paging", "dateline", "masthead", "logo", "modal", "popup", "cookie",
    "photo", "caption", "more", "prev", "next", "hot", "issue", "trend", "trending", "bottom", "top-banner",
}
_SUBTITLE_CLASS_RE = re.compile(r"sub[-_ ]?tit|subhead|standfirst|\bdeck\b|article[-_]?sub|sub[-_]?head", re.I)
_BODY_SELECTORS = (
    '[itemprop="articleBody"]', "#articleBody", "#articleBodyContents", "#article-view-content-div", "#newsct_article",
    "#dic_area", "#news_body_area", "#article_body", "#article-body", "#articleText", "#news-contents",
    ".article-body", ".article_body", ".articleBody", ".article-content", ".article_content", ".article-text",
    ".article_txt", ".news-body", ".news_body", ".news-content", ".news_content", ".view-content", ".view_content",
    ".view_con", ".story-body", ".story-news", ".post-content", ".entry-content", ".content-body",
)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
    "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "caption", "address", "center", "hr",
    "header", "footer", "figure", "figcaption", "details", "summary", "body", "html",
}
_PUB_META_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished", "publishdate",
    "publish-date", "publish_date", "pubdate", "pub_date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "og:regdate", "article:published_date", "date",
    "created", "og:pubdate",
)
_MOD_META_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified")


def _class_tokens(node) -> set[str]:
    attrs = node.attributes or {}
    s = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    s = re.sub(r"([a-z])([A-Z])", r"\1 \2", s)
    return {t for t in re.split(r"[\s_\-]+", s.lower()) if t}


def _html_parser(text: str):
    try:
        from selectolax.lexbor import LexborHTMLParser

        return LexborHTMLParser(text)
    except ImportError:  # pragma: no cover
        from selectolax.parser import HTMLParser

        return HTMLParser(text)


def _html_text(root) -> str:
    out: list[str] = []
    stack: list[Any] = []

    def push_children(node) -> None:
        kids = list(node.iter(include_text=True))
        stack.extend(reversed(kids))

    push_children(root)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = item.tag or ""
        if tag == "-text":
            t = item.text_content or ""
            out.append(re.sub(r"\s+", " ", t))
        elif tag == "br":
            out.append("\n")
        elif tag.startswith("-") or tag in _HTML_DROP_TAGS:
            continue
        elif tag in _BLOCK_TAGS:
            out.append("\n\n")
            stack.append("\n\n")
            push_children(item)
        elif tag in ("td", "th"):
            out.append(" ")
            stack.append(" ")
            push_children(item)
        else:
            push_children(item)
    raw = "".join(out)
    lines = [_ws(l) for l in raw.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _jsonld_objects(tree) -> list[dict[str, Any]]:
    objs: list[dict[str, Any]] = []
    for s in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(s.text() or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            d = stack.pop()
            if isinstance(d, list):
                stack.extend(d)
            elif isinstance(d, dict):
                objs.append(d)
                if "@graph" in d:
                    stack.append(d["@graph"])
    return objs


def _strip_site_suffix(title: str, site: str | None) -> str:
    t = _ws(title)
    if site:
        for sep in (" | ", " - ", " :: ", " – ", " — ", " < ", " : "):
            if t.endswith(sep + site):
                return t[: -len(sep + site)].strip()
    m = re.match(r"^(.{10,}?)\s+(?:\||::|-|–|—|<)\s+([^|:\-–—<]{2,25})$", t)
    if m and not site:
        return m.group(1).strip()
    return t


def _parse_html(text: str, source: str) -> _Parsed:
    p = _Parsed()
    tree = _html_parser(text)
    meta: dict[str, str] = {}
    for m in tree.css("meta"):
        a = m.attributes or {}
        key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").strip().lower()
        val = a.get("content")
        if key and val and val.strip() and key not in meta:
            meta[key] = val.strip()
    ld = _jsonld_objects(tree)
    ld_article = next((o for o in ld if any(k in o for k in ("headline", "datePublished", "articleBody"))), {})

    site = meta.get("og:site_name")
    if not site:
        pub = next((o.get("publisher") for o in ld if isinstance(o.get("publisher"), (dict, str))), None)
        if isinstance(pub, dict):
            site = pub.get("name")
        elif isinstance(pub, str):
            site = pub
    if not site:
        site = meta.get("publisher") or meta.get("application-name") or meta.get("twitter:site")
    if site:
        site = _ws(str(site)).lstrip("@") or None

    title_tag = tree.css_first("title")
    h1 = tree.css_first("article h1") or tree.css_first("main h1") or tree.css_first("h1")
    title = (
        meta.get("og:title")
        or meta.get("twitter:title")
        or (ld_article.get("headline") if isinstance(ld_article.get("headline"), str) else None)
        or (h1.text() if h1 else None)
        or (title_tag.text() if title_tag else "")
    )
    p.title = _strip_site_suffix(title or "", site)

    p.url = meta.get("og:url")
    if not p.url:
        link = tree.css_first('link[rel="canonical"]')
        if link is not None:
            p.url = (link.attributes or {}).get("href")

    published = None
    for k in _PUB_META_KEYS:
        if k in meta:
            published = parse_datetime(meta[k])
            if published:
                break
    if published is None and isinstance(ld_article.get("datePublished"), str):
        published = parse_datetime(ld_article["datePublished"])

    # page text for byline dates and copyright, before anything is removed
    body_node = tree.body
    full_text = _html_text(body_node) if body_node is not None else ""
    full_lines = full_text.split("\n")
    if published is None:
        keyed: list[tuple[str, datetime]] = []
        for line in full_lines:
            k = _keyed_dates(_core(line)) if line.strip() else None
            if k:
                keyed.extend(k)
        published = _pick_published(keyed)
    if published is None:
        for sel, attr in (('[itemprop="datePublished"]', "content"), ('[itemprop="datePublished"]', "datetime"),
                          ("time[datetime]", "datetime"), ("[data-date-time]", "data-date-time"),
                          ("[data-published]", "data-published"), ("[data-pubdate]", "data-pubdate")):
            t = tree.css_first(sel)
            if t is not None:
                published = parse_datetime((t.attributes or {}).get(attr)) or parse_datetime(t.text() or "")
                if published:
                    break
    if published is None:
        for line in full_lines[:80]:
            c = _core(line)
            if c and (_is_dateish(c) or _unkeyed_date(c) is not None):
                published = parse_datetime(c)
                break
    if published is None:
        for k in _MOD_META_KEYS:
            if k in meta:
                published = parse_datetime(meta[k])
                if published:
                    break
    p.published = published
    p.publisher = site or _publisher_from_lines(full_lines)

    # subtitles outside the body container
    subtitles: list[str] = []
    for node in tree.css("[class]"):
        cls = (node.attributes or {}).get("class") or ""
        if _SUBTITLE_CLASS_RE.search(cls):
            t = _ws(node.text() or "")
            if t and len(t) <= 300 and t != _ws(p.title) and t not in subtitles:
                subtitles.append(t)

    for tag in _HTML_DROP_TAGS:
        for node in tree.css(tag):
            node.decompose()

    container = None
    for sel in _BODY_SELECTORS:
        nodes = tree.css(sel)
        nodes = [nd for nd in nodes if len(_ws(nd.text() or "")) >= 30]
        if nodes:
            container = max(nodes, key=lambda nd: len(nd.text() or ""))
            break
    if container is None:
        best, best_len = None, 0
        scores: dict[int, tuple[Any, int]] = {}
        for para in tree.css("p"):
            parent = para.parent
            if parent is None:
                continue
            key = parent.mem_id
            ln = len(_ws(para.text() or ""))
            node, tot = scores.get(key, (parent, 0))
            scores[key] = (node, tot + ln)
        for node, tot in scores.values():
            if tot > best_len:
                best, best_len = node, tot
        if best is not None and best_len >= 80:
            container = best
    if container is None:
        container = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root

    if container is not None:
        for node in container.css("*"):
            toks = _class_tokens(node)
            if toks & _FURN_TOKENS and not _SUBTITLE_CLASS_RE.search((node.attributes or {}).get("class") or ""):
                try:
                    node.decompose()
                except Exception:  # pragma: no cover - already removed with a parent
                    pass
        body_text = _html_text(container)
    else:
        body_text = ""
    subs = [s for s in subtitles if s not in body_text]
    cleaned, keyed_in_body = _clean_body_text(body_text, p.title)
    if subs and cleaned:
        cleaned = "\n\n".join(subs + [cleaned])
    p.text = cleaned
    if p.published is None and keyed_in_body:
        p.published = _pick_published(keyed_in_body)
    if not p.title:
        first = cleaned.split("\n", 1)[0] if cleaned else ""
        p.title = first[:120]
    return p


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
        line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
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


# ==========================================================================
# JSON and JSON Lines

_REC_ID = ("id", "article_id", "doc_id", "guid", "uid")
_REC_TITLE = ("title", "headline", "subject")
_REC_BODY = ("body", "text", "content", "article", "articleBody", "contents", "description")
_REC_DATE = ("published", "published_at", "publishedAt", "datePublished", "date", "datetime", "pubDate",
             "pub_date", "created_at", "createdAt", "time", "timestamp")
_REC_URL = ("url", "link", "href", "canonical")
_REC_PUB = ("publisher", "press", "site", "site_name", "media", "outlet", "source_name", "source")
_REC_LANG = ("lang", "language", "locale")


def _norm_lang(v: Any) -> str | None:
    if not isinstance(v, str) or not v.strip():
        return None
    v = v.strip().lower().replace("_", "-")
    if v.startswith(("ko", "kor")):
        return "ko"
    if v.startswith(("en", "eng")):
        return "en"
    return v.split("-")[0]


def _first(rec: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        if k in rec and rec[k] not in (None, "", [], {}):
            return rec[k]
    return None


def _record_article(rec: Any, source: str, id_name: str) -> Article:
    if not isinstance(rec, dict):
        raise IngestError(source, f"record is a JSON {type(rec).__name__}, not an object")
    body = _first(rec, _REC_BODY)
    if isinstance(body, list):
        body = "\n\n".join(str(x) for x in body if x)
    if not isinstance(body, str) or not body.strip():
        raise IngestError(source, "record has no body/text")
    title = _first(rec, _REC_TITLE)
    title = _ws(str(title)) if title is not None else ""
    body = _normalize_text(body)
    if re.search(r"<(?:p|br|div|span|a)\b[^>]*>", body, re.I):
        body_text = _html_text(_html_parser(f"<body>{body}</body>").body)
    else:
        body_text = body
    if "\n" not in body_text.strip():
        # one line (a sentence of an NER set, a short item): keep it as given
        text, keyed = _ws(body_text), []
    else:
        text, keyed = _clean_body_text(body_text, title)
    if not text.strip():
        raise IngestError(source, "record has no body/text after cleaning")
    p = _Parsed(title=title, text=text)
    d = _first(rec, _REC_DATE)
    if isinstance(d, (int, float)) and not isinstance(d, bool):
        ts = d / 1000 if d > 1e11 else d
        try:
            p.published = datetime.fromtimestamp(ts, tz=KST)
        except (OverflowError, OSError, ValueError):
            p.published = None
    elif isinstance(d, str):
        p.published = parse_datetime(d)
    if p.published is None and keyed:
        p.published = _pick_published(keyed)
    u = _first(rec, _REC_URL)
    p.url = u if isinstance(u, str) else None
    pub = _first(rec, _REC_PUB)
    if isinstance(pub, dict):
        pub = pub.get("name")
    p.publisher = pub if isinstance(pub, str) else None
    p.lang = _norm_lang(_first(rec, _REC_LANG))
    rid = _first(rec, _REC_ID)
    if isinstance(rid, (str, int)) and not isinstance(rid, bool):
        p.record_id = str(rid)
    props = rec.get("properties")
    if isinstance(props, dict):
        p.properties.update(props)
    return _finish(p, source, id_name)


def _parse_jsonl(text: str, source: str) -> list[Article | IngestFailure]:
    out: list[Article | IngestFailure] = []
    n = 0
    base = os.path.basename(source)
    for lineno, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        n += 1
        src = f"{source}#{n}"
        try:
            rec = json.loads(line)
        except ValueError as e:
            out.append(IngestFailure(src, f"invalid JSON on line {lineno}: {_json_msg(e)}"))
            continue
        try:
            out.append(_record_article(rec, src, f"{base}#{n}"))
        except IngestError as e:
            out.append(IngestFailure(e.source, f"line {lineno}: {e.message}"))
    if n == 0:
        raise IngestError(source, "empty file")
    return out


def _json_msg(e: ValueError) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} (column {e.colno})"
    return str(e)


def _parse_json(text: str, source: str) -> list[Article | IngestFailure]:
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as e:
        if isinstance(e, json.JSONDecodeError) and e.msg == "Extra data" and text.lstrip().startswith("{"):
            return _parse_jsonl(text, source)  # JSON Lines under a .json name
        if isinstance(e, json.JSONDecodeError):
            raise IngestError(source, f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
        raise IngestError(source, f"invalid JSON: {e}") from None
    if isinstance(data, dict) and _first(data, _REC_BODY) is None:
        for k in ("articles", "items", "records", "data", "results", "documents"):
            if isinstance(data.get(k), list):
                data = data[k]
                break
    base = os.path.basename(source)
    if isinstance(data, list):
        if not data:
            raise IngestError(source, "empty JSON array")
        out: list[Article | IngestFailure] = []
        for n, rec in enumerate(data, start=1):
            src = f"{source}#{n}"
            try:
                out.append(_record_article(rec, src, f"{base}#{n}"))
            except IngestError as e:
                out.append(IngestFailure(e.source, e.message))
        return out
    if isinstance(data, dict):
        return [_record_article(data, source, base)]
    raise IngestError(source, f"JSON holds a {type(data).__name__}, not an object or an array")
