"""HTML pages: body selection, meta tags and ld+json."""
from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from .. import guards
from ..dates import parse_datetime
from ..errors import IngestError
from .body import _clean_body_text, _publisher_from_lines
from .document import _Parsed
from .furniture import _is_prose, _is_dateish, _keyed_dates, _pick_published, _unkeyed_date
from .textutil import _core, _ws

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


def _html_parser(text: str, source: str = "<html>"):
    """The parsed tree of ``text``; HTML nested too deep for the parser to read
    in reasonable time (see :func:`guards.html_depth`) is an ``IngestError``."""
    if guards.html_depth(text) > guards.MAX_HTML_DEPTH:
        raise IngestError(source, f"HTML nested more than {guards.MAX_HTML_DEPTH} elements deep")
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
            data = guards.loads_json(s.text() or "")
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


_SHORT_BODY = 400  # characters of cleaned body below which a page gets a second opinion


def _second_opinion(html: str, title: str) -> tuple[str, list[tuple[str, datetime]]] | None:
    """The body trafilatura finds, cleaned by our own furniture rules; None when it
    finds nothing (or is not installed)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        found = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True, deduplicate=True)
    except Exception:  # noqa: BLE001 - a second opinion never breaks a page our rules read
        return None
    if not found:
        return None
    lines = found.split("\n")
    # a run of short lines without a sentence's end after the prose: other headlines
    while len(lines) > 1 and lines[-1].strip() and not _is_prose(_core(lines[-1])) and len(_core(lines[-1])) < 60:
        lines.pop()
    return _clean_body_text("\n\n".join(l for l in lines if l.strip()), title)


def _parse_html(text: str, source: str) -> _Parsed:
    p = _Parsed()
    tree = _html_parser(text, source)
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
    if len(cleaned) < _SHORT_BODY:
        # our rules found no body or a suspiciously short one: a maintained boilerplate
        # extractor gives a second opinion, and the longer body wins
        second = _second_opinion(text, p.title)
        if second is not None and len(second[0]) >= 2 * max(len(cleaned), 1) and len(second[0]) >= 80:
            cleaned, keyed_in_body = second
    if subs and cleaned:
        cleaned = "\n\n".join(subs + [cleaned])
    p.text = cleaned
    if p.published is None and keyed_in_body:
        p.published = _pick_published(keyed_in_body)
    if not p.title:
        first = cleaned.split("\n", 1)[0] if cleaned else ""
        p.title = first[:120]
    return p
