"""Gazetteer data validity, lookups, hierarchy and the scanner (policygraph.gazetteer)."""
from __future__ import annotations

import re
from collections import defaultdict
from importlib import resources

import pytest

from policygraph.gazetteer import ENTRY_TYPES, PLACE_KINDS, Gazetteer, normalize
from policygraph.models import ORG_CATEGORIES


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.load()


def ids(hits) -> list[str]:
    return [e.id for e in hits]


def spans(g: Gazetteer, text: str, **kw) -> list[tuple[str, str]]:
    return [(text[s:e], entry.id) for s, e, entry in g.find_all(text, **kw)]


# --------------------------------------------------------------------------- data validity


def test_sizes(g: Gazetteer) -> None:
    assert sum(1 for _ in g.iter("Organization")) >= 400
    assert sum(1 for _ in g.iter("Place")) >= 350


def test_ids_unique_and_well_formed(g: Gazetteer) -> None:
    seen = set()
    for e in g:
        assert e.id not in seen
        seen.add(e.id)
        prefix = "org:" if e.type == "Organization" else "place:"
        assert re.fullmatch(re.escape(prefix) + r"[a-z0-9][a-z0-9-]*", e.id), e.id


def test_types_categories_kinds(g: Gazetteer) -> None:
    for e in g:
        assert e.type in ENTRY_TYPES, e.id
        assert e.name and e.name.strip() == e.name, e.id
        if e.type == "Organization":
            assert e.category in ORG_CATEGORIES, e.id
            assert e.kind is None, e.id
        else:
            assert e.kind in PLACE_KINDS, e.id
            assert e.category is None, e.id


def test_references_exist_and_have_the_right_type(g: Gazetteer) -> None:
    for e in g:
        for attr, want in (("parent", "Organization"), ("group", "Organization"),
                           ("successor", "Organization"), ("located_in", "Place"), ("governs", "Place")):
            ref = getattr(e, attr)
            if ref:
                target = g.get(ref)
                assert target is not None, f"{e.id}.{attr} -> {ref} missing"
                assert target.type == want, f"{e.id}.{attr} -> {ref} is {target.type}"
                assert ref != e.id
        for p in e.predecessors:
            assert g.get(p) is not None and g[p].successor == e.id, (e.id, p)
        if e.governs:
            assert e.type == "Organization" and e.category == "government", e.id


def test_no_cycles(g: Gazetteer) -> None:
    for e in g:
        for attr in ("located_in", "parent"):
            seen = {e.id}
            cur = e
            while getattr(cur, attr):
                nxt = getattr(cur, attr)
                assert nxt not in seen, f"cycle via {attr} at {e.id}"
                seen.add(nxt)
                cur = g[nxt]


def test_every_place_below_country_level_has_a_chain(g: Gazetteer) -> None:
    roots_ok = {"country", "region"}
    for e in g.iter("Place"):
        if e.kind in roots_ok:
            continue
        chain = g.ancestors(e.id)
        assert chain, e.id
        assert chain[-1].kind in roots_ok, (e.id, [c.id for c in chain])


def test_wikidata_ids(g: Gazetteer) -> None:
    seen: dict[str, str] = {}
    for e in g:
        if e.wikidata:
            assert re.fullmatch(r"Q[1-9][0-9]*", e.wikidata), e.id
            assert e.wikidata not in seen, (e.id, seen.get(e.wikidata))
            seen[e.wikidata] = e.id


def test_names_are_clean(g: Gazetteer) -> None:
    for e in g:
        for n in e.names:
            assert n == n.strip() and "  " not in n, (e.id, n)
            assert normalize(n), (e.id, n)
        for a in e.ambiguous_aliases:
            assert a in e.names, (e.id, a)


def test_former_names_are_not_current_aliases(g: Gazetteer) -> None:
    for e in g:
        current = {normalize(n) for n in e.names}
        for f in e.former_names:
            assert normalize(f) not in current, (e.id, f)


def test_no_duplicate_normalised_alias_unless_ambiguous(g: Gazetteer) -> None:
    """A normalised form naming several entries must be flagged ambiguous in them,
    except a local government and the place it governs (서울시), and a body
    named after its seat (청와대, the office and the compound)."""
    by_form: dict[str, set[str]] = defaultdict(set)
    for e in g:
        for n in e.names:
            by_form[normalize(n)].add(e.id)
    bad = []
    for form, owners in by_form.items():
        if len(owners) < 2:
            continue
        unflagged = [i for i in owners if form not in {normalize(a) for a in g[i].ambiguous_aliases}]
        if len(unflagged) < 2:
            continue
        orgs = [i for i in unflagged if g[i].type == "Organization"]
        places = [i for i in unflagged if g[i].type == "Place"]
        twin = len(orgs) == 1 and len(places) == 1 and places[0] in (g[orgs[0]].governs, g[orgs[0]].located_in)
        if not twin:
            bad.append((form, sorted(owners)))
    assert not bad, bad[:20]


