"""The whole pipeline on a small set of articles about one forum (the four
files examples/ started with), against both stores: idempotent loads,
order-independent resolution, changed articles, cross-language ids."""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest

from policygraph import pipeline
from policygraph.stores.base import GraphStore

# the four articles about one forum that examples/ started with: a small, stable set
EXAMPLES = Path(__file__).resolve().parent / "fixtures" / "forum"
FILES = sorted(p for p in EXAMPLES.iterdir() if p.is_file())


def snapshot(store: GraphStore):
    nodes = {(n.id, n.label, n.props.get("name")) for n in store.nodes()}
    rels = {(r.type, r.source, r.target, r.props.get("title")) for r in store.relationships()}
    return nodes, rels


def test_load_examples_twice_changes_nothing(store: GraphStore) -> None:
    first = pipeline.load([EXAMPLES], store)
    assert first.ok and first.articles_read == 5 and first.articles_written == 5
    before = snapshot(store)
    counts = store.counts()
    second = pipeline.load([EXAMPLES], store)
    assert second.articles_written == 0 and second.articles_unchanged == 5
    assert snapshot(store) == before
    assert store.counts() == counts
    # forcing a rewrite still gives the same graph
    pipeline.load([EXAMPLES], store, force=True)
    assert snapshot(store) == before


def test_one_node_per_thing_across_languages(store: GraphStore) -> None:
    pipeline.load([EXAMPLES], store)
    people = {n.props["name"]: n for n in store.nodes("Person")}
    # the Korean and English press releases name the same people
    assert people["강도현"].props.get("name_en") == "Kang Do-hyun"
    assert "Kang Do-hyun" in people["강도현"].props["aliases"]
    assert not any(n.startswith("Kang") for n in people)
    assert people["배준호"].id == "person:배준호@트윈웍스"
    events = list(store.nodes("Event"))
    assert [e.props["name"] for e in events] == ["2024 디지털 트윈 얼라이언스 포럼"]
    forum = events[0]
    assert forum.props["start_date"] == "2024-05-21"
    assert "2024 Digital Twin Alliance Forum" in forum.props["aliases"]
    assert len(forum.props["articles"]) == 5
    orgs = {n.id for n in store.nodes("Organization")}
    assert {"org:msit", "org:nia", "org:nvidia", "org:트윈웍스"} <= orgs
    assert not any("Twin" in o for o in orgs)  # TwinWorks joined 트윈웍스
    organized = {(r.source, r.target) for r in store.relationships("ORGANIZED")}
    assert organized == {("org:msit", forum.id), ("org:nia", forum.id)}
    assert {(r.source, r.target) for r in store.relationships("HELD_AT")} >= {(forum.id, "place:coex")}


@pytest.mark.parametrize("order", [0, 1, 2])
def test_article_by_article_in_any_order_equals_all_at_once(store: GraphStore, order: int, tmp_path: Path) -> None:
    perms = list(itertools.permutations(FILES))
    files = [perms[0], perms[len(perms) // 2], perms[-1]][order]
    for f in files:
        assert pipeline.load([f], store).ok
    one_by_one = snapshot(store)
    store.clear()
    pipeline.load([EXAMPLES], store)
    assert snapshot(store) == one_by_one


def test_changed_article_replaces_only_its_facts(store: GraphStore, tmp_path: Path) -> None:
    work = tmp_path / "articles"
    shutil.copytree(EXAMPLES, work)
    pipeline.load([work], store)
    nodes, rels = snapshot(store)
    assert any(n[2] == "윤소라" for n in nodes)
    release = work / "01_msit_press_release.txt"
    text = release.read_text(encoding="utf-8")
    # the new version drops the NIA official's quote paragraph
    cut = text.index("  ㅇ 한국지능정보사회진흥원 윤소라")
    release.write_text(text[:cut], encoding="utf-8")
    report = pipeline.load([work], store)
    assert report.articles_written == 1 and report.articles_unchanged == 4
    nodes2, rels2 = snapshot(store)
    assert not any(n[2] == "윤소라" for n in nodes2)  # only that article named her
    assert any(n[0] == "org:nia" for n in nodes2)  # still named by others
    assert any(r[0] == "ORGANIZED" and r[1] == "org:nia" for r in rels2)
    # putting the old version back restores the old graph
    release.write_text(text, encoding="utf-8")
    pipeline.load([work], store)
    assert snapshot(store) == (nodes, rels)


def test_bad_files_fail_alone(store: GraphStore, tmp_path: Path) -> None:
    work = tmp_path / "in"
    shutil.copytree(EXAMPLES, work)
    (work / "empty.txt").write_text("", encoding="utf-8")
    (work / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (work / "broken.json").write_text('{"title": "x", ', encoding="utf-8")
    report = pipeline.load([work], store)
    assert report.articles_read == 5
    failed = {Path(f.source).name for f in report.failures}
    assert failed == {"empty.txt", "binary.txt", "broken.json"}
    assert all(f.message and "\n" not in f.message for f in report.failures)
    assert store.counts()["nodes"]["Article"] == 5


def test_extract_paths_gives_batch_wide_ids() -> None:
    exs = pipeline.extract_paths([EXAMPLES])
    ids = {}
    for x in exs:
        for e in x.entities:
            if e.type == "Person":
                ids.setdefault(e.name, set()).add(e.id)
            for m in e.mentions:
                assert x.article.text[m.start : m.end] == m.text
    assert ids["강도현"] == {"person:강도현@msit"}
    assert ids["정서윤"] == {"person:정서윤@nvidia"}


DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev" / "articles"


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus not present")
def test_dev_corpus_in_three_orders_and_at_once_gives_one_graph(store: GraphStore, tmp_path: Path) -> None:
    """Issue 4: identical node and relationship sets whatever the loading order."""
    import random

    files = sorted(p for p in DEV.iterdir() if p.is_file())
    graphs = []
    for seed in (1, 2, 3):
        order = files[:]
        random.Random(seed).shuffle(order)
        store.clear()
        for f in order:
            pipeline.load([f], store)
        graphs.append(snapshot(store))
    store.clear()
    pipeline.load([DEV], store)
    at_once = snapshot(store)
    for g in graphs:
        assert g[0] == at_once[0]
        assert g[1] == at_once[1]
    # the English articles' people share ids with their Korean counterparts
    people = {n[2]: n[0] for n in at_once[0] if n[1] == "Person"}
    assert people.get("박윤규", "").startswith("person:박윤규@")
    assert not any(name.startswith("Park Yoon") for name in people)


def test_the_summary_of_an_empty_load_says_none(tmp_path) -> None:
    from policygraph.pipeline import LoadReport

    lines = LoadReport(articles_read=1).summary().splitlines()
    assert lines[-2:] == ["nodes: none", "relationships: none"]
    report = LoadReport(articles_read=1)
    report.nodes["Person"] = 2
    assert "nodes: Person 2" in report.summary().splitlines()
