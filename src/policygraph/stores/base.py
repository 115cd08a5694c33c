"""The one interface both graph stores implement.

A store holds, per article, what that article contributed (``ArticleGraph``)
and serves the merged graph: one node per id, one relationship per key, with
properties merged from every article that supports them (``merge_props``).

Semantics every backend must honour (tests/test_store_behaviour.py runs one
suite against each):

* ``replace_articles(graphs)``: for each graph, drop what its article said
  before (if anything), then add what it says now. A node or relationship no
  article supports any more is deleted; one still supported by other articles
  stays, with properties re-merged from the supports left. Applying the same
  graph twice changes nothing.
* ``nodes()`` / ``relationships()``: the merged graph. Every node's props carry
  ``articles`` (sorted ids of the supporting articles); so does every
  relationship's. The stores do not keep that list on the node (it would grow
  with every article naming a hub): they serve it at read time from what each
  article contributed.
* A write costs the size of the articles written, not the size of the store:
  each node and relationship keeps a ``MergeState`` (value counts, bounded by
  the number of distinct values), to which a changed contribution is added or
  from which it is retracted. ``stats`` counts what writes read
  (``contributions_read``: stored contributions of the articles written;
  ``states_read``: merge states of the ids they touch).
* Ids are opaque strings; labels are the entity types of models.ENTITY_TYPES
  plus ``Article``; relationship types those of models.RELATION_TYPES.
"""
from __future__ import annotations

import abc
import json
from collections import Counter
from typing import Any, Callable, Iterable, Iterator

from ..errors import StoreError
from ..models import ArticleGraph, NodeRecord, RelRecord

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=True)
_encode_str = json.encoder.encode_basestring  # what _ENCODER uses for a str (ensure_ascii=False)


