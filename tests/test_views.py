"""The views behind ``show`` and ``stats`` on both stores, over the bundled
examples (extracted once, then copied contribution by contribution into each
store, which gives the same merged graph as loading them)."""
from __future__ import annotations

import pytest

from policygraph import views


@pytest.fixture
def loaded(store, example_graphs):
    store.replace_articles(example_graphs)
    return store


def test_neighbourhood_reads_agree_with_a_full_scan(loaded) -> None:
    ids = ["person:강도현@msit", "org:msit", "no:such"]
    scan = [r for r in loaded.relationships() if r.source in ids or r.target in ids]
    got = loaded.relationships_of(ids)
    assert [r.key for r in got] == [r.key for r in scan] and got
    assert {r.key: r.props for r in got} == {r.key: r.props for r in scan}
    assert [r.key for r in loaded.relationships_of(ids, "SAID")] == [r.key for r in scan if r.type == "SAID"]
    assert loaded.relationships_of(ids, "NO_SUCH_TYPE") == []
    nodes = loaded.nodes_by_id(ids + ["org:msit"])
    assert list(nodes) == ["person:강도현@msit", "org:msit"]
    assert nodes["org:msit"] == loaded.node("org:msit")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("person:강도현@msit", "person:강도현@msit"),
        ("강도현", "person:강도현@msit"),
        ("kang do-hyun", "person:강도현@msit"),  # English name, any case
        ("KANG DOHYUN", "person:강도현@msit"),  # spacing and punctuation ignored
        ("Kang", "person:강도현@msit"),  # a form an article used
        ("msit", "org:msit"),  # alias, any case
        ("과기정통부", "org:msit"),
        ("ministry of science and ict", "org:msit"),
        ("example-news-0001", "article:example-news-0001"),  # bare article id
        ("forum/03_news_feed.jsonl#2", "article:example-news-0002"),  # article by file
    ],
)
def test_find_by_any_name(loaded, query: str, expected: str) -> None:
    assert [n.id for n in views.find(loaded, query)] == [expected]


def test_find_suggests_close_names(loaded) -> None:
    with pytest.raises(views.NotFound) as e:
        views.find(loaded, "과기부")
    assert ("과학기술정보통신부", "Organization", "org:msit") in e.value.suggestions
    assert "did you mean" in str(e.value)
    with pytest.raises(views.NotFound) as e:
        views.find(loaded, "강도")
    assert e.value.suggestions[0][2] == "person:강도현@msit"
    with pytest.raises(views.NotFound) as e:
        views.find(loaded, "zzzzqqq")
    assert e.value.suggestions == [] and "did you mean" not in str(e.value)


def test_article_view_reads_like_the_article(loaded) -> None:
    v = views.article_view(loaded, loaded.node("article:93945d69cabdfa79"))
    assert v.title.startswith("과기정통부")
    assert v.node.props["source"].endswith("01_msit_press_release.txt")
    assert [n.id for n in v.entities["Person"]][:1] == ["person:강도현@msit"]
    assert "org:nia" in {n.id for n in v.entities["Organization"]}
    assert "강도현 — 제2차관 of → 과학기술정보통신부" in v.relations
    assert "과학기술정보통신부 — organised → 2024 디지털 트윈 얼라이언스 포럼" in v.relations
    assert not any("{" in s or "article:" in s for s in v.relations)  # no dicts, no ids
    (ev,) = v.events
    assert ev.date == "2024-05-21" and ev.places == ["코엑스"]
    assert "과학기술정보통신부" in ev.organisers
    speakers = {q.speaker for q in v.quotes}
    assert speakers == {"강도현", "윤소라"}
    assert any(q.text.startswith("디지털 트윈은 제조와 도시") for q in v.quotes)
    assert not any(q.text.startswith("quote:") for q in v.quotes)
    assert v.issuer == ["과학기술정보통신부"]


def test_entity_view_of_a_person(loaded) -> None:
    v = views.entity_view(loaded, loaded.node("person:강도현@msit"))
    assert v.names[:2] == ["강도현", "Kang Do-hyun"]
    assert v.forms["Kang"] == 1 and v.forms["강도현"] == 2
    assert [(p.first, p.title, p.organisation) for p in v.positions] == [
        ("2024-05-21", "제2차관", "과학기술정보통신부"),
        ("2024-05-22", "Second Vice Minister", "과학기술정보통신부"),
    ]
    (ev,) = v.events
    assert ev.date == "2024-05-21" and "speaker" in ev.how and ev.places == ["코엑스"]
    co = {c.node.id: c.shared for c in v.co_participants}
    assert co["person:배준호@트윈웍스"] == 1 and "person:강도현@msit" not in co
    assert [a.date for a in v.articles] == ["2024-05-21", "2024-05-22"]
    assert len(v.quotes) == 3 and all(not q.text.startswith("quote:") for q in v.quotes)
    assert any("romanises" in m for m in v.merge_reasons)


def test_entity_view_of_an_organisation_and_an_event(loaded) -> None:
    org = views.entity_view(loaded, loaded.node("org:msit"))
    assert {(p.person, p.title) for p in org.positions} >= {("강도현", "제2차관"), ("이종호", "장관")}
    assert [e.how for e in org.events] == ["organised"]
    ev = views.entity_view(loaded, loaded.node("event:2024디지털트윈얼라이언스포럼"))
    who = {c.node.id for c in ev.co_participants}
    assert {"org:msit", "person:강도현@msit", "org:트윈웍스"} <= who
    assert "2024 디지털 트윈 얼라이언스 포럼 — held at → 코엑스" in ev.relations


def test_stats_view_ranks_what_articles_name(loaded) -> None:
    v = views.stats_view(loaded, top=3)
    assert v.nodes["Article"] == 5 and v.relationships["MENTIONS"] > 0
    assert [n.id for n, _ in v.top["Event"]] == ["event:2024디지털트윈얼라이언스포럼"]
    assert v.top["Event"][0][1] == 5
    assert len(v.top["Person"]) == 3
    counts = [c for _, c in v.top["Organization"]]
    assert counts == sorted(counts, reverse=True)
    assert views.stats_view(loaded, top=0).top == {}
