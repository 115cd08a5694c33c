"""The query library on the embedded store: one Python function per query of
``cypher/``, answering the same question with the same rows in the same order.

Each function takes a :class:`GraphView` (the merged graph of any store, in
memory, with the lookup keys the Neo4j store indexes) and the query's
parameters; its signature is the query's parameter list (defaults make a
parameter optional). Cypher semantics they follow: ``ORDER BY`` puts nulls
last ascending and first descending; ``collect(DISTINCT x)`` after an
``ORDER BY x`` is the sorted distinct non-null values; dates compare as dates
and print at their precision (``2023-09`` stays ``2023-09``).

Why Python rather than an embedded Cypher engine: see docs/queries.md
("How the embedded store runs the queries").
"""
from __future__ import annotations

import datetime as _dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .errors import QueryError
from .stores.neo4j import _enc_date, _enc_datetime, lookup_keys

IMPLEMENTATIONS: dict[str, Callable[..., list[dict[str, Any]]]] = {}
_HANGUL = re.compile("[가-힣]")


def _query(fn: Callable[..., list[dict[str, Any]]]) -> Callable[..., list[dict[str, Any]]]:
    IMPLEMENTATIONS[fn.__name__] = fn
    return fn


@dataclass(frozen=True, slots=True)
class Rel:
    key: str
    type: str
    source: str
    target: str
    props: dict[str, Any]

    def other(self, node_id: str) -> str:
        return self.target if self.source == node_id else self.source


class GraphView:
    """The merged graph of a store in memory: nodes, relationships by end,
    and the lookup keys (id, name, English name, aliases) of each node.
    Relationships whose ends are not both nodes are left out, as in Neo4j."""

    def __init__(self, nodes: Iterable, rels: Iterable):
        self.label: dict[str, str] = {}
        self.props: dict[str, dict[str, Any]] = {}
        for n in nodes:
            self.label[n.id] = n.label
            self.props[n.id] = n.props
        self.out: dict[str, list[Rel]] = defaultdict(list)
        self.inc: dict[str, list[Rel]] = defaultdict(list)
        for r in rels:
            if r.source in self.label and r.target in self.label:
                rel = Rel(r.key, r.type, r.source, r.target, r.props)
                self.out[r.source].append(rel)
                self.inc[r.target].append(rel)
        self.keys: dict[str, set[str]] = defaultdict(set)
        for nid, props in self.props.items():
            for k in lookup_keys({**props, "id": nid}):
                self.keys[k].add(nid)

    @classmethod
    def of(cls, store) -> "GraphView":
        return cls(store.nodes(), store.relationships())

    # -- access ----------------------------------------------------------------
    def find(self, value: Any, label: str | None = None) -> list[str]:
        """Nodes whose id, name, English name or an alias is ``value``."""
        if not isinstance(value, str):
            return []
        return sorted(n for n in self.keys.get(value, ()) if label is None or self.label[n] == label)

    def p(self, node_id: str | None, key: str) -> Any:
        return None if node_id is None else self.props[node_id].get(key)

    def rels_out(self, node_id: str, types: str | tuple[str, ...], label: str | None = None) -> Iterator[Rel]:
        types = (types,) if isinstance(types, str) else types
        for r in self.out.get(node_id, ()):
            if r.type in types and (label is None or self.label[r.target] == label):
                yield r

    def rels_in(self, node_id: str, types: str | tuple[str, ...], label: str | None = None) -> Iterator[Rel]:
        types = (types,) if isinstance(types, str) else types
        for r in self.inc.get(node_id, ()):
            if r.type in types and (label is None or self.label[r.source] == label):
                yield r

    def names(self, ids: Iterable[str]) -> list[str]:
        """``collect(DISTINCT x.name)`` after ``ORDER BY x.name``."""
        return sorted({v for v in (self.p(i, "name") for i in ids) if v is not None})

    def within(self, node_id: str, rel_type: str, hops: int, reverse: bool = False) -> set[str]:
        """Nodes reached from ``node_id`` by 0..hops relationships of one type
        (along them, or against them with ``reverse``)."""
        seen, frontier = {node_id}, [node_id]
        for _ in range(hops):
            nxt = []
            for n in frontier:
                rels = self.rels_in(n, rel_type) if reverse else self.rels_out(n, rel_type)
                for r in rels:
                    m = r.source if reverse else r.target
                    if m not in seen:
                        seen.add(m)
                        nxt.append(m)
            frontier = nxt
        return seen


