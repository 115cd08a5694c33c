"""Closed word lists the extraction rules use: title words, organisation and
venue suffixes, event nouns, verbs that signal roles. General Korean/English
press vocabulary, not names of particular things."""
from __future__ import annotations

import re

# --- Korean surnames (single and double syllable), by frequency ------------
SURNAMES_2 = frozenset("남궁 황보 제갈 선우 독고 사공 서문 동방 어금 망절 강전".split())
SURNAMES_1 = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 "
    "우 구 민 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 "
    "맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 황 가 복 태 목 형 계 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 시 갈 "
    "단 견 당 화 창 옹 순 빙 묵 내".split()
)

# --- position titles ------------------------------------------------------------
# whole words that are titles
KO_TITLES = frozenset(
    """
    장관 차관 1차관 2차관 제1차관 제2차관 3차관 제3차관 차관보 대변인 실장 국장 과장 팀장 본부장 단장 센터장 원장 부원장 청장 차장 처장 위원장 부위원장 위원
    대표 대표이사 공동대표 회장 부회장 사장 부사장 전무 상무 이사 이사장 감사 고문 의장 부의장 총장 부총장 학장 교수 부교수 조교수 명예교수 석좌교수 연구위원 선임연구위원
    연구원 책임연구원 선임연구원 수석연구원 박사 소장 부소장 관장 무역관장 국장 정책관 심의관 기획관 조정관 대사 영사 총영사 사무총장 사무국장 사무관 주무관 서기관
    대통령 국무총리 총리 부총리 의원 국회의원 시장 부시장 도지사 지사 부지사 구청장 군수 교육감 비서관 수석 보좌관 특보 상임위원 비상임이사 지점장 법인장 매니저 디렉터
    정무공사 경제공사 공사참사관 참사관 부총영사 총괄 파트너 창업자 설립자 최고경영자 CEO CTO COO CFO CSO CMO 대표변호사 변호사 회계사 변리사 기자 앵커 PD 감독 코치 선수 의사 원장 간사 회원 사외이사
    """.split()
)
# a word ending with one of these is a (compound) title: 메타버스산업팀장, 디지털콘텐츠산업본부장,
# 실리콘밸리무역관장, 정보통신산업정책관, 경제실장, 글로벌교육사업 부사장
KO_TITLE_SUFFIXES = (
    "부사장", "사장", "팀장", "본부장", "실장", "국장", "과장", "단장", "센터장", "원장", "관장", "정책관", "심의관", "기획관",
    "조정관", "청장", "처장", "위원장", "부문장", "사업부장", "그룹장", "소장", "연구위원", "연구원장", "총괄", "이사장",
    "대표이사", "대표", "전무", "상무", "교수", "회장", "부회장", "차관", "장관", "위원", "책임", "수석", "비서관", "대사", "지사장", "법인장",
    "이사", "총재", "차관보", "행장", "관리관", "부장", "지부장", "사무총장", "공사참사관", "참사관", "보좌관",
)
# titles that mark the person as a government official (used for roles)
KO_CHAIR_VERBS = ("주재", "주관")

EN_TITLE_WORDS = (
    "Minister", "Vice Minister", "First Vice Minister", "Second Vice Minister", "Deputy Minister", "President", "Vice President",
    "Chairman", "Chairwoman", "Chair", "Chief Executive Officer", "CEO", "CTO", "COO", "CFO", "Director", "Director General",
    "Director-General", "Head", "Professor", "Dr.", "Ambassador", "Commissioner", "Administrator", "Mayor", "Governor",
    "Managing Director", "Executive Director", "Senior Vice President", "Executive Vice President", "General Manager",
    "Founder", "Co-founder", "Secretary", "Secretary-General", "Deputy Director", "Team Leader", "Researcher", "Principal Researcher",
    "Senior Researcher", "Spokesperson", "Chief", "Partner", "Manager",
)

