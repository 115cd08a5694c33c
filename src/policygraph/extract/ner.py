"""General named-entity recognition for Korean text: persons, organisations and
places that the press-event rules (titles, suffixes, quotes, lists) did not
find. Runs after those rules and only on spans nobody claimed.

Everything works on kiwi's tokens, which ``KoreanExtractor`` already holds
(``ex.words[*].toks``); nothing is re-tokenised. One left-to-right pass over
the tokens builds candidate spans, each candidate is typed by

1. its head noun: an organisation head ("…경찰서", "…일보", "…당", "…대") or a
   place head ("…시", "…구", "… 광장") after a proper noun;
2. the gazetteer, for a proper noun the scanner skipped because a common noun
   follows it ("충남지역");
3. its context: a role word after it ("… 씨", "… 감독", "… 총리") or before it
   ("배우 …", "남편 …"), an age in brackets ("…(35)");
4. its shape: surname + given-name syllables;

and every occurrence of a recognised name in the article becomes a mention.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon as lx
from . import ner_lexicon as nl
from ..models import Span
from .gaz import _gaz, entity_for_entry

_HANGUL_RE = re.compile(r"^[\uac00-\ud7a3]+$")
_NAME_TAGS = frozenset(("NNP", "SL", "SH"))
_COMPOUND_TAGS = frozenset(("NNP", "NNG", "SL", "SH", "SN"))
_AGE_RE = re.compile(r"\(\d{1,3}(?:[·,.][^()]{0,12})?\)")
_CONTINUE_TAGS = frozenset(("NNP", "NNG", "SL", "SH", "SN", "XSN"))
_QUOTES = "‘'\"“「『《〈<"
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")

_ORG_HEADS = dict(nl.ORG_HEADS)
_ORG_HEAD_LENS = sorted({len(h) for h in _ORG_HEADS}, reverse=True)
_PLACE_HEADS = frozenset(nl.PLACE_HEADS)
_PLACE_HEAD_LENS = sorted({len(h) for h in _PLACE_HEADS}, reverse=True)
_TITLE_SUFFIXES = frozenset(lx.KO_TITLE_SUFFIXES)
_TITLE_SUFFIX_LENS = sorted({len(h) for h in _TITLE_SUFFIXES}, reverse=True)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(lx.KO_TITLES) | nl.PERSON_AFTER


def _is_title_word(stem: str) -> bool:
    if stem in _titles():
        return True
    if len(stem) > 2 and stem.startswith("전") and stem[1:] in _titles():
        return True
    n = len(stem)
    return any(L < n and stem[n - L :] in _TITLE_SUFFIXES for L in _TITLE_SUFFIX_LENS)


def korean_name_shape(s: str) -> bool:
    """Surname + one or two common given-name syllables ("김연아", "남궁민수")."""
    if not _HANGUL_RE.match(s):
        return False
    if len(s) >= 3 and s[:2] in lx.SURNAMES_2:
        given = s[2:]
    elif s[0] in lx.SURNAMES_1:
        given = s[1:]
    else:
        return False
    return 1 <= len(given) <= 2 and all(c in nl.GIVEN_SYLLABLES for c in given)


def _org_head(s: str) -> tuple[str, str] | None:
    n = len(s)
    for L in _ORG_HEAD_LENS:
        if L < n:
            cat = _ORG_HEADS.get(s[n - L :])
            if cat is not None:
                return s[n - L :], cat
    return None


def _place_head(s: str) -> str | None:
    n = len(s)
    for L in _PLACE_HEAD_LENS:
        if L < n:
            h = s[n - L :]
            if h in _PLACE_HEADS:
                if h in nl.PLACE_SHORT_HEADS and n - L < 2:
                    continue
                return h
    return None


class _Tokens:
    """The article's kiwi tokens in order, each with its word index."""

    __slots__ = ("toks", "wi")

    def __init__(self, words):
        self.toks = []
        self.wi = []
        for i, w in enumerate(words):
            for t in w.toks:
                self.toks.append(t)
                self.wi.append(i)


def general_mentions(ex) -> None:
    """Add Person/Organization/Place mentions for unclaimed names in ``ex.text``."""
    words = ex.words
    if not words:
        return
    _names_by_word(ex)
    _places_before_heads(ex)
    _late_abbreviations(ex)
    tk = _Tokens(words)
    toks = tk.toks
    n = len(toks)
    found: list[tuple[int, int, str, str | None]] = []  # start, end, type, category
    k = 0
    while k < n:
        t = toks[k]
        if t.tag not in _NAME_TAGS and t.tag != "NNG":
            k += 1
            continue
        # the noun compound starting here (tokens touching each other)
        m = k
        while m + 1 < n and toks[m + 1].start == toks[m].end and toks[m + 1].tag in _COMPOUND_TAGS:
            m += 1
        nxt = m + 1
        res = _classify(ex, tk, k, m)
        if res is not None and res[2] == "Person":
            res = _unglue_subject_particle(ex, res)
        if res is not None:
            found.append(res)
            nxt = max(nxt, res[4] + 1)
        k = nxt
    for start, end, etype, cat, _ in found:
        _add(ex, start, end, etype, cat)
    _countries_as_actors(ex)
    _state_abbreviations(ex)
    _units(ex)
    _reporting_media(ex)
    _spread_over_lists(ex)
    _hanja_glosses(ex)
    _bracket_affiliations(ex)
    _sub_units(ex)
    _foreign_name_lists(ex)
    _acts_with_members(ex)
    _late_abbreviations(ex)
    _platforms_as_media(ex)
    _places_after_places(ex)
    _directional_regions(ex)
    _split_names(ex)


# particles after which a word standing alone is most often a person in a clause
# (subject, topic, object, possessor, dative, comitative)
_NAME_PARTICLES = frozenset("은 는 이 가 을 를 의 에게 에게서 한테 과 와 도".split())
_NAME_PIECE_TAGS = frozenset(("NNP", "NNG", "NNB", "NR", "MM", "NP"))
# last syllables of a unit of an organisation, not of a given name ("조사부", "전담반")
_UNIT_FINALS = frozenset("부 반 팀 실 처 과".split())


def _split_names(ex) -> None:
    """A Korean name kiwi does not know, cut into pieces ("조성/NNG 진/NNG의",
    "윤/NNP 일/MM 록/NNG이"): a whole word of three syllables with a name's shape
    (surname + given-name syllables), before a particle of a clause's actor,
    read as nothing but nouns, none of them a suffix, is a person when what
    follows the surname is not a word kiwi knows ("조회수": 회수 is)."""
    from .ko import kiwi

    doc = ex.doc
    text = ex.text
    words = ex.words
    for i, w in enumerate(words):
        if w.start != w.stem_start or len(w.text) < 4:
            continue
        if i > 0 and words[i - 1].bare and words[i - 1].stem and not (
            words[i - 1].stem in nl.PERSON_BEFORE or _is_title_word(words[i - 1].stem)
        ):
            continue  # a noun before it: the head of a compound ("암모니아 추진선과")
        name, rest = w.text[:3], w.text[3:]
        if rest not in _NAME_PARTICLES or not korean_name_shape(name) or name[-1] in nl.NON_NAME_FINALS or name[-1] in _UNIT_FINALS:
            continue
        a, b = w.start, w.start + 3
        if doc.is_claimed(a, b) or _is_title_word(name) or name in lx.KO_GENERIC or _org_head(name):
            continue
        if a > 0 and text[a - 1] in _QUOTES:
            continue  # a title of a work
        pieces = [t for t in w.toks if t.start < b]
        if len(pieces) < 2 or any(t.end > b for t in pieces) or not all(t.tag in _NAME_PIECE_TAGS for t in pieces):
            continue
        tail = kiwi().tokenize(name[1:])
        if len(tail) == 1 and tail[0].tag == "NNG" and not getattr(tail[0], "oov", False):
            continue
        _add(ex, a, b, "Person", None)


_FEATURE_HEADS = frozenset("역 산 섬 강 천 봉".split())
_UNIT_AFTER_PLACE = frozenset("시 군 구 읍 면 동 리 가 산 강 섬 천 봉".split())
_DIRECTION_DISTRICTS = frozenset("동구 서구 남구 북구 중구".split())
_NOT_UNITS = frozenset("지역구 선거구 자치구 행정구 시가 일대 인근 부근 일원 지구 연구".split())


