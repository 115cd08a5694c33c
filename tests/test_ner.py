"""General Korean NER (extract/ner.py): persons, organisations and places by
role words, head nouns, the gazetteer, context and name shape. The sentences
are written for these tests."""
from __future__ import annotations

import pytest

from policygraph.extract import extract
from policygraph.extract import ner
from policygraph.models import Article

TAG = {"Person": "PS", "Organization": "OG", "Place": "LC"}


def mentions(text: str) -> list[tuple[str, str]]:
    ex = extract(Article(id="t", source="t", title="", text=text))
    out = []
    for e in ex.entities:
        tag = TAG.get(e.type)
        if not tag:
            continue
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
            out.append((tag, m.text))
    return out


# -- persons ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # role word after the name, attached or as the next word
        ("어제 가수 박서윤 씨가 새 음반을 냈다.", ("PS", "박서윤")),
        ("공연을 마친 한도영씨는 소감을 밝혔다.", ("PS", "한도영")),
        ("결승골을 넣은 정우람 선수는 활짝 웃었다.", ("PS", "정우람")),
        ("그라보프스키 총리는 회견에서 개혁을 약속했다.", ("PS", "그라보프스키")),
        # role noun before the name
        ("배우 윤채아가 주연을 맡았다.", ("PS", "윤채아")),
        # an age in brackets
        ("회사원 문태식(41)은 경찰에 신고했다.", ("PS", "문태식")),
        # a foreign full name over two words, with a role noun before it
        ("배우 마르코 벨리니의 연기가 호평을 받았다.", ("PS", "마르코 벨리니")),
        # surname + given-name syllables, no context
        ("이 소식을 들은 최민준이 가장 먼저 달려왔다.", ("PS", "최민준")),
    ],
)
def test_persons(text, expected):
    assert expected in mentions(text)


def test_every_occurrence_is_a_mention():
    text = "가수 박서윤 씨는 무대에 올랐고, 관객들은 박서윤을 연호했다."
    assert mentions(text).count(("PS", "박서윤")) == 2


def test_mention_excludes_particles():
    got = mentions("배우 윤채아가 상을 받았다.")
    assert ("PS", "윤채아") in got
    assert all(not t.endswith("가") for _, t in got)


@pytest.mark.parametrize(
    "text, not_expected",
    [
        # anonymised names ("김모씨") are not names
        ("서울에 사는 김모(45)씨가 입건됐다.", ("PS", "김모")),
        # place/thing name endings need context to be a person
        ("관광객들이 주말에 연평도를 찾았다.", ("PS", "연평도")),
        # common words before a role noun that is also a common noun
        ("메타버스 시장이 빠르게 커지고 있다.", ("PS", "메타버스")),
        # titles of works in quotes are not persons
        ("드라마 '푸른 바다의 노래'가 방영됐다.", ("PS", "푸른 바다의 노래")),
    ],
)
def test_person_negatives(text, not_expected):
    assert not_expected not in mentions(text)


# -- organisations ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("청솔경찰서는 용의자를 붙잡았다고 밝혔다.", ("OG", "청솔경찰서")),
        ("한빛일보가 이 사실을 처음 보도했다.", ("OG", "한빛일보")),
        ("한겨레민주당은 논평을 내고 유감을 표했다.", ("OG", "한겨레민주당")),
        ("경찰은 사고 원인을 조사하고 있다.", ("OG", "경찰")),
        ("소행성전자는 새 공장을 짓기로 했다.", ("OG", "소행성전자")),
        # a kind of organisation written before the name
        ("교육 플랫폼 기업 누리솔은 투자를 유치했다.", ("OG", "누리솔")),
    ],
)
def test_organisations(text, expected):
    assert expected in mentions(text)


def test_org_by_affiliation_elsewhere():
    text = "노바링크는 신제품을 공개했다. 노바링크 정해원 대표는 수출을 늘리겠다고 말했다."
    got = mentions(text)
    assert ("OG", "노바링크") in got
    assert ("PS", "노바링크") not in got


def test_org_category_is_closed():
    from policygraph.models import ORG_CATEGORIES

    ex = extract(Article(id="t", source="t", title="", text="한빛일보와 청솔경찰서, 한겨레민주당이 참여했다."))
    for e in ex.entities:
        if e.type == "Organization":
            assert e.properties.get("category") in ORG_CATEGORIES


