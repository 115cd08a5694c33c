"""Ingest: formats, encodings, failures, furniture removal.

The shared-corpus tests read ``../shared/corpus/dev`` beside the repository
and are skipped only when that folder is absent; everything else runs on the
fixtures in ``tests/fixtures/ingest``.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from policygraph.errors import IngestError
from policygraph.ingest import (
    DEFAULT_MAX_BYTES,
    article_from_text,
    decode_bytes,
    detect_lang,
    iter_articles,
    read_file,
    stable_id,
)
from policygraph.models import Article, IngestFailure

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"
SHARED_DEV = ROOT.parent / "shared" / "corpus" / "dev"

needs_shared = pytest.mark.skipif(not (SHARED_DEV / "articles").is_dir(), reason="../shared corpus not present")


def _one(path: Path | str) -> Article:
    items = list(iter_articles([str(path)]))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def _fail(path: Path | str, **kw) -> IngestFailure:
    items = list(iter_articles([str(path)], **kw))
    assert len(items) == 1, items
    assert isinstance(items[0], IngestFailure), items[0]
    return items[0]


# --------------------------------------------------------------------------
# the shared dev corpus against its gold files


def _gold() -> dict[str, dict]:
    out = {}
    for f in sorted((SHARED_DEV / "gold").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        out[d["file"]] = d
    return out


@needs_shared
def test_dev_corpus_matches_gold():
    gold = _gold()
    items = list(iter_articles([str(SHARED_DEV / "articles")]))
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert not failures, failures
    assert len(items) == len(gold)
    problems = []
    for a in items:
        name = os.path.basename(a.source)
        g = gold[name]
        print(f"--- {name}: {a.title!r} / {a.published.isoformat() if a.published else None}")
        print(f"    head: {a.text[:100]!r}")
        print(f"    tail: {a.text[-100:]!r}")
        if not a.title:
            problems.append(f"{name}: empty title")
        if _norm(a.title) != _norm(g["title"]):
            problems.append(f"{name}: title {a.title!r} != gold {g['title']!r}")
        if a.published is None or a.published.date().isoformat() != g["published"]:
            problems.append(f"{name}: published {a.published} != gold {g['published']}")
        if a.published is not None and a.published.tzinfo is None:
            problems.append(f"{name}: naive datetime")
        leaked = [s for s in g.get("absent", []) if s in a.text]
        if leaked:
            problems.append(f"{name}: furniture left in text: {leaked}")
        if a.lang != g.get("lang", a.lang):
            problems.append(f"{name}: lang {a.lang} != {g['lang']}")
        if len(a.text) < 200:
            problems.append(f"{name}: body too short ({len(a.text)} chars)")
    assert not problems, "\n".join(problems)


def _norm(s: str) -> str:
    return " ".join(s.split())


@needs_shared
def test_dev_corpus_sources_and_ids():
    folder = str(SHARED_DEV / "articles")
    items = list(iter_articles([folder]))
    sources = [a.source for a in items]
    assert sources == sorted(sources)
    assert all(s.startswith(folder + os.sep) for s in sources)
    jsonl = [a for a in items if ".jsonl#" in a.source]
    assert [a.source.rsplit("#", 1)[1] for a in jsonl] == ["1", "2", "3"]
    assert all(a.id and "#" not in a.id for a in jsonl)  # the records' own ids
    ids = [a.id for a in items]
    assert len(set(ids)) == len(ids)
    # stable: reading again, or through another spelling of the folder, gives the same ids
    again = list(iter_articles([folder + os.sep]))
    assert [a.id for a in again] == ids


@needs_shared
def test_dev_press_release_properties():
    by_name = {os.path.basename(a.source): a for a in iter_articles([str(SHARED_DEV / "articles")])}
    joint = [a for a in by_name.values() if len(a.properties.get("issuer", [])) >= 2]
    assert joint, "a joint press release names several issuers"
    for a in by_name.values():
        props = a.properties
        if props.get("doc_type") != "보도자료":
            continue
        assert props.get("issuer"), a.source
        assert a.publisher == props["issuer"][0]
        assert props.get("released") or props.get("embargo"), a.source
        for c in props.get("contacts", []):
            assert c.split()[-1] not in a.text, f"{a.source}: contact {c!r} left in the body"
        assert "붙임" not in a.text.split("\n")[-1]
        assert "☎" not in a.text
        # the publication date is the release (embargo) time, else the distribution time
        expected = props.get("embargo") or props.get("released")
        assert a.published.isoformat() == expected


@needs_shared
def test_dev_cp949_file_decodes():
    gold = _gold()
    cp949 = []
    for f in sorted((SHARED_DEV / "articles").iterdir()):
        data = f.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            cp949.append(f)
    assert cp949, "the dev corpus holds a CP949 file"
    for f in cp949:
        a = _one(f)
        assert a.title == gold[f.name]["title"]


# --------------------------------------------------------------------------
# page dumps, press releases, HTML, JSON on our own fixtures


def test_portal_wire_dump():
    a = _one(FIX / "portal_wire.txt")
    assert a.title == "환경부, 탄소중립 실천 우수기업 12곳 선정…“녹색 전환 가속”"
    assert a.published == datetime.fromisoformat("2024-05-14T11:02:00+09:00")
    assert a.publisher == "연합뉴스"
    assert a.text.startswith("환경부는 14일 정부세종청사에서")  # "(세종=연합뉴스) 김하늘 기자 =" removed
    assert a.text.endswith("말했다.")
    for junk in ("김하늘", "sky@", "okjebo", "저작권", "구독", "요약봇", "문하람", "고속도로", "PICK", "기사원문"):
        assert junk not in a.text, junk
    assert a.text.count("\n\n") == 2  # three paragraphs


def test_portal_dump_furniture():
    a = _one(FIX / "portal_dump.txt")
    assert a.title == "탄소중립 우수기업 12곳 표창…“감축 성과 확산”"
    assert a.published.isoformat() == "2024-03-06T16:20:00+09:00"  # 입력, not 수정
    assert a.publisher == "그린산업타임스"
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0] == "환경부, 세종서 시상식…온실가스 38만톤 줄여"  # the subtitle
    assert paragraphs[-1].endswith("말했다.")
    for junk in ("최보람", "boram", "URL복사", "좋아요", "관련기사", "송하윤", "도하람", "비트코인", "홍두리",
                 "로그인", "정책 > 환경", "2024.03.06", "•"):
        assert junk not in a.text, junk


def test_korean_press_release_header():
    a = _one(FIX / "press_ko.txt")
    assert a.title == "탄소중립 실천 우수기업 12곳 선정…6일 시상식 개최"
    p = a.properties
    assert p["doc_type"] == "보도자료"
    assert p["issuer"] == ["환경부"]
    assert p["office"] == ["환경부 기후전략과"]
    assert p["contacts"] == ["환경부 기후전략과 과장 한지석", "환경부 기후전략과 사무관 문서윤"]
    assert p["embargo"] == "2024-03-05T12:00:00+09:00"
    assert p["released"] == "2024-03-05T09:00:00+09:00"
    assert p["attachments"] == ["우수기업 명단", "시상식 개요"]
    assert a.published.isoformat() == p["embargo"]
    assert a.publisher == "환경부"
    assert a.text.startswith("- 환경부, 기업 자발적 감축 성과")
    assert "□ 환경부(장관 나윤호)는" in a.text and "ㅇ 이번 시상식은" in a.text  # bullets stay
    for junk in ("한지석", "문서윤", "044-", "붙임", "명단", "끝", "다시 뛰는 대한민국"):
        assert junk not in a.text, junk


def test_english_press_release():
    a = _one(FIX / "press_en.txt")
    assert a.title == "Environment ministry honours 12 companies for carbon neutrality efforts"
    assert a.published.date().isoformat() == "2024-05-14"
    assert a.lang == "en"
    assert a.publisher == "Ministry of Environment"
    assert a.properties["issuer"] == ["Ministry of Environment"]
    assert a.text.startswith("SEJONG, May 14 -- The Ministry of Environment")  # dateline kept
    assert a.text.endswith("Vice Minister Han Jung-woo said.")
    for junk in ("FOR IMMEDIATE", "Contact", "Tel:", "###", "About the Ministry", "responsible for"):
        assert junk not in a.text, junk


def test_html_page():
    a = _one(FIX / "page.html")
    assert a.title == "해양수산부, 스마트 항만 실증센터 개소"
    assert a.publisher == "바다경제신문"
    assert a.url == "https://news.example.kr/article/1001"
    assert a.published.isoformat() == "2024-02-21T10:30:00+09:00"  # from the byline, 입력 not 수정
    assert a.text.split("\n\n") == [
        "해양수산부는 21일 부산 신항에서 스마트 항만 실증센터 개소식을 열었다고 밝혔다.",
        "이날 개소식에는 윤가람 해양수산부 차관과 항만 운영사 관계자 등 100여 명이 참석했다.\n센터는 자동화 하역 장비를 시험한다.",
    ]


def test_malformed_html_still_reads():
    a = _one(FIX / "malformed.html")
    assert a.title == "산림청, 봄철 산불 대응 훈련"  # <title> without its site suffix
    assert "강원 지역 10곳에서" in a.text
    assert a.text.endswith("참여했다.")
    assert a.published is None


def test_html_without_body_is_a_failure():
    f = _fail(FIX / "no_body.html")
    assert "no article" in f.message


def test_json_object_and_array():
    a = _one(FIX / "single.json")
    assert a.id == "env-0001"
    assert a.source == str(FIX / "single.json")  # one object: no #N
    assert a.publisher == "그린산업타임스"
    assert a.url == "https://greentimes.example/1"
    assert a.text == "환경부는 6일 탄소중립 우수기업 12곳을 시상했다."  # byline removed
    items = list(iter_articles([str(FIX / "array.json")]))
    assert [i.source for i in items] == [f"{FIX / 'array.json'}#1", f"{FIX / 'array.json'}#2"]
    en, ko = items
    assert en.lang == "en" and ko.lang == "ko"
    assert en.published.date().isoformat() == "2024-02-21"
    assert ko.publisher == "숲일보"  # {"name": ...}
    assert en.id == stable_id("array.json#1", en.title, en.published)


def test_malformed_json_file():
    f = _fail(FIX / "malformed.json")
    assert f.source == str(FIX / "malformed.json")
    assert f.message.startswith("invalid JSON")
    with pytest.raises(IngestError):
        read_file(FIX / "malformed.json")


def test_jsonl_bad_line_does_not_stop_the_others():
    path = str(FIX / "records.jsonl")
    items = list(iter_articles([path]))
    assert [i.source for i in items] == [f"{path}#{n}" for n in range(1, 6)]
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "IngestFailure", "Article", "IngestFailure", "IngestFailure"]
    assert items[0].id == "r-1" and items[2].id == "r-3"
    assert items[0].text == "환경부는 6일 시상식을 열었다."
    assert items[2].lang == "ko"
    assert "line 2" in items[1].message and "invalid JSON" in items[1].message
    assert "not an object" in items[3].message
    assert "no body" in items[4].message
    with pytest.raises(IngestError) as e:
        read_file(path)
    assert e.value.source == f"{path}#2"


def test_markdown():
    a = _one(FIX / "article.md")
    assert a.title == "기상청, 여름철 방재 대책 발표"
    assert a.published.date().isoformat() == "2024-05-20"
    assert a.publisher == "날씨신문"
    assert a.text == "기상청은 20일 여름철 방재 대책을 발표했다.\n\n자세한 내용은 누리집에서 볼 수 있다."


# --------------------------------------------------------------------------
# encodings and bad files


def test_utf8_bom():
    a = _one(FIX / "bom.txt")
    assert a.title == "국토부, 스마트시티 챌린지 사업 공모"
    assert "\ufeff" not in a.title + a.text


def test_cp949():
    raw = (FIX / "cp949.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    a = _one(FIX / "cp949.txt")
    assert a.title == "국토부, 스마트시티 챌린지 사업 공모"
    assert a.published.isoformat() == "2024-04-02T09:00:00+09:00"
    assert a.text.endswith("공모는 다음 달 3일까지 진행된다.")


def test_euc_kr_and_utf16_bytes():
    text = "교육부, 늘봄학교 확대\n\n입력 2024-02-05 10:00\n\n교육부는 5일 늘봄학교를 전국으로 확대한다고 밝혔다.\n"
    assert decode_bytes(text.encode("euc-kr")) == text
    assert decode_bytes(text.encode("utf-16")) == text


def test_binary_file():
    f = _fail(FIX / "binary.txt")
    assert f.message.startswith("binary")
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 50)


def test_empty_file():
    assert _fail(FIX / "empty.txt").message.startswith("empty")
    with pytest.raises(IngestError, match="empty"):
        read_file(FIX / "empty.txt")


def test_too_large(tmp_path):
    small = tmp_path / "big.txt"
    small.write_text("제목\n\n" + "가나다라마바사 아자차카타파하. " * 200, encoding="utf-8")
    f = _fail(small, max_bytes=1000)
    assert f.message.startswith("too large")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as fh:  # sparse: the size check must come before reading
        fh.truncate(DEFAULT_MAX_BYTES + 1)
    t0 = time.perf_counter()
    f = _fail(huge)
    assert f.message.startswith("too large")
    assert time.perf_counter() - t0 < 0.5


def test_unsupported_extension_named_explicitly():
    f = _fail(FIX / "notes.pdf")
    assert "unsupported file type '.pdf'" in f.message


def test_missing_path():
    f = _fail(FIX / "does-not-exist.txt")
    assert f.source == str(FIX / "does-not-exist.txt")
    assert "no such file" in f.message


def test_batch_goes_on_after_failures():
    items = list(iter_articles([FIX / "empty.txt", FIX / "bom.txt", FIX / "binary.txt", FIX / "cp949.txt"]))
    assert [type(i).__name__ for i in items] == ["IngestFailure", "Article", "IngestFailure", "Article"]
    assert all("\n" not in str(i) for i in items if isinstance(i, IngestFailure))  # one-line messages


# --------------------------------------------------------------------------
# folders, sources, ids


def _make_tree(root: Path) -> Path:
    tree = root / "tree"
    (tree / "sub" / "deeper").mkdir(parents=True)
    (tree / ".cache").mkdir()
    (tree / "b.txt").write_text("둘째 기사 제목입니다\n\n입력 2024-01-02 10:00\n\n산업부는 2일 수출 동향을 발표했다.\n", encoding="utf-8")
    (tree / "a.txt").write_text("첫째 기사 제목입니다\n\n입력 2024-01-01 10:00\n\n기재부는 1일 경제정책방향을 발표했다.\n", encoding="utf-8")
    (tree / "sub" / "c.HTML").write_text(
        '<html><head><meta property="og:title" content="셋째 기사 제목">'
        '<meta property="article:published_time" content="2024-01-03T08:00:00+09:00"></head>'
        "<body><article><p>교육부는 3일 새 학기 대책을 발표했다.</p></article></body></html>",
        encoding="utf-8",
    )
    (tree / "sub" / "deeper" / "d.jsonl").write_text(
        '{"title": "넷째", "body": "복지부는 4일 대책을 냈다.", "published": "2024-01-04"}\n'
        '{"title": "다섯째", "body": "법무부는 5일 대책을 냈다.", "published": "2024-01-05"}\n',
        encoding="utf-8",
    )
    (tree / ".hidden.txt").write_text("숨김 파일\n\n본문이다.\n", encoding="utf-8")
    (tree / ".cache" / "x.txt").write_text("숨김 폴더\n\n본문이다.\n", encoding="utf-8")
    (tree / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (tree / "README").write_text("no extension\n", encoding="utf-8")
    (tree / "sub" / "README.md").write_text("# About these files\n\nThey are examples.\n", encoding="utf-8")
    return tree


def test_folder_recursion_sorted_and_skipping(tmp_path):
    tree = _make_tree(tmp_path)
    items = list(iter_articles([str(tree)]))
    assert all(isinstance(i, Article) for i in items), items
    rel = [os.path.relpath(i.source, str(tree)) for i in items]
    assert rel == [
        "a.txt",
        "b.txt",
        os.path.join("sub", "c.HTML"),
        os.path.join("sub", "deeper", "d.jsonl") + "#1",
        os.path.join("sub", "deeper", "d.jsonl") + "#2",
    ]  # hidden files and folders, READMEs (a folder's documentation) and notes.pdf skipped silently
    assert items[0].source == os.path.join(str(tree), "a.txt")  # joined as given, not resolved
    assert [i.published.day for i in items] == [1, 2, 3, 4, 5]


def test_source_is_the_path_as_given(tmp_path, monkeypatch):
    _make_tree(tmp_path)
    shutil.copy(FIX / "bom.txt", tmp_path / "bom.txt")
    monkeypatch.chdir(tmp_path)
    a = _one("bom.txt")
    assert a.source == "bom.txt"
    b = _one("./bom.txt")
    assert b.source == "./bom.txt"
    items = list(iter_articles(["tree"]))
    assert items[0].source == os.path.join("tree", "a.txt")
    items = list(iter_articles(["./tree/"]))
    assert items[0].source == "./tree/a.txt"
    assert a.id == b.id  # ids ignore the folder


def test_stable_id_ignores_folder_and_is_documented_rule(tmp_path):
    shutil.copy(FIX / "bom.txt", tmp_path / "bom.txt")
    a = _one(FIX / "bom.txt")
    b = _one(tmp_path / "bom.txt")
    assert a.id == b.id
    assert a.id == stable_id("bom.txt", a.title, a.published)
    assert len(a.id) == 16
    assert stable_id("x/BOM.txt", "  제목 ", datetime(2024, 1, 1)) == stable_id("bom.txt", "제목", "2024-01-01")


def test_read_file_and_article_from_text():
    arts = read_file(FIX / "array.json")
    assert len(arts) == 2
    a = article_from_text("제목입니다\n\n입력 2024-01-01 09:00\n\n본문 문장이다.\n", source="x.txt")
    assert (a.title, a.text, a.source) == ("제목입니다", "본문 문장이다.", "x.txt")
    with pytest.raises(IngestError):
        article_from_text("   \n ", source="x.txt")


def test_published_defaults_to_kst():
    a = article_from_text("제목입니다\n\n입력 2024-01-01 09:00\n\n본문 문장이다.\n")
    assert a.published.utcoffset() == timedelta(hours=9)


def test_detect_lang():
    assert detect_lang("과학기술정보통신부는 19일 MSIT XR AI 간담회를 열었다.") == "ko"
    assert detect_lang("The Ministry of Science and ICT (과기정통부) held a meeting.") == "en"


def test_to_dict_is_json_ready():
    a = _one(FIX / "press_ko.txt")
    d = a.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["published"] == "2024-03-05T12:00:00+09:00"


def test_press_release_as_table_rows():
    a = _one(FIX / "press_table.txt")
    assert a.title == "양자 전략 보고회 개최 계획"
    p = a.properties
    assert p["doc_type"] == "보도참고자료"
    assert "embargo" not in p  # "즉시 보도 가능"
    assert p["released"] == "2024-01-03T10:00:00+09:00"
    assert a.published.isoformat() == p["released"]
    assert p["issuer"] == ["과학기술정보통신부"]
    assert p["contacts"] == [
        "과학기술정보통신부 양자혁신기술개발과 과장 오세진",
        "과학기술정보통신부 양자혁신기술개발과 사무관 권나래",
    ]
    assert a.text.startswith("○ 과학기술정보통신부는 1월 4일(목)")
    assert "◦ 보고회에는" in a.text
    for junk in ("끝", "권나래", "044-", "|"):
        assert junk not in a.text, junk


def test_portal_html_with_inline_body():
    a = _one(FIX / "portal_naver.html")
    assert a.title == "행안부, 재난안전 통신망 고도화"
    assert a.published.isoformat() == "2024-04-10T14:31:00+09:00"  # data-date-time attribute
    assert a.publisher == "안전일보"  # from the copyright line
    assert a.text.split("\n\n") == [
        "재난망 LTE 속도 2배로",
        "행정안전부는 10일 재난안전통신망 고도화 사업을 시작한다고 밝혔다.",
        "이번 사업에는 3년간 1200억원이 투입된다.",
    ]


def test_english_portal_dump():
    a = _one(FIX / "portal_en.txt")
    assert a.title == "Korea unveils quantum strategy to become a leading player by 2035"
    assert a.published.isoformat() == "2024-02-01T10:05:00+09:00"  # Published, not Updated
    assert a.publisher == "The Korea Signal"
    assert a.lang == "en"
    assert a.text.startswith("SEOUL -- ")
    for junk in ("Rachel", "Share", "Typhoon", "rights reserved", "Most popular"):
        assert junk not in a.text, junk


@pytest.mark.parametrize(
    "para, body",
    [
        ("[서울=뉴시스]김민수 기자 = 과학기술정보통신부는 밝혔다.", "과학기술정보통신부는 밝혔다."),
        ("(서울=연합뉴스) 홍길동 기자 = 정부는 밝혔다.", "정부는 밝혔다."),
        ("【세종=뉴스1】 김철수·이영희 기자 = 정부는 밝혔다.", "정부는 밝혔다."),
        ("SEOUL, Nov. 14 (Yonhap) -- The ministry said.", "The ministry said."),
        ("[사진] 정부는 밝혔다.", "정부는 밝혔다."),  # a caption keeps its text, not its tag
    ],
)
def test_wire_service_datelines_are_not_body(para: str, body: str) -> None:
    from policygraph.ingest import article_from_text

    art = article_from_text(f"제목\n\n입력 2024-06-25 10:30\n\n{para}\n\n두 번째 문단이다.", source="d.txt")
    assert art.text.startswith(body)


# --------------------------------------------------------------------------
# Reading pages by their structure (written cases, not corpus text)

_WIRE_PAGE = """Skip to main content
EASTGATE WIRE
Home | Politics | Economy | Tech | Sports
English | 中文 | 日本語 | Español
Search   Log in   Subscribe

