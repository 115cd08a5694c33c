"""Closed word lists for general Korean NER (extract/ner.py): role words around
person names, head nouns of organisation and place names, given-name syllables.
General Korean vocabulary only, no names of particular people or bodies."""
from __future__ import annotations

# --- persons ----------------------------------------------------------------------
# words written right after a person's name ("김연아 선수", "이현도 씨", "치프라스 총리")
PERSON_AFTER = frozenset(
    """
    씨 군 양 옹 여사 님 선생 선생님 선수 감독 코치 주장 구단주 배우 가수 작가 시인 화가 기자 앵커 아나운서 캐스터 해설위원
    대통령 전대통령 부통령 총리 수상 국왕 여왕 왕자 공주 황제 교황 추기경 주교 신부 목사 스님 원로신부
    의원 국회의원 당선인 당선자 후보 예비후보 대표 최고위원 원내대표 대변인 위원장 위원 장관 차관 청장 처장 국장 과장 실장 차장
    비서관 비서실장 수석 특보 대사 총영사 영사 주지사 지사 도지사 시장 군수 구청장 교육감 총장 학장 교수 박사 연구원 연구위원
    회장 부회장 사장 부사장 전무 상무 이사 이사장 대표이사 고문 의장 부의장 사무총장 총재 부총재 창업자 최고경영자 CEO
    판사 부장판사 재판장 대법관 헌법재판관 검사 부장검사 검사장 검찰총장 변호사 경위 경사 경장 순경 경감 경정 총경 경무관
    대위 중위 소위 대령 중령 소령 준장 소장 중장 대장 병장 상병 일병 이병 하사 중사 상사 원사 준위 사령관 참모총장
    할머니 할아버지 어머니 아버지 부인 남편 아내 여사 모친 부친 형 누나 언니 오빠 동생 딸 아들 씨와
    9단 8단 7단 6단 5단 4단 3단 2단 1단 초단 명예교수 석좌교수 원장 소장 단장 센터장 관장
    매니저 PD 프로듀서 디자이너 셰프 요리사 의사 간호사 변리사 회계사 교사 강사 평론가 칼럼니스트 소설가 작곡가 작사가
    보컬 래퍼 MC 엠씨 개그맨 개그우먼 방송인 코미디언 피아니스트 바이올리니스트 지휘자
    주석 국가주석 총서기 당서기 서기장 최고지도자 왕세자 왕세손 총통 상원의원 하원의원 외교부장 외무상 재무상 방위상 지검장 고검장 지청장 부장검사
    """.split()
)
# role words that are also common nouns ("메타버스 시장", "AI 모델"): after a
# name only when the name has the shape of a Korean personal name
AMBIGUOUS_AFTER = frozenset("시장 모델 대표 위원 감사 이사 고문 수석 주장 회원 의장 멤버 리더 총괄 책임 매니저 파트너 디렉터 원장 소장 단장".split())
# words written right before a person's name ("배우 송혜교", "남편 기성용")
PERSON_BEFORE = frozenset(
    """
    배우 가수 모델 개그맨 개그우먼 방송인 코미디언 아나운서 앵커 기자 작가 시인 소설가 화가 감독 선수 코치 래퍼 MC 엠씨
    피아니스트 바이올리니스트 지휘자 작곡가 작사가 프로듀서 디자이너 셰프 평론가 칼럼니스트 유튜버 크리에이터 BJ
    부인 남편 아내 딸 아들 장남 차남 삼남 장녀 차녀 막내 어머니 아버지 모친 부친 조카 손자 손녀 동생 형 누나 언니 오빠 애인 연인
    故 고 선배 후배 동료 팬 피고인 피의자 용의자 희생자 피해자
    걸그룹 보이그룹 아이돌 그룹 듀오 밴드 가수겸 겸 신예 배우겸 연기자 탤런트 성우
    """.split()
)
# of those, the ones that only make sense for a group of performers (the name is
# still annotated as a person, as news NER corpora do for acts)
PERSON_GROUP_BEFORE = frozenset("걸그룹 보이그룹 아이돌 그룹 듀오 밴드".split())