def test_org_negatives():
    got = mentions("국회는 아동복지법 개정안을 통과시켰다.")
    assert ("OG", "아동복지법") not in got


# -- places --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("그는 청라동의 한 아파트에 산다.", ("LC", "청라동")),
        ("시민들이 해오름 광장에 모였다.", ("LC", "해오름 광장")),
        # gazetteer places
        ("대표단은 프랑스를 방문했다.", ("LC", "프랑스")),
        # a gazetteer name before a common noun the scanner does not accept
        ("충남지역 학교들이 휴교했다.", ("LC", "충남")),
    ],
)
def test_places(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize(
    "text, not_expected",
    [
        ("중동호흡기증후군 환자가 늘었다.", ("LC", "중동호흡기증후군")),
        ("협력기관과 함께 사업을 추진한다.", ("LC", "협력기관")),
    ],
)
def test_place_negatives(text, not_expected):
    assert not_expected not in mentions(text)


# -- glosses and helpers -------------------------------------------------------------
def test_hanja_gloss_is_a_mention():
    got = mentions("베이징(北京)에서 회담이 열렸다.")
    assert ("LC", "北京") in got


@pytest.mark.parametrize(
    "name, ok",
    [("김민준", True), ("남궁민수", True), ("이서", True), ("사과", False), ("메타버스", False), ("Kim", False)],
)
def test_korean_name_shape(name, ok):
    assert ner.korean_name_shape(name) is ok


# -- foreign full names over several words -------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # kiwi reads the first word as a common noun; the last is a proper noun
        ("그의 후임자인 구스타보 알베르토 바스케스는 2005년 사고로 숨졌다.", ("PS", "구스타보 알베르토 바스케스")),
        ("피터 위팅엄이 왼쪽에서 올린 크로스를 받았다.", ("PS", "피터 위팅엄")),
        ("마이클 오언은 지난 2009년부터 그 팀에서 뛰었다.", ("PS", "마이클 오언")),
        # a role noun before a name belongs to that name, not to the word before it
        ("할리우드 배우 블레이크 라이블리의 의상이 화제다.", ("PS", "블레이크 라이블리")),
    ],
)
def test_foreign_full_names(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize(
    "text, not_expected",
    [
        ("할리우드 배우 블레이크 라이블리의 의상이 화제다.", ("PS", "할리우드")),
        ("할리우드 배우 블레이크 라이블리의 의상이 화제다.", ("LC", "라이블리")),
        # loanword common nouns are no name words
        ("걸그룹 멤버 한소라(25)씨가 글을 남겼다.", ("PS", "멤버 한소라")),
        ("프리미엄 브랜드 노바가 새 차를 냈다.", ("PS", "프리미엄 브랜드 노바")),
    ],
)
def test_foreign_full_name_negatives(text, not_expected):
    assert not_expected not in mentions(text)


@pytest.mark.parametrize(
    "word, ok",
    [("구스타보", True), ("블레이크", True), ("캄메노스", True), ("피터", True), ("가운데", False), ("대통령", False), ("김민준", False)],
)
def test_foreignish(word, ok):
    assert ner.foreignish(word) is ok


# -- countries as sides in a match ---------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("월드컵 최종예선에서 대한민국은 이란에 0대 1로 졌다.", ("OG", "이란")),
        ("월드컵 최종예선에서 대한민국은 이란에 0대 1로 졌다.", ("OG", "대한민국")),
        ("칠레는 후반 연속골에 힘입어 스페인을 2-0으로 꺾었다.", ("OG", "스페인")),
    ],
)
def test_countries_as_sides(text, expected):
    assert expected in mentions(text)


def test_country_outside_sports_stays_a_place():
    got = mentions("대표단은 프랑스를 방문해 협력 방안을 논의했다.")
    assert ("LC", "프랑스") in got
    assert ("OG", "프랑스") not in got


def test_country_where_a_match_is_played_stays_a_place():
    got = mentions("대표팀은 평가전을 앞두고 브라질에서 훈련했다.")
    assert ("OG", "브라질") not in got


