"""Romanisation of Korean personal names, to link ``Park Yoon-kyu`` to 박윤규.

* ``romanize(hangul)``: Revised Romanization (RR), syllable by syllable, no sound
  assimilation across syllables (the convention for names): 박윤규 -> ``bakyungyu``.
* ``romanize_name(korean_name)``: the usual English form, surname first with its
  most common spelling and a hyphenated RR given name: 박윤규 -> ``Park Yun-gyu``.
* ``surname_variants(surname)``: common spellings of a surname (박 -> park, pak, bak ...),
  from an explicit table merged with the jamo-derived spellings.
* ``syllable_variants(syllable)``: spellings of one given-name syllable, derived from
  its jamo (initial, medial, final) with variant tables: RR, McCune-Reischauer without
  diacritics, and the common practical spellings (윤 -> yun, yoon, youn; 영 -> yeong,
  young, yong ...). Every Hangul syllable is covered.
* ``split_korean_name(name)``: the (surname, given) readings of a Hangul name
  (two for 선우진: 선우+진 and 선+우진).
* ``english_name_key(english)``: (surname, given) from an English rendering
  ("Park Yoon-kyu", "Yoon-kyu Park", "PARK Yoon-kyu", "Park, Yoon-kyu"), lower case,
  without separators; None when it does not look like a Korean name.
* ``matches(korean, english)``: True iff the English form is a plausible spelling of
  exactly that Korean name: the surname is one of the surname's spellings, and the
  given name is the concatenation, in order, of one spelling per given-name syllable;
  a hyphen or space inside the given name must fall on a syllable boundary; surname
  first or last.

The tables are deliberately strict where spellings would collide: ㅗ is o/oh (never
u), so 종 is jong/chong and ``matches("이종호", "Lee Jung-ho")`` is False. ㅓ allows the
McCune-Reischauer ``o`` (정 -> jeong, jung, chung, jong, chong, joung), as real English
spellings of ㅓ-names use it (Chong, Sok, Hyon).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "romanize",
    "romanize_name",
    "surname_variants",
    "syllable_variants",
    "split_korean_name",
    "english_name_key",
    "matches",
    "is_hangul_name",
    "KNOWN_SURNAMES",
    "TWO_SYLLABLE_SURNAMES",
]

_SBASE = 0xAC00
_SCOUNT = 11172
_NV, _NT = 21, 28

# --------------------------------------------------------------------------- RR tables
_RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
_RR_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
              "wi", "yu", "eu", "ui", "i"]
_RR_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
             "t", "ng", "t", "t", "k", "t", "p", "t"]

# --------------------------------------------------------------------------- variant tables
# initial consonants (index order of _RR_INITIAL)
_V_INITIAL: list[tuple[str, ...]] = [
    ("g", "k"),              # ㄱ
    ("kk", "gg", "k", "g"),  # ㄲ
    ("n",),                  # ㄴ
    ("d", "t"),              # ㄷ
    ("tt", "dd", "t", "d"),  # ㄸ
    ("r", "l", "n"),         # ㄹ
    ("m",),                  # ㅁ
    ("b", "p"),              # ㅂ
    ("pp", "bb", "p", "b"),  # ㅃ
    ("s",),                  # ㅅ (+ "sh" before ㅣ/ㅟ, below)
    ("ss", "s"),             # ㅆ
    ("",),                   # ㅇ
    ("j", "ch"),             # ㅈ
    ("jj", "tch", "ch", "j"),  # ㅉ
    ("ch",),                 # ㅊ
    ("k", "kh"),             # ㅋ
    ("t", "th"),             # ㅌ
    ("p", "ph"),             # ㅍ
    ("h",),                  # ㅎ
]
# vowels (index order of _RR_MEDIAL); spellings valid with or without a final
_V_MEDIAL: list[tuple[str, ...]] = [
    ("a",),                          # ㅏ
    ("ae", "ai"),                    # ㅐ
    ("ya",),                         # ㅑ
    ("yae",),                        # ㅒ
    ("eo", "u", "o", "ou"),          # ㅓ  (서 seo/suh, 석 seok/suk/sok, 정 jeong/jung/chong/joung)
    ("e",),                          # ㅔ
    ("yeo", "yu", "you", "yo"),      # ㅕ  (현 hyeon/hyun/hyon, 영 yeong/young/yong)
    ("ye",),                         # ㅖ
    ("o",),                          # ㅗ
    ("wa",),                         # ㅘ
    ("wae",),                        # ㅙ
    ("oe", "oi"),                    # ㅚ
    ("yo",),                         # ㅛ
    ("u", "oo"),                     # ㅜ
    ("wo", "weo"),                   # ㅝ
    ("we",),                         # ㅞ
    ("wi", "wee"),                   # ㅟ
    ("yu", "yoo", "you"),            # ㅠ
    ("eu", "u"),                     # ㅡ
    ("ui", "eui", "ee"),             # ㅢ
    ("i", "ee"),                     # ㅣ
]
# extra vowel spellings only for open syllables (no final consonant)
_V_MEDIAL_OPEN: dict[int, tuple[str, ...]] = {
    4: ("uh",),    # 서 suh, 허 huh
    8: ("oh",),    # 오 oh, 고 koh, 노 noh, 도 doh
}
# final consonants (index order of _RR_FINAL)
_V_FINAL: list[tuple[str, ...]] = [
    ("",), ("k", "g"), ("k",), ("k",), ("n",), ("n",), ("n",), ("t", "d"), ("l", "r"), ("k",), ("m",),
    ("l",), ("l",), ("l",), ("p",), ("l",), ("m",), ("p", "b"), ("p",), ("t", "s"), ("t",), ("ng",),
    ("t",), ("t",), ("k",), ("t",), ("p",), ("t",),
]

TWO_SYLLABLE_SURNAMES = {
    "남궁": ("namgoong", "namgung", "namkung", "namkoong"),
    "황보": ("hwangbo", "hwangpo"),
    "제갈": ("jegal", "chegal", "jekal"),
    "선우": ("sunwoo", "seonu", "seonwoo", "sunoo"),
    "독고": ("dokgo", "tokko", "dokko"),
    "사공": ("sagong", "sakong"),
    "서문": ("seomun", "suhmoon", "seomoon"),
    "동방": ("dongbang",),
}

# common spellings, preferred first (the first is used by romanize_name)
_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"),
    "이": ("lee", "yi", "rhee", "rhie", "i", "ri", "yee"),
    "리": ("lee", "ri", "rhee", "yi"),
    "박": ("park", "pak", "bak", "bahk"),
    "최": ("choi", "choe", "choy", "chey"),
    "정": ("jung", "jeong", "chung", "joung", "cheong", "chong", "jong"),
    "강": ("kang", "gang"),
    "조": ("cho", "jo", "joe", "choh"),
    "윤": ("yoon", "yun", "youn"),
    "장": ("jang", "chang", "jhang"),
    "임": ("lim", "im", "rim", "yim"),
    "림": ("lim", "rim", "im"),
    "한": ("han",),
    "오": ("oh", "o"),
    "서": ("seo", "suh", "seoh", "sur", "so"),
    "신": ("shin", "sin", "shinn"),
    "권": ("kwon", "gwon", "kwun"),
    "황": ("hwang",),
    "안": ("ahn", "an", "ann"),
    "송": ("song",),
    "류": ("ryu", "yoo", "yu", "rhyu", "lyu", "ryoo"),
    "유": ("yoo", "yu", "ryu", "rhyu", "you"),
    "홍": ("hong",),
    "전": ("jeon", "jun", "chun", "chon", "jeun"),
    "고": ("ko", "go", "koh"),
    "문": ("moon", "mun"),
    "양": ("yang", "ryang"),
    "손": ("son", "sohn"),
    "배": ("bae", "pae", "bai"),
    "백": ("baek", "paik", "paek", "baik", "back"),
    "허": ("heo", "huh", "hur", "her", "hu"),
    "남": ("nam",),
    "노": ("noh", "roh", "no", "ro"),
    "로": ("roh", "ro", "noh"),
    "하": ("ha",),
    "곽": ("kwak", "gwak", "kwack"),
    "성": ("sung", "seong"),
    "차": ("cha",),
    "주": ("joo", "ju", "chu", "choo", "jou"),
    "우": ("woo", "u", "wu"),
    "구": ("koo", "gu", "ku", "goo"),
    "민": ("min",),
    "나": ("na", "ra", "la"),
    "라": ("ra", "na", "la"),
    "진": ("jin", "chin", "jhin"),
    "지": ("ji", "chi", "jee", "chee"),
    "엄": ("eom", "um", "uhm", "ohm"),
    "원": ("won", "weon"),
    "천": ("cheon", "chun", "chon"),
    "방": ("bang", "pang"),
    "공": ("kong", "gong"),
    "현": ("hyun", "hyeon", "hyon"),
    "함": ("ham", "hahm"),
    "변": ("byun", "byeon", "pyun", "pyon"),
    "염": ("yeom", "yum", "youm", "yeum"),
    "여": ("yeo", "yuh", "yeoh"),
    "추": ("chu", "choo"),
    "도": ("do", "doh", "toh"),
    "소": ("so", "soh"),
    "석": ("seok", "suk", "sok", "seog"),
    "선": ("sun", "seon", "sunn"),
    "설": ("seol", "sul", "sol"),
    "마": ("ma",),
    "길": ("gil", "kil"),
    "연": ("yeon", "yun", "youn", "yon"),
    "위": ("wi", "wee", "wie"),
    "표": ("pyo", "pyoh"),
    "명": ("myung", "myeong", "myong"),
    "기": ("ki", "gi", "kee"),
    "반": ("ban", "pan"),
    "왕": ("wang",),
    "금": ("geum", "keum", "kum"),
    "옥": ("ok", "ock", "oak"),
    "육": ("yuk", "yook", "yug"),
    "인": ("in", "yin"),
    "맹": ("maeng", "maing"),
    "제": ("je", "jeh", "che"),
    "모": ("mo", "moh"),
    "탁": ("tak", "tark"),
    "국": ("guk", "kook", "kuk", "gook"),
    "어": ("eo", "uh"),
    "은": ("eun", "un"),
    "편": ("pyeon", "pyun", "pyon"),
    "용": ("yong", "ryong"),
    "예": ("ye", "yea"),
    "경": ("kyung", "gyeong", "kyeong", "kyong"),
    "봉": ("bong", "pong"),
    "사": ("sa",),
    "부": ("boo", "bu", "pu"),
    "심": ("shim", "sim"),
    "채": ("chae", "chai"),
    "빈": ("bin", "bean"),
    "시": ("si", "shi"),
    "상": ("sang",),
    "승": ("seung", "sung"),
    "태": ("tae",),
    "피": ("pi", "pee"),
    "견": ("kyun", "gyeon", "kyeon"),
    "계": ("kye", "gye"),
    "가": ("ka", "ga"),
    "간": ("kan", "gan"),
    "감": ("kam", "gam"),
    "호": ("ho",),
    "형": ("hyung", "hyeong"),
    "범": ("beom", "bum", "pum"),
    "순": ("soon", "sun"),
    "갈": ("kal", "gal"),
    "온": ("on",),
    "운": ("woon", "un", "oon"),
    "좌": ("jwa", "chwa"),
    "창": ("chang",),
    "초": ("cho",),
    "탄": ("tan",),
    "판": ("pan",),
    "화": ("hwa",),
    "후": ("hoo", "hu"),
    "팽": ("paeng",),
    "당": ("dang", "tang"),
    "묵": ("muk", "mook"),
    "음": ("eum",),
}
for _k, _v in TWO_SYLLABLE_SURNAMES.items():
    _SURNAMES[_k] = _v

KNOWN_SURNAMES = frozenset(_SURNAMES)

_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "minister", "vice", "president",
               "ceo", "director", "sir", "madam", "chairman", "chair", "deputy", "commissioner",
               "first", "second", "third", "mayor", "governor", "ambassador", "administrator"}


# --------------------------------------------------------------------------- helpers
def _is_syllable(c: str) -> bool:
    return _SBASE <= ord(c) < _SBASE + _SCOUNT


def is_hangul_name(s: str) -> bool:
    """True for 2-5 Hangul syllables (spaces ignored): the shape of a Korean personal name."""
    t = "".join(s.split())
    return 2 <= len(t) <= 5 and all(_is_syllable(c) for c in t)


def _decompose(syl: str) -> tuple[int, int, int]:
    code = ord(syl) - _SBASE
    if not 0 <= code < _SCOUNT:
        raise ValueError(f"not a Hangul syllable: {syl!r}")
    return code // (_NV * _NT), (code % (_NV * _NT)) // _NT, code % _NT


def _rr_syllable(syl: str) -> str:
    i, m, f = _decompose(syl)
    return _RR_INITIAL[i] + _RR_MEDIAL[m] + _RR_FINAL[f]


def romanize(hangul: str) -> str:
    """Revised Romanization, syllable by syllable (no assimilation), lower case;
    characters that are not Hangul syllables are kept as they are."""
    return "".join(_rr_syllable(c) if _is_syllable(c) else c for c in hangul)


@lru_cache(maxsize=16384)  # every Hangul syllable (11,172) fits
def syllable_variants(syllable: str) -> frozenset[str]:
    """Plausible Latin spellings of one Hangul syllable in a given name (lower case)."""
    i, m, f = _decompose(syllable)
    inits = list(_V_INITIAL[i])
    if i == 9 and m in (20, 16):          # ㅅ + ㅣ/ㅟ: shi, shin, shik
        inits.append("sh")
    meds = list(_V_MEDIAL[m])
    if f == 0:
        meds += _V_MEDIAL_OPEN.get(m, ())
    if i == 11:                           # ㅇ initial
        if m == 13:                       # 우: woo, wu
            meds += ["woo", "wu"]
        if m == 20:                       # 이: yi
            meds.append("yi")
        if m == 4:                        # 어: uh
            meds.append("uh")
    if i == 18 and m == 19:               # 희: hi
        meds.append("i")
    if i == 18 and m == 16:               # 휘: hui
        meds.append("ui")
    fins = _V_FINAL[f]
    out = {a + b + c for a in inits for b in meds for c in fins}
    out.add(_rr_syllable(syllable))
    return frozenset(x for x in out if x)


@lru_cache(maxsize=1024)
def surname_variants(hangul_surname: str) -> frozenset[str]:
    """Common spellings of a Korean surname (lower case): the explicit table for the
    common one- and two-syllable surnames (plus RR), the jamo-derived spellings for others."""
    s = "".join(hangul_surname.split())
    if s in _SURNAMES:  # the table is authoritative for known surnames (strict: 성 is not "Song")
        out: set[str] = set(_SURNAMES[s])
    elif len(s) == 1 and _is_syllable(s):
        out = set(syllable_variants(s))
    elif len(s) == 2 and all(_is_syllable(c) for c in s):
        out = {a + b for a in syllable_variants(s[0]) for b in syllable_variants(s[1])}
    else:
        out = set()
    out.add(romanize(s))
    return frozenset(x for x in out if x)


def _preferred_surname(s: str) -> str:
    v = _SURNAMES.get(s)
    return v[0] if v else romanize(s)


def split_korean_name(name: str) -> list[tuple[str, str]]:
    """Readings (surname, given) of a Hangul personal name, most likely first."""
    t = "".join(name.split())
    if not t:
        return []
    if " " in name.strip():                 # "남궁 민" / "선우 진": the space tells
        head, _, tail = name.strip().partition(" ")
        return [(head, "".join(tail.split()))]
    out: list[tuple[str, str]] = []
    if len(t) >= 3 and t[:2] in TWO_SYLLABLE_SURNAMES:
        out.append((t[:2], t[2:]))
    if len(t) >= 2:
        out.append((t[0], t[1:]))
    if len(t) == 4 and t[:2] not in TWO_SYLLABLE_SURNAMES:
        pass  # four-syllable names with a one-syllable surname are rare but kept above
    return out


def romanize_name(korean_name: str) -> str:
    """Usual English form: common surname spelling + hyphenated RR given name
    (박윤규 -> "Park Yun-gyu", 남궁민 -> "Namgoong Min")."""
    readings = split_korean_name(korean_name)
    if not readings:
        return ""
    sur, given = readings[0]
    g = "-".join(_rr_syllable(c) for c in given if _is_syllable(c))
    return f"{_preferred_surname(sur).capitalize()} {g.capitalize()}".strip()


# --------------------------------------------------------------------------- English side
def _all_surname_spellings() -> frozenset[str]:
    out: set[str] = set()
    for s in _SURNAMES:
        out |= set(_SURNAMES[s])
    return frozenset(out)


_SURNAME_SPELLINGS = _all_surname_spellings()


def _alt(options: set[str]) -> str:
    return "(?:" + "|".join(sorted((re.escape(o) for o in options if o), key=len, reverse=True)) + ")"


def _syllable_shape_regex() -> re.Pattern[str]:
    inits = {x for t in _V_INITIAL for x in t} | {"sh"}
    meds = {x for t in _V_MEDIAL for x in t} | {x for t in _V_MEDIAL_OPEN.values() for x in t} | {"woo", "wu", "yi", "uh", "i", "ui"}
    fins = {x for t in _V_FINAL for x in t}
    syl = _alt(inits - {""}) + "?" + _alt(meds) + _alt(fins - {""}) + "?"
    return re.compile(rf"{syl}(?:-?{syl}){{0,2}}")


_SYLLABLE_SHAPE = _syllable_shape_regex()


def _clean_latin(s: str) -> str:
    """NFKD, combining marks (ŏ, ŭ) dropped, apostrophes (Ch'oe) dropped, dash variants -> '-'."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"['\u2018\u2019`\u02bc]", "", s)
    return s


def _tokens(english: str) -> tuple[list[str], bool] | None:
    """Name tokens (lower case, hyphens kept) and whether a comma fixed surname-first."""
    s = _clean_latin(english).strip()
    s = re.sub(r"\([^)]*\)", " ", s)
    comma_first = False
    if s.count(",") == 1:
        a, b = (x.strip() for x in s.split(","))
        if a and b and " " not in a:
            s, comma_first = f"{a} {b}", True
    toks = [t for t in re.split(r"\s+", s) if t]
    toks = [t.rstrip(".") for t in toks]
    toks = [t for t in toks if t.lower() not in _HONORIFICS]
    if not 2 <= len(toks) <= 4:
        return None
    for t in toks:
        if not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)*", t):
            return None
    return toks, comma_first


@lru_cache(maxsize=65536)
def _readings(english: str) -> tuple[tuple[str, str, bool], ...]:
    """Possible (surname, given-with-separators, caps_hint) readings of an English name.
    Given names keep '-' at token and hyphen boundaries."""
    tk = _tokens(english)
    if tk is None:
        return ()
    toks, comma_first = tk
    out: list[tuple[str, str, bool]] = []
    # surname first
    first, rest = toks[0], toks[1:]
    if "-" not in first:
        out.append((first.lower(), "-".join(r.lower() for r in rest), first.isupper() and len(first) > 1))
    if not comma_first:
        last, rest2 = toks[-1], toks[:-1]
        if "-" not in last:
            out.append((last.lower(), "-".join(r.lower() for r in rest2), last.isupper() and len(last) > 1))
    return tuple(out)


@lru_cache(maxsize=65536)
def english_name_key(english: str) -> tuple[str, str] | None:
    """(surname, given) of an English rendering of a Korean name, lower case and
    without hyphens/spaces: "Park Yoon-kyu", "Yoon-kyu Park", "PARK Yoon-kyu",
    "Park Yoonkyu", "Park, Yoon-kyu" -> ("park", "yoonkyu"). None when no reading has a
    known Korean surname and a given name shaped like 1-3 romanised syllables."""
    cands = []
    for sur, given, caps in _readings(english):
        if sur not in _SURNAME_SPELLINGS:
            continue
        if not given or not _SYLLABLE_SHAPE.fullmatch(given):
            continue
        cands.append((sur, given, caps))
    if not cands:
        return None
    tk = _tokens(english)
    toks = tk[0] if tk else []
    # preference: an all-caps surname; then the side without a hyphen when the other has one;
    # then Korean order (surname first)
    def score(c: tuple[str, str, bool]) -> tuple[int, int, int]:
        sur, given, caps = c
        first = toks[0].lower() == sur if toks else True
        other_hyph = any("-" in t for t in toks if t.lower() != sur)
        return (0 if caps else 1, 0 if other_hyph else 1, 0 if first else 1)

    cands.sort(key=score)
    sur, given, _ = cands[0]
    return sur, given.replace("-", "")


def _given_matches(syllables: str, given: str) -> bool:
    """Does ``given`` (lower case, '-' marking hyphens/spaces) spell ``syllables`` in order?
    Separators may only fall between syllables."""
    n = len(syllables)
    variants = [syllable_variants(c) for c in syllables]

    @lru_cache(maxsize=None)
    def go(k: int, pos: int) -> bool:
        if k == n:
            return pos == len(given)
        if k > 0 and pos < len(given) and given[pos] == "-":
            pos += 1
        for v in variants[k]:
            if given.startswith(v, pos) and go(k + 1, pos + len(v)):
                return True
        return False

    return go(0, 0)


def matches(korean_name: str, english_name: str) -> bool:
    """True iff ``english_name`` is a plausible spelling of exactly ``korean_name``
    (see module doc)."""
    if not is_hangul_name(korean_name):
        return False
    readings = _readings(english_name)
    if not readings:
        return False
    for ksur, kgiven in split_korean_name(korean_name):
        if not kgiven or not all(_is_syllable(c) for c in kgiven):
            continue
        svars = surname_variants(ksur)
        for esur, egiven, _ in readings:
            if not egiven:
                continue
            if esur in svars and _given_matches(kgiven, egiven):
                return True
            # a two-syllable surname written as two tokens ("Nam Goong Min")
            if len(ksur) == 2 and "-" in egiven:
                head, _, tail = egiven.partition("-")
                if esur + head in svars and _given_matches(kgiven, tail):
                    return True
    return False


# --------------------------------------------------------------------------- candidate index
class KoreanNameIndex:
    """Find, for an English name, the Korean names it may spell without comparing it
    with every Korean name: the English name is read back into the Hangul (surname,
    given name) pairs it can spell (only syllables and surnames of the indexed names
    are considered), and those pairs are looked up. Every name ``matches`` accepts is
    among the candidates, so ``[k for k in candidates(e) if matches(k, e)]`` equals
    ``[k for k in all if matches(k, e)]``; the cost per English name is the number of
    plausible readings, not the number of Korean names.

    ``add(key, korean_name)`` registers a name under a caller's key (an index into a
    list, say); ``candidates(english)`` returns the keys whose names may match."""

    #: readings of one English given name beyond which the index gives up (and says so)
    MAX_READINGS = 4096

    def __init__(self) -> None:
        self._by_pair: dict[tuple[str, str], list] = {}
        self._surnames: dict[str, set[str]] = {}      # spelling -> Hangul surnames indexed
        self._syllables: dict[str, set[str]] = {}     # spelling -> Hangul syllables indexed
        self._seen_sur: set[str] = set()
        self._seen_syl: set[str] = set()
        self._maxlen = 0

    def add(self, key, korean_name: str) -> None:
        if not is_hangul_name(korean_name):
            return
        for ksur, kgiven in split_korean_name(korean_name):
            if not kgiven or not all(_is_syllable(c) for c in kgiven):
                continue
            self._by_pair.setdefault((ksur, kgiven), []).append(key)
            if ksur not in self._seen_sur:
                self._seen_sur.add(ksur)
                for v in surname_variants(ksur):
                    self._surnames.setdefault(v, set()).add(ksur)
            for c in kgiven:
                if c not in self._seen_syl:
                    self._seen_syl.add(c)
                    for v in syllable_variants(c):
                        self._syllables.setdefault(v, set()).add(c)
                        self._maxlen = max(self._maxlen, len(v))

    def _givens(self, given: str) -> set[str] | None:
        """Hangul given names (of indexed syllables) that ``given`` spells, as
        ``_given_matches`` reads it; None past MAX_READINGS."""
        syl = self._syllables
        maxlen = self._maxlen
        n = len(given)
        memo: dict[tuple[int, bool], set[str]] = {}
        over = False

        def go(pos: int, first: bool) -> set[str]:
            nonlocal over
            key = (pos, first)
            if key in memo:
                return memo[key]
            out: set[str] = set()
            if not first and pos == n:
                out.add("")
            else:
                p = pos
                if not first and p < n and given[p] == "-":
                    p += 1
                for end in range(p + 1, min(n, p + maxlen) + 1):
                    hs = syl.get(given[p:end])
                    if not hs:
                        continue
                    for rest in go(end, False):
                        for h in hs:
                            out.add(h + rest)
                    if len(out) > self.MAX_READINGS:
                        over = True
                        break
            memo[key] = out
            return out

        res = go(0, True)
        return None if over else res

    def pairs(self, english_name: str) -> set[tuple[str, str]] | None:
        """The Hangul (surname, given name) pairs of known syllables ``english_name`` may
        spell (as ``matches`` reads it); None past MAX_READINGS."""
        out: set[tuple[str, str]] = set()
        for esur, egiven, _ in _readings(english_name):
            if not egiven:
                continue
            tries = [(esur, egiven)]
            if "-" in egiven:
                head, _, tail = egiven.partition("-")
                tries.append((esur + head, tail))
            for sur_spelling, given in tries:
                surs = self._surnames.get(sur_spelling)
                if not surs:
                    continue
                givens = self._givens(given)
                if givens is None:
                    return None
                out.update((s, g) for s in surs for g in givens)
        return out

    def candidates(self, english_name: str) -> list | None:
        """The keys whose names ``english_name`` may spell (insertion order not kept;
        callers sort), or None when the name has too many readings to enumerate (the
        caller then compares with every name)."""
        pairs = self.pairs(english_name)
        if pairs is None:
            return None
        return [key for pair in pairs for key in self._by_pair.get(pair, ())]


@lru_cache(maxsize=1)
def full_name_index() -> KoreanNameIndex:
    """A ``KoreanNameIndex`` that knows every Hangul syllable and surname (no names):
    ``pairs`` then gives every (surname, given name) an English name may spell."""
    ix = KoreanNameIndex()
    syl, sur = ix._syllables, ix._surnames
    for i in range(_SCOUNT):
        c = chr(_SBASE + i)
        for v in syllable_variants(c):
            syl.setdefault(v, set()).add(c)
            ix._maxlen = max(ix._maxlen, len(v))
        if c not in _SURNAMES:  # a one-syllable surname off the table: its syllable spellings
            for v in surname_variants(c):
                sur.setdefault(v, set()).add(c)
    for s in set(_SURNAMES) | set(TWO_SYLLABLE_SURNAMES):
        if all(_is_syllable(c) for c in s):
            for v in surname_variants(s):
                sur.setdefault(v, set()).add(s)
    ix._seen_syl.update(chr(_SBASE + i) for i in range(_SCOUNT))
    return ix


