"""Korean press-event extraction: rules over kiwipiepy's morphological analysis.

The text is analysed once; every rule works on "words" (whitespace-separated
eojeol) with their noun stem and trailing particle, so each pass is linear in
the article's length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon as lx
from .doc import Doc, norm, sentences
from ..guards import text_chunks
from ..models import Span
from .gaz import _gaz, entity_for_entry, gazetteer_mentions
from .ner import _org_head as _ner_org_head
from .ner import foreignish
from .ner import _person_just_before, general_mentions, org_kind

_NOUNISH = {"NNP", "NNG", "NNB", "NR", "SL", "SN", "SH", "XPN", "XSN", "W_SERIAL", "W_HASHTAG"}
_INNER_PUNCT = {"·", "-", "&", "+", ".", "・"}
_HANGUL_RE = re.compile(r"^[\uac00-\ud7a3]+$")
_LATIN_RE = re.compile(r"[A-Za-z]")


@lru_cache(maxsize=1)
def kiwi():
    from kiwipiepy import Kiwi

    return Kiwi()


@dataclass(slots=True)
class Tok:
    form: str
    tag: str
    start: int
    end: int


@dataclass(slots=True)
class Word:
    start: int
    end: int
    text: str
    toks: list[Tok] = field(default_factory=list)
    stem_start: int = 0
    stem_end: int = 0
    particle: str = ""
    after: str = ""  # tags after the stem, joined
    stem: str = ""  # the noun stem's text (set with stem_start/stem_end)

    def stem_tags(self) -> list[str]:
        # kiwi may read a name's last syllable as a contracted particle inside it
        # ("이석준" -> 이석주 + ᆫ): only the noun tokens describe the stem
        return [t.tag for t in self.toks if self.stem_start <= t.start < self.stem_end and t.tag in _NOUNISH]

    @property
    def has_nnp(self) -> bool:
        return "NNP" in self.stem_tags()

    @property
    def bare(self) -> bool:
        """The word is nothing but its stem (no particle, no verb ending)."""
        return self.stem_end == self.end

    @property
    def is_verbal(self) -> bool:
        return any(t.startswith(("XSV", "XSA", "VV", "VA", "VCP", "EP", "EF", "EC", "ETM")) for t in self.after.split())


def analyse(text: str) -> list[Word]:
    # kiwi is superlinear on one huge line: bounded chunks (a short text is one chunk)
    toks = [
        Tok(t.form, t.tag, off + t.start, off + t.start + t.len)
        for off, chunk in text_chunks(text)
        for t in kiwi().tokenize(chunk)
    ]
    words: list[Word] = []
    ti = 0
    for m in re.finditer(r"\S+", text):
        w = Word(m.start(), m.end(), m.group(0))
        while ti < len(toks) and toks[ti].start < m.start():
            ti += 1
        j = ti
        while j < len(toks) and toks[j].start < m.end():
            w.toks.append(toks[j])
            j += 1
        ti = j
        _set_stem(w)
        words.append(w)
    return words


def _set_stem(w: Word) -> None:
    toks = w.toks
    i = 0
    # leading quotes/brackets/bullets
    while i < len(toks) and toks[i].tag in ("SSO", "SSC", "SW", "SO", "SP", "SF", "SE") and toks[i].form not in _INNER_PUNCT:
        i += 1
    if i >= len(toks):
        w.stem_start = w.stem_end = w.end
        w.stem = ""
        return
    w.stem_start = toks[i].start
    end = toks[i].start
    j = i
    while j < len(toks):
        t = toks[j]
        if t.tag in _NOUNISH:
            end = t.end
            j += 1
            continue
        if t.form in _INNER_PUNCT and j + 1 < len(toks) and toks[j + 1].tag in _NOUNISH and toks[j + 1].start == t.end:
            j += 1
            continue
        break
    w.stem_end = end
    w.stem = w.text[w.stem_start - w.start : end - w.start]
    rest = toks[j:]
    w.particle = "".join(t.form for t in rest if t.tag.startswith("J"))
    w.after = " ".join(t.tag for t in rest)


def _title_words(words: list[Word], i: int, max_words: int = 4) -> tuple[int, str] | None:
    """If a title starts at words[i], return (index of its last word, title text).
    A title is a noun word that is a title or ends with a title suffix, possibly
    preceded by up to three bare noun words ("글로벌 스타트업 프로그램 총괄")."""
    for k in range(i, min(i + max_words, len(words))):
        w = words[k]
        stem = w.stem
        if not stem or w.is_verbal or stem != w.text[w.stem_start - w.start : w.stem_end - w.start]:
            return None
        if _is_title(stem) and not w.is_verbal:
            if k > i and any(_is_title(words[x].stem) for x in range(i, k)):
                return None
            return k, " ".join(words[x].stem for x in range(i, k + 1)) if k > i else stem
        # a preceding title word must be a bare noun (no particle) and not a name
        if not w.bare or k == i + max_words - 1:
            return None
        if not all(tag in ("NNG", "SL", "SN", "XSN", "XPN") for tag in w.stem_tags()):
            return None  # a proper noun is a name, not part of a title ("마르코 벨리니 감독")
    return None


@lru_cache(maxsize=1 << 16)
def _is_title(stem: str) -> bool:
    if stem in lx.KO_TITLES:
        return True
    for suf in lx.KO_TITLE_SUFFIXES:
        if stem.endswith(suf) and len(stem) > len(suf):
            return True
    return False


_NOT_NAME_FINAL = frozenset("당청처")
# what a short form in brackets looks like: an acronym, one Hangul word, or an
# English name ("(과기정통부)", "(MSIT)", "(DOB Studio)"); not "(승점 4·골득실 -1)"
_ABBR_OK = re.compile(
    r"^(?:[A-Z][A-Za-z0-9&.\-]{1,11}|[\uac00-\ud7a3]{2,8}|[A-Z][A-Za-z&.'\-]+(?: (?:[A-Z&][A-Za-z&.'\-]*|of|and|for)){1,6})$"
)
_VENUE_SUFFIX = re.compile(r"(?:허브|센터|타워|홀|캠퍼스|빌딩|스퀘어|플라자|전시장|전시관|기념관|박물관|미술관|체육관|경기장|공원|광장|호텔|컨벤션|아트홀|극장|강당|회관|청사)$")
_GOV_WORDS = frozenset("정부 당국 대사관 총영사관 영사관 외교부 국방부 국무부 재무부 상무부 대표팀 의회 군 경찰 정부청사".split())


@lru_cache(maxsize=1 << 16)
def is_person_name(stem: str) -> bool:
    if not _HANGUL_RE.match(stem) or not 2 <= len(stem) <= 4:
        return False
    if stem in lx.KO_GENERIC or _is_title(stem):
        return False
    if len(stem) >= 3 and stem[:2] in lx.SURNAMES_2:
        return True
    if stem[0] not in lx.SURNAMES_1:
        return False
    if stem[-1] in _NOT_NAME_FINAL:
        return False  # 민주당, 경찰청: organisations, not given names
    return len(stem) in (2, 3) or (len(stem) == 4 and stem[:2] in lx.SURNAMES_2)


@lru_cache(maxsize=1 << 16)
def _org_category_by_suffix(stem: str) -> str | None:
    for suf, cat in lx.KO_ORG_SUFFIXES:
        if stem.endswith(suf):
            if suf in lx.KO_GOV_SHORT:
                if len(stem) < 4:
                    return None
                return cat
            if len(stem) <= len(suf):
                return None
            return cat
    return None


_HELD_BEFORE = re.compile(r"(?:열리는|열린|개최되는|개최된|진행되는|진행된|개최하는|개최한|여는|주최하는|주최한|주관하는|주관한)\s*[‘'「『《〈<]?$")
_HELD_AFTER = re.compile(r"\s*[’'」』》〉>]?\s*(?:이|가|은|는|를|을)?\s*(?:열렸|열린|열리|개최|성황|막을|개막|폐막)")
_QUOTE_PAIRS = {"‘": "’", "'": "'", "「": "」", "『": "』", "《": "》", "〈": "〉", "<": ">", "[": "]"}
_EVENT_HEAD_RE = re.compile(
    "(?:" + "|".join(sorted((re.escape(h) for h in lx.KO_EVENT_HEADS), key=len, reverse=True)) + r")$"
)
_YEAR_OR_ORD = re.compile(r"(?:19|20)\d\d|제\s?\d+\s?[회차기]|\d+\s?[회차]|제\d+|시즌\s?\d+")
_PAREN_TAIL = re.compile(r"\s*\([^()]{1,20}\)$")
_PARTICLE_TAIL = re.compile(r"(?:을|를|이|가|은|는|에|에서|에는|와|과|의|로|으로|도|까지|부터|에서는|이라는|라는)$")


@lru_cache(maxsize=1 << 16)
def event_head(name: str) -> str | None:
    # "스마트시티 엑스포 월드 콩그레스(SCEWC) 2024": brackets and a trailing year wrap the head
    base = re.sub(r"\([^()]*\)", " ", name)
    base = re.sub(r"\s*(?:19|20)\d\d$", "", base.strip()).strip()
    m = _EVENT_HEAD_RE.search(base)
    if not m:
        return None
    return m.group(0)


def event_type(head: str) -> str:
    return lx.KO_EVENT_TYPES.get(head, "event")


class KoreanExtractor:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.words = analyse(self.text)
        self.sents = sentences(self.text)
        self.word_at: dict[int, int] = {}
        for i, w in enumerate(self.words):
            for p in range(w.start, w.end):
                self.word_at[p] = i
        self.affiliation_spans: set[tuple[int, int]] = set()
        self.person_spans: dict[str, tuple[int, int]] = {}
        self.event_first: dict[str, int] = {}

    # ------------------------------------------------------------------ helpers
    def entity_at(self, start: int, end: int, etype: str | None = None):
        eid = self.doc.is_claimed(start, end)
        if not eid:
            return None
        e = self.doc.entities.get(eid)
        if e is None or (etype and e.type != etype):
            return None
        return e

    def word_entity(self, w: Word, types=("Organization", "Place")):
        if w.stem_end <= w.stem_start:
            # kiwi read no noun stem ("우아한형제들" as 우아하 + ...): a mention of the
            # whole written word still names it
            eid = self.doc.owner[w.start] if w.start < len(self.doc.owner) else None
            e = self.doc.entities.get(eid) if eid else None
            if e is not None and e.type in types and any(m.start == w.start and m.end == w.end for m in e.mentions):
                return e
            return None
        # a mention that names the word starts at its stem (or one character in)
        owner = self.doc.owner
        eid = owner[w.stem_start] or (owner[w.stem_start + 1] if w.stem_start + 1 < w.stem_end else None)
        e = self.doc.entities.get(eid) if eid else None
        if e is None or e.type not in types:
            return None
        # the mention must cover the stem's end (the word is the name, not a part of it)
        for m in e.mentions:
            if m.start <= w.stem_start + 1 and m.end >= w.stem_end - 1 and w.stem_start <= m.start < w.stem_end:
                return e
        return None

    # ------------------------------------------------------------------ passes
    def run(self) -> None:
        gazetteer_mentions(self.doc, self.words_ok)
        foreign_counterparts(self.doc)
        self.paren_definitions()
        self.venue_phrases()
        self.hotel_venues()
        self.quoted()
        self.suffix_orgs()
        self.list_orgs()
        self.persons()
        self.unquoted_events()
        self.governments_of_places()
        general_mentions(self)
        self.person_followups()
        self.places_by_adjacency()
        attach_government_titles(self.doc, self.person_spans)
        self.appointments()

    def words_ok(self, start: int, end: int, entry, ambiguous: bool = False) -> bool:
        """Accept a gazetteer hit at [start, end) only on word-stem boundaries;
        ambiguous short names need kiwi to call them proper nouns."""
        i = self.word_at.get(start)
        if i is None:
            return False
        w = self.words[i]
        if start != w.stem_start and not (start == w.start or self.text[start - 1] in "(‘'\"“「『<《·,"):
            # inside a compound: only at its end for places/orgs ("서울코엑스"), never mid-word
            return False
        j = self.word_at.get(end - 1)
        if j is None:
            return False
        wj = self.words[j]
        if end < wj.stem_end:
            # the name is a prefix of a longer noun ("메타버스", "한국메타버스산업협회")
            nxt = self.text[end] if end < len(self.text) else " "
            if nxt not in "(·,":
                return False
        if ambiguous:
            toks = [t for t in w.toks if t.start >= start and t.end <= end]
            if not toks or not all(t.tag in ("NNP", "SL") for t in toks):
                return False
        return True

    def paren_definitions(self) -> None:
        """과학기술정보통신부(과기정통부), 마이크로소프트(MS), 산업통상자원부(장관 이창양, 이하 산업부)."""
        text = self.text
        for m in re.finditer(r"\(([^()\n]{1,40})\)", text):
            lp = m.start()
            if lp == 0 or text[lp - 1].isspace():
                continue
            i = self.word_at.get(lp - 1)
            if i is None:
                continue
            w = self.words[i]
            name_start = w.stem_start
            name_end = lp
            # "‘K-XR 디바이스 얼라이언스’(K-XR Alliance)" or a multiword quoted name: use the entity there
            ent = self.entity_at(lp - 1, lp)
            name = text[name_start:name_end].strip("‘’'\"“”「」 ")
            inner = m.group(1).strip()
            abbr = None
            head_title = head_name = None
            parts = [p.strip() for p in re.split(r"[,，]", inner)]
            for p in parts:
                if p.startswith("이하"):
                    abbr = p[2:].strip().strip("‘’'\"“” ")
                else:
                    # "장관 김완섭", "부총리 겸 장관 최상목"
                    mt = re.match(r"^(\S+(?:\s겸\s\S+)?)\s+([\uac00-\ud7a3]{2,4})$", p)
                    if mt and _is_title(mt.group(1).split()[-1]) and is_person_name(mt.group(2)):
                        head_title, head_name = mt.group(1), mt.group(2)
                    elif len(parts) == 1 and _ABBR_OK.match(p):
                        abbr = p
            if ent is None:
                if not name or len(name) < 2:
                    continue
                cat = _org_category_by_suffix(name)
                # without an organisation suffix or a head ("(장관 …)") a name with an
                # abbreviation may be a product or a term ("애저(Azure)", "확장현실(XR)")
                if cat is None and not head_title:
                    continue
                if event_head(name):
                    continue
                if cat is None and not head_title and abbr and abbr.isupper() and not w.has_nnp:
                    continue
                ent = self.doc.entity("Organization", name, props={"category": cat or "company"})
                if not self.doc.mention(ent, name_start, name_end):
                    if self.doc.is_claimed(name_start, name_end) != ent.id:
                        continue
            if abbr and ent.type in ("Organization", "Event", "Place"):
                if abbr in lx.KO_GENERIC:
                    continue
                if abbr != ent.name:
                    self.doc.alias(ent, abbr)
                a0 = m.start(1) + inner.find(abbr)
                self.doc.mention(ent, a0, a0 + len(abbr))
                self._mention_all(ent, abbr)
            if head_title and head_name and ent.type == "Organization":
                p = self.doc.entity("Person", head_name)
                s0 = m.start(1) + inner.find(head_name)
                self.doc.mention(p, s0, s0 + len(head_name), force=True)
                self.doc.relate("HOLDS_POSITION", p, ent, (m.start(), m.end()), title=head_title)

    def _mention_all(self, ent, form: str) -> None:
        """Every later occurrence of a known short form is a mention (on word boundaries)."""
        if len(form) < 2:
            return
        text = self.text
        start = 0
        while True:
            k = text.find(form, start)
            if k < 0:
                break
            start = k + 1
            e = k + len(form)
            if k > 0 and (text[k - 1].isalnum() and not (_HANGUL_RE.match(text[k - 1]) and not _HANGUL_RE.match(form[0]))):
                # preceded by a letter of the same script: inside another word
                if _HANGUL_RE.match(text[k - 1]) or text[k - 1].isalpha():
                    continue
            if e < len(text) and _LATIN_RE.match(form[-1]) and (text[e].isalnum() and not _HANGUL_RE.match(text[e])):
                continue
            i = self.word_at.get(k)
            if i is None:
                continue
            w = self.words[i]
            if _HANGUL_RE.match(form[-1]) and e < w.stem_end:
                continue  # a longer noun
            self.doc.mention(ent, k, e)

    def quoted(self) -> None:
        text = self.text
        for s in self.sents:
            i = s.start
            while i < s.end:
                ch = text[i]
                close = _QUOTE_PAIRS.get(ch)
                if close is None or (ch in "'<[" and i > 0 and text[i - 1].isalnum()):
                    i += 1
                    continue
                j = text.find(close, i + 1, s.end)
                alt = None
                # tolerate a wrong closing mark: ‘2023 K메타버스 부스트 위크)에
                for k in range(i + 1, min(s.end, i + 80)):
                    c = text[k]
                    if c in "‘'「『《〈“\"" and c != close:
                        break
                    if c == ")" and text.rfind("(", i + 1, k) < 0:
                        alt = k
                        break
                if j < 0 or j - i > 80 or (alt is not None and alt < j):
                    j = alt
                if j is None or j < 0:
                    # unclosed: take words up to the first particle after an event head
                    j = self._unclosed_end(i + 1, s.end)
                    if j is None:
                        i += 1
                        continue
                inner = text[i + 1 : j]
                stripped = inner.strip()
                a = i + 1 + (len(inner) - len(inner.lstrip()))
                b = a + len(stripped)
                if stripped and "\n" not in stripped:
                    self._classify_quoted(stripped, a, b, s)
                i = j + 1

    def _unclosed_end(self, a: int, limit: int) -> int | None:
        k = self.word_at.get(a)
        if k is None:
            return None
        for x in range(k, min(k + 10, len(self.words))):
            w = self.words[x]
            if w.start >= limit:
                return None
            stem = w.stem
            tail = self.text[w.stem_end : w.end]
            if event_head(stem) or event_head(self.text[w.stem_start : w.end].rstrip(")")):
                # include a directly attached "(시즌2)"
                m = re.match(r"\([^()]{1,12}\)", tail)
                return w.stem_end + (m.end() if m else 0)
        return None

    def _classify_quoted(self, name: str, a: int, b: int, s) -> None:
        doc = self.doc
        after = self.text[b : b + 12]
        before = self.text[max(s.start, a - 25) : a]
        head = event_head(name)
        held = _HELD_BEFORE.search(before) or _HELD_AFTER.match(after)
        if (head and len(name) > len(head) + 1) or (held and not _org_category_by_suffix(name.replace(" ", ""))):
            # a quoted name with an event noun, or one the text says is held
            # ("코엑스에서 열리는 ‘컴업(COMEUP) 2024’")
            ent = doc.entity("Event", name, aliases=_event_aliases(name), props={"event_type": event_type(head) if head else "event"})
            doc.mention(ent, a, b, force=True)
            self.event_first.setdefault(ent.id, a)
            return
        cat = _org_category_by_suffix(name.replace(" ", ""))
        if cat and not head and len(name) <= 40:
            ent = doc.find("Organization", name) or doc.entity("Organization", name, props={"category": cat})
            doc.mention(ent, a, b, force=True)
            self._mention_all(ent, name)
            return
        kind = re.search(r"(\S+)\s[‘'\"“「『《〈<]$", self.text[max(0, a - 20) : a])
        cat = org_kind(kind.group(1)) if kind and not head else None
        if cat:
            # "결혼정보회사 '듀오'", "매거진 '하이컷'": the word before the quote says what it is
            ent = doc.find("Organization", name) or doc.entity("Organization", name, props={"category": cat})
            doc.mention(ent, a, b, force=True)
            self._mention_all(ent, name)
            return
        if re.match(r"\s*[’'」』》〉>)]?\s*(?:을|를|이라는|라는)?\s*주제", after) or re.search(r"주제(?:로|는|인)?\s*$", before):
            ent = doc.entity("Topic", name)
            doc.mention(ent, a, b, force=True)
            return
        if re.search(r"(?:디바이스|제품|기기|서비스|솔루션|플랫폼|앱|장비|모델|브랜드)인\s*[‘'「『《〈]?$", before):
            ent = doc.entity("Product", name)
            doc.mention(ent, a, b, force=True)
            return

    def suffix_orgs(self) -> None:
        doc = self.doc
        for w in self.words:
            stem = w.stem
            if len(stem) < 3 or doc.is_claimed(w.stem_start, w.stem_end):
                continue
            if not (w.has_nnp or _LATIN_RE.search(stem)):
                tags = w.stem_tags()
                if len(tags) < 2:
                    continue
            cat = _org_category_by_suffix(stem)
            if not cat or stem in lx.KO_GENERIC or "·" in stem:
                continue
            if cat == "company" and not (w.has_nnp or _LATIN_RE.search(stem)):
                continue  # "기후테크", "빅테크": a field, not a company
            if stem[-1] in lx.KO_GOV_SHORT:
                # "자원부", "보훈처", "사업청" end ministries; "간부", "남부" are words of their own
                last = [t for t in w.toks if t.end == w.stem_end]
                if last and last[0].tag != "NNP" and last[0].form != stem[-1] and len(last[0].form) < 3:
                    continue
            if _is_title(stem) or event_head(stem):
                continue
            # the compound must carry a distinctive part beyond generic words
            core = stem
            for suf, _ in lx.KO_ORG_SUFFIXES:
                if core.endswith(suf):
                    core = core[: -len(suf)]
                    break
            if not core or core in lx.KO_GENERIC or len(core) < 2:
                continue
            ent = doc.entity("Organization", stem, props={"category": cat})
            doc.mention(ent, w.stem_start, w.stem_end)
            self._mention_all(ent, stem)

    def persons(self) -> None:
        doc = self.doc
        words = self.words
        n = len(words)
        for i, w in enumerate(words):
            stem = w.stem
            if not stem or doc.is_claimed(w.stem_start, w.stem_end):
                continue
            # name must be the whole stem and the word a bare noun or a noun + particle
            if w.is_verbal:
                continue
            tags = w.stem_tags()
            found = None
            for name_end_word, two_word, name_override in self._name_candidates(i, w, tags):
                if not two_word and not name_override and len(stem) >= 3 and _ner_org_head(stem) and _person_just_before(self, i):
                    continue  # "표창원 전 경찰대 교수": the body of the title of the person before
                nw = words[name_end_word]
                if not nw.bare and not two_word and not name_override:
                    continue
                k = name_end_word + 1
                org = None
                title = None
                # NAME ORG TITLE ("이창양 산업부 장관", "노태민 서울시 경제실장": a city's government)
                if k < n and words[k].bare:
                    t = _title_words(words, k + 1)
                    # the place word names its government only when a title follows:
                    # _government_of moves the place's mention ("오후 서울 도심에서" stays a place)
                    oe = (self.word_entity(words[k], ("Organization",)) or self._government_of(words[k])) if t else None
                    if oe is not None:
                        org, title, last = oe, t[1], t[0]
                if title is None and k < n:
                    t = _title_words(words, k)
                    if t:
                        title, last = t[1], t[0]
                if title is None:
                    continue
                if two_word and org is None and (
                    last != name_end_word + 1
                    or (is_person_name(words[name_end_word].stem) and not (foreignish(stem) and foreignish(words[name_end_word].stem)))
                ):
                    # a foreign name without an organisation: only with a one-word title right
                    # after, and not "누리버스 임하늘 대표" (a company, then a Korean name)
                    continue
                if "NNP" not in tags and not two_word and not name_override:
                    # kiwi did not call it a proper noun: only with an organisation next to it
                    prev_org = i > 0 and self.word_entity(words[i - 1], ("Organization",)) is not None
                    if org is None and not prev_org:
                        continue
                found = (name_end_word, two_word, name_override, org, title, last)
                break
            if found is None:
                continue
            name_end_word, two_word, name_override, org, title, last = found
            nw = words[name_end_word]
            # ORG NAME TITLE / ORG의 NAME TITLE
            if org is None and i > 0:
                pw = words[i - 1]
                oe = self.word_entity(pw, ("Organization",))
                if oe is not None and pw.particle in ("", "의"):
                    org = oe
                elif (
                    pw.particle in ("", "의")
                    and (pw.has_nnp or "SL" in pw.stem_tags())
                    and not doc.is_claimed(pw.stem_start, pw.stem_end)
                    and len(pw.stem) >= 2
                    and not pw.is_verbal
                    and not _is_title(pw.stem)
                    and not is_person_name(pw.stem)
                    and pw.stem not in lx.KO_GENERIC
                ):
                    cat = _org_category_by_suffix(pw.stem) or _category_for_title(title)
                    org = doc.entity("Organization", pw.stem, props={"category": cat})
                    doc.mention(org, pw.stem_start, pw.stem_end)
            name = name_override or (stem if not two_word else f"{stem} {words[i + 1].stem}")
            end = nw.end if name_override else nw.stem_end
            person = doc.entity("Person", name)
            if org is not None and self._namesake_elsewhere(person, org):
                # "하이퍼노바AI 김지훈 대표" and "NIPA 김지훈 팀장" in one article: two people
                person = doc.entity("Person", name, key=f"{name}@{org.id}")
            if not doc.mention(person, w.stem_start, end):
                continue
            if org is not None:
                self.affiliation_spans.update((m.start, m.end) for m in org.mentions if w.start - 40 < m.start < words[last].end)
                doc.relate(
                    "HOLDS_POSITION",
                    person,
                    org,
                    (words[i - 1].start if i > 0 and org.mentions and words[i - 1].stem == org.mentions[0].text else w.start, words[last].stem_end),
                    title=title,
                )
                self._mark_affiliation(org, w.start, words[last].end)
            else:
                person.properties.setdefault("title", title)
                self.person_spans.setdefault(person.id, (w.start, words[last].stem_end))

    # ------------------------------------------------------------------ appointments
    def _org_title_at(self, k: int):
        """(organisation, title) a post names at word ``k``: "외교부 제1차관" (the body
        in the word before a title) or "조달청장" (a body and its head in one word)."""
        words = self.words
        w = words[k]
        if not w.stem:
            return None
        if _is_title(w.stem) and k > 0:
            pw = words[k - 1]
            org = self.word_entity(pw, ("Organization",))
            if org is None and pw.stem and pw.bare:
                # the word ends a longer name ("칠레 외교부", "우즈베키스탄 외교부")
                eid = self.doc.owner[pw.stem_end - 1]
                e = self.doc.entities.get(eid) if eid else None
                if e is not None and e.type == "Organization" and any(m.end == pw.stem_end for m in e.mentions):
                    org = e
            if org is not None and pw.bare:
                return org, w.stem
        m = _FUSED_HEAD.match(w.stem)
        if m and len(m.group(1)) >= 3:
            body = m.group(1)
            eid = self.doc.owner[w.stem_start]
            org = self.doc.entities.get(eid) if eid else None
            if org is None or org.type != "Organization":
                entry = _gaz().lookup_one(body, type="Organization")
                org = entity_for_entry(self.doc, entry) if entry is not None else None
                if org is None and (body.endswith(("청", "처")) and len(body) >= 4 or len(body) >= 5 and _org_category_by_suffix(body)):
                    org = self.doc.entity("Organization", body, props={"category": _org_category_by_suffix(body) or "government"})
                if org is None:
                    return None
                # "한국" inside "한국산업기술진흥원장" is no place of its own
                self.doc.mention(org, w.stem_start, w.stem_start + len(body), force=True)
            return org, body[-1] + "장"
        return None

    def _move_last(self, rel) -> None:
        """Re-insert a relation at the end: the post a person holds now is stated after
        the posts they held before."""
        for key, r in list(self.doc.relations.items()):
            if r is rel:
                del self.doc.relations[key]
                self.doc.relations[key] = rel
                return

    def appointments(self) -> None:
        """Appointment announcements: "외교부 제1차관에 배성환 외교부 기획조정실장을
        임명", "조달청장에는 편주원 기재부 재정관리관이 … 임명됐다" give the new post and
        mark the post written with the name as the one held before; a profile line
        "▲배성환 외교부 제1차관(55) = … 북미국장과 주미국대사관 정무공사를 거쳐 …"
        gives the earlier posts."""
        doc = self.doc
        words = self.words
        persons = [e for e in doc.entities.values() if e.type == "Person"]

        def posts(p):
            return [r for r in doc.relations.values() if r.type == "HOLDS_POSITION" and r.source == p.id]

        for p in persons:
            for m in list(p.mentions):
                j = self.word_at.get(m.start)
                if j is None or j < 1:
                    continue
                tw = words[j - 1]
                if tw.particle not in ("에", "에는", "으로", "로") or not tw.bare and tw.particle == "":
                    continue
                post = self._org_title_at(j - 1)
                if post is None:
                    continue
                org, title = post
                # the post written with the name ("배성환 외교부 기획조정실장을") is the one held before
                k = self.word_at.get(m.end - 1)
                if k is not None and k + 2 < len(words):
                    before = self._org_title_at(k + 2)
                    if before is not None and before[0] is not org or before is not None and before[1] != title:
                        doc.relate("HOLDS_POSITION", p, before[0], (m.start, words[k + 2].stem_end), title=before[1], former=True)
                for r in posts(p):
                    if r.evidence is not None and m.start <= r.evidence.start + 40 and r.evidence.end >= m.start:
                        r.properties["former"] = True
                rel = doc.relate("HOLDS_POSITION", p, org, (words[j - 1].start, m.end), title=title, appointed=True)
                if rel is not None:
                    rel.properties.pop("former", None)
                    self._move_last(rel)
        # a post right after a name that no rule read yet: "심태경 한국환경산업기술원장",
        # "로드리고 바스케스 칠레 외교부 차관"
        for p in persons:
            for m in list(p.mentions):
                if any(r.evidence is not None and r.evidence.start <= m.start < r.evidence.end for r in posts(p)):
                    continue
                k = self.word_at.get(m.end - 1)
                if k is None or words[k].end != m.end and words[k].stem_end != m.end:
                    continue
                for step in (1, 2, 3):
                    if k + step >= len(words) or not words[k + step - 1].bare and step > 1:
                        break
                    post = self._org_title_at(k + step)
                    if post is not None:
                        org, title = post
                        if not any(r.target == org.id for r in posts(p)):
                            doc.relate("HOLDS_POSITION", p, org, (m.start, words[k + step].stem_end), title=title)
                        break
        # a name kiwi cut into pieces ("용석진" as 용 + 석진) before a post: "용석진
        # 한국수자원공사 사장", "선우혁 국방과학연구소장"
        for k, w in enumerate(words[:-1]):
            if w.particle or w.stem_start != w.start or doc.is_claimed(w.start, w.end):
                continue
            name = w.text
            if not (_HANGUL_RE.match(name) and len(name) == 3 and is_person_name(name) and not _is_title(name)):
                continue
            post = self._org_title_at(k + 1) or (self._org_title_at(k + 2) if k + 2 < len(words) and words[k + 1].bare else None)
            if post is None:
                continue
            org, title = post
            p = doc.entity("Person", name)
            if doc.mention(p, w.start, w.end):
                doc.relate("HOLDS_POSITION", p, org, (w.start, words[min(k + 2, len(words) - 1)].stem_end), title=title)
                persons.append(p)
        # profile lines: "▲NAME ORG TITLE(55) = … ORG TITLE을 거쳐 …"
        text = self.text
        for pm in _PROFILE_LINE.finditer(text):
            a, eq, end = pm.start(), pm.start() + pm.group(0).index("="), pm.end()
            subject = next((p for p in persons if any(a <= m.start < eq for m in p.mentions)), None)
            if subject is None:
                continue
            k = self.word_at.get(eq + 1) or self.word_at.get(eq + 2)
            while k is not None and k < len(words) and words[k].start < end:
                post = self._org_title_at(k)
                if post is not None:
                    org, title = post
                    rel = doc.relate("HOLDS_POSITION", subject, org, (words[k].start, words[k].end), title=title, former=True)
                    if rel is not None and not rel.properties.get("appointed"):
                        rel.properties.setdefault("profile", True)
                k += 1
        # the order states the career: posts of a profile line, then the post held just
        # before the appointment, then the new post
        for p in persons:
            mine = posts(p)
            for r in [r for r in mine if r.properties.get("former") and not r.properties.get("profile")]:
                self._move_last(r)
            for r in [r for r in mine if r.properties.get("appointed")]:
                self._move_last(r)

    def _namesake_elsewhere(self, person, org) -> bool:
        """Whether ``person`` already holds a post at a body other than ``org`` (and
        not at a body that contains it)."""
        doc = self.doc
        held = [r.target for r in doc.relations.values() if r.type == "HOLDS_POSITION" and r.source == person.id]
        return bool(held) and org.id not in held

    def _name_candidates(self, i: int, w: Word, tags: list[str]):
        """Readings of words[i] as the start of a person's name, most specific first:
        a foreign name in two Hangul words ("마크 엘리슨"), a name whose last syllable
        kiwi took for a particle ("마정은"), a Korean name ("오제욱")."""
        words = self.words
        n = len(words)
        stem = w.stem
        if (
            i + 1 < n
            and w.bare
            and w.stem_start == w.start
            and _HANGUL_RE.match(stem)
            and _HANGUL_RE.match(words[i + 1].stem or "-")
            and 2 <= len(stem) <= 4
            and 2 <= len(words[i + 1].stem) <= 5
            and w.has_nnp
            and words[i + 1].has_nnp
            and not self.doc.is_claimed(words[i + 1].stem_start, words[i + 1].stem_end)
            and _org_category_by_suffix(stem) is None
            and not (len(stem) >= 3 and _ner_org_head(stem))
            and not _is_title(words[i + 1].stem)
            and words[i + 1].stem[-1] not in _NOT_NAME_FINAL
            and _org_category_by_suffix(words[i + 1].stem) is None
        ):
            yield i + 1, True, None
        if (
            len(stem) == 2
            and len(w.particle) == 1
            and _HANGUL_RE.match(w.text)
            and len(w.text) == 3
            and is_person_name(w.text)
            and tags == ["NNP"]
        ):
            yield i, False, w.text
        if is_person_name(stem) and w.stem_start == w.start and set(tags) <= {"NNP", "NNG"} and (len(tags) == 1 or "NNP" in tags):
            yield i, False, None
        elif (
            len(stem) == 3
            and is_person_name(stem)
            and w.stem_start == w.start
            and tags[:1] == ["NNP"]
            and len(w.toks) >= 2
            and w.toks[0].form == stem[0]
            and {t.tag for t in w.toks if t.end <= w.stem_end} <= {"NNP", "NNG", "XPN", "XSN"}
        ):
            # kiwi cut a name after its surname ("김/NNP 재/XPN 춘/NNG")
            yield i, False, None

    def _government_of(self, w: Word):
        """The local government of a place word ("서울시" before a title)."""
        pe = self.word_entity(w, ("Place",))
        if pe is None:
            return None
        gid = pe.properties.get("gazetteer_id")
        if not gid:
            return None

        gov = _gaz().government_of(gid)
        if gov is None:
            return None
        org = entity_for_entry(self.doc, gov)
        # the same span now names the government, not the place
        for m in list(pe.mentions):
            if m.start == w.stem_start:
                pe.mentions.remove(m)
                self.doc.unclaim(m.start, m.end, pe.id)
                self.doc.mention(org, m.start, m.end)
        return org

    def _mark_affiliation(self, org, a: int, b: int) -> None:
        for m in org.mentions:
            if a - 30 <= m.start <= b:
                self.affiliation_spans.add((m.start, m.end))

    def person_followups(self) -> None:
        """Later mentions: the full name anywhere; "박 차관" / "박윤규 차관"."""
        doc = self.doc
        persons = [e for e in doc.entities.values() if e.type == "Person"]
        for p in persons:
            self._mention_all(p, p.name)
        by_surname: dict[str, list] = {}
        for p in persons:
            if " " in p.name:
                continue
            by_surname.setdefault(p.name[0], []).append(p)
        titles = "|".join(sorted((re.escape(t) for t in lx.KO_TITLES), key=len, reverse=True))
        for m in re.finditer(rf"(?<![\uac00-\ud7a3])([\uac00-\ud7a3])\s({titles})(?![\uac00-\ud7a3]*하)", self.text):
            cands = by_surname.get(m.group(1), [])
            t = m.group(2)
            match = [p for p in cands if any(
                (r.properties.get("title") or "").endswith(t) or t.endswith((r.properties.get("title") or "#")[-2:])
                for r in doc.relations.values() if r.type == "HOLDS_POSITION" and r.source == p.id
            ) or (p.properties.get("title") or "").endswith(t)]
            if len(match) == 1:
                p = match[0]
                if doc.mention(p, m.start(1), m.end(2)):
                    doc.alias(p, m.group(0))

    def unquoted_events(self) -> None:
        doc = self.doc
        words = self.words
        for k, w in enumerate(words):
            stem = w.stem
            if not stem or doc.is_claimed(w.stem_start, w.stem_end):
                continue
            head = event_head(stem)
            if not head:
                continue
            # the noun phrase goes on ("유엔기후변화협약 당사국총회"): name it at its last head
            if w.bare and k + 1 < len(words) and words[k + 1].stem and event_head(words[k + 1].stem) \
                    and words[k + 1].stem_start == words[k + 1].start and not doc.is_claimed(words[k + 1].stem_start, words[k + 1].stem_end):
                continue
            # walk back over bare noun words
            i = k
            while i > 0 and k - i < 6:
                pw = words[i - 1]
                if not pw.bare or not pw.stem or doc.is_claimed(pw.stem_start, pw.stem_end) or pw.stem in _EVENT_STOP:
                    break
                if pw.stem_start != pw.start:
                    # a word opening with a quote/bracket starts the name
                    i -= 1
                    break
                if not all(t in ("NNG", "NNP", "SL", "SN", "XPN", "XSN", "NNB", "NR") for t in pw.stem_tags()):
                    break
                i -= 1
            start = words[i].stem_start
            end = w.stem_end
            # trailing year: "XR 스타트업 데모데이 2024"
            if k + 1 < len(words) and re.fullmatch(r"(?:19|20)\d\d", words[k + 1].stem or "") and w.bare:
                end = words[k + 1].stem_end
            tail = self.text[end : w.end]
            mt = re.match(r"\([^()]{1,12}\)", tail)
            if mt and end == w.stem_end:
                end += mt.end()
            name = self.text[start:end]
            # "업무협약(MOU)": a head with its gloss in brackets names no event
            base = re.sub(r"\([^()]*\)", "", name).strip()
            if len(base) <= len(head) + 1:
                continue
            distinctive = _YEAR_OR_ORD.search(base) or re.search(r"[A-Z]", base)
            if not distinctive:
                continue
            # a shorter or differently wrapped form of an event the article already named
            known = _containing_event(doc, name)
            if known is not None:
                doc.alias(known, name)
                doc.mention(known, start, end)
                continue
            ent = doc.entity("Event", name, aliases=_event_aliases(name), props={"event_type": event_type(head)})
            doc.mention(ent, start, end)
            self.event_first.setdefault(ent.id, start)

    def list_orgs(self) -> None:
        """Members of a list that ends in a count of organisations are organisations:
        "디오비스튜디오, 엑스온스페이스, 코어픽셀랩 등 유망기업 20개사", "구글·HP·플러그앤플레이 등과"."""
        doc = self.doc
        words = self.words
        for k, w in enumerate(words):
            if w.stem != "등" and not w.text.startswith("등"):
                continue
            window = " ".join(x.text for x in words[k : k + 5])
            if not _ORG_COUNT.search(window) and not (k + 1 < len(words) and _ORG_PLURAL.match(words[k + 1].stem or "")):
                continue
            items: list[tuple[int, int]] = []
            j = k - 1
            while j >= 0 and k - j <= 12:
                pw = words[j]
                # "A·B·C" inside one word
                raw = self.text[pw.stem_start : pw.stem_end]
                trail = self.text[pw.stem_end : pw.end]
                if trail not in ("", ",") or not raw:
                    break
                off = pw.stem_start
                for part in re.split(r"([·・])", raw):
                    if part and part not in "·・":
                        items.append((off, off + len(part)))
                    off += len(part)
                if j == k - 1 or trail == ",":
                    pass
                j -= 1
                if j >= 0 and not self.text[words[j].stem_end : words[j].end] == ",":
                    break
            if len(items) < 2:
                continue
            for a, b in items:
                name = self.text[a:b]
                if doc.is_claimed(a, b) or len(name) < 2 or name in lx.KO_GENERIC or is_person_name(name) and self._is_person_known(name):
                    continue
                if _is_title(name) or event_head(name) or re.fullmatch(r"[\d.,%]+", name):
                    continue
                i = self.word_at.get(a)
                toks = [t for t in self.words[i].toks if a <= t.start < b] if i is not None else []
                if toks and all(t.tag == "NNG" for t in toks) and len(toks) > 1:
                    continue
                ent = doc.entity("Organization", name, props={"category": _org_category_by_suffix(name) or "company"})
                doc.mention(ent, a, b)
                self._mention_all(ent, name)

    def venue_phrases(self) -> None:
        """"판교 제2테크노밸리 기업지원허브에서": a known place followed by a building
        or hall word where something happens is one venue inside that place."""
        doc = self.doc
        words = self.words
        for i, w in enumerate(words[:-1]):
            place = self.word_entity(w, ("Place",))
            if place is None or not w.bare:
                continue
            # the place's name may run over several words ("판교 제2테크노밸리")
            m_end = max((m.end for m in place.mentions if m.start == w.stem_start), default=w.stem_end)
            j = self.word_at.get(m_end - 1, i)
            if not words[j].bare or words[j].stem_end != m_end:
                continue
            k = j + 1
            while k < len(words) and k - j <= 3 and words[k].bare and not doc.is_claimed(words[k].stem_start, words[k].stem_end):
                k += 1
            if k >= len(words):
                continue
            last = words[k]
            if not last.particle.startswith(("에서", "에")) or doc.is_claimed(last.stem_start, last.stem_end):
                continue
            if not _VENUE_SUFFIX.search(last.stem) or len(last.stem) < 3:
                continue
            name = self.text[w.stem_start : last.stem_end]
            venue = doc.entity("Place", name, props={"kind": "venue"})
            for m in list(place.mentions):
                if m.start == w.stem_start:
                    place.mentions.remove(m)
                    doc.unclaim(m.start, m.end, place.id)
            doc.mention(venue, w.stem_start, last.stem_end)
            doc.relate("LOCATED_IN", venue, place, (w.stem_start, last.stem_end))

    def hotel_venues(self) -> None:
        """"서울 롯데호텔에서", "힐튼 타슈켄트 시티 호텔에서": a hotel where something
        happens is a venue (a Place), not the hotel company: the gazetteer's venue of
        that name in that city when it knows one, else a venue named as written."""
        doc = self.doc
        words = self.words
        for k, w in enumerate(words):
            if not w.particle.startswith("에서") or not w.stem.endswith("호텔") and "호텔" not in w.stem:
                continue
            # the venue's name: the bare words before it, back to a particle, a number or a person
            i = k
            while i > 0 and k - i < 4:
                pw = words[i - 1]
                if not pw.bare or not pw.stem or re.search(r"\d", pw.stem) or pw.stem_start != pw.start:
                    break
                if re.search(r"(?:간|날|께|경)$", pw.stem) or pw.stem in _TIME_WORDS:
                    break  # "이틀간 서울 롯데호텔에서": a span of time is no part of the name
                eid = doc.owner[pw.stem_start]
                e = doc.entities.get(eid) if eid else None
                if e is not None and e.type in ("Person", "Event"):
                    break
                i -= 1
            a, b = words[i].stem_start, w.stem_end
            # a leading city qualifies the venue ("서울 롯데호텔" is Lotte Hotel Seoul)
            city = None
            j = i
            while j < k:
                e = doc.entities.get(doc.owner[words[j].stem_start]) if doc.owner[words[j].stem_start] else None
                if e is None or e.type != "Place" or e.properties.get("kind") == "venue":
                    break
                city = e  # the places before the name qualify it ("서울 영등포구 콘래드 서울 호텔")
                j += 1
            a_name = words[j].stem_start
            name = self.text[a_name:b]
            entry = None
            for cand in ([f"{name} {city.name}", f"{name}{city.name}"] if city is not None else []) + [name]:
                entry = _gaz().lookup_one(cand, type="Place")
                if entry is not None and city is not None and city.properties.get("gazetteer_id") and cand == name:
                    # the gazetteer's "롯데호텔" is in Seoul: "하노이 롯데호텔" is another hotel
                    if not any(x.id == city.properties["gazetteer_id"] for x in _gaz().ancestors(entry.id)):
                        entry = None
                if entry is not None:
                    break
            if entry is None and (b - a_name) <= 3:
                continue  # "호텔에서" alone names no venue
            if entry is None and city is not None and city.name not in name:
                name = f"{name} {city.name}"  # named like the gazetteer's hotels: "롯데호텔 하노이"
            venue = entity_for_entry(doc, entry) if entry is not None else doc.entity("Place", name, props={"kind": "venue"})
            if entry is not None and name != venue.name:
                doc.alias(venue, name)
            if doc.mention(venue, a_name, b, force=True) and city is not None:
                doc.relate("LOCATED_IN", venue, city, (a, b))

    def governments_of_places(self) -> None:
        """"일본 정부", "미국 대사관", "중국 당국": a place's name followed by a word for
        its government or mission names an organisation, not the place."""
        doc = self.doc
        words = self.words
        for i, w in enumerate(words[:-1]):
            place = self.word_entity(w, ("Place",))
            nxt = words[i + 1]
            if place is None or not w.bare or nxt.stem not in _GOV_WORDS:
                continue
            if doc.is_claimed(nxt.stem_start, nxt.stem_end):
                continue
            name = self.text[w.stem_start : nxt.stem_end]
            for m in list(place.mentions):
                if m.start == w.stem_start:
                    place.mentions.remove(m)
                    doc.unclaim(m.start, m.end, place.id)
            org = doc.entity("Organization", name, props={"category": "government" if nxt.stem != "대표팀" else "other"})
            doc.mention(org, w.stem_start, nxt.stem_end)

    def _is_person_known(self, name: str) -> bool:
        return self.doc.find("Person", name) is not None

    def places_by_adjacency(self) -> None:
        """"미국 실리콘밸리", "서울 코엑스": a place word right before another place
        (or an organisation's premises) says where the second is."""
        doc = self.doc
        for a, b in zip(self.words, self.words[1:]):
            pa = self.word_entity(a, ("Place",))
            if pa is None or not a.bare:
                continue
            pb = self.word_entity(b, ("Place",))
            if pb is not None and pb.id != pa.id:
                doc.relate("LOCATED_IN", pb, pa, (a.start, b.stem_end))


_ORG_COUNT = re.compile(r"\d+\s?(?:개사|개\s?기업|개\s?기관|개\s?업체|개\s?팀|개\s?대학|곳|개\s?스타트업|개\s?社)")
_ORG_PLURAL = re.compile(r"(?:글로벌\s?)?(?:기업|기관|업체|빅테크|투자사|대기업|스타트업|회사|협력사|파트너사|대학)")
_EVENT_STOP = frozenset("이번 이날 당시 본 해당 올해 지난해 작년 내년 오는 지난 각 및 등".split())


def _containing_event(doc, name: str):
    n = norm(name)
    if len(n) < 4:
        return None
    for e in doc.entities.values():
        if e.type != "Event":
            continue
        for form in [e.name, *e.aliases]:
            f = norm(form)
            if n != f and n in f and len(n) >= 0.6 * len(f):
                return e
    return None


_GOV_TITLE = re.compile(r"(?:장관|차관|차관보|대변인|실장|국장|정책관|심의관|기획관|과장|청장|처장|Minister|Vice Minister|Spokesperson|Director[- ]General)$")


_MINISTER_TITLE = re.compile(r"(?:장관|차관|차관보|Minister)$")


def _title_fits(title: str, ministry) -> bool:
    """Whether an English minister's title with a portfolio ("Science and ICT Minister")
    can be ``ministry``'s: a word of the portfolio is in its English names."""
    m = re.match(r"^(?:(?:First|Second|Third|Senior|Vice|Deputy)\s)*(?P<port>.+?)\s(?:(?:Vice|Deputy)\s)?Minister$", title)
    if m is None:
        return True
    words = set(re.findall(r"[A-Z][A-Za-z]+", m.group("port"))) - {"Prime", "First", "Second", "Third", "Senior", "Vice", "Deputy", "Acting", "Executive", "Chief", "Former"}
    if not words:
        return True
    if ministry is None:
        return False
    names = " ".join([str(getattr(ministry, "name_en", None) or ""), ministry.name, *ministry.aliases])
    return any(w in names for w in words)


def _is_ministry(e) -> bool:
    """A ministry: 과학기술정보통신부, 외교부, "Ministry of …", "… Ministry"."""
    names = (e.name, str(getattr(e, "name_en", None) or ""))
    return e.name.endswith("부") or any(re.search(r"\bMinistry\b", n) for n in names)


def attach_government_titles(doc, spans: dict[str, tuple[int, int]]) -> None:
    """A ministry title without a ministry ("강도현 제2차관은", "Minister Lee") is a
    position at the government body the article is about: the one it names most."""
    # a foreign government's ministry is never the article's own body by default
    govs = [e for e in doc.entities.values() if e.type == "Organization" and e.properties.get("category") == "government"
            and not e.properties.get("country")]
    if not govs:
        return
    # the article's body: a known (gazetteer) government body it names most, else any it names most
    known = [e for e in govs if e.properties.get("gazetteer_id")] or govs
    gov = max(known, key=lambda e: (len(e.mentions), -min((m.start for m in e.mentions), default=0)))
    ministries = [e for e in govs if _is_ministry(e)]
    known_ministries = [e for e in ministries if e.properties.get("gazetteer_id")] or ministries
    ministry = max(known_ministries, key=lambda e: (len(e.mentions), -min((m.start for m in e.mentions), default=0))) if ministries else None
    sents = None
    for p in list(doc.entities.values()):
        title = p.properties.get("title") if p.type == "Person" else None
        if not title or not _GOV_TITLE.search(title):
            continue
        if any(r.type == "HOLDS_POSITION" and r.source == p.id for r in doc.relations.values()):
            continue
        # the body the text ties them to: a government body named earlier in the same
        # sentence ("외교부(장관 조태열)는 배성환 제1차관이 …")
        if not _title_fits(title, ministry):
            continue  # "Communications and Multimedia Minister": not this article's ministry
        # a minister serves in a ministry, never in the assembly, a city or an agency
        minister = bool(_MINISTER_TITLE.search(title))
        body, why = (ministry if minister else gov), "article's government body"
        pool = ministries if minister else govs
        first = min((m.start for m in p.mentions), default=None)
        if first is not None:
            if sents is None:
                sents = sentences(doc.text)
            s = next((x for x in sents if x.start <= first < x.end), None)
            if s is not None:
                near = [(m.start, e) for e in pool for m in e.mentions if s.start <= m.start < first]
                if near:
                    body, why = max(near, key=lambda t: t[0])[1], "government body named before the person"
        if body is not None:
            doc.relate("HOLDS_POSITION", p, body, spans.get(p.id), title=title, inferred=why)


_TIME_WORDS = frozenset("이날 당일 오늘 오전 오후 저녁 아침 현지 같은 이번 당시 매년 올해 지난해 내년".split())
_FUSED_HEAD = re.compile(r"^([가-힣]{2,}(?:청|처|원|공단|공사|위원회|진흥원|연구원|연구소|센터|박물관|도서관))장$")
_PROFILE_LINE = re.compile(r"^[▲△■□◆◇○●\-]\s?[가-힣]{2,4}[^=\n]{0,60}=[^\n]+", re.M)


def _category_for_title(title: str) -> str:
    if title.endswith(("교수", "총장", "학장")):
        return "academia"
    if title.endswith(("연구위원", "책임연구원", "선임연구원", "연구원")):
        return "research"
    if title.endswith(("장관", "차관", "청장", "정책관", "국장", "과장", "실장")):
        return "government"
    return "company"


def _event_aliases(name: str) -> list[str]:
    out = []
    # "컴업(COMEUP) 2024": the name in Latin letters, with the edition year
    latin = re.search(r"\(([A-Z][A-Za-z0-9&.\- ]{1,40})\)", name)
    if latin:
        year = re.search(r"(?:19|20)\d\d", name)
        out.append(latin.group(1) + (f" {year.group(0)}" if year and year.group(0) not in latin.group(1) else ""))
    base = _PAREN_TAIL.sub("", name).strip()
    if base != name:
        out.append(base)
    no_ord = re.sub(r"^제\s?\d+\s?[차회]\s+", "", name).strip()
    if no_ord != name:
        out.append(no_ord)
    return out


_NAME_HEAD_WORDS = frozenset(
    "통신 통신사 방송 방송사 뉴스 신문 엔터테인먼트 홀딩스 그룹 자이언츠 라이온즈 라이온스 타이거즈 베어스 이글스 트윈스 "
    "위즈 다이노스 히어로즈 와이번스 랜더스 마린스 파이터스 스왈로스 버펄로스 호크스".split()
)


def headed_extents(ex) -> None:
    """"AFP 통신", "YG 엔터테인먼트", "두산 베어스": an organisation's name and the
    generic head word written after it are one mention; ``head_end`` keeps
    where the name ends."""
    doc = ex.doc
    words = ex.words
    text = doc.text
    for i, w in enumerate(words[:-1]):
        if not w.bare or not w.stem:
            continue
        nw = words[i + 1]
        if nw.stem not in _NAME_HEAD_WORDS or nw.stem_start != nw.start or doc.is_claimed(nw.stem_start, nw.stem_end):
            continue
        eid = doc.owner[w.stem_end - 1]
        e = doc.entities.get(eid) if eid else None
        if e is None or e.type != "Organization":
            continue
        for k, m in enumerate(e.mentions):
            if m.end == w.stem_end and m.start >= w.start - (m.end - m.start):
                e.mentions[k] = Span(m.start, nw.stem_end, text[m.start : nw.stem_end], m.head_start, m.end)
                break


_HOME_COUNTRIES = frozenset(("place:south-korea",))


def foreign_counterparts(doc: Doc) -> None:
    """"미국 법무부", "일본 기상청", "중국 외교부": a Korean government body's
    generic name after a foreign country names that country's counterpart, a
    body of its own ("미국 법무부"), not the Korean ministry the gazetteer
    knows by that name."""
    text = doc.text
    places = {}
    for e in doc.entities.values():
        if e.type == "Place" and e.properties.get("kind") == "country" and e.properties.get("gazetteer_id") not in _HOME_COUNTRIES:
            for m in e.mentions:
                places[m.end] = e
    if not places:
        return
    for e in list(doc.entities.values()):
        if e.type != "Organization" or e.properties.get("category") != "government" or not e.properties.get("gazetteer_id"):
            continue
        for m in list(e.mentions):
            country = places.get(m.start - 1) if m.start > 0 and text[m.start - 1] == " " else places.get(m.start)
            if country is None:
                continue
            cm = next(x for x in country.mentions if x.end in (m.start, m.start - 1))
            e.mentions.remove(m)
            doc.unclaim(m.start, m.end, e.id)
            name = f"{country.name} {m.text}"
            body = doc.entity("Organization", name, props={"category": "government", "country": country.name})
            body.properties.setdefault("name_ko_generic", m.text)
            doc.mention(body, m.start, m.end)
            if cm.text != country.name:
                doc.alias(body, f"{cm.text} {m.text}")
            doc.relate("LOCATED_IN", body, country, (cm.start, m.end))


def foreign_bodies(doc: Doc) -> None:
    """"베트남 산업무역부", "우즈베키스탄 광업지질부": a government body the text
    qualifies with a foreign country is that country's body: it is LOCATED_IN the
    country and known by the qualified name too (never a Korean ministry)."""
    countries = {}
    for e in doc.entities.values():
        if e.type == "Place" and e.properties.get("kind") == "country" and e.properties.get("gazetteer_id") not in _HOME_COUNTRIES:
            for m in e.mentions:
                countries[m.start] = e
    if not countries:
        return
    for e in list(doc.entities.values()):
        if e.type != "Organization" or e.properties.get("category") != "government" or e.properties.get("gazetteer_id"):
            continue
        for m in e.mentions:
            if m.head_start is None or m.head_start <= m.start:
                continue
            country = countries.get(m.start)
            if country is None:
                continue
            e.properties.setdefault("country", country.name)
            doc.alias(e, m.text)
            doc.relate("LOCATED_IN", e, country, (m.start, m.end))
            break


def _compatible_qualifier(outer, inner) -> bool:
    """``outer`` can qualify ``inner`` ("미국 실리콘밸리"), not sit beside it as a
    peer ("한국 일본"): when the gazetteer knows both, ``outer`` must enclose
    ``inner``; two countries never qualify one another."""
    oid, iid = outer.properties.get("gazetteer_id"), inner.properties.get("gazetteer_id")
    if outer.properties.get("kind") == "country" and inner.properties.get("kind") == "country":
        return False
    if outer.properties.get("kind") == "country" and inner.type == "Organization":
        return True  # "일본 롯데", "미국 폭스뉴스": a body of that country
    if oid and iid:
        gz = _gaz()
        anc = gz.ancestors(iid)
        if any(a.id == oid for a in anc):
            return True
        o, i = gz.get(oid), gz.get(iid)
        if o is None or i is None or o.type != "Place" or i.type != "Place":
            return False
        if o.kind == "region" and o.located_in is None and i.kind == "country":
            return True  # "아프리카 시에라리온": a continent and a country in it
        # "랴오닝성 다롄", "규슈 구마모토현": a wider unit of the same country the
        # gazetteer does not chain (the city lies in the country only)
        rank_o, rank_i = _KIND_RANK.get(o.kind or "", 0), _KIND_RANK.get(i.kind or "", 0)
        country_o = o.id if o.kind == "country" else next((a.id for a in gz.ancestors(oid) if a.kind == "country"), None)
        country_i = next((a.id for a in anc if a.kind == "country"), None)
        return (o.kind != "country" and country_o is not None and country_o == country_i
                and (rank_o > rank_i or (o.kind == "region" and rank_o == rank_i)))
    return True


_KIND_RANK = {"country": 5, "region": 4, "province": 4, "state": 4, "city": 3, "county": 2, "district": 2, "venue": 1}


def qualified_extents(doc: Doc) -> None:
    """A Korean name with places written before it ("경기 수원시 팔달구 매교동",
    "미국 실리콘밸리", "서울 서대문경찰서") is one mention of the last thing;
    its extent opens at the first place and ``head_start`` keeps where the name
    itself starts. The places keep their own mentions (and the graph its
    LOCATED_IN), only the last name's mention grows."""
    text = doc.text
    spans = []
    for e in doc.entities.values():
        if e.type in ("Place", "Organization"):
            for m in e.mentions:
                spans.append((m.start, m.end, e))
    if len(spans) < 2:
        return
    spans.sort(key=lambda x: (x[0], -x[1]))
    ending_at: dict[int, tuple[int, int, object]] = {}
    for st, en, e in spans:
        ending_at.setdefault(en, (st, en, e))
    chain_start: dict[tuple[int, int], int] = {}
    extended: dict[tuple[int, int], int] = {}
    for st, en, e in spans:
        prev = ending_at.get(st) or (ending_at.get(st - 1) if st > 0 and text[st - 1] == " " else None)
        if prev is None:
            continue
        ps, pe, pent = prev
        if pent.type != "Place" or pent.id == e.id or not _compatible_qualifier(pent, e):
            continue
        if ps > 0 and not (text[ps - 1].isspace() or text[ps - 1] in "(‘'\"“「『<《·,") and (ps, pe) not in chain_start:
            continue  # the first place must open a word
        chain_start[(st, en)] = chain_start.get((ps, pe), ps)
        extended.pop((ps, pe), None)
        extended[(st, en)] = chain_start[(st, en)]
    for st, en, e in spans:
        head = extended.get((st, en))
        if head is None:
            continue
        e.mentions = [
            Span(head, en, text[head:en], st) if (m.start, m.end) == (st, en) else m for m in e.mentions
        ]
