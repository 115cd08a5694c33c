"""Page furniture: the lines pages have in common around the article.

Menus and breadcrumbs, UI controls, date and "입력/수정" lines, bylines and
credits, copyright and publisher footers, lists of other headlines, tickers,
reactions; and the line kinds that end an article body."""
from __future__ import annotations

import re
from datetime import datetime

from ..dates import find_datetime
from .textutil import _CORE_STRIP_RE, _EMAIL_RE, _HANGUL_RE, _ws

_UI_TOKENS = {
    # font size controls
    "가장작게", "작게", "기본", "보통", "크게", "가장크게", "글자크기", "글씨크기", "글자", "글씨", "크기",
    "가", "가+", "가-", "[가]", "[가+]", "[가-]", "가가", "a+", "a-", "font", "size", "text", "조절", "조절하기",
    "변경", "설정",
    # share / print / save
    "공유", "공유하기", "인쇄", "인쇄하기", "프린트", "기사저장", "저장", "스크랩", "url복사", "링크복사",
    "주소복사", "url", "복사", "페이스북", "트위터", "x", "카카오톡", "카카오스토리", "카카오", "밴드",
    "네이버", "블로그", "네이버블로그", "라인", "이메일", "메일", "텔레그램", "북마크", "sns",
    "share", "print", "email", "e-mail", "facebook", "twitter", "linkedin", "kakao", "kakaotalk",
    "whatsapp", "telegram", "copy", "link", "reddit", "listen", "듣기", "음성듣기", "기사듣기", "번역",
    "translate", "rss", "확대", "축소", "닫기", "열기", "더보기", "목록", "이전", "다음",
    # account / site tools
    "로그인", "로그아웃", "회원가입", "마이페이지", "검색", "전체메뉴", "메뉴", "구독", "구독하기",
    "구독신청", "뉴스레터", "search", "sitemap", "login", "logout", "log", "in", "sign", "up",
    "subscribe", "menu", "home", "홈", "한국어", "english", "eng", "kor", "中文", "日本語",
    # reactions
    "댓글", "좋아요", "싫어요", "추천", "비추천", "반대", "공감", "comments", "comment", "like",
    # portal article tools
    "pick", "기사원문", "원문", "본문", "요약봇", "요약", "텍스트", "음성", "변환", "서비스", "사용하기", "변경하기",
    "보내기", "언론사", "구독자", "응원수", "응원", "팔로우", "follow", "바로가기", "클릭", "읽기", "모드",
    "다크모드", "tts", "aa", "a", "top", "맨위로", "위로",
}
_UI_SPLIT_RE = re.compile(r"[\s|:·∙•/]+")
_NUM_TOKEN_RE = re.compile(r"^[\[(]?[+-]?\d[\d,.]*%?[\])]?$")


def _is_ui_line(core: str) -> bool:
    if not core:
        return False
    toks = [t for t in _UI_SPLIT_RE.split(core.lower()) if t]
    if not toks:
        return True
    ui = other = 0
    for t in toks:
        if t in _UI_TOKENS or t in _UI_WORDS_EXTRA:
            ui += 1
        elif _NUM_TOKEN_RE.match(t) or re.fullmatch(r"[\u3131-\u318e\-+]+", t):
            continue  # numbers, and the jamo glyphs of font-size buttons ("ㅡ ㅢ ㅣ")
        else:
            other += 1
    # "음성으로 듣기 번역 설정 글씨크기 조절하기 인쇄하기": a row of tools, maybe with
    # one inflected word; never a sentence
    return ui > 0 and (other == 0 or (ui >= 4 and other <= 1 and not _SENT_END_RE.search(core)))


_UI_WORDS_EXTRA = frozenset("음성으로 본문듣기 기사듣기 글자크기조정 글씨크기조정 공유하기 프린트 스크랩하기 북마크하기".split())
_SENT_END_RE = re.compile(r"(?:[.!?。]|다)[”’\"')\]]*$")


_SENT_PUNCT_RE = re.compile(r"[,.…“”‘’\"'?!()]")


def _is_menu_line(line: str) -> bool:
    core = _ws(line)
    cells = [c for c in re.split(r"\s*[|]\s*|\s{2,}", line.strip()) if c]
    if len(cells) < 3:
        return False
    if any(len(c) > 14 or _SENT_PUNCT_RE.search(c) for c in cells):
        return False
    return len(core) <= 160