def test_short_hangul_org_names_flagged(g: Gazetteer) -> None:
    for name in ("메타", "애플", "기아", "롯데", "삼성", "한화", "토스"):
        hits = g.lookup(name)
        assert hits, name
        assert any(e.is_ambiguous(name) for e in hits), name
    assert g.is_ambiguous("한국")
    assert g.is_ambiguous("MS")
    assert not g.is_ambiguous("과기정통부")
    assert not g.is_ambiguous("서울시")  # government/place twin, not an ambiguity


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    "name,want",
    [
        ("과학기술정보통신부", "org:msit"),
        ("과기정통부", "org:msit"),
        ("MSIT", "org:msit"),
        ("msit", "org:msit"),
        ("Ministry of Science and ICT", "org:msit"),
        ("Ministry of Science & ICT", "org:msit"),
        ("산업부", "org:motie"),
        ("MOTIE", "org:motie"),
        ("기재부", "org:moef"),
        ("중기부", "org:mss"),
        ("NIPA", "org:nipa"),
        ("정보통신산업진흥원", "org:nipa"),
        ("KOTRA", "org:kotra"),
        ("코트라", "org:kotra"),
        ("한전", "org:kepco"),
        ("KEPCO", "org:kepco"),
        ("(주)카카오", "org:kakao"),
        ("㈜카카오", "org:kakao"),
        ("주식회사 카카오", "org:kakao"),
        ("삼성전자㈜", "org:samsung-electronics"),
        ("Samsung Electronics Co., Ltd.", "org:samsung-electronics"),
        ("SK 텔레콤", "org:skt"),
        ("LG U+", "org:lg-uplus"),
        ("한국MS", "org:microsoft-korea"),
        ("Microsoft Korea", "org:microsoft-korea"),
        ("서울대", "org:snu"),
        ("POSTECH", "org:postech"),
        ("미래창조과학부", "org:msip"),
        ("국가보훈처", "org:mpva-old"),
        ("U.S.", "place:united-states"),
        ("미국", "place:united-states"),
        ("United States of America", "place:united-states"),
        ("대한민국", "place:south-korea"),
        ("실리콘밸리", "place:silicon-valley"),
        ("COEX", "place:coex"),
        ("Las Vegas Convention Center", "place:lvcc"),
        ("경제ㆍ인문사회연구회", "org:nrc-humanities"),
        ("ＫＯＴＲＡ", "org:kotra"),
    ],
)
def test_lookup(g: Gazetteer, name: str, want: str) -> None:
    assert ids(g.lookup(name))[:1] == [want], ids(g.lookup(name))


def test_lookup_twin_org_first(g: Gazetteer) -> None:
    assert ids(g.lookup("서울특별시")) == ["org:seoul-gov", "place:seoul"]
    assert ids(g.lookup("서울")) == ["place:seoul"]
    assert ids(g.lookup("서울시", type="Place")) == ["place:seoul"]
    assert g.lookup_one("서울시") is None
    assert g.lookup_one("서울시", type="Organization").id == "org:seoul-gov"
    assert g.government_of("place:seoul").id == "org:seoul-gov"
    assert g.governed_place("org:gyeonggi-gov").id == "place:gyeonggi"


def test_former_names_are_separate(g: Gazetteer) -> None:
    # 두산중공업 is a former name of 두산에너빌리티: not merged by default
    assert g.lookup("두산중공업") == []
    assert ids(g.lookup_former("두산중공업")) == ["org:doosan-enerbility"]
    assert ids(g.lookup("두산중공업", include_former=True)) == ["org:doosan-enerbility"]
    # 미래창조과학부 is its own (historical) entry, linked to its successor
    msip = g.lookup_one("미래창조과학부")
    assert msip.successor == "org:msit"
    assert "org:msip" in g["org:msit"].predecessors
    assert ids(g.lookup_former("미래창조과학부")) == ["org:msit"]


def test_get_and_iter(g: Gazetteer) -> None:
    assert g.get("org:msit").name == "과학기술정보통신부"
    assert g.get("org:nope") is None
    assert "org:msit" in g
    assert all(e.type == "Place" for e in g.iter("Place"))
    assert len(list(g.iter())) == len(g)


# --------------------------------------------------------------------------- hierarchy


