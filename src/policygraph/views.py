"""What ``policygraph show`` and ``policygraph stats`` tell a person, as plain
data (the CLI renders it with rich; a notebook can use it as it is).

* :func:`find` turns what someone typed (an id, an article id or file, a name
  or alias in either language, any case, a form an article used) into nodes,
  or raises :class:`NotFound` with the closest names as suggestions;
* :func:`article_view` / :func:`entity_view` gather one article's or one
  entity's neighbourhood through the store interface (both stores);
* :func:`relation_sentence` writes a relationship as a person reads it:
  ``박윤규 — 2차관 of → 과학기술정보통신부``;
* :func:`stats_view`: counts by type and the entities most written about.
"""
from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from .errors import PolicygraphError
from .extract.doc import norm
from .models import NodeRecord, RelRecord
from .stores.base import GraphStore

ARTICLE_PREFIX = "article:"
# relationship types the article view shows elsewhere (header, quotes) or not at all
_ARTICLE_LINKS = ("MENTIONS", "REPORTS", "ISSUED")
TYPE_ORDER = ("Person", "Organization", "Event", "Place", "Topic", "Product", "Quote", "Article")


class NotFound(PolicygraphError):
    """Nothing in the store answers to a name; ``suggestions`` holds the closest."""

    def __init__(self, query: str, suggestions: list[tuple[str, str, str]]):
        self.query = query
        self.suggestions = suggestions  # (name, label, id)
        msg = f"no entity or article with id, name or alias '{query}'"
        if suggestions:
            msg += "; did you mean: " + ", ".join(f"{n} ({lab}, {i})" for n, lab, i in suggestions)
        super().__init__(msg)


# ----------------------------------------------------------------------------
# names


def name_of(node: NodeRecord | None, fallback: str = "?") -> str:
    if node is None:
        return fallback
    p = node.props
    v = p.get("text") if node.label == "Quote" else None
    return str(v or p.get("name") or p.get("title") or node.id)


def names_of(node: NodeRecord) -> list[str]:
    """Every name a node answers to: name, English name, aliases (in that order, once each)."""
    p = node.props
    out = [p.get("name"), p.get("name_en"), *(p.get("aliases") or [])]
    if node.label == "Article":
        out += [p.get("title"), p.get("source"), p.get("article_id")]
    return [str(x) for x in dict.fromkeys(out) if isinstance(x, str) and x]


def find(store: GraphStore, query: str, *, max_suggestions: int = 5) -> list[NodeRecord]:
    """Nodes answering to ``query``: an id (``org:msit``, ``article:...`` or a
    bare article id), else every entity with that name, English name or alias
    (case, spacing and punctuation ignored, so ``kang do-hyun`` finds
    ``Kang Do-hyun``), else an article by title or file, else every entity an
    article named with that form (``Kang`` for ``Kang Do-hyun``). Raises
    :class:`NotFound` with close matches when nothing fits."""
    q = query.strip()
    if not q:
        raise NotFound(query, [])
    for candidate in (q, ARTICLE_PREFIX + q):
        node = store.node(candidate)
        if node is not None:
            return [node]
    key = norm(q)
    if not key:  # only punctuation: compare as typed
        key = q.casefold()
    entities: list[NodeRecord] = []
    articles: list[NodeRecord] = []
    for n in store.nodes():
        (articles if n.label == "Article" else entities).append(n)
    hits = [n for n in entities if n.label != "Quote" and any(_key(x) == key for x in names_of(n))]
    if hits:
        return hits
    hits = [a for a in articles if any(_key(x) == key for x in names_of(a)) or _same_file(a, q)]
    if hits:
        return hits
    # a form an article used for the entity (the MENTIONS relationship keeps them)
    by_id = {n.id: n for n in entities}
    seen: dict[str, NodeRecord] = {}
    for r in store.relationships("MENTIONS"):
        if r.target in by_id and r.target not in seen:
            if any(_key(form) == key for form in mention_forms(r)):
                seen[r.target] = by_id[r.target]
    if seen:
        return sorted(seen.values(), key=lambda n: n.id)
    raise NotFound(query, suggest(entities, query, max_suggestions))