def _places_after_places(ex) -> None:
    """"울산 남구 삼산동", "부산 동래구 온천동", "수원 팔달산": right after a place,
    a word ending in an administrative unit or a natural feature (kiwi's proper
    noun, a "동/서/남/북/중구", or a noun split off its head) names a place in it."""
    doc = ex.doc
    words = ex.words
    for i in range(1, len(words)):
        w, pw = words[i], words[i - 1]
        st = w.stem
        if not st or w.stem_start != w.start or len(st) < 2 or not _HANGUL_RE.match(st) or st in _NOT_UNITS:
            continue
        if st[-1] not in _UNIT_AFTER_PLACE or doc.is_claimed(w.stem_start, w.stem_end) or st in lx.KO_GENERIC:
            continue
        if not pw.bare or not pw.stem:
            continue
        eid = doc.owner[pw.stem_end - 1]
        prev = doc.entities.get(eid) if eid else None
        if prev is None or prev.type != "Place" or not any(m.end == pw.stem_end for m in prev.mentions):
            continue
        toks = [t for t in w.toks if t.start < w.stem_end]
        if not toks or toks[-1].end != w.stem_end:
            continue
        nnp = toks[0].tag == "NNP" and all(t.tag in ("NNP", "NNG") for t in toks)
        split_head = len(toks) >= 2 and toks[-1].form == st[-1] and all(t.tag in ("NNP", "NNG") for t in toks)
        if not (nnp or split_head or st in _DIRECTION_DISTRICTS):
            continue
        if len(st) == 2 and st not in _DIRECTION_DISTRICTS and not nnp:
            continue
        # named with the place it lies in: "남구" or "중앙동" alone names a
        # district of many cities, and two of them must not meet in the graph
        place = doc.entity("Place", f"{prev.name} {st}", props={"kind": "district"})
        doc.alias(place, st)
        if doc.mention(place, w.stem_start, w.stem_end):
            doc.relate("LOCATED_IN", place, prev, (pw.stem_start, w.stem_end))


_DIRECTIONS = tuple(sorted(
    "북부 남부 동부 서부 중부 북동부 북서부 남동부 남서부 동북부 서북부 동남부 서남부 중북부 중남부 산간 내륙".split(),
    key=len, reverse=True,
))


def _directional_regions(ex) -> None:
    """"경기 북부에", "미국 북동부를", "강원 산간과": a place and a word for one part
    of it name that region, a place of its own inside the first, when the region
    is an argument of its own (a particle follows); before a noun the words only
    qualify it ("베트남 북부 신도시 개발")."""
    doc = ex.doc
    words = ex.words
    text = ex.text
    for e in [x for x in doc.entities.values() if x.type == "Place"]:
        for m in list(e.mentions):
            wi = ex.word_at.get(m.start)
            if wi is None:
                continue
            w = words[wi]
            end = None
            if m.end == w.stem_end and w.bare and wi + 1 < len(words):
                nw = words[wi + 1]
                if nw.stem in _DIRECTIONS and nw.stem_start == nw.start and not nw.bare:
                    end = nw.stem_end
            elif m.end < w.stem_end and text[m.end : w.stem_end] in _DIRECTIONS and not w.bare:
                end = w.stem_end  # "경기북부에"
            if end is None or doc.is_claimed(m.end, end):
                continue
            form = text[m.start : end]
            name = f"{m.text} {text[m.end : end].strip()}"  # one name for "경기북부" and "경기 북부"
            region = doc.entity("Place", name, props={"kind": "region"})
            if form != name:
                doc.alias(region, form)
            # the place keeps its own mention inside the region's (as qualified
            # extents do); the direction word is claimed by the region
            if not doc.mention(region, m.end + (1 if text[m.end] == " " else 0), end):
                continue
            region.mentions[-1] = Span(m.start, end, form)
            doc.relate("LOCATED_IN", region, e, (m.start, end))


_WORD_NAME = re.compile(r"([\uac00-\ud7a3]{2,4})(\(\d{1,3}(?:[·,][^()]{0,12})?\))?(.*)$")
_NAME_TAILS = frozenset(
    "은 는 이 가 을 를 의 와 과 도 에게 께서 에게서 한테 만 부터 까지 이다 이었다 였다 이며 이고 으로 로 에 측 씨 , ( · ) ' ’ \" ”".split()
) | {""}


_PARTICLE_TAIL = re.compile(r"(?:은|는|이|가|을|를|의|와|과|도|에게|께서|한테|만|이다|이었다|였다|이며|이고|으로|로)[,.'’\"”)]?")


def _person_just_before(ex, i: int) -> bool:
    """words[i-1] (or words[i-2] before 전/현) is a bare person's name."""
    words = ex.words
    j = i - 1
    if j >= 1 and words[j].text in ("전", "현", "前"):
        j -= 1
    if j < 0:
        return False
    pw = words[j]
    end = pw.stem_end
    if not pw.stem or not (pw.bare or _AGE_RE.fullmatch(pw.text[end - pw.start :])):
        return False
    eid = ex.doc.is_claimed(pw.stem_start, end)
    e = ex.doc.entities.get(eid) if eid else None
    if e is None:
        return pw.stem_start == pw.start and len(pw.stem) >= 3 and korean_name_shape(pw.stem)  # not read yet
    return e.type == "Person" and any(m.end == end for m in e.mentions)


def _case_particle(t) -> bool:
    """kiwi read the token as a case particle ("남성/의", "문제/가"), or as 은/는/도."""
    return t.tag in ("JKS", "JKG", "JKO", "JKB", "JKC", "JC") or (t.tag == "JX" and t.form in ("은", "는", "도"))


def _split_name_word(word: str) -> tuple[str, str | None, str] | None:
    """A written word as name + age + rest ("서경석(43)", "한지민이"): the
    longest name-shaped head whose remainder is a particle."""
    mt = _WORD_NAME.match(word)
    if mt is None:
        return None
    name, age, rest = mt.group(1), mt.group(2), mt.group(3)
    if korean_name_shape(name) and (rest in _NAME_TAILS or rest.startswith(("(", ",", "·"))):
        return name, age, rest
    if age:
        return None
    # the greedy head swallowed a particle: "한지민이" is 한지민 + 이
    for L in range(len(name) - 1, 1, -1):
        tail = name[L:] + rest
        if _PARTICLE_TAIL.fullmatch(tail) and korean_name_shape(name[:L]):
            return name[:L], None, tail
    return None


_SPLIT_NAME_TAGS = frozenset(("NNP", "NNG", "NNB", "NR", "XPN", "XSN", "XR", "MM", "NP"))
# the surnames of about nine Koreans in ten (2015 census)
_COMMON_SURNAMES = frozenset("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 민 진 지 엄 채 원".split())


def _names_by_word(ex) -> None:
    """Korean personal names kiwi cut into pieces ("서/NNP 경석/NNG", "김희/NNP 숙/NNG"),
    read from the written word: a surname and common given-name syllables, with
    a person's cue beside it: "씨" or a title after it ("서경석(43) 씨",
    "이건범 대표가", "조영곤 서울중앙지검장의"), an age in brackets, or a role
    noun before it ("개그맨 서경석")."""
    doc = ex.doc
    words = ex.words
    n = len(words)
    for i, w in enumerate(words):
        split = _split_name_word(w.text)
        if split is None:
            continue
        name, age, rest = split
        a = w.start
        b = a + len(name)
        if doc.is_claimed(a, b) or name in lx.KO_GENERIC or _is_title_word(name) or name in nl.PERSON_BEFORE:
            continue
        if name[1] == "모" or name[1:3] == "모씨":
            continue  # "김모(33)씨": an anonymised name
        # "박종대 씨", "김희숙 여사": the honorific as a word of its own
        honorific = rest == "씨" or (
            not rest and not age and i + 1 < n and words[i + 1].stem in ("씨", "여사", "옹")
            and words[i + 1].stem_start == words[i + 1].start
        )
        strong = len(name) >= 3 and _strong_title_after(ex, i, rest)
        oh = _org_head(name)
        if strong and oh and not rest and not age and _person_just_before(ex, i):
            # "표창원 전 경찰대 교수": a person's name came first, this is the body of the title
            _add(ex, a, b, "Organization", oh[1])
            continue
        # kiwi's pieces must be nouns ending where the name ends ("사실을 부인했다" is no name);
        # a whole word before a title or honorific may be cut anyhow ("최/NNP 홍/NNG 만/JX 선수")
        inner = [t for t in w.toks if t.start < b]
        if not inner or inner[-1].end != b or any(t.tag not in _SPLIT_NAME_TAGS for t in inner):
            if not ((strong or honorific) and not rest and not age and len(name) >= 3 and inner
                    and inner[-1].end == b and any(t.tag in ("NNP", "NNG") for t in inner)
                    and not _case_particle(inner[-1])):
                continue  # "문제가 국정감사장을", "남성의 40대": a noun and its particle
        if inner[0].tag != "NNP" and name[0] not in _COMMON_SURNAMES:
            continue  # a common noun read as a rare surname ("계열사", "음식점")
        if _gaz().lookup(name) or (not strong and not age and not honorific and (_org_head(name) or (len(name) >= 3 and _place_head(name)))):
            continue  # "박도현(58)", "김한길 의원": names may end like places when a person's cue is there
        cue = strong or (bool(age) and len(name) >= 3)
        bare = not rest and not age
        if not cue and (bare or rest in ("씨",)) and i + 1 < n:
            nw = words[i + 1]
            st = nw.stem
            if rest == "씨":
                cue = True
            elif st and nw.stem_start == nw.start:
                if st in ("씨", "여사", "옹") or (st in nl.PERSON_AFTER and (len(name) >= 3 or st not in nl.AMBIGUOUS_AFTER)):
                    cue = True
        if not cue and len(name) >= 3 and rest.startswith("(") and _affiliation_in_bracket(ex, b):
            cue = True  # "양희종(KGC인삼공사)", "김태원(새누리당) 의원"
        if not cue and len(name) >= 3 and i > 0:
            pw = words[i - 1]
            role = pw.text if pw.text in nl.PERSON_BEFORE else pw.stem  # kiwi reads "배우" as a verb
            if (pw.bare or pw.text == role) and role in nl.PERSON_BEFORE and role not in nl.PERSON_GROUP_BEFORE:
                cue = True
        if cue and len(name) == 2 and not (age or rest == "씨" or (bare and i + 1 < n and words[i + 1].stem in ("씨", "여사"))):
            cue = False  # a two-syllable name only with "씨" or an age
        if cue:
            _add(ex, a, b, "Person", None)