# -- Cypher's values and ordering ---------------------------------------------


def fdate(v: Any) -> Any:
    """``left(toString(x.d), CASE x.d_precision ...)``: a date at its precision."""
    if v is None:
        return None
    if isinstance(v, str):
        return v if _enc_date(v) else v[:10]
    return str(v)[:10]


def dkey(v: Any) -> _dt.date | None:
    enc = _enc_date(v)
    return enc[0] if enc else None


def tkey(v: Any) -> _dt.datetime | None:
    return _enc_datetime(v)


def _null_last(v: Any) -> tuple:
    if v is None:
        return (1, 0)
    if isinstance(v, list):
        return (0, [_null_last(x) for x in v])
    return (0, v)


def order(rows: list[dict[str, Any]], *keys: tuple[Callable[[dict[str, Any]], Any], bool]) -> list[dict[str, Any]]:
    """``ORDER BY``: keys as (value of a row, descending); nulls sort as the largest value."""
    for fn, desc in reversed(keys):
        rows.sort(key=lambda r: _null_last(fn(r)), reverse=desc)
    return rows


def asc(col: str) -> tuple[Callable[[dict[str, Any]], Any], bool]:
    return (lambda r: r[col]), False


def desc(col: str) -> tuple[Callable[[dict[str, Any]], Any], bool]:
    return (lambda r: r[col]), True


def _size(v: Any) -> int:
    return len(v) if isinstance(v, (list, str)) else 0