class GraphStore(abc.ABC):
    """Abstract store. Use as a context manager or call ``close()``."""

    name: str = "store"
    #: articles per ``replace_articles`` call the pipeline makes: a node or relationship
    #: many articles support (a ministry, a venue) is merged once per call, so larger
    #: calls cost less per article as the store grows; a backend holding a whole call
    #: in one transaction's memory asks for fewer
    write_batch: int = 200

    # -- writing -------------------------------------------------------------
    @abc.abstractmethod
    def replace_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        """Replace each article's contribution by the given one (see module doc)."""

    @abc.abstractmethod
    def delete_articles(self, article_ids: Iterable[str]) -> None:
        """Remove everything only these articles supported."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Remove everything."""

    # -- store state -----------------------------------------------------------
    @abc.abstractmethod
    def get_state(self, key: str) -> str | None:
        """A value the pipeline keeps in the store (e.g. whether the resolver
        has run since the last write), or None."""

    @abc.abstractmethod
    def set_state(self, key: str, value: str) -> None:
        """Set a state value (committed at once). ``clear()`` removes them all."""

    # -- reading -------------------------------------------------------------
    @abc.abstractmethod
    def fingerprints(self) -> dict[str, str]:
        """article id -> fingerprint of the contribution stored for it."""

    @abc.abstractmethod
    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        """Merged nodes, optionally of one label, ordered by id."""

    @abc.abstractmethod
    def relationships(self, rel_type: str | None = None) -> Iterator[RelRecord]:
        """Merged relationships, optionally of one type, ordered by key."""

    @abc.abstractmethod
    def node(self, node_id: str) -> NodeRecord | None:
        """One merged node, or None."""

    @abc.abstractmethod
    def contributions(self, node_id: str) -> dict[str, dict[str, Any]]:
        """article id -> the props that article contributed to the node."""

    @abc.abstractmethod
    def article_graph(self, article_id: str) -> ArticleGraph | None:
        """What one article contributed, as it was written (the resolver rewrites
        articles whose ids it merges); None for an unknown article."""

    def nodes_by_id(self, node_ids: Iterable[str]) -> dict[str, NodeRecord]:
        """The merged nodes of these ids that exist (id -> node). Backends answer
        in one query; this default asks ``node`` for each."""
        out: dict[str, NodeRecord] = {}
        for i in dict.fromkeys(node_ids):
            n = self.node(i)
            if n is not None:
                out[i] = n
        return out

    def relationships_of(self, node_ids: Iterable[str], rel_type: str | None = None) -> list[RelRecord]:
        """Merged relationships with either end among ``node_ids`` (optionally of
        one type), ordered by key: a node's neighbourhood without reading the
        whole graph. This default scans ``relationships``; backends use their
        indexes."""
        ids = set(node_ids)
        return [r for r in self.relationships(rel_type) if r.source in ids or r.target in ids]

    def relationships_at(self, node_ids: Iterable[str], rel_type: str, end: str = "source") -> list[RelRecord]:
        """Merged relationships of one type whose ``end`` ("source" or "target") is
        among ``node_ids``, ordered by key: one direction of a neighbourhood (a hub's
        incoming relationships are not read when only its outgoing ones are asked
        for). This default filters ``relationships_of``."""
        ids = set(node_ids)
        return [r for r in self.relationships_of(ids, rel_type) if (r.source if end == "source" else r.target) in ids]

    def nodes_by_keys(
        self,
        keys: Iterable[str],
        keyfunc: Callable[[NodeRecord], Iterable[str]],
        labels: Iterable[str],
        version: str = "",
    ) -> dict[str, NodeRecord]:
        """The merged nodes of ``labels`` that have at least one of ``keys``, where
        ``keyfunc(node)`` gives a node's keys (the resolver's name keys): how the
        resolver finds the candidates of new mentions without reading every node.
        ``version`` names the key function: a backend that keeps the keys indexed
        re-computes them when it changes. This default scans the nodes of ``labels``."""
        want = set(keys)
        out: dict[str, NodeRecord] = {}
        if not want:
            return out
        for label in labels:
            for n in self.nodes(label):
                if not want.isdisjoint(keyfunc(n)):
                    out[n.id] = n
        return out

    def counts(self) -> dict[str, Counter]:
        """{"nodes": Counter(label -> n), "relationships": Counter(type -> n)}."""
        return {
            "nodes": Counter(n.label for n in self.nodes()),
            "relationships": Counter(r.type for r in self.relationships()),
        }

    def describe(self) -> str:
        """Where the graph lives, for messages (never credentials)."""
        return getattr(self, "_where", self.name)

    # -- lifecycle -----------------------------------------------------------
    def close(self) -> None:  # pragma: no cover - trivial default
        pass

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ----------------------------------------------------------------------------
# Property merging, shared by every backend so that they agree exactly.

_MIN_KEYS = ("first_seen",)
_MAX_KEYS = ("last_seen",)
_DATE_KEYS = ("start_date", "end_date")


def _enc(v: Any) -> str:
    """A scalar as a typed key: 1, 1.0, True and "1" stay four values (JSON).
    Strings and integers, nearly every value, take the encoder's own fast
    paths (the same text ``_ENCODER.encode`` gives)."""
    t = type(v)
    if t is str:
        return _encode_str(v)
    if t is int:
        return int.__repr__(v)
    return _ENCODER.encode(v)


def _dec(k: str) -> Any:
    # a JSON string with no escape is its text between the quotes (ensure_ascii=False
    # escapes only quotes, backslashes and control characters, all with a backslash)
    if k[:1] == '"' and "\\" not in k:
        return k[1:-1]
    return json.loads(k)


def _merge_dates(items: list[tuple[Any, int]]) -> Any:
    """Dates of one event as several articles give them ("2023-09", "2023-09-12"):
    the most precise value when they agree, else the most frequent (ties: the
    earliest). ``items``: (value, count) pairs."""
    vals = sorted((v for v, _ in items), key=lambda v: (-len(str(v)), str(v)))
    longest = str(vals[0])
    if all(longest.startswith(str(v)) for v in vals):
        return vals[0]
    return _most_frequent(items)


def _most_frequent(items: list[tuple[Any, int]]) -> Any:
    best = max(c for _, c in items)
    return min((v for v, c in items if c == best), key=_scalar_key)


def _scalar_key(v: Any) -> tuple[str, str]:
    return (type(v).__name__, str(v))