# --- organisations ---------------------------------------------------------------
# suffixes that make a Hangul compound an organisation name, with a category
KO_ORG_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("대학교", "academia"), ("대학원", "academia"), ("대학", "academia"), ("과학기술원", "academia"),
    ("연구원", "research"), ("연구소", "research"), ("연구센터", "research"), ("연구회", "research"),
    ("진흥원", "public_agency"), ("진흥공사", "public_agency"), ("공사", "public_agency"), ("공단", "public_agency"),
    ("재단", "public_agency"), ("평가원", "public_agency"), ("관리원", "public_agency"), ("정보원", "public_agency"),
    ("기술원", "public_agency"), ("개발원", "public_agency"), ("보험공단", "public_agency"), ("기금", "public_agency"),
    ("위원회", "government"), ("특별자치도", "government"), ("특별자치시", "government"), ("광역시청", "government"),
    ("시청", "government"), ("도청", "government"), ("구청", "government"), ("군청", "government"),
    ("협회", "association"), ("연합회", "association"), ("중앙회", "association"), ("협의회", "association"), ("조합", "association"),
    ("학회", "association"), ("상공회의소", "association"), ("포럼", "association"), ("얼라이언스", "association"),
    ("연맹", "association"), ("클러스터", "association"),
    ("그룹", "company"), ("전자", "company"), ("텔레콤", "company"), ("통신", "company"), ("증권", "company"),
    ("은행", "company"), ("보험", "company"), ("카드", "company"), ("캐피탈", "company"), ("건설", "company"),
    ("제약", "company"), ("바이오", "company"), ("소프트", "company"), ("시스템즈", "company"), ("시스템", "company"),
    ("테크", "company"), ("테크놀로지", "company"), ("테크놀러지", "company"), ("랩스", "company"), ("랩", "company"),
    ("스튜디오", "company"), ("벤처스", "company"), ("파트너스", "company"), ("인베스트먼트", "company"),
    ("홀딩스", "company"), ("코리아", "company"), ("엔터테인먼트", "company"), ("모빌리티", "company"),
    ("솔루션", "company"), ("솔루션즈", "company"), ("네트웍스", "company"), ("네트워크", "company"),
    ("일렉트릭", "company"), ("에너지", "company"), ("화학", "company"), ("중공업", "company"), ("자동차", "company"),
    ("항공", "company"), ("해운", "company"), ("물산", "company"), ("상사", "company"), ("디스플레이", "company"),
    ("반도체", "company"), ("게임즈", "company"), ("로보틱스", "company"), ("다이내믹스", "company"), ("컴퍼니", "company"),
    ("뉴스", "media"), ("일보", "media"), ("신문", "media"), ("방송", "media"), ("타임스", "media"),
    ("대사관", "government"), ("총영사관", "government"), ("대표부", "government"),
    ("부", "government"), ("처", "government"), ("청", "government"),
)
# single-syllable government suffixes need a longer stem (산업통상자원부 yes, 대부 no)
KO_GOV_SHORT = ("부", "처", "청")

EN_ORG_HEADS = (
    "Ministry", "Agency", "Administration", "Office", "Commission", "Committee", "Council", "Service", "Bureau",
    "Department", "Institute", "University", "College", "School", "Academy", "Association", "Federation", "Foundation",
    "Corporation", "Corp", "Corp.", "Inc", "Inc.", "Co.", "Company", "Ltd", "Ltd.", "Group", "Bank", "Lab", "Labs",
    "Studio", "Studios", "Center", "Centre", "Alliance", "Organization", "Organisation", "Authority", "Partners",
    "Ventures", "Capital", "Electronics", "Telecom", "Systems", "Technologies", "Technology", "Holdings", "Korea",
    "Society", "Union", "Chamber", "Network", "Networks", "Software", "Solutions", "Games", "Motors",
    "Government", "Province", "City Hall",
)

