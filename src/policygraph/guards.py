"""Guards that keep one bad input from sinking a batch.

Every function here is small and called from the stages (ingest, pipeline,
CLI) at the points where untrusted input meets code that can blow up:

* :func:`internal_message` turns any unexpected exception into the one-line
  reason of a failure, with the way to get the traceback;
* :func:`printable` makes a path or message safe to print on one line
  (undecodable file-name bytes, lone surrogates, control characters escaped);
* :func:`loads_json` parses JSON with a depth limit and no ``RecursionError``;
* :func:`html_depth` measures how deep HTML nests before the parser sees it
  (the parser's cost grows with depth times size);
* :func:`read_regular_file` reads a file without ever blocking on a FIFO,
  socket or device;
* :func:`clean_article` replaces lone surrogates (which no store can encode)
  and checks that an article's properties are storable;
* :func:`check_neo4j_uri` validates a store URI before anything runs;
* :func:`crash_point` is a test hook: ``POLICYGRAPH_CRASH_AT=NAME[:N]`` makes
  the process kill itself (``SIGKILL``, or the signal named by
  ``POLICYGRAPH_CRASH_SIGNAL``) the N-th time it passes the point ``NAME``
  (to its whole process group, as a terminal does, when
  ``POLICYGRAPH_CRASH_GROUP`` is set).
"""
from __future__ import annotations

import json
import os
import re
import stat
from typing import Any, Iterator
from urllib.parse import urlsplit

from .errors import ConfigError, IngestError

#: JSON nested deeper than this is refused (records are a few levels deep).
MAX_JSON_DEPTH = 100
#: what a user is told to do to see the traceback of an internal error
DEBUG_HINT = "rerun with --debug or POLICYGRAPH_DEBUG=1 for the traceback"
_INT64 = (-(2**63), 2**63)


def debugging() -> bool:
    return bool(os.environ.get("POLICYGRAPH_DEBUG"))


# --------------------------------------------------------------------------
# messages

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(s: object, limit: int = 1000) -> str:
    """``s`` as one printable line: bytes of an undecodable file name (held as
    surrogate escapes) and lone surrogates as ``\\xNN`` / ``\\udNNN``, control
    characters and line breaks escaped, cut at ``limit`` characters."""
    text = _SURROGATE.sub(_escape_surrogate, str(s))
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if len(text) > limit:
        text = text[:limit] + f"... ({len(text) - limit} more characters)"
    return text


def _escape_surrogate(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}"


def internal_message(exc: BaseException) -> str:
    """The reason of a failure the library did not foresee, on one line."""
    msg = " ".join(str(exc).split())
    if len(msg) > 300:
        msg = msg[:300] + "..."
    text = f"internal error: {type(exc).__name__}" + (f": {msg}" if msg else "")
    return f"{text} ({DEBUG_HINT})"


# --------------------------------------------------------------------------
# JSON