Economy > Trade

Trade chief courts chip investors at Busan showcase

All News 09:15 March 4, 2025

Share on Facebook   Share on X   Share on LinkedIn   Send by email   Print

[Photo] Trade Minister Han Seo-jun (center) tours the Busan Chip Expo on March 4, 2025. (Photo courtesy of the Ministry of Trade) (PHOTO NOT FOR SALE) (Eastgate)

By Moon Ga-yeon and Peter Hall
Eastgate Staff Writers

BUSAN, March 4 (Eastgate) -- Trade Minister Han Seo-jun on Tuesday urged foreign chipmakers to expand testing lines in the southern port city, as the government opened its annual showcase.

ga.moon@eastgate.example
Peter Hall contributed reporting.

Speaking at the opening, Han said the ministry would simplify permits for new plants and that tax credits would follow next year.

(END)

Most Viewed
1. Singer tops charts for fifth week
2. Rain expected across southern provinces
"""


def test_english_wire_page_by_structure() -> None:
    a = article_from_text(_WIRE_PAGE, source="wire.txt")
    assert a.title == "Trade chief courts chip investors at Busan showcase"
    assert a.published is not None and a.published.date().isoformat() == "2025-03-04"
    # the caption keeps what it says, not its tags and credits
    assert "Trade Minister Han Seo-jun (center) tours the Busan Chip Expo" in a.text
    for junk in ("[Photo]", "NOT FOR SALE", "Facebook", "LinkedIn", "Moon Ga-yeon", "Staff Writers", "@eastgate", "Most Viewed", "Singer"):
        assert junk not in a.text, junk
    # a byline in the middle does not cut the body short
    assert "Han said the ministry would simplify permits" in a.text


@pytest.mark.parametrize(
    "line, day",
    [
        ("All News 09:15 March 4, 2025", "2025-03-04"),
        ("Last updated 23:18  October 16, 2024   |   Reading time 3 min", "2024-10-16"),
        ("Nov 24, 2023", "2023-11-24"),
        ("date 2025-12-08", "2025-12-08"),
        ("한빛경제 | 2026-01-09 18:08:12", "2026-01-09"),
        ("(세종=한빛뉴스) 강하늘 기자 | 2024-03-02 11:00 송고 | 2024-03-02 12:10 최종수정", "2024-03-02"),
        ("Date : 2025-01-21      Writer : Press Office      Views : 642", "2025-01-21"),
    ],
)
def test_date_lines_of_many_shapes(line: str, day: str) -> None:
    a = article_from_text(f"홈 | 정치 | 경제\n\n정부, 새 지원책 발표\n\n{line}\n\n정부는 4일 새 지원책을 발표했다고 밝혔다.", source="d.txt")
    assert a.title == "정부, 새 지원책 발표"
    assert a.published is not None and a.published.date().isoformat() == day
    assert a.text == "정부는 4일 새 지원책을 발표했다고 밝혔다."


def test_korean_portal_page_title_after_outlet_and_buttons() -> None:
    page = """포털 뉴스