# -- all-capitals organisation names -------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("NTSB는 내년 7월께 조사 결과를 발표한다.", ("OG", "NTSB")),
        ("이날 QBN 방송과의 인터뷰에서 그는 입장을 밝혔다.", ("OG", "QBN 방송")),
    ],
)
def test_acronym_orgs(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize(
    "text, not_expected",
    [
        ("AI는 산업 전반을 바꾸고 있다.", ("OG", "AI")),
        ("GPU가 부족해 학습이 늦어졌다.", ("OG", "GPU")),
        ("해당 IP는 해외에서 등록됐다.", ("OG", "IP")),
    ],
)
def test_acronym_stoplist(text, not_expected):
    assert not_expected not in mentions(text)


# -- lists share a kind --------------------------------------------------------------
def test_list_of_names_before_a_title():
    got = mentions("탈당한 오세준, 권하림, 남기택 의원은 복당을 신청했다.")
    for name in ("오세준", "권하림", "남기택"):
        assert ("PS", name) in got


def test_list_of_companies_with_one_known():
    got = mentions("현대건설, 누리엔지니어링이 공사를 수주했다.")
    assert ("OG", "누리엔지니어링") in got


def test_list_does_not_spread_to_common_nouns():
    got = mentions("사고로 박 경장이 숨졌고 최 경위, 백 경위가 다쳤다.")
    assert ("PS", "경위") not in got


# -- mention extents: places before a name, head words after it ------------------------
def _mention_dicts(text: str) -> list[dict]:
    ex = extract(Article(id="t", source="t", title="", text=text))
    return [{"type": e.type, "id": e.id, **m.to_dict()} for e in ex.entities for m in e.mentions]


def test_address_chain_is_one_mention_of_the_last_place():
    text = "경기 수원시 팔달구 매교동에서 불이 났다."
    got = _mention_dicts(text)
    chain = [m for m in got if m["text"] == "경기 수원시 팔달구 매교동"]
    assert len(chain) == 1 and chain[0]["type"] == "Place"
    assert chain[0]["head"]["text"] == "매교동"
    # the places before it keep their own mentions (and the graph its LOCATED_IN)
    assert any(m["text"] == "수원시" for m in got)


def test_two_countries_do_not_qualify_each_other():
    assert ("LC", "한국 일본") not in mentions("한국 일본 중국 세 나라의 정상이 만났다.")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("AFP 통신은 이날 사고 소식을 전했다.", ("OG", "AFP 통신")),
        ("미국 법무부가 조사에 착수했다.", ("OG", "미국 법무부")),
        ("일본 기상청은 태풍이 북상한다고 예보했다.", ("OG", "일본 기상청")),
    ],
)
def test_bodies_named_with_their_country_or_head_word(text, expected):
    assert expected in mentions(text)


def test_foreign_counterpart_is_not_the_korean_ministry():
    got = _mention_dicts("미국 법무부가 조사에 착수했다.")
    body = next(m for m in got if m["text"] == "미국 법무부")
    assert body["id"] != "org:moj"


# -- states, units, outlets, affiliations ------------------------------------------------
@pytest.mark.parametrize(
    "text, expected, not_expected",
    [
        ("남북 관계가 빠르게 개선됐다.", [("OG", "남"), ("OG", "북")], []),
        ("한·일 정상회담이 열렸다.", [("OG", "한"), ("OG", "일")], []),
        ("북측은 회담 연기를 통보했다.", [("OG", "북")], []),
        ("북한군이 포탄을 발사했다.", [], [("OG", "북"), ("OG", "한")]),
        ("남미 시장이 커지고 있다.", [], [("OG", "남"), ("OG", "미")]),
    ],
)
def test_one_syllable_states(text, expected, not_expected):
    got = mentions(text)
    for x in expected:
        assert x in got
    for x in not_expected:
        assert x not in got


@pytest.mark.parametrize(
    "text, expected",
    [
        ("28사단 소속 병사가 숨졌다.", ("OG", "28사단")),
        ("119구조대가 출동했다.", ("OG", "119구조대")),
        ("사고 소식은 하이데일리넷이 9일 보도했다.", ("OG", "하이데일리넷")),
        ("손하늘(23·누리FC) 선수가 결승골을 넣었다.", ("OG", "누리FC")),
        ("서울고법 형사2부는 항소를 기각했다.", ("OG", "서울고법 형사2부")),
        ("서울대 수의학과와 누리연구소가 함께 조사했다.", ("OG", "서울대 수의학과")),
        ("콜로라도 대학 연구진은 결과를 발표했다.", ("OG", "콜로라도 대학")),
        ("박도현(58) 누리솔 회장도 항소했다.", ("OG", "누리솔")),
    ],
)
def test_more_organisations(text, expected):
    assert expected in mentions(text)