def loads_json(text: str | bytes) -> Any:
    """``json.loads`` that raises ``ValueError`` (never ``RecursionError``) for
    input nested deeper than :data:`MAX_JSON_DEPTH`."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep") from None
    if isinstance(data, (list, dict)) and json_depth(data) > MAX_JSON_DEPTH:
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    return data


def json_depth(data: Any, stop: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of parsed JSON (iterative; stops counting past ``stop``)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        d, depth = stack.pop()
        if not isinstance(d, (list, dict)):
            continue
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                return deepest
        stack.extend((x, depth + 1) for x in (d.values() if isinstance(d, dict) else d))
    return deepest


# --------------------------------------------------------------------------
# HTML

#: HTML whose elements nest deeper than this is refused: the HTML parser
#: (lexbor) scans its stack of open elements on most start tags, so its time is
#: size times depth (100,000 nested ``<div>`` take minutes; pages nest a few dozen)
MAX_HTML_DEPTH = 1000

_HTML_TOKEN = re.compile(r"<!--|<(/?)([A-Za-z][^\s/>]*)")
#: elements whose content is text up to their end tag
_RAW_TEXT = {n: re.compile(rf"</{n}", re.I) for n in
             ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")}
#: elements that never have content, and elements the parser closes by itself
#: (at the next one of their kind or their parent's end): neither nests
_FLAT = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "image", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr", "frame", "basefont", "bgsound",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rtc", "rp",
    "colgroup", "caption", "html", "head", "body",
})
#: HTML start tags that end SVG/MathML content (where ``<x/>`` closes itself)
_BREAKOUT = frozenset({
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
    "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font",
})


def html_depth(text: str, stop: int = MAX_HTML_DEPTH) -> int:
    """How deep the elements of ``text`` nest, as an HTML parser would build
    them, closely enough to bound its cost: start tags open an element, end tags
    close an open one of their name; comments and the content of script, style
    and the like are skipped; empty elements, and those the parser closes by
    itself (``p``, ``li``, ``td`` ...), do not nest; ``<x/>`` closes itself in
    SVG and MathML only. Linear in the length of the text; stops counting past
    ``stop``."""
    depth = deepest = 0
    open_: dict[str, int] = {}
    foreign = 0  # svg/math elements open
    pos = 0
    while True:
        m = _HTML_TOKEN.search(text, pos)
        if m is None:
            return deepest
        if m.group() == "<!--":
            end = text.find("-->", m.end())
            if end < 0:
                return deepest
            pos = end + 3
            continue
        name = m.group(2).lower()
        gt = text.find(">", m.end())  # the tag's end (a '<' in between is an attribute's)
        if gt < 0:
            return deepest
        pos = gt + 1
        if m.group(1):  # an end tag
            if open_.get(name):
                open_[name] -= 1
                depth -= 1
                if name in ("svg", "math"):
                    foreign -= 1
            continue
        if name == "plaintext":  # the rest of the page is text
            return deepest
        if name in _RAW_TEXT:
            end_tag = _RAW_TEXT[name].search(text, pos)
            if end_tag is None:
                return deepest
            pos = end_tag.start()
            continue
        if foreign and name in _BREAKOUT:
            foreign = 0
        if name in _FLAT or (foreign and text[gt - 1] == "/"):
            continue
        if name in ("svg", "math"):
            foreign += 1
        open_[name] = open_.get(name, 0) + 1
        depth += 1
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                return deepest


# --------------------------------------------------------------------------
# files

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_regular_file(path: str, source: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (more is an error).

    FIFOs, sockets and devices are refused before they are opened, and the
    file is opened non-blocking and checked again, so that nothing can make a
    load wait forever; symlink loops and unreadable files are one error each.
    """
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise IngestError(source, f"{_kind(st.st_mode)}, not a regular file; skipped")
        if st.st_size > max_bytes:
            raise IngestError(source, f"too large ({_mb(st.st_size)} > {_mb(max_bytes)} limit)")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise IngestError(source, f"{_kind(st.st_mode)}, not a regular file; skipped")
            chunks = []
            got = 0
            while got <= max_bytes:
                b = os.read(fd, min(1 << 20, max_bytes + 1 - got))
                if not b:
                    break
                chunks.append(b)
                got += len(b)
            data = b"".join(chunks)
        finally:
            os.close(fd)
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


# --------------------------------------------------------------------------
# text for the analysers

#: characters per chunk handed to kiwipiepy (a longer text is cut)
CHUNK_CHARS = 4000


def text_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of ``text``, each at most ``size`` characters,
    together the whole text. A text of at most ``size`` characters is one
    piece; a longer one is cut at the last line break before the limit, else
    the last sentence end, else the last space, else at the limit. Linear in
    the length of the text."""
    n = len(text)
    start = 0
    while n - start > size:
        window = text[start + size // 2 : start + size]
        cut = window.rfind("\n")
        if cut < 0:
            best = -1
            for m in re.finditer(r"(?<=[.!?。])\s", window):
                best = m.end()
            cut = best if best > 0 else window.rfind(" ") + 1
            cut = cut - 1 if cut > 0 else -1
        end = start + size // 2 + cut + 1 if cut >= 0 else start + size
        yield start, text[start:end]
        start = end
    if start < n or n == 0:
        yield start, text[start:]


# --------------------------------------------------------------------------
# articles

def no_surrogates(s: str) -> str:
    """``s`` with every lone surrogate (text no UTF-8 store can hold: JSON
    ``"\\ud800"`` escapes, undecodable file-name bytes) replaced by U+FFFD, one
    character for one, so that offsets into the text stay valid."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def _clean_value(v: Any, where: str) -> Any:
    if isinstance(v, str):
        return no_surrogates(v)
    if isinstance(v, bool) or v is None or isinstance(v, float):
        return v
    if isinstance(v, int):
        if not _INT64[0] <= v < _INT64[1]:
            raise ValueError(f"{where}: integer {printable(v, 60)} does not fit in 64 bits")
        return v
    if isinstance(v, (list, tuple)):
        return [_clean_value(x, where) for x in v]
    if isinstance(v, dict):
        return {no_surrogates(str(k)): _clean_value(x, where) for k, x in v.items()}
    return v