홈  사회  정치  경제  국제
뉴스 검색  로그인

한빛타임즈 구독
경제

충청북도, 수출기업 물류비 지원 협약…"비용 부담 던다"

김하람 기자 입력 2024. 8. 20. 15:41 수정 2024. 8. 20. 16:12
  음성으로 듣기  번역 설정  글씨크기 조절하기  인쇄하기

[한빛타임즈=김하람 기자] 충청북도는 20일 청주에서 업무협약식을 열고 지원 협약을 체결했다고 밝혔다.

20일 열린 협약식에서 참석자들이 협약서를 들어 보이고 있다. (충청북도 제공) 2024.8.20/한빛타임즈

협약에 따라 도는 물류비를 지원한다.

김하람 기자 haram@hanbit.example
"""
    a = article_from_text(page, source="p.txt")
    assert a.title.startswith("충청북도, 수출기업 물류비 지원 협약")
    assert a.text.startswith("충청북도는 20일 청주에서")
    assert "참석자들이 협약서를 들어 보이고 있다." in a.text
    for junk in ("한빛타임즈", "김하람", "제공)", "글씨크기", "2024.8.20"):
        assert junk not in a.text, junk


def test_feed_with_portal_field_names(tmp_path: Path) -> None:
    rec = {"newsItemId": "9", "subject": "해양수산부, 항만 안전 점검", "contents": "해양수산부는 10일 부산항에서 안전 점검 회의를 열었다고 밝혔다.",
           "regDate": "2024-06-10 09:30:00", "ministry": "해양수산부"}
    p = tmp_path / "feed.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (a,) = read_file(p)
    assert a.title == "해양수산부, 항만 안전 점검"
    assert a.published is not None and a.published.isoformat().startswith("2024-06-10T09:30")
    assert a.publisher == "해양수산부"


def test_html_with_a_scattered_body_gets_a_second_opinion() -> None:
    # every paragraph in its own wrapper, a sidebar of headlines the densest block:
    # our rules pick the sidebar, trafilatura finds the story, and the longer body wins
    (a,) = read_file(FIX / "scattered_body.html")
    assert a.text.startswith("해양수산부는 10일 부산항 국제여객터미널에서")
    assert "보강 공사를 서둘러 진행하겠다고 말했다." in a.text
    assert "코스피" not in a.text and "크랭크인" not in a.text


def test_a_date_line_at_the_very_top_and_agency_photo_credits() -> None:
    page = """ date 2021-03-02  Back To Top
