"""Extents of mentions in sentence records, tagged flat as sentence-level NER
sets tag them (KLUE, after the TTA named-entity guideline): one span for the
whole name, the words that complete it included.

An article keeps the graph's reading (a venue and the places it lies in are
entities of their own, GUIDELINES: Place); a sentence record
(``Article.properties["unit"] == "sentence"``) reads its names as one span
each, and ``doc.flatten_mentions`` then drops the names nested inside them.
"""
from __future__ import annotations

from . import ner_lexicon as nl
from .ner import _is_title_word
from ..models import Span

# particles that say where something happens ("… 야구장에서 열린")
_WHERE = frozenset(("에서", "에서는", "에선", "에서도"))
_NAME_TOKS = frozenset(("NNP", "SL", "SH"))
# the units of a body written after its name ("영남대 심리학과", "국방위원회 정책국")
_UNIT_HEADS = (
    "학과", "학부", "대학원", "대학", "연구소", "연구원", "센터", "본부", "위원회", "지부", "지점",
    "과",
)
_UNIT_WORD_MIN = 3


def _names_a_place(w) -> bool:
    """The word's stem is a proper name or ends in a venue's head ("…야구장")."""
    stem = w.stem
    if not stem or w.stem_start != w.start:
        return False
    if any(t.tag in _NAME_TOKS for t in w.toks if t.start < w.stem_end):
        return True
    return any(len(stem) > len(h) and stem.endswith(h) for h in nl.PLACE_HEAD_WORDS if len(h) >= 2)


def _is_unit(stem: str) -> bool:
    """A unit's name: a word ending in a unit's head, more than the head alone
    ("심리학과", "재난연구소"), never a title ("부장")."""
    return (
        len(stem) >= _UNIT_WORD_MIN
        and any(stem.endswith(h) and len(stem) > len(h) for h in _UNIT_HEADS)
        and not _is_title_word(stem)
    )


def flat_extents(ex) -> None:
    """"서울 강남구 압구정 CGV에서" is one place: a place's mention grows over the
    name words that follow it up to the word saying that something happens
    there; "영남대 심리학과" is one body: an organisation's mention grows over the
    unit written right after it; "미 공군 전투사령부" and "일본 사이타마현 경찰청"
    are one body: an organisation's mention opens at the body or place written
    right before it."""
    doc = ex.doc
    words = ex.words
    text = doc.text
    for e in list(doc.entities.values()):
        if e.type not in ("Place", "Organization"):
            continue
        for k, m in enumerate(e.mentions):
            i = ex.word_at.get(m.end - 1)
            if i is None or words[i].stem_end != m.end or i + 1 >= len(words):
                continue
            end = None
            if e.type == "Place" and words[i].bare:
                for j in (i + 1, i + 2):
                    if j >= len(words) or doc.is_claimed(words[j].start, words[j].stem_end) or not _names_a_place(words[j]):
                        break
                    if words[j].particle in _WHERE:
                        end = words[j].stem_end
                        break
                    if not words[j].bare:
                        break
            elif e.type == "Organization" and words[i].bare:
                nw = words[i + 1]
                if nw.stem_start == nw.start and not doc.is_claimed(nw.start, nw.stem_end) and _is_unit(nw.stem):
                    end = nw.stem_end
            if end is not None:
                e.mentions[k] = Span(m.start, end, text[m.start : end], m.head_start, m.head_end)

    _compound_bodies(doc)


def _compound_bodies(doc) -> None:
    text = doc.text
    spans = sorted(
        ((m.start, m.end, e, k) for e in doc.entities.values() if e.type in ("Place", "Organization") for k, m in enumerate(e.mentions)),
        key=lambda x: (x[0], -x[1]),
    )
    opened: dict[int, tuple] = {}  # end of a mention -> (where its grown extent opens, its entity)
    for st, en, e, k in spans:
        prev = opened.get(st - 1) if st > 0 and text[st - 1] == " " else None
        if prev is not None and e.type == "Organization" and prev[1] is not e:
            m = e.mentions[k]
            e.mentions[k] = Span(prev[0], en, text[prev[0] : en], m.start if m.head_start is None else m.head_start, m.head_end)
            st = prev[0]
        opened[en] = (st, e)
