"""Extraction rules as tables of Korean and English cases (sentences written
for these tests), spaCy style: each row is one behaviour."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from policygraph.extract import extract
from policygraph.models import Article

KST = timezone(timedelta(hours=9))


def run(text: str, lang: str = "ko", published: str = "2024-05-21T10:00:00"):
    art = Article(id="t", source="t.txt", title="", text=text, lang=lang,
                  published=datetime.fromisoformat(published).replace(tzinfo=KST))
    ex = extract(art)
    for e in ex.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text  # offsets index the text
    return ex


def names(ex, etype):
    return {e.name for e in ex.entities if e.type == etype}


def positions(ex):
    by_id = {e.id: e for e in ex.entities}
    return {(by_id[r.source].name, by_id[r.target].name, r.properties.get("title"))
            for r in ex.relations if r.type == "HOLDS_POSITION"}


@pytest.mark.parametrize(
    "text, person, org, title",
    [
        ("이종호 과학기술정보통신부 장관은 말했다.", "이종호", "과학기술정보통신부", "장관"),
        ("과기정통부 박윤규 제2차관은 현장을 찾았다.", "박윤규", "과학기술정보통신부", "제2차관"),
        ("마이크로소프트(MS) 권오성 상무는 발표했다.", "권오성", "마이크로소프트", "상무"),
        ("디오비스튜디오의 오제욱 대표는 사례를 공유했다.", "오제욱", "디오비스튜디오", "대표"),
        ("산업통상자원부(장관 이창양, 이하 산업부)는 밝혔다.", "이창양", "산업통상자원부", "장관"),
        ("LG전자 마정은 연구위원 등이 참여했다.", "마정은", "LG전자", "연구위원"),
        ("노태민 서울시 경제실장은 말했다.", "노태민", "서울특별시", "경제실장"),
        ("마크 엘리슨 구글 글로벌 스타트업 프로그램 총괄은 평가했다.", "마크 엘리슨", "구글", "글로벌 스타트업 프로그램 총괄"),
        ("하이퍼노바AI 김지훈 대표는 말했다.", "김지훈", "하이퍼노바AI", "대표"),
    ],
)
def test_korean_name_title_orders(text, person, org, title):
    assert (person, org, title) in positions(run(text))


@pytest.mark.parametrize(
    "text, absent",
    [
        ("해외 국가별 시장 및 법·제도 정보를 공유했다.", "국가별"),
        ("XR 기기 핵심부품의 국내 공급망을 만든다.", "기기"),
        ("김철수 민주당 대변인은 말했다.", "김철수 민주당"),
    ],
)
def test_korean_words_that_are_not_people(text, absent):
    assert absent not in names(run(text), "Person")


def test_korean_abbreviations_and_short_mentions_join_their_entity():
    ex = run("과학기술정보통신부(과기정통부)는 19일 밝혔다. 과기정통부 박윤규 2차관은 “지원하겠다”고 말했다. 박 차관은 또 현장을 찾았다.")
    msit = next(e for e in ex.entities if e.name == "과학기술정보통신부")
    assert [m.text for m in msit.mentions].count("과기정통부") == 2
    park = next(e for e in ex.entities if e.name == "박윤규")
    assert "박 차관" in [m.text for m in park.mentions]
    said = [r for r in ex.relations if r.type == "SAID"]
    assert said and said[0].source == park.id and said[0].properties.get("verb") == "말했"


@pytest.mark.parametrize(
    "text, event, date",
    [
        ("과기정통부는 19일 ‘제4차 디지털 국정과제 현장 간담회(시즌2)’를 개최했다.", "제4차 디지털 국정과제 현장 간담회(시즌2)", "2024-05-19"),
        ("지난 9월 미국 실리콘밸리에서 열린 ‘2023 K메타버스 부스트 위크’에 참여했다.", "2023 K메타버스 부스트 위크", "2023-09"),
        ("협회는 오는 10월 17~19일 서울 코엑스에서 ‘K-XR 디바이스 포럼 2024’를 연다.", "K-XR 디바이스 포럼 2024", "2024-10-17"),
        ("이날 서울 코엑스에서 ‘2024 디지털 트윈 얼라이언스 포럼’이 열렸다.", "2024 디지털 트윈 얼라이언스 포럼", "2024-05-21"),
        ("이번 간담회는 지난달 열린 ‘제1차 디지털 국정과제 현장 간담회’에 이어 마련됐다.", "제1차 디지털 국정과제 현장 간담회", "2024-04"),
    ],
)
def test_korean_events_and_relative_dates(text, event, date):
    ex = run(text)
    ev = next(e for e in ex.entities if e.type == "Event")
    assert ev.name == event
    assert ev.properties["start_date"] == date


def test_korean_event_relations():
    ex = run(
        "과학기술정보통신부는 21일 서울 코엑스에서 한국지능정보사회진흥원(NIA)과 공동으로 ‘2024 디지털 트윈 얼라이언스 포럼’을 개최했다. "
        "이날 포럼에는 트윈웍스, 어반루프 등 디지털 트윈 기업 30개사가 참여했다. 엔비디아 정서윤 상무가 기조강연을 했다."
    )
    by_id = {e.id: e for e in ex.entities}
    rels = {(r.type, by_id[r.source].name, by_id[r.target].name) for r in ex.relations}
    forum = "2024 디지털 트윈 얼라이언스 포럼"
    assert ("ORGANIZED", "과학기술정보통신부", forum) in rels
    assert ("ORGANIZED", "한국지능정보사회진흥원", forum) in rels
    assert ("HELD_AT", forum, "코엑스") in rels
    assert ("PARTICIPATED_IN", "트윈웍스", forum) in rels and ("PARTICIPATED_IN", "어반루프", forum) in rels
    assert ("PARTICIPATED_IN", "정서윤", forum) in rels
    assert ("LOCATED_IN", "코엑스", "서울") in rels
    role = next(r.properties["role"] for r in ex.relations if r.type == "PARTICIPATED_IN" and by_id[r.source].name == "정서윤")
    assert role == "speaker"
    assert ("PARTICIPATED_IN", "과학기술정보통신부", forum) not in rels  # the organiser is no participant


def test_korean_company_and_its_subsidiary_stay_two():
    ex = run("한국마이크로소프트 최서진 전무는 마이크로소프트의 클라우드를 소개했다.")
    assert {"한국마이크로소프트", "마이크로소프트"} <= names(ex, "Organization")


@pytest.mark.parametrize(
    "text, person, org, title",
    [
        ("Second Vice Minister Park Yoon-kyu attended the ceremony.", "Park Yoon-kyu", None, "Second Vice Minister"),
        ("The Ministry of Science and ICT (MSIT, Minister Lee Jong-ho) opened the event.", "Lee Jong-ho", "과학기술정보통신부", "Minister"),
        ("Choi Seo-jin, Managing Director of Microsoft Korea, signed the agreement.", "Choi Seo-jin", "한국마이크로소프트", "Managing Director"),
        ("Professor Jang Hyun-seok of Stanford University spoke.", "Jang Hyun-seok", "스탠퍼드대학교", "Professor"),
        ("Kim Ji-hoon, head of the metaverse industry team at NIPA, said the program works.", "Kim Ji-hoon", "정보통신산업진흥원", "head of the metaverse industry team"),
    ],
)
def test_english_titles(text, person, org, title):
    ex = run(text, "en")
    assert person in names(ex, "Person")
    if org:
        assert (person, org, title) in positions(ex)


def test_english_event_hosts_venue_and_date():
    ex = run(
        "The Ministry of Science and ICT (MSIT) and the National IT Industry Promotion Agency (NIPA) opened the "
        "'2023 K-Metaverse Boost Week' in Silicon Valley, United States, on September 12. "
        "Startups met investors including Google and HP.",
        "en", "2023-09-13T09:00:00",
    )
    by_id = {e.id: e for e in ex.entities}
    ev = next(e for e in ex.entities if e.type == "Event")
    assert ev.name == "2023 K-Metaverse Boost Week" and ev.properties["start_date"] == "2023-09-12"
    rels = {(r.type, by_id[r.source].name, by_id[r.target].name) for r in ex.relations}
    assert ("ORGANIZED", "과학기술정보통신부", ev.name) in rels
    assert ("ORGANIZED", "정보통신산업진흥원", ev.name) in rels
    assert ("HELD_AT", ev.name, "실리콘밸리") in rels


def test_the_minister_refers_to_the_one_minister():
    ex = run('Minister Lee Jong-ho of the Ministry of Science and ICT opened the forum. "We will help," the minister said.', "en")
    lee = next(e for e in ex.entities if e.type == "Person")
    assert "the minister" in [m.text for m in lee.mentions]
    assert any(r.type == "SAID" and r.source == lee.id for r in ex.relations)


def test_korean_list_of_people_with_titles_and_held_names():
    ex = run(
        "포럼에는 김완섭 환경부 장관을 비롯해 한국환경산업기술원 이석준 원장, 기후테크 스타트업 에코루프 한서진 대표 등이 참석했다. "
        "한편 환경부는 다음 달 코엑스에서 열리는 ‘컴업(COMEUP) 2024’에 참가한다."
    )
    pos = positions(ex)
    assert ("이석준", "한국환경산업기술원", "원장") in pos
    assert ("한서진", "에코루프", "대표") in pos
    assert "기후테크" not in names(ex, "Organization")  # a field, not a company
    ev = next(e for e in ex.entities if e.type == "Event")
    assert ev.name == "컴업(COMEUP) 2024" and "COMEUP 2024" in ev.aliases
    assert ev.properties["start_date"] == "2024-06"


def test_english_long_names_of_known_abbreviations_and_held_names():
    ex = run(
        "The ceremony was attended by Minister Oh Young-ju, Ham Ki-ho, CEO of AWS Korea, and Kim Yong-moon, President of the "
        "Korea Institute of Startup and Entrepreneurship Development (KISED). The startups will present at COMEUP 2024, "
        "which will be held at COEX from December 10 to 12.",
        "en", "2024-11-14T09:00:00",
    )
    pos = positions(ex)
    assert ("Kim Yong-moon", "창업진흥원", "President") in pos
    assert ("Ham Ki-ho", "AWS코리아", "CEO") in pos or any(p[0] == "Ham Ki-ho" and p[2] == "CEO" for p in pos)
    assert not any(p[0] == "Kim Yong-moon" and p[2] == "CEO" for p in pos)
    ev = next(e for e in ex.entities if e.type == "Event")
    assert ev.name == "COMEUP 2024"
    assert (ev.properties["start_date"], ev.properties["end_date"]) == ("2024-12-10", "2024-12-12")


def test_english_unnamed_ceremony_is_not_a_later_named_event():
    ex = run(
        "The Ministry of SMEs and Startups (MSS) signed a memorandum of understanding with Amazon Web Services (AWS) on Wednesday. "
        "The signing ceremony took place at the COEX in Seoul and was attended by Minister Oh Young-ju. "
        "The first cohort will present their services at COMEUP 2024, which will be held at COEX from December 10 to 12.",
        "en", "2024-11-14T09:00:00",
    )
    assert not any(r.type == "PARTICIPATED_IN" and r.source.startswith("person:") for r in ex.relations)


def test_english_co_hosts_after_together_with():
    ex = run(
        "The Ministry of Land, Infrastructure and Transport (MOLIT) held the '2024 Smart City Forum' at BEXCO in Busan on July 3, "
        "together with the Korea Land and Housing Corporation (LH) and the Busan Metropolitan City.",
        "en", "2024-07-03T09:00:00",
    )
    by_id = {e.id: e for e in ex.entities}
    hosts = {by_id[r.source].name for r in ex.relations if r.type == "ORGANIZED"}
    assert {"국토교통부", "한국토지주택공사", "부산광역시"} <= hosts
    held = {(by_id[r.source].name, by_id[r.target].name) for r in ex.relations if r.type in ("HELD_AT", "LOCATED_IN")}
    assert ("2024 Smart City Forum", "벡스코") in held and ("벡스코", "부산") in held


# --------------------------------------------------------------------------
# English on real-page forms (written cases)


def _rels(ex, rtype):
    by_id = {e.id: e for e in ex.entities}
    return {(by_id[r.source].name, by_id[r.target].name, r.properties.get("title")) for r in ex.relations if r.type == rtype}


def test_english_foreign_ministries_and_possessive_titles():
    ex = run(
        "Tomasz Zielinski, Poland's Deputy Minister of Climate and Environment, told the forum that permits would be faster. "
        "Siri Nakamura Holm, the World Bank's Director for Energy, said the bank would help. "
        "Budi Santoso, vice minister at Indonesia's Ministry of Energy, also spoke. "
        "Aziz Karimov Yusupovich, Minister of Mining and Geology of Uzbekistan, attended the talks.",
        "en", "2025-03-04T09:00:00",
    )
    people = names(ex, "Person")
    assert {"Tomasz Zielinski", "Siri Nakamura Holm", "Budi Santoso", "Aziz Karimov Yusupovich"} <= people
    assert "Nakamura Holm" not in people and "Karimov Yusupovich" not in people  # no piece of a longer name
    held = {(p, o) for p, o, _ in _rels(ex, "HOLDS_POSITION")}
    assert ("Tomasz Zielinski", "Poland's Ministry of Climate and Environment") in held
    assert ("Budi Santoso", "Indonesia's Ministry of Energy") in held
    assert ("Aziz Karimov Yusupovich", "Uzbekistan's Ministry of Mining and Geology") in held
    assert any(p == "Siri Nakamura Holm" and "World Bank" in (o + str(t)) or p == "Siri Nakamura Holm" and o == "세계은행" for p, o, t in _rels(ex, "HOLDS_POSITION"))
    # a foreign ministry is never the Korean ministry of a similar name
    assert not any(o in ("산업통상자원부", "기획재정부") for _, o in held)


def test_english_organisations_taking_part_as_subjects_and_the_main_event():
    ex = run(
        "Trade Minister Han Seo-jun opened the 2025 Busan Chip Expo at BEXCO on Tuesday. "
        "Samsung Electronics and SK hynix showcased new memory lines at the expo, while Lumora Robotics, which builds wafer handlers, "
        "took part in a panel. The two-day expo drew 200 companies.",
        "en", "2025-03-04T09:00:00",
    )
    parts = {p for p, e, _ in _rels(ex, "PARTICIPATED_IN") if e == "2025 Busan Chip Expo"}
    assert {"삼성전자", "SK하이닉스"} <= parts or {"Samsung Electronics", "SK hynix"} <= parts or len(parts & {"삼성전자", "Samsung Electronics"}) == 1
    by_name = {e.name: e for e in ex.entities}
    assert by_name["2025 Busan Chip Expo"].properties.get("start_date") == "2025-03-04"


def test_english_titles_of_unknown_and_nested_bodies():
    ex = run(
        "Park Min-seo, CEO of Lumora Robotics, showed a wafer handler. "
        "Choi Dong-hun, chairman and president of the Korea Development Bank, said the bank would lend more. "
        "Seo Ha-eun, director general of the Tokyo Trade Center of KOTRA, told reporters that talks went well.",
        "en", "2025-03-04T09:00:00",
    )
    held = _rels(ex, "HOLDS_POSITION")
    assert ("Park Min-seo", "Lumora Robotics", "CEO") in held
    assert any(p == "Choi Dong-hun" and t == "chairman and president" for p, _, t in held)
    assert any(p == "Seo Ha-eun" and o == "대한무역투자진흥공사" and t.startswith("director general") for p, o, t in held)


def test_english_venues_unknown_to_the_gazetteer():
    ex = run(
        "The Ministry of Economy and Finance held the 2025 Green Finance Forum at the Radisson Blu Oslo on Tuesday. "
        "A signing followed at the Riverside International Convention Center in the afternoon.",
        "en", "2025-03-04T09:00:00",
    )
    places = names(ex, "Place")
    assert "Radisson Blu Oslo" in places and "Riverside International Convention Center" in places
    assert ("2025 Green Finance Forum", "Radisson Blu Oslo", None) in _rels(ex, "HELD_AT")


def test_korean_event_dates_from_context_and_the_month_in_force():
    ex = run(
        "해양수산부는 12월 3일부터 5일까지 부산 벡스코에서 ‘2024 해양 기술 주간’을 개최한다고 밝혔다. "
        "둘째 날인 4일에는 한국해양진흥공사가 주관하는 ‘해양 금융 라운드테이블’이 벡스코에서 열린다. "
        "이어 같은 장소에서 「해양 데이터 공유에 관한 업무협약」을 체결한다.",
        "ko", "2024-11-25T09:00:00",
    )
    by_name = {e.name: e for e in ex.entities if e.type == "Event"}
    assert by_name["2024 해양 기술 주간"].properties.get("start_date") == "2024-12-03"
    assert by_name["해양 금융 라운드테이블"].properties.get("start_date") == "2024-12-04"


def test_korean_signatories_take_part_and_an_unnamed_mou_is_no_event():
    ex = run(
        "해양수산부는 3일 부산 벡스코에서 ‘2024 해양 기술 포럼’을 개최했다. "
        "이어 한국해양진흥공사와 부산항만공사는 개막식 현장에서 「해양 데이터 공유에 관한 업무협약」을 맺고 공급 기반을 함께 마련하기로 했다. "
        "한빛랩은 한국해양진흥공사와 업무협약(MOU)을 맺었다.",
        "ko", "2024-12-03T09:00:00",
    )
    assert "업무협약(MOU)" not in names(ex, "Event")
    org = _rels(ex, "ORGANIZED")
    part = _rels(ex, "PARTICIPATED_IN")
    agreement = next(n for n in names(ex, "Event") if "해양 데이터 공유" in n)
    assert not any(e == agreement for _, e, _ in org)  # "마련하기로" hosts nothing
    assert {p for p, e, _ in part if e == agreement} >= {"한국해양진흥공사", "부산항만공사"}
    assert ("해양수산부", "2024 해양 기술 포럼", None) in org


def test_korean_running_a_booth_is_taking_part_not_hosting():
    ex = run(
        "중소벤처기업부는 22일 광주 김대중컨벤션센터에서 ‘2025 소상공인 금융 설명회’를 열었다. "
        "행사장 한편에서는 IBK기업은행과 광주신용보증재단이 현장 상담 부스를 운영했다.",
        "ko", "2025-01-22T09:00:00",
    )
    org = {(o, e) for o, e, _ in _rels(ex, "ORGANIZED")}
    assert ("중소벤처기업부", "2025 소상공인 금융 설명회") in org
    assert not any(o in ("IBK기업은행", "광주신용보증재단") for o, _ in org)
    part = {(o, e) for o, e, _ in _rels(ex, "PARTICIPATED_IN")}
    assert ("광주신용보증재단", "2025 소상공인 금융 설명회") in part


def test_korean_hotels_where_events_happen_are_venues():
    ex = run(
        "기획재정부는 15일부터 이틀간 서울 롯데호텔에서 ‘2025 개발협력 포럼’을 개최한다. "
        "이어 16일 하노이 그랜드 리버사이드 호텔에서 ‘한·베트남 개발협력 대화’가 열린다.",
        "ko", "2025-10-10T09:00:00",
    )
    places = names(ex, "Place")
    assert "롯데호텔 서울" in places  # the gazetteer's venue, not the hotel company
    assert "롯데호텔" not in names(ex, "Organization")
    assert any(p.startswith("그랜드 리버사이드 호텔") for p in places)
    assert not any("이틀간" in p for p in places)
    held = {(e, p) for e, p, _ in _rels(ex, "HELD_AT")}
    assert ("2025 개발협력 포럼", "롯데호텔 서울") in held


def test_english_titles_past_commas_led_by_their_body_and_never_a_list_of_people():
    ex = run(
        "Lena Hoffmann, Deputy Director for Trade, Investment and Innovation at the OECD, presented a report. "
        "Omar Haddad, UNDP Resident Representative in Jordan, told participants that funds would follow. "
        "Minister Lee Jong-ho, Choi Seo-jin, Managing Director of Microsoft Korea, and Han Ji-soo attended.",
        "en", "2025-03-04T09:00:00",
    )
    held = _rels(ex, "HOLDS_POSITION")
    assert ("Lena Hoffmann", "경제협력개발기구", "Deputy Director for Trade, Investment and Innovation") in held
    assert ("Omar Haddad", "유엔개발계획", "Resident Representative in Jordan") in held
    assert not any(p == "Lee Jong-ho" and "Choi" in str(t) for p, _, t in held)


def test_english_romanised_korean_names_without_titles():
    ex = run(
        "Attendees included Han Ji-woo, Seo Min-jae and Baek Hye-rin, who once led the agency.",
        "en", "2025-03-04T09:00:00",
    )
    assert {"Han Ji-woo", "Seo Min-jae", "Baek Hye-rin"} <= names(ex, "Person")


def test_english_ministries_by_portfolio_short_form_and_lower_case():
    ex = run(
        "Minister of Foreign Affairs Han Seo-yeon and Minister of Oceans and Fisheries Ko Min-jae signed the pact. "
        "Seoul's unification ministry welcomed it, while Japan's foreign ministry and Poland's Defense Ministry declined to comment. "
        "Health Minister, Dr. Aziz Rahman, attended.",
        "en", "2025-03-04T09:00:00",
    )
    held = {(p, o) for p, o, _ in _rels(ex, "HOLDS_POSITION")}
    assert ("Han Seo-yeon", "외교부") in held and ("Ko Min-jae", "해양수산부") in held
    orgs = names(ex, "Organization")
    assert "통일부" in orgs
    assert "Japan's Foreign Ministry" in orgs and "Poland's Defense Ministry" in orgs
    assert "국방부" not in orgs  # Poland's is not Korea's
    assert "Health Minister" not in names(ex, "Person")


def test_english_of_phrases_gazetteer_spellings_and_no_pieces():
    ex = run(
        "Twelve Korean startups joined the roadshow, which the Korea Institute of Startup and Entrepreneurship Development organized. "
        "The forum took place at the Grand Hyatt Jakarta. The minister later met Indonesia's Ministry of Trade and KOTRA officials. "
        "Kim said the talks went well.",
        "en", "2025-03-04T09:00:00",
    )
    orgs = names(ex, "Organization")
    assert "창업진흥원" in orgs  # the gazetteer's KISED, written with "&" there
    assert not any(o.startswith("Twelve") for o in orgs)
    assert "Indonesia's Ministry of Trade" in orgs
    assert "Grand Hyatt Jakarta" in names(ex, "Place")
    assert "Kim said" not in names(ex, "Person")


# English names and positions as wire copy and briefings write them (written cases)


def test_english_titled_names_with_capitals_hyphens_and_three_words():
    ex = run(
        "Kwon Min-ho met Minister of Fisheries of Peru Alonso QUISPE and Deputy Prime Minister and "
        "Minister of Energy of Kazakhstan Aidar-Bek Sultanov at the talks. "
        "Director General Choi Jae Won of the Korea Energy Agency also attended.",
        "en", "2025-03-04T09:00:00",
    )
    people = names(ex, "Person")
    assert {"Alonso Quispe", "Aidar-Bek Sultanov", "Choi Jae Won"} <= people
    assert not people & {"Prime Minister", "Choi Jae", "Alonso QUISPE"}
    held = {(p, o) for p, o, _ in _rels(ex, "HOLDS_POSITION")}
    assert ("Alonso Quispe", "Peru's Ministry of Fisheries") in held
    assert ("Aidar-Bek Sultanov", "Kazakhstan's Ministry of Energy") in held
    assert ("Choi Jae Won", "한국에너지공단") in held
    # the portfolio stops at the country: no body named after a person
    assert not any("Alonso" in o or "Aidar" in o for o in names(ex, "Organization"))


def test_english_counterparts_are_people_and_their_surname_refers_back():
    ex = run(
        "Unification Minister Seo Ji-an met his Finnish counterpart Aino Virtanen in Helsinki on Monday. "
        "Minister Virtanen said the talks were useful.",
        "en", "2025-03-04T09:00:00",
    )
    virtanen = next(e for e in ex.entities if e.type == "Person" and e.name == "Aino Virtanen")
    assert len(virtanen.mentions) == 2  # "Minister Virtanen" is the same person


@pytest.mark.parametrize(
    "text, person, org, title",
    [
        ("Land Minister Ko Eun-sol visited the site on Monday.", "Ko Eun-sol", "국토교통부", "Land Minister"),
        ("First Vice Finance Minister Ha Seung-gi said growth would slow.", "Ha Seung-gi", "기획재정부",
         "First Vice Finance Minister"),
        ("Trade, Industry and Energy Minister Bae Ji-hoon told reporters the talks went well.", "Bae Ji-hoon",
         "산업통상자원부", "Trade, Industry and Energy Minister"),
    ],
)
def test_english_portfolio_before_minister_names_the_korean_ministry(text, person, org, title):
    ex = run(text, "en", "2025-03-04T09:00:00")
    assert (person, org, title) in positions(ex)
    # the ministry in the title is the minister's affiliation, not a participant
    assert not _rels(ex, "PARTICIPATED_IN") & {(org, e, None) for e in names(ex, "Event")}


def test_english_a_foreign_portfolio_is_not_a_korean_ministry():
    ex = run("Saudi Finance Minister Faisal Rahman met Korean officials on Monday.", "en", "2025-03-04T09:00:00")
    assert not any(o == "기획재정부" for _, o, _ in positions(ex))


def test_a_minister_is_never_placed_in_the_assembly():
    ex = run(
        "The National Assembly passed the bill on Monday. Minister Oh Da-eun welcomed the vote of the National Assembly.",
        "en", "2025-03-04T09:00:00",
    )
    assert not any(p == "Oh Da-eun" and o == "국회" for p, o, _ in positions(ex))


@pytest.mark.parametrize(
    "text, absent",
    [
        ("He met Chairman Yoo Jin-sang of the Assembly's Foreign Affairs and Unification Committee, President Kim Da-hye "
         "of the Korea International Cooperation Agency.", "Unification Committee"),
        ("He met Minister and Chief Cabinet Secretary of Mongolia Batbold Ganzorig on Monday.", "Cabinet Secretary"),
    ],
)
def test_english_titles_and_bodies_are_not_people(text, absent):
    ex = run(text, "en", "2025-03-04T09:00:00")
    assert absent not in names(ex, "Person")


def test_english_a_briefing_item_before_an_event_is_named_is_other_business():
    ex = run(
        "First, Foreign Minister Nam Gyu-ri will visit Chile on May 3 and meet with her Chilean counterpart Ana Rojas.\n\n"
        "Next, Vice Minister Pyo Seon-a will attend the 2025 Korea-Andes Partnership Forum in Seoul on May 8.",
        "en", "2025-04-28T09:00:00",
    )
    part = {(p, e) for p, e, _ in _rels(ex, "PARTICIPATED_IN")}
    assert ("Pyo Seon-a", "2025 Korea-Andes Partnership Forum") in part
    assert not any(p in ("Nam Gyu-ri", "Ana Rojas") for p, _ in part)


def test_english_a_body_its_title_and_a_person_in_a_list():
    ex = run(
        "The delegation included Hanwha Aerospace Chairman Moon Tae-gyu, LS Group Chairman Baek Ji-hun and "
        "Hyundai Motor Group's Executive Chair Jiho Park. "
        "Korea International Trade Association Chairperson Baek Ji-hun delivered a speech.",
        "en", "2025-03-04T09:00:00",
    )
    held = {(p, o) for p, o, _ in _rels(ex, "HOLDS_POSITION")}
    by_person = {}
    for p, o in held:
        by_person.setdefault(p, set()).add(o)
    assert by_person.get("Moon Tae-gyu") == {"한화에어로스페이스"} or by_person.get("Moon Tae-gyu") == {"Hanwha Aerospace"}
    assert "Jiho Park" in by_person and len(by_person["Jiho Park"]) == 1
    assert len(by_person["Baek Ji-hun"]) == 2  # the group's chairman and the association's chairperson


def test_english_a_foreign_portfolio_then_a_name():
    ex = run(
        "Peru's Minister of Energy and Mines Rosa Quispe Huaman, and Minister of Foreign Trade and Tourism "
        "Luis Paredes were among the officials in Lima.",
        "en", "2025-03-04T09:00:00",
    )
    people = names(ex, "Person")
    assert {"Rosa Quispe Huaman", "Luis Paredes"} <= people
    orgs = names(ex, "Organization")
    assert "Peru's Ministry of Energy and Mines" in orgs
    assert not any("Rosa" in o for o in orgs)
    # a portfolio no body here bears stays in the title, never a Korean ministry
    assert not any(p == "Luis Paredes" for p, _, _ in positions(ex))


def test_english_another_governments_portfolio_is_not_the_korean_ministry():
    ex = run(
        "Digital and Creative Economy Minister Ratu Anggraini and South Korea's Science and ICT Minister Jang Min-seo "
        "signed the agreement in Seoul. Minister Ratu Anggraini thanked her hosts.",
        "en", "2025-03-04T09:00:00",
    )
    pos = positions(ex)
    assert ("Jang Min-seo", "과학기술정보통신부", "Science and ICT Minister") in pos
    assert not any(p == "Ratu Anggraini" and o == "과학기술정보통신부" for p, o, _ in pos)


def test_english_a_nationality_names_the_ministry_of_its_country():
    ex = run(
        "Lina Haddad, Jordanian Minister of Digital Economy and Entrepreneurship, met Korean officials in Amman. "
        "Siti Rahayu, Deputy Minister at the Indonesian Ministry of Trade, also attended.",
        "en", "2025-03-04T09:00:00",
    )
    held = {(p, o) for p, o, _ in _rels(ex, "HOLDS_POSITION")}
    assert ("Lina Haddad", "Jordan's Ministry of Digital Economy and Entrepreneurship") in held
    assert "Indonesia's Ministry of Trade" in names(ex, "Organization")
    assert not any("Jordanian Minister" in o for o in names(ex, "Organization"))