def test_unit_before_a_title_belongs_to_the_title():
    got = mentions("정하윤 서울대 심리학과 교수는 말했다.")
    assert ("OG", "서울대 심리학과") not in got


def test_short_form_introduced_with_iha():
    got = mentions("맨체스터 유나이티드(이하 맨유)는 13일 성명을 냈다. 맨유는 이번 주 경기를 치른다.")
    assert ("OG", "맨체스터 유나이티드") in got
    assert got.count(("OG", "맨유")) == 2


def test_platform_as_medium_is_not_a_company():
    ex = extract(Article(id="t", source="t", title="", text="그는 페이스북에 사과 글을 올렸다."))
    assert not any(e.type == "Organization" and e.name == "페이스북" for e in ex.entities)
    assert any(e.type == "Product" and e.name == "페이스북" for e in ex.entities)


# -- more persons -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("누리스타 멤버 한지우가 입대했다.", ("PS", "누리스타")),
        ("애슈턴 카터, 존 케리 전 장관이 회고록을 냈다.", ("PS", "애슈턴 카터")),
        ("딕 파렌티노는 지난해까지 최고경영자로 일했다.", ("PS", "딕 파렌티노")),
        ("엘레나 코스타(벨기에)가 대회에서 하차했다.", ("PS", "엘레나 코스타")),
        ("리커창(李克強) 중국 총리는 담화를 발표했다.", ("PS", "리커창")),
        ("김학도 공정거래위원회 부위원장은 말했다.", ("PS", "김학도")),
        ("만델로 전 대통령이 남긴 말을 모았다.", ("PS", "만델로")),
        ("춘천지법 형사 3단독 지창구 판사는 징역형을 선고했다.", ("PS", "지창구")),
    ],
)
def test_more_persons(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize(
    "text, person, org, title",
    [
        ("한빛상사 김도현 상생협력실장은 지원을 약속했다.", "김도현", "한빛상사", "상생협력실장"),
        ("박서윤 한국산업기술진흥원 상임이사가 참석했다.", "박서윤", "한국산업기술진흥원", "상임이사"),
    ],
)
def test_korean_titles_ending_in_director_and_unit_heads(text, person, org, title):
    assert (person, org, title) in _posts(text)


def test_appointment_list_new_and_past_posts():
    from datetime import datetime

    from policygraph.extract import extract
    from policygraph.models import Article

    text = (
        "대통령실은 3일 행정안전부 제1차관에 한서윤 행정안전부 기획조정실장을 임명했다. "
        "관세청장에는 오민준 기획재정부 세제실장이 발탁됐다.\n\n"
        "▲한서윤 행정안전부 제1차관(54) = 행정안전부 지방재정국장과 주독일대사관 참사관을 거쳐 기획조정실장을 지냈다."
    )
    ex = extract(Article(id="t", source="t.txt", title="", text=text, lang="ko", published=datetime(2024, 9, 3)))
    by_id = {e.id: e for e in ex.entities}
    held = [(by_id[r.source].name, by_id[r.target].name, r.properties.get("title"), bool(r.properties.get("former")))
            for r in ex.relations if r.type == "HOLDS_POSITION"]
    assert ("한서윤", "행정안전부", "제1차관", False) in held
    assert ("한서윤", "행정안전부", "기획조정실장", True) in held
    assert ("오민준", "관세청", "청장", False) in held
    assert ("오민준", "기획재정부", "세제실장", True) in held
    assert any(p == "한서윤" and o.endswith("대사관") and t == "참사관" and f for p, o, t, f in held)
    # the post held now is stated last for each body
    last = {}
    for p, o, t, f in held:
        last[(p, o)] = t
    assert last[("한서윤", "행정안전부")] == "제1차관"


@pytest.mark.parametrize(
    "text, person, org, title",
    [
        ("개막식에는 문하린 한국산업기술진흥원장 등이 참석한다.", "문하린", "한국산업기술진흥원", "원장"),
        ("이날 회의에는 정다온 한국환경산업기술원장이 참석했다.", "정다온", "한국환경산업기술원", "원장"),
    ],
)
def test_posts_right_after_a_name(text, person, org, title):
    assert (person, org, title) in _posts(text)


@pytest.mark.parametrize(
    "text, person, org, title",
    [
        ("개막식에는 용태희 한국수자원공사 사장 등이 참석한다.", "용태희", "한국수자원공사", "사장"),
        ("기획재정부(부총리 겸 장관 하도윤, 이하 기재부)는 포럼을 개최한다.", "하도윤", "기획재정부", "부총리 겸 장관"),
        ("행사에는 남궁서 국방과학연구소장이 참석했다.", "남궁서", "국방과학연구소", "소장"),
    ],
)
def test_posts_of_split_names_joint_titles_and_institute_heads(text, person, org, title):
    assert (person, org, title) in _posts(text)


def _posts(text: str) -> set[tuple[str, str, str | None]]:
    """(person, organisation, title) of every HOLDS_POSITION extracted from a Korean text."""
    from datetime import datetime

    from policygraph.extract import extract
    from policygraph.models import Article

    ex = extract(Article(id="t", source="t.txt", title="", text=text, lang="ko", published=datetime(2024, 4, 18)))
    by_id = {e.id: e for e in ex.entities}
    return {(by_id[r.source].name, by_id[r.target].name, r.properties.get("title")) for r in ex.relations if r.type == "HOLDS_POSITION"}


# -- names read from the written word ------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # kiwi cut the name into common nouns and the particle is glued on: the name
        # is the longest name-shaped head whose remainder is a particle
        ("배우 한서진이 직접 찍은 사진을 공개했다.", ("PS", "한서진")),
        ("배우 김태원은 최근 인기를 얻고 있다.", ("PS", "김태원")),
        # "씨" as a word of its own outweighs a head that looks like a university ("…대")
        ("피해 학생의 아버지 박정대 씨가 입장을 밝혔다.", ("PS", "박정대")),
        # a whole word before a title, however kiwi cut it
        ("격투기 선수 최홍만 선수가 링에 다시 오른다.", ("PS", "최홍만")),
    ],
)
def test_names_split_from_glued_particles_and_honorific_words(text, expected):
    assert expected in mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "사업에 앞서 정부는 이사회를 열었다.",  # no person's cue: nothing becomes a person
        "김장철을 앞두고 배추값이 올랐다.",
    ],
)
def test_name_shaped_words_without_a_cue_stay_unnamed(text):
    assert not [m for m in mentions(text) if m[0] == "PS"]