# --- events ----------------------------------------------------------------------
KO_EVENT_HEADS = (
    "간담회", "회의", "포럼", "박람회", "전시회", "전시", "설명회", "출범식", "협약식", "업무협약식", "시상식", "데모데이",
    "위크", "주간", "투어", "콘퍼런스", "컨퍼런스", "세미나", "대회", "해커톤", "챌린지", "페스티벌", "축제", "쇼",
    "엑스포", "서밋", "정상회의", "라운드테이블", "워크숍", "워크샵", "발대식", "개막식", "폐막식", "기념식", "심포지엄",
    "토론회", "공청회", "보고회", "발표회", "토크콘서트", "콘서트", "캠프", "아카데미", "로드쇼", "피칭", "경진대회",
    "공모전", "개소식", "준공식", "착공식", "기공식", "협의회", "총회", "대화", "좌담회", "교류회", "상담회", "수출상담회",
    "IR", "데이", "어워드", "어워즈", "시상", "행사", "프로그램", "사절단", "원정대", "출정식", "창립총회", "비전선포식",
    "선포식", "서명식", "체결식", "개통식", "시연회", "발족식", "브리핑", "회담", "미팅", "위원회 회의", "현장방문",
    "콩그레스", "컨벤션", "공유회", "성과공유회", "인사회", "신년인사회", "간담회의", "박람회", "페어", "설명회",
    "업무협약", "협약", "MOU", "양해각서",
)
# which event type a head noun suggests
KO_EVENT_TYPES: dict[str, str] = {
    "간담회": "meeting", "회의": "meeting", "회담": "meeting", "라운드테이블": "meeting", "미팅": "meeting", "대화": "meeting",
    "좌담회": "meeting", "협의회": "meeting", "총회": "meeting", "교류회": "meeting", "상담회": "meeting", "수출상담회": "meeting",
    "포럼": "forum", "콘퍼런스": "conference", "컨퍼런스": "conference", "세미나": "conference", "심포지엄": "conference",
    "서밋": "conference", "정상회의": "meeting", "토론회": "forum", "공청회": "forum", "워크숍": "workshop", "워크샵": "workshop",
    "박람회": "exhibition", "전시회": "exhibition", "전시": "exhibition", "엑스포": "exhibition", "쇼": "exhibition",
    "출범식": "ceremony", "발대식": "ceremony", "개막식": "ceremony", "폐막식": "ceremony", "기념식": "ceremony",
    "시상식": "ceremony", "개소식": "ceremony", "준공식": "ceremony", "착공식": "ceremony", "기공식": "ceremony",
    "출정식": "ceremony", "선포식": "ceremony", "비전선포식": "ceremony", "발족식": "ceremony", "개통식": "ceremony",
    "협약식": "signing", "업무협약식": "signing", "업무협약": "signing", "협약": "signing", "MOU": "signing",
    "양해각서": "signing", "서명식": "signing", "체결식": "signing",
    "위크": "programme", "주간": "programme", "투어": "programme", "캠프": "programme", "아카데미": "programme",
    "로드쇼": "programme", "프로그램": "programme", "사절단": "programme", "원정대": "programme",
    "데모데이": "competition", "해커톤": "competition", "챌린지": "competition", "대회": "competition",
    "경진대회": "competition", "공모전": "competition", "피칭": "competition", "어워드": "ceremony", "어워즈": "ceremony",
    "설명회": "briefing", "브리핑": "briefing", "보고회": "briefing", "발표회": "briefing", "시연회": "briefing",
    "콩그레스": "conference", "컨벤션": "conference", "공유회": "briefing", "성과공유회": "briefing",
    "인사회": "ceremony", "신년인사회": "ceremony", "페어": "exhibition",
    "페스티벌": "festival", "축제": "festival", "콘서트": "festival", "토크콘서트": "festival",
}

