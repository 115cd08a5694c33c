"""Extraction: Article -> Extraction (entities, relations, character offsets).

Korean articles are analysed with kiwipiepy plus rules (``ko``, ``relations``);
English articles with rules over capitalised phrases (``en``). Both share the
gazetteer of real institutions and places (``policygraph.gazetteer``).
"""
from __future__ import annotations

from ..errors import ExtractionError
from ..models import Article, Extraction
from .doc import Doc



def _extractor_version() -> str:
    """Changes whenever the rules or the gazetteer change, so that a load after an
    upgrade re-extracts articles whose text did not change."""
    import hashlib
    from importlib import resources

    from .. import __version__

    h = hashlib.sha256(__version__.encode())
    pkg = resources.files("policygraph")
    for f in sorted((pkg / "extract").iterdir(), key=lambda p: p.name):
        if f.name.endswith(".py"):
            h.update(f.read_bytes())
    for name in ("resolve.py", "build.py", "gazetteer.py", "romanize.py", "dates.py"):
        h.update((pkg / name).read_bytes())
    for f in sorted((pkg / "data").iterdir(), key=lambda p: p.name):
        if f.name.endswith(".json"):
            h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


EXTRACTOR_VERSION = _extractor_version()

__all__ = ["extract", "EXTRACTOR_VERSION"]


def extract(article: Article) -> Extraction:
    """Entities and relations of one article (ids are article-local until resolved)."""
    doc = Doc(article)
    try:
        if article.lang == "en":
            from .en import extract_english

            extract_english(doc)
        else:
            from .korean import extract_korean

            extract_korean(doc)
    except Exception as exc:  # pragma: no cover - defensive: one article never stops a batch
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    return doc.finish()
