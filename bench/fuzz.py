"""Fuzz the load path: generated and mutated inputs, loaded in batches with
good articles, into the embedded store and Neo4j.

    python bench/fuzz.py --cases 10000 --store both        # NEO4J_URI or a local Neo4j
    python bench/fuzz.py --cases 2000 --store sqlite --seed 7

Every case is a file made from the example files (and the dev corpus when
``../shared/corpus/dev/articles`` is there) by one of the mutations of
``MUTATIONS``: byte flips, truncations, wrong and mixed encodings, BOMs,
control characters, huge fields and numbers, deep nesting, HTML without
closing tags, empty and binary files, huge lines, lone surrogates, impossible
dates, odd file names ...  Each batch mixes ``--batch`` cases with
``--good`` unmodified articles (under fresh names) and is loaded with
``pipeline.load``; the store is then checked:

* crash: an exception escaped ``pipeline.load`` (or the CLI printed a
  traceback / exited with a code other than 0 or 1);
* lost: a good article of the batch is not stored as it should be;
* integrity: the store is unsound (SQLite ``PRAGMA integrity_check``; every
  node and relationship supported by stored articles, every relationship's
  ends present, every stored article has its Article node, counts agree).

The summary line counts cases, batches, failures reported, crashes, lost good
articles and integrity failures; the exit code is 0 only when the last three
are 0. ``--keep DIR`` keeps the inputs of failing batches.

With ``--store both`` each batch is loaded into both stores; the second load
reuses the extractions of the first (same articles, deterministic extractor),
everything else of the load path runs again.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from policygraph import parallel, pipeline  # noqa: E402
from policygraph.ingest import read_file  # noqa: E402
from policygraph.models import Article  # noqa: E402

EXAMPLES = REPO / "examples"
DEV = REPO.parent / "shared" / "corpus" / "dev" / "articles"
EXTS = [".txt", ".html", ".json", ".jsonl", ".md", ".htm"]


# ----------------------------------------------------------------------------
# seeds


def load_seeds() -> list[tuple[str, bytes]]:
    seeds = []
    for folder in (EXAMPLES, DEV):
        if folder.is_dir():
            for p in sorted(folder.iterdir()):
                if p.is_file() and p.suffix in (".txt", ".html", ".htm", ".json", ".jsonl", ".md"):
                    seeds.append((p.suffix, p.read_bytes()))
    return seeds


# ----------------------------------------------------------------------------
# mutations: (rng, ext, data) -> (ext, data) or (ext, data, name_bytes)


def m_byte_flips(r, ext, d):
    b = bytearray(d)
    for _ in range(r.randint(1, 20)):
        if b:
            b[r.randrange(len(b))] = r.randrange(256)
    return ext, bytes(b)


def m_truncate(r, ext, d):
    return ext, d[: r.randrange(len(d) + 1)]


def m_cut_middle(r, ext, d):
    a = r.randrange(len(d) + 1)
    return ext, d[:a] + d[a + r.randrange(200) :]


def m_cp949(r, ext, d):
    return ext, d.decode("utf-8", "replace").encode("cp949", "replace")


def m_utf16(r, ext, d):
    return ext, d.decode("utf-8", "replace").encode(r.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]))


def m_latin1(r, ext, d):
    return ext, d.decode("utf-8", "replace").encode("latin-1", "replace")


def m_mixed_encodings(r, ext, d):
    t = d.decode("utf-8", "replace")
    half = len(t) // 2
    return ext, t[:half].encode("utf-8") + t[half:].encode("cp949", "replace")


def m_bom(r, ext, d):
    boms = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf", b"\x00\x00\xfe\xff"]
    return ext, r.choice(boms) + d


def m_control_chars(r, ext, d):
    b = bytearray(d)
    for _ in range(r.randint(1, 50)):
        b.insert(r.randrange(len(b) + 1), r.choice([0, 1, 7, 8, 11, 12, 27, 127, 0x85]))
    return ext, bytes(b)


def m_huge_field(r, ext, d):
    n = r.choice([5_000, 20_000, 50_000])
    filler = r.choice(["가", "A", "word ", "&amp;", "<b>", "\\n", "과학기술정보통신부는 회의를 열었다. "]) * (n // 5)
    if ext in (".json", ".jsonl"):
        return ext, json.dumps({"title": filler[:n], "body": filler, "published": "2024-05-21"}, ensure_ascii=False).encode()
    return ext, d + filler.encode()


def m_huge_numbers(r, ext, d):
    num = r.choice(["1" + "0" * 400, "-" + "9" * 30, "1e400", "-1e400", "NaN", "Infinity", "9" * 5000, "0.%s1" % ("0" * 400)])
    recs = [
        {"title": "수", "body": "과학기술정보통신부는 21일 서울에서 회의를 열었다.", "published": "@"},
        {"title": "수", "body": "MSIT held a forum in Seoul on Monday.", "properties": {"n": "@"}},
        {"title": "수", "body": "회의를 열었다.", "timestamp": "@", "id": "@"},
    ]
    text = json.dumps(r.choice(recs), ensure_ascii=False).replace('"@"', num)
    return r.choice([".json", ".jsonl"]), text.encode()


def m_deep_nesting(r, ext, d):
    n = r.choice([50, 99, 101, 1000, 10_000, 100_000])
    kind = r.randrange(4)
    if kind == 0:
        return ".json", ("[" * n + "]" * n).encode()
    if kind == 1:
        return ".jsonl", (json.dumps({"title": "t", "body": "본문이다."}) + "\n" + '{"a":' * n + "1" + "}" * n).encode()
    if kind == 2:
        return ".html", ("<div>" * n + "과학기술정보통신부는 회의를 열었다." + "</div>" * n).encode()
    body = '{"title": "t", "body": "본문이다.", "properties": {"x": %s}}' % ("[" * n + "1" + "]" * n)
    return ".json", body.encode()


def m_ldjson_deep(r, ext, d):
    n = r.choice([200, 5000, 100_000])
    return ".html", (
        '<html><head><script type="application/ld+json">' + "[" * n + "]" * n + "</script><title>깊은 ld</title></head>"
        "<body><article><p>과학기술정보통신부는 21일 서울에서 회의를 열었다. 이종호 장관이 참석했다.</p></article></body></html>"
    ).encode()


def m_unclosed_html(r, ext, d):
    t = d.decode("utf-8", "replace")
    if ext not in (".html", ".htm"):
        t = "<html><body><p>" + t
    t = t.replace("</", "<").replace("-->", "")
    return ".html", (t + r.choice(["<div", "<!--", "<script>", "<p class='", "&#x", "<![CDATA["])).encode()


def m_empty(r, ext, d):
    return r.choice(EXTS), r.choice([b"", b" ", b"\n\n", b"\xef\xbb\xbf", b"{}", b"[]", b"null", b"\"\"", b"<html></html>"])


def m_binary(r, ext, d):
    return r.choice(EXTS), bytes(r.randrange(256) for _ in range(r.randint(1, 5000)))


def m_huge_line(r, ext, d):
    n = r.choice([10_000, 50_000])
    unit = r.choice(["과학기술정보통신부는 서울에서 회의를 열었다 ", "가나다라마바사", "The Ministry met Kim. ", "A"])
    return ".txt", ("제목\n\n" + unit * (n // len(unit))).encode()


def m_many_short_lines(r, ext, d):
    n = r.choice([1_000, 10_000])
    return ".txt", ("제목\n\n" + "\n".join(f"가{i % 97} 나" for i in range(n))).encode()


def m_surrogates(r, ext, d):
    field = r.choice(["title", "body", "url", "publisher", "id"])
    rec = {"title": "제목", "body": "과학기술정보통신부는 21일 서울에서 회의를 열었다.", "url": "https://x.kr/a"}
    text = json.dumps(rec, ensure_ascii=False)
    text = text.replace('"%s": "' % field, '"%s": "\\ud800\\udfff\\udc80' % field) if field in rec else text[:-1] + ', "id": "\\ud800"}'
    return r.choice([".json", ".jsonl"]), text.encode()


def m_bad_dates(r, ext, d):
    stamp = r.choice(["2023-10-19T10:00:00+99:00", "2023-13-45", "9999-12-31T23:59:59-23:59", "0000-00-00",
                      "2023-10-19T24:61:61", "20231019996099", "Thu, 19 Oct 2023 10:00:00 +9900", "2023년 13월 40일",
                      "1e400", "-1", "2023-02-29"])
    kind = r.randrange(3)
    body = "과학기술정보통신부는 21일 서울에서 회의를 열었다. 이종호 장관이 참석했다."
    if kind == 0:
        return ".txt", f"제목입니다\n{stamp}\n\n{body}".encode()
    if kind == 1:
        return ".json", json.dumps({"title": "t", "body": body, "published": stamp}, ensure_ascii=False).encode()
    return ".html", (f'<html><head><meta property="article:published_time" content="{stamp}"><title>t</title></head>'
                     f"<body><time datetime='{stamp}'>{stamp}</time><article><p>{body}</p></article></body></html>").encode()


def m_odd_name(r, ext, d):
    name = r.choice([b"bad\xff\xfe", b"new\nline", b"tab\tname", b"-dash", b"sp ace", b"\xed\xa0\x80surr", b"quote'\"", b"%s%n"])
    return ext, d, name


def m_json_shapes(r, ext, d):
    shapes = ['{"articles": 3}', '{"items": [1, "x", null, [], {}]}', '[{"body": 5}]', '{"body": ["a", {"b": 1}]}',
              '{"title": {"x": 1}, "body": "본문이다. 회의를 열었다."}', '{"body": "x", "properties": [1,2]}',
              '{"body": "본문", "properties": {"a": {"b": {"c": [1, {"d": 2}]}}}}', '"just a string"', "1e999",
              '{"body": "본문", "lang": 5, "url": 7, "publisher": {"name": 3}}', '{"body": "\\u0000\\u0001본문"}']
    return r.choice([".json", ".jsonl"]), r.choice(shapes).encode()


def m_entities(r, ext, d):
    n = r.choice([1_000, 10_000])
    return ".html", ("<html><body><p>" + r.choice(["&amp;", "&#0;", "&#x110000;", "&nbsp;", "&"]) * n + "회의를 열었다.</p></body></html>").encode()


def m_shuffle_lines(r, ext, d):
    lines = d.split(b"\n")
    r.shuffle(lines)
    return ext, b"\n".join(lines)


def m_duplicate(r, ext, d):
    return ext, d * r.randint(2, 10)


def m_wrong_ext(r, ext, d):
    return r.choice([e for e in EXTS if e != ext]), d


def m_splice(r, ext, d):
    return ext, d[: len(d) // 2] + bytes(r.randrange(256) for _ in range(r.randint(1, 64))) + d[len(d) // 2 :]


MUTATIONS = [
    m_byte_flips, m_truncate, m_cut_middle, m_cp949, m_utf16, m_latin1, m_mixed_encodings, m_bom, m_control_chars,
    m_huge_field, m_huge_numbers, m_deep_nesting, m_ldjson_deep, m_unclosed_html, m_empty, m_binary, m_huge_line,
    m_many_short_lines, m_surrogates, m_bad_dates, m_odd_name, m_json_shapes, m_entities, m_shuffle_lines,
    m_duplicate, m_wrong_ext, m_splice,
]
# the expensive ones (large texts the analysers must read) come less often
WEIGHTS = {m_huge_field: 0.15, m_huge_line: 0.08, m_many_short_lines: 0.08, m_entities: 0.15, m_duplicate: 0.3}


# ----------------------------------------------------------------------------
# checks


def integrity(store) -> list[str]:
    """What is unsound in the store (empty: sound)."""
    problems = []
    if getattr(store, "name", "") == "sqlite":
        ok = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            problems.append(f"sqlite integrity_check: {ok}")
    fps = store.fingerprints()
    nodes = {n.id: n for n in store.nodes()}
    for n in nodes.values():
        arts = n.props.get("articles") or []
        if not arts or not set(arts) <= set(fps):
            problems.append(f"node {n.id} supported by unknown articles {arts}")
    nrels = 0
    for rel in store.relationships():
        nrels += 1
        if rel.source not in nodes or rel.target not in nodes:
            problems.append(f"relationship {rel.key} has a missing end")
        if not set(rel.props.get("articles") or ["?"]) <= set(fps):
            problems.append(f"relationship {rel.key} supported by unknown articles")
    for aid in fps:
        if f"article:{aid}" not in nodes:
            problems.append(f"article {aid} has no Article node")
    c = store.counts()
    if sum(c["nodes"].values()) != len(nodes) or sum(c["relationships"].values()) != nrels:
        problems.append("counts disagree with the nodes and relationships served")
    return problems[:20]


def good_files(rng: random.Random, seeds, folder: Path, tag: str, n: int) -> dict[str, Path]:
    """n good articles under fresh names: article id -> file. JSON record ids are
    dropped (ids then come from the fresh file names)."""
    out: dict[str, Path] = {}
    for i in range(n):
        ext, data = rng.choice(seeds)
        if ext in (".json", ".jsonl"):
            lines = [json.loads(l) for l in data.decode("utf-8-sig").splitlines() if l.strip()] if ext == ".jsonl" else [json.loads(data)]
            for rec in (x for line in lines for x in (line if isinstance(line, list) else [line])):
                if isinstance(rec, dict):
                    rec.pop("id", None)
            data = ("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) if ext == ".jsonl"
                    else json.dumps(lines[0], ensure_ascii=False)).encode()
        p = folder / f"good-{tag}-{i}{ext}"
        p.write_bytes(data)
        for a in read_file(p):
            out[a.id] = p
    return out


def write_case(folder: Path, idx: int, ext: str, data: bytes, name: bytes | None = None) -> None:
    base = b"case-%d-" % idx + (name or b"") + ext.encode()
    with open(os.path.join(os.fsencode(folder), base), "wb") as fh:
        fh.write(data)


# ----------------------------------------------------------------------------


def open_store(kind: str, workdir: Path, neo4j_uri: str | None, clear: bool = True):
    if kind == "sqlite":
        from policygraph.stores.sqlite import SQLiteStore

        return SQLiteStore(workdir / "fuzz.db")
    from policygraph.stores.neo4j import Neo4jStore

    s = Neo4jStore(neo4j_uri, os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    if clear:
        s.clear()
    return s


def start_neo4j(workdir: Path) -> tuple[str, Path]:
    state = workdir / "neo4j"
    pw = "fuzz-" + os.urandom(6).hex()
    env = {**os.environ, "NEO4J_PASSWORD": pw}
    out = subprocess.run([sys.executable, str(REPO / "docker" / "neo4j_local.py"), "start", "--port", "auto",
                          "--state-dir", str(state)], env=env, capture_output=True, text=True, check=True)
    os.environ["NEO4J_PASSWORD"] = pw
    return out.stdout.strip().splitlines()[-1], state


class ExtractionCache:
    """The batch's extractions, shared by the stores: the second store's load
    reuses what the first one extracted from the same article (extraction is
    deterministic; everything else of the load runs again). A fresh copy each
    time, since the pipeline assigns ids in place."""

    def __init__(self) -> None:
        import copy

        from policygraph.extract import extract

        self._copy = copy.deepcopy
        self._extract = extract
        self.memo: dict = {}

    def __call__(self, article: Article):
        key = (article.id, article.source, article.title, article.text, article.published, article.lang,
               article.url, article.publisher, json.dumps(article.properties, sort_keys=True, default=str))
        if key not in self.memo:
            self.memo[key] = self._extract(article)
        return self._copy(self.memo[key])


def run(kinds: list[str], args, seeds, neo4j_uri: str | None) -> dict:
    rng = random.Random(f"{args.seed}")
    weights = [WEIGHTS.get(m, 1.0) for m in MUTATIONS]
    work = Path(tempfile.mkdtemp(prefix="pg-fuzz-"))
    stats = {k: Counter() for k in kinds}
    mutations = Counter()
    problems: dict[str, list[str]] = {k: [] for k in kinds}
    stores = {k: open_store(k, work, neo4j_uri) for k in kinds}
    cache = ExtractionCache()
    parallel.extract = cache  # the load path's own extract (workers=1: in this process), memoised per batch
    t0 = time.time()
    batch_no = 0
    cases = 0
    try:
        while cases < args.cases:
            batch_no += 1
            folder = work / f"batch-{batch_no}"
            folder.mkdir()
            n = min(args.batch, args.cases - cases)
            for i in range(n):
                mut = rng.choices(MUTATIONS, weights)[0]
                ext, data = rng.choice(seeds)
                write_case(folder, i, *mut(rng, ext, data))
                mutations[mut.__name__] += 1
            cases += n
            good = good_files(rng, seeds, folder, str(batch_no), args.good)
            cache.memo.clear()
            failed_batch = False
            for kind in kinds:
                st = stats[kind]
                st["cases"] += n
                st["good"] += len(good)
                store = stores[kind]
                use_cli = args.cli_every and batch_no % args.cli_every == 0
                try:
                    if use_cli:
                        store.close()
                        cmd = [sys.executable, "-m", "policygraph", "load", "-q", str(folder)]
                        cmd += ["--db", str(work / "fuzz.db")] if kind == "sqlite" else ["--neo4j", neo4j_uri]
                        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
                        if kind == "sqlite":
                            env.pop("NEO4J_URI", None)  # NEO4J_URI would win over --db
                        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
                        if "Traceback" in p.stderr or p.returncode not in (0, 1):
                            raise RuntimeError(f"CLI exit {p.returncode}: {p.stderr[-2000:]}")
                        st["reported"] += sum(1 for l in p.stderr.splitlines() if l.startswith("policygraph: failed: "))
                    else:
                        report = pipeline.load([folder], store)
                        st["reported"] += len(report.failures)
                except Exception:
                    st["crashes"] += 1
                    failed_batch = True
                    problems[kind].append(f"batch {batch_no}: crash: {traceback.format_exc()[-1500:]}")
                if use_cli:
                    store = stores[kind] = open_store(kind, work, neo4j_uri, clear=False)
                fps = store.fingerprints()
                for aid, p in good.items():
                    if aid not in fps or store.node(f"article:{aid}") is None:
                        st["lost"] += 1
                        failed_batch = True
                        problems[kind].append(f"batch {batch_no}: good article {aid} ({p.name}) not stored")
                bad = integrity(store)
                if bad:
                    st["integrity"] += 1
                    failed_batch = True
                    problems[kind].extend(f"batch {batch_no}: {b}" for b in bad)
                if batch_no % args.fresh_every == 0:
                    store.clear()
            if failed_batch and args.keep:
                shutil.copytree(folder, Path(args.keep) / f"seed{args.seed}-batch-{batch_no}", dirs_exist_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            line = "; ".join(f"{k}: {s['crashes']} crashes, {s['lost']} lost, {s['integrity']} integrity failures"
                             for k, s in stats.items())
            print(f"batch {batch_no}: {cases} cases, {time.time() - t0:.0f}s; {line}", file=sys.stderr, flush=True)
    finally:
        for store in stores.values():
            store.close()
        shutil.rmtree(work, ignore_errors=True)
    for st in stats.values():
        st["seconds"] = int(time.time() - t0)
        st["batches"] = batch_no
    return {k: {"stats": stats[k], "kinds": mutations, "problems": problems[k]} for k in kinds}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000, help="cases per store (default 10000)")
    ap.add_argument("--batch", type=int, default=200, help="cases per load (default 200)")
    ap.add_argument("--good", type=int, default=5, help="good articles per load (default 5)")
    ap.add_argument("--store", choices=["sqlite", "neo4j", "both"], default="both")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--cli-every", type=int, default=10, help="every N-th batch goes through the CLI (0: never)")
    ap.add_argument("--fresh-every", type=int, default=10, help="empty the store every N batches")
    ap.add_argument("--keep", help="copy the inputs of failing batches here")
    ap.add_argument("--json", help="write the results as JSON here")
    args = ap.parse_args()
    import logging

    logging.getLogger("neo4j").setLevel(logging.ERROR)  # the driver's notices, not our findings
    seeds = load_seeds()
    kinds = ["sqlite", "neo4j"] if args.store == "both" else [args.store]
    neo4j_uri = os.environ.get("NEO4J_URI")
    state = None
    results = {}
    try:
        if "neo4j" in kinds and not neo4j_uri:
            neo4j_uri, state = start_neo4j(Path(tempfile.mkdtemp(prefix="pg-fuzz-neo4j-")))
        results = run(kinds, args, seeds, neo4j_uri)
    finally:
        if state is not None:
            subprocess.run([sys.executable, str(REPO / "docker" / "neo4j_local.py"), "stop", "--state-dir", str(state)],
                           capture_output=True)
    worst = 0
    for kind, res in results.items():
        s = res["stats"]
        print(f"fuzz [{kind}] seed {args.seed}: {s['cases']} cases in {s['batches']} batches "
              f"with {s['good']} good articles, {s['seconds']}s: {s['reported']} failures reported, "
              f"{s['crashes']} crashes, {s['lost']} good articles lost, {s['integrity']} integrity failures")
        for p in res["problems"][:20]:
            print("  " + p.replace("\n", "\n    "))
        worst = max(worst, s["crashes"] + s["lost"] + s["integrity"])
    if args.json:
        Path(args.json).write_text(json.dumps({k: {"stats": v["stats"], "kinds": v["kinds"], "problems": v["problems"]}
                                               for k, v in results.items()}, ensure_ascii=False, indent=2))
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
