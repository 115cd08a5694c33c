"""The graph for notebooks: one object, pandas tables, networkx graphs, queries.

::

    import policygraph

    pg = policygraph.open("policygraph.db")          # or "bolt://host:7687", or None for the default
    pg.load(policygraph.examples_dir())              # ingest -> extract -> resolve -> store (optional)
    pg.events(organization="과기정통부", start="2024-01-01")
    pg.positions(person="윤재석")
    g = pg.ego("윤재석", depth=2)                    # networkx.MultiDiGraph with attributes

Every table method returns a ``pandas.DataFrame`` (pandas is in the
``[notebook]`` extra) and takes the same filters where they make sense:

* ``type``: entity type(s) (``"Person"``, ``["Organization", "Event"]``) or
  relationship type(s), event type(s) for :meth:`PolicyGraph.events`;
* ``organization``: an organisation by id, name, English name or alias, any
  case (``"MSIT"``, ``"과기정통부"``, ``"org:msit"``): what is linked to it;
* ``start`` / ``end``: a date range, inclusive (``"2024"``, ``"2024-05"``,
  ``"2024-05-21"``, ``datetime.date``): for events their start date (an event
  dated to the month falls in a range that covers that month's first day),
  for everything else the publication dates of the articles that say it.

The object reads the merged graph once and keeps it (``refresh()`` reads it
again; ``load()`` does so by itself). Reading never imports the extractor
(kiwipiepy): only ``load()`` does.
"""
from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import networkx as nx

from .errors import ConfigError, NotFoundError, PolicygraphError
from .models import NodeRecord, RelRecord
from .stores.base import GraphStore

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .pipeline import LoadReport

# relationships that record where a fact comes from rather than a fact
BOOKKEEPING = ("MENTIONS", "REPORTS", "ISSUED")
_URI_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise PolicygraphError(
            "tables need pandas, an optional extra: pip install 'policygraph[notebook]'"
        ) from None
    return pd


def examples_dir() -> Path:
    """The bundled ``examples/`` folder of a source checkout (an editable
    install), whatever the working directory; ``$POLICYGRAPH_EXAMPLES`` points
    elsewhere."""
    env = os.environ.get("POLICYGRAPH_EXAMPLES")
    if env:
        p = Path(env)
    else:
        p = Path(__file__).resolve().parent.parent.parent / "examples"
    if not p.is_dir():
        raise NotFoundError(
            f"{p}: no examples folder (they ship with the source checkout; set POLICYGRAPH_EXAMPLES to their folder)"
        )
    return p


