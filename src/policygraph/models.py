"""The one data model every pipeline stage reads and writes.

ingest  : files            -> list[Article]
extract : Article          -> Extraction (entities and relations with character offsets)
resolve : list[Extraction] -> list[Extraction] with graph-wide entity ids
graph   : Extraction       -> ArticleGraph (nodes and relationships a store writes)

Everything here is a plain dataclass with a ``to_dict`` that gives the JSON
contract of ``policygraph extract --format jsonl``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Closed vocabularies (the rdflib / GUIDELINES names).
ENTITY_TYPES = ("Person", "Organization", "Event", "Place", "Topic", "Product", "Quote")
#: one colour per node label, shared by every picture (matplotlib drawings,
#: the HTML view); OTHER_COLOR for anything else
TYPE_COLORS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Event": "#e15759",
    "Place": "#76b7b2",
    "Topic": "#59a14f",
    "Product": "#edc948",
    "Quote": "#b07aa1",
    "Article": "#bab0ac",
}
OTHER_COLOR = "#9c755f"
RELATION_TYPES = (
    "HOLDS_POSITION",
    "ORGANIZED",
    "PARTICIPATED_IN",
    "HELD_AT",
    "LOCATED_IN",
    "ABOUT",
    "SAID",
    "MAKES",
    "SUBSIDIARY_OF",
    "ISSUED",
    "MENTIONS",
    "REPORTS",
)
ORG_CATEGORIES = (
    "government",
    "public_agency",
    "company",
    "academia",
    "research",
    "association",
    "international",
    "media",
    "other",
)


@dataclass(slots=True)
class Article:
    """One article, its page furniture removed. ``text`` is what offsets index."""

    id: str
    source: str
    title: str
    text: str
    published: datetime | None = None
    lang: str = "ko"
    publisher: str | None = None
    url: str | None = None
    # press-release metadata and anything else the source says: issuer, office,
    # embargo, released, contacts ...  (scalars or lists of scalars)
    properties: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "lang": self.lang,
            "text": self.text,
        }
        if self.publisher:
            d["publisher"] = self.publisher
        if self.url:
            d["url"] = self.url
        if self.properties:
            d["properties"] = dict(self.properties)
        return d


@dataclass(slots=True, frozen=True)
class Span:
    """A character span of ``Article.text`` (end exclusive)."""

    start: int
    end: int
    text: str
    # where the name itself starts when the mention's extent opens with the
    # places that qualify it ("미국 실리콘밸리", "경기 수원시 팔달구"); None when
    # the mention is the name alone
    head_start: int | None = None
    # where the name itself ends when a generic head word follows it inside the
    # mention ("AFP 통신", "YG 엔터테인먼트"); None when the mention ends with the name
    head_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.head_start is not None or self.head_end is not None:
            hs = self.start if self.head_start is None else self.head_start
            he = self.end if self.head_end is None else self.head_end
            d["head"] = {"start": hs, "end": he, "text": self.text[hs - self.start : he - self.start]}
        return d


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    properties: dict[str, Any] = field(default_factory=dict)
    mentions: list[Span] = field(default_factory=list)

    def add_alias(self, alias: str) -> None:
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type, "name": self.name}
        if self.name_en:
            d["name_en"] = self.name_en
        d["aliases"] = list(self.aliases)
        d["properties"] = dict(self.properties)
        d["mentions"] = [m.to_dict() for m in sorted(self.mentions, key=lambda s: (s.start, s.end))]
        return d


@dataclass(slots=True)
class Relation:
    type: str
    source: str
    target: str
    properties: dict[str, Any] = field(default_factory=dict)
    evidence: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "properties": dict(self.properties),
        }
        if self.evidence is not None:
            d["evidence"] = self.evidence.to_dict()
        return d


@dataclass(slots=True)
class Extraction:
    """What extraction says about one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "relations": [r.to_dict() for r in self.relations],
        }


# --------------------------------------------------------------------------
# What the stores hold: labelled property-graph records. Property values are
# scalars (str, int, float, bool) or lists of scalars, so that Neo4j, SQLite
# and RDF can all carry them unchanged.


@dataclass(slots=True)
class NodeRecord:
    id: str
    label: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RelRecord:
    key: str  # stable identity of the relationship: "TYPE|source|target[|discriminator]"
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ArticleGraph:
    """Everything one article contributes to the graph.

    A store keeps each article's contribution apart so that loading a changed
    version of an article replaces exactly what that article said: a node or
    relationship that no article supports any more disappears; one that other
    articles also support stays, its properties merged from what is left.
    """

    article_id: str
    fingerprint: str  # hash of the article's content and of the extractor version
    nodes: list[NodeRecord] = field(default_factory=list)
    rels: list[RelRecord] = field(default_factory=list)


@dataclass(slots=True)
class IngestFailure:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
