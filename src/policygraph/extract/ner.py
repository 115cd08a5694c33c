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
def _gaz():
    from ..gazetteer import Gazetteer

    return Gazetteer.load()


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
        if res is not None:
            found.append(res)
            nxt = max(nxt, res[4] + 1)
        k = nxt
    for start, end, etype, cat, _ in found:
        _add(ex, start, end, etype, cat)
    _hanja_glosses(ex)


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
        eid = doc.is_claimed(p - 1, p)
        e = doc.entities.get(eid) if eid else None
        if e is None or e.type not in ("Person", "Organization", "Place"):
            continue
        if not any(m.end == p for m in e.mentions):
            continue
        doc.mention(e, mt.start(1), mt.end(1))


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
        if s in nl.GENERIC_ORGS and _free_word(ex, w, a, b):
            return a, b, "Organization", nl.GENERIC_ORGS[s], m
        oh = _org_head(s)
        if oh and oh[0] in nl.STRONG_ORG_HEADS and m > k and len(s) > len(oh[0]) + 1 and s not in lx.KO_GENERIC and _at_token(tk, k, m, b - len(oh[0])):
            if _free_word(ex, w, a, b):
                return a, b, "Organization", oh[1], m
        return None
    if toks[k].tag == "NNG":
        # a common noun before a proper noun: start at the proper noun
        return None
    if "XSN" in tags:
        return None
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
    if ph is not None and tags[0] == "NNP" and _HANGUL_RE.match(toks[k].form):
        if m > k:
            # kiwi split the head off: "수지/NNP 구/NNG", "광안리/NNP 해수욕장/NNG"
            if toks[m].form == ph or (len(ph) >= 2 and toks[m].form.endswith(ph)):
                return a, b, "Place", None, m
        elif len(ph) >= 2 or (ph in nl.ADMIN_HEADS and 3 <= len(s) <= 4):
            # one proper-noun token: "서초동", "평화공원"
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
    if not role:
        j = tk.wi[m]
        while j + 1 < len(words) and words[j + 1].start < b:
            j += 1
        if words[j].end == b and j + 1 < len(words):
            nw = words[j + 1]
            if nw.stem and nw.stem_start == nw.start:
                role = nw.stem
                if role[0] in "전前" and len(role) > 1 and role[1:] in _titles():
                    role = role[1:]
                elif role in ("전", "前", "현", "신임") and j + 2 < len(words) and words[j + 2].stem:
                    role = words[j + 2].stem
    if role and (role in ("씨", "군", "양", "옹") or role in nl.PERSON_AFTER or (role != after and _is_title_word(role))):
        return shape or role not in nl.AMBIGUOUS_AFTER
    if _AGE_RE.match(text, b):
        return True
    wi = tk.wi[k]
    if wi > 0 and a == w.start:
        pw = words[wi - 1]
        if pw.bare and pw.stem in nl.PERSON_BEFORE:
            return True
    return False


def _all_nnp_word(w) -> bool:
    """The word's stem is one or more proper-noun tokens in Hangul."""
    if not w.stem or w.stem_start != w.start or not _HANGUL_RE.match(w.stem.replace(" ", "")):
        return False
    return all(t.tag == "NNP" for t in w.toks if w.stem_start <= t.start < w.stem_end)


def _by_context(ex, tk: _Tokens, k: int, m: int, a: int, b: int, s: str):
    text = ex.text
    toks = tk.toks
    words = ex.words
    doc = ex.doc
    wi = tk.wi[k]
    w = words[wi]
    tags = [toks[x].tag for x in range(k, m + 1)]
    hangul = _HANGUL_RE.match(s.replace(" ", "")) is not None
    # a foreign full name written as several proper-noun words ("블레이크 라이블리")
    if hangul and a == w.start and b == w.stem_end and w.bare and _all_nnp_word(w):
        j = wi
        end_tok = m
        while j + 1 < len(words) and j - wi < 3 and words[j].bare:
            nw = words[j + 1]
            if not _all_nnp_word(nw) or doc.is_claimed(nw.stem_start, nw.stem_end) or _is_title_word(nw.stem):
                break
            if _org_head(nw.stem) or _place_head(nw.stem) or _gaz().lookup(nw.stem):
                break
            j += 1
            end_tok = _last_tok(tk, end_tok, nw.stem_end)
        if j > wi:
            b2 = words[j].stem_end
            if _person_context(ex, tk, k, end_tok, a, b2, False):
                return a, b2, "Person", None, end_tok
    # gazetteer forms the scanner skipped ("충남지역")
    hits = _gaz().lookup(s)
    if hits and len(s) >= 2:
        e = hits[0]
        return a, b, e.type, e.category if e.type == "Organization" else None, m
    shape = hangul and korean_name_shape(s)
    if hangul and len(s) == 2 and s[1] == "모" and s[0] in lx.SURNAMES_1:
        return None  # "김모(33)씨": an anonymised name
    if _person_context(ex, tk, k, m, a, b, shape):
        if hangul and len(s) == 1:
            return None
        if not hangul and not re.search(r"[\u4e00-\u9fff]", s):
            return None
        return a, b, "Person", None, m
    if not hangul:
        return None
    if " " in s and tags == ["NNP"] and (a == 0 or text[a - 1] not in _QUOTES):
        # kiwi reads a spaced foreign full name as one proper noun ("링고 스타")
        return a, b, "Person", None, m
    if tags == ["NNP"] and len(s) == 3 and shape and s[-1] not in nl.NON_NAME_FINALS:
        return a, b, "Person", None, m
    # "기업 누리버스는", "일간지 데일리메일": a kind of organisation before the name
    if wi > 0 and a == w.start and words[wi - 1].bare and words[wi - 1].stem in nl.ORG_BEFORE and all(t == "NNP" for t in tags):
        return a, b, "Organization", nl.ORG_BEFORE[words[wi - 1].stem], m
    if all(t == "NNP" for t in tags) and len(s) >= 2 and _affiliation_elsewhere(ex, s):
        return a, b, "Organization", "company", m
    # an unknown proper noun as the subject or possessor of its clause is most
    # often a person ("트럼프는", "피케티의"); not inside quotes (titles of works)
    if all(t == "NNP" for t in tags) and len(s) >= 2 and a == w.stem_start and (a == 0 or text[a - 1] not in _QUOTES):
        nt = toks[m + 1] if m + 1 < len(toks) else None
        if nt is not None and nt.start == b and nt.tag in ("JX", "JKS", "JKG") and nt.form in nl.PERSON_PARTICLES:
            if not (a > 0 and text[a - 1] == "(") and s not in lx.KO_GENERIC:
                return a, b, "Person", None, m
    return None


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