_BREADCRUMB_RE = re.compile(r"\s(?:>|›|»|＞|〉)\s|^\S{1,12}\s*(?:>|›|»|＞)\s*\S")


def _is_breadcrumb(core: str) -> bool:
    return bool(core) and len(core) <= 60 and bool(_BREADCRUMB_RE.search(core)) and not re.search(r"[“”‘’\"'…]", core)


_SECTION_TAG_RE = re.compile(r"^\[[^\]]{1,15}\]\s*\S{0,12}$")
_WEEKDAY_WORD_RE = re.compile(
    r"\(?\s*(?:[월화수목금토일]요일|[월화수목금토일]|Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\s*\)?",
)


def _is_dateish(core: str) -> bool:
    """A line that is only a date (and maybe a weekday / site tools)."""
    found = find_datetime(core)
    if not found:
        return False
    rest = core[: found[1]] + " " + core[found[2]:]
    rest = _WEEKDAY_WORD_RE.sub(" ", rest)
    toks = [t for t in _UI_SPLIT_RE.split(rest.lower()) if t]
    return all(t in _UI_TOKENS or _NUM_TOKEN_RE.match(t) for t in toks)


def _unkeyed_date(core: str) -> datetime | None:
    """The timestamp of a short line that is a date plus a name or two
    ("2023.10.19 과학기술정보통신부"), else None."""
    if len(core) > 50:
        return None
    found = find_datetime(core)
    if not found:
        return None
    if found[2] < len(core) and _HANGUL_RE.match(core[found[2]]):
        return None  # "2024년 1월 1일부터 ..." is a sentence, not a date line
    rest = _WEEKDAY_WORD_RE.sub(" ", core[: found[1]] + " " + core[found[2]:])
    rest = _ws(re.sub(r"[|·:()\[\]<>,\-–]", " ", rest))
    if len(rest) > 25 or len(rest.split()) > 3 or re.search(r"[.!?…“”‘’\"']|(?:다|요)$", rest):
        return None
    return found[0]


_DATE_KEY_RE = re.compile(
    r"(?P<key>기사\s*입력|최초\s*입력|입력|최초\s*등록|뉴스\s*등록|등록일?|게재일?|게시일?|발행일?|기사\s*전송|전송|송고|승인|작성일?|"
    r"최종\s*수정|수정일?|업데이트|"
    r"Date|Published|Posted|Updated|Last\s+updated|Modified|Release\s+date|Released|Issued|First\s+published)"
    r"\s*(?:일시|시간|시각)?\s*[:：]?\s*(?:on\s+|at\s+)?(?=\d|[A-Z][a-z]{2})",
)
_FIRST_KEYS = ("입력", "기사입력", "최초입력", "최초등록", "뉴스등록", "등록", "등록일", "게재", "게재일", "게시",
               "게시일", "발행", "발행일", "기사전송", "전송", "송고", "작성", "작성일", "date", "published", "posted",
               "releasedate", "released", "issued", "firstpublished")
_LAST_KEYS = ("수정", "수정일", "최종수정", "업데이트", "updated", "lastupdated", "modified")
_VIEWS_RE = re.compile(r"(?:Views?|Hits?|조회수?|조회)\s*[:：]?\s*[\d,]+", re.I)
_REPORTER_WORDS = r"(?:기자|특파원|선임기자|객원기자|인턴기자|수습기자|전문기자|논설위원|편집위원|통신원|리포터|에디터)"


def _keyed_dates(core: str) -> list[tuple[str, datetime]] | None:
    """``[(key, datetime)]`` when ``core`` is a meta line of dates ("입력 … |
    수정 …", "Date … Views …", "홍길동 기자 입력 …"), else None."""
    if len(core) > 160:
        return None
    out: list[tuple[str, datetime]] = []
    rest = core
    spans: list[tuple[int, int]] = []
    for m in _DATE_KEY_RE.finditer(core):
        found = find_datetime(core[m.end():])
        if not found or found[1] > 2:
            continue
        key = re.sub(r"\s+", "", m["key"]).lower()
        out.append((key, found[0]))
        spans.append((m.start(), m.end() + found[2]))
    if not out:
        return None
    for s, e in reversed(spans):
        rest = rest[:s] + " " + rest[e:]
    rest = _EMAIL_RE.sub(" ", rest)
    rest = _VIEWS_RE.sub(" ", rest)
    rest = re.sub(rf"[가-힣]{{2,4}}\s*{_REPORTER_WORDS}", " ", rest)
    rest = re.sub(r"\bBy\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", " ", rest)
    rest = re.sub(r"[|·:()\[\]<>,\-–]", " ", rest)
    if len(_ws(rest)) > 20:
        return None
    return out