def test_subsidiaries_distinct_from_parents(g: Gazetteer) -> None:
    pairs = [
        ("org:microsoft-korea", "org:microsoft"),
        ("org:google-korea", "org:google"),
        ("org:apple-korea", "org:apple"),
        ("org:meta-korea", "org:meta"),
        ("org:aws", "org:amazon"),
        ("org:aws-korea", "org:aws"),
        ("org:ibm-korea", "org:ibm"),
        ("org:oracle-korea", "org:oracle"),
        ("org:unity-korea", "org:unity"),
        ("org:epic-games-korea", "org:epic-games"),
        ("org:sk-broadband", "org:skt"),
        ("org:naver-cloud", "org:naver"),
        ("org:kakao-enterprise", "org:kakao"),
    ]
    for child, parent in pairs:
        c, p = g[child], g[parent]
        assert g.parent(child) is p
        assert not ({normalize(n) for n in c.names} & {normalize(n) for n in p.names}), child
        assert c in g.children(parent)
    assert ids(g.parents("org:aws-korea")) == ["org:aws", "org:amazon"]
    assert ids(g.parents("org:google-korea")) == ["org:google", "org:alphabet"]
    assert g.parent("org:microsoft") is None
    assert g.group("org:samsung-display").id == "org:samsung-group"


def test_ancestors(g: Gazetteer) -> None:
    assert ids(g.ancestors("place:coex")) == [
        "place:samseong-dong", "place:seoul-gangnam-gu", "place:seoul", "place:south-korea"]
    assert ids(g.ancestors("place:lvcc")) == ["place:las-vegas", "place:nevada", "place:united-states"]
    assert ids(g.ancestors("place:pangyo-techno-valley"))[-3:] == [
        "place:seongnam", "place:gyeonggi", "place:south-korea"]
    assert ids(g.ancestors("place:moscone")) == ["place:san-francisco", "place:california", "place:united-states"]
    assert g.ancestors("place:united-states") == []
    assert ids(g.ancestors("org:seoul-gov")) == ["place:seoul", "place:south-korea"]


# --------------------------------------------------------------------------- scanner


def test_scanner_basic(g: Gazetteer) -> None:
    text = "과기정통부는 19일 서울 코엑스에서 정보통신산업진흥원(NIPA)과 함께 행사를 열었다."
    assert spans(g, text) == [
        ("과기정통부", "org:msit"),
        # a city and a venue are two places ("서울 코엑스" is no alias: LOCATED_IN links them)
        ("서울", "place:seoul"),
        ("코엑스", "place:coex"),
        ("정보통신산업진흥원", "org:nipa"),
        ("NIPA", "org:nipa"),
    ]


def test_scanner_metaverse_is_not_meta(g: Gazetteer) -> None:
    assert spans(g, "메타버스 스타트업과 K-메타버스") == []
    assert spans(g, "메타(Meta)는 메타버스에") == [("메타", "org:meta"), ("Meta", "org:meta")]
    assert spans(g, "Metaverse and metaverse") == []


def test_scanner_ktx_is_not_kt(g: Gazetteer) -> None:
    assert spans(g, "KTX를 타고") == []
    assert spans(g, "KT&G와 KT는") == [("KT&G", "org:ktg"), ("KT", "org:kt")]
    assert spans(g, "SKT와 KT") == [("SKT", "org:skt"), ("KT", "org:kt")]
    assert spans(g, "www.kt.com") == []


def test_scanner_subsidiary_longest_match(g: Gazetteer) -> None:
    assert spans(g, "한국마이크로소프트는") == [("한국마이크로소프트", "org:microsoft-korea")]
    assert spans(g, "구글코리아와 구글") == [("구글코리아", "org:google-korea"), ("구글", "org:google")]
    assert spans(g, "AWS코리아, AWS") == [("AWS코리아", "org:aws-korea"), ("AWS", "org:aws")]
    assert spans(g, "Microsoft Korea and Microsoft") == [
        ("Microsoft Korea", "org:microsoft-korea"), ("Microsoft", "org:microsoft")]


def test_scanner_hangul_boundaries(g: Gazetteer) -> None:
    assert spans(g, "애플리케이션") == []
    assert spans(g, "한국형 모델") == []
    assert spans(g, "한국 전력 수요") == [("한국", "place:south-korea")]  # not 한국전력
    assert spans(g, "미국산 제품과 중국어") == []
    assert spans(g, "남서울대학교") == []
    assert spans(g, "삼성전자측은") == [("삼성전자", "org:samsung-electronics")]
    assert spans(g, "주식회사카카오") == [("카카오", "org:kakao")]
    assert spans(g, "과기정통부장관") == [("과기정통부", "org:msit")]
    assert spans(g, "서울특별시 중구 세종대로21길 40")[-1] == ("중구", "place:seoul-jung-gu")
    assert spans(g, "세종대로 가는 길")[0] == ("세종대", "org:sejong-univ")  # no number: a particle
    assert spans(g, "경기도지사") == [("경기도", "org:gyeonggi-gov"), ("경기도", "place:gyeonggi")]


