"""The bundled example set (examples/) is worth analysing: every input form,
at least 40 articles that all load, and the patterns the notebooks draw
(recurring events, officials who change posts, companies invited again and
again, events abroad)."""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from policygraph.stores.sqlite import SQLiteStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def loaded(examples_loaded: dict):
    store = SQLiteStore(examples_loaded["path"])
    yield store, examples_loaded["report"], examples_loaded["seconds"]
    store.close()


def test_every_input_form_is_there() -> None:
    suffixes = Counter(p.suffix for p in EXAMPLES.iterdir() if p.name != "README.md")
    assert {".txt", ".html", ".jsonl", ".json"} <= set(suffixes)
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "invented" in readme


def test_all_articles_load_quickly(loaded) -> None:
    store, report, seconds = loaded
    assert report.ok, report.failures
    assert report.articles_read >= 40 and report.articles_written == report.articles_read
    langs = Counter(n.props.get("lang") for n in store.nodes("Article"))
    assert langs["ko"] >= 25 and langs["en"] >= 10
    # extraction, resolution and writing of the whole set (kiwipiepy's start-up included)
    assert seconds < 120, f"loading examples/ took {seconds:.0f} s"


def test_recurring_events_and_repeat_invitees(loaded) -> None:
    store, _, _ = loaded
    events = {n.id: n for n in store.nodes("Event")}
    editions = Counter()
    for e in events.values():
        name = str(e.props["name"])
        if name[:4].isdigit():
            editions[name[5:]] += 1
    assert editions["디지털 트윈 얼라이언스 포럼"] == 4
    assert editions["K-스마트시티 해외 로드쇼"] == 4
    assert editions["수소 모빌리티 국제 콘퍼런스"] == 3
    invited = defaultdict(set)
    for r in store.relationships("PARTICIPATED_IN"):
        if r.source.startswith("org:") and r.target in events:
            invited[r.source].add(r.target)
    assert len(invited["org:트윈웍스"]) >= 8
    assert len(invited["org:어반루프"]) >= 8
    assert len(invited["org:hyundai-motor"]) >= 4


def test_officials_change_posts(loaded) -> None:
    store, _, _ = loaded
    titles = defaultdict(set)
    for r in store.relationships("HOLDS_POSITION"):
        titles[r.source].add(r.props.get("title"))
    assert {"인공지능기반정책관", "정보통신정책실장", "제2차관"} <= titles["person:윤재석@msit"]
    assert {"도시정책관", "국토도시실장", "제1차관"} <= titles["person:오태근@molit"]


def test_events_abroad_in_several_countries(loaded) -> None:
    store, _, _ = loaded
    held = {r.target for r in store.relationships("HELD_AT")}
    assert {"place:jakarta", "place:hanoi", "place:riyadh", "place:warsaw", "place:frankfurt",
            "place:singapore", "place:tokyo", "place:paris"} <= held
