"""A batch never dies: every bad input is one line, every good article lands.

Each case is one an earlier version lost a whole batch to (issue 10): the bad
input is loaded next to a good article, into both stores, and the good article
must be stored, the bad input reported once, naming its path.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from policygraph import guards, pipeline
from policygraph.dates import parse_datetime
from policygraph.errors import ConfigError, StoreError
from policygraph.stores.base import GraphStore

BODY = "과학기술정보통신부는 19일 서울에서 회의를 열었다. 이종호 장관이 참석했다.\n\n둘째 문단이다."
GOOD_TITLE = "좋은 기사"


def good_article(folder: Path) -> Path:
    p = folder / "zz_good.txt"
    p.write_text(f"{GOOD_TITLE}\n\n{BODY}", encoding="utf-8")
    return p


def record(**kw) -> str:
    return json.dumps({"title": "기록", "body": BODY, **kw}, ensure_ascii=False)


def titles(store: GraphStore) -> set[str]:
    return {n.props.get("title") for n in store.nodes("Article")}


def load_with_good(store: GraphStore, tmp_path: Path, name: str | bytes, data: bytes | str):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    target = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
    with open(target, "wb") as fh:
        fh.write(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    good_article(folder)
    report = pipeline.load([folder], store)
    assert GOOD_TITLE in titles(store), report.failures
    return report


# -- crashes that used to abort the whole load ------------------------------------------


def test_timestamp_of_ten_to_the_400(store: GraphStore, tmp_path: Path) -> None:
    raw = '{"title": "거대한 시각", "body": %s, "published": 1%s}' % (json.dumps(BODY), "0" * 400)
    report = load_with_good(store, tmp_path, "feed.json", raw)
    assert report.ok and "거대한 시각" in titles(store)


@pytest.mark.parametrize("stamp", ["2023-10-19T10:00:00+99:00", "2023-10-19 10:00 UTC+99", "Thu, 19 Oct 2023 10:00:00 +9900"])
def test_utc_offset_out_of_range_is_no_timestamp(stamp: str) -> None:
    assert parse_datetime(stamp) is None
    assert parse_datetime("2023-10-19T10:00:00+09:00").isoformat() == "2023-10-19T10:00:00+09:00"


@pytest.mark.parametrize("fmt", ["txt", "json", "html"])
def test_utc_offset_out_of_range_in_every_format(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    stamp = "2023-10-19T10:00:00+99:00"
    data = {
        "txt": f"시각이 이상한 기사\n{stamp}\n\n{BODY}",
        "json": record(title="시각이 이상한 기사", published=stamp),
        "html": f'<html><head><meta property="article:published_time" content="{stamp}">'
        f"<title>시각이 이상한 기사</title></head><body><article><p>{BODY}</p></article></body></html>",
    }[fmt]
    report = load_with_good(store, tmp_path, f"odd.{fmt}", data)
    # stored (which line a plain-text page's title comes from is ingest's business)
    assert report.ok and len(titles(store)) == 2


def test_json_nested_1000_deep(store: GraphStore, tmp_path: Path) -> None:
    report = load_with_good(store, tmp_path, "deep.json", "[" * 1000 + "]" * 1000)
    assert [f.source.endswith("deep.json") for f in report.failures] == [True]
    assert "nested more than" in report.failures[0].message


def test_jsonl_line_nested_100000_deep(store: GraphStore, tmp_path: Path) -> None:
    lines = [record(title="첫 기록"), "[" * 100_000 + "]" * 100_000, record(title="셋째 기록")]
    report = load_with_good(store, tmp_path, "feed.jsonl", "\n".join(lines))
    assert [f.source.endswith("feed.jsonl#2") for f in report.failures] == [True]
    assert {"첫 기록", "셋째 기록"} <= titles(store)


def test_lone_surrogates_in_title_url_and_text(store: GraphStore, tmp_path: Path) -> None:
    body = BODY.replace("\n", "\\n")
    raw = '{"title": "깨진\\ud800제목", "body": "%s \\ud83d끝", "url": "https://example.kr/\\udc00"}' % body
    report = load_with_good(store, tmp_path, "surrogates.json", raw)
    assert report.ok
    art = next(n for n in store.nodes("Article") if n.props["title"].startswith("깨진"))
    assert art.props["title"] == "깨진\ufffd제목" and art.props["url"] == "https://example.kr/\ufffd"


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_file_name_that_is_not_utf8(store: GraphStore, tmp_path: Path) -> None:
    report = load_with_good(store, tmp_path, b"bad\xff\xfename.txt", f"이름이 깨진 파일\n\n{BODY}")
    assert report.ok and "이름이 깨진 파일" in titles(store)


def test_ld_json_nested_deep_inside_html(store: GraphStore, tmp_path: Path) -> None:
    ld = "[" * 100_000 + "]" * 100_000
    html = (f'<html><head><script type="application/ld+json">{ld}</script><title>깊은 메타데이터</title></head>'
            f"<body><article><p>{BODY}</p></article></body></html>")
    report = load_with_good(store, tmp_path, "page.html", html)
    assert report.ok and "깊은 메타데이터" in titles(store)


def test_out_of_range_integer_in_properties_fails_that_record_only(store: GraphStore, tmp_path: Path) -> None:
    recs = [json.loads(record(title="정상 기록")), json.loads(record(title="거대한 수", properties={"n": 10**30}))]
    report = load_with_good(store, tmp_path, "feed.json", json.dumps(recs, ensure_ascii=False))
    assert "정상 기록" in titles(store) and "거대한 수" not in titles(store)
    [f] = report.failures
    assert f.source.endswith("feed.json#2") and "64 bits" in f.message


def test_a_write_the_store_refuses_fails_that_article_only(neo4j_store: GraphStore, tmp_path: Path) -> None:
    # Neo4j cannot store a list mixing numbers and strings: the article fails, the batch does not
    recs = [json.loads(record(title="정상 기록")), json.loads(record(title="섞인 목록", properties={"tags": [1, "a"]}))]
    report = load_with_good(neo4j_store, tmp_path, "feed.json", json.dumps(recs, ensure_ascii=False))
    assert "정상 기록" in titles(neo4j_store) and "섞인 목록" not in titles(neo4j_store)
    [f] = report.failures
    assert f.source.endswith("feed.json#2") and f.message.startswith("not stored:")


# -- special files -------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    from policygraph.stores.sqlite import SQLiteStore

    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    good_article(folder)
    result: dict = {}

    def run() -> None:
        with SQLiteStore(tmp_path / "g.db") as store:
            result["report"] = pipeline.load([folder, folder / "pipe.txt"], store)
            result["titles"] = titles(store)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(120)
    if t.is_alive():  # unblock the reader so that the test process can end
        fd = os.open(folder / "pipe.txt", os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("the load blocked on a FIFO")
    report = result["report"]
    assert GOOD_TITLE in result["titles"]
    assert [f.message for f in report.failures] == ["a FIFO (named pipe), not a regular file; skipped"] * 2


def test_symlink_loop_and_unreadable_file(store: GraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    good_article(folder)
    report = pipeline.load([folder], store)
    assert GOOD_TITLE in titles(store)
    assert sorted(Path(f.source).name for f in report.failures) == ["a.txt", "b.txt"]
    assert all("symbolic links" in f.message for f in report.failures)


def test_devices_and_sockets_are_skipped_unopened(tmp_path: Path) -> None:
    import socket

    from policygraph.stores.sqlite import SQLiteStore

    folder = tmp_path / "in"
    folder.mkdir()
    os.symlink("/dev/zero", folder / "zero.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "s.txt"))
    good_article(folder)
    try:
        with SQLiteStore(tmp_path / "g.db") as store:
            report = pipeline.load([folder], store)
            assert GOOD_TITLE in titles(store)
    finally:
        sock.close()
    assert sorted((Path(f.source).name, f.message) for f in report.failures) == [
        ("s.txt", "a socket, not a regular file; skipped"),
        ("zero.txt", "a character device, not a regular file; skipped"),
    ]


# -- cost: linear in the input, whatever its shape ------------------------------------------

SHAPES = {
    # a run of capitals: the English abbreviation and held-name patterns were quadratic on it
    "capitals": ("txt", lambda n: "Title here\n\nThe minister said " + "A" * n + " today."),
    # a run of entities (&&&& after decoding): the list pattern was quadratic on it
    "entities": ("html", lambda n: "<html><body><p>" + "&amp;" * n + BODY + "</p></body></html>"),
    # "A.A.A.…": a name may start at each "A"; the organisation and event patterns scanned the
    # whole run from each of them
    "initials": ("txt", lambda n: "Title here\n\nThe minister said " + "A." * n + " today."),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_cost_grows_linearly(shape: str) -> None:
    import time

    from policygraph.extract import extract
    from policygraph.ingest import article_from_text

    fmt, make = SHAPES[shape]
    extract(article_from_text(f"제목\n\n{BODY}", "warm.txt", "txt"))  # analysers loaded

    def cpu(n: int) -> float:
        a = article_from_text(make(n), f"x.{fmt}", fmt)
        t = time.process_time()
        extract(a)
        return time.process_time() - t

    small, big = cpu(10_000), cpu(40_000)
    # four times the input: about four times the time (quadratic would be sixteen)
    assert big < 8 * max(small, 0.05), (small, big)


READ_SHAPES = {
    # nested <div>s: the HTML parser's time is size times depth (100,000 of them took minutes)
    "nested divs": ("html", 10_000, lambda n: "<html><body>" + "<div>" * n + BODY + "</div>" * n + "</body></html>"),
    # a feed body of "<p " never closed by ">": the pattern sniffing HTML in a body was quadratic on it
    "unclosed tags in a feed body": ("json", 10_000, lambda n: record(title="열린 태그", body=BODY + " <p" * n)),
    # a run of tabs in a line: the trailing-space pattern of every line's core was quadratic on it
    "tabs": ("txt", 500, lambda n: f"탭\n\n{BODY} " + "\t" * n + f" {BODY}"),
    # NEL (U+0085) is no space to the space pattern: the end-mark pattern was cubic on a run of them
    # "[" without "]" in Markdown: the link pattern scanned the rest of the line from each "["
    "brackets in markdown": ("md", 1_000, lambda n: f"# 괄호\n\n{BODY}\n\n" + "<![CDATA[" * n + "\n"),
    "line separators": ("txt", 200, lambda n: f"줄 바꿈\n\n{BODY}\n\n마지막 문단이다. " + "\x85" * n + " 끝이다."),
}


@pytest.mark.parametrize("shape", sorted(READ_SHAPES))
def test_reading_cost_grows_linearly(shape: str, tmp_path: Path) -> None:
    import time

    from policygraph.errors import IngestError
    from policygraph.ingest import read_file

    fmt, n, make = READ_SHAPES[shape]

    def cpu(n: int) -> float:
        p = tmp_path / f"{n}.{fmt}"
        p.write_text(make(n), encoding="utf-8")
        t = time.process_time()
        try:
            read_file(p)
        except IngestError:
            pass
        return time.process_time() - t

    small, big = cpu(n), cpu(8 * n)
    # eight times the input: about eight times the time (quadratic would be sixty-four)
    assert big < 16 * max(small, 0.05), (small, big)


def test_html_nested_too_deep_is_one_clear_failure(store: GraphStore, tmp_path: Path) -> None:
    n = 100_000
    report = load_with_good(store, tmp_path, "deep.html", "<html><body>" + "<div>" * n + BODY + "</div>" * n)
    [f] = report.failures
    assert f.source.endswith("deep.html") and f.message == f"HTML nested more than {guards.MAX_HTML_DEPTH} elements deep"


def test_html_depth_counts_what_the_parser_nests() -> None:
    depth = guards.html_depth
    assert depth("<html><body><div><div><span>x</span></div></div></body></html>") == 3
    assert depth("<div>" * 5) == 5 and depth("<div>" * 5000) == guards.MAX_HTML_DEPTH + 1  # stops counting
    assert depth("<p>" * 5000 + "<li>" * 5000 + "<br>" * 5000 + "<img src=x>" * 5000) == 0  # closed by the parser / empty
    assert depth("<svg>" + '<path d="M0 0"/>' * 5000 + "</svg>") == 1  # self-closed in SVG
    assert depth("<svg><div/>" + "<div/>" * 10) == 12  # not in HTML: <div/> opens a div
    assert depth("<script>" + "<div>" * 5000 + "</script><!-- <div><div> --><div>") == 1  # text, comments skipped
    assert depth("<div>" + "</span>" * 10 + "<div>") == 2  # an end tag closes only an open element


# -- guards ----------------------------------------------------------------------------------


def test_printable_is_one_line() -> None:
    assert guards.printable("a\udcff\udcfeb\ud800\nc\x1b") == "a\\xff\\xfeb\\ud800\\nc\\x1b"


def test_internal_message_says_how_to_get_the_traceback() -> None:
    msg = guards.internal_message(ZeroDivisionError("division by zero"))
    assert msg.startswith("internal error: ZeroDivisionError: division by zero") and "--debug" in msg


@pytest.mark.parametrize("uri, why", [
    ("http://localhost:7474", "scheme 'http://' is not supported"),
    ("bolt://host:notaport", "Port could not be cast"),
    ("bolt://host:70000", "out of range"),
    ("bolt://", "no host"),
    ("localhost:7687", "not supported"),
])
def test_bad_neo4j_uris(uri: str, why: str) -> None:
    with pytest.raises(ConfigError, match="bad Neo4j URI") as e:
        guards.check_neo4j_uri(uri)
    assert why in str(e.value) and "bolt://" in str(e.value)


def test_param_values_never_recurse() -> None:
    assert guards.parse_param_value("[" * 5000) == "[" * 5000
    assert guards.parse_param_value("[" * 5000 + "]" * 5000) == "[" * 5000 + "]" * 5000
    assert guards.parse_param_value('{"a": [1, 2]}') == {"a": [1, 2]}


# -- the command line --------------------------------------------------------------------------


def cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYGRAPH_"))}
    return subprocess.run([sys.executable, "-m", "policygraph", *args], capture_output=True, text=True,
                          env={**base, **(env or {})}, cwd=cwd, timeout=300)


def test_cli_failure_lines_once_and_unwrapped_and_exit_codes(tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-rather-long-name-" * 3)
    folder.mkdir()
    good_article(folder)
    (folder / "deep.json").write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    (folder / "offset.txt").write_text(f"이상한 시각\n2023-10-19T10:00:00+99:00\n\n{BODY}", encoding="utf-8")
    r = cli("load", str(folder), "--db", str(tmp_path / "g.db"), cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    lines = r.stderr.splitlines()
    bad = [l for l in lines if "deep.json" in l]
    assert len(bad) == 1 and bad[0] == f"policygraph: failed: {folder / 'deep.json'}: invalid JSON: nested more than 100 levels deep"
    assert "Traceback" not in r.stderr
    assert "articles: 2 read, 2 written, 0 unchanged, 1 failed" in r.stdout
    ok = cli("load", str(folder / "zz_good.txt"), "--db", str(tmp_path / "g.db"), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr


@pytest.mark.parametrize("uri", ["http://localhost:7474", "bolt://host:notaport"])
def test_cli_bad_uri_is_a_usage_error(tmp_path: Path, uri: str) -> None:
    good_article(tmp_path)
    r = cli("load", str(tmp_path / "zz_good.txt"), "--neo4j", uri, cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "bad Neo4j URI" in r.stderr and "bolt://" in r.stderr
    assert "Traceback" not in r.stderr and "ModuleNotFoundError" not in r.stderr


def test_cli_unreachable_store_exits_3(tmp_path: Path) -> None:
    good_article(tmp_path)
    r = cli("load", str(tmp_path / "zz_good.txt"), "--neo4j", "bolt://127.0.0.1:1", cwd=tmp_path)
    assert r.returncode == 3 and "cannot connect" in r.stderr and r.stderr.count("\n") == 1


def test_cli_deep_param_value_is_no_traceback(tmp_path: Path) -> None:
    r = cli("query", "who_met_whom", "-p", "person=" + "[" * 5000, "--neo4j", "bolt://127.0.0.1:1", cwd=tmp_path)
    assert "RecursionError" not in r.stderr and "Traceback" not in r.stderr
    assert r.returncode == 3, r.stderr


def test_cli_internal_error_names_debug_switch(tmp_path: Path) -> None:
    # a store path inside a file: the one unforeseen error here is a clean store error, and --debug shows a traceback
    (tmp_path / "f").write_text("x", encoding="utf-8")
    good_article(tmp_path)
    r = cli("--debug", "load", str(tmp_path / "zz_good.txt"), "--db", str(tmp_path / "f" / "g.db"), cwd=tmp_path)
    assert r.returncode != 0 and "Traceback" in r.stderr
    r = cli("load", str(tmp_path / "zz_good.txt"), "--db", str(tmp_path / "f" / "g.db"), cwd=tmp_path)
    assert r.returncode == 3 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1


def test_compose_binds_to_localhost_and_has_no_default_password() -> None:
    import re

    compose = (Path(__file__).resolve().parent.parent / "docker" / "compose.yaml").read_text(encoding="utf-8")
    ports = re.findall(r'^\s*- "(.*:\d+)"\s*$', compose, re.M)
    assert len(ports) == 2 and all(p.startswith("${NEO4J_BIND:-127.0.0.1}:") for p in ports), ports
    auth = re.search(r'NEO4J_AUTH: "neo4j/(.*)"', compose).group(1)
    assert auth.startswith("${NEO4J_PASSWORD:?") and ":-" not in auth
    assert "policygraph-dev" not in compose


def test_a_name_too_long_for_an_index_is_refused_and_the_store_goes_on(store: GraphStore) -> None:
    """A term over Lucene's 32,766 bytes in a keyword full-text index fails in Neo4j
    only after its transaction is logged, and stops the whole database until a
    restart: the Neo4j store refuses such an article before writing anything,
    with one line; the embedded store takes it. Either way the store goes on."""
    from policygraph.models import ArticleGraph, NodeRecord
    from policygraph.stores.neo4j import MAX_KEY_BYTES, Neo4jStore

    def graph(aid: str, name: str) -> ArticleGraph:
        return ArticleGraph(aid, "f-" + aid, [
            NodeRecord(f"article:{aid}", "Article", {"title": aid, "name": aid}),
            NodeRecord(f"org:{aid}", "Organization", {"name": name, "aliases": [name[:50]]}),
        ], [])

    huge = "Dr. " * 15_000  # 60,000 bytes
    if isinstance(store, Neo4jStore):
        with pytest.raises(StoreError, match=f"its name is longer than {MAX_KEY_BYTES} bytes"):
            store.replace_articles([graph("huge", huge)])
    else:
        store.replace_articles([graph("huge", huge)])
    store.replace_articles([graph("fine", "Korea Trade Office")])
    assert store.node("org:fine").props["name"] == "Korea Trade Office"


def test_a_long_quote_keeps_its_text_and_a_bounded_name() -> None:
    from policygraph.build import QUOTE_NAME_CHARS, to_article_graph
    from policygraph.models import Article, Entity, Extraction

    said = "가" * 20_000
    art = Article(id="q", source="q.txt", title="t", text=said, lang="ko")
    g = to_article_graph(Extraction(art, [Entity("quote:가", "Quote", said, properties={"text": said})], []), "v")
    [q] = [n for n in g.nodes if n.label == "Quote"]
    assert q.props["text"] == said and len(q.props["name"]) == QUOTE_NAME_CHARS