# -- sports clubs (gazetteer_sports.json) ------------------------------------------------
@pytest.mark.parametrize(
    "text, expected, absent",
    [
        # city + nickname is one organisation, not the city
        ("그는 뉴욕 메츠와의 원정경기에서 7이닝을 던졌다.", ("OG", "뉴욕 메츠"), ("LC", "뉴욕")),
        ("오클랜드 애슬레틱스가 연장 끝에 이겼다.", ("OG", "오클랜드 애슬레틱스"), ("LC", "오클랜드")),
        # the nickname alone
        ("다저스는 이날 2-5로 졌다.", ("OG", "다저스"), ("PS", "다저스")),
        ("그는 레인저스의 1번 타자로 나섰다.", ("OG", "레인저스"), ("PS", "레인저스")),
        ("지바 롯데와의 경기에서 결승타를 쳤다.", ("OG", "지바 롯데"), ("LC", "지바")),
    ],
)
def test_sports_clubs(text, expected, absent):
    got = mentions(text)
    assert expected in got
    assert absent not in got


def test_a_city_that_names_a_club_elsewhere_stays_a_place():
    # only full forms name clubs whose short form is a city
    assert ("LC", "뉴캐슬") in mentions("그는 지난해 뉴캐슬에서 열린 회의에 참석했다.")


@pytest.mark.parametrize(
    "text, absent",
    [
        # a noun and its case particle is no name, whatever title-like word follows
        ("당시 60대 남성의 30대 아들이 신고했다.", "남성의"),
        ("예산 문제가 국정감사장의 쟁점이 됐다.", "문제가"),
        # "신임" is "newly appointed", not a surname and a given name
        ("농협금융지주는 신임 회장을 선출했다.", "신임"),
    ],
)
def test_words_with_particles_and_new_appointee_are_no_persons(text, absent):
    assert ("PS", absent) not in mentions(text)