def _pick_published(keyed: list[tuple[str, datetime]]) -> datetime | None:
    if not keyed:
        return None
    for key, dt in keyed:
        if key in _FIRST_KEYS:
            return dt
    for key, dt in keyed:
        if key not in _LAST_KEYS:
            return dt
    return keyed[0][1]


# --- end-of-article markers ------------------------------------------------

_BYLINE_KO_RE = re.compile(
    r"^[\[(<【/=\s]*(?:[^\s\]]{1,15}\s+)?(?:글\s*[=:]\s*|사진\s*[=:]\s*|취재\s*[=:]?\s*)?"
    rf"[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s*{_REPORTER_WORDS}(?![가-힣])"
    r"[\])>】\s]*(?:\(?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\)?)?\s*$"
)
_EN_PERSON = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_BYLINE_EN_RE = re.compile(
    rf"^(?:By|BY|From|Written by|Reporter:?|Reported by|Story by)\s+{_EN_PERSON}(?:\s*(?:,|and|&)\s*{_EN_PERSON})*\s*(?:[,(|].{{0,80}})?$"
    r"|^(?:[A-Z][\w.'’-]*\s+){0,3}(?:Staff\s+(?:Writers?|Reporters?)|Correspondents?|Contributing\s+Writers?|Reporters?)$"
)
_CONTACTISH_RE = re.compile(r"기자|reporter|문의|연락처|☎|tel\b|phone|contact|e-?mail", re.I)
_COPYRIGHT_RE = re.compile(
    r"ⓒ|©|\([cC]\)|Copyright|COPYRIGHT|저작권자|무단\s*전재|무단\s*복제|재배포\s*금지|All\s+[Rr]ights\s+[Rr]eserved"
)
# a copyright notice, as opposed to a sentence about copyright
_COPY_STRONG_RE = re.compile(
    r"ⓒ|©|^Copyright\b|COPYRIGHT|Copyright\s*(?:ⓒ|©|\([cC]\)|\d{4})|All\s+[Rr]ights\s+[Rr]eserved|<\s*저작권자|저작권자\s*(?:ⓒ|©|\([cC]\))"
)
_COPY_WEAK_RE = re.compile(r"저작권자|무단\s*전재|무단\s*복제|재배포")


def _is_copyright(core: str) -> bool:
    if len(core) > 160:
        return False
    if _COPY_STRONG_RE.search(core):
        return True
    if re.search(r"\([cC]\)\s*\S", core) and len(core) <= 80 and not re.search(r"[가-힣]다\.$", core):
        return True
    return (
        bool(_COPY_WEAK_RE.search(core))
        and "금지" in core
        and len(core) <= 80
        and not re.search(r"(?:했|였|혔|겠|있|없|한|된)다\.?$", core)
    )
