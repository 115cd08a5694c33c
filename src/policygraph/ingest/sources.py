"""Files, folders, bytes and encodings: which files are read, how, and in which format."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from .. import guards
from ..errors import IngestError
from ..models import Article, IngestFailure
from .document import _finish, _id_name
from .feeds import _parse_json, _parse_jsonl
from .html import _parse_html
from .text import _parse_markdown, _parse_txt
from .textutil import _CONTROL_RE, _HANGUL_RE, _normalize_text

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
    for f in iter_files(paths):
        if isinstance(f, IngestFailure):
            yield f
        else:
            yield from _items_of(f, max_bytes)


def iter_files(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterator[str | IngestFailure]:
    """The files :func:`iter_articles` reads, in its order (each as the path
    its articles' ``source`` starts with), or the ``IngestFailure`` of a path
    that is no file to read (missing, unsupported type)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in paths:
        given = os.fspath(p)
        if os.path.isdir(given):
            for rel in _walk_sorted(given):
                yield os.path.join(given, rel)
        elif os.path.exists(given):
            ext = _ext(given)
            if ext not in SUPPORTED_EXTENSIONS:
                yield IngestFailure(given, _unsupported_message(ext))
                continue
            yield given
        else:
            yield IngestFailure(given, "no such file or directory")


def is_multi_record(path: str) -> bool:
    """Whether a file may hold many articles (JSON, JSON Lines)."""
    return SUPPORTED_EXTENSIONS.get(_ext(path)) in ("json", "jsonl")


def read_items(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None) -> list[Article | IngestFailure]:
    """The items :func:`iter_articles` yields for one file of
    :func:`iter_files`: what goes wrong is an ``IngestFailure``, never raised.
    ``data``: the file's bytes, already read (else read here)."""
    return list(_items_of(path, max_bytes, data))


def read_bytes(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, as :func:`read_items` reads them (``IngestError`` when it cannot)."""
    return _read_bytes(path, path, max_bytes)


def count_records(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """How many items :func:`iter_articles` will yield for ``paths``, cheaply,
    for a progress bar's total: one per file, one per non-blank line of a JSON
    Lines file, one per record of a JSON array (whose file is parsed, not
    analysed). A file that cannot be read counts one, as its failure does."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    total = 0
    for p in paths:
        given = os.fspath(p)
        if os.path.isdir(given):
            total += sum(_count_file(os.path.join(given, rel), max_bytes) for rel in _walk_sorted(given))
        elif os.path.exists(given) and _ext(given) in SUPPORTED_EXTENSIONS:
            total += _count_file(given, max_bytes)
        else:
            total += 1
    return total


def _count_file(path: str, max_bytes: int) -> int:
    fmt = SUPPORTED_EXTENSIONS.get(_ext(path))
    if fmt not in ("json", "jsonl"):
        return 1
    try:
        if os.path.getsize(path) > max_bytes:
            return 1
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return 1
    if fmt == "jsonl":
        return max(1, sum(1 for line in data.split(b"\n") if line.strip()))
    import json

    try:
        doc = json.loads(data.decode("utf-8-sig", errors="replace"))
    except ValueError:
        stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped.startswith(b"{"):  # JSON Lines under a .json name
            return max(1, sum(1 for line in data.split(b"\n") if line.strip()))
        return 1
    if isinstance(doc, dict):
        for k in ("articles", "items", "records", "data", "results", "documents"):
            if isinstance(doc.get(k), list):
                doc = doc[k]
                break
    return max(1, len(doc)) if isinstance(doc, list) else 1


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






# ==========================================================================
# Files, folders, bytes


def _ext(path: str) -> str:
    name = os.path.basename(path)
    return os.path.splitext(name)[1].lower()


def _unsupported_message(ext: str) -> str:
    kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
    shown = ext if ext else "(no extension)"
    return f"unsupported file type {shown!r} (supported: {kinds})"


def _is_readme(name: str) -> bool:
    """A folder's README.md / README.txt / readme.markdown ... documents the folder: not an article."""
    return os.path.splitext(name)[0].lower() == "readme"


def _walk_sorted(folder: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if f.startswith(".") or _is_readme(f) or _ext(f) not in SUPPORTED_EXTENSIONS:
                continue
            rel = os.path.relpath(os.path.join(root, f), folder)
            found.append((tuple(Path(rel).parts), rel))
    found.sort()
    return [rel for _, rel in found]


def _items_of(path: str, max_bytes: int, data: bytes | None = None) -> Iterator[Article | IngestFailure]:
    try:
        yield from _read_source(path, path, max_bytes, data)
    except IngestError as e:
        yield IngestFailure(e.source, e.message)
    except Exception as e:  # anything unforeseen: this file fails, the batch goes on
        if guards.debugging():
            raise
        yield IngestFailure(path, guards.internal_message(e))


def _read_source(path: str, source: str, max_bytes: int, data: bytes | None = None) -> list[Article | IngestFailure]:
    ext = _ext(path)
    fmt = SUPPORTED_EXTENSIONS.get(ext)
    if fmt is None:
        raise IngestError(source, _unsupported_message(ext))
    if data is None:
        data = _read_bytes(path, source, max_bytes)
    text = decode_bytes(data, source)
    if fmt == "jsonl":
        return _parse_jsonl(text, source)
    if fmt == "json":
        return _parse_json(text, source)
    return [article_from_text(text, source, fmt)]


def _read_bytes(path: str, source: str, max_bytes: int) -> bytes:
    # FIFOs, sockets, devices refused without blocking; symlink loops one error
    return guards.read_regular_file(path, source, max_bytes)


def _mb(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"




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