def _same_file(article: NodeRecord, path: str) -> bool:
    """``examples/a.txt`` names the article read from ``/home/x/examples/a.txt``."""
    src = str(article.props.get("source") or "").replace("\\", "/")
    p = path.replace("\\", "/").lstrip("./")
    return bool(src and p) and (src == p or src.endswith("/" + p))


def _key(s: str) -> str:
    return norm(s) or s.casefold()


def suggest(nodes: Iterable[NodeRecord], query: str, n: int = 5) -> list[tuple[str, str, str]]:
    """The names closest to ``query`` (similar spelling, or containing it): (name, label, id)."""
    key = _key(query)
    by_key: dict[str, list[tuple[str, NodeRecord]]] = defaultdict(list)
    for node in nodes:
        if node.label == "Quote":
            continue
        for name in names_of(node):
            by_key[_key(name)].append((name, node))
    close = difflib.get_close_matches(key, list(by_key), n=n * 2, cutoff=0.6)
    contains = sorted((k for k in by_key if key and key in k and k not in close), key=len)
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for k in close + contains:
        for name, node in by_key[k]:
            if node.id not in seen:
                seen.add(node.id)
                out.append((name_of(node), node.label, node.id))
    return out[:n]


def mention_forms(rel: RelRecord) -> list[str]:
    """The surface forms a MENTIONS relationship records ("625-629 Kang" -> "Kang")."""
    out = []
    for item in rel.props.get("mentions") or []:
        _, _, form = str(item).partition(" ")
        if form:
            out.append(form)
    return out


# ----------------------------------------------------------------------------
# relationships as sentences

_VERBS = {
    "ORGANIZED": "organised",
    "PARTICIPATED_IN": "took part in",
    "HELD_AT": "held at",
    "LOCATED_IN": "located in",
    "ABOUT": "about",
    "SAID": "said",
    "MAKES": "makes",
    "SUBSIDIARY_OF": "subsidiary of",
    "ISSUED": "issued",
    "MENTIONS": "mentions",
    "REPORTS": "reports on",
}


def relation_phrase(rel: RelRecord) -> str:
    """The middle of a relation sentence: ``2차관 of``, ``took part in (speaker)``."""
    p = rel.props
    if rel.type == "HOLDS_POSITION":
        title = p.get("title")
        return f"{title} of" if title else "holds a position at"
    verb = _VERBS.get(rel.type, rel.type.lower().replace("_", " "))
    if rel.type == "PARTICIPATED_IN":
        roles = [r for r in (p.get("roles") or [p.get("role")]) if r]
        if roles:
            verb += f" ({', '.join(str(r) for r in dict.fromkeys(roles))})"
    return verb


def relation_sentence(rel: RelRecord, nodes: dict[str, NodeRecord]) -> str:
    """``박윤규 — 2차관 of → 과학기술정보통신부``."""
    src = name_of(nodes.get(rel.source), rel.source)
    tgt = nodes.get(rel.target)
    tgt_name = name_of(tgt, rel.target)
    if tgt is not None and tgt.label == "Quote":
        tgt_name = f"“{tgt_name}”"
    return f"{src} — {relation_phrase(rel)} → {tgt_name}"


def _dates(p: dict[str, Any]) -> str:
    a, b = p.get("start_date"), p.get("end_date")
    if a and b and a != b:
        return f"{a} – {b}"
    return str(a or b or p.get("reported_year") or "")


# ----------------------------------------------------------------------------
# one article


@dataclass
class EventLine:
    node: NodeRecord
    date: str
    places: list[str]
    organisers: list[str] = field(default_factory=list)


@dataclass
class QuoteLine:
    speaker: str
    text: str
    verb: str = ""
    article: str = ""  # article node id the quote comes from
    date: str = ""


@dataclass
class ArticleView:
    node: NodeRecord
    entities: dict[str, list[NodeRecord]]  # label -> nodes, in TYPE_ORDER
    relations: list[str]
    events: list[EventLine]
    quotes: list[QuoteLine]
    issuer: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.node.props.get("title") or self.node.props.get("name") or self.node.id)