@pytest.mark.parametrize(
    "text, status",
    [
        ("검찰은 오태석(57·구속기소) 전 대표를 다시 불렀다.", "구속기소"),
        ("민생당 한유진(41·초선) 의원이 질의했다.", "초선"),
        ("정민호(38·회사원)씨가 현장을 목격했다.", "회사원"),
    ],
)
def test_a_persons_standing_in_brackets_is_no_organisation(text, status):
    got = mentions(text)
    assert not [m for m in got if m[1] == status]


@pytest.mark.parametrize(
    "text, region, place",
    [
        ("밤사이 충남 북부에 많은 눈이 내렸다.", "충남 북부", "충남"),
        ("폭풍이 미국 남동부를 강타했다.", "미국 남동부", "미국"),
        ("기상청은 강원 산간과 경북 내륙에 주의보를 내렸다.", "강원 산간", "강원"),
    ],
)
def test_a_part_of_a_place_is_a_region_inside_it(text, region, place):
    ex = extract(Article(id="t", source="t", title="", text=text))
    by_name = {e.name: e for e in ex.entities}
    reg = by_name[region]
    assert reg.type == "Place" and [m.text for m in reg.mentions] == [region]
    # the place keeps its mention and the region lies in it
    inner = next(e for e in ex.entities if e.type == "Place" and any(m.text == place for m in e.mentions))
    assert any(r.type == "LOCATED_IN" and r.source == reg.id and r.target == inner.id for r in ex.relations)


def test_a_direction_before_a_noun_only_qualifies_it():
    got = mentions("양국은 태국 북부 철도 사업을 논의했다.")
    assert ("LC", "태국") in got
    assert ("LC", "태국 북부") not in got


@pytest.mark.parametrize(
    "text, expected",
    [
        # the word before the name says what kind of organisation it is, also as the
        # end of a longer word or with the copula
        ("시장조사 전문회사 마켓브릿지에 따르면 판매가 늘었다.", ("OG", "마켓브릿지")),
        ("조사 전문기관인 데이터온누리에 의뢰했다.", ("OG", "데이터온누리")),
        # and before a quoted name
        ("여행정보업체 '트립누리'가 설문 결과를 내놨다.", ("OG", "트립누리")),
        ("패션 매거진 '스타일온'에는 화보가 실렸다.", ("OG", "스타일온")),
    ],
)
def test_a_kind_of_organisation_before_a_name(text, expected):
    assert expected in mentions(text)


def test_a_quoted_name_after_an_ordinary_word_is_no_organisation():
    assert not [m for m in mentions("그는 노래 '봄날의 약속'을 불렀다.") if m[0] == "OG"]


def test_a_name_and_its_glued_subject_particle():
    # kiwi may read "윤서아이" as one proper noun; the name is 윤서아
    got = mentions("배우 윤서아이 새 영화에 출연한다.")
    assert ("PS", "윤서아") in got
    assert ("PS", "윤서아이") not in got


@pytest.mark.parametrize(
    "text, person",
    [
        # a foreign name, then a country and its body, then the title
        ("이날 회의에는 마르셀로 피녜다 칠레 교육부 차관이 참석했다.", "마르셀로 피녜다"),
        ("제임스 오코너 미국 백악관 국가안보보좌관이 방한했다.", "제임스 오코너"),
    ],
)
def test_a_foreign_name_before_a_body_of_two_words_and_a_title(text, person):
    assert ("PS", person) in mentions(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # an unknown proper noun with a place's head is a place, not a person
        ("산불은 해발 600m인 계룡산의 중턱에서 시작됐다.", ("LC", "계룡산")),
        ("경찰은 쑤저우시의 한 호텔을 수색했다.", ("LC", "쑤저우시")),
        # a foreign place and its head word, read by kiwi as one proper noun
        ("오헤어 공항은 폭설로 이착륙을 중단했다.", ("LC", "오헤어 공항")),
    ],
)
def test_unknown_names_with_a_place_head_are_places(text, expected):
    got = mentions(text)
    assert expected in got
    assert ("PS", expected[1]) not in got


