"""The resolver on hand-made graphs: romanised names, namesakes, events,
transliterated companies, overrides."""
from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.errors import ConfigError
from policygraph.models import NodeRecord, RelRecord
from policygraph.resolve import Overrides, consolidate, skeleton


def person(pid, name):
    return NodeRecord(pid, "Person", {"name": name})


def org(oid, name, **props):
    return NodeRecord(oid, "Organization", {"name": name, **props})


def pos(p, o, title="대표"):
    return RelRecord(f"HOLDS_POSITION|{p}|{o}|{title}", "HOLDS_POSITION", p, o, {"title": title})


def test_english_name_joins_korean_name_at_the_same_organisation():
    nodes = [person("person:박윤규@msit", "박윤규"), person("person:Park Yoon-kyu@msit", "Park Yoon-kyu"), org("org:msit", "과학기술정보통신부", gazetteer_id="org:msit")]
    rels = [pos("person:박윤규@msit", "org:msit", "2차관"), pos("person:Park Yoon-kyu@msit", "org:msit", "Second Vice Minister")]
    mapping, names = consolidate(nodes, rels)
    assert mapping == {"person:Park Yoon-kyu@msit": ("person:박윤규@msit", "'Park Yoon-kyu' romanises '박윤규'")}
    assert names["person:박윤규@msit"] == "박윤규"


def test_namesakes_at_different_organisations_stay_apart():
    nodes = [
        person("person:이정민@kaist", "이정민"), person("person:이정민@kotra", "이정민"),
        person("person:Lee Jung-min@kotra", "Lee Jung-min"), person("person:이정민", "이정민"),
        org("org:kaist", "한국과학기술원", gazetteer_id="org:kaist"), org("org:kotra", "대한무역투자진흥공사", gazetteer_id="org:kotra"),
    ]
    rels = [pos("person:이정민@kaist", "org:kaist", "교수"), pos("person:이정민@kotra", "org:kotra", "무역관장"),
            pos("person:Lee Jung-min@kotra", "org:kotra", "Director")]
    mapping, _ = consolidate(nodes, rels)
    assert mapping["person:Lee Jung-min@kotra"][0] == "person:이정민@kotra"
    assert "person:이정민@kaist" not in mapping and "person:이정민@kotra" not in mapping
    # a bare "이정민" cannot tell which of the two it is: it stays apart
    assert "person:이정민" not in mapping


def test_an_unaffiliated_mention_joins_the_only_affiliated_namesake_when_the_text_links_them():
    bare = NodeRecord("person:오제욱", "Person", {"name": "오제욱", "articles": ["a2"]})
    nodes = [NodeRecord("person:오제욱@dob", "Person", {"name": "오제욱", "articles": ["a1"]}), bare,
             org("org:dob", "디오비스튜디오", articles=["a1", "a2"])]
    mapping, _ = consolidate(nodes, [pos("person:오제욱@dob", "org:dob")])
    assert mapping == {"person:오제욱": ("person:오제욱@dob", "same name, and the article names their organisation or event")}


def test_a_shared_common_name_alone_links_nobody():
    # a bare "김철수" in an article that names neither the company nor its events
    nodes = [NodeRecord("person:김철수@kepco", "Person", {"name": "김철수", "articles": ["a1"]}),
             NodeRecord("person:김철수", "Person", {"name": "김철수", "articles": ["a9"]}),
             org("org:kepco", "한국전력공사", articles=["a1"])]
    mapping, _ = consolidate(nodes, [pos("person:김철수@kepco", "org:kepco", "부장")])
    assert mapping == {}


def test_common_surname_alone_is_not_enough():
    nodes = [person("person:이종호@msit", "이종호"), person("person:Lee Jung-ho", "Lee Jung-ho")]
    mapping, _ = consolidate(nodes, [pos("person:이종호@msit", "org:msit", "장관")])
    assert mapping == {}


@pytest.mark.parametrize(
    "english, korean",
    [("DOB Studio", "디오비스튜디오"), ("CorePixel Lab", "코어픽셀랩"), ("XonSpace", "엑스온스페이스"),
     ("Metabricks", "메타브릭스"), ("K-Metaverse Boost Week", "K메타버스 부스트 위크"), ("Digital Twin Alliance Forum", "디지털 트윈 얼라이언스 포럼")],
)
def test_transliterations_share_a_skeleton(english, korean):
    assert skeleton(english) == skeleton(korean)


@pytest.mark.parametrize("a, b", [("Samsung", "삼성전자"), ("Google Korea", "구글"), ("Boost Week", "부스트 캠프")])
def test_different_names_do_not_share_a_skeleton(a, b):
    assert skeleton(a) != skeleton(b)


def test_company_and_its_transliteration_merge_but_subsidiaries_do_not():
    nodes = [org("org:DOB Studio", "DOB Studio"), org("org:디오비스튜디오", "디오비스튜디오"),
             org("org:microsoft", "마이크로소프트", gazetteer_id="org:microsoft", aliases=["MS"]),
             org("org:microsoft-korea", "한국마이크로소프트", gazetteer_id="org:microsoft-korea", aliases=["MS"])]
    mapping, _ = consolidate(nodes, [])
    assert mapping == {"org:DOB Studio": ("org:디오비스튜디오", "'DOB Studio' is a transliteration of '디오비스튜디오'")}