def article_view(store: GraphStore, node: NodeRecord) -> ArticleView:
    """An article's title, date and source, the entities it names (by type),
    what it says of them as sentences, its events and its quotes."""
    aid = node.id
    raw_id = str(node.props.get("article_id") or aid[len(ARTICLE_PREFIX):])
    links = store.relationships_of([aid])
    named = [r.target for r in links if r.source == aid and r.type in ("MENTIONS", "REPORTS")]
    issuers = [r.source for r in links if r.target == aid and r.type == "ISSUED"]
    ents = store.nodes_by_id(named + issuers)
    # what this article said: relationships among its entities that it supports
    rels = [
        r for r in store.relationships_of(ents)
        if r.type not in _ARTICLE_LINKS and raw_id in (r.props.get("articles") or [])
    ]
    missing = {x for r in rels for x in (r.source, r.target)} - set(ents)
    allnodes = {**ents, **store.nodes_by_id(missing), aid: node}
    by_type: dict[str, list[NodeRecord]] = {}
    for lab in TYPE_ORDER:
        group = sorted((n for i, n in ents.items() if n.label == lab and i in named), key=lambda n: name_of(n))
        if group and lab != "Quote":
            by_type[lab] = group
    quotes = [
        QuoteLine(name_of(allnodes.get(r.source), r.source), name_of(allnodes.get(r.target), r.target),
                  str(r.props.get("verb") or ""))
        for r in rels if r.type == "SAID"
    ]
    events = []
    for ev in by_type.get("Event", []):
        places = [name_of(allnodes.get(r.target), r.target) for r in rels if r.type == "HELD_AT" and r.source == ev.id]
        orgs = [name_of(allnodes.get(r.source), r.source) for r in rels if r.type == "ORGANIZED" and r.target == ev.id]
        events.append(EventLine(ev, _dates(ev.props), places, orgs))
    sentences = [relation_sentence(r, allnodes) for r in rels if r.type != "SAID"]
    return ArticleView(node, by_type, sentences, events, quotes, [name_of(ents.get(i), i) for i in issuers])


# ----------------------------------------------------------------------------
# one entity


@dataclass
class PositionLine:
    title: str
    organisation: str
    first: str
    last: str
    person: str = ""


@dataclass
class EventPart:
    node: NodeRecord
    how: str  # "took part in (speaker)", "organised"
    date: str
    places: list[str]


@dataclass
class CoParticipant:
    node: NodeRecord
    shared: int
    events: list[str]


@dataclass
class ArticleLine:
    id: str
    date: str
    title: str
    source: str


@dataclass
class EntityView:
    node: NodeRecord
    names: list[str]
    forms: Counter  # surface forms articles used -> count
    details: dict[str, Any]
    positions: list[PositionLine]  # a person's posts, or an organisation's people
    events: list[EventPart]
    co_participants: list[CoParticipant]
    quotes: list[QuoteLine]
    relations: list[str]
    articles: list[ArticleLine]
    merge_reasons: list[str]


_SKIP_DETAILS = {"name", "name_en", "aliases", "articles", "merge_reasons", "merged_ids", "name_ko", "text"}