# common syllables of Korean given names (statistics of resident registrations);
# a Hangul word "surname + one or two of these" reads as a person's name
GIVEN_SYLLABLES = frozenset(
    "가 각 간 갑 강 건 걸 검 겸 경 계 고 곤 공 관 광 교 구 국 군 권 규 균 근 금 기 길 나 남 낙 난 내 녀 년 노 누 늘 다 단 달 담 당 대 덕 도 돈 동 두 득 라 란 람 래 랑 량 려 련 렬 령 례 로 록 론 뢰 룡 루 류 륜 률 름 리 린 림 립 "
    "마 만 말 매 맹 면 명 모 목 몽 묘 무 묵 문 미 민 밀 바 박 반 발 방 배 백 범 법 벽 변 별 병 보 복 본 봉 부 분 비 빈 빛 사 산 삼 상 새 생 서 석 선 설 섭 성 세 소 솔 송 수 숙 순 술 숭 슬 승 시 식 신 실 심 아 안 애 야 양 어 언 엄 업 "
    "여 연 열 염 엽 영 예 오 옥 온 완 왕 요 용 우 운 울 웅 원 월 위 유 윤 율 융 은 을 음 응 의 이 익 인 일 임 자 작 잠 장 재 저 적 전 점 정 제 조 종 주 준 중 즙 증 지 직 진 질 집 찬 찰 창 채 처 천 철 첨 청 체 초 촌 총 추 춘 출 충 "
    "치 칠 탁 탄 태 택 토 통 판 팔 평 포 표 품 풍 필 하 학 한 함 항 해 핵 행 향 허 헌 혁 현 혈 협 형 혜 호 홍 화 환 활 황 회 효 후 훈 휘 휴 흠 흥 희 힘 솜 슬 예 린 율 윤 아 은 하 서 채 다 나 라 빈 별 솔 결"
    .split()
)

# final syllables of place and thing names (연평도, 서초동, 천안함, 임진각): a
# three-syllable proper noun ending in one is a person only with context
NON_NAME_FINALS = frozenset("도 동 구 군 시 읍 면 리 로 길 산 강 천 섬 교 사 각 파 당 대 관 역 항 함 단 청 처 회 소 점 층 계 궁 탑 본".split())

# kinds of organisation written before a name ("기업 누리버스", "일간지 데일리메일")
ORG_BEFORE: dict[str, str] = {
    "기업": "company", "업체": "company", "회사": "company", "스타트업": "company", "벤처": "company", "제조사": "company",
    "제약사": "company", "브랜드": "company", "자회사": "company", "계열사": "company", "투자사": "company", "운용사": "company",
    "기획사": "company", "소속사": "company", "구단": "other", "프로구단": "other", "단체": "association", "시민단체": "association",
    "기관": "public_agency", "언론": "media", "매체": "media", "일간지": "media", "일간": "media", "주간지": "media",
    "방송사": "media", "통신사": "media", "외신": "media", "신문": "media", "정당": "other", "야당": "other", "여당": "other",
    "법무법인": "company", "출판사": "company", "도서출판": "company", "제작사": "company", "배급사": "company",
    "매거진": "media", "잡지": "media", "학술지": "media",
}
# kinds that also end longer words naming the same kind ("여론조사 전문회사", "결혼정보회사",
# "인터넷신문", "국제학술지"); the others only as whole words
ORG_BEFORE_AS_SUFFIX = frozenset(
    "기업 업체 회사 제조사 제약사 자회사 투자사 운용사 기획사 소속사 단체 기관 일간지 주간지 방송사 통신사 신문 "
    "출판사 제작사 배급사 매거진 잡지 학술지".split()
)

# loanword common nouns that look transliterated but are no part of a name
LOANWORD_NOUNS = frozenset(
    """
    멤버 게스트 스타 브랜드 바이러스 라이브러리 인터뷰 라이센스 라이선스 카지노 클럽 밴드 그룹 리그 시즌 스트라이크 홈런
    스페셜 프리미엄 팩 스패셜 인터넷판 센터 타워 빌딩 호텔 아파트 프로그램 디바이스 플랫폼 서비스 시스템 프로젝트 콘텐츠
    이벤트 파티 콘서트 투어 앨범 드라마 시리즈 에피소드 캐릭터 모델 디자인 스타일 패션 뷰티 브랜드 마케팅 비즈니스
    네트워크 데이터 소프트웨어 하드웨어 테스트 리포트 뉴스 미디어 스포츠 게임 레저 카페 레스토랑 메뉴 세트 케이크
    허리케인 태풍 다이아몬드 핑크 블루 레드 블랙 화이트 골드 실버 스마트 디지털 모바일 온라인 오프라인 글로벌
    """.split()
)