National

Minister opens new port terminal in Incheon

By Staff Reporter
Published : Mar 2, 2021 - 10:05       Updated : Mar 2, 2021 - 11:20
(Ministry of Oceans-Yonhap)

Oceans Minister Moon Seong-hyeok on Tuesday opened a new container terminal in Incheon, the ministry said.
"""
    a = article_from_text(page, source="p.txt")
    assert a.title == "Minister opens new port terminal in Incheon"
    assert a.published is not None and a.published.isoformat().startswith("2021-03-02T10:05")
    assert a.text.startswith("Oceans Minister Moon Seong-hyeok on Tuesday")


def test_a_date_in_front_of_the_first_line_a_from_byline_and_an_em_dash_dateline() -> None:
    page = """ date 2024-11-28 Ministers sign four pacts in Seoul

From Siti Rahmah Abdullah
SEOUL, Nov 28 (NNN-Bernama) — Malaysia signed four memoranda of understanding with South Korea on Thursday.

The pacts cover digital government and health.
"""
    a = article_from_text(page, source="p.txt")
    assert a.published is not None and a.published.date().isoformat() == "2024-11-28"
    assert a.title == "Ministers sign four pacts in Seoul"
    assert a.text.startswith("Malaysia signed four memoranda")
    assert "Siti Rahmah" not in a.text
