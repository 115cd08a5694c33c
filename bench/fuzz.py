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
  ends present, every stored article has its Article node, counts agree), or
  reading it raised;
* slow: one input took more than ``--slow`` CPU seconds (default 30) to read
  and extract, measured between the load's progress calls (in-process loads):
  cost must stay linear in the input, whatever its shape.

The summary line counts cases, batches, failures reported, crashes, lost good
articles, integrity failures and slow inputs; the exit code is 0 only when the
last four are 0. ``--keep DIR`` keeps the inputs of failing batches; a batch's inputs
depend on the seed and its number alone, so ``--only-batch N`` (same
``--seed`` and ``--batch``) replays it. A "fuzz cost" line follows: wall
seconds per 1,000 cases and CPU seconds per phase (generate, extract, load,
CLI, check, clear), the Neo4j server's CPU included when its pid is known
(``--neo4j-pid``, or the server this script starts): on a shared machine the
CPU figures, not the wall ones, say what a case costs.

What makes a case cheap, and what was kept although it costs:

* One analyser start-up per process. The in-process loads (all batches but
  the CLI ones) reuse the Korean analyser of the first; with ``--workers N``
  it is built once in the parent and the workers, forked from it, share it.
* One extraction per article for both stores: with ``--store both`` the
  second store's load reuses the first one's extractions (extraction is
  deterministic; an extraction that raises is not kept and raises again).
  Everything after extraction (ids, graph, write, resolution) runs again.
* Large batches (``--batch 200``): the fixed costs of a load (fingerprints,
  resolution, counts) and of the checks are shared by 200 cases.
* ``--workers N`` runs batches in N processes side by side, each with its own
  SQLite file; the one Neo4j server is shared, and a worker holds it alone
  (a file lock) from its load to the end of its checks, so every check sees
  the store at rest, as with one worker. While one worker writes to Neo4j
  (mostly the server's CPU) the other extracts: on 2 cores, 2 workers.
* Kept, although it costs: the integrity check reads the whole store through
  the store's own API after every batch (that is what is checked: what the
  store serves); the store is emptied only every ``--fresh-every 10``
  batches, so loads also meet a populated store (replacing articles of the
  same names, resolving against earlier batches); every ``--cli-every 10``-th
  batch goes through ``python -m policygraph load`` (a new process: the real
  exit codes, stderr and its encoding), every other one of those with
  ``--workers 2`` (worker processes, articles pickled across).

The lead's full run (both stores, 10,000 cases each)::

    nice -n 10 python bench/fuzz.py --cases 10000 --store both --workers 2 --seed 12
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import multiprocessing
import os
import pickle
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

from policygraph import guards, parallel, pipeline  # noqa: E402
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


FRAGMENTS = ["<p ", "<a", "<div", "&#", "&", "<!--", "<![CDATA[", "2023년 ", "2023.", "1. ", "(", "((", "[", "『", "“",
             "'", '"', "ㆍ", "·", "○ ", "- ", "* ", "# ", "http://", "www.", "@", "A.", "Mr. ", "Kim ", "김", "장관 ",
             "The ", "of the ", "Ministry of ", "and ", ", ", ":", "\t", "\r", "\n", "=", "|", "---", ">", "<", "\\",
             "AB", "가.", "제1조 ", "10:00 ", "+09:00", "Dr. ", "U.S. ", "\u200b", "\u3000", "‘", "…", "\x85", "\u2028", "A-", "A'", "12"]