# particles after a spaced foreign full name ("구스타보 알베르토 바스케스는")
FOREIGN_NAME_PARTICLES = frozenset("은 는 이 가 의 께서 와 과 에게 을 를 도".split())

# particles after which an unknown proper noun is read as a person
PERSON_PARTICLES = frozenset("은 는 의 께서".split())

# --- organisations ------------------------------------------------------------------
# head nouns that end an organisation name, with a category (longest first is
# handled by the caller); the part before must be a proper noun (or a compound
# of several nouns for the strong heads)
ORG_HEADS: tuple[tuple[str, str], ...] = (
    ("경찰서", "government"), ("경찰청", "government"), ("경찰국", "government"), ("지방경찰청", "government"),
    ("검찰청", "government"), ("지방검찰청", "government"), ("지검", "government"), ("고검", "government"),
    ("지법", "government"), ("고법", "government"), ("지방법원", "government"), ("고등법원", "government"),
    ("행정법원", "government"), ("가정법원", "government"), ("법원", "government"), ("소방서", "government"),
    ("소방본부", "government"), ("교육청", "government"), ("구청", "government"), ("시청", "government"),
    ("군청", "government"), ("도청", "government"), ("의회", "government"), ("시의회", "government"),
    ("위원회", "government"), ("대책위", "association"), ("비대위", "association"), ("특위", "government"),
    ("위", "government"), ("사령부", "government"), ("사단", "government"), ("부대", "government"), ("함대", "government"),
    ("공단", "public_agency"), ("공사", "public_agency"), ("진흥원", "public_agency"), ("거래소", "public_agency"),
    ("재단", "association"), ("복지재단", "association"), ("협회", "association"), ("연합회", "association"),
    ("협의회", "association"), ("노조", "association"), ("노동조합", "association"), ("조합", "association"),
    ("연맹", "association"), ("연대", "association"), ("학회", "association"), ("단체", "association"),
    ("본부", "other"), ("사제단", "association"), ("교구", "other"), ("교회", "other"), ("성당", "other"),
    ("당", "association"), ("정당", "association"),
    ("대학교", "academia"), ("대학원", "academia"), ("대학", "academia"), ("대", "academia"), ("고등학교", "academia"),
    ("중학교", "academia"), ("초등학교", "academia"), ("고교", "academia"), ("여고", "academia"), ("여중", "academia"),
    ("연구소", "research"), ("연구원", "research"), ("연구센터", "research"),
    ("병원", "other"), ("의료원", "other"), ("대병원", "other"),
    ("그룹", "company"), ("은행", "company"), ("증권", "company"), ("생명", "company"), ("화재", "company"),
    ("카드", "company"), ("캐피탈", "company"), ("저축은행", "company"), ("전자", "company"), ("건설", "company"),
    ("제약", "company"), ("항공", "company"), ("자동차", "company"), ("중공업", "company"), ("물산", "company"),
    ("상사", "company"), ("통신", "media"), ("텔레콤", "company"), ("엔터테인먼트", "company"), ("엔터", "company"),
    ("기획사", "company"), ("백화점", "company"), ("마트", "company"), ("컴퍼니", "company"), ("코리아", "company"),
    ("신문", "media"), ("일보", "media"), ("신보", "media"), ("방송", "media"), ("뉴스", "media"), ("통신사", "media"),
    ("타임스", "media"), ("타임즈", "media"), ("포스트", "media"), ("저널", "media"), ("TV", "media"), ("티비", "media"),
    ("정부", "government"), ("행정부", "government"), ("경찰", "government"), ("군", "government"), ("대사관", "government"),
    ("영사관", "government"), ("총영사관", "government"), ("구조대", "government"), ("학원", "company"), ("어학원", "company"),
    ("중앙회", "association"), ("기자단", "association"), ("유족회", "association"),
    ("FC", "other"), ("구단", "other"), ("유나이티드", "other"), ("시티", "other"), ("대표팀", "other"), ("팀", "other"),
    # companies by their trade, outlets, and the plural nicknames that end the names of
    # Korean and Japanese professional teams ("롯데 자이언츠", "삼성 라이온즈")
    ("실업", "company"), ("제분", "company"), ("유업", "company"), ("식품", "company"), ("제과", "company"), ("홈쇼핑", "company"),
    ("시네마", "company"), ("캐피털", "company"), ("이노베이션", "company"), ("투자증권", "company"), ("해운", "company"),
    ("조선", "company"), ("통제소", "government"), ("관리소", "government"), ("사업소", "government"), ("출장소", "government"),
    ("연합", "association"), ("적십자사", "association"), ("의사회", "association"), ("약사회", "association"), ("변호사회", "association"),
    ("닷컴", "media"), ("온라인", "media"), ("데일리", "media"), ("매거진", "media"),
    ("자이언츠", "other"), ("라이온스", "other"), ("타이거즈", "other"), ("베어스", "other"), ("이글스", "other"),
    ("트윈스", "other"), ("위즈", "other"), ("다이노스", "other"), ("히어로즈", "other"), ("와이번스", "other"),
    ("랜더스", "other"), ("마린스", "other"), ("파이터스", "other"), ("스왈로스", "other"), ("버펄로스", "other"),
    ("호크스", "other"), ("원더스", "other"), ("점퍼스", "other"), ("썬더스", "other"), ("스틸러스", "other"),
    ("드래곤즈", "other"),
)
# all-capitals words that are technical or common terms, not organisations
ACRONYM_STOP = frozenset(
    """
    AI XR VR AR MR IT ICT GPU CPU NPU CEO CTO CFO COO CMO CSO CIO PD MC DJ VJ BJ SNS TV PC DNA RNA GDP GNP LED OLED LCD
    USB API SW HW UX UI SDK NFT DX OTT KPI ESG RD IPO ETF FTA VIP ATM MRI CT PCR QR ID PIN OS APP SUV EV CCTV GPS LTE
    NO OK PR HR QA IR TF KTX SRT OST MV CF PPL VOD HD UHD IQ EQ PM AM CO2 ADHD PTSD SF FA MVP GK FW DF MF VAR
    IP ALS DMZ NLL NGO CPI PPI WTI PER ROE EPS BTS IOT SOC EUV DRAM NAND SSD HBM LNG LPG CNG UAM AIDS HIV SARS MERS ICBM SLBM THAAD
    AS BC AD KO TKO ERA OPS WHIP OB YB CD DVD MP3 PDF URL WWW HTML SMS MMS RPG FPS MMORPG
    """.split()
)
# particles after an all-capitals word that make it an organisation ("KBS는")
ACRONYM_PARTICLES = frozenset("은 는 이 가 의 와 과 에 에서 에게 을 를 도 측 께서 로부터".split())
# words after an all-capitals word naming the kind of organisation ("NBC 방송")
ACRONYM_HEADS: dict[str, str] = {
    "방송": "media", "방송사": "media", "통신": "media", "통신사": "media", "신문": "media", "측": "other",
    "본부": "other", "대변인": "other", "회장": "company", "사장": "company", "대표": "company", "대표이사": "company",
}

