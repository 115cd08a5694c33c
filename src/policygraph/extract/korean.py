"""Korean extraction, top-down: entities and mentions (``ko``, over kiwipiepy's
analysis and the rules of ``ner``), then relations sentence by sentence
(``relations``), then the extents of mentions (qualifying places, head words;
in a sentence record, the words that complete a name: ``flat``)."""
from __future__ import annotations

from .doc import Doc
from .flat import flat_extents
from .ko import KoreanExtractor, foreign_bodies, headed_extents, qualified_extents
from .relations import korean_relations


def extract_korean(doc: Doc) -> KoreanExtractor:
    ex = KoreanExtractor(doc)
    ex.run()
    korean_relations(ex)
    qualified_extents(doc)
    foreign_bodies(doc)
    headed_extents(ex)
    if doc.article.properties.get("unit") == "sentence":
        flat_extents(ex)
    return ex
