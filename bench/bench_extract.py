"""Extraction throughput against kiwipiepy tokenisation of the same text, in one run.

    python bench/bench_extract.py [--corpus DIR] [--mb 5] [--repeat 1]

The dev corpus (../shared/corpus/dev/articles, else examples/) is repeated until
the text reaches --mb megabytes (UTF-8). Three measurements on the same machine,
in the same process:

1. baseline: ``Kiwi().tokenize(text)`` of every article (the Korean analysis alone);
2. extraction: ``policygraph.extract.extract(article)`` of every article
   (analysis + gazetteer + rules + relations);
3. linearity: extraction of a quarter of the input (1x) against the whole (4x).

It prints articles/s, MB/s, the ratio extraction/baseline (the budget is 2.0) and
the 4x/1x time ratio (linear is 4.0). Figures are ratios within one run; absolute
seconds depend on the machine.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import sys
import time
from pathlib import Path

from policygraph.extract import extract
from policygraph.extract.ko import kiwi
from policygraph.ingest import iter_articles
from policygraph.models import Article

ROOT = Path(__file__).resolve().parent.parent


def corpus(path: Path | None, megabytes: float) -> list[Article]:
    if path is None:
        shared = ROOT.parent / "shared" / "corpus" / "dev" / "articles"
        path = shared if shared.is_dir() else ROOT / "examples"
    base = [a for a in iter_articles([path]) if isinstance(a, Article)]
    if not base:
        sys.exit(f"bench: no articles under {path}")
    out: list[Article] = []
    size = 0
    n = 0
    while size < megabytes * 1_000_000:
        for a in base:
            out.append(dataclasses.replace(a, id=f"{a.id}~{n}", properties=dict(a.properties)))
            size += len(a.text.encode("utf-8"))
        n += 1
    return out


def timed(fn, items) -> float:
    gc.collect()
    t0 = time.perf_counter()
    for x in items:
        fn(x)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    arts = corpus(args.corpus, args.mb)
    mb = sum(len(a.text.encode("utf-8")) for a in arts) / 1_000_000
    k = kiwi()
    # warm up both paths (model load, gazetteer trie, regex compilation)
    for a in arts[:30]:
        k.tokenize(a.text)
        extract(a)

    t_kiwi = timed(lambda a: k.tokenize(a.text), arts)
    t_ext = timed(extract, arts)
    quarter = arts[: len(arts) // 4]
    t_1x = timed(extract, quarter)
    t_4x = t_ext
    res = {
        "articles": len(arts),
        "megabytes": round(mb, 2),
        "kiwi_seconds": round(t_kiwi, 2),
        "extract_seconds": round(t_ext, 2),
        "kiwi_articles_per_s": round(len(arts) / t_kiwi, 1),
        "extract_articles_per_s": round(len(arts) / t_ext, 1),
        "extract_mb_per_s": round(mb / t_ext, 3),
        "ratio_extract_over_kiwi": round(t_ext / t_kiwi, 2),
        "linearity_4x_over_1x": round(t_4x / t_1x, 2),
        "articles_1x": len(quarter),
    }
    if args.json:
        print(json.dumps(res))
        return
    print(f"input: {res['articles']} articles, {res['megabytes']} MB of text")
    print(f"kiwipiepy tokenize : {t_kiwi:8.2f} s  {res['kiwi_articles_per_s']:8.1f} articles/s")
    print(f"policygraph extract: {t_ext:8.2f} s  {res['extract_articles_per_s']:8.1f} articles/s  {res['extract_mb_per_s']} MB/s")
    print(f"ratio extract/kiwi : {res['ratio_extract_over_kiwi']}  (budget 2.0)")
    print(f"linearity          : {len(quarter)} articles {t_1x:.2f} s, {len(arts)} articles {t_4x:.2f} s, 4x/1x = {res['linearity_4x_over_1x']} (linear: 4.0)")


if __name__ == "__main__":
    main()