_FOOTER_RE = re.compile(
    r"등록\s*번호|등록\s*일자?\s*[:：]?\s*\d|발행\s*[·ㆍ]?\s*편집인|발행인|편집인|편집국장|청소년\s*보호\s*책임자|"
    r"사업자\s*등록|개인정보\s*(?:처리|보호)\s*(?:방침|정책|책임자)|회사\s*소개|기사\s*제보|광고\s*문의|제휴\s*문의|"
    r"이용\s*약관|고충\s*처리|대표\s*전화|Publisher\s*:|Editor\s*:|Privacy\s+Policy|Terms\s+of\s+(?:Use|Service)"
)
_LIST_HEAD_RE = re.compile(
    r"^(?:"
    r"이\s*기사와\s*(?:관련된|관련|함께\s*(?:많이\s*)?(?:본|읽은))\s*(?:뉴스|기사)"
    r"|(?:관련|연관|관련된)\s*(?:기사|뉴스|소식)(?:\s*더보기)?"
    r"|(?:가장\s*)?많이\s*(?:본|읽은|공유한|찾은)\s*(?:뉴스|기사)"
    r"|(?:실시간\s*)?(?:주요|인기|추천|최신|랭킹|화제의|핫|많이본|헤드라인|포토|베스트|에디터\s*픽|섹션\s*별?|오피니언)"
    r"\s*(?:뉴스|기사|이슈|포토|클릭)?"
    r"|오늘의\s*\S{1,8}"
    r"|(?:Related|More\s+from|More\s+stories|Most\s+(?:popular|read|viewed|shared)|Top\s+stories|Latest(?:\s+news)?|"
    r"Trending(?:\s+now)?|Recommended(?:\s+stories)?|Popular(?:\s+stories)?|Editor'?s\s+picks?|Read\s+more|You\s+may\s+also\s+like)"
    r"[\w\s':-]{0,25}"
    r")\s*(?<![.!?])$",
    re.I,
)
_TICKER_HEAD_RE = re.compile(
    r"시세|시황|상승\s*종목|하락\s*종목|장\s*마감|장\s*종료|"
    r"^[\[<【(]?\s*(?:증시|환율|국제\s*유가|유가|날씨|오늘의\s*날씨|주요\s*지수|Markets?|Stocks?)\s*[\]>】)]?(?:\s|$)"
)
_PRICE_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_PCT_RE = re.compile(r"(?:[+\-▲▼△▽]\s*\d+(?:\.\d+)?\s*%)|(?:\(\s*[+\-]?\d+(?:\.\d+)?\s*%\s*\))")
_REACTION_RE = re.compile(
    r"^(?:좋아요|싫어요|화나요|슬퍼요|훈훈해요|놀랐어요|후속\s*기사\s*원해요|추가\s*취재\s*원해요|응원해요|감동이에요|"
    r"재밌어요|흥미로워요|최고예요|기뻐요|공감|추천|비추천|반대|이\s*기사를\s*추천합니다|기사\s*추천)\s*(?:\d|\[|\(|$)"
)
_NAV_END_RE = re.compile(
    r"^(?:List|Back\s+to\s+list|목록(?:으로)?|이전\s*글|다음\s*글|이전\s*기사|다음\s*기사)$"
    r"|^(?:Previous|Next|Prev|이전\s*글|다음\s*글)(?:\s{2,}|\s*[:|]\s*|$)"
    r"|^(?:Attachments?|첨부\s*파일|첨부|Download|파일\s*다운로드)(?:\s{2,}|\s*[:|：]|$)"
    r"|^(?:Media\s+|Press\s+)?(?:[Cc]ontacts?|[Ii]nquiries)\s*(?:[:：]|$)"
    r"|^For\s+(?:more|further)\s+information"
    r"|^Notes?\s+to\s+[Ee]ditors"
    r"|^About\s+(?:the\s+)?[A-Z][\w&.,'’ -]{1,60}(?<![.!?])$"
    r"|^(?:문의|연락처|문의처)\s*[:：]"
    r"|^(?:#{3,}|-+\s*(?:끝|END|End)\s*-+|[(<]?\s*끝\s*[)>]?\.?|/\s*끝\s*/|\(END\)|END|-\s*30\s*-)$"
)
_INLINE_LINK_RE = re.compile(r"^(?:관련\s*기사|관련\s*뉴스|함께\s*보면\s*좋은\s*기사|Related(?:\s+(?:story|article))?|Read\s+more)\s*[:：▶>]")
_PHOTO_CREDIT_RE = re.compile(r"^[\[(<]?\s*(?:사진|자료|그래픽|이미지|영상|출처|제공|Photo|Image|Source)\s*[=:：]\s*[^\])>]{1,40}[\])>]?$")
# photo captions: "[Photo] ...", "... (PHOTO NOT FOR SALE) (Yonhap)", "X (center) speaks at ...
# (Ministry of ...)", "... in this photo provided by ...", "/사진=…", "(사진=… 제공)"
_CAPTION_RE = re.compile(
    r"^\s*[\[(]\s*(?:Photo|PHOTO|Photos|Image|사진|포토|화보|영상)\s*[\])]"
    r"|\((?:PHOTO|Photo)\s+NOT\s+FOR\s+SALE\)|\(Photo\s+courtesy\b|\bin\s+this\s+(?:photo|file\s+photo|image)\s+(?:provided|released|taken)\b"
    r"|\bPhoto\s+(?:courtesy|by|credit)\b|\(\s*(?:Yonhap|AP|AFP|Reuters|Newsis|News1|Xinhua|EPA|Getty\s+Images)\s*\)\s*$"
    r"|[(\[][^()\[\]]{1,30}\s?제공[^()\[\]]{0,20}[)\]]\s*(?:\d{4}\.\s?\d{1,2}\.\s?\d{1,2}\.?\S*)?\s*$"
    r"|\d{4}\.\d{1,2}\.\d{1,2}\.?/\S{2,12}$"
    r"|^\([^()]{0,40}[-–/](?:Yonhap|AP|AFP|Reuters|Newsis|News1|Xinhua|EPA)\)$"
    r"|[/(\[]\s*사진\s*[=:]|^\s*사진\s*[=:]|\b(?:사진|자료)\s*제공\s*[=:]?\s*[^\s]{1,20}\s*[)\]]?\s*$"
)
_CAPTION_POS_RE = re.compile(
    r"\((?:C|L|R|center|centre|left|right|front|back|top|bottom|\w+\s+from\s+(?:left|right)|가운데|왼쪽|오른쪽|앞줄[^)]{0,12}|"
    r"뒷줄[^)]{0,12}|왼쪽\s*(?:두|세|네)?\s*번째|오른쪽\s*(?:두|세|네)?\s*번째)\)"
)
_SHARE_WORDS = frozenset(
    "share facebook twitter x linkedin kakao kakaotalk kakaostory band line telegram whatsapp email e-mail mail print "
    "copy link url send by on via the to text size font post line f in 공유 공유하기 페이스북 트위터 카카오톡 카카오스토리 밴드 라인 이메일 인쇄 "
    "url복사 링크복사 보내기 스크랩 글자크기 글씨크기".split()
)
_SOCIAL_WORDS = frozenset("facebook twitter linkedin kakao kakaotalk kakaostory band telegram whatsapp 페이스북 트위터 카카오톡 카카오스토리 밴드".split())