EN_EVENT_HEADS = (
    "Week", "Forum", "Summit", "Conference", "Expo", "Exhibition", "Fair", "Festival", "Show", "Day", "Demo Day",
    "Roundtable", "Round Table", "Ceremony", "Meeting", "Dialogue", "Seminar", "Symposium", "Workshop", "Hackathon",
    "Challenge", "Awards", "Award", "Tour", "Roadshow", "Camp", "Academy", "Program", "Programme", "Briefing",
    "Session", "Convention", "Congress", "Talks", "Launch", "Festa", "Competition", "Contest", "Mission",
)
EN_EVENT_TYPES = {
    "Week": "programme", "Forum": "forum", "Summit": "conference", "Conference": "conference", "Expo": "exhibition",
    "Exhibition": "exhibition", "Fair": "exhibition", "Festival": "festival", "Show": "exhibition", "Day": "competition",
    "Roundtable": "meeting", "Round Table": "meeting", "Ceremony": "ceremony", "Meeting": "meeting", "Dialogue": "meeting",
    "Seminar": "conference", "Symposium": "conference", "Workshop": "workshop", "Hackathon": "competition",
    "Challenge": "competition", "Awards": "ceremony", "Award": "ceremony", "Tour": "programme", "Roadshow": "programme",
    "Camp": "programme", "Academy": "programme", "Program": "programme", "Programme": "programme", "Briefing": "briefing",
    "Convention": "conference", "Congress": "conference", "Talks": "meeting", "Competition": "competition",
}

# --- verbs -----------------------------------------------------------------------
KO_ORGANIZE = ("개최", "주최", "주관", "열었", "연다", "열어", "마련", "진행", "공동 개최", "공동개최", "공동 주최", "운영")
KO_HOLD_PASSIVE = ("열린", "열렸", "열리", "개최된", "개최됐", "개최되", "진행된", "진행됐", "진행되", "펼쳐", "치러")
KO_PARTICIPATE = (
    "참석", "참여", "참가", "발표", "강연", "기조강연", "축사", "환영사", "개회사", "인사말", "주재", "서명", "체결",
    "출품", "전시", "패널", "토론", "시연", "심사", "좌장", "사회", "피칭", "멘토", "방문", "동행", "함께",
)
KO_SAY = ("밝혔", "말했", "강조했", "덧붙였", "전했", "설명했", "당부했", "언급했", "평가했", "약속했", "소감을", "다짐했", "주문했", "말했다", "했다")

EN_SAY = ("said", "says", "added", "noted", "stressed", "emphasized", "emphasised", "remarked", "stated", "explained", "told")

# role by the verb a participant's sentence uses
ROLE_BY_VERB = (
    ("주재", "chair"), ("좌장", "chair"), ("사회", "chair"), ("기조강연", "speaker"), ("강연", "speaker"), ("축사", "speaker"),
    ("환영사", "speaker"), ("개회사", "speaker"), ("인사말", "speaker"), ("발표", "presenter"), ("피칭", "presenter"),
    ("시연", "presenter"), ("서명", "signatory"), ("체결", "signatory"), ("출품", "exhibitor"), ("전시", "exhibitor"),
    ("패널", "panelist"), ("토론", "panelist"), ("심사", "judge"), ("참석", "attendee"), ("참여", "attendee"),
    ("참가", "attendee"),
)
EN_ROLE_BY_VERB = (
    ("chair", "chair"), ("keynote", "speaker"), ("spoke", "speaker"), ("speech", "speaker"), ("present", "presenter"),
    ("pitch", "presenter"), ("sign", "signatory"), ("exhibit", "exhibitor"), ("panel", "panelist"), ("attend", "attendee"),
    ("particip", "attendee"), ("join", "attendee"),
)

# generic words that are never entity names by themselves
KO_GENERIC = frozenset(
    """
    정부 업계 관계부처 관계 부처 국내 기업 기업들 대기업 중소기업 스타트업 국내기업 해외 글로벌 우리 당국 기관 학계 연구계 산업계 관계자 참석자 전문가 업체
    이번 이날 당시 신임 행사 본 해당 양 양국 양사 양 기관 각 부처 정책 산업 사업 지역 지방 중앙 시장 세계 전국 현장 한국형 메타버스 인공지능 디지털 위원회 협회 재단
    """.split()
)

HANGUL = r"\uac00-\ud7a3"
RE_HANGUL = re.compile(f"[{HANGUL}]")