def test_editions_of_an_event_stay_apart_and_wordings_merge():
    ev = lambda i, n, d: NodeRecord(i, "Event", {"name": n, "start_date": d})
    nodes = [ev("e1", "2023 K메타버스 부스트 위크", "2023-09"), ev("e2", "2023 K-Metaverse Boost Week", "2023-09-12"),
             ev("e3", "2024 K메타버스 부스트 위크", "2024-10"), ev("e4", "제4차 디지털 국정과제 현장 간담회(시즌2)", "2023-10-19"),
             ev("e5", "제5차 디지털 국정과제 현장 간담회(시즌2)", "2023-11-23")]
    mapping, _ = consolidate(nodes, [])
    assert mapping == {"e2": ("e1", mapping["e2"][1])}


def test_overrides_merge_and_split(tmp_path: Path):
    f = tmp_path / "o.toml"
    f.write_text('[[merge]]\nids = ["org:a", "org:b"]\n[[split]]\nids = ["org:DOB Studio", "org:디오비스튜디오"]\n', encoding="utf-8")
    ov = Overrides.load(f)
    nodes = [org("org:a", "가나다"), org("org:b", "Totally Different"), org("org:DOB Studio", "DOB Studio"), org("org:디오비스튜디오", "디오비스튜디오")]
    mapping, _ = consolidate(nodes, [], ov)
    assert set(mapping) == {"org:b"} and mapping["org:b"][0] == "org:a"
    assert "override" in mapping["org:b"][1]


@pytest.mark.parametrize("text", ["[[merge]]\nids = 'x'", "[[split]]\nids = ['only-one']", "not toml ["])
def test_bad_override_files_are_config_errors(tmp_path: Path, text: str):
    f = tmp_path / "o.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        Overrides.load(f)
    assert str(f) in str(err.value)


def test_one_event_and_one_foreign_body_in_two_languages_are_one_node():
    from datetime import datetime

    from policygraph.dates import KST
    from policygraph.extract import extract
    from policygraph.models import Article
    from policygraph.resolve import resolve_batch

    ko = Article(id="k", source="k.txt", title="", lang="ko", published=datetime(2025, 5, 20, tzinfo=KST),
                 text="산업통상자원부는 20일 자카르타에서 인도네시아 에너지광물자원부와 함께 ‘한·인도네시아 청정에너지 비즈니스 포럼’을 공동 개최했다.")
    en = Article(id="e", source="e.txt", title="", lang="en", published=datetime(2025, 5, 20, tzinfo=KST),
                 text="The Ministry of Trade, Industry and Energy and Indonesia's Ministry of Energy and Mineral Resources co-hosted "
                      "the Korea-Indonesia Clean Energy Business Forum in Jakarta on Tuesday.")
    out = resolve_batch([extract(ko), extract(en)])
    ids = [{e.type: e.id for e in x.entities if e.type == "Event"} for x in out]
    assert ids[0]["Event"] == ids[1]["Event"]
    bodies = [{e.id for e in x.entities if e.type == "Organization" and "에너지광물자원부" in (e.name + " ".join(e.aliases)) or "Energy and Mineral" in (e.name + " ".join(e.aliases))} for x in out]
    assert bodies[0] and bodies[0] == bodies[1]


def test_namesakes_at_two_bodies_in_one_article_are_two_people():
    from datetime import datetime

    from policygraph.extract import extract
    from policygraph.models import Article

    ex = extract(Article(id="n", source="n.txt", title="", lang="ko", published=datetime(2024, 6, 1),
                         text="한빛랩 이서준 대표는 성과를 소개했다. 정보통신산업진흥원 이서준 팀장은 후속 지원을 약속했다."))
    people = [e for e in ex.entities if e.type == "Person" and e.name == "이서준"]
    assert len(people) == 2


@pytest.mark.parametrize("name, start", [("2026 AI 서밋", None), ("2026년 AI 서밋", None), ("AI 서밋 2026", None), ("AI 서밋", "2026-03-01")])
def test_event_id_survives_how_the_year_is_written(name, start):
    from policygraph.resolve import event_key

    assert event_key(name, start) == event_key("2026 AI 서밋", None)


def test_one_korean_name_romanised_in_two_orders_is_one_person():
    from datetime import datetime

    from policygraph.extract import extract
    from policygraph.models import Article
    from policygraph.resolve import resolve_batch

    a = Article(id="a", source="a.txt", title="", lang="en", published=datetime(2024, 6, 1),
                text="Seo Ye-jin, CEO of Lumora Robotics, presented at the forum.")
    b = Article(id="b", source="b.txt", title="", lang="en", published=datetime(2024, 6, 2),
                text="Ye-jin Seo, CEO of Lumora Robotics, said the company would expand.")
    c = Article(id="c", source="c.txt", title="", lang="en", published=datetime(2024, 6, 3),
                text="Ye-jin Seo, CEO of Brightwave Labs, said the company would hire.")
    out = resolve_batch([extract(a), extract(b), extract(c)])
    pid = [next(e.id for e in x.entities if e.type == "Person") for x in out]
    assert pid[0] == pid[1]
    assert pid[2] != pid[0]  # a namesake at another company stays apart