@pytest.mark.parametrize(
    "text, chain",
    [
        # a continent before a country in it
        ("그는 아프리카 시에라리온에서 태어났다.", "아프리카 시에라리온"),
        # a province or region before a city or province of the same country that
        # the gazetteer does not chain to it
        ("함대는 랴오닝성 다롄에 입항했다.", "랴오닝성 다롄"),
        ("일본 규슈 구마모토현에서 지진이 났다.", "일본 규슈 구마모토현"),
    ],
)
def test_wider_places_qualify_a_place_in_them(text, chain):
    assert ("LC", chain) in mentions(text)


def test_peer_countries_do_not_qualify_one_another():
    got = mentions("순위는 한국 일본 중국 순이었다.")
    assert not [t for tag, t in got if " " in t]


@pytest.mark.parametrize(
    "text, chain, unit, name",
    [
        # a district named by a direction, right after its city
        ("울산 동구 방어동에서 불이 났다.", "울산 동구 방어동", "동구", "울산 동구"),
        # a neighbourhood whose head kiwi split off ("온천/NNG 동/NNG")
        ("광주 북구 온천동 주택가에서 신고가 들어왔다.", "광주 북구 온천동", "온천동", None),
        # a natural feature after a city
        ("시신은 수원 광교산 등산로에서 발견됐다.", "수원 광교산", "광교산", None),
    ],
)
def test_places_right_after_a_place_lie_in_it(text, chain, unit, name):
    ex = extract(Article(id="t", source="t", title="", text=text))
    got = [(TAG[e.type], m.text) for e in ex.entities if e.type in TAG for m in e.mentions]
    assert ("LC", chain) in got
    if name:
        assert any(e.name == name and unit in e.aliases for e in ex.entities)


@pytest.mark.parametrize("text", ["서울 연구진이 결과를 발표했다.", "부산 지역구 의원들이 모였다.", "서울 시내 곳곳에서 행사가 열렸다."])
def test_common_words_after_a_place_stay_words(text):
    assert [t for tag, t in mentions(text) if tag == "LC" and " " in t] == []


@pytest.mark.parametrize(
    "text, place",
    [
        # a city before a district or a common noun, no title after: the place, not its government
        ("경찰은 3일 오후 서울 마포구에서 용의자를 붙잡았다.", "서울"),
        ("시민단체가 19일 오후 부산 도심에서 집회를 열 예정이다.", "부산"),
    ],
)
def test_a_city_without_a_title_after_stays_a_place(text, place):
    got = mentions(text)
    assert ("OG", place) not in got
    assert any(tag == "LC" and t.startswith(place) for tag, t in got)


def test_a_city_before_a_title_names_its_government():
    got = mentions("윤세린 부산시 경제실장이 참석했다.")
    assert ("OG", "부산시") in got


@pytest.mark.parametrize(
    "text, tag",
    [
        # a name the gazetteer knows as a body and as its premises: the body before a title word
        ("민서우 청와대 대변인이 브리핑했다.", "OG"),
        # the premises otherwise
        ("시위대는 청와대 앞에서 구호를 외쳤다.", "LC"),
    ],
)
def test_a_body_or_its_premises_by_a_title_after_it(text, tag):
    assert (tag, "청와대") in mentions(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("사고는 지하철 2호선 신림역에서 났다.", "신림역"),
        ("등산객들이 관악산에 올랐다.", "관악산"),
    ],
)
def test_stations_and_natural_features_without_a_names_shape(text, place):
    assert ("LC", place) in mentions(text)


def test_a_body_ending_like_a_name_after_a_persons_name_is_the_body():
    # "경찰대" has a name's shape, but a name came first: it is the body of the title
    text = "행사에는 한도윤 전 경찰대 교수가 참석했다."
    got = mentions(text)
    assert ("OG", "경찰대") in got and ("PS", "경찰대") not in got
    assert ("PS", "한도윤") in got


# -- sentence records: flat mentions (KLUE / TTA convention) ---------------------------
def _record_mentions(tmp_path, rec: dict) -> tuple[dict, list[tuple[str, str]]]:
    import json

    from policygraph.ingest import read_file

    p = tmp_path / "records.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (a,) = read_file(p)
    ex = extract(a)
    return a.properties, [(TAG[e.type], m.text) for e in ex.entities if e.type in TAG for m in e.mentions]