def _title_word_at(ex, j: int) -> bool:
    words = ex.words
    if j >= len(words):
        return False
    w = words[j]
    st = w.stem
    if not st or w.stem_start != w.start:
        return False
    return st not in nl.AMBIGUOUS_AFTER and st not in ("씨", "군", "양", "님") and (st in nl.PERSON_AFTER or _is_title_word(st))


def _org_word_at(ex, j: int) -> bool:
    """words[j] is a bare word naming a body or a place ("공정거래위원회", "현대건설")."""
    words = ex.words
    if j >= len(words):
        return False
    w = words[j]
    if not w.bare or not w.stem or w.stem_start != w.start:
        return False
    eid = ex.doc.is_claimed(w.stem_start, w.stem_end)
    e = ex.doc.entities.get(eid) if eid else None
    if e is not None:
        return e.type in ("Organization", "Place")
    return bool(_gaz().lookup(w.stem)) or (len(w.stem) >= 3 and _org_head(w.stem) is not None)


def _strong_title_after(ex, i: int, rest: str) -> bool:
    """After words[i]: a title ("… 서울중앙지검장"), a body and a title ("… 공정거래위원회
    부위원장"), with 전/현 before either, or after the name's bracketed spelling
    ("김덕천(金德天)·임한수(林漢洙) 선생")."""
    words = ex.words
    if rest and not re.fullmatch(r"\([\u4e00-\u9fff]{2,5}\)[·,]?", rest):
        return False
    j = i + 1
    if j < len(words) and words[j].text in ("전", "현", "前"):
        j += 1
    return _title_word_at(ex, j) or (_org_word_at(ex, j) and _title_word_at(ex, j + 1))


_UNIT_RE = re.compile(
    r"(?<![\w])(?:(?:육군|해군|공군|해병대)\s?)?(?:제\s?)?\d{1,3}\s?(?:사단|군단|여단|연대|대대|함대|비행단|전투비행단|관구\s?사령부|특전여단)(?![\uac00-\ud7a3]*장)"
    r"|(?<![\w])119\s?(?:구조대|구급대|특수구조단)"
)


def _units(ex) -> None:
    """"28사단", "육군 55사단", "119구조대": numbered military units and rescue
    squads are organisations."""
    doc = ex.doc
    for mt in _UNIT_RE.finditer(ex.text):
        a, b = mt.start(), mt.end()
        if doc.is_claimed(a, b):
            continue
        ent = doc.entity("Organization", mt.group(0), props={"category": "government"})
        doc.mention(ent, a, b)


# "상하이스트가 9일 전했다", "차이나데일리는 보도했다", "인디펜던트 인터넷판이 22일 보도했다"
_REPORTED = re.compile(
    r"\s?(?:인터넷판|온라인판|전자판|인터넷\s?판)?(?:이|가|은|는|도)\s(?:\d{1,2}일\s?(?:\([^()]{1,10}\)\s?)?)?(?:이같이\s)?(?:보도했|보도한|전했|보도)"
)


def _reporting_media(ex) -> None:
    """An unknown proper noun that reports news ("…이 N일 보도했다/전했다") is a
    news outlet."""
    text = ex.text
    doc = ex.doc
    words = ex.words
    if "보도" not in text and "전했" not in text:
        return
    for w in words:
        st = w.stem
        if not st or w.stem_start != w.start and text[w.start] not in _QUOTES:
            continue
        if len(st) < 2 or doc.is_claimed(w.stem_start, w.stem_end):
            continue
        tags = [t.tag for t in w.toks if w.stem_start <= t.start < w.stem_end]
        if not tags or not all(t in ("NNP", "SL", "SH", "NNG", "SN") for t in tags) or not ({"NNP", "SL"} & set(tags)):
            continue
        if not _REPORTED.match(text, w.stem_end):
            continue
        if st in lx.KO_GENERIC or _is_title_word(st) or korean_name_shape(st):
            continue
        ent = doc.entity("Organization", st, props={"category": "media"})
        if doc.mention(ent, w.stem_start, w.stem_end):
            _mention_all(ex, ent, st)


_BRACKET = re.compile(r"\(([^()]{2,40})\)")
# a person's standing written beside the age, not a body: "(62·구속기소)", "(34·초선)"
_BRACKET_STATUS = re.compile(
    r"^(?:(?:불)?구속(?:기소)?|기소|수감|복역|입건|석방|사망|실종|무직|초선|재선|다선|\d{1,2}선|비례(?:대표)?|"
    r"회사원|자영업(?:자)?|주부|학생|대학생|고교생|중학생|초등학생|직장인|공무원|교포|재미교포|재일교포|한국계|귀화)$"
)
_SEX_OR_AGE = re.compile(r"^(?:\d{1,3}|[여남]|여성|남성|만\s?\d{1,3}세?|\d{1,3}세)$")


def _bracket_affiliations(ex) -> None:
    """"양희종(KGC인삼공사)", "손흥민(23·토트넘)", "김태원(새누리당) 의원": in the
    brackets right after a person's name, besides the age and sex, the name of
    the body the person plays or works for; a country there is a place."""
    text = ex.text
    doc = ex.doc
    if "(" not in text:
        return
    for mt in _BRACKET.finditer(text):
        p = mt.start()
        if p == 0:
            continue
        e = _named_before(doc, p, ("Person",))
        if e is None:
            continue
        for a, b, core in _bracket_parts(mt, "·,ᆞㆍ/"):
            if doc.is_claimed(a, b) or not re.fullmatch(r"[\uac00-\ud7a3A-Za-z0-9&. ]{2,30}", core):
                continue
            if " " in core and not re.search(r"[A-Za-z]", core) and len(core.split()) > 2:
                continue
            if _BRACKET_STATUS.match(core):
                continue
            if _is_title_word(core) or core in nl.PERSON_AFTER or core in lx.KO_GENERIC or korean_name_shape(core):
                continue  # "(본명 …)", "(전 의원)", another name
            if core.startswith(("본명", "가명", "한국명", "영문명", "전 ", "현 ", "前")) or core.endswith(("세", "살", "기", "학번")):
                continue
            hits = _gaz().lookup(core)
            if hits:
                ent = entity_for_entry(doc, hits[0])
                if core != ent.name:
                    doc.alias(ent, core)
            else:
                ent = doc.entity("Organization", core, props={"category": _bracket_category(core)})
            doc.mention(ent, a, b)


def _named_before(doc, p: int, types: tuple[str, ...]):
    """The entity of one of ``types`` with a mention ending right at ``p``
    ("시진핑(…", "맨체스터 유나이티드(이하 …"), else None."""
    if p == 0:
        return None
    eid = doc.owner[p - 1]
    e = doc.entities.get(eid) if eid else None
    if e is None or e.type not in types or not any(m.end == p for m in e.mentions):
        return None
    return e


def _bracket_parts(mt, separators: str):
    """The parts of a bracket match's group 1 split at ``separators``, as
    (start, end, text) without surrounding spaces; ages and sexes left out."""
    sep = re.compile(f"([{separators}]\\s?)")
    pos = mt.start(1)
    for part in sep.split(mt.group(1)):
        a = pos
        pos += len(part)
        core = part.strip()
        if not core or sep.fullmatch(part) or _SEX_OR_AGE.match(core):
            continue
        a += len(part) - len(part.lstrip())
        yield a, a + len(core), core