def open(  # noqa: A001 - the natural name: policygraph.open(...)
    path_or_uri: str | os.PathLike[str] | GraphStore | None = None,
    *,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> "PolicyGraph":
    """Open a graph for analysis.

    ``path_or_uri``: a ``bolt://`` / ``neo4j://`` URI (credentials from the
    arguments or ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``), a path to an
    embedded store file (created when missing), an open ``GraphStore``, or
    None: ``$NEO4J_URI`` when set, else ``$POLICYGRAPH_DB`` or
    ``./policygraph.db``.
    """
    from .stores import open_store

    if isinstance(path_or_uri, GraphStore):
        return PolicyGraph(path_or_uri, owns_store=False)
    if path_or_uri is None:
        if os.environ.get("NEO4J_URI"):
            store = open_store(username=username, password=password, database=database)
        else:
            from .stores import DEFAULT_DB
            from .stores.sqlite import SQLiteStore

            store = SQLiteStore(Path(os.environ.get("POLICYGRAPH_DB") or DEFAULT_DB))
        return PolicyGraph(store)
    text = os.fspath(path_or_uri)
    if text.startswith(_URI_SCHEMES):
        return PolicyGraph(open_store(text, username=username, password=password, database=database))
    if "://" in text:
        raise ConfigError(f"{text.split('://')[0]}://...: not a store (use a bolt:// or neo4j:// URI, or a file path)")
    path = Path(text)
    if path.is_dir():
        raise ConfigError(
            f"{path}: is a folder; open() takes a store file or a Neo4j URI "
            f"(to read articles, open a store and call .load('{path}'))"
        )
    if not path.parent.is_dir():
        raise ConfigError(f"{path}: no such directory {path.parent}")
    from .stores.sqlite import SQLiteStore

    return PolicyGraph(SQLiteStore(path))  # a path means the embedded store, whatever NEO4J_URI says


@dataclass
class _Snapshot:
    nodes: dict[str, NodeRecord]
    rels: list[RelRecord]
    out: dict[str, list[RelRecord]]
    into: dict[str, list[RelRecord]]
    article_date: dict[str, str]  # article id (without "article:") -> "YYYY-MM-DD"


def _as_list(v: str | Iterable[str] | None) -> list[str] | None:
    if v is None:
        return None
    return [v] if isinstance(v, str) else list(v)


def _day(value: Any) -> str | None:
    """A date-ish value as an ISO prefix ("2024", "2024-05", "2024-05-21")."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    s = str(value).strip()
    return s[:10] if s else None


def _in_range(value: str | None, start: str | None, end: str | None) -> bool:
    """ISO date prefixes compared at the precision both have: "2024-05" is within
    start="2024-05-21" (as cypher/events_by_date has it) and "2024-05-21" within
    end="2024"."""
    if start is None and end is None:
        return True
    if not value:
        return False
    if start is not None:
        k = min(len(value), len(start))
        if value[:k] < start[:k]:
            return False
    if end is not None:
        k = min(len(value), len(end))
        if value[:k] > end[:k]:
            return False
    return True


class PolicyGraph:
    """The merged graph of one store, as DataFrames and networkx graphs."""

    def __init__(self, store: GraphStore, *, owns_store: bool = True):
        self.store = store
        self._owns = owns_store
        self._snap: _Snapshot | None = None

    # -- lifecycle -------------------------------------------------------------
    def close(self) -> None:
        if self._owns:
            self.store.close()

    def __enter__(self) -> "PolicyGraph":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"PolicyGraph({self.store.describe()})"

    def refresh(self) -> "PolicyGraph":
        """Forget the graph read so far; the next call reads the store again."""
        self._snap = None
        return self

    def load(self, *paths: str | os.PathLike[str], force: bool = False, overrides: Any = None) -> "LoadReport":
        """Ingest, extract, resolve and store files or folders (this imports the extractor)."""
        from . import pipeline

        if not paths:
            raise ConfigError("load() needs at least one file or folder")
        report = pipeline.load([Path(p) for p in paths], self.store, force=force, overrides=overrides)
        self.refresh()
        return report

    def counts(self) -> dict[str, dict[str, int]]:
        """{"nodes": {label: n}, "relationships": {type: n}}."""
        s = self._snapshot()
        nodes: dict[str, int] = defaultdict(int)
        rels: dict[str, int] = defaultdict(int)
        for n in s.nodes.values():
            nodes[n.label] += 1
        for r in s.rels:
            rels[r.type] += 1
        return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}

    # -- reading -----------------------------------------------------------------
    def _snapshot(self) -> _Snapshot:
        if self._snap is None:
            nodes = {n.id: n for n in self.store.nodes()}
            rels = list(self.store.relationships())
            out: dict[str, list[RelRecord]] = defaultdict(list)
            into: dict[str, list[RelRecord]] = defaultdict(list)
            for r in rels:
                out[r.source].append(r)
                into[r.target].append(r)
            dates = {}
            for n in nodes.values():
                if n.label == "Article":
                    d = _day(n.props.get("date") or n.props.get("published"))
                    if d:
                        dates[n.id.removeprefix("article:")] = d
            self._snap = _Snapshot(nodes, rels, dict(out), dict(into), dates)
        return self._snap

    def find(self, ref: str, type: str | Sequence[str] | None = None) -> list[str]:  # noqa: A002
        """Ids of the entities ``ref`` names: an id, or a name, English name or
        alias in any case. Raises NotFoundError, with close names, when none."""
        s = self._snapshot()
        types = _as_list(type)
        if ref in s.nodes and (types is None or s.nodes[ref].label in types):
            return [ref]
        key = ref.casefold().strip()
        hits = []
        names: dict[str, str] = {}
        for n in s.nodes.values():
            if n.label == "Article" or (types is not None and n.label not in types):
                continue
            forms = [n.props.get("name"), n.props.get("name_en"), *(n.props.get("aliases") or [])]
            for f in forms:
                if f:
                    names.setdefault(str(f).casefold(), str(f))
            if any(f and str(f).casefold() == key for f in forms):
                hits.append(n.id)
        if not hits:
            close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)
            hint = f"; close: {', '.join(names[c] for c in close)}" if close else ""
            what = "/".join(types) if types else "entity"
            raise NotFoundError(f"no {what} named {ref!r}{hint}")
        return sorted(hits)

    def _date_filter(self, start: Any, end: Any) -> tuple[str | None, str | None]:
        return _day(start), _day(end)

    def _article_dates(self, props: dict[str, Any]) -> list[str]:
        s = self._snapshot()
        return sorted(d for a in props.get("articles") or [] if (d := s.article_date.get(a)))

    def _seen_in(self, props: dict[str, Any], start: str | None, end: str | None) -> bool:
        if start is None and end is None:
            return True
        return any(_in_range(d, start, end) for d in self._article_dates(props))

    def _linked(self, org_ids: Iterable[str]) -> set[str]:
        """The organisations themselves and everything one non-bookkeeping relationship away."""
        s = self._snapshot()
        out = set(org_ids)
        for o in list(out):
            for r in s.out.get(o, []) + s.into.get(o, []):
                if r.type not in BOOKKEEPING:
                    out.add(r.target if r.source == o else r.source)
        return out

    def _name(self, node_id: str) -> str | None:
        n = self._snapshot().nodes.get(node_id)
        if n is None:
            return None
        return n.props.get("name") or n.props.get("title") or node_id

    def _frame(self, rows: list[dict[str, Any]], columns: Sequence[str]) -> "pd.DataFrame":
        pd = _pandas()
        return pd.DataFrame(rows, columns=list(columns))

    # -- tables --------------------------------------------------------------------
    def entities(
        self,
        type: str | Sequence[str] | None = None,  # noqa: A002
        *,
        organization: str | None = None,
        start: Any = None,
        end: Any = None,
    ) -> "pd.DataFrame":
        """One row per entity (articles left out): id, type, name, name_en,
        aliases, category (organisations), kind (places), first_seen and
        last_seen (article dates), articles (how many), degree (its
        relationships, bookkeeping left out)."""
        s = self._snapshot()
        types = _as_list(type)
        lo, hi = self._date_filter(start, end)
        keep = self._linked(self.find(organization, "Organization")) if organization else None
        rows = []
        for n in s.nodes.values():
            if n.label == "Article" or (types is not None and n.label not in types):
                continue
            if keep is not None and n.id not in keep:
                continue
            if not self._seen_in(n.props, lo, hi):
                continue
            dates = self._article_dates(n.props)
            degree = sum(1 for r in s.out.get(n.id, []) + s.into.get(n.id, []) if r.type not in BOOKKEEPING)
            p = n.props
            rows.append({
                "id": n.id, "type": n.label, "name": p.get("name"), "name_en": p.get("name_en"),
                "aliases": list(p.get("aliases") or []), "category": p.get("category") or p.get("event_type"),
                "kind": p.get("kind"), "first_seen": dates[0] if dates else None,
                "last_seen": dates[-1] if dates else None, "articles": len(p.get("articles") or []),
                "degree": degree,
            })
        rows.sort(key=lambda r: (r["type"], -r["articles"], str(r["name"])))
        return self._frame(rows, ["id", "type", "name", "name_en", "aliases", "category", "kind", "first_seen",
                                  "last_seen", "articles", "degree"])

    def _country(self, place_id: str) -> str | None:
        """The country a place lies in: the graph's LOCATED_IN chain, then the gazetteer's."""
        s = self._snapshot()
        seen = set()
        cur: str | None = place_id
        while cur and cur not in seen:
            seen.add(cur)
            n = s.nodes.get(cur)
            if n is not None and n.props.get("kind") == "country":
                return cur
            nxt = [r.target for r in s.out.get(cur, []) if r.type == "LOCATED_IN"]
            if not nxt:
                break
            cur = nxt[0]
        gz = _gazetteer()
        gid = (s.nodes[place_id].props.get("gazetteer_id") if place_id in s.nodes else None) or place_id
        e = gz.get(gid)
        if e is not None and e.kind == "country":
            return e.id
        for a in gz.ancestors(gid):
            if a.kind == "country":
                return a.id
        return None

    def events(
        self,
        type: str | Sequence[str] | None = None,  # noqa: A002
        *,
        organization: str | None = None,
        start: Any = None,
        end: Any = None,
    ) -> "pd.DataFrame":
        """One row per event: id, name, name_en, event_type, start_date,
        end_date, date (start_date as a timestamp, month-only dates on the
        first), organizers (names), organizer_ids, participants (how many
        people and organisations), held_at (names), place (the most specific),
        country, country_en, abroad (held outside Korea), articles; ``series``
        is the name without its year, the same for every edition.
        ``organization``: events it organised or took part in."""
        pd = _pandas()
        s = self._snapshot()
        types = _as_list(type)
        lo, hi = self._date_filter(start, end)
        only = set(self.find(organization, "Organization")) if organization else None
        rank = {"venue": 0, "district": 1, "city": 2, "province": 3, "region": 5, "country": 4}
        rows = []
        for n in s.nodes.values():
            if n.label != "Event":
                continue
            p = n.props
            if types is not None and p.get("event_type") not in types:
                continue
            sd = _day(p.get("start_date"))
            if (lo or hi) and not _in_range(sd, lo, hi):
                continue
            incoming = s.into.get(n.id, [])
            organizers = sorted({r.source for r in incoming if r.type == "ORGANIZED"})
            participants = sorted({r.source for r in incoming if r.type == "PARTICIPATED_IN"})
            if only is not None and not (only & (set(organizers) | set(participants))):
                continue
            # the most specific place, then the one most articles give
            support = {r.target: len(r.props.get("articles") or []) for r in s.out.get(n.id, [])
                       if r.type == "HELD_AT" and r.target in s.nodes}
            places = sorted(support, key=lambda pid: (rank.get(s.nodes[pid].props.get("kind"), 3), -support[pid], pid))
            best = places[0] if places else None
            country = self._country(best) if best else None
            cn = s.nodes.get(country) if country else None
            country_name = (cn.props.get("name") if cn else None) or (_gazetteer_name(country) if country else None)
            country_en = (cn.props.get("name_en") if cn else None) or (_gazetteer_name(country, en=True) if country else None)
            rows.append({
                "id": n.id, "name": p.get("name"), "name_en": p.get("name_en"),
                "series": series_of(str(p.get("name") or "")), "event_type": p.get("event_type"),
                "start_date": sd, "end_date": _day(p.get("end_date")),
                "date": pd.to_datetime(sd[:7] + "-01" if sd and len(sd) == 7 else sd, errors="coerce") if sd else pd.NaT,
                "organizers": [self._name(o) for o in organizers], "organizer_ids": organizers,
                "participants": len(participants),
                "held_at": [self._name(pl) for pl in places], "place": self._name(best) if best else None,
                "country": country_name, "country_en": country_en,
                "abroad": bool(country and country != "place:south-korea"),
                "articles": len(p.get("articles") or []),
            })
        rows.sort(key=lambda r: (r["start_date"] or "9999", str(r["name"])))
        return self._frame(rows, ["id", "name", "name_en", "series", "event_type", "start_date", "end_date", "date",
                                  "organizers", "organizer_ids", "participants", "held_at", "place", "country",
                                  "country_en", "abroad", "articles"])

    def relations(
        self,
        type: str | Sequence[str] | None = None,  # noqa: A002
        *,
        organization: str | None = None,
        start: Any = None,
        end: Any = None,
        bookkeeping: bool = False,
    ) -> "pd.DataFrame":
        """One row per relationship: key, type, source, source_name,
        source_type, target, target_name, target_type, title, role,
        first_seen, last_seen, articles. MENTIONS, REPORTS and ISSUED (which
        article says what) only with ``bookkeeping=True`` or by ``type``.
        ``organization``: relationships with it at one end."""
        s = self._snapshot()
        types = _as_list(type)
        lo, hi = self._date_filter(start, end)
        only = set(self.find(organization, "Organization")) if organization else None
        rows = []
        for r in s.rels:
            if types is not None:
                if r.type not in types:
                    continue
            elif not bookkeeping and r.type in BOOKKEEPING:
                continue
            if only is not None and r.source not in only and r.target not in only:
                continue
            if not self._seen_in(r.props, lo, hi):
                continue
            dates = self._article_dates(r.props)
            src, tgt = s.nodes.get(r.source), s.nodes.get(r.target)
            rows.append({
                "key": r.key, "type": r.type, "source": r.source, "source_name": self._name(r.source),
                "source_type": src.label if src else None, "target": r.target, "target_name": self._name(r.target),
                "target_type": tgt.label if tgt else None, "title": r.props.get("title"),
                "role": r.props.get("role"),
                "first_seen": r.props.get("first_seen") or (dates[0] if dates else None),
                "last_seen": r.props.get("last_seen") or (dates[-1] if dates else None),
                "articles": len(r.props.get("articles") or []),
            })
        return self._frame(rows, ["key", "type", "source", "source_name", "source_type", "target", "target_name",
                                  "target_type", "title", "role", "first_seen", "last_seen", "articles"])

    def articles(
        self,
        *,
        organization: str | None = None,
        entity: str | None = None,
        lang: str | None = None,
        start: Any = None,
        end: Any = None,
    ) -> "pd.DataFrame":
        """One row per article: id, title, published (timestamp), date, lang,
        publisher, doc_type, source (file), url, entities (how many it
        mentions). ``organization`` / ``entity``: articles that mention it."""
        pd = _pandas()
        s = self._snapshot()
        lo, hi = self._date_filter(start, end)
        only: set[str] | None = None
        for ref, typ in ((organization, "Organization"), (entity, None)):
            if ref:
                ids = set(self.find(ref, typ))
                arts = {f"article:{a}" for i in ids for a in (s.nodes[i].props.get("articles") or [])}
                only = arts if only is None else only & arts
        rows = []
        for n in s.nodes.values():
            if n.label != "Article" or (only is not None and n.id not in only):
                continue
            p = n.props
            d = _day(p.get("date") or p.get("published"))
            if (lo or hi) and not _in_range(d, lo, hi):
                continue
            if lang and p.get("lang") != lang:
                continue
            mentioned = {r.target for r in s.out.get(n.id, []) if r.type == "MENTIONS"}
            rows.append({
                "id": n.id, "title": p.get("title") or p.get("name"),
                "published": pd.to_datetime(p.get("published"), errors="coerce", utc=True) if p.get("published") else pd.NaT,
                "date": d, "lang": p.get("lang"), "publisher": p.get("publisher"), "doc_type": p.get("doc_type"),
                "source": p.get("source"), "url": p.get("url"), "entities": len(mentioned),
            })
        rows.sort(key=lambda r: (r["date"] or "", r["id"]))
        return self._frame(rows, ["id", "title", "published", "date", "lang", "publisher", "doc_type", "source",
                                  "url", "entities"])

    def positions(
        self,
        *,
        organization: str | None = None,
        person: str | None = None,
        start: Any = None,
        end: Any = None,
    ) -> "pd.DataFrame":
        """Who held which title where: person_id, person, person_en,
        organization_id, organization, title, first_seen, last_seen, articles;
        oldest first. A date range keeps the titles seen within it."""
        s = self._snapshot()
        lo, hi = self._date_filter(start, end)
        orgs = set(self.find(organization, "Organization")) if organization else None
        people = set(self.find(person, "Person")) if person else None
        rows = []
        for r in s.rels:
            if r.type != "HOLDS_POSITION":
                continue
            if orgs is not None and r.target not in orgs:
                continue
            if people is not None and r.source not in people:
                continue
            first, last = _day(r.props.get("first_seen")), _day(r.props.get("last_seen"))
            if lo or hi:
                if (hi and first and first > hi) or (lo and last and last < lo):
                    continue
            pn = s.nodes.get(r.source)
            rows.append({
                "person_id": r.source, "person": self._name(r.source),
                "person_en": pn.props.get("name_en") if pn else None,
                "organization_id": r.target, "organization": self._name(r.target), "title": r.props.get("title"),
                "first_seen": first, "last_seen": last, "articles": len(r.props.get("articles") or []),
            })
        rows.sort(key=lambda r: (str(r["person"]), r["first_seen"] or "", str(r["title"])))
        return self._frame(rows, ["person_id", "person", "person_en", "organization_id", "organization", "title",
                                  "first_seen", "last_seen", "articles"])

    def quotes(
        self,
        *,
        organization: str | None = None,
        speaker: str | None = None,
        start: Any = None,
        end: Any = None,
    ) -> "pd.DataFrame":
        """What was said: quote_id, text, speaker_id, speaker, speaker_en,
        organizations (where the speaker holds a position), date, article_id,
        article (title). ``organization``: quotes by its people."""
        s = self._snapshot()
        lo, hi = self._date_filter(start, end)
        orgs = set(self.find(organization, "Organization")) if organization else None
        speakers = set(self.find(speaker, "Person")) if speaker else None
        rows = []
        for r in s.rels:
            if r.type != "SAID" or r.target not in s.nodes:
                continue
            if speakers is not None and r.source not in speakers:
                continue
            held = sorted({h.target for h in s.out.get(r.source, []) if h.type == "HOLDS_POSITION"})
            if orgs is not None and not (orgs & set(held)) and r.source not in orgs:
                continue
            q = s.nodes[r.target]
            arts = sorted(q.props.get("articles") or [], key=lambda a: (s.article_date.get(a, ""), a))
            d = s.article_date.get(arts[0]) if arts else None
            if (lo or hi) and not _in_range(d, lo, hi):
                continue
            sp = s.nodes.get(r.source)
            art = f"article:{arts[0]}" if arts else None
            rows.append({
                "quote_id": q.id, "text": q.props.get("text") or q.props.get("name"), "speaker_id": r.source,
                "speaker": self._name(r.source), "speaker_en": sp.props.get("name_en") if sp else None,
                "organizations": [self._name(o) for o in held], "date": d, "article_id": art,
                "article": self._name(art) if art else None,
            })
        rows.sort(key=lambda r: (r["date"] or "", str(r["speaker"]), r["quote_id"]))
        return self._frame(rows, ["quote_id", "text", "speaker_id", "speaker", "speaker_en", "organizations",
                                  "date", "article_id", "article"])

    # -- graphs ----------------------------------------------------------------------
    def to_networkx(
        self,
        labels: str | Iterable[str] | None = None,
        rel_types: str | Iterable[str] | None = None,
        *,
        articles: bool = False,
    ) -> nx.MultiDiGraph:
        """The merged graph as a ``networkx.MultiDiGraph``: nodes keyed by id
        with ``label`` and their props (``name``, ``name_en``, ``aliases``,
        ``articles`` ...), one edge per relationship (key: its key) with
        ``type`` and its props. Articles and the bookkeeping relationships are
        left out unless ``articles=True``; ``labels`` / ``rel_types`` keep
        only those."""
        s = self._snapshot()
        want_l = set(_as_list(labels)) if labels is not None else None
        want_t = set(_as_list(rel_types)) if rel_types is not None else None
        g = nx.MultiDiGraph()
        for n in s.nodes.values():
            if (want_l is not None and n.label not in want_l) or (not articles and n.label == "Article"):
                continue
            g.add_node(n.id, **{**n.props, "label": n.label})
        for r in s.rels:
            if want_t is not None and r.type not in want_t:
                continue
            if not articles and want_t is None and r.type in BOOKKEEPING:
                continue
            if r.source not in g or r.target not in g:
                continue
            g.add_edge(r.source, r.target, key=r.key, **{**r.props, "type": r.type})
        return g

    def ego(
        self,
        entity: str,
        depth: int = 1,
        *,
        labels: str | Iterable[str] | None = None,
        rel_types: str | Iterable[str] | None = None,
    ) -> nx.MultiDiGraph:
        """The entity and everything within ``depth`` relationships of it (either
        direction; articles and quotes left out unless ``labels`` asks for
        them), with all relationships among them. The centre node has
        ``ego=True`` and every node its ``distance``."""
        if depth < 0:
            raise ConfigError("depth must be 0 or more")
        ids = self.find(entity)
        if len(ids) > 1:
            names = ", ".join(ids)
            raise ConfigError(f"{entity!r} names {len(ids)} entities ({names}); pass an id")
        centre = ids[0]
        if labels is None:
            labels = [lab for lab in ("Person", "Organization", "Event", "Place", "Topic", "Product")]
            if self._snapshot().nodes[centre].label not in labels:
                labels.append(self._snapshot().nodes[centre].label)
        g = self.to_networkx(labels, rel_types)
        dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), centre, cutoff=depth)
        sub = g.subgraph(dist).copy()
        for n, d in dist.items():
            sub.nodes[n]["distance"] = d
            sub.nodes[n]["ego"] = n == centre
        sub.graph["centre"] = centre
        return sub

    # -- analysis ----------------------------------------------------------------------
    def _org_event_counts(self, rel_type: str, category: str | Sequence[str] | None,
                          start: Any, end: Any) -> "pd.DataFrame":
        s = self._snapshot()
        cats = _as_list(category)
        ev = self.events(start=start, end=end) if (start or end) else None
        keep = set(ev["id"]) if ev is not None else None
        hosts: dict[str, set[str]] = defaultdict(set)
        for r in s.rels:
            if r.type != rel_type or r.target not in s.nodes or s.nodes[r.target].label != "Event":
                continue
            src = s.nodes.get(r.source)
            if src is None or src.label != "Organization" or (keep is not None and r.target not in keep):
                continue
            if cats is not None and src.props.get("category") not in cats:
                continue
            hosts[r.source].add(r.target)
        rows = [{
            "organization_id": o, "organization": self._name(o), "organization_en": s.nodes[o].props.get("name_en"),
            "category": s.nodes[o].props.get("category"), "events": len(evs),
            "event_names": sorted(str(self._name(e)) for e in evs),
        } for o, evs in hosts.items()]
        rows.sort(key=lambda r: (-r["events"], str(r["organization"])))
        return self._frame(rows, ["organization_id", "organization", "organization_en", "category", "events",
                                  "event_names"])

    def top_hosts(self, n: int | None = 10, *, category: str | Sequence[str] | None = None,
                  start: Any = None, end: Any = None) -> "pd.DataFrame":
        """Organisations by the number of events they organised (hosts and co-hosts)."""
        df = self._org_event_counts("ORGANIZED", category, start, end)
        return df if n is None else df.head(n).reset_index(drop=True)

    def top_invitees(self, n: int | None = 10, *, category: str | Sequence[str] | None = None,
                     start: Any = None, end: Any = None) -> "pd.DataFrame":
        """Organisations by the number of events they took part in without
        organising them (``category="company"``: the companies invited most)."""
        df = self._org_event_counts("PARTICIPATED_IN", category, start, end)
        s = self._snapshot()
        hosted = {(r.source, r.target) for r in s.rels if r.type == "ORGANIZED"}
        if not df.empty:
            names = {e.id: str(self._name(e.id)) for e in s.nodes.values() if e.label == "Event"}
            by_name = {v: k for k, v in names.items()}
            df["event_names"] = [
                [e for e in evs if (oid, by_name.get(e)) not in hosted]
                for oid, evs in zip(df["organization_id"], df["event_names"])
            ]
            df["events"] = df["event_names"].map(len)
            df = df[df["events"] > 0].sort_values(["events", "organization"], ascending=[False, True])
        df = df.reset_index(drop=True)
        return df if n is None else df.head(n).reset_index(drop=True)

    def co_participation(self, type: str | Sequence[str] = "Organization", *,  # noqa: A002
                         min_shared: int = 1, organizers: bool = True) -> nx.Graph:
        """Who meets whom at events: an undirected graph of the entities of
        ``type`` that took part in (or, with ``organizers``, organised) the
        same events; edge ``weight`` = events shared, ``events`` = their names;
        node ``events`` = how many events each attended."""
        s = self._snapshot()
        types = set(_as_list(type) or [])
        rels = ("PARTICIPATED_IN", "ORGANIZED") if organizers else ("PARTICIPATED_IN",)
        at: dict[str, set[str]] = defaultdict(set)
        for r in s.rels:
            if r.type in rels and r.source in s.nodes and s.nodes[r.source].label in types \
                    and r.target in s.nodes and s.nodes[r.target].label == "Event":
                at[r.target].add(r.source)
        g = nx.Graph()
        count: dict[str, int] = defaultdict(int)
        for ev, members in sorted(at.items()):
            ms = sorted(members)
            for m in ms:
                count[m] += 1
            for i, a in enumerate(ms):
                for b in ms[i + 1:]:
                    if g.has_edge(a, b):
                        g[a][b]["weight"] += 1
                        g[a][b]["events"].append(self._name(ev))
                    else:
                        g.add_edge(a, b, weight=1, events=[self._name(ev)])
        drop = [(a, b) for a, b, w in g.edges(data="weight") if w < min_shared]
        g.remove_edges_from(drop)
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
        for n in g:
            node = s.nodes[n]
            g.nodes[n].update({**node.props, "label": node.label, "events": count[n]})
        return g

    # -- queries -----------------------------------------------------------------------
    def queries(self) -> list[str]:
        """Names of the query library's queries."""
        from . import queries

        return queries.list_queries()

    def query(self, name: str, **params: Any) -> "pd.DataFrame":
        """Run a query of the library (``policygraph.queries``) by name with its
        parameters (``pg.query("events_by_date", since="2025-01-01", until="2025-12-31")``);
        the rows as a DataFrame."""
        from . import queries

        runner = getattr(queries, "run_query", None)  # the library's runner: either store
        if runner is not None:
            rows = runner(self.store, name, dict(params))
        else:
            text = queries.load_query(name)
            run = getattr(self.store, "run", None)
            if run is None:
                raise ConfigError(f"query {name!r} runs on Neo4j only for now: open a bolt:// URI")
            rows = run(text, **params)
        rows = [dict(r) for r in rows]
        pd = _pandas()
        return pd.DataFrame(rows)


_YEAR_TOKEN = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?:년)?(?![0-9])")


def series_of(event_name: str) -> str:
    """The name an event's editions share: its name without the year
    ("2024 디지털 트윈 얼라이언스 포럼" -> "디지털 트윈 얼라이언스 포럼",
    "AI 반도체 얼라이언스 2025 총회" -> "AI 반도체 얼라이언스 총회")."""
    return " ".join(_YEAR_TOKEN.sub(" ", event_name).split()) or event_name


_GAZ = None


def _gazetteer():
    global _GAZ
    if _GAZ is None:
        from .gazetteer import Gazetteer

        _GAZ = Gazetteer.load()
    return _GAZ


def _gazetteer_name(entry_id: str | None, en: bool = False) -> str | None:
    if not entry_id:
        return None
    e = _gazetteer().get(entry_id)
    if e is None:
        return None
    return e.name_en if en else e.name


__all__ = ["PolicyGraph", "open", "examples_dir", "series_of", "BOOKKEEPING"]