def clean_article(article: Any) -> Any:
    """The article with lone surrogates replaced in every text field, and its
    properties checked (integers must fit in 64 bits, as in both stores).
    Raises :class:`IngestError` naming the article's source."""
    try:
        props = {no_surrogates(str(k)): _clean_value(v, f"property {printable(k, 80)!r}") for k, v in article.properties.items()}
    except (ValueError, RecursionError) as e:
        raise IngestError(article.source, str(e) if isinstance(e, ValueError) else "properties nested too deeply") from None
    article.id = no_surrogates(article.id)
    article.source = no_surrogates(article.source)
    article.title = no_surrogates(article.title)
    article.text = no_surrogates(article.text)
    if article.publisher:
        article.publisher = no_surrogates(article.publisher)
    if article.url:
        article.url = no_surrogates(article.url)
    article.properties = props
    return article


# --------------------------------------------------------------------------
# options

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_neo4j_uri(uri: str) -> None:
    """Raise :class:`ConfigError` unless ``uri`` is a Neo4j URI the driver can
    use: one of :data:`NEO4J_SCHEMES`, a host, an optional port 1-65535."""
    shown = printable(_redacted(uri), 200)
    schemes = ", ".join(f"{s}://" for s in NEO4J_SCHEMES)
    try:
        parts = urlsplit(uri)
        port = parts.port
        host = parts.hostname
    except ValueError as e:
        raise ConfigError(f"bad Neo4j URI {shown!r}: {e} (a URI looks like bolt://localhost:7687)") from None
    scheme = (parts.scheme or "").lower()
    if scheme not in NEO4J_SCHEMES:
        what = f"scheme {scheme + '://'!r} is not supported" if scheme else "no scheme"
        raise ConfigError(f"bad Neo4j URI {shown!r}: {what} (use one of {schemes})")
    if not host:
        raise ConfigError(f"bad Neo4j URI {shown!r}: no host (a URI looks like {scheme}://localhost:7687)")
    if port is not None and not 0 < port < 65536:
        raise ConfigError(f"bad Neo4j URI {shown!r}: port {port} out of range 1-65535")
    if parts.path not in ("", "/") or parts.fragment:
        raise ConfigError(f"bad Neo4j URI {shown!r}: unexpected path (a URI looks like {scheme}://localhost:7687)")


def _redacted(uri: str) -> str:
    try:
        parts = urlsplit(uri)
        if parts.password is not None or parts.username is not None:
            netloc = parts.netloc.rsplit("@", 1)[1]
            return parts._replace(netloc=netloc).geturl()
    except ValueError:
        if "@" in uri:
            return uri.split("://", 1)[0] + "://***@" + uri.rsplit("@", 1)[1]
    return uri


def parse_param_value(v: str) -> Any:
    """A ``-p key=value`` value: JSON when it parses (at most
    :data:`MAX_JSON_DEPTH` levels deep), else the string itself."""
    try:
        return loads_json(v)
    except ValueError:
        return v


# --------------------------------------------------------------------------
# test hook

_crash_counts: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Kill this process at the point ``name`` when ``POLICYGRAPH_CRASH_AT``
    asks for it (``NAME`` or ``NAME:N`` for the N-th pass); used by the crash
    tests to stop a load where a real crash could."""
    want = os.environ.get("POLICYGRAPH_CRASH_AT")
    if not want:
        return
    point, _, nth = want.partition(":")
    if point != name:
        return
    _crash_counts[name] = _crash_counts.get(name, 0) + 1
    if _crash_counts[name] != int(nth or 1):
        return
    import signal

    sig = getattr(signal, "SIG" + os.environ.get("POLICYGRAPH_CRASH_SIGNAL", "KILL").upper().removeprefix("SIG"))
    if os.environ.get("POLICYGRAPH_CRASH_GROUP"):
        os.killpg(os.getpgid(0), sig)  # as a terminal's Ctrl-C: the whole process group
    else:
        os.kill(os.getpid(), sig)