def _affiliation_in_bracket(ex, p: int, nationality: bool = False) -> bool:
    """The brackets at ``p`` hold an organisation (or, with ``nationality``, a
    country) and nothing but an age or sex besides: "(KGC인삼공사)", "(23·토트넘)",
    "(벨기에)"."""
    text = ex.text
    mt = _BRACKET.match(text, p)
    if mt is None:
        return False
    doc = ex.doc
    found = False
    for a, b, core in _bracket_parts(mt, "·,ᆞㆍ"):
        eid = doc.is_claimed(a, b)
        e = doc.entities.get(eid) if eid else None
        hits = _gaz().lookup(core) if e is None else []
        kinds = {e.type} if e is not None else {h.type for h in hits}
        if e is None and not hits and _org_head(core) and re.fullmatch(r"[\uac00-\ud7a3A-Za-z0-9&]{3,20}", core):
            kinds = {"Organization"}  # "KGC인삼공사", "새누리당": named by their heads
        if "Organization" in kinds or (nationality and any(
            (x.kind if e is None else x.properties.get("kind")) == "country" for x in (hits if e is None else [e])
        )):
            found = True
        else:
            return False
    return found


# the units inside a body: court divisions, departments, offices, student councils
_COURT_UNIT = re.compile(r" ((?:형사|민사|행정|가사|특허|합의)\s?\d{1,2}(?:부|단독))(?=[은는이가의을를에와과도\s(,.]|$)")
_UNIT_HEADS = (
    "학과", "학부", "대학원", "대학", "전문대학원", "연구소", "연구팀", "연구진", "연구실", "총학생회", "학생회", "노조", "노동조합",
    "비상대책위원회", "비대위", "위원회", "사무국", "사무처", "감사관실", "대변인실", "정책국", "연구팀", "전담팀", "전담반",
    "본부", "센터", "지부", "지회", "지청", "지사", "법인", "조사부", "특수부", "공안부", "형사부",
)


def _sub_units(ex) -> None:
    """"서울대 수의학과", "서울북부지법 형사1부", "국방부 감사관실", "부산대 총학생회":
    a unit of a named body is an organisation of its own, named with its body.
    Not when a person's title follows ("영남대 심리학과 교수": the unit is then
    part of the title)."""
    doc = ex.doc
    words = ex.words
    text = ex.text
    n = len(words)
    for i, w in enumerate(words[:-1]):
        if not w.bare or not w.stem:
            continue
        eid = doc.owner[w.stem_end - 1]
        org = doc.entities.get(eid) if eid else None
        if org is None or org.type != "Organization":
            continue
        om = next((m for m in org.mentions if m.end == w.stem_end), None)
        if om is None:
            continue
        cm = _COURT_UNIT.match(text, w.stem_end)
        if cm:
            end = cm.end(1)
            last = ex.word_at.get(end - 1)
            bare_after = last is not None and words[last].end == end
        else:
            nw = words[i + 1]
            st = _unit_stem(nw.text)
            if st is None:
                continue
            if _is_title_word(st) or st in nl.PERSON_AFTER or st in lx.KO_GENERIC:
                continue
            end = nw.start + len(st)
            last = i + 1
            bare_after = nw.end == end
        if last is None:
            continue
        inner = doc.is_claimed(w.stem_end, end)
        if inner:
            # "형사1부" read alone as a body: it is the unit
            ie = doc.entities.get(inner)
            if ie is None or ie.type != "Organization" or not any(m.end == end for m in ie.mentions):
                continue
            for m in [m for m in ie.mentions if w.stem_end < m.start and m.end <= end]:
                ie.mentions.remove(m)
                doc.unclaim(m.start, m.end, ie.id)
            if doc.is_claimed(w.stem_end, end):
                continue
        if bare_after and last + 1 < n:
            tw = words[last + 1]
            if tw.stem and tw.stem_start == tw.start and (_is_title_word(tw.stem) or tw.stem in nl.PERSON_AFTER):
                continue  # "… 심리학과 교수": the unit belongs to the title
        name = text[om.start : end]
        unit = doc.entity("Organization", name, props={"category": org.properties.get("category") or "other", "unit_of": org.name})
        doc.mention(unit, om.start, end, force=True)


def _unit_stem(word: str) -> str | None:
    """The unit's name at the start of ``word``, its particle left off
    ("수의학과와" -> "수의학과", kiwi having read "과" as a particle)."""
    mt = re.match(r"[\uac00-\ud7a3]+", word)
    if not mt:
        return None
    run = mt.group(0)
    for L in range(len(run), 1, -1):
        pre, rest = run[:L], run[L:] + word[mt.end():]
        if rest not in _NAME_TAILS and not rest.startswith(("(", ",", "·", "'", "’", "\"", "”")):
            continue
        if any(pre.endswith(h) and len(pre) > len(h) for h in _UNIT_HEADS) or pre in ("총학생회", "노조", "감사관실"):
            return pre
    return None


_LIST_BEFORE = re.compile(r"([\uac00-\ud7a3]{1,6}) ([\uac00-\ud7a3]{2,7}),\s?$")


def _foreign_name_lists(ex) -> None:
    """"로버트 게이츠, 리언 패네타 전 장관": the names listed before a foreign full
    name that is a person are persons too, when they are written the same way."""
    doc = ex.doc
    text = ex.text
    words = ex.words
    for e in [e for e in doc.entities.values() if e.type == "Person"]:
        for m in list(e.mentions):
            if " " not in m.text:
                continue
            start = m.start
            while True:
                mt = _LIST_BEFORE.search(text, max(0, start - 20), start)
                if mt is None or mt.end() != start:
                    break
                a, b = mt.start(1), mt.end(2)
                if a > 0 and not text[a - 1].isspace():
                    break
                w1, w2 = ex.word_at.get(a), ex.word_at.get(mt.start(2))
                if w1 is None or w2 is None or doc.is_claimed(a, b):
                    break
                if not (_name_word(ex, words[w2]) and (foreignish(mt.group(1)) or foreignish(mt.group(2)))):
                    break
                if not (_name_word(ex, words[w1]) or (len(mt.group(1)) == 1 and any(t.tag == "NNP" for t in words[w1].toks))):
                    break
                _add(ex, a, b, "Person", None)
                start = a


def _places_before_heads(ex) -> None:
    """"맨체스터 유나이티드", "콜로라도 대학", "뉴욕 타임스", "샌 버너디노 경찰국": a
    place's name followed by an organisation's head word is that organisation's
    name, not a mention of the place."""
    doc = ex.doc
    words = ex.words
    text = ex.text
    for i, w in enumerate(words[:-1]):
        if not w.bare or not w.stem or w.stem_start != w.start:
            continue
        eid = doc.owner[w.stem_end - 1]
        place = doc.entities.get(eid) if eid else None
        if place is None or place.type != "Place":
            continue
        pm = next((m for m in place.mentions if m.start == w.stem_start and m.end == w.stem_end), None)
        if pm is None:
            continue
        nw = words[i + 1]
        st = nw.stem
        if not st or nw.stem_start != nw.start or len(st) < 2 or doc.is_claimed(nw.stem_start, nw.stem_end):
            continue
        cat = _ORG_HEADS.get(st)
        if cat is None or st in ("정부", "행정부", "경찰", "군", "팀", "대표팀", "단체", "본부", "의회", "법원"):
            continue
        place.mentions.remove(pm)
        doc.unclaim(pm.start, pm.end, place.id)
        name = text[pm.start : nw.stem_end]
        org = doc.entity("Organization", name, props={"category": cat})
        if doc.mention(org, pm.start, nw.stem_end):
            doc.relate("LOCATED_IN", org, place, (pm.start, nw.stem_end))


def _acts_with_members(ex) -> None:
    """"동방신기 멤버 최강창민", "레이디스코드 멤버와": a name with members is a
    performing act, annotated as a person as news NER corpora do."""
    doc = ex.doc
    words = ex.words
    for i, w in enumerate(words[:-1]):
        nw = words[i + 1]
        if not w.bare or not w.stem or w.stem_start != w.start or not nw.stem.startswith("멤버") or nw.stem_start != nw.start:
            continue
        if doc.is_claimed(w.stem_start, w.stem_end) or len(w.stem) < 2:
            continue
        tags = {t.tag for t in w.toks}
        if not tags & {"NNP", "SL"} or w.stem in lx.KO_GENERIC or _org_head(w.stem):
            continue
        _add(ex, w.stem_start, w.stem_end, "Person", None)


