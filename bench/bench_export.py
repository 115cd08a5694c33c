"""Export time and peak memory, as the corpus grows.

    python bench/bench_export.py [--corpus ../shared/corpus/dev/articles] [--copies 1 4 16]
                                 [--formats nt turtle jsonld] [--src DIR]

Loads the corpus once, then builds stores holding 1, 4, 16 ... disjoint copies
of it (every article, node and relationship id suffixed ``~i``), and runs
``policygraph export`` on each in a fresh process, reporting wall time, peak
resident memory (ru_maxrss of the child) and triples. ``--src DIR`` runs the
export of another source tree (e.g. an older checkout's ``src``) on the same
stores, for before/after figures.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_copies(corpus: Path, copies: list[int], workdir: Path) -> dict[int, Path]:
    from policygraph import pipeline
    from policygraph.models import ArticleGraph, NodeRecord, RelRecord
    from policygraph.stores.sqlite import SQLiteStore

    base = workdir / "base.db"
    with SQLiteStore(base) as s:
        report = pipeline.load([corpus], s)
        assert report.ok, report.summary()
        graphs = [s.article_graph(a) for a in sorted(s.fingerprints())]
    out = {}
    for k in copies:
        path = workdir / f"x{k}.db"
        with SQLiteStore(path) as s:
            for i in range(k):
                def sfx(x: str) -> str:
                    return f"{x}~{i}" if i else x

                batch = []
                for g in graphs:
                    nodes = [NodeRecord(sfx(n.id), n.label, {**n.props, **(
                        {"article_id": sfx(n.props["article_id"])} if "article_id" in n.props else {})})
                             for n in g.nodes]
                    rels = [RelRecord(sfx(r.key), r.type, sfx(r.source), sfx(r.target), dict(r.props)) for r in g.rels]
                    batch.append(ArticleGraph(sfx(g.article_id), g.fingerprint, nodes, rels))
                s.replace_articles(batch)
            articles = len(s.fingerprints())
        out[k] = path
        print(f"store x{k}: {articles} articles", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "dev" / "articles"))
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--formats", nargs="+", default=["nt", "turtle", "jsonld"])
    ap.add_argument("--src", action="append", default=[], help="source tree(s) to compare (PYTHONPATH)")
    ap.add_argument("--workdir")
    args = ap.parse_args()
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="pg-bench-export-"))
    work.mkdir(parents=True, exist_ok=True)
    stores = build_copies(Path(args.corpus), args.copies, work)
    srcs = args.src or [str(ROOT / "src")]
    print("| source | copies | format | seconds | peak MB | triples |")
    print("|---|---|---|---|---|---|")
    for src in srcs:
        for k, db in stores.items():
            for fmt in args.formats:
                out = work / f"out-x{k}.{fmt}"
                # ru_maxrss of RUSAGE_CHILDREN is the max over all children so far: measure
                # each run in a fresh wrapper process so the figure is this run's own
                wrapper = (
                    "import resource, subprocess, sys, time\n"
                    "t=time.perf_counter(); subprocess.run(sys.argv[1:], check=True)\n"
                    "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)\n"
                )
                env = dict(os.environ)
                env["PYTHONPATH"] = src
                code = ("import sys\nfrom policygraph.stores.sqlite import SQLiteStore\n"
                        "from policygraph.export import export_rdf\n"
                        "with SQLiteStore(sys.argv[1]) as s:\n    print(export_rdf(s, sys.argv[2], sys.argv[3]))\n")
                r = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", code, str(db), fmt, str(out)],
                                   check=True, env=env, capture_output=True, text=True)
                lines = r.stdout.split()
                triples, secs, mb = lines[0], float(lines[1]), float(lines[2])
                print(f"| {src} | {k} | {fmt} | {secs:.2f} | {mb:.0f} | {triples} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
