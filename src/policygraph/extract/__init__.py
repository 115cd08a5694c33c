"""Extraction: Article -> Extraction (entities, relations, character offsets).

Korean articles are analysed with kiwipiepy plus rules (``ko``, ``relations``);
English articles with rules over capitalised phrases (``en``). Both share the
gazetteer of real institutions and places (``policygraph.gazetteer``).
"""
from __future__ import annotations

from ..errors import ExtractionError
from ..models import Article, Extraction
from .doc import Doc

EXTRACTOR_VERSION = "1"

__all__ = ["extract", "EXTRACTOR_VERSION"]


def extract(article: Article) -> Extraction:
    """Entities and relations of one article (ids are article-local until resolved)."""
    doc = Doc(article)
    try:
        if article.lang == "en":
            from .en import extract_english

            extract_english(doc)
        else:
            from .ko import extract_korean

            extract_korean(doc)
    except Exception as exc:  # pragma: no cover - defensive: one article never stops a batch
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}") from exc
    return doc.finish()