def test_scanner_latin_case(g: Gazetteer) -> None:
    assert spans(g, "US officials met us") == [("US", "place:united-states")]
    assert spans(g, "apple pie") == []
    assert spans(g, "Apple Inc.") == [("Apple Inc", "org:apple")] or spans(g, "Apple Inc.") == [
        ("Apple Inc.", "org:apple")]
    assert spans(g, "USB cable") == []


def test_scanner_whitespace_and_width(g: Gazetteer) -> None:
    assert spans(g, "Ministry of\nScience and  ICT") == [("Ministry of\nScience and  ICT", "org:msit")]
    assert spans(g, "구글 코리아") == [("구글 코리아", "org:google-korea")]
    assert spans(g, "ＫＯＴＲＡ는") == [("ＫＯＴＲＡ", "org:kotra")]
    assert spans(g, "과기정통부ㆍ산업부") == [("과기정통부", "org:msit"), ("산업부", "org:motie")]


def test_scanner_twins_and_ambiguity(g: Gazetteer) -> None:
    ms = g.scan("서울시는 삼성과")
    assert [m.surface for m in ms] == ["서울시", "삼성"]
    assert ids(ms[0].entries) == ["org:seoul-gov", "place:seoul"] and not ms[0].ambiguous
    assert ms[1].ambiguous
    assert spans(g, "서울시는 삼성과", include_ambiguous=False) == [
        ("서울시", "org:seoul-gov"), ("서울시", "place:seoul")]


def test_scanner_former_names_opt_in(g: Gazetteer) -> None:
    text = "두산중공업은"
    assert g.find_all(text) == []
    m = g.scan(text, include_former=True)
    assert len(m) == 1 and m[0].former and m[0].entry.id == "org:doosan-enerbility"


def test_scanner_offsets(g: Gazetteer) -> None:
    text = "지난 9월 미국 라스베이거스 컨벤션센터(LVCC)에서 엔비디아와 퀄컴이"
    for s, e, entry in g.find_all(text):
        assert normalize(text[s:e]) in {normalize(n) for n in entry.names}
    assert [x[1] for x in spans(g, text)] == [
        "place:united-states", "place:lvcc", "place:lvcc", "org:nvidia", "org:qualcomm"]


# --------------------------------------------------------------------------- speed


def test_scan_of_a_long_text_finds_every_repeat() -> None:
    # speed is measured by bench/ (a timed unit test is noise on a shared CI machine);
    # here: a long text is scanned whole, every repeat of the sample found once
    path = resources.files("policygraph").joinpath("data", "gazetteer.json")
    g2 = Gazetteer.from_file(str(path))
    sample = ("과학기술정보통신부(장관 이종호)는 19일 서울 코엑스에서 한국마이크로소프트, 구글코리아, "
              "정보통신산업진흥원(NIPA)과 함께 ‘2023 K-메타버스 부스트 위크’를 열었다. "
              "The Ministry of Science and ICT said Samsung Electronics and SK hynix joined in Las Vegas. ")
    once = len(g2.find_all(sample))
    assert once >= 6
    for n in (10, 400):
        assert len(g2.find_all(sample * n)) == once * n


def test_ambiguous_flag_consistent(g: Gazetteer) -> None:
    import json

    raw = json.loads(resources.files("policygraph").joinpath("data", "gazetteer.json").read_text("utf-8"))
    for row in raw["entries"]:
        assert bool(row.get("ambiguous")) == (row["name"] in row.get("ambiguous_aliases", [])), row["id"]
    assert g["org:meta"].ambiguous and not g["org:meta-korea"].ambiguous
    assert g["org:meta"].to_dict()["ambiguous"] is True


# Short (<= 2 syllable) Hangul organisation names that are distinctive coinages, not
# everyday words: the only ones allowed without an ambiguous flag. Add here with care.
DISTINCTIVE_SHORT_ORG_NAMES = {
    "국회", "한전", "쿠팡", "넥슨", "인텔", "구글", "카카오", "네이버", "퀄컴", "소니", "안랩", "한컴",
    "루닛", "뷰노", "직방", "티빙", "경총", "한은", "기보", "유엔", "나토", "캠코", "엔씨", "과총",
    "오펙", "피파",
}


def test_short_hangul_org_aliases_are_flagged(g: Gazetteer) -> None:
    from policygraph.gazetteer import is_short_hangul

    bad = []
    for e in g.iter("Organization"):
        for n in e.names:
            if is_short_hangul(n) and n not in DISTINCTIVE_SHORT_ORG_NAMES and not e.is_ambiguous(n):
                bad.append((e.id, n))
    assert not bad, bad