def m_repeat_fragment(r, ext, d):
    """A fragment of markup, punctuation or a name repeated many times, in one
    field: the shape that makes a backtracking pattern quadratic."""
    frag = r.choice(FRAGMENTS) * (r.choice([5_000, 20_000, 60_000]) // 4)
    where = r.randrange(6)
    body = "과학기술정보통신부는 21일 서울에서 회의를 열었다. 이종호 장관이 참석했다."
    if where == 0:
        return ".txt", f"제목\n\n{body} {frag} {body}".encode("utf-8", "surrogatepass")
    if where == 1:
        return ".txt", f"{frag}\n\n{body}".encode("utf-8", "surrogatepass")
    if where == 2:
        return ".html", (f"<html><head><title>{frag}</title><meta name='date' content='{frag}'></head>"
                         f"<body><article><p>{body}</p><p>{frag}</p></article></body></html>").encode()
    if where == 3:
        return ".md", f"# {frag}\n\n{body}\n\n{frag}\n".encode()
    field = r.choice(["title", "body", "published", "url", "publisher"])
    rec = {"title": "제목", "body": body, "published": "2024-05-21"}
    rec[field] = frag if field != "body" else body + frag
    return r.choice([".json", ".jsonl"]), json.dumps(rec, ensure_ascii=False).encode()


MUTATIONS = [
    m_byte_flips, m_truncate, m_cut_middle, m_cp949, m_utf16, m_latin1, m_mixed_encodings, m_bom, m_control_chars,
    m_huge_field, m_huge_numbers, m_deep_nesting, m_ldjson_deep, m_unclosed_html, m_empty, m_binary, m_huge_line,
    m_many_short_lines, m_surrogates, m_bad_dates, m_odd_name, m_json_shapes, m_entities, m_shuffle_lines,
    m_duplicate, m_wrong_ext, m_splice, m_repeat_fragment,
]
# the expensive ones (large texts the analysers must read) come less often
WEIGHTS = {m_huge_field: 0.15, m_huge_line: 0.08, m_many_short_lines: 0.08, m_entities: 0.15, m_duplicate: 0.3,
           m_repeat_fragment: 0.5}


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


def make_batch(seed: str, batch_no: int, n: int, n_good: int, seeds, folder: Path) -> tuple[dict[str, Path], Counter]:
    """Write batch ``batch_no``: n cases and n_good good articles. Its inputs
    depend on (seed, batch number) alone, not on the workers or the batches
    before it: any batch can be made again alone (``--only-batch``)."""
    rng = random.Random(f"{seed}:{batch_no}")
    weights = [WEIGHTS.get(m, 1.0) for m in MUTATIONS]
    kinds: Counter = Counter()
    for i in range(n):
        mut = rng.choices(MUTATIONS, weights)[0]
        ext, data = rng.choice(seeds)
        write_case(folder, i, *mut(rng, ext, data))
        kinds[mut.__name__] += 1
    return good_files(rng, seeds, folder, str(batch_no), n_good), kinds


# ----------------------------------------------------------------------------


def open_store(kind: str, workdir: Path, neo4j_uri: str | None, clear: bool = False):
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
                          "--http-port", "off", "--state-dir", str(state)], env=env, capture_output=True, text=True,
                         check=True)
    os.environ["NEO4J_PASSWORD"] = pw
    return out.stdout.strip().splitlines()[-1], state


class ExtractionCache:
    """The batch's extractions, shared by the stores: the second store's load
    reuses what the first one extracted from the same article (extraction is
    deterministic; everything else of the load runs again). A fresh copy each
    time, since the pipeline assigns ids in place. An extraction that raises is
    not kept: it raises again, in each store's load."""

    def __init__(self) -> None:
        import copy

        from policygraph.extract import extract

        self._copy = copy.deepcopy
        self._extract = extract
        self.memo: dict = {}
        self.meter: Meter | None = None

    def __call__(self, article: Article):
        key = (article.id, article.source, article.title, article.text, article.published, article.lang,
               article.url, article.publisher, json.dumps(article.properties, sort_keys=True, default=str))
        if key not in self.memo:
            with self.meter.phase("extract") if self.meter else contextlib.nullcontext():
                self.memo[key] = self._extract(article)
        return self._copy(self.memo[key])