def _is_caption(core: str) -> bool:
    """A photo caption or credit line, never body prose when the page has a body."""
    if len(core) > 400:
        return False
    if _CAPTION_RE.search(core):
        return True
    # "Minister X (center) speaks at ... (Ministry of Science and ICT)": a position
    # marker in the first half and a bracketed credit at the end
    return bool(
        _CAPTION_POS_RE.search(core[: max(40, len(core) // 2)])
        and re.search(r"\([A-Z][^()]{2,60}\)\s*$|\(\s*사진[^()]{0,30}\)\s*$|제공\s*[)\]]?\s*$", core)
    )


def _is_share_line(core: str) -> bool:
    """"Share on Facebook   Share on X   Send by email   Print": a row of sharing tools."""
    toks = [t for t in _UI_SPLIT_RE.split(re.sub(r"[\[\]()+\-@]", " ", core.lower())) if t]
    if not toks or len(toks) > 16 or re.search(r"[.!?]$", core):
        return False
    social = sum(t in _SOCIAL_WORDS for t in toks)
    return social >= 2 and all(t in _SHARE_WORDS or t in _UI_TOKENS for t in toks)


_TIME_RE = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?|KST|GMT|UTC))?\b|\b(?:KST|GMT|UTC)\b")
_DATE_LINE_WORDS = frozenset(
    "all news updated update last posted published date time reading read min mins minute minutes views view hits "
    "입력 수정 등록 승인 송고 기사입력 최종수정 발행 게재 조회 조회수 분 읽기 kst gmt utc".split()
)


def _date_line(core: str) -> datetime | None:
    """The timestamp of a short line that holds a date with only page words around it:
    "All News 16:42 September 10, 2024", "Last updated 23:18 October 16, 2024 | Reading
    time 3 min", "Nov 24, 2023", "date 2025-12-08", "서울경제 | 2026-01-09 18:08:12"."""
    if len(core) > 120:
        return None
    found = find_datetime(core)
    if not found:
        return None
    if found[2] < len(core) and _HANGUL_RE.match(core[found[2]]):
        return None
    rest = core[: found[1]] + " " + core[found[2]:]
    for _ in range(3):  # "2023-11-08 17:12 송고 | 2023-11-08 18:40 최종수정": every date of the line
        more = find_datetime(rest)
        if not more:
            break
        rest = rest[: more[1]] + " " + rest[more[2]:]
    rest = _TIME_RE.sub(" ", rest)
    rest = _EMAIL_RE.sub(" ", rest)
    rest = re.sub(rf"[\[(【〔][^\])】〕]{{1,20}}[\])】〕]|[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s*{_REPORTER_WORDS}", " ", rest)
    rest = re.sub(r"\b(?:Writer|Author|Hits?|Views?|작성자|글쓴이|조회수?|담당부서)\s*[:：]\s*[^|:：]{0,30}?(?=\s{2,}|\s*\||\s+\w+\s*[:：]|$)", " ", rest)
    rest = _WEEKDAY_WORD_RE.sub(" ", rest)
    if re.search(r"[.!?…“”‘’\"]|(?:다|요)$", _ws(rest)):
        return None
    toks = [t for t in _UI_SPLIT_RE.split(re.sub(r"[()\[\],\-–]", " ", rest.lower())) if t]
    other = [t for t in toks if t not in _DATE_LINE_WORDS and t not in _UI_TOKENS and not _NUM_TOKEN_RE.match(t)]
    if len(other) > 3 or sum(len(t) for t in other) > 24:
        return None
    return found[0]


_PAGE_NO_RE = re.compile(r"^[-–]\s*\d{1,3}\s*[-–]$|^\d{1,3}\s*/\s*\d{1,3}$")


_BYLINE_TAIL_RE = re.compile(r"(?:\s*(?:기자\s*페이지|기자페이지|\+?\s*구독|구독하기|다른\s*기사\s*보기|기사\s*더보기|팔로우|Follow|More\s+articles))+\s*$")


def _is_byline(core: str) -> bool:
    if len(core) > 100:
        return False
    if _BYLINE_KO_RE.match(core) or _BYLINE_EN_RE.match(core):
        return True
    bare = _BYLINE_TAIL_RE.sub("", core)
    if bare != core and bare and (_BYLINE_KO_RE.match(bare) or _BYLINE_EN_RE.match(bare)):
        return True
    if _EMAIL_RE.search(core) and len(core) <= 90:
        rest = _EMAIL_RE.sub("", core)
        if _CONTACTISH_RE.search(core) or len(_ws(re.sub(r"[()\[\]<>|,:]", " ", rest))) <= 15:
            return True
    return False


def _is_ticker_line(core: str) -> bool:
    pct = len(_PCT_RE.findall(core))
    if pct >= 2 and not re.search(r"(?:다|요)[.”’\"]*$", core):
        return True
    return pct == 1 and len(core) <= 60 and bool(_PRICE_RE.search(core)) and not re.search(r"[가-힣](?:다|요)[.”’\"]*$", core)


def _end_kind(core: str, raw: str | None = None) -> str | None:
    """Why ``core`` ends the article body, or None.  ``raw`` is the line with
    its inner spacing kept (cell gaps of page dumps tell navigation apart)."""
    if not core:
        return None
    if _is_byline(core):
        return "byline"
    if _is_copyright(core):
        return "copyright"
    if _FOOTER_RE.search(core) and ("|" in core or len(core) <= 40):
        return "footer"
    if len(core) <= 40 and _LIST_HEAD_RE.match(core.strip("[]<>【】 ")):
        return "list"
    if len(core) <= 40 and _TICKER_HEAD_RE.search(core) and not re.search(r"(?:다|요)\.$", core):
        return "ticker"
    if _is_ticker_line(core):
        return "ticker"
    if _REACTION_RE.match(core):
        return "reaction"
    if _NAV_END_RE.match(core) or (raw is not None and _NAV_END_RE.match(_CORE_STRIP_RE.sub("", raw).rstrip())):
        return "nav"
    return None


def _is_prose(core: str) -> bool:
    return len(core) >= 80 or bool(re.search(r"(?:[.!?。]|다|요)[”’\"')\]]*$", core))