# heads that make a name even after common nouns ("건강보험공단", "전력거래소")
STRONG_ORG_HEADS = frozenset(
    "경찰서 경찰청 경찰국 지방경찰청 검찰청 지방검찰청 지검 고검 지법 고법 지방법원 고등법원 행정법원 가정법원 소방서 소방본부 "
    "교육청 위원회 대책위 비대위 특위 공단 공사 진흥원 거래소 협회 연합회 협의회 노조 노동조합 연맹 학회 사제단 대학교 연구소 "
    "사령부 은행 저축은행 복지재단 재단 대표팀 의료원 신문 일보 방송".split()
)
# institutions news text names by their common noun
GENERIC_ORGS: dict[str, str] = {
    "경찰": "government", "검찰": "government", "해경": "government", "대검": "government", "중수부": "government",
    "재판부": "government", "소방당국": "government", "보건당국": "government", "방역당국": "government",
    "금융당국": "government", "교육당국": "government", "외교당국": "government", "사법당국": "government",
    "경찰당국": "government", "군당국": "government",
}

# --- places --------------------------------------------------------------------------
# head nouns that end a place name: a proper noun + one of these is a place
PLACE_HEADS: tuple[str, ...] = (
    "특별시", "광역시", "특별자치시", "특별자치도", "시", "도", "군", "구", "읍", "면", "동", "리", "로", "길", "주", "성", "현",
    "섬", "산", "강", "천", "해", "항", "포구", "역", "공항", "국제공항", "광장", "공원", "해수욕장", "해변", "거리", "마을",
    "궁", "궁궐", "사찰", "타워", "빌딩", "경기장", "체육관", "운동장", "구장", "돔", "극장", "아트홀", "홀", "호텔", "리조트",
    "대교", "다리", "터널", "분기점", "나들목", "톨게이트", "해협", "반도", "제도", "열도", "계곡", "폭포", "봉",
    "고개", "평야", "사막", "호수", "저수지", "댐", "지구", "단지", "전통시장", "기념관", "박물관", "미술관", "도서관",
    "아파트", "캠퍼스", "청사", "휴게소", "해안", "연안", "특구", "신도시", "국립공원", "현충원",
    "묘역", "묘지", "성당", "사원", "신사", "광산", "기지", "항구", "부두", "터미널", "정류장", "온천", "해역", "수역", "궁전",
)
# heads that are whole words of their own ("타흐리르 광장", "산티아고 국제공항")
PLACE_HEAD_WORDS = frozenset(
    "공항 국제공항 광장 공원 해수욕장 거리 마을 궁 궁궐 타워 빌딩 경기장 체육관 운동장 구장 극장 아트홀 호텔 리조트 대교 터널 "
    "분기점 나들목 해협 반도 계곡 폭포 호수 저수지 기념관 박물관 미술관 도서관 캠퍼스 휴게소 해안 국립공원 현충원 "
    "신사 기지 항구 터미널 역 섬 산 강 성당 사원 궁전 전통시장".split()
)
# administrative units whose one-syllable suffix kiwi keeps inside one
# proper-noun token ("서초동", "영북면"); other one-syllable heads need kiwi to
# split them off
ADMIN_HEADS = frozenset("구 군 동 읍 면 리".split())
# single-syllable administrative suffixes need a proper-noun stem of two or more
# syllables ("수원시", "팔달구"), and these common words are not places
PLACE_SHORT_HEADS = frozenset("시 도 군 구 읍 면 동 리 로 길 주 성 현 섬 산 강 천 호 만 해 항 역 궁 사 봉".split())