def entity_view(store: GraphStore, node: NodeRecord, *, max_co: int = 15) -> EntityView:
    """An entity's names, positions over time, events, co-participants, quotes,
    other relationships and the articles that name it."""
    nid = node.id
    rels = store.relationships_of([nid])
    event_ids = [r.target if r.source == nid else r.source for r in rels
                 if r.type in ("PARTICIPATED_IN", "ORGANIZED") and r.source == nid]
    if node.label == "Event":
        event_ids = [nid]
    ev_rels = store.relationships_of(event_ids) if event_ids else []
    ends = {x for r in rels + ev_rels for x in (r.source, r.target)}
    nodes = store.nodes_by_id(ends | {nid})
    nodes[nid] = node

    forms: Counter = Counter()
    articles = []
    for r in rels:
        if r.type == "MENTIONS" and r.target == nid:
            forms.update(mention_forms(r))
            a = nodes.get(r.source)
            if a is not None:
                p = a.props
                articles.append(ArticleLine(a.id, str(p.get("date") or ""), str(p.get("title") or p.get("name") or ""),
                                            str(p.get("source") or "")))
    articles.sort(key=lambda a: (a.date, a.id))

    positions = []
    for r in rels:
        if r.type != "HOLDS_POSITION":
            continue
        p = r.props
        first = str(p.get("first_seen") or p.get("as_of") or "")
        last = str(p.get("last_seen") or first)
        positions.append(PositionLine(str(p.get("title") or ""), name_of(nodes.get(r.target), r.target), first, last,
                                      person=name_of(nodes.get(r.source), r.source)))
    positions.sort(key=lambda x: (x.first, x.last, x.person, x.title))

    def places_of(ev: str) -> list[str]:
        return sorted({name_of(nodes.get(r.target), r.target) for r in ev_rels if r.type == "HELD_AT" and r.source == ev})

    events = []
    if node.label != "Event":
        for r in rels:
            if r.type in ("PARTICIPATED_IN", "ORGANIZED") and r.source == nid:
                ev = nodes.get(r.target)
                if ev is not None:
                    events.append(EventPart(ev, relation_phrase(r), _dates(ev.props), places_of(ev.id)))
        events.sort(key=lambda e: (e.date, name_of(e.node)))

    shared: dict[str, set[str]] = defaultdict(set)
    for r in ev_rels:
        if r.type in ("PARTICIPATED_IN", "ORGANIZED") and r.source != nid and r.target in event_ids:
            shared[r.source].add(r.target)
    co = [CoParticipant(nodes[o], len(evs), sorted(name_of(nodes.get(e), e) for e in evs))
          for o, evs in shared.items() if o in nodes]
    co.sort(key=lambda c: (-c.shared, c.node.label != node.label, name_of(c.node)))

    quotes = []
    for r in rels:
        if r.type == "SAID":
            arts = r.props.get("articles") or []
            a = nodes.get(ARTICLE_PREFIX + str(arts[0])) if arts else None
            quotes.append(QuoteLine(name_of(nodes.get(r.source), r.source), name_of(nodes.get(r.target), r.target),
                                    str(r.props.get("verb") or ""), arts[0] if arts else "",
                                    str(a.props.get("date") or "") if a else ""))
    shown = {"MENTIONS", "HOLDS_POSITION", "SAID"}
    if node.label != "Event":
        shown |= {"PARTICIPATED_IN", "ORGANIZED"}
    other = [relation_sentence(r, nodes) for r in rels if r.type not in shown]
    if node.label == "Event":
        # an event lists who took part and organised it as sentences, then the rest
        other.sort(key=lambda s: (not s.endswith(name_of(node)), s))
    details = {k: v for k, v in sorted(node.props.items()) if k not in _SKIP_DETAILS}
    return EntityView(node, names_of(node), forms, details, positions, events, co[:max_co], quotes, other, articles,
                      list(node.props.get("merge_reasons") or []))


# ----------------------------------------------------------------------------
# the whole store


@dataclass
class StatsView:
    where: str
    nodes: Counter
    relationships: Counter
    top: dict[str, list[tuple[NodeRecord, int]]]  # label -> (node, number of articles naming it)


def stats_view(store: GraphStore, top: int = 5, labels: Iterable[str] = ("Person", "Organization", "Event", "Place")) -> StatsView:
    """Counts by type, and per type the entities the most articles name."""
    counts = store.counts()
    want = tuple(labels)
    ranked: dict[str, list[tuple[NodeRecord, int]]] = {}
    if top > 0:
        naming: dict[str, set[str]] = defaultdict(set)
        for t in ("MENTIONS", "REPORTS"):
            for r in store.relationships(t):
                naming[r.target].add(r.source)
        for lab in want:
            scored = [(n, len(naming.get(n.id, ()))) for n in store.nodes(lab)]
            scored.sort(key=lambda x: (-x[1], name_of(x[0])))
            if scored:
                ranked[lab] = scored[:top]
    return StatsView(store.describe(), counts["nodes"], counts["relationships"], ranked)


__all__ = [
    "NotFound", "find", "suggest", "name_of", "names_of", "mention_forms", "relation_phrase", "relation_sentence",
    "ArticleView", "article_view", "EntityView", "entity_view", "StatsView", "stats_view",
]
