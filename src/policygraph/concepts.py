"""Concept keys: one name written in Korean and in English reduced to the same key.

"한·우즈베키스탄 핵심광물 비즈니스 포럼" and "Korea-Uzbekistan Critical Minerals
Business Forum", "베트남 산업무역부" and "Vietnam's Ministry of Industry and Trade"
name one thing in two languages. ``concept_key`` maps both to the same set of
concepts: countries through the gazetteer (its Korean and English names), the
words of policy events and bodies through a bilingual glossary of general
vocabulary, the edition (``제1차`` = ``1st``) kept apart. A name with a word the
glossary and the gazetteer do not know has no key: the resolver then never
joins on it, so an unknown word can only keep two names apart, never merge them.
"""
from __future__ import annotations

import re
from functools import lru_cache

# concept -> (Korean forms, English forms). General vocabulary of policy events and
# public bodies, not names of particular events.
_GLOSSARY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kinds of events
    "forum": (("포럼",), ("forum",)),
    "dialogue": (("대화",), ("dialogue", "dialog")),
    "conference": (("컨퍼런스", "콘퍼런스", "학술대회"), ("conference",)),
    "meeting": (("회의", "간담회"), ("meeting",)),
    "roundtable": (("라운드테이블", "원탁회의"), ("roundtable", "round table")),
    "summit": (("정상회의", "서밋"), ("summit",)),
    "seminar": (("세미나",), ("seminar",)),
    "symposium": (("심포지엄",), ("symposium",)),
    "workshop": (("워크숍", "워크샵"), ("workshop",)),
    "expo": (("엑스포", "박람회"), ("expo", "fair")),
    "exhibition": (("전시회", "전시"), ("exhibition",)),
    "week": (("위크", "주간"), ("week",)),
    "festival": (("페스티벌", "축제"), ("festival",)),
    "ceremony": (("기념식", "식"), ("ceremony",)),
    "opening": (("개막식", "개막"), ("opening",)),
    "launch": (("출범식", "출범", "발대식"), ("launch", "launching")),
    "signing": (("서명식", "체결식", "서명", "체결", "협약식"), ("signing",)),
    "agreement": (("업무협약", "협약", "양해각서", "약정", "협정"), ("mou", "memorandum of understanding", "agreement", "pact", "arrangement")),
    "briefing": (("설명회", "브리핑"), ("briefing", "information session")),
    "roadshow": (("로드쇼",), ("roadshow", "road show")),
    "competition": (("경진대회", "대회", "공모전"), ("competition", "contest", "challenge")),
    "demoday": (("데모데이",), ("demo day", "demoday")),
    "awards": (("시상식",), ("awards", "award ceremony")),
    "committee": (("위원회", "공동위원회", "공동위"), ("committee", "commission", "joint committee")),
    "council": (("협의회", "협의체"), ("council",)),
    "consultation": (("정책협의회", "협의"), ("policy consultation", "consultation", "consultations")),
    "session": (("세션",), ("session",)),
    "program": (("프로그램", "사업"), ("program", "programme")),
    "exchange": (("교류",), ("exchange",)),
    "center": (("센터",), ("center", "centre")),
    "establishment": (("설립", "구축"), ("establishment", "establishing", "building")),
    # bodies
    "ministry": (("부",), ("ministry",)),
    "office": (("청", "처"), ("office", "agency", "administration", "service")),
    "embassy": (("대사관",), ("embassy",)),
    # subjects
    "critical": (("핵심",), ("critical", "core", "key")),
    "minerals": (("광물",), ("minerals", "mineral")),
    "resources": (("자원",), ("resources", "resource")),
    "mining": (("광업",), ("mining", "mining industry")),
    "geology": (("지질",), ("geology",)),
    "industry": (("산업",), ("industry", "industrial", "industries")),
    "trade": (("무역", "통상", "교역"), ("trade", "commerce")),
    "investment": (("투자",), ("investment", "investor", "investors")),
    "cooperation": (("협력",), ("cooperation", "co-operation", "collaboration")),
    "partnership": (("파트너십", "동반자"), ("partnership",)),
    "supply": (("공급",), ("supply",)),
    "chain": (("망", "체인"), ("chain", "chains")),
    "business": (("비즈니스", "기업"), ("business", "businesses")),
    "economy": (("경제",), ("economic", "economy")),
    "finance": (("금융", "재정"), ("finance", "financial", "financing")),
    "development": (("개발",), ("development",)),
    "digital": (("디지털",), ("digital",)),
    "ai": (("AI", "인공지능"), ("ai", "artificial intelligence")),
    "data": (("데이터",), ("data",)),
    "technology": (("기술", "테크"), ("technology", "technologies", "tech")),
    "science": (("과학",), ("science", "scientific")),
    "innovation": (("혁신",), ("innovation",)),
    "startup": (("스타트업", "창업"), ("startup", "startups", "start-up", "start-ups")),
    "energy": (("에너지",), ("energy",)),
    "clean": (("청정", "클린"), ("clean",)),
    "green": (("그린", "녹색"), ("green",)),
    "climate": (("기후",), ("climate",)),
    "environment": (("환경",), ("environment", "environmental")),
    "battery": (("배터리", "이차전지"), ("battery", "batteries")),
    "infrastructure": (("인프라",), ("infrastructure",)),
    "smart": (("스마트",), ("smart",)),
    "city": (("시티", "도시"), ("city", "cities")),
    "housing": (("주택",), ("housing",)),
    "transport": (("교통", "운송"), ("transport", "transportation")),
    "maritime": (("해양", "해운"), ("maritime", "ocean", "marine", "shipping")),
    "defense": (("국방", "방산", "방위산업"), ("defense", "defence")),
    "security": (("안보", "보안"), ("security",)),
    "health": (("보건", "건강", "의료"), ("health", "healthcare", "medical")),
    "safety": (("안전",), ("safety",)),
    "labor": (("노동", "고용"), ("labor", "labour", "employment")),
    "education": (("교육",), ("education",)),
    "talent": (("인재",), ("talent", "talents")),
    "culture": (("문화",), ("culture", "cultural")),
    "tourism": (("관광",), ("tourism",)),
    "agriculture": (("농업", "농식품"), ("agriculture", "agricultural", "agri-food")),
    "food": (("식품",), ("food",)),
    "water": (("물", "수자원"), ("water",)),
    "policy": (("정책",), ("policy", "policies")),
    "agenda": (("국정과제", "과제"), ("national agenda", "agenda", "national task", "national tasks")),
    "field": (("현장",), ("field", "on-site", "onsite")),
    "foreign": (("외교",), ("foreign", "diplomatic")),
    "affairs": (("업무",), ("affairs",)),
    "global": (("글로벌",), ("global",)),
    "international": (("국제",), ("international",)),
    "joint": (("공동",), ("joint",)),
    "high-level": (("고위급",), ("high-level", "high level")),
    "regional": (("지역",), ("regional",)),
    "future": (("미래",), ("future",)),
    "semiconductor": (("반도체",), ("semiconductor", "semiconductors", "chip", "chips")),
    "space": (("우주",), ("space",)),
    "metaverse": (("메타버스",), ("metaverse",)),
    "content": (("콘텐츠",), ("content", "contents")),
    "hydrogen": (("수소",), ("hydrogen",)),
    "nuclear": (("원전", "원자력"), ("nuclear",)),
    "export": (("수출",), ("export", "exports")),
    "sme": (("중소기업",), ("sme", "smes")),
    "promotion": (("진흥",), ("promotion",)),
}

