"""What keeping the SPARQL store in step costs, and what the library queries take.

    python bench/bench_sparql.py [--corpus ../shared/corpus/dev/articles] [--copies 1 4 16]

For stores of 1, 4, 16 ... disjoint copies of the corpus (bench_export's
builder): the digest that decides whether the cached pyoxigraph store is
current, a cold rebuild, opening the warm cache, and each library query on
the warm cache (median of 3).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import ROOT, build_copies  # noqa: E402


def busiest(store) -> dict[str, str]:
    """A parameter value per kind: the most connected node of that kind."""
    from collections import Counter

    c: dict[str, Counter] = {k: Counter() for k in ("person", "org", "event", "entity")}
    for r in store.relationships():
        if r.type == "PARTICIPATED_IN" and r.source.startswith("person:"):
            c["person"][r.source] += 1
        if r.type == "ORGANIZED":
            c["org"][r.source] += 1
        if r.type == "REPORTS":
            c["event"][r.target] += 1
        if r.type == "MENTIONS":
            c["entity"][r.target] += 1
    out = {k: v.most_common(1)[0][0] for k, v in c.items() if v}
    out["home"] = "place:south-korea"
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "dev" / "articles"))
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--workdir")
    args = ap.parse_args()
    from policygraph import sparql
    from policygraph.stores.sqlite import SQLiteStore

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="pg-bench-sparql-"))
    work.mkdir(parents=True, exist_ok=True)
    stores = build_copies(Path(args.corpus), args.copies, work)
    print("| copies | triples | digest ms | cold rebuild s | warm open ms |")
    print("|---|---|---|---|---|")
    per_query: dict[str, dict[int, float]] = {}
    for k, db in stores.items():
        with SQLiteStore(db) as s:
            shutil.rmtree(str(db) + sparql.CACHE_SUFFIX, ignore_errors=True)
            t0 = time.perf_counter()
            sparql.graph_state(s)
            digest = time.perf_counter() - t0
            t0 = time.perf_counter()
            sp = sparql.open_sparql(s)
            cold = time.perf_counter() - t0
            n = sp.triples
            del sp
            t0 = time.perf_counter()
            sp = sparql.open_sparql(s)
            warm = time.perf_counter() - t0
            assert not sp.rebuilt
            del sp
            print(f"| {k} | {n} | {digest * 1000:.0f} | {cold:.2f} | {warm * 1000:.0f} |", flush=True)
            picks = busiest(s)
            for name, q in sparql.library().items():
                params = {k: sparql.node_term(picks[k]) for k in q.examples}
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    sparql.query(s, q.text, params)
                    times.append(time.perf_counter() - t0)
                per_query.setdefault(name, {})[k] = statistics.median(times)
    print()
    print("| query | " + " | ".join(f"x{k} ms" for k in stores) + " |")
    print("|---|" + "---|" * len(stores))
    for name, t in per_query.items():
        print(f"| {name} | " + " | ".join(f"{t[k] * 1000:.0f}" for k in stores) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
