"""Re-loading unchanged inputs: a file whose bytes (and the code that reads
them) are those its stored articles came from is recognised before it is
parsed; anything else is parsed and each article checked, as before."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from policygraph import parallel, pipeline
from policygraph.ingest import sources
from policygraph.stores.base import GraphStore
from policygraph.stores.sqlite import SQLiteStore

TEXTS = {
    "a.txt": "과기정통부, 세종에서 데이터 정책 간담회\n\n과학기술정보통신부는 3일 세종에서 데이터 정책 간담회를 열었다.",
    "b.txt": "Ministry opens AI safety lab\n\nThe Ministry of Science and ICT opened an AI safety lab in Daejeon on 4 May 2025.",
}
RECORDS = [
    {"id": "r1", "title": "국토부, 스마트시티 설명회", "text": "국토교통부는 5일 부산에서 스마트시티 설명회를 열었다.", "published": "2025-05-05"},
    {"id": "r2", "title": "환경부, 탄소중립 토론회", "text": "환경부는 6일 서울에서 탄소중립 토론회를 개최했다.", "published": "2025-05-06"},
    {"id": "r3", "title": "교육부, 디지털 교과서 간담회", "text": "교육부는 7일 세종에서 디지털 교과서 간담회를 열었다.", "published": "2025-05-07"},
]


def snapshot(store: GraphStore):
    return (
        [(n.id, n.label, n.props) for n in store.nodes()],
        [(r.key, r.type, r.source, r.target, r.props) for r in store.relationships()],
        store.counts(),
    )


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    write_jsonl(d / "c.jsonl", RECORDS)
    return d


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The files parsed (the real parser runs; each call is noted)."""
    seen: list[str] = []
    real = sources._read_source

    def noting(path, source, max_bytes, data=None):
        seen.append(Path(path).name)
        return real(path, source, max_bytes, data)

    monkeypatch.setattr(sources, "_read_source", noting)
    return seen


def fresh(tmp_path: Path, folder: Path, name: str):
    with SQLiteStore(tmp_path / name) as store:
        pipeline.load([folder], store)
        return snapshot(store)


def test_an_unchanged_folder_is_not_parsed_again(tmp_path: Path, folder: Path, parses: list[str]) -> None:
    calls: list[tuple[str, str]] = []
    with SQLiteStore(tmp_path / "g.db") as store:
        first = pipeline.load([folder], store)
        assert first.ok and first.articles_written == 5
        before = snapshot(store)
        parses.clear()
        again = pipeline.load([folder], store, progress=lambda k, i: calls.append((k, i.source)))
        assert parses == []
        assert (again.articles_read, again.articles_written, again.articles_unchanged) == (5, 0, 5)
        assert again.summary().splitlines()[0] == "articles: 5 read, 0 written, 5 unchanged, 0 failed"
        assert calls == [("unchanged", str(folder / "a.txt")), ("unchanged", str(folder / "b.txt"))] + [
            ("unchanged", f"{folder / 'c.jsonl'}#{i}") for i in (1, 2, 3)
        ]
        assert snapshot(store) == before
        # --force reads everything again
        parses.clear()
        forced = pipeline.load([folder], store, force=True)
        assert sorted(parses) == ["a.txt", "b.txt", "c.jsonl"] and forced.articles_written == 5


def test_a_changed_then_unchanged_file(tmp_path: Path, folder: Path, parses: list[str]) -> None:
    with SQLiteStore(tmp_path / "g.db") as store:
        pipeline.load([folder], store)
        (folder / "a.txt").write_text(TEXTS["a.txt"].replace("3일", "9일"), encoding="utf-8")
        parses.clear()
        r = pipeline.load([folder], store)
        assert parses == ["a.txt"] and (r.articles_written, r.articles_unchanged) == (1, 4)
        parses.clear()
        r = pipeline.load([folder], store)
        assert parses == [] and (r.articles_written, r.articles_unchanged) == (0, 5)
        # back to the first bytes: read and written again
        (folder / "a.txt").write_text(TEXTS["a.txt"], encoding="utf-8")
        r = pipeline.load([folder], store)
        assert parses == ["a.txt"] and (r.articles_written, r.articles_unchanged) == (1, 4)
        got = snapshot(store)
    assert got == fresh(tmp_path, folder, "fresh.db")


def test_a_jsonl_with_one_record_changed(tmp_path: Path, folder: Path, parses: list[str]) -> None:
    with SQLiteStore(tmp_path / "g.db") as store:
        pipeline.load([folder], store)
        changed = [dict(r) for r in RECORDS]
        changed[1]["text"] = changed[1]["text"].replace("서울", "대구")
        write_jsonl(folder / "c.jsonl", changed)
        parses.clear()
        r = pipeline.load([folder], store)
        assert parses == ["c.jsonl"] and (r.articles_written, r.articles_unchanged) == (1, 4)
        parses.clear()
        r = pipeline.load([folder], store)
        assert parses == [] and r.articles_unchanged == 5
        got = snapshot(store)
    assert got == fresh(tmp_path, folder, "fresh.db")


def test_a_file_with_a_bad_record_is_read_and_reported_each_time(tmp_path: Path, folder: Path, parses: list[str]) -> None:
    with (folder / "c.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    with SQLiteStore(tmp_path / "g.db") as store:
        first = pipeline.load([folder], store)
        parses.clear()
        again = pipeline.load([folder], store)
        assert parses == ["c.jsonl"]
        assert [f.source for f in again.failures] == [f.source for f in first.failures] == [f"{folder / 'c.jsonl'}#4"]
        assert again.articles_unchanged == 5


def test_an_article_another_file_replaced_is_read_again(tmp_path: Path, folder: Path, parses: list[str]) -> None:
    other = tmp_path / "other"
    other.mkdir()
    write_jsonl(other / "d.jsonl", [dict(RECORDS[0], text=RECORDS[0]["text"].replace("부산", "광주"))])
    with SQLiteStore(tmp_path / "g.db") as store:
        pipeline.load([folder], store)
        pipeline.load([other], store)  # r1 now says what d.jsonl says
        parses.clear()
        r = pipeline.load([folder], store)
        assert parses == ["c.jsonl"] and (r.articles_written, r.articles_unchanged) == (1, 4)


def test_other_reading_code_reads_again(tmp_path: Path, folder: Path, parses: list[str], monkeypatch) -> None:
    with SQLiteStore(tmp_path / "g.db") as store:
        pipeline.load([folder], store)
        monkeypatch.setattr(parallel, "_INPUT_VERSION", "another-version")
        parses.clear()
        r = pipeline.load([folder], store)
        assert sorted(parses) == ["a.txt", "b.txt", "c.jsonl"]
        assert r.articles_unchanged == 5  # each article is still checked by its fingerprint


def test_the_digest_covers_path_bytes_and_version() -> None:
    d = parallel.input_digest("x/a.txt", b"abc")
    assert d != parallel.input_digest("y/a.txt", b"abc")
    assert d != parallel.input_digest("x/a.txt", b"abd")
    assert d == parallel.input_digest("x/a.txt", b"abc")
