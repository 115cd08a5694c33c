"""Resolver cost against the number of articles, in one run.

    python bench/bench_resolve.py [--sizes 1000,5000,20000] [--baseline-src DIR]
                                  [--baseline-sizes 250,500,1000] [--stage batch|load]

Synthetic extractions stand in for the extractor (which is linear and not what is
measured): each article names three people (Korean names, or in one article of
five their English romanisations in varied spellings and orders, surname first
or last), their organisations (Korean names, English transliterations in the
English articles, and a few hub bodies from the gazetteer that most articles
name), one event (Korean and English names, a date) and its venue. The pools of
people, organisations and events grow with the number of articles, so the number
of entities, namesakes included, grows as it would in a real archive.

Stages (CPU seconds of this process, ``time.process_time``):

* ``batch``: ``resolve_batch`` over all the extractions: what ``policygraph
  extract`` spends resolving;
* ``load``: one 100-article load (write + ``pipeline.reconcile``) into an
  embedded store that already holds the given number of articles (written and
  resolved beforehand, not timed); with this change the load resolves only what
  it touched, before it the whole store.

It prints, per size, seconds and milliseconds per article, the ratio of the
per-article cost to the smallest size's, and the fitted exponent (time ~ n^k;
linear is 1.0); for ``load`` the batch's cost and its ratio to the smallest store. ``--baseline-src`` runs the same measurement with another source
tree (e.g. the code on main before this change) in a child process, in the same
run, so that the two can be compared as ratios.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구민"
GIVEN = (
    "민서지현수영준우도윤하은재성진호연유시예원승태훈상동혁경희주정선미나다소아채건규석철용병광창기범찬형"
    "혜인보람솔별빈율온결한림"
)
WORDS = "강산별빛솔밭정석든튼결맑숲길봄꽃들녘빛찬반석한결녹색"
ORG_SUFFIX = [("테크", "Tech"), ("랩", "Lab"), ("소프트", "Soft"), ("바이오", "Bio"), ("로보틱스", "Robotics")]
EVENT_KIND = [("포럼", "Forum"), ("세미나", "Seminar"), ("컨퍼런스", "Conference")]
HUBS = [("org:msit", "과학기술정보통신부", "Ministry of Science and ICT"), ("org:nia", "한국지능정보사회진흥원", "NIA"),
        ("org:motie", "산업통상자원부", "Ministry of Trade, Industry and Energy")]
PLACES = ["코엑스", "킨텍스", "벡스코", "세종컨벤션센터", "대전컨벤션센터", "엑스코", "송도컨벤시아", "김대중컨벤션센터"]


def _word(rng: random.Random, k: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(k))


def _english(rng: random.Random, name: str) -> str:
    """One plausible English spelling of a Korean name (the resolver must link it)."""
    from policygraph.romanize import surname_variants, syllable_variants

    sur, given = name[0], name[1:]
    s = rng.choice(sorted(surname_variants(sur))).capitalize()
    parts = [rng.choice(sorted(syllable_variants(c))) for c in given]
    g = ("-" if rng.random() < 0.6 else "").join(parts).capitalize()
    return f"{s} {g}" if rng.random() < 0.7 else f"{g} {s}"


def synth(n: int, seed: int = 7):
    """``n`` unresolved extractions (article-local ids), deterministic for a seed."""
    from policygraph.models import Article, Entity, Extraction, Relation, Span

    rng = random.Random(seed)
    n_people = max(30, int(n * 1.2))
    n_orgs = max(10, n // 8)
    n_events = max(5, n // 4)
    orgs = []
    for i in range(n_orgs):
        ko_sfx, en_sfx = rng.choice(ORG_SUFFIX)
        orgs.append(f"{_word(rng, 3)}{ko_sfx}")
    people = []
    for i in range(n_people):
        people.append(("".join([rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)]), rng.randrange(n_orgs)))
    events = []
    for i in range(n_events):
        ko_kind, en_kind = rng.choice(EVENT_KIND)
        topic = _word(rng, 2)
        year = rng.choice([2023, 2024, 2025, 2026])
        day = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        events.append((f"{year} {topic} {ko_kind}", f"{year} {topic_en(topic)} {en_kind}", day, rng.choice(PLACES),
                       rng.randrange(len(HUBS))))
    out = []
    for a in range(n):
        english = rng.random() < 0.2
        ents: list = []
        rels: list = []
        text: list[str] = []

        def ent(kind: str, name: str, ents: list = ents, text: list = text, **props) -> str:
            eid = f"e{len(ents)}"
            start = sum(len(t) + 1 for t in text)
            text.append(name)
            ents.append(Entity(eid, kind, name, properties=props, mentions=[Span(start, start + len(name), name)]))
            return eid

        ev_name_ko, ev_name_en, day, place, hub = events[rng.randrange(n_events)]
        hub_id, hub_ko, hub_en = HUBS[hub]
        h = ent("Organization", hub_en if english else hub_ko, gazetteer_id=hub_id)
        ev = ent("Event", ev_name_en if english else ev_name_ko, start_date=day)
        pl = ent("Place", place)
        rels.append(Relation("ORGANIZED", h, ev))
        rels.append(Relation("HELD_AT", ev, pl))
        for _ in range(3):
            name, org = people[min(int(rng.paretovariate(1.2)) - 1, n_people - 1) if rng.random() < 0.3 else rng.randrange(n_people)]
            oname = orgs[org]
            if english:
                from policygraph.romanize import romanize

                # a transliteration (g before e/i/y written k: the resolver reads Latin "ge" soft)
                oname = re.sub(r"g(?=[eiy])", "k", romanize(oname)).capitalize()
            o = ent("Organization", oname)
            p = ent("Person", _english(rng, name) if english else name)
            rels.append(Relation("HOLDS_POSITION", p, o, {"title": "대표" if not english else "CEO"}))
            rels.append(Relation("PARTICIPATED_IN", p, ev, {"role": "speaker"}))
        art = Article(f"synth-{seed}-{a:07d}", f"synth/{a}.txt", f"article {a}", " ".join(text),
                      published=datetime.fromisoformat(day + "T09:00:00"), lang="en" if english else "ko")
        out.append(Extraction(art, ents, rels))
    return out


def topic_en(topic: str) -> str:
    from policygraph.romanize import romanize

    return romanize(topic).capitalize()


def run_batch(n: int) -> float:
    from policygraph.resolve import resolve_batch

    exs = synth(n)
    t0 = time.process_time()
    resolve_batch(exs, "bench")
    return time.process_time() - t0


def run_load(n: int, batch: int = 100) -> tuple[float, float, float]:
    """CPU seconds of one ``batch``-article load into a store that holds ``n``
    articles already (written and resolved beforehand, not timed): (total, the
    store's write, the resolver's reconcile)."""
    from policygraph import pipeline
    from policygraph.build import to_article_graph
    from policygraph.resolve import assign_ids
    from policygraph.stores.sqlite import SQLiteStore

    exs = synth(n + batch)
    graphs = [to_article_graph(assign_ids(x), "bench") for x in exs]
    incremental = "touched" in pipeline.reconcile.__code__.co_varnames
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        for i in range(0, n, 1000):
            store.replace_articles(graphs[i : min(i + 1000, n)])
        pipeline.reconcile(store)
        if incremental:  # the name keys of the stored nodes, as earlier loads would have left them
            from policygraph.resolve import RESOLVER_KEYS_VERSION, RESOLVER_LABELS, resolver_keys

            store.nodes_by_keys(["-"], resolver_keys, RESOLVER_LABELS, RESOLVER_KEYS_VERSION)
        new = graphs[n:]
        t0 = time.process_time()
        store.replace_articles(new)
        t1 = time.process_time()
        kw = {"touched": {nd.id for g in new for nd in g.nodes}} if incremental else {}
        pipeline.reconcile(store, **kw)
        t2 = time.process_time()
        store.close()
    return t2 - t0, t1 - t0, t2 - t1


def measure(stage: str, sizes: list[int]) -> list[tuple[int, float]]:
    fn = run_batch if stage == "batch" else run_load
    fn(200)  # warm-up: imports, the romanisation caches
    return [(n, fn(n)) for n in sizes]


def report_load(title: str, rows: list) -> None:
    print(title)
    n0, (t0, w0, r0) = rows[0]
    for n, (t, w, r) in rows:
        print(f"  store of {n:>7} articles: a 100-article load {t:7.2f} s CPU (x{t / t0:.2f}): "
              f"write {w:6.2f} s (x{w / w0:.2f}), resolve {r:6.2f} s (x{r / r0:.2f}) vs a store of {n0}")


def report(title: str, rows: list[tuple[int, float]]) -> None:
    print(title)
    n0, t0 = rows[0]
    for n, t in rows:
        print(f"  {n:>7} articles: {t:9.2f} s CPU  {1000 * t / n:8.3f} ms/article  "
              f"per-article x{(t / n) / (t0 / n0):.2f} vs {n0}")
    if len(rows) > 1:
        xs = [math.log(n) for n, _ in rows]
        ys = [math.log(max(t, 1e-9)) for _, t in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        k = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        print(f"  fitted exponent: {k:.2f} (linear = 1.00)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--stage", choices=("batch", "load"), default="batch")
    ap.add_argument("--baseline-src", help="another source tree (its src/ folder) measured in a child process")
    ap.add_argument("--baseline-sizes", default="250,500,1000")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON (used for the child)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.json:
        print(json.dumps(measure(args.stage, sizes)))
        return
    base = None
    if args.baseline_src:
        env = {**os.environ, "PYTHONPATH": args.baseline_src}
        cmd = [sys.executable, __file__, "--json", "--stage", args.stage, "--sizes", args.baseline_sizes]
        base = json.loads(subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout)
    rows = measure(args.stage, sizes)
    import policygraph

    show = report if args.stage == "batch" else report_load
    show(f"stage {args.stage}, this tree ({Path(policygraph.__file__).parent}):", rows)
    if base:
        show(f"stage {args.stage}, baseline ({args.baseline_src}):", [tuple(r) for r in base])
        common = {n for n, _ in rows} & {n for n, _ in base}
        for n in sorted(common):
            a = dict(rows)[n]
            b = dict((x, y) for x, y in base)[n]
            if isinstance(a, (list, tuple)):
                print(f"  at {n}: this tree / baseline: load {a[0] / b[0]:.3f}, resolve {a[2] / b[2]:.3f}")
            else:
                print(f"  at {n}: this tree / baseline = {a / b:.3f}")


if __name__ == "__main__":
    main()