def _parse_date(value: Any, name: str) -> _dt.date:
    enc = _enc_date(value) if isinstance(value, str) else None
    if not enc:
        raise QueryError(f"parameter {name}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return enc[0]


# -- the queries ------------------------------------------------------------------


@_query
def who_met_whom(g: GraphView, person: str) -> list[dict[str, Any]]:
    met: dict[str, set[str]] = defaultdict(set)
    for p in g.find(person, "Person"):
        for r in g.rels_out(p, "PARTICIPATED_IN", "Event"):
            for r2 in g.rels_in(r.target, "PARTICIPATED_IN", "Person"):
                if r2.source != p:
                    met[r2.source].add(r.target)
    rows = [
        {"person_id": o, "person": g.p(o, "name"), "person_en": g.p(o, "name_en"),
         "shared_events": len(es), "events": g.names(es)}
        for o, es in met.items()
    ]
    return order(rows, desc("shared_events"), asc("person"), asc("person_id"))


@_query
def articles_mentioning(g: GraphView, entity: str) -> list[dict[str, Any]]:
    rows = []
    for n in g.find(entity):
        for r in g.rels_in(n, "MENTIONS", "Article"):
            a = r.source
            rows.append({"article_id": a, "title": g.p(a, "title"), "published": g.p(a, "published"),
                         "source": g.p(a, "source"), "forms": r.props.get("forms"), "spans": r.props.get("spans")})
    return order(rows, ((lambda r: tkey(r["published"])), True), asc("article_id"))


@_query
def entity_neighbourhood(g: GraphView, entity: str, limit: int = 100) -> list[dict[str, Any]]:
    rows = []
    for n in g.find(entity):
        rels = [(r, "out") for r in g.out.get(n, ())]
        rels += [(r, "in") for r in g.inc.get(n, ()) if r.source != n]
        for r, direction in rels:
            if r.type in ("MENTIONS", "REPORTS", "ISSUED"):
                continue
            m = r.other(n) if r.source != r.target else n
            rows.append({
                "entity": n, "relationship": r.type, "direction": direction, "other_id": m,
                "other_label": g.label[m], "other_name": g.p(m, "name"),
                "title": r.props.get("title"), "role": r.props.get("role"),
                "articles": _size(r.props.get("articles") or []), "_key": r.key,
            })
    order(rows, asc("entity"), asc("relationship"), asc("direction"), asc("other_name"), asc("other_id"),
          asc("title"), asc("role"), asc("_key"))
    return [{k: v for k, v in r.items() if k != "_key"} for r in rows[: max(limit, 0)]]


def _events_between(g: GraphView, since: str, until: str) -> list[str]:
    lo, hi = _parse_date(since, "since"), _parse_date(until, "until")
    out = []
    for e, label in g.label.items():
        if label == "Event":
            d = dkey(g.p(e, "start_date"))
            if d is not None and lo <= d <= hi:
                out.append(e)
    return out


def _organizers(g: GraphView, e: str) -> list[str]:
    return g.names(r.source for r in g.rels_in(e, "ORGANIZED", "Organization"))


@_query
def events_by_date(g: GraphView, since: str, until: str) -> list[dict[str, Any]]:
    rows = []
    for e in _events_between(g, since, until):
        rows.append({
            "event_id": e, "event": g.p(e, "name"), "start_date": fdate(g.p(e, "start_date")),
            "end_date": fdate(g.p(e, "end_date")), "organizers": _organizers(g, e),
            "held_at": g.names(r.target for r in g.rels_out(e, "HELD_AT")),
            "_d": dkey(g.p(e, "start_date")),
        })
    order(rows, asc("_d"), asc("event"), asc("event_id"))
    return [{k: v for k, v in r.items() if k != "_d"} for r in rows]


@_query
def frequent_invitees(g: GraphView, org: str, min_events: int = 1) -> list[dict[str, Any]]:
    invited: dict[str, set[str]] = defaultdict(set)
    for host in g.find(org, "Organization"):
        for r in g.rels_out(host, "ORGANIZED", "Event"):
            e = r.target
            guests = {x.source for x in g.rels_in(e, "PARTICIPATED_IN", "Organization")}
            for x in g.rels_in(e, "PARTICIPATED_IN", "Person"):
                guests |= {h.target for h in g.rels_out(x.source, "HOLDS_POSITION", "Organization")}
            for guest in guests:
                if guest != host and not any(o.target == e for o in g.rels_out(guest, "ORGANIZED")):
                    invited[guest].add(e)
    rows = [
        {"organization_id": o, "organization": g.p(o, "name"), "category": g.p(o, "category"),
         "events": len(es), "event_names": g.names(es)}
        for o, es in invited.items()
        if len(es) >= min_events
    ]
    return order(rows, desc("events"), asc("organization"), asc("organization_id"))


@_query
def organization_events(g: GraphView, org: str) -> list[dict[str, Any]]:
    rows = []
    for o in g.find(org, "Organization"):
        for r in g.rels_out(o, ("ORGANIZED", "PARTICIPATED_IN"), "Event"):
            e = r.target
            rows.append({
                "event_id": e, "event": g.p(e, "name"), "event_en": g.p(e, "name_en"),
                "start_date": fdate(g.p(e, "start_date")), "relation": r.type, "role": r.props.get("role"),
                "held_at": g.names(x.target for x in g.rels_out(e, "HELD_AT")),
                "_d": dkey(g.p(e, "start_date")),
            })
    order(rows, desc("_d"), asc("event"), asc("event_id"), asc("relation"), asc("role"))
    return [{k: v for k, v in r.items() if k != "_d"} for r in rows]


@_query
def organization_people(g: GraphView, org: str) -> list[dict[str, Any]]:
    rows = []
    for o in g.find(org, "Organization"):
        for r in g.rels_in(o, "HOLDS_POSITION", "Person"):
            p = r.source
            rows.append({
                "person_id": p, "person": g.p(p, "name"), "person_en": g.p(p, "name_en"),
                "title": r.props.get("title"), "first_seen": fdate(r.props.get("first_seen")),
                "last_seen": fdate(r.props.get("last_seen")), "articles": _size(r.props.get("articles") or []),
                "_d": dkey(r.props.get("last_seen")),
            })
    order(rows, desc("_d"), asc("person"), asc("person_id"), asc("title"))
    return [{k: v for k, v in r.items() if k != "_d"} for r in rows]


@_query
def entity_names(g: GraphView, entity: str) -> list[dict[str, Any]]:
    rows = []
    for n in g.find(entity):
        aliases = g.p(n, "aliases")
        aliases = [aliases] if isinstance(aliases, str) else (aliases or [])
        names = sorted({x for x in [g.p(n, "name"), g.p(n, "name_en"), *aliases] if x is not None},
                       key=_null_last)
        strings = [x for x in names if isinstance(x, str)]
        rows.append({
            "id": n, "label": g.label[n], "name": g.p(n, "name"), "name_en": g.p(n, "name_en"),
            "korean": [x for x in strings if _HANGUL.search(x)],
            "other": [x for x in strings if not _HANGUL.search(x)],
        })
    return order(rows, asc("id"))


@_query
def person_positions(g: GraphView, person: str) -> list[dict[str, Any]]:
    rows = []
    for p in g.find(person, "Person"):
        for r in g.rels_out(p, "HOLDS_POSITION"):
            o = r.target
            rows.append({
                "person_id": p, "person": g.p(p, "name"), "organization_id": o, "organization": g.p(o, "name"),
                "title": r.props.get("title"), "first_seen": fdate(r.props.get("first_seen")),
                "last_seen": fdate(r.props.get("last_seen")), "articles": _size(r.props.get("articles") or []),
                "_f": dkey(r.props.get("first_seen")), "_l": dkey(r.props.get("last_seen")),
            })
    order(rows, asc("person_id"), asc("_f"), asc("_l"), asc("organization"), asc("organization_id"), asc("title"))
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]