# --- countries standing for their team ---------------------------------
# a sentence about a match: a score, or words only sports reports use
SPORTS_CUES = (
    r"\d+\s?[-:대]\s?\d+\s?(?:로|으로|의|을|를|\(|,|$|\s?(?:승|패|무|리드|동점|완승|완패|승리|패배))"
    r"|승점|골득실|무승부|득점|실점|동점골|결승골|선제골|역전골|만회골|연속골|결승전|준결승|평가전|친선경기|친선전|"
    r"조별리그|예선|본선|월드컵|올림픽|아시안게임|대표팀|\d+강|경기에서|원정경기|홈경기|전반|후반"
)
# what follows the country's name when it is a side: a case particle or "전" (a match against it)
SIDE_PARTICLES = frozenset("은|는|이|가|을|를|와|과|에|에게|의|도|만|까지|전|전에서|전을|전은|전이|전의".split("|"))
SIDE_WORDS_AFTER = frozenset("전 대표팀 선수단".split())

# --- states -----------------------------------------------------------------------
# one-syllable abbreviations of countries in news compounds ("한미 정상회담",
# "남북 관계", "한·일 대회", "북측"): the states as parties, so organisations
STATE_ABBREVIATIONS = {
    "한": "한국", "남": "한국", "북": "북한", "미": "미국", "중": "중국", "일": "일본", "러": "러시아",
    "영": "영국", "독": "독일", "불": "프랑스", "韓": "한국", "北": "북한", "美": "미국", "中": "중국", "日": "일본",
}
# what such a compound is about: relations between the parties
STATE_RELATION_NOUNS = (
    "관계 정상 회담 당국 양국 양측 간 동맹 공조 합동 연합 외교 갈등 대화 협력 3국 4국 6자 "
    "자유무역 FTA 군사 교류 경협 협상 통일 대회 합의 공동 국방 무역 통상 분쟁 협정 조약 수교 "
    "접촉 실무 적십자 고위급 장관급 차관급 국경 해군 공군 육군 군 관계자 화해 긴장 대치"
).split()

# social and video platforms: named as the medium of a post they are services, not companies
PLATFORMS = frozenset(
    "페이스북 트위터 인스타그램 유튜브 웨이보 위챗 틱톡 카카오톡 카카오스토리 텔레그램 스냅챗 링크드인 레딧 스레드 "
    "Facebook Twitter Instagram YouTube Weibo WeChat TikTok KakaoTalk Telegram Snapchat LinkedIn Reddit Threads".split()
)