_IHA = re.compile(r"\(이하\s?['‘\"“]?([^()'’\"”\s][^()'’\"”]{0,15}?)['’\"”]?\)")


def _late_abbreviations(ex) -> None:
    """"맨체스터 유나이티드(이하 맨유)": the short form a body introduced with 이하
    names it wherever it appears (for names found by these general rules, after
    the press-release pass that handles the known ones)."""
    doc = ex.doc
    text = ex.text
    for mt in _IHA.finditer(text):
        p = mt.start()
        if p == 0 or doc.is_claimed(mt.start(1), mt.end(1)):
            continue
        e = _named_before(doc, p, ("Person", "Organization", "Place"))
        if e is None:
            continue
        short = mt.group(1).strip()
        if len(short) < 2:
            continue
        doc.alias(e, short)
        doc.mention(e, mt.start(1), mt.start(1) + len(short))
        _mention_all(ex, e, short)


_MEDIUM_AFTER = re.compile(
    r"(?:에서는|에서도|에서|에는|에도|에|상에서|상에|을\s?통해|를\s?통해|으로|로)(?![\uac00-\ud7a3])"
    r"|\s?(?:공식\s)?(?:계정|페이지|게시물|게시판|글|영상|채널|친구|팔로워|라이브|메시지|사진|프로필|앱|타임라인|스토리)"
)


def _platforms_as_media(ex) -> None:
    """"페이스북에 올린 글", "트위터를 통해", "유튜브 채널": a social platform used
    as a medium is the service (a Product), not the company that runs it."""
    doc = ex.doc
    text = ex.text
    for e in [e for e in doc.entities.values() if e.type == "Organization"]:
        forms = {e.name, *e.aliases}
        if not forms & nl.PLATFORMS:
            continue
        for m in list(e.mentions):
            if m.text not in nl.PLATFORMS or not _MEDIUM_AFTER.match(text, m.end):
                continue
            e.mentions.remove(m)
            doc.unclaim(m.start, m.end, e.id)
            product = doc.entity("Product", m.text, props={"kind": "platform"})
            doc.mention(product, m.start, m.end)
            doc.relate("MAKES", e, product, (m.start, m.end))


def _bracket_category(core: str) -> str:
    oh = _org_head(core)
    return oh[1] if oh else "other"


_HANJA_GLOSS = re.compile(r"\(([\u4e00-\u9fff]{1,8})(?=[).,·\-]|\s?\d)")


def _hanja_glosses(ex) -> None:
    """"베이징(北京)", "시진핑(習近平)": the Chinese-character spelling in brackets
    right after a name is another mention of it."""
    text = ex.text
    if "(" not in text:
        return
    doc = ex.doc
    for mt in _HANJA_GLOSS.finditer(text):
        p = mt.start()
        if p == 0:
            continue
        e = _named_before(doc, p, ("Person", "Organization", "Place"))
        if e is None:
            continue
        doc.mention(e, mt.start(1), mt.end(1))


# starts at an element's start, elements possessive: linear on a long run without separators
_LIST_RE = re.compile(r"(?<![^\s,·()\[\]'\"‘’“”])[^\s,·()\[\]'\"‘’“”]++(?:(?:,\s?|·)[^\s,·()\[\]'\"‘’“”]++)+")
_ELEM_TAGS = frozenset(("NNP", "SL", "SH", "SN", "NNG"))


def _list_elements(ex, a: int, b: int):
    """The elements of a comma/middle-dot list at text[a:b]: (start, end of the
    name part, its token tags); the last one without its particle."""
    text = ex.text
    out = []
    pos = a
    for part in re.split(r"(,\s?|·)", text[a:b]):
        if part and not re.fullmatch(r",\s?|·", part):
            s0, e0 = pos, pos + len(part)
            wi = ex.word_at.get(s0)
            if wi is None:
                return []
            toks = [t for t in ex.words[wi].toks if s0 <= t.start and t.end <= e0]
            end = s0
            tags = []
            for t in toks:
                if t.start != end or t.tag not in _ELEM_TAGS:
                    break
                end = t.end
                tags.append(t.tag)
            if end == s0:
                return []
            out.append((s0, end, tags, e0))
        pos += len(part)
    return out


def _spread_over_lists(ex) -> None:
    """"유승민, 주호영, 장제원 의원", "삼성전자·LG전자·SK하이닉스 등": the
    members of a list share a kind. When one member is already a person or
    an organisation (and none is of another kind), or the list ends before a
    person's title, the unclaimed proper-noun members get that kind."""
    doc = ex.doc
    text = ex.text
    words = ex.words
    for mt in _LIST_RE.finditer(text):
        els = _list_elements(ex, mt.start(), mt.end())
        if len(els) < 2:
            continue
        kinds = set()
        cats = set()
        for s0, e0, _, _ in els:
            eid = doc.is_claimed(s0, e0)
            if eid:
                ent = doc.entities.get(eid)
                if ent is None or not any(m.start == s0 and m.end == e0 for m in ent.mentions):
                    kinds.add("?")
                    continue
                kinds.add(ent.type)
                if ent.type == "Organization":
                    cats.add(ent.properties.get("category") or "other")
        kinds.discard(None)
        last_end = els[-1][3]
        title_after = False
        if last_end == mt.end() and els[-1][1] == last_end:
            wi = ex.word_at.get(last_end - 1)
            if wi is not None and wi + 1 < len(words) and words[wi].end == last_end:
                nw = words[wi + 1]
                title_after = bool(nw.stem) and nw.stem_start == nw.start and (
                    nw.stem in nl.PERSON_AFTER or _is_title_word(nw.stem)
                ) and nw.stem not in nl.AMBIGUOUS_AFTER
        if kinds == {"Person"} or (not kinds and title_after) or (kinds == {"Person"} and title_after):
            etype = "Person"
        elif kinds == {"Organization"} and len([1 for x in els if doc.is_claimed(x[0], x[1])]) >= 1:
            etype = "Organization"
        else:
            continue
        for s0, e0, tags, _ in els:
            if doc.is_claimed(s0, e0):
                continue
            name = text[s0:e0]
            if etype == "Person":
                if tags != ["NNP"] or not _HANGUL_RE.match(name) or len(name) < 2:
                    continue
                if _is_title_word(name) or name in nl.PERSON_BEFORE or name in lx.KO_GENERIC:
                    continue
                if _gaz().lookup(name):
                    continue
                _add(ex, s0, e0, "Person", None)
            else:
                if "NNP" not in tags and "SL" not in tags:
                    continue
                if "NNG" in tags and tags[-1] == "NNG" and not _org_head(name):
                    continue
                if len(name) < 2 or name in nl.ACRONYM_STOP or _gaz().lookup(name):
                    continue
                _add(ex, s0, e0, "Organization", next(iter(cats)) if len(cats) == 1 else "other")


def _is_country(name: str) -> bool:
    return any(e.type == "Place" and e.kind == "country" for e in _gaz().lookup(name))


def _retype(ex, place, m, cat: str) -> None:
    """Move one mention of a place to an organisation of the same name."""
    doc = ex.doc
    place.mentions = [x for x in place.mentions if not (x.start == m.start and x.end == m.end)]
    doc.unclaim(m.start, m.end, place.id)
    org = doc.entity("Organization", m.text, props={"category": cat})
    doc.mention(org, m.start, m.end)


def _countries_as_actors(ex) -> None:
    """A country's name standing for its team is an organisation: a side in a
    match ("한국은 이란에 0-1로 졌다", "스위스전에서")."""
    doc = ex.doc
    words = ex.words
    text = ex.text
    places = [e for e in doc.entities.values() if e.type == "Place" and e.mentions and _is_country(e.name)]
    if not places:
        return
    sports = None
    for e in places:
        for m in list(e.mentions):
            wi = ex.word_at.get(m.start)
            if wi is None:
                continue
            w = words[wi]
            if m.start != w.stem_start or not (m.end == w.stem_end or (m.end + 1 == w.stem_end and text[m.end] == "전")):
                continue
            if sports is None:
                sports = [(st.start, st.end) for st in ex.sents if _SPORTS_RE.search(st.text)]
            if not any(a <= m.start < b for a, b in sports):
                continue
            rest = w.text[m.end - w.start :]
            if rest in nl.SIDE_PARTICLES or rest.startswith("(승점") or (not rest and wi + 1 < len(words) and words[wi + 1].stem in nl.SIDE_WORDS_AFTER):
                _retype(ex, e, m, "other")