def _pick(k: str, items: list[tuple[Any, int]]) -> Any:
    """The merged value of scalar prop ``k`` from (value, count) pairs."""
    if k in _DATE_KEYS:
        return _merge_dates(items)
    if k in _MIN_KEYS:
        return min((v for v, _ in items), key=_scalar_key)
    if k in _MAX_KEYS:
        return max((v for v, _ in items), key=_scalar_key)
    return _most_frequent(items)


def merge_props(contribs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Merge the props several articles contributed to one node or relationship.

    Deterministic whatever the order of ``contribs``:
    * list values: sorted union;
    * ``first_seen``: the smallest value, ``last_seen``: the largest;
    * ``start_date``/``end_date``: the most precise of agreeing values ("2023-09-12"
      over "2023-09"), else the most frequent;
    * other scalars: the most frequent value, ties to the smallest.
    Values are compared with their type (1, 1.0, True and "1" are four values).

    This is the reference: ``MergeState`` gives the same result incrementally.
    """
    lists: dict[str, set] = {}
    scalars: dict[str, Counter] = {}
    for props in contribs:
        for k, v in props.items():
            if v is None:
                continue
            if isinstance(v, (list, tuple, set)):
                lists.setdefault(k, set()).update(_enc(x) for x in v if x is not None)
            else:
                scalars.setdefault(k, Counter())[_enc(v)] += 1
    out: dict[str, Any] = {}
    for k, vals in lists.items():
        out[k] = sorted((_dec(x) for x in vals), key=_scalar_key)
    for k, counter in scalars.items():
        if k in out:
            continue
        out[k] = _pick(k, [(_dec(x), c) for x, c in counter.items()])
    return dict(sorted(out.items()))


class MergeState:
    """What ``merge_props`` needs of the contributions to one node or
    relationship, kept so that adding or retracting one contribution costs its
    own size, not the number of contributions: per prop, how many contributions
    give each distinct value (list items counted once per contribution) and how
    many give a list; per voted field (label; type, source, target), how many
    give each value; and the number of contributions (the support).

    Its size is bounded by the number of distinct values, however many articles
    support the node. ``props()`` equals ``merge_props`` of the contributions
    added and not retracted; ``vote(field)`` equals ``vote`` of their values.
    Serialised with ``to_json`` / ``from_json``.
    """

    __slots__ = ("n", "p", "v")

    def __init__(self, n: int = 0, p: dict | None = None, v: dict | None = None):
        self.n = n  # support: contributions added minus retracted
        self.p: dict[str, dict] = p if p is not None else {}  # prop -> {"l": n lists, "li": {enc: n}, "s": {enc: n}}
        self.v: dict[str, dict[str, int]] = v if v is not None else {}  # field -> {enc: n}

    @classmethod
    def from_json(cls, text: str | None) -> "MergeState":
        if not text:
            return cls()
        d = json.loads(text)
        return cls(d["n"], d["p"], d["v"])

    def to_json(self) -> str:
        return _ENCODER.encode({"n": self.n, "p": self.p, "v": self.v})

    def add(self, props: dict[str, Any], votes: dict[str, Any] | None = None, sign: int = 1) -> None:
        """Count one contribution in (``sign=1``) or out (``sign=-1``)."""
        self.n += sign
        p = self.p
        for k, val in props.items():
            if val is None:
                continue
            e = p.get(k)
            if e is None:
                e = p[k] = {"l": 0, "li": {}, "s": {}}
            if isinstance(val, (list, tuple, set)):
                e["l"] += sign
                counts = e["li"]
                for x in {_enc(x) for x in val if x is not None}:
                    c = counts.get(x, 0) + sign
                    if c:
                        counts[x] = c
                    else:
                        del counts[x]
            else:
                counts = e["s"]
                x = _enc(val)
                c = counts.get(x, 0) + sign
                if c:
                    counts[x] = c
                else:
                    del counts[x]
            if not e["l"] and not e["s"] and not e["li"]:
                del p[k]
        if votes:
            for f, val in votes.items():
                counts = self.v.setdefault(f, {})
                x = _enc(val)
                c = counts.get(x, 0) + sign
                if c:
                    counts[x] = c
                else:
                    del counts[x]
                if not counts:
                    del self.v[f]

    def remove(self, props: dict[str, Any], votes: dict[str, Any] | None = None) -> None:
        self.add(props, votes, -1)

    def props(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in sorted(self.p):
            e = self.p[k]
            if e["l"] > 0:
                out[k] = _sorted_items(e["li"])
            elif e["s"]:
                s = e["s"]
                if len(s) == 1:  # one value: what every rule of _pick gives
                    out[k] = _dec(next(iter(s)))
                else:
                    out[k] = _pick(k, [(_dec(x), c) for x, c in s.items()])
        return out

    def vote(self, field: str) -> Any:
        counts = self.v.get(field)
        if not counts:
            return None
        if len(counts) == 1:
            return _dec(next(iter(counts)))
        return _most_frequent([(_dec(x), c) for x, c in counts.items()])


def _sorted_items(keys: dict[str, int]) -> list:
    """The values of typed keys in ``merge_props``'s list order (by type name, then
    text), a long list decoded in one call; strings only (the common case) sort as
    they are."""
    vals = [_dec(x) for x in keys] if len(keys) <= 16 else json.loads("[" + ",".join(keys) + "]")
    if all(type(v) is str for v in vals):
        vals.sort()
        return vals
    return sorted(vals, key=_scalar_key)


def clean_props(props: dict[str, Any], what: str) -> dict[str, Any]:
    """Props as stored: None dropped, tuples/sets made lists, values checked.

    ``articles`` is the store's own: an ``articles`` key a contribution carries
    is ignored.
    """
    out: dict[str, Any] = {}
    for k, v in props.items():
        if v is None or k == "articles":
            continue
        # the common cases first: a string, a list of strings (nothing to check further)
        t = type(v)
        if type(k) is str:
            if t is str:
                out[k] = v
                continue
            if t is list and all(type(x) is str for x in v):
                out[k] = list(v)
                continue
        if not isinstance(k, str):
            raise StoreError(f"{what}: property name {k!r} is not a string")
        if isinstance(v, (list, tuple, set, frozenset)):
            items = [x for x in v if x is not None]
            for x in items:
                if not isinstance(x, (str, int, float, bool)):
                    raise StoreError(f"{what}: property {k!r} holds a {type(x).__name__} in its list")
            if isinstance(v, (set, frozenset)):
                items.sort(key=lambda x: (type(x).__name__, str(x)))
            out[k] = items
        elif isinstance(v, (str, int, float, bool)):
            out[k] = v
        else:
            raise StoreError(f"{what}: property {k!r} is a {type(v).__name__}, not a scalar or list of scalars")
        for x in out[k] if isinstance(out[k], list) else [out[k]]:
            if isinstance(x, int) and not isinstance(x, bool) and not -(2**63) <= x < 2**63:
                raise StoreError(f"{what}: property {k!r}: integer {x} does not fit in 64 bits")
    return out


def vote(values: list) -> Any:
    """The most frequent value, ties to the smallest (as merge_props does): the
    label, type or endpoint several articles gave one id or key."""
    first = values[0]
    if all(v == first for v in values):
        return first
    return merge_props({"v": v} for v in values)["v"]


def changed(old: dict, new: dict) -> tuple[list, list]:
    """Contributions (key -> stored form) that a write changes: those to retract
    (in ``old``, not the same in ``new``) and those to add (in ``new``, not the
    same in ``old``). Unchanged contributions cost the write nothing."""
    return [k for k, v in old.items() if new.get(k) != v], [k for k, v in new.items() if old.get(k) != v]


class JsonCache:
    """Decode each distinct JSON text once (identical contributions are common)."""

    def __init__(self) -> None:
        self._parsed: dict[str, Any] = {}

    def __call__(self, text: str) -> Any:
        d = self._parsed.get(text)
        if d is None:
            import json

            d = self._parsed[text] = json.loads(text)
        return d


def latest_by_article(graphs: Iterable[ArticleGraph]) -> dict[str, ArticleGraph]:
    """One graph per article, in order; the same article twice in one call: the
    last version wins."""
    latest: dict[str, ArticleGraph] = {}
    for g in graphs:
        latest.pop(g.article_id, None)
        latest[g.article_id] = g
    return latest