@_query
def person_events(g: GraphView, person: str) -> list[dict[str, Any]]:
    rows = []
    for p in g.find(person, "Person"):
        for r in g.rels_out(p, "PARTICIPATED_IN", "Event"):
            e = r.target
            rows.append({
                "person_id": p, "event_id": e, "event": g.p(e, "name"), "start_date": fdate(g.p(e, "start_date")),
                "role": r.props.get("role"), "organizers": _organizers(g, e), "_d": dkey(g.p(e, "start_date")),
            })
    order(rows, asc("person_id"), asc("_d"), asc("event"), asc("event_id"), asc("role"))
    return [{k: v for k, v in r.items() if k != "_d"} for r in rows]


@_query
def events_by_month(g: GraphView, year: int) -> list[dict[str, Any]]:
    if not isinstance(year, int) or not 1 <= year <= 9999:
        raise QueryError(f"parameter year: {year!r} is not a year")
    lo, hi = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    months: dict[str, set[str]] = defaultdict(set)
    for e, label in g.label.items():
        if label != "Event":
            continue
        enc = _enc_date(g.p(e, "start_date"))
        if enc and lo <= enc[0] <= hi:
            month = enc[0].isoformat()[:4] if enc[1] == "year" else enc[0].isoformat()[:7]
            months[month].add(e)
    rows = [{"month": m, "events": len(es), "event_names": g.names(es)} for m, es in months.items()]
    return order(rows, asc("month"))


def _countries(g: GraphView, venue: str) -> set[str]:
    return {c for c in g.within(venue, "LOCATED_IN", 6)
            if g.label[c] == "Place" and g.p(c, "kind") == "country"}


@_query
def events_by_country(g: GraphView, since: str, until: str) -> list[dict[str, Any]]:
    by: dict[str, set[str]] = defaultdict(set)
    for e in _events_between(g, since, until):
        for r in g.rels_out(e, "HELD_AT"):
            for c in _countries(g, r.target):
                by[c].add(e)
    rows = [
        {"country_id": c, "country": g.p(c, "name"), "country_en": g.p(c, "name_en"),
         "events": len(es), "event_names": g.names(es)}
        for c, es in by.items()
    ]
    return order(rows, desc("events"), asc("country"), asc("country_id"))


@_query
def events_abroad(g: GraphView, home: str) -> list[dict[str, Any]]:
    homes = set(g.find(home, "Place"))
    if not homes:
        return []
    found: set[tuple[str, str, str]] = set()
    for e, label in g.label.items():
        if label != "Event":
            continue
        for r in g.rels_out(e, "HELD_AT"):
            for c in _countries(g, r.target):
                if homes - {c}:
                    found.add((e, r.target, c))
    rows = [
        {"event_id": e, "event": g.p(e, "name"), "start_date": fdate(g.p(e, "start_date")),
         "venue": g.p(v, "name"), "country": g.p(c, "name"), "organizers": _organizers(g, e),
         "_d": dkey(g.p(e, "start_date"))}
        for e, v, c in found
    ]
    order(rows, asc("_d"), asc("event"), asc("event_id"), asc("venue"), asc("country"))
    return [{k: v for k, v in r.items() if k != "_d"} for r in rows]


@_query
def co_participation(g: GraphView, min_shared: int = 1, limit: int = 50) -> list[dict[str, Any]]:
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e, label in g.label.items():
        if label != "Event":
            continue
        people = sorted({r.source for r in g.rels_in(e, "PARTICIPATED_IN")})
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                pairs[(a, b)].add(e)
    rows = [
        {"a_id": a, "a": g.p(a, "name"), "b_id": b, "b": g.p(b, "name"), "shared": len(es), "events": g.names(es)}
        for (a, b), es in pairs.items()
        if len(es) >= min_shared
    ]
    return order(rows, desc("shared"), asc("a"), asc("b"), asc("a_id"), asc("b_id"))[: max(limit, 0)]