# words that carry no concept in either language
_STOP_EN = frozenset("the of and for on in at to with between a an s".split())
_STOP_KO = ("에 관한", "에관한", "관한", "및", "의", "와", "과", "을", "를", "위한")

# "한·미", "韓美": the one-syllable country abbreviations of Korean event names
_KO_COUNTRY_ABBR = {
    "한": "south-korea", "미": "united-states", "중": "china", "일": "japan", "러": "russia", "영": "united-kingdom",
    "독": "germany", "불": "france", "호": "australia", "인": "india", "베": "vietnam", "태": "thailand",
}
_EN_KOREA = frozenset(("korea", "korean", "k", "rok"))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], int]:
    ko: dict[str, str] = {}
    en: dict[str, str] = {}
    for concept, (kos, ens) in _GLOSSARY.items():
        for k in kos:
            ko[k] = concept
        for e in ens:
            en[e] = concept
    longest = max(len(k) for k in ko)
    return ko, en, longest


@lru_cache(maxsize=4096)
def _country(word: str) -> str | None:
    from .gazetteer import Gazetteer

    hit = Gazetteer.load().lookup_one(word, type="Place")
    if hit is not None and getattr(hit, "kind", None) in ("country", "region", "continent"):
        return hit.id
    return None


_ORD_RE = re.compile(r"제\s?(\d+)\s?[차회]|(?<!\d)(\d+)\s?[차회](?!\w)|\b(\d+)(?:st|nd|rd|th)\b", re.I)
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _segment_ko(token: str) -> list[str] | None:
    """Greedy longest-match segmentation of a Hangul token into glossary words and
    country names; None when some part is unknown."""
    ko, _, longest = _tables()
    out: list[str] = []
    i = 0
    n = len(token)
    while i < n:
        for j in range(min(n, i + max(longest, 8)), i, -1):
            part = token[i:j]
            if part in ko:
                out.append(ko[part])
                i = j
                break
            c = _country(part) if j - i >= 2 else None
            if c:
                out.append(c)
                i = j
                break
        else:
            return None
    return out


