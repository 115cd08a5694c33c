"""Time every query of the library on a corpus, on the embedded store and (with
NEO4J_URI set, or --neo4j) on Neo4j, and check both give the same rows.

    python bench/bench_queries.py ../shared/corpus/dev/articles [--neo4j bolt://...] [--runs 5]

Each query runs with the example parameters of its header, ``--runs`` times
after one warm-up; the median is printed in milliseconds. On the embedded
store the time includes reading the graph into memory (GraphView), as
``policygraph query`` does on every call. The Neo4j store is cleared first.
"""
from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from policygraph import pipeline
from policygraph.queries import get_query, list_queries, run_query
from policygraph.stores.sqlite import SQLiteStore


def timed(fn, runs: int) -> tuple[float, object]:
    out = fn()  # warm-up (plans cached, pages in memory)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--neo4j", default=os.environ.get("NEO4J_URI"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)

    tmp = tempfile.mkdtemp()
    emb = SQLiteStore(Path(tmp) / "graph.db")
    t = time.perf_counter()
    pipeline.load([args.corpus], emb)
    print(f"embedded store loaded in {time.perf_counter() - t:.1f}s: {dict(emb.counts()['nodes'])}", file=sys.stderr)
    neo = None
    if args.neo4j:
        from policygraph.stores.neo4j import Neo4jStore

        neo = Neo4jStore(args.neo4j, username=os.environ.get("NEO4J_USERNAME", "neo4j"),
                         password=os.environ.get("NEO4J_PASSWORD", ""))
        neo.clear()
        t = time.perf_counter()
        pipeline.load([args.corpus], neo)
        print(f"Neo4j loaded in {time.perf_counter() - t:.1f}s", file=sys.stderr)

    print("| query | rows | embedded (ms) | Neo4j (ms) | same rows |")
    print("|---|---:|---:|---:|---|")
    differ = 0
    for name in list_queries():
        params = dict(get_query(name).examples)
        ms_e, rows_e = timed(lambda: run_query(emb, name, params), args.runs)
        if neo is not None:
            ms_n, rows_n = timed(lambda: run_query(neo, name, params), args.runs)
            same = rows_n == rows_e
            differ += not same
            print(f"| {name} | {len(rows_e)} | {ms_e:.1f} | {ms_n:.1f} | {'yes' if same else 'NO'} |")
        else:
            print(f"| {name} | {len(rows_e)} | {ms_e:.1f} | | |")
    emb.close()
    if neo is not None:
        neo.close()
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