@_query
def top_hosts(g: GraphView, limit: int = 10) -> list[dict[str, Any]]:
    hosted: dict[str, set[str]] = defaultdict(set)
    for o, label in g.label.items():
        if label == "Organization":
            for r in g.rels_out(o, "ORGANIZED", "Event"):
                hosted[o].add(r.target)
    rows = [
        {"organization_id": o, "organization": g.p(o, "name"), "category": g.p(o, "category"),
         "events": len(es), "event_names": g.names(es)}
        for o, es in hosted.items()
    ]
    return order(rows, desc("events"), asc("organization"), asc("organization_id"))[: max(limit, 0)]


@_query
def busiest_people(g: GraphView, limit: int = 10) -> list[dict[str, Any]]:
    rows = []
    for p, label in g.label.items():
        if label != "Person":
            continue
        events = {r.target for r in g.rels_out(p, "PARTICIPATED_IN", "Event")}
        if events:
            rows.append({
                "person_id": p, "person": g.p(p, "name"), "person_en": g.p(p, "name_en"), "events": len(events),
                "organizations": g.names(r.target for r in g.rels_out(p, "HOLDS_POSITION")),
            })
    return order(rows, desc("events"), asc("person"), asc("person_id"))[: max(limit, 0)]


@_query
def what_said(g: GraphView, person: str) -> list[dict[str, Any]]:
    rows = []
    for p in g.find(person, "Person"):
        for q in sorted({r.target for r in g.rels_out(p, "SAID", "Quote")}):
            arts = sorted({r.source for r in g.rels_in(q, "MENTIONS", "Article")})
            titles: list[str] = []
            for a in arts:  # collect(DISTINCT a.title) in article id order
                t = g.p(a, "title")
                if t is not None and t not in titles:
                    titles.append(t)
            pubs = [x for x in (g.p(a, "published") for a in arts) if tkey(x) is not None]
            first = min(pubs, key=tkey) if pubs else None
            rows.append({"person_id": p, "quote": g.p(q, "text"), "verb": g.p(q, "verb"),
                         "first_published": first, "articles": titles})
    return order(rows, asc("person_id"), ((lambda r: tkey(r["first_published"])), False), asc("quote"))