_SPORTS_RE = re.compile(nl.SPORTS_CUES)
_ABBR = "".join(nl.STATE_ABBREVIATIONS)
_STATE_RUN = re.compile(
    rf"(?<![\w])([{_ABBR}](?:·?[{_ABBR}]){{1,3}})(?=\s?(?:{'|'.join(map(re.escape, nl.STATE_RELATION_NOUNS))}))"
    rf"|(?<![\w])([{_ABBR}])(?=측)"
)
# "남미", "중남미", "북미 지역": continents, not parties
_NOT_STATES = re.compile(r"^(?:중?남미|북미|중동|남북미)$")


def _state_abbreviations(ex) -> None:
    """"한미 정상회담", "남북 관계", "한·일 대회", "북측은": one-syllable country
    abbreviations naming the parties to a relation; each syllable is a mention
    of that state as an organisation."""
    text = ex.text
    doc = ex.doc
    for mt in _STATE_RUN.finditer(text):
        g = 1 if mt.group(1) else 2
        run = mt.group(g)
        letters = run.replace("·", "")
        if _NOT_STATES.match(letters) and not text.startswith(("관계", "정상", "회담", "간"), mt.end()):
            continue
        if len(set(letters)) != len(letters) or letters in ("북한", "남한"):
            continue  # "북한군" is North Korea's army, not two parties
        eid = doc.is_claimed(mt.start(g), mt.end(g))
        if eid:
            # "북미관계": the continent's name read as the two parties
            place = doc.entities.get(eid)
            if g != 1 or place is None or place.type != "Place":
                continue
            spot = [m for m in place.mentions if (m.start, m.end) == (mt.start(g), mt.end(g))]
            if not spot:
                continue
            place.mentions.remove(spot[0])
            doc.unclaim(mt.start(g), mt.end(g), eid)
        pos = mt.start(g)
        for ch in run:
            if ch != "·":
                state = nl.STATE_ABBREVIATIONS[ch]
                ent = doc.entity("Organization", state, props={"category": "government", "kind": "state"})
                doc.mention(ent, pos, pos + 1)
            pos += 1


def org_kind(word: str) -> str | None:
    """The category when a written word says what kind of organisation the next
    name is: "기업 누리버스", "일간지 데일리메일", "여론조사 전문회사 한국갤럽",
    "전문기관인 리서치앤리서치" (the kind with the copula)."""
    for w in (word, word[:-1] if word.endswith("인") and len(word) > 2 else None):
        if not w:
            continue
        if w in nl.ORG_BEFORE:
            return nl.ORG_BEFORE[w]
        for k in nl.ORG_BEFORE_AS_SUFFIX:
            if len(w) > len(k) and w.endswith(k):
                return "other" if k == "기관" else nl.ORG_BEFORE[k]  # "전문기관": not always public
    return None


def _unglue_subject_particle(ex, res):
    """kiwi read a name and its subject particle as one proper noun ("윤채영이/NNP"):
    the name ends before the particle when what is left has a name's shape and
    the whole has not."""
    a, b = res[0], res[1]
    s = ex.text[a:b]
    if len(s) == 4 and s[-1] == "이" and korean_name_shape(s[:-1]) and not korean_name_shape(s):
        return (a, b - 1) + tuple(res[2:])
    return res


def _word_tags(w) -> list[str]:
    return [t.tag for t in w.toks]


def _classify(ex, tk: _Tokens, k: int, m: int):
    """Type the compound toks[k..m]; returns (start, end, type, category, last token) or None."""
    text = ex.text
    toks = tk.toks
    doc = ex.doc
    words = ex.words
    a, b = toks[k].start, toks[m].end
    s = text[a:b]
    tags = [toks[x].tag for x in range(k, m + 1)]
    if doc.is_claimed(a, b):
        return None
    wi = tk.wi[k]
    w = words[wi]
    # compounds made only of common nouns: institutions named by their common noun
    if "NNP" not in tags and "SL" not in tags and "SH" not in tags:
        if m == k and a == w.start and w.bare and b == w.stem_end:
            res = _foreign_full_name(ex, tk, k)
            if res is not None:
                return res
        if s in nl.GENERIC_ORGS and _free_word(ex, w, a, b):
            return a, b, "Organization", nl.GENERIC_ORGS[s], m
        oh = _org_head(s)
        if oh and oh[0] in nl.STRONG_ORG_HEADS and m > k and len(s) > len(oh[0]) + 1 and s not in lx.KO_GENERIC and _at_token(tk, k, m, b - len(oh[0])):
            if _free_word(ex, w, a, b):
                return a, b, "Organization", oh[1], m
        return None
    if toks[k].tag == "NNG":
        # a transliterated foreign full name kiwi read as common nouns
        if a == w.start and w.bare:
            return _foreign_full_name(ex, tk, k)
        # a common noun before a proper noun: start at the proper noun
        return None
    if "XSN" in tags:
        return None
    if tags == ["SL"] and _ACRONYM_RE.match(s):
        return _acronym_org(ex, tk, k, a, b, s)
    # organisation head after a proper noun
    oh = _org_head(s)
    if oh is not None:
        h, cat = oh
        ok = True
        if h == "군":
            # 북한군, 소련군: a country's armed forces (else a county)
            ok = m == k + 1 and toks[m].form == h and any(e.type == "Place" and e.kind == "country" for e in _gaz().lookup(toks[k].form))
        elif len(h) == 1:
            # 서울대, 민주당, 인권위: one proper-noun token, three syllables or more
            ok = m == k and tags[0] == "NNP" and len(s) >= 3 and _HANGUL_RE.match(s) is not None
        elif h in ("팀", "시티", "코리아"):
            ok = len(s) > len(h) + 1
        if ok:
            return a, b, "Organization", cat, m
    ph = _place_head(s)
    if ph is not None and m == k and korean_name_shape(s) and _person_context(ex, tk, k, m, a, b, True):
        return a, b, "Person", None, m  # "지창구 판사": a name that ends like a district
    if ph is not None and tags[0] == "NNP" and _HANGUL_RE.match(toks[k].form):
        if m > k:
            # kiwi split the head off: "수지/NNP 구/NNG", "광안리/NNP 해수욕장/NNG"
            if toks[m].form == ph or (len(ph) >= 2 and toks[m].form.endswith(ph)):
                return a, b, "Place", None, m
        elif len(ph) >= 2 or (ph in nl.ADMIN_HEADS and 3 <= len(s) <= 4):
            # one proper-noun token: "서초동", "평화공원"
            return a, b, "Place", None, m
        elif ph in _FEATURE_HEADS and len(s) >= 3 and not korean_name_shape(s):
            # "건대입구역", "명동역", "팔달산": a station or a natural feature, no name's shape
            return a, b, "Place", None, m
    # a proper noun followed by a common noun in the same word ("충남지역", "삼성전자측")
    last = m
    while last > k and toks[last].tag == "NNG":
        last -= 1
    if last < m:
        b = toks[last].end
        s = text[a:b]
        if doc.is_claimed(a, b):
            return None
    # multiword: a following word that is an organisation/place head ("타흐리르 광장")
    if b == w.stem_end and w.bare and wi + 1 < len(words) and last == m:
        nw = words[wi + 1]
        ns = nw.stem
        if ns and nw.stem_start == nw.start and not doc.is_claimed(nw.stem_start, nw.stem_end):
            oh = _org_head("X" + ns)
            if oh and oh[0] == ns and len(ns) >= 2 and ns not in ("대학", "팀", "본부", "단체"):
                return a, nw.stem_end, "Organization", oh[1], _last_tok(tk, m, nw.stem_end)
            if ns in nl.PLACE_HEAD_WORDS and len(ns) >= 2:
                return a, nw.stem_end, "Place", None, _last_tok(tk, m, nw.stem_end)
    return _by_context(ex, tk, k, last, a, b, s)


def _acronym_org(ex, tk: _Tokens, k: int, a: int, b: int, s: str):
    """"KBS는", "FBI가", "NBC 방송과": an all-capitals word as the subject,
    object or possessor of its clause, or before a word for a broadcaster or
    agency, names an organisation; technical terms ("AI", "GPU") do not."""
    if s in nl.ACRONYM_STOP or len(s) < 2:
        return None
    text = ex.text
    if a > 0 and (text[a - 1] in _QUOTES or text[a - 1].isalnum() or text[a - 1] in "-/"):
        return None
    if b < len(text) and (text[b] in "-/&." or text[b].isdigit()):
        return None
    toks = tk.toks
    nt = toks[k + 1] if k + 1 < len(toks) else None
    words = ex.words
    wi = tk.wi[k]
    w = words[wi]
    if nt is not None and nt.start == b and nt.tag.startswith("J") and nt.form in nl.ACRONYM_PARTICLES:
        return a, b, "Organization", "other", k
    if b == w.end and wi + 1 < len(words):
        nw = words[wi + 1]
        if nw.stem in nl.ACRONYM_HEADS and nw.stem_start == nw.start:
            return a, b, "Organization", nl.ACRONYM_HEADS[nw.stem], k
    return None


