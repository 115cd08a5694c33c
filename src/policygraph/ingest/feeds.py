"""JSON and JSON Lines feeds: one article per record, common field names."""
from __future__ import annotations

import json
import os
import re
from datetime import datetime
from typing import Any

from .. import guards
from ..dates import KST, parse_datetime
from ..errors import IngestError
from ..models import Article, IngestFailure
from .body import _clean_body_text
from .document import _Parsed, _finish
from .furniture import _pick_published
from .html import _html_parser, _html_text
from .textutil import _normalize_text, _ws

# ==========================================================================
# JSON and JSON Lines

_REC_ID = ("id", "article_id", "doc_id", "guid", "uid")
_REC_TITLE = ("title", "headline", "subject")
_REC_BODY = ("body", "text", "content", "article", "articleBody", "contents", "description")
_REC_DATE = ("published", "published_at", "publishedAt", "datePublished", "date", "datetime", "pubDate",
             "regDate", "reg_date", "regdate", "registered", "writeDate", "write_date", "createDate", "issued", "releaseDate",
             "release_date", "approveDate", "sendDate",
             "pub_date", "created_at", "createdAt", "time", "timestamp")
_REC_URL = ("url", "link", "href", "canonical")
_REC_PUB = ("publisher", "press", "site", "site_name", "media", "outlet", "source_name", "source", "ministry", "agency",
            "organization", "organisation", "issuer")
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
    # [^<>]: the scan from each "<p" stops at the next "<" (with [^>] a body of "<p <p <p ..." is quadratic)
    if re.search(r"<(?:p|br|div|span|a)\b[^<>]*>", body, re.I):
        body_text = _html_text(_html_parser(f"<body>{body}</body>", source).body)
    else:
        body_text = body
    if "\n" not in body_text.strip():
        # one line (a sentence of an NER set, a short item): keep it as given
        text, keyed = _ws(body_text), []
        # no title either: a sentence record (an NER set's input), whose
        # mentions are tagged flat (``extract.doc.flatten_mentions``)
        sentence = not title
    else:
        text, keyed = _clean_body_text(body_text, title)
        sentence = False
    if not text.strip():
        raise IngestError(source, "record has no body/text after cleaning")
    p = _Parsed(title=title, text=text)
    d = _first(rec, _REC_DATE)
    if isinstance(d, (int, float)) and not isinstance(d, bool):
        try:
            ts = d / 1000 if d > 1e11 else d
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
    if sentence:
        p.properties.setdefault("unit", "sentence")
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
            rec = guards.loads_json(line)
        except ValueError as e:
            out.append(IngestFailure(src, f"invalid JSON on line {lineno}: {_json_msg(e)}"))
            continue
        try:
            out.append(_record_article(rec, src, f"{base}#{n}"))
        except IngestError as e:
            out.append(IngestFailure(e.source, f"line {lineno}: {e.message}"))
        except Exception as e:  # anything unforeseen: this record fails, the others load
            if guards.debugging():
                raise
            out.append(IngestFailure(src, f"line {lineno}: {guards.internal_message(e)}"))
    if n == 0:
        raise IngestError(source, "empty file")
    return out


def _json_msg(e: ValueError) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} (column {e.colno})"
    return str(e)


def _parse_json(text: str, source: str) -> list[Article | IngestFailure]:
    try:
        data = guards.loads_json(text.lstrip("\ufeff"))
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
            except Exception as e:  # anything unforeseen: this record fails, the others load
                if guards.debugging():
                    raise
                out.append(IngestFailure(src, guards.internal_message(e)))
        return out
    if isinstance(data, dict):
        return [_record_article(data, source, base)]
    raise IngestError(source, f"JSON holds a {type(data).__name__}, not an object or an array")