@lru_cache(maxsize=8192)
def concept_key(name: str) -> tuple[str, frozenset[str]] | None:
    """``(edition, concepts)`` of a name in either language, or None when a word of
    it is unknown. Years are left out (the resolver compares them on its own)."""
    if not name:
        return None
    m = _ORD_RE.search(name)
    edition = next((g for g in m.groups() if g), "") if m else ""
    s = _ORD_RE.sub(" ", name)
    s = _YEAR_RE.sub(" ", s)
    s = re.sub(r"\([^()]*\)|[「」『』‘’'“”\"]", " ", s)
    concepts: set[str] = set()
    if re.search(r"[가-힣]", s):
        for stop in _STOP_KO:
            s = s.replace(f" {stop} ", " ")
        for tok in re.split(r"[\s·ㆍ\-–/,]+", s):
            if not tok:
                continue
            if tok in _KO_COUNTRY_ABBR:
                concepts.add("place:" + _KO_COUNTRY_ABBR[tok])
                continue
            if re.fullmatch(r"[A-Za-z]+", tok):
                _, en, _ = _tables()
                c = en.get(tok.lower()) or _tables()[0].get(tok)
                if c is None:
                    return None
                concepts.add(c)
                continue
            tok = re.sub(r"(?:에\s?관한|관련|의)$", "", tok)
            parts = _segment_ko(tok)
            if parts is None:
                return None
            concepts.update(p if p.startswith("place:") else p for p in parts)
    else:
        _, en, _ = _tables()
        s = re.sub(r"(?:'s|’s)\b", " ", s)
        words = [w for w in re.split(r"[\s\-–/,.&]+", s.lower()) if w]
        i = 0
        while i < len(words):
            w = words[i]
            two = " ".join(words[i : i + 2])
            three = " ".join(words[i : i + 3])
            if three in en:
                concepts.add(en[three])
                i += 3
                continue
            if two in en:
                concepts.add(en[two])
                i += 2
                continue
            if w in _STOP_EN:
                i += 1
                continue
            if w in _EN_KOREA:
                concepts.add("place:south-korea")
                i += 1
                continue
            if w in en:
                concepts.add(en[w])
                i += 1
                continue
            c = _country(two) if i + 1 < len(words) else None
            if c:
                concepts.add(c)
                i += 2
                continue
            c = _country(w)
            if c is None:
                return None
            concepts.add(c)
            i += 1
    concepts = {c if not c.startswith("place:place:") else c[6:] for c in concepts}
    concepts = {("place:" + c.split(":", 1)[1]) if c.startswith("place:") else c for c in concepts}
    if len(concepts) < 3:
        return None
    return edition, frozenset(concepts)