def _at_token(tk: _Tokens, k: int, m: int, pos: int) -> bool:
    """A token of toks[k..m] starts at ``pos`` (the head is a whole morpheme)."""
    return any(tk.toks[x].start == pos for x in range(k, m + 1))


def _last_tok(tk: _Tokens, m: int, end: int) -> int:
    toks = tk.toks
    x = m
    while x + 1 < len(toks) and toks[x + 1].end <= end:
        x += 1
    return x


def _free_word(ex, w, a: int, b: int) -> bool:
    """The span is the whole stem of its word."""
    return a == w.stem_start and b == w.stem_end


def _person_context(ex, tk: _Tokens, k: int, m: int, a: int, b: int, shape: bool) -> bool:
    """A role word after the name ("… 씨", "… 감독"), an age in brackets, or a
    role noun before it ("배우 …")."""
    text = ex.text
    toks = tk.toks
    words = ex.words
    w = words[tk.wi[k]]
    after = ""
    if m + 1 < len(toks) and toks[m + 1].start == b and toks[m + 1].tag in ("NNB", "NNG"):
        after = toks[m + 1].form
    role = after
    role_word = -1
    if not role:
        j = tk.wi[m]
        while j + 1 < len(words) and words[j + 1].start < b:
            j += 1
        if words[j].end == b and j + 1 < len(words):
            nw = words[j + 1]
            if nw.text in ("전", "前", "현", "신임") and j + 2 < len(words) and words[j + 2].stem:
                role = words[j + 2].stem  # "만델라 전 대통령": kiwi reads 전 as a determiner
                role_word = j + 2
            elif nw.stem and nw.stem_start == nw.start:
                role = nw.stem
                role_word = j + 1
                if role[0] in "전前" and len(role) > 1 and role[1:] in _titles():
                    role = role[1:]
                elif role in ("전", "前", "현", "신임") and j + 2 < len(words) and words[j + 2].stem:
                    role = words[j + 2].stem
    if role and role != after and role in nl.PERSON_BEFORE and _name_follows(ex, role_word):
        # "할리우드 배우 블레이크 라이블리": the role word belongs to the next name
        role = ""
    if role and (role in ("씨", "군", "양", "옹") or role in nl.PERSON_AFTER or (role != after and _is_title_word(role))):
        return shape or role not in nl.AMBIGUOUS_AFTER
    if _AGE_RE.match(text, b):
        return True
    wi = tk.wi[k]
    if wi > 0 and a == w.start:
        pw = words[wi - 1]
        if pw.bare and pw.stem in nl.PERSON_BEFORE:
            return True
    return _title_past_gloss(ex, b)


_GLOSS_AT = re.compile(r"\([^()\s]{1,12}\)")


def _title_past_gloss(ex, b: int) -> bool:
    """"시진핑(習近平) 중국 국가주석", "아베 신조(安倍晋三) 일본 총리", "수판 몽콜수트리
    태국산업연합회 회장": a title after the name's bracketed spelling and the
    country or body it serves."""
    text = ex.text
    words = ex.words
    doc = ex.doc
    p = b
    g = _GLOSS_AT.match(text, p)
    if g:
        p = g.end()
    if p >= len(text) or text[p] != " ":
        return False
    wi = ex.word_at.get(p + 1)
    if wi is None:
        return False
    # the body: one or two bare words, each (or both together) a place or an
    # organisation ("중국", "미국 백악관", "태국산업연합회")
    for _ in range(2):
        w = words[wi]
        if not w.bare or not w.stem or w.stem_start != w.start:
            return False
        eid = doc.is_claimed(w.stem_start, w.stem_end)
        ent = doc.entities.get(eid) if eid else None
        if ent is None or ent.type not in ("Place", "Organization") or wi + 1 >= len(words):
            return False
        m = next((m for m in ent.mentions if m.start <= w.stem_start and m.end >= w.stem_end), None)
        if m is None:
            return False
        while wi + 1 < len(words) and words[wi].end < m.end:
            wi += 1  # a mention over two words
        if wi + 1 >= len(words):
            return False
        nw = words[wi + 1]
        if nw.stem and nw.stem_start == nw.start and doc.is_claimed(nw.stem_start, nw.stem_end) and not _title_word_shape(nw.stem):
            wi += 1
            continue
        break
    if wi + 1 >= len(words):
        return False
    nw = words[wi + 1]
    st = nw.stem
    if not st or nw.stem_start != nw.start:
        return False
    if st in ("전", "前", "현") and wi + 2 < len(words):
        st = words[wi + 2].stem
    return bool(st) and st not in nl.AMBIGUOUS_AFTER and (st in nl.PERSON_AFTER or _is_title_word(st))


def _title_word_shape(stem: str) -> bool:
    return stem in nl.PERSON_AFTER or _is_title_word(stem)


def _name_follows(ex, wi: int) -> bool:
    """The bare word ``wi`` is followed by a word opening with a proper noun."""
    words = ex.words
    if wi < 0 or wi + 1 >= len(words) or not words[wi].bare:
        return False
    nw = words[wi + 1]
    toks = [t for t in nw.toks if t.start >= nw.stem_start]
    return bool(toks) and nw.stem_start == nw.start and toks[0].tag == "NNP"


def _all_nnp_word(w) -> bool:
    """The word's stem is one or more proper-noun tokens in Hangul."""
    if not w.stem or w.stem_start != w.start or not _HANGUL_RE.match(w.stem.replace(" ", "")):
        return False
    return all(t.tag == "NNP" for t in w.toks if w.stem_start <= t.start < w.stem_end)


_FOREIGN_VOWEL_E = frozenset("ㄴㄷㄹㅁㅂㅋㅌㅍㅊ")


def _syllable_parts(c: str) -> tuple[int, int, int]:
    o = ord(c) - 0xAC00
    return o // 588, (o % 588) // 28, o % 28


def foreignish(word: str) -> bool:
    """A Hangul word with a syllable Sino-Korean vocabulary never has ("스", "르",
    "베", "크", "퍼"): most likely a transliterated foreign word."""
    for c in word:
        if not "\uac00" <= c <= "\ud7a3":
            return False
    for c in word:
        ini, vow, fin = _syllable_parts(c)
        # initials: 0ㄱ 1ㄲ 2ㄴ 3ㄷ 4ㄸ 5ㄹ 6ㅁ 7ㅂ 8ㅃ 9ㅅ 10ㅆ 11ㅇ 12ㅈ 13ㅉ 14ㅊ 15ㅋ 16ㅌ 17ㅍ 18ㅎ
        # vowels: 4ㅓ 5ㅔ 18ㅡ 16ㅟ
        if vow == 18 and fin == 0 and ini in (3, 5, 7, 9, 12, 14, 15, 16, 17, 18):
            return True  # 드 르 브 스 즈 츠 크 트 프 흐
        if vow == 5 and ini in (5, 6, 7, 15, 16, 17):
            return True  # 레 메 베 케 테 페
        if ini == 15 and not (vow == 10 and fin == 0):
            return True  # ㅋ (Sino-Korean only has 쾌)
        if vow == 4 and fin == 0 and ini in (16, 17):
            return True  # 터 퍼
        if vow == 18 and fin in (4, 16, 17) and ini in (5, 9, 12, 14, 15, 16, 17):
            return True  # 슨 튼 른 즌 ...
    return False


def _name_word(ex, w) -> bool:
    """A word that can be one part of a foreign full name: one Hangul token,
    a proper noun or a transliterated-looking common noun."""
    st = w.stem
    if not st or w.stem_start != w.start or not _HANGUL_RE.match(st) or len(st) < 2:
        return False
    toks = [t for t in w.toks if w.stem_start <= t.start < w.stem_end]
    if len(toks) != 1 or toks[0].tag not in ("NNP", "NNG"):
        return False
    if toks[0].tag == "NNG" and not foreignish(st):
        return False
    if ex.doc.is_claimed(w.stem_start, w.stem_end) or _is_title_word(st) or st in nl.PERSON_BEFORE:
        return False
    if st in nl.LOANWORD_NOUNS or (len(st) >= 3 and korean_name_shape(st)):
        return False
    if _org_head(st) or _gaz().lookup(st):
        return False
    ph = _place_head(st)
    if ph is not None and (len(ph) >= 2 or ph not in nl.PLACE_SHORT_HEADS):
        return False
    return True