@_query
def event_articles(g: GraphView, event: str) -> list[dict[str, Any]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in g.find(event, "Event"):
        for r in g.rels_in(e, ("REPORTS", "MENTIONS"), "Article"):
            found[(e, r.source)].add(r.type)
    rows = [
        {"event_id": e, "article_id": a, "title": g.p(a, "title"), "publisher": g.p(a, "publisher"),
         "published": g.p(a, "published"), "how": sorted(how)}
        for (e, a), how in found.items()
    ]
    return order(rows, asc("event_id"), ((lambda r: tkey(r["published"])), False), asc("article_id"))


@_query
def event_participants(g: GraphView, event: str) -> list[dict[str, Any]]:
    rows = []
    for e in g.find(event, "Event"):
        for r in g.rels_in(e, ("ORGANIZED", "PARTICIPATED_IN")):
            x = r.source
            rows.append({"event_id": e, "relation": r.type, "label": g.label[x], "id": x, "name": g.p(x, "name"),
                         "name_en": g.p(x, "name_en"), "role": r.props.get("role")})
    return order(rows, asc("event_id"), asc("relation"), asc("label"), asc("name"), asc("id"), asc("role"))


@_query
def connection_path(g: GraphView, a: str, b: str) -> list[dict[str, Any]]:
    max_hops = 6
    rows = []
    for x in g.find(a):
        for y in g.find(b):
            if x == y or g.label[x] == "Article" or g.label[y] == "Article":
                continue
            # breadth-first from x over relationships either way, articles left out
            dist = {x: 0}
            preds: dict[str, list[tuple[Rel, str]]] = defaultdict(list)
            frontier = [x]
            while frontier and y not in dist and dist[frontier[0]] < max_hops:
                nxt: list[str] = []
                for u in frontier:
                    for r in [*g.out.get(u, ()), *g.inc.get(u, ())]:
                        if r.source == r.target:
                            continue
                        v = r.other(u)
                        if g.label[v] == "Article":
                            continue
                        if v not in dist:
                            dist[v] = dist[u] + 1
                            nxt.append(v)
                        if dist[v] == dist[u] + 1:
                            preds[v].append((r, u))
                frontier = nxt
            if y not in dist:
                continue

            def paths(v: str) -> Iterator[list[tuple[Rel, str]]]:
                if v == x:
                    yield []
                    return
                for r, u in preds[v]:
                    for head in paths(u):
                        yield head + [(r, u)]

            for path in paths(y):
                nodes = [x] + [r.other(u) for r, u in path]
                steps = [("->" if r.source == u else "<-") + r.type for r, u in path]
                rows.append({"from_id": x, "to_id": y, "hops": len(path),
                             "names": [g.p(n, "name") for n in nodes], "steps": steps})
    return order(rows, asc("from_id"), asc("to_id"), asc("names"), asc("steps"))


@_query
def organization_press_releases(g: GraphView, org: str) -> list[dict[str, Any]]:
    rows = []
    for o in g.find(org, "Organization"):
        for r in g.rels_out(o, "ISSUED", "Article"):
            a = r.target
            rows.append({"organization_id": o, "article_id": a, "title": g.p(a, "title"),
                         "published": g.p(a, "published"), "lang": g.p(a, "lang")})
    return order(rows, asc("organization_id"), ((lambda r: tkey(r["published"])), True), asc("article_id"))


@_query
def place_events(g: GraphView, place: str) -> list[dict[str, Any]]:
    found: set[tuple[str, str, str]] = set()
    for pl in g.find(place, "Place"):
        for v in g.within(pl, "LOCATED_IN", 6, reverse=True):
            for r in g.rels_in(v, "HELD_AT", "Event"):
                found.add((pl, r.source, v))
    rows = [
        {"place_id": pl, "event_id": e, "event": g.p(e, "name"), "start_date": fdate(g.p(e, "start_date")),
         "venue": g.p(v, "name"), "_d": dkey(g.p(e, "start_date"))}
        for pl, e, v in found
    ]
    order(rows, asc("place_id"), asc("_d"), asc("event"), asc("event_id"), asc("venue"))
    return [{k: v for k, v in r.items() if k != "_d"} for r in rows]


@_query
def topic_events(g: GraphView, topic: str) -> list[dict[str, Any]]:
    rows = []
    for t in g.find(topic, "Topic"):
        for r in g.rels_in(t, "ABOUT"):
            x = r.source
            rows.append({"topic_id": t, "label": g.label[x], "id": x, "name": g.p(x, "name"),
                         "start_date": fdate(g.p(x, "start_date")), "_d": dkey(g.p(x, "start_date"))})
    order(rows, asc("topic_id"), asc("_d"), asc("name"), asc("id"))
    return [{k: v for k, v in r.items() if k != "_d"} for r in rows]


@_query
def mentions_by_month(g: GraphView, entity: str) -> list[dict[str, Any]]:
    by: dict[tuple[str, Any], set[str]] = defaultdict(set)
    for n in g.find(entity):
        for r in g.rels_in(n, "MENTIONS", "Article"):
            d = g.p(r.source, "date")
            enc = _enc_date(d)
            month = enc[0].isoformat()[:7] if enc else (str(d)[:7] if d is not None else None)
            by[(n, month)].add(r.source)
    rows = [{"entity_id": n, "month": m, "articles": len(arts), "article_ids": sorted(arts)}
            for (n, m), arts in by.items()]
    return order(rows, asc("entity_id"), asc("month"))


@_query
def organization_partners(g: GraphView, org: str) -> list[dict[str, Any]]:
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds = ("ORGANIZED", "PARTICIPATED_IN")
    for o in g.find(org, "Organization"):
        for r in g.rels_out(o, kinds, "Event"):
            for r2 in g.rels_in(r.target, kinds, "Organization"):
                if r2.source != o:
                    shared[(o, r2.source)].add(r.target)
    rows = [
        {"organization_id": o, "partner_id": x, "partner": g.p(x, "name"), "category": g.p(x, "category"),
         "shared_events": len(es), "events": g.names(es)}
        for (o, x), es in shared.items()
    ]
    return order(rows, asc("organization_id"), desc("shared_events"), asc("partner"), asc("partner_id"))
