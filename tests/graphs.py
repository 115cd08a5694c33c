"""Hand-built ArticleGraphs for the store, export and networkx tests.

Two Korean government press articles that share a minister, his ministry and
an event, plus a changed second version of the first one:

* ``A1`` (motie-001): 산업통상자원부 holds 한-미 통상장관회의 in 서울; 안덕근 is
  장관 and takes part; the event is about 반도체 수출.
* ``A2`` (motie-002): the same minister, ministry and event (later dates, an
  English alias), 안덕근 also as 통상교섭본부장 (a second HOLDS_POSITION with
  another title), a quote, 삼성전자 making HBM.
* ``A1_V2``: A1 rewritten: the topic, the alias "안 장관", the place and the
  HELD_AT relation are gone; the event's start date changed.

Article nodes are named as policygraph.build names them (``article:<id>``).
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from policygraph.models import ArticleGraph, NodeRecord, RelRecord

A1_ID = "motie-001"
A2_ID = "motie-002"
# Article nodes are named as policygraph.build names them: "article:<article id>",
# with the article id in their "article_id" property.
A1_NODE = f"article:{A1_ID}"
A2_NODE = f"article:{A2_ID}"

MINISTER = "person:안덕근"
MINISTRY = "org:산업통상자원부"
SAMSUNG = "org:삼성전자"
EVENT = "event:한미통상장관회의-2024"
SEOUL = "place:서울"
TOPIC = "topic:반도체수출"
PRODUCT = "product:HBM"
QUOTE = "quote:motie-002-1"


def node(node_id: str, label: str, **props: Any) -> NodeRecord:
    return NodeRecord(node_id, label, props)


def rel_key(rtype: str, source: str, target: str, disc: str | None = None) -> str:
    return f"{rtype}|{source}|{target}" + (f"|{disc}" if disc else "")


def rel(rtype: str, source: str, target: str, disc: str | None = None, **props: Any) -> RelRecord:
    return RelRecord(rel_key(rtype, source, target, disc), rtype, source, target, props)


def article_graph(
    article_id: str, nodes: list[NodeRecord], rels: list[RelRecord], fingerprint: str | None = None
) -> ArticleGraph:
    """An ArticleGraph; its fingerprint hashes its content unless given."""
    if fingerprint is None:
        payload = json.dumps(
            [[n.id, n.label, n.props] for n in nodes] + [[r.key, r.type, r.source, r.target, r.props] for r in rels],
            ensure_ascii=False,
            sort_keys=True,
        )
        fingerprint = hashlib.sha256(payload.encode()).hexdigest()[:16]
    return ArticleGraph(article_id, fingerprint, list(nodes), list(rels))


def a1() -> ArticleGraph:
    nodes = [
        node(A1_NODE, "Article", article_id=A1_ID, title="산업부, 한-미 통상장관회의 개최",
             published="2024-03-05T10:00:00+09:00", publisher="산업통상자원부",
             url="https://www.motie.go.kr/press/001", lang="ko"),
        node(MINISTER, "Person", name="안덕근", aliases=["안 장관"], first_seen="2024-03-05",
             last_seen="2024-03-05"),
        node(MINISTRY, "Organization", name="산업통상자원부", name_en="Ministry of Trade, Industry and Energy",
             aliases=["산업부"], category="government"),
        node(EVENT, "Event", name="한-미 통상장관회의", start_date="2024-03-05", end_date="2024-03-05"),
        node(SEOUL, "Place", name="서울", name_en="Seoul"),
        node(TOPIC, "Topic", name="반도체 수출"),
    ]
    rels = [
        rel("HOLDS_POSITION", MINISTER, MINISTRY, "장관", title="장관", first_seen="2024-03-05",
            last_seen="2024-03-05", evidence=["안덕근 산업통상자원부 장관은"]),
        rel("ORGANIZED", MINISTRY, EVENT),
        rel("PARTICIPATED_IN", MINISTER, EVENT, role="주재"),
        rel("HELD_AT", EVENT, SEOUL),
        rel("ABOUT", EVENT, TOPIC),
        rel("ISSUED", MINISTRY, A1_NODE),
        rel("MENTIONS", A1_NODE, MINISTER),
        rel("MENTIONS", A1_NODE, MINISTRY),
        rel("REPORTS", A1_NODE, EVENT),
    ]
    return article_graph(A1_ID, nodes, rels)


def a2() -> ArticleGraph:
    nodes = [
        node(A2_NODE, "Article", article_id=A2_ID, title="Korea-US trade ministers meet again",
             published="2024-04-02", publisher="산업통상자원부", lang="en"),
        node(MINISTER, "Person", name="안덕근", name_en="Ahn Duk-geun", aliases=["Minister Ahn"],
             first_seen="2024-04-02", last_seen="2024-04-02"),
        node(MINISTRY, "Organization", name="산업통상자원부", aliases=["MOTIE", "산업부"], category="government"),
        node(SAMSUNG, "Organization", name="삼성전자", name_en="Samsung Electronics", category="company"),
        node(EVENT, "Event", name="한-미 통상장관회의", start_date="2024-04-01", end_date="2024-04-02"),
        node(PRODUCT, "Product", name="HBM"),
        node(QUOTE, "Quote", text="반도체 협력을 강화하겠다", lang="ko"),
    ]
    rels = [
        rel("HOLDS_POSITION", MINISTER, MINISTRY, "장관", title="장관", first_seen="2024-04-02",
            last_seen="2024-04-02", evidence=["Trade Minister Ahn Duk-geun said"]),
        rel("HOLDS_POSITION", MINISTER, MINISTRY, "통상교섭본부장", title="통상교섭본부장", as_of="2023-12-01"),
        rel("ORGANIZED", MINISTRY, EVENT),
        rel("PARTICIPATED_IN", MINISTER, EVENT, role="주재"),
        rel("MAKES", SAMSUNG, PRODUCT),
        rel("SAID", MINISTER, QUOTE),
        rel("ISSUED", MINISTRY, A2_NODE),
        rel("MENTIONS", A2_NODE, MINISTER),
        rel("MENTIONS", A2_NODE, SAMSUNG),
    ]
    return article_graph(A2_ID, nodes, rels)


def a1_v2() -> ArticleGraph:
    """A1 rewritten: topic, "안 장관", Seoul, HELD_AT and ABOUT gone; a new start date."""
    nodes = [
        node(A1_NODE, "Article", article_id=A1_ID, title="산업부, 한-미 통상장관회의 개최 (수정)",
             published="2024-03-05T10:00:00+09:00", publisher="산업통상자원부", lang="ko"),
        node(MINISTER, "Person", name="안덕근", first_seen="2024-03-06", last_seen="2024-03-06"),
        node(MINISTRY, "Organization", name="산업통상자원부", aliases=["산업부"], category="government"),
        node(EVENT, "Event", name="한-미 통상장관회의", start_date="2024-03-06", end_date="2024-03-06"),
    ]
    rels = [
        rel("HOLDS_POSITION", MINISTER, MINISTRY, "장관", title="장관", first_seen="2024-03-06",
            last_seen="2024-03-06"),
        rel("ORGANIZED", MINISTRY, EVENT),
        rel("ISSUED", MINISTRY, A1_NODE),
        rel("MENTIONS", A1_NODE, MINISTER),
        rel("REPORTS", A1_NODE, EVENT),
    ]
    return article_graph(A1_ID, nodes, rels)


def chain(n: int, prefix: str = "bulk") -> list[ArticleGraph]:
    """``n`` small articles that all mention one shared organisation."""
    out = []
    for i in range(n):
        aid = f"{prefix}-{i:05d}"
        art = f"article:{aid}"
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        p = f"person:{prefix}-{i % 97}"
        out.append(
            article_graph(
                aid,
                [
                    node(art, "Article", article_id=aid, title=f"보도자료 {i}", published=day),
                    node(MINISTRY, "Organization", name="산업통상자원부", first_seen=day, last_seen=day),
                    node(p, "Person", name=f"인물{i % 97}", aliases=[f"별칭{i % 5}"]),
                ],
                [
                    rel("MENTIONS", art, MINISTRY),
                    rel("HOLDS_POSITION", p, MINISTRY, "과장", title="과장", first_seen=day, last_seen=day),
                ],
            )
        )
    return out