@pytest.mark.parametrize(
    "text, whole, parts",
    [
        # an address chain is one place, its last member's
        ("그는 서울 마포구 합정동의 한 카페에서 기자들을 만났다.", ("LC", "서울 마포구 합정동"), ["서울", "마포구"]),
        # a place that qualifies a body is part of the body's name
        ("이 사건을 수사 중인 인천 남동경찰서는 12일 용의자를 붙잡았다고 밝혔다.", ("OG", "인천 남동경찰서"), ["인천"]),
    ],
)
def test_a_sentence_record_tags_the_longest_name_only(tmp_path, text, whole, parts):
    props, got = _record_mentions(tmp_path, {"id": "s1", "text": text})
    assert props.get("unit") == "sentence"
    assert whole in got
    for p in parts:
        assert all(t != p for _, t in got), (p, got)


def test_an_article_keeps_the_places_of_an_address_as_entities(tmp_path):
    text = "그는 서울 마포구 합정동의 한 카페에서 기자들을 만났다."
    props, got = _record_mentions(tmp_path, {"id": "s2", "title": "기자 간담회", "text": text})
    assert "unit" not in props
    assert ("LC", "서울 마포구 합정동") in got
    assert ("LC", "서울") in got and ("LC", "마포구") in got


def test_flatten_mentions_keeps_mentions_outside_longer_names():
    from policygraph.extract.doc import flatten_mentions
    from policygraph.models import Entity, Span

    text = "부산 해운대구 우동에서 만난 그는 부산 생활이 좋다고 했다."
    busan = Entity("place:busan", "Place", "부산", mentions=[Span(0, 2, "부산"), Span(19, 21, "부산")])
    gu = Entity("place:haeundae", "Place", "해운대구", mentions=[Span(3, 7, "해운대구")])
    dong = Entity("place:u-dong", "Place", "우동", mentions=[Span(0, 10, text[0:10], 8)])
    flatten_mentions([busan, gu, dong])
    assert [m.text for m in busan.mentions] == ["부산"] and busan.mentions[0].start == 19
    assert gu.mentions == []
    assert [m.text for m in dong.mentions] == ["부산 해운대구 우동"]


@pytest.mark.parametrize(
    "text, whole",
    [
        # a place, then the name of the venue where something happens there
        ("축제는 강원 춘천시 소양강 스카이워크에서 열렸다.", ("LC", "강원 춘천시 소양강 스카이워크")),
        # a body, then its unit
        ("부경대 해양연구소 연구진은 조사를 마쳤다.", ("OG", "부경대 해양연구소")),
        # bodies and places written one after another name one body, the last
        ("미 해군 태평양함대사령부는 훈련 일정을 공개했다.", ("OG", "미 해군 태평양함대사령부")),
        ("캐나다 토론토 경찰은 용의자를 쫓고 있다.", ("OG", "캐나다 토론토 경찰")),
    ],
)
def test_a_sentence_record_reads_the_words_that_complete_a_name(tmp_path, text, whole):
    _, got = _record_mentions(tmp_path, {"id": "s3", "text": text})
    assert whole in got, got
    assert all(t not in whole[1].split()[:-1] for _, t in got if (_, t) != whole), got


def test_an_article_does_not_grow_a_place_over_the_venue_words(tmp_path):
    text = "축제는 강원 춘천시 소양강 스카이워크에서 열렸다."
    _, got = _record_mentions(tmp_path, {"id": "s4", "title": "축제 개막", "text": text})
    assert ("LC", "강원 춘천시 소양강 스카이워크") not in got


@pytest.mark.parametrize(
    "text, name",
    [
        ("결승전에서 정해람이 두 골을 넣었다.", "정해람"),
        ("어제 도민결이 결승골을 넣었다.", "도민결"),
    ],
)
def test_a_name_kiwi_cuts_into_pieces_is_a_person(text, name):
    assert ("PS", name) in mentions(text)


@pytest.mark.parametrize(
    "text",
    [
        "회사의 지지율이 올랐다.",  # a noun and its suffix (율)
        "수소 추진선과 전기 추진선이 나왔다.",  # the head of a compound noun
        "이 영상의 조회수는 100만을 넘었다.",  # what follows the surname is a word (회수)
    ],
)
def test_words_shaped_like_names_stay_words(text):
    assert not [t for tag, t in mentions(text) if tag == "PS"]
