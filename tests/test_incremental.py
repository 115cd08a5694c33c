"""Incremental resolution (issue 11): a load resolves only what it wrote and the
candidates its names can link to (looked up by name keys), and the graph is the one
a resolver run over the whole store gives, whatever the order of the loads."""
from __future__ import annotations

import random
from datetime import datetime

from policygraph import pipeline
from policygraph.build import to_article_graph
from policygraph.models import Article, Entity, Extraction, Relation, Span
from policygraph.resolve import RESOLVER_KEYS_VERSION, RESOLVER_LABELS, assign_ids, resolver_keys
from policygraph.romanize import surname_variants, syllable_variants
from policygraph.stores.base import GraphStore

# written for this test: people at small companies, in Korean and in English articles
PEOPLE = [("김서윤", "빛솔테크"), ("박도현", "한빛랩"), ("이지훈", "녹색바이오"), ("최민준", "빛솔테크"),
          ("정하은", "들녘소프트"), ("김서윤", "한빛랩"), ("남궁민", "녹색바이오"), ("윤재석", "들녘소프트")]
EVENTS = [("2025 빛솔 포럼", "2025 Bitsol Forum", "2025-03-04"), ("2026 한결 세미나", "2026 Hankyeol Seminar", "2026-06-10")]
LATIN_ORG = {"빛솔테크": "Bitsoltekeu", "한빛랩": "Hanbitlaep", "녹색바이오": "Noksaekbaio", "들녘소프트": "Deulnyeoksopeuteu"}


def _english(rng: random.Random, name: str) -> str:
    sur, given = (name[:2], name[2:]) if name.startswith("남궁") else (name[0], name[1:])
    s = rng.choice(sorted(surname_variants(sur))).capitalize()
    g = rng.choice(["-", ""]).join(rng.choice(sorted(syllable_variants(c))) for c in given).capitalize()
    return f"{s} {g}" if rng.random() < 0.6 else f"{g} {s}"


def _articles(n: int = 24):
    rng = random.Random(5)
    out = []
    for a in range(n):
        english = a % 3 == 2
        ents, rels, text = [], [], []

        def ent(kind, name, ents=ents, text=text, **props):
            start = sum(len(t) + 1 for t in text)
            text.append(name)
            ents.append(Entity(f"e{len(ents)}", kind, name, properties=props, mentions=[Span(start, start + len(name), name)]))
            return ents[-1].id

        ko_ev, en_ev, day = EVENTS[a % 2]
        ev = ent("Event", en_ev if english else ko_ev, start_date=day)
        for name, org in rng.sample(PEOPLE, 2):
            o = ent("Organization", LATIN_ORG[org] if english else org)
            p = ent("Person", _english(rng, name) if english else name)
            rels.append(Relation("HOLDS_POSITION", p, o, {"title": "CEO" if english else "대표"}))
            rels.append(Relation("PARTICIPATED_IN", p, ev, {"role": "speaker"}))
        if a % 5 == 4:  # a bare name: no organisation in this article
            ent("Person", rng.choice(PEOPLE)[0])
        art = Article(f"inc-{a:03d}", f"inc/{a}.txt", f"article {a}", " ".join(text),
                      published=datetime.fromisoformat(day + "T09:00:00"), lang="en" if english else "ko")
        out.append(to_article_graph(assign_ids(Extraction(art, ents, rels)), "test"))
    return out


def _snapshot(store: GraphStore):
    return (sorted((n.id, n.label, n.props.get("name"), tuple(n.props.get("aliases") or [])) for n in store.nodes()),
            sorted((r.key, r.type) for r in store.relationships()))


def _load(store: GraphStore, graphs, batch: int, incremental: bool):
    store.clear()
    for i in range(0, len(graphs), batch):
        part = graphs[i : i + batch]
        store.replace_articles(part)
        touched = {n.id for g in part for n in g.nodes} if incremental else None
        pipeline.reconcile(store, touched=touched)
    return _snapshot(store)


def test_incremental_resolution_gives_the_whole_store_graph(store: GraphStore) -> None:
    graphs = _articles()
    whole = _load(store, graphs, 3, incremental=False)
    people = [n for n in whole[0] if n[1] == "Person"]
    # the English spellings joined their Korean names: no Latin-named person is left
    assert people and all(not p[2].isascii() for p in people)
    # namesakes at two companies stay apart (and a bare 김서윤 joins neither)
    assert {p[0] for p in people if p[2] == "김서윤"} == {"person:김서윤@빛솔테크", "person:김서윤@한빛랩", "person:김서윤"}
    assert _load(store, graphs, 3, incremental=True) == whole
    # a whole-store run after the incremental loads finds nothing left to merge
    assert pipeline.reconcile(store) == []
    for seed in (1, 2):
        order = graphs[:]
        random.Random(seed).shuffle(order)
        assert _load(store, order, 1, incremental=True)[0] == whole[0]


def test_candidates_come_by_name_keys(store: GraphStore) -> None:
    graphs = _articles()
    store.replace_articles(graphs)
    english = next(n for g in graphs for n in g.nodes if n.label == "Person" and n.props["name"].isascii())
    found = store.nodes_by_keys(resolver_keys(english), resolver_keys, RESOLVER_LABELS, RESOLVER_KEYS_VERSION)
    names = {n.props["name"] for n in found.values() if n.label == "Person"}
    korean = {n for n in names if not n.isascii()}
    assert len(korean) == 1  # the one Korean name it spells, not every person
    assert len(found) < sum(1 for g in graphs for n in g.nodes if n.label in RESOLVER_LABELS) / 4