@contextlib.contextmanager
def exclusive(lock_path: Path | None):
    """Hold the shared store (Neo4j) alone: the workers' loads into it, their
    checks and its clearing never overlap, so each check sees a store at rest,
    exactly as with one worker."""
    if lock_path is None:
        yield
        return
    with open(lock_path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def batch_numbers(args) -> list[tuple[int, int]]:
    """(batch number, cases in it) of the whole run."""
    total = -(-args.cases // args.batch)
    out = [(b, min(args.batch, args.cases - (b - 1) * args.batch)) for b in range(1, total + 1)]
    if args.only_batch:
        out = [x for x in out if x[0] == args.only_batch] or [(args.only_batch, args.batch)]
    return out


def cli_load(kind: str, folder: Path, db: Path, neo4j_uri: str | None, workers: int) -> tuple[int, str]:
    cmd = [sys.executable, "-m", "policygraph", "load", "-q", str(folder), "--workers", str(workers)]
    cmd += ["--db", str(db)] if kind == "sqlite" else ["--neo4j", neo4j_uri]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    if kind == "sqlite":
        env.pop("NEO4J_URI", None)  # NEO4J_URI would win over --db
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", env=env, timeout=3600)
    if "Traceback" in p.stderr or p.returncode not in (0, 1):
        raise RuntimeError(f"CLI ({' '.join(cmd[3:])}) exit {p.returncode}: {p.stderr[-2000:]}")
    return sum(1 for l in p.stderr.splitlines() if l.startswith("policygraph: failed: ")), p.stderr


def server_cpu(pid: int | None) -> float:
    """CPU seconds the Neo4j server (a JVM: all its threads) has used so far."""
    if not pid:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


class Meter:
    """Wall and CPU seconds per phase. CPU is this process's, its finished
    children's (the CLI runs) and the Neo4j server's when its pid is known: the
    cost of a phase on a machine shared with other work, where wall time says
    more about the neighbours. A phase inside another (the extraction inside
    the first store's load) is taken out of the outer one."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.wall: Counter = Counter()
        self.cpu: Counter = Counter()
        self._inner: list[list[float]] = []

    def _now(self) -> tuple[float, float]:
        t = os.times()
        return time.perf_counter(), t.user + t.system + t.children_user + t.children_system + server_cpu(self.server_pid)

    @contextlib.contextmanager
    def phase(self, name: str):
        w0, c0 = self._now()
        self._inner.append([0.0, 0.0])
        try:
            yield
        finally:
            w1, c1 = self._now()
            iw, ic = self._inner.pop()
            self.wall[name] += w1 - w0 - iw
            self.cpu[name] += c1 - c0 - ic
            if self._inner:
                self._inner[-1][0] += w1 - w0
                self._inner[-1][1] += c1 - c0


class InputCost:
    """CPU seconds of each input of an in-process load, from the load's progress
    calls: what passes between one call and the next (reading the file,
    extracting the article) is the cost of the item of the second call."""

    def __init__(self) -> None:
        self.by_source: Counter = Counter()
        self.last = time.process_time()

    def __call__(self, kind: str, item) -> None:
        now = time.process_time()
        self.by_source[str(getattr(item, "source", "?"))] += now - self.last
        self.last = now


def load_and_check(kind: str, batch_no: int, folder: Path, good: dict[str, Path], ctx: dict) -> bool:
    """Load one batch into one store (in this process, or every --cli-every-th
    batch through the CLI) and check the store. True when something failed."""
    args, stats, problems, meter = ctx["args"], ctx["stats"][kind], ctx["problems"][kind], ctx["meter"]
    use_cli = bool(args.cli_every) and batch_no % args.cli_every == 0
    failed = False
    store = ctx["stores"][kind]
    with meter.phase(f"{kind} cli" if use_cli else f"{kind} load"):
        try:
            if use_cli:
                store.close()
                # every other CLI batch extracts in worker processes (the --workers path)
                w = 2 if (batch_no // args.cli_every) % 2 == 0 else 1
                reported, _ = cli_load(kind, folder, ctx["root"] / "fuzz.db", ctx["neo4j_uri"], w)
                stats["reported"] += reported
                stats["cli batches"] += 1
            else:
                cost = InputCost()
                stats["reported"] += len(pipeline.load([folder], store, progress=cost).failures)
                for source, cpu in cost.by_source.items():
                    ctx["slowest"].append((round(cpu, 1), kind, f"batch {batch_no} {os.path.basename(source)}"))
                    if args.slow and cpu > args.slow:
                        stats["slow"] += 1
                        failed = True
                        problems.append(f"batch {batch_no}: slow input: {guards.printable(source)} took {cpu:.0f} "
                                        "CPU seconds")
                ctx["slowest"][:] = sorted(ctx["slowest"], reverse=True)[:10]
        except Exception:
            stats["crashes"] += 1
            failed = True
            problems.append(f"batch {batch_no}: crash: {traceback.format_exc()[-1500:]}")
        finally:
            if use_cli:
                store = ctx["stores"][kind] = open_store(kind, ctx["root"], ctx["neo4j_uri"])
    with meter.phase(f"{kind} check"):
        try:
            fps = store.fingerprints()
            for aid, p in good.items():
                if aid not in fps or store.node(f"article:{aid}") is None:
                    stats["lost"] += 1
                    failed = True
                    problems.append(f"batch {batch_no}: good article {aid} ({p.name}) not stored")
            bad = integrity(store)
        except Exception:
            bad = [f"reading the store raised: {traceback.format_exc()[-1500:]}"]
    if bad:
        stats["integrity"] += 1
        failed = True
        problems.extend(f"batch {batch_no}: {b}" for b in bad)
    # the shared Neo4j is emptied every --fresh-every batches of the run, each
    # worker's own SQLite file every --fresh-every batches of that worker
    if (ctx["local"] if kind == "sqlite" else batch_no) % args.fresh_every == 0:
        with meter.phase(f"{kind} clear"):
            store.clear()
    return failed


def run_shard(shard: int, workers: int, kinds: list[str], args, neo4j_uri: str | None, work: Path,
              lock_path: Path | None, server_pid: int | None) -> dict:
    """Run the batches numbered shard+1, shard+1+workers, ... (all of them with
    one worker) and check each store after each of them."""
    seeds = load_seeds()
    root = work / f"shard-{shard}"
    root.mkdir()
    meter = Meter(server_pid)
    ctx = {"args": args, "root": root, "neo4j_uri": neo4j_uri, "meter": meter,
           "stats": {k: Counter() for k in kinds}, "problems": {k: [] for k in kinds}, "slowest": [],
           "stores": {k: open_store(k, root, neo4j_uri) for k in kinds}}
    mutations: Counter = Counter()
    cache = ExtractionCache()
    cache.meter = meter
    parallel.extract = cache  # the load path's own extract (workers=1: in this process), memoised per batch
    mine = batch_numbers(args)[shard::workers]
    tag = f" [worker {shard + 1}/{workers}]" if workers > 1 else ""
    t0 = time.time()
    cases = 0
    try:
        for local, (batch_no, n) in enumerate(mine, 1):
            ctx["local"] = local
            folder = root / f"batch-{batch_no}"
            folder.mkdir()
            with meter.phase("generate"):
                good, kinds_made = make_batch(args.seed, batch_no, n, args.good, seeds, folder)
            mutations.update(kinds_made)
            cases += n
            cache.memo.clear()
            failed = False
            for kind in kinds:
                st = ctx["stats"][kind]
                st["cases"] += n
                st["good"] += len(good)
                st["batches"] += 1
                with meter.phase("waiting for Neo4j"):
                    lock = exclusive(lock_path if kind == "neo4j" else None)
                    lock.__enter__()
                try:
                    failed |= load_and_check(kind, batch_no, folder, good, ctx)
                finally:
                    lock.__exit__(None, None, None)
            if failed and args.keep:
                shutil.copytree(folder, Path(args.keep) / f"seed{args.seed}-batch-{batch_no}", dirs_exist_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            line = "; ".join(f"{k}: {s['crashes']} crashes, {s['lost']} lost, {s['integrity']} integrity failures"
                             for k, s in ctx["stats"].items())
            print(f"batch {batch_no}{tag}: {cases} cases, {time.time() - t0:.0f}s; {line}", file=sys.stderr, flush=True)
    finally:
        for store in ctx["stores"].values():
            store.close()
    return {"stats": ctx["stats"], "wall": meter.wall, "cpu": meter.cpu, "kinds": mutations,
            "problems": ctx["problems"], "slowest": ctx["slowest"]}


def _shard_process(out: Path, *a) -> None:
    res = run_shard(*a)
    out.write_bytes(pickle.dumps(res))


def run(kinds: list[str], args, neo4j_uri: str | None, server_pid: int | None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="pg-fuzz-"))
    t0 = time.time()
    try:
        if "neo4j" in kinds:
            open_store("neo4j", work, neo4j_uri, clear=True).close()
        workers = max(1, min(args.workers, len(batch_numbers(args))))
        # the analyser is built once, here (not in the first input's cost); the workers
        # forked from this process share it
        parallel.warm()
        if workers == 1:
            parts = [run_shard(0, 1, kinds, args, neo4j_uri, work, None, server_pid)]
        else:
            ctx = multiprocessing.get_context("fork")
            lock = work / "neo4j.lock"
            procs = []
            for shard in range(workers):
                out = work / f"result-{shard}.pickle"
                pr = ctx.Process(target=_shard_process,
                                 args=(out, shard, workers, kinds, args, neo4j_uri, work, lock, server_pid))
                pr.start()
                procs.append((pr, out))
            parts = []
            for pr, out in procs:
                pr.join()
                if pr.exitcode != 0 or not out.exists():
                    raise RuntimeError(f"fuzz worker {pr.name} ended with exit code {pr.exitcode}")
                parts.append(pickle.loads(out.read_bytes()))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out: dict = {"kinds": Counter(), "wall": Counter(), "cpu": Counter(), "seconds": time.time() - t0,
                 "workers": workers, "slowest": sorted((x for part in parts for x in part["slowest"]), reverse=True)[:5]}
    for part in parts:
        for key in ("kinds", "wall", "cpu"):
            out[key].update(part[key])
    for kind in kinds:
        stats, problems = Counter(), []
        for part in parts:
            stats.update(part["stats"][kind])
            problems.extend(part["problems"][kind])
        stats["seconds"] = int(out["seconds"])
        out[kind] = {"stats": stats, "problems": problems}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000, help="cases per store (default 10000)")
    ap.add_argument("--batch", type=int, default=200, help="cases per load (default 200)")
    ap.add_argument("--good", type=int, default=5, help="good articles per load (default 5)")
    ap.add_argument("--store", choices=["sqlite", "neo4j", "both"], default="both")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--workers", type=int, default=1,
                    help="processes running batches side by side (default 1; see the module doc)")
    ap.add_argument("--cli-every", type=int, default=10, help="every N-th batch goes through the CLI (0: never)")
    ap.add_argument("--fresh-every", type=int, default=10, help="empty the store every N batches")
    ap.add_argument("--slow", type=float, default=30,
                    help="an input read and extracted in more CPU seconds than this is a finding (default 30; 0: off)")
    ap.add_argument("--only-batch", type=int, help="run this batch number alone (to replay a finding)")
    ap.add_argument("--neo4j-pid", type=int,
                    help="pid of the Neo4j server at NEO4J_URI, to count its CPU (known when this script starts it)")
    ap.add_argument("--keep", help="copy the inputs of failing batches here")
    ap.add_argument("--json", help="write the results as JSON here")
    args = ap.parse_args()
    import logging

    logging.getLogger("neo4j").setLevel(logging.ERROR)  # the driver's notices, not our findings
    kinds = ["sqlite", "neo4j"] if args.store == "both" else [args.store]
    neo4j_uri = os.environ.get("NEO4J_URI")
    state = None
    server_pid = args.neo4j_pid
    results: dict = {}
    try:
        if "neo4j" in kinds and not neo4j_uri:
            neo4j_uri, state = start_neo4j(Path(tempfile.mkdtemp(prefix="pg-fuzz-neo4j-")))
            server_pid = int((state / "neo4j.pid").read_text().strip())
        results = run(kinds, args, neo4j_uri, server_pid if "neo4j" in kinds else None)
    finally:
        if state is not None:
            subprocess.run([sys.executable, str(REPO / "docker" / "neo4j_local.py"), "stop", "--state-dir", str(state)],
                           capture_output=True)
    worst = 0
    for kind in kinds:
        s = results[kind]["stats"]
        print(f"fuzz [{kind}] seed {args.seed}: {s['cases']} cases in {s['batches']} batches "
              f"with {s['good']} good articles, {s['seconds']}s: {s['reported']} failures reported, "
              f"{s['crashes']} crashes, {s['lost']} good articles lost, {s['integrity']} integrity failures, "
              f"{s['slow']} slow inputs")
        for p in results[kind]["problems"][:20]:
            print("  " + p.replace("\n", "\n    "))
        worst = max(worst, s["crashes"] + s["lost"] + s["integrity"] + s["slow"])
    cases = max(results[k]["stats"]["cases"] for k in kinds)
    cli = " + ".join(str(results[k]["stats"]["cli batches"]) for k in kinds)
    print(f"fuzz cost: {results['workers']} worker(s), wall {results['seconds']:.0f}s = "
          f"{results['seconds'] * 1000 / max(1, cases):.0f}s per 1,000 cases; {cli} batches through the CLI; "
          f"cpu {sum(results['cpu'].values()):.0f}s" + (" (the Neo4j server's included)" if server_pid else ""))
    print("  per phase, cpu/wall seconds summed over workers: "
          + ", ".join(f"{k} {results['cpu'][k]:.0f}/{results['wall'][k]:.0f}"
                      for k in sorted(results["wall"], key=lambda k: -results["cpu"][k])))
    print("  slowest inputs (CPU seconds, store, file): "
          + ", ".join(f"{c} {k} {guards.printable(n, 60)}" for c, k, n in results["slowest"]))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
