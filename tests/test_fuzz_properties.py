"""Property-based tests (hypothesis): whatever the input, the stages either
give a result or one library error, never another exception; what they give
can be stored. Bounded so that the whole file runs in about a minute;
bench/fuzz.py is the long-running version over whole files and both stores."""
from __future__ import annotations

import json
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policygraph import guards, pipeline
from policygraph.build import to_article_graph
from policygraph.dates import find_dates, parse_datetime
from policygraph.errors import ConfigError, IngestError
from policygraph.extract import EXTRACTOR_VERSION
from policygraph.ingest import article_from_text, decode_bytes
from policygraph.models import Article, IngestFailure
from policygraph.resolve import assign_ids
from policygraph.stores.sqlite import SQLiteStore

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text with everything that bit before: lone surrogates, control characters, Hangul, digits, brackets
any_text = st.text(alphabet=st.one_of(
    st.characters(),  # includes lone surrogates
    st.sampled_from(list("0123456789-:+T.년월일 가나다라()[]{}\"'<>&;\n\r\t\x00\x1b")),
), max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True) | st.integers(min_value=-(10**40), max_value=10**40) | any_text,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.sampled_from(
        ["title", "body", "text", "published", "timestamp", "url", "id", "properties", "lang", "publisher", "items", "x"]
    ) | any_text, kids, max_size=5),
    max_leaves=20,
)
stamps = st.builds(
    lambda y, mo, d, h, mi, sign, oh, om: f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:00{sign}{oh:02d}:{om:02d}",
    st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25), st.integers(0, 61),
    st.sampled_from("+-"), st.integers(0, 99), st.integers(0, 99),
)


@FAST
@given(st.one_of(any_text, stamps))
def test_parse_datetime_never_raises(s: str) -> None:
    dt = parse_datetime(s)
    assert dt is None or (dt.tzinfo is not None and abs(dt.utcoffset()) < timedelta(hours=24))


@FAST
@given(any_text, st.one_of(st.none(), st.dates()))
def test_find_dates_never_raises(s: str, ref) -> None:
    for m in find_dates(s, ref):
        assert 0 <= m.start <= m.end <= len(s)


@FAST
@given(st.one_of(any_text, st.builds(lambda n, c: c[0] * n + c[1] * n, st.integers(0, 3000), st.sampled_from(["[]", "{}"]))))
def test_loads_json_raises_only_value_error(s: str) -> None:
    try:
        data = guards.loads_json(s)
    except ValueError:
        return
    assert guards.json_depth(data) <= guards.MAX_JSON_DEPTH


@FAST
@given(any_text, st.integers(1, 50))
def test_text_chunks_cover_the_text(s: str, size: int) -> None:
    chunks = list(guards.text_chunks(s, size))
    assert "".join(c for _, c in chunks) == s
    assert all(s[o : o + len(c)] == c and len(c) <= size for o, c in chunks)


@FAST
@given(any_text)
def test_printable_is_one_encodable_line(s: str) -> None:
    p = guards.printable(s)
    p.encode("utf-8")
    assert "\n" not in p and "\r" not in p and "\x1b" not in p


@FAST
@given(st.one_of(any_text, st.builds(lambda s, h, p: f"{s}://{h}:{p}", st.sampled_from(["bolt", "neo4j+s", "http", ""]), any_text, any_text)))
def test_uri_check_raises_only_config_error(uri: str) -> None:
    try:
        guards.check_neo4j_uri(uri)
    except ConfigError as e:
        guards.printable(str(e)).encode("utf-8")


@FAST
@given(any_text)
def test_param_values_never_raise(s: str) -> None:
    guards.parse_param_value(s)


@FAST
@given(st.binary(max_size=2000))
def test_decode_bytes_raises_only_ingest_errors(b: bytes) -> None:
    try:
        decode_bytes(b, "x.txt")
    except IngestError:
        pass


@SLOW
@given(any_text, st.sampled_from(["txt", "html", "md"]))
def test_text_formats_raise_only_ingest_errors(s: str, fmt: str) -> None:
    try:
        article_from_text(s, f"x.{fmt}", fmt)
    except IngestError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(json_values, st.sampled_from([".json", ".jsonl"]))
def test_any_json_feed_gives_articles_or_failures_that_can_be_stored(value, ext: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"feed{ext}"
        text = json.dumps(value, ensure_ascii=False, allow_nan=True)
        p.write_bytes(text.encode("utf-8", "surrogatepass"))
        items = list(pipeline.iter_inputs([p]))
        assert items and all(isinstance(i, (Article, IngestFailure)) for i in items)
        for item in items:
            if isinstance(item, IngestFailure):
                guards.printable(str(item)).encode("utf-8")
                continue
            # what ingest gives can be written: no lone surrogates, integers within 64 bits
            for f in (item.id, item.source, item.title, item.text, item.url or "", item.publisher or ""):
                f.encode("utf-8")
            json.dumps(item.properties, ensure_ascii=False).encode("utf-8")


@SLOW
@given(any_text, any_text)
def test_any_article_text_is_extracted_and_stored(title: str, body: str) -> None:
    body = body + " 과학기술정보통신부는 19일 서울에서 회의를 열었다."
    a = guards.clean_article(Article(id="a\ud800", source="s\udcff.txt", title=title, text=body))
    ex = pipeline._extract_one(a)
    if isinstance(ex, IngestFailure):
        raise AssertionError(ex)
    g = to_article_graph(assign_ids(ex), EXTRACTOR_VERSION)
    with SQLiteStore(":memory:") as store:
        store.replace_articles([g])
        assert store.fingerprints() == {g.article_id: g.fingerprint}