def _short_first_name(ex, wi: int) -> bool:
    """"딕 코스톨로", "반 페르시": a one-syllable first name kiwi calls a proper
    noun, before a transliterated name word."""
    words = ex.words
    w = words[wi]
    if len(w.text) != 1 or not _HANGUL_RE.match(w.text) or wi + 1 >= len(words):
        return False
    if not any(t.tag == "NNP" for t in w.toks) or ex.doc.is_claimed(w.start, w.end):
        return False
    nw = words[wi + 1]
    return _name_word(ex, nw) and foreignish(nw.stem)


def _foreign_full_name(ex, tk: _Tokens, k: int):
    """Two to four name words in a row ("구스타보 알베르토 바스케스는") with a
    person's context: a title or role word after them, an age in brackets, a
    role noun before them; or, when one word is a proper noun and the others
    look transliterated, a subject/possessive particle."""
    words = ex.words
    text = ex.text
    toks = tk.toks
    wi = tk.wi[k]
    w = words[wi]
    if not w.bare or not (_name_word(ex, w) or _short_first_name(ex, wi)):
        return None
    j = wi
    while j + 1 < len(words) and j - wi < 3 and words[j].bare:
        if not _name_word(ex, words[j + 1]):
            break
        j += 1
    if j == wi:
        return None
    a, b = w.stem_start, words[j].stem_end
    if a > 0 and text[a - 1] in _QUOTES:
        return None
    end_tok = k
    while end_tok + 1 < len(toks) and toks[end_tok + 1].end <= b:
        end_tok += 1
    span = words[wi : j + 1]
    tags = [t.tag for x in span for t in x.toks if x.stem_start <= t.start < x.stem_end]
    if "NNP" not in tags:
        return None
    if _person_context(ex, tk, k, end_tok, a, b, False) or _affiliation_in_bracket(ex, b, nationality=True):
        return a, b, "Person", None, end_tok
    nt = toks[end_tok + 1] if end_tok + 1 < len(toks) else None
    if (
        tags.count("NNG") <= 1
        and any(foreignish(x.stem) for x in span)
        and nt is not None and nt.start == b and nt.form in nl.FOREIGN_NAME_PARTICLES
    ):
        return a, b, "Person", None, end_tok
    return None


def _by_context(ex, tk: _Tokens, k: int, m: int, a: int, b: int, s: str):
    text = ex.text
    toks = tk.toks
    words = ex.words
    doc = ex.doc
    wi = tk.wi[k]
    w = words[wi]
    tags = [toks[x].tag for x in range(k, m + 1)]
    hangul = _HANGUL_RE.match(s.replace(" ", "")) is not None
    # a foreign full name written as several words ("블레이크 라이블리")
    if hangul and a == w.start and b == w.stem_end and w.bare:
        res = _foreign_full_name(ex, tk, k)
        if res is not None:
            return res
    # gazetteer forms the scanner skipped ("충남지역")
    hits = _gaz().lookup(s)
    if hits and len(s) >= 2:
        e = hits[0]
        return a, b, e.type, e.category if e.type == "Organization" else None, m
    shape = hangul and korean_name_shape(s)
    if hangul and len(s) == 2 and s[1] == "모" and s[0] in lx.SURNAMES_1:
        return None  # "김모(33)씨": an anonymised name
    if a == w.stem_start and _between_name_and_title(ex, wi):
        # "김한길 새정치민주연합 의원", "류원기(67) 영남제분 회장": the body between a
        # person's name and the title held there
        return a, b, "Organization", "other", m
    if _person_context(ex, tk, k, m, a, b, shape):
        if hangul and len(s) == 1:
            return None
        if not hangul and not re.search(r"[\u4e00-\u9fff]", s):
            return None
        return a, b, "Person", None, m
    if not hangul:
        return None
    if " " in s and tags == ["NNP"] and (a == 0 or text[a - 1] not in _QUOTES):
        # kiwi reads a spaced foreign full name as one proper noun ("링고 스타"),
        # or a place and its head ("라가디아 공항")
        if s.split()[-1] in nl.PLACE_HEAD_WORDS:
            return a, b, "Place", None, m
        return a, b, "Person", None, m
    if tags == ["NNP"] and len(s) == 3 and shape and s[-1] not in nl.NON_NAME_FINALS:
        return a, b, "Person", None, m
    # "기업 누리버스는", "일간지 데일리메일": a kind of organisation before the name
    if wi > 0 and a == w.start and all(t == "NNP" for t in tags):
        cat = org_kind(words[wi - 1].text)
        if cat:
            return a, b, "Organization", cat, m
    if all(t == "NNP" for t in tags) and len(s) >= 2 and _affiliation_elsewhere(ex, s):
        return a, b, "Organization", "company", m
    # an unknown proper noun as the subject or possessor of its clause is most
    # often a person ("트럼프는", "피케티의"); not inside quotes (titles of works)
    if all(t == "NNP" for t in tags) and len(s) >= 2 and a == w.stem_start and (a == 0 or text[a - 1] not in _QUOTES):
        nt = toks[m + 1] if m + 1 < len(toks) else None
        if nt is not None and nt.start == b and nt.tag in ("JX", "JKS", "JKG") and nt.form in nl.PERSON_PARTICLES:
            if not (a > 0 and text[a - 1] == "(") and s not in lx.KO_GENERIC:
                if len(s) >= 3 and (not shape or s[-1] in nl.NON_NAME_FINALS) and _place_head(s) is not None:
                    return a, b, "Place", None, m  # "불암산의", "텅저우시의": a place's head, no name's shape
                return a, b, "Person", None, m
    return None


def _between_name_and_title(ex, wi: int) -> bool:
    """words[wi] is a bare proper noun right after a person's name (or its age
    in brackets, or "전") and right before a title."""
    words = ex.words
    doc = ex.doc
    w = words[wi]
    if not w.bare or wi == 0 or wi + 1 >= len(words):
        return False
    nw = words[wi + 1]
    st = nw.stem
    if not st or nw.stem_start != nw.start or not (_is_title_word(st) or st in nl.PERSON_AFTER) or st in ("씨", "군", "양", "옹", "님"):
        return False
    j = wi - 1
    if words[j].stem in ("전", "前", "현") and words[j].bare and j > 0:
        j -= 1
    pw = words[j]
    end = pw.stem_end
    if not pw.bare and not _AGE_RE.fullmatch(pw.text[pw.stem_end - pw.start :]):
        return False
    eid = doc.is_claimed(pw.stem_start, end)
    e = doc.entities.get(eid) if eid else None
    return e is not None and e.type == "Person" and any(m.end == end for m in e.mentions)


def _affiliation_elsewhere(ex, s: str) -> bool:
    """Somewhere in the article the name stands before a person's name and title
    ("누리버스 임하늘 대표"): it is an organisation."""
    cache = ex.__dict__.setdefault("_ner_affil", {})
    if s in cache:
        return cache[s]
    text = ex.text
    words = ex.words
    res = False
    i = text.find(s + " ")
    while i >= 0 and not res:
        wi = ex.word_at.get(i)
        if wi is not None and words[wi].start == i and words[wi].end == i + len(s) and wi + 2 < len(words):
            nw, tw = words[wi + 1], words[wi + 2]
            if nw.bare and tw.stem and tw.stem_start == tw.start and _is_title_word(tw.stem):
                eid = ex.doc.is_claimed(nw.stem_start, nw.stem_end)
                e = ex.doc.entities.get(eid) if eid else None
                if (e is not None and e.type == "Person") or korean_name_shape(nw.stem):
                    res = True
        i = text.find(s + " ", i + 1)
    cache[s] = res
    return res


def _add(ex, start: int, end: int, etype: str, cat: str | None) -> None:
    doc = ex.doc
    name = ex.text[start:end]
    if etype == "Organization":
        ent = doc.entity("Organization", name, props={"category": cat or "other"})
    elif etype == "Place":
        ent = doc.entity("Place", name)
    else:
        ent = doc.entity("Person", name)
    if not doc.mention(ent, start, end):
        return
    _mention_all(ex, ent, name)


def _mention_all(ex, ent, form: str) -> None:
    """Every other occurrence of the name, on word-stem boundaries."""
    if len(form) < 2:
        return
    text = ex.text
    words = ex.words
    i = text.find(form)
    while i >= 0:
        e = i + len(form)
        wi = ex.word_at.get(i)
        if wi is not None:
            w = words[wi]
            if (i == w.stem_start or i == w.start) and e <= w.end:
                # the name must end where a kiwi token ends
                ends = False
                cont = False
                for t in w.toks:
                    if t.end == e:
                        ends = True
                    elif t.start == e and t.tag in _CONTINUE_TAGS:
                        cont = True
                if ends and not cont:
                    ex.doc.mention(ent, i, e)
        i = text.find(form, i + 1)
