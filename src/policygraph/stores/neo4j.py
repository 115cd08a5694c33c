"""The Neo4j graph store (Neo4j 5.x, Community is enough).

Layout (the schema is ``cypher/schema.cypher``, applied on open). The graph
holds only the documented vocabulary (docs/vocabulary.md, "In Neo4j"):
``CALL db.labels()`` and ``db.relationshipTypes()`` list nothing else.

* the merged graph, as real properties a Browser user can query:
  ``(:<Label> {id, name, aliases, ..., article_count, pg_state})`` with
  ``<Label>`` one of models.ENTITY_TYPES or ``Article``, and
  ``(a)-[:<TYPE> {key, ..., article_count, pg_state}]->(b)`` with
  ``<TYPE>`` one of models.RELATION_TYPES; ``article_count`` is the number of
  supporting articles, ``pg_state`` the ``MergeState`` (JSON) the merged
  properties come from, ``key`` the RelRecord key (unique per type). An id is
  unique per label (a constraint) and across labels (the store looks an id up
  under every label at once: ``MATCH (n:Article|Event|... {id: $id})``, one
  unique index seek per label);
* bookkeeping lives in ``pg_`` properties (internal, not data): what each
  article said, as it said it, is a property of its Article node
  ``article:<article id>`` (its holder): ``pg_article``, ``pg_fingerprint``,
  ``pg_contribution`` (JSON) and ``pg_nodes`` / ``pg_rels`` (the ids and keys
  it contributes; ``articles`` is served from them through the keyword
  full-text index ``pg_support``, one exact term per id). An article whose
  graph has no such node gets a bare Article node (no merge state), not
  served. The resolver's name keys of a node are ``pg_rkeys`` (``nodes_by_keys``);
* lookups by id, name, English name or alias (the query library) are exact
  terms of the keyword full-text index ``entity_keys``;
* the store's state (``get_state``) is a property of the one
  ``(:Dataset {id: 'dataset:policygraph'})`` node, which describes the graph.

A write (one managed write transaction per chunk, so that ``neo4j://``
routing works and transient errors are retried) reads the holders of its
articles and the merge states of the nodes and relationships they touch, adds
and retracts the contributions that changed, and writes back what changed:
its cost does not grow with the number of articles stored. The most frequent
label (type, endpoints) wins, ties to the smallest. Unchanged articles written
again cause no writes at all.

Neo4j-specific limits: a relationship whose source or target node no article
supports is kept, with a bare placeholder node at that end, but not served
(Neo4j has no dangling relationships) until that node exists; a merged list
must hold values of one type (ints and floats together are stored as floats).
A placeholder gets the label its id's prefix names (``org:`` Organization),
else the one the relationship type expects at that end.
The properties ``id`` of a node and ``key`` of a relationship, ``articles``,
``article_count`` and the ``pg_`` ones above are the store's own (a prop of
that name is stored as ``_id``, one named ``_id`` as ``__id`` ..., and read
back under its own name). ``nodes()`` and ``relationships()`` read in pages
(ordered index seeks), so that an export's memory does not grow with the store.

All writes are ``UNWIND $rows`` batches with parameters; labels and
relationship types, which Cypher cannot take as parameters, are checked
against the closed vocabularies before they are put in a query. Each
``replace_articles`` call is one transaction per chunk of whole articles of
about ``chunk_records`` records (default 10000: each chunk re-writes the
merge states of the hubs it touches, so a 1,500-article load took 1.4x as
long in chunks of 2000; much larger transactions strain the server's heap),
so an article is never half written. Every seek is a hinted unique index
seek (``_seek_nodes``, ``_seek_rels``): a plan cached while a label or type
was still empty would otherwise scan.
"""
from __future__ import annotations

import datetime as _dt
import heapq
import json
import re
from collections import Counter
from contextlib import contextmanager
from importlib import resources
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreConnectionError, StoreError
from ..models import ENTITY_TYPES, RELATION_TYPES, ArticleGraph, NodeRecord, RelRecord
from .base import GraphStore, JsonCache, MergeState, changed, clean_props, latest_by_article, merge_props

LABELS = frozenset(ENTITY_TYPES) | {"Article"}
REL_TYPES = frozenset(RELATION_TYPES)
# Any node of the graph: a label disjunction, which Neo4j plans as one unique
# index seek per label (``MATCH (n:Person|Organization|... {id: $id})``).
ANY = "|".join(sorted(LABELS))
# The one node that describes the graph itself (documented vocabulary,
# schema:Dataset); it holds the store's state (``get_state`` / ``set_state``).
DATASET_LABEL = "Dataset"
DATASET_ID = "dataset:policygraph"
P_STORE_STATE = "pg_store_state"
# The labels of the old layout (a store written then is rewritten on open).
OLD_LABELS = ("Node", "Lookup", "PolicygraphState", "Contribution", "RelContribution", "ArticleFingerprint")
# The placeholder at the end of a relationship whose node no article supports
# yet gets the label its id's prefix names, else the one the type expects.
_ID_PREFIX_LABELS = {
    "person": "Person", "org": "Organization", "organization": "Organization", "event": "Event",
    "place": "Place", "topic": "Topic", "product": "Product", "quote": "Quote", "article": "Article",
}
_END_LABELS = {  # type -> (source label, target label)
    "HOLDS_POSITION": ("Person", "Organization"), "ORGANIZED": ("Organization", "Event"),
    "PARTICIPATED_IN": ("Person", "Event"), "HELD_AT": ("Event", "Place"), "LOCATED_IN": ("Place", "Place"),
    "ABOUT": ("Event", "Topic"), "SAID": ("Person", "Quote"), "MAKES": ("Organization", "Product"),
    "SUBSIDIARY_OF": ("Organization", "Organization"), "ISSUED": ("Organization", "Article"),
    "MENTIONS": ("Article", "Topic"), "REPORTS": ("Article", "Event"),
}
_BATCH = 1000  # rows per UNWIND statement
# The store's own properties. On every served node and relationship: its merge
# state (``MergeState`` as JSON: value counts, bounded by the number of distinct
# values) and ``article_count`` (how many articles support it). On the Article
# node ``article:<id>`` of each stored article (its holder): the article id,
# fingerprint, contribution (what it said, as JSON) and the ids and keys it
# contributes (for ``articles`` at read time).
P_STATE = "pg_state"
P_COUNT = "article_count"
P_ARTICLE = "pg_article"
P_FINGERPRINT = "pg_fingerprint"
P_CONTRIBUTION = "pg_contribution"
P_NODES = "pg_nodes"
P_RELS = "pg_rels"
_HOLDER_PROPS = (P_ARTICLE, P_FINGERPRINT, P_CONTRIBUTION, P_NODES, P_RELS)
# The resolver's name keys of a node (``nodes_by_keys``), computed by the
# resolver's key function and kept on the node; ``pg_rkeys_stale`` marks a node
# whose props changed since (both in the ``pg_rkeys`` keyword index). Only the
# labels the resolver keys are indexed (resolve.RESOLVER_LABELS).
P_RKEYS = "pg_rkeys"
P_RKEYS_STALE = "pg_rkeys_stale"
KEYED_LABELS = ("Event", "Organization", "Person", "Place")
_RKEYS_VERSION = "resolver_keys_version"  # store state: the key function's version the keys were made with
NODE_OWN = frozenset({"id", "articles", P_STATE, P_COUNT, P_RKEYS, P_RKEYS_STALE, *_HOLDER_PROPS})
REL_OWN = frozenset({"key", "articles", P_STATE, P_COUNT})
_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_NAMED_SCHEMA = re.compile(
    r"^\s*CREATE\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\s+([A-Za-z_][A-Za-z0-9_]*)\s+IF\s+NOT\s+EXISTS\b", re.I
)
_DROP_SCHEMA = re.compile(r"^\s*DROP\s+(?:CONSTRAINT|INDEX)\s+([A-Za-z_][A-Za-z0-9_]*)\s+IF\s+EXISTS\b", re.I)

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=True)
_dumps = _ENCODER.encode


def _label(label: str) -> str:
    if label not in LABELS or not _IDENT.match(label):
        raise StoreError(f"unknown node label {label!r} (known: {', '.join(sorted(LABELS))})")
    return label


def _rel_type(rel_type: str) -> str:
    if rel_type not in REL_TYPES or not _IDENT.match(rel_type):
        raise StoreError(f"unknown relationship type {rel_type!r} (known: {', '.join(sorted(REL_TYPES))})")
    return rel_type


def _batches(rows: list, size: int = _BATCH) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# Every lookup of a write is forced to be a unique index seek
# (``USING INDEX SEEK``: a plain ``USING INDEX`` hint lets the planner scan the
# whole index and filter, which it does for a label or type that was empty
# when the plan was made: 10 s per 1,000 keys once the store has filled).
# Such a query keeps its cached plan: replanning on changed statistics (every
# few seconds while a load fills an empty store) would give the same plan,
# and a UNION of 8 or 12 seeks takes 0.4-2.5 s to plan on a loaded machine.
_KEEP_PLAN = "CYPHER replan=skip "


def _seek_nodes(unwind: str, key: str, tail: str, var: str = "n") -> str:
    """``{unwind} MATCH ({var}:<Label> {id: {key}}) {tail}`` under every label,
    as a ``UNION ALL`` of forced unique index seeks (a label disjunction cannot
    be hinted)."""
    return _KEEP_PLAN + " UNION ALL ".join(
        f"{unwind} MATCH ({var}:{lab} {{id: {key}}}) USING INDEX SEEK {var}:{lab}(id) {tail}" for lab in sorted(LABELS)
    )


def _seek_rels(unwind: str, key: str, tail: str) -> str:
    """``{unwind} MATCH (a)-[r:<TYPE> {key: {key}}]->(b) {tail}`` under every
    type, as a ``UNION ALL`` of forced unique index seeks (a type disjunction
    cannot be hinted, and one planned while a type had no relationships scanned
    that type's whole key index for each key)."""
    return _KEEP_PLAN + " UNION ALL ".join(
        f"{unwind} MATCH (a)-[r:{t} {{key: {key}}}]->(b) USING INDEX SEEK r:{t}(key) {tail}" for t in sorted(REL_TYPES)
    )


def read_schema() -> list[str]:
    """The statements of cypher/schema.cypher, comments removed."""
    text = (resources.files("policygraph") / "cypher" / "schema.cypher").read_text(encoding="utf-8")
    return split_statements(text)


def split_statements(text: str) -> list[str]:
    """Split Cypher on ``;`` outside strings; drop ``//`` line and ``/* */`` comments."""
    out: list[str] = []
    buf: list[str] = []
    i, n = 0, len(text)
    quote: str | None = None
    while i < n:
        ch = text[i]
        if quote:
            buf.append(ch)
            if ch == "\\" and i + 1 < n:
                buf.append(text[i + 1])
                i += 2
                continue
            if ch == quote:
                quote = None
            i += 1
            continue
        if ch in "'\"`":
            quote = ch
            buf.append(ch)
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        elif ch == ";":
            stmt = "".join(buf).strip()
            if stmt:
                out.append(stmt)
            buf = []
        else:
            buf.append(ch)
        i += 1
    stmt = "".join(buf).strip()
    if stmt:
        out.append(stmt)
    return out


def _redact_uri(uri: str) -> str:
    try:
        parts = urlsplit(uri)
    except ValueError:
        return "<invalid uri>"
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return uri


def _uri_password(uri: str) -> str | None:
    try:
        return urlsplit(uri).password
    except ValueError:
        return None


class Neo4jStore(GraphStore):
    """Graph store in a Neo4j 5.x database (see the module doc for the layout)."""

    name = "neo4j"

    def __init__(
        self,
        uri: str,
        username: str = "neo4j",
        password: str = "",
        database: str | None = None,
        *,
        apply_schema: bool = True,
        chunk_records: int = 10000,
        connection_timeout: float = 10.0,
    ):
        try:
            import neo4j
            from neo4j import exceptions as nx
        except ImportError:  # pragma: no cover - neo4j is a dependency
            raise StoreError("the neo4j Python driver is not installed (pip install neo4j)") from None
        self._nx = nx
        self.uri = _redact_uri(uri)
        self.username = username
        self.database = database or None
        self.chunk_records = max(1, chunk_records)
        self._secrets = [s for s in (password, _uri_password(uri)) if s]
        self._where = f"Neo4j at {self.uri}" + (f" (database {self.database})" if self.database else "")
        self._driver = None
        # what writes read: contributions of the articles written, merge states of the ids touched
        self.stats: Counter = Counter()
        try:
            driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(username, password),
                connection_timeout=connection_timeout,
                max_transaction_retry_time=15.0,
                user_agent="policygraph",
            )
        except (nx.ConfigurationError, ValueError) as e:
            raise StoreConnectionError(f"{self._where}: bad URI or settings: {self._oneline(e)}") from None
        self._driver = driver
        try:
            driver.verify_connectivity()
            # a missing database shows only when a session uses it
            with driver.session(database=self.database) as s:
                s.run("RETURN 1").consume()
        except BaseException as e:
            self._driver = None
            driver.close()
            if isinstance(e, nx.AuthError) or (
                isinstance(e, nx.Neo4jError) and ".Security." in (e.code or "")
            ):
                raise StoreConnectionError(
                    f"{self._where}: authentication failed for user {username!r} "
                    f"({self._oneline(e, code_only=True)})"
                ) from None
            if isinstance(e, nx.Neo4jError) and "DatabaseNotFound" in (e.code or ""):
                raise StoreConnectionError(f"{self._where}: database not found") from None
            if isinstance(e, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
                raise StoreConnectionError(f"{self._where}: cannot connect: {self._oneline(e)}") from None
            if isinstance(e, (nx.DriverError, nx.Neo4jError)):
                raise StoreConnectionError(f"{self._where}: cannot open: {self._oneline(e)}") from None
            raise
        if apply_schema:
            try:
                self.apply_schema()
            except BaseException:
                self.close()
                raise

    # -- plumbing ----------------------------------------------------------------
    def _oneline(self, e: BaseException, code_only: bool = False) -> str:
        if isinstance(e, self._nx.Neo4jError):  # a server error: its code and message
            code, msg = e.code, e.message or str(e)
        else:  # a driver error: its text (its .message is a generic GQL status)
            code, msg = None, str(e) or type(e).__name__
        msg = " ".join(str(msg).split())
        if code_only:
            msg = code or type(e).__name__
        elif code:
            msg = f"{code}: {msg}"
        for s in self._secrets:
            msg = msg.replace(s, "***")
        return msg[:500]

    @property
    def driver(self):
        if self._driver is None:
            raise StoreError(f"{self._where}: store is closed")
        return self._driver

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        nx = self._nx
        try:
            yield
        except StoreError:
            raise
        except nx.AuthError as e:
            raise StoreConnectionError(f"{self._where}: cannot {doing}: authentication failed ({e.code})") from None
        except (nx.ServiceUnavailable, nx.SessionExpired) as e:
            raise StoreConnectionError(f"{self._where}: cannot {doing}: {self._oneline(e)}") from None
        except (nx.Neo4jError, nx.DriverError) as e:
            raise StoreError(f"{self._where}: cannot {doing}: {self._oneline(e)}") from None

    def _session(self, **kw):
        return self.driver.session(database=self.database, **kw)

    def _read(self, doing: str, query: str, **params: Any) -> list:
        """Run one read query; a list of records (tuples)."""
        with self._errors(doing), self._session(default_access_mode="READ") as s:
            return s.execute_read(lambda tx: [tuple(r.values()) for r in tx.run(query, params)])

    # -- schema ------------------------------------------------------------------
    def apply_schema(self) -> None:
        """Create the constraints and indexes of cypher/schema.cypher that are missing."""
        statements = read_schema()
        with self._errors("apply the schema"), self._session() as s:
            have = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}
            have |= {r["name"] for r in s.run("SHOW INDEXES YIELD name")}
            created = False
            for stmt in statements:
                m = _NAMED_SCHEMA.match(stmt)
                if m and m.group(1) in have:
                    continue
                d = _DROP_SCHEMA.match(stmt)
                if d and d.group(1) not in have:
                    continue  # an index of an older schema, already gone
                s.run(stmt).consume()
                created = True
            if created:
                s.run("CALL db.awaitIndexes(300)").consume()
            if "event_start_date" not in have:  # a store written before dates were dates
                self._migrate_temporal(s)
            labels = {r["label"] for r in s.run("CALL db.labels() YIELD label RETURN label")}
            if "Contribution" in labels:
                self._migrate_contributions(s)
            elif labels & {"Node", "Lookup", "PolicygraphState"}:
                self._migrate_labels(s)

    def _migrate_labels(self, s) -> None:
        """A store written with the bookkeeping labels ``Node`` (on every node),
        ``Lookup`` and ``PolicygraphState``: its state moves to the Dataset
        node, lookups go (the ``entity_keys`` index serves them), placeholders
        get a vocabulary label, and ``Node`` is removed."""
        state = dict(s.run("MATCH (x:PolicygraphState) RETURN x.key, x.value").values())
        if state:
            s.run(
                f"MERGE (d:{DATASET_LABEL} {{id: $id}}) SET d.name = 'policygraph', d.{P_STORE_STATE} = $v",
                id=DATASET_ID, v=_dumps(state),
            ).consume()
        self._delete_labels(s, ("Lookup", "PolicygraphState"))
        bare = [r[0] for r in s.run("MATCH (n:Node) WHERE size(labels(n)) = 1 RETURN n.id").values()]
        by_label: dict[str, list[str]] = {}
        for nid in bare:
            by_label.setdefault(_placeholder_label(nid, None, "source"), []).append(nid)
        for label, ids in by_label.items():
            for rows in _batches(ids):
                s.run(f"UNWIND $ids AS id MATCH (n:Node {{id: id}}) SET n:{_label(label)}", ids=rows).consume()
        while s.run("MATCH (n:Node) WITH n LIMIT 10000 REMOVE n:Node RETURN count(*) AS n").single()["n"]:
            pass

    def _migrate_contributions(self, s) -> None:
        """A store written before merge states (bookkeeping in ``Contribution``,
        ``RelContribution`` and ``ArticleFingerprint`` nodes): read what each
        article said, remove the old layout, write the articles again."""
        fps = dict(s.run("MATCH (f:ArticleFingerprint) RETURN f.article, f.fingerprint").values())
        nodes: dict[str, list[NodeRecord]] = {}
        rels: dict[str, list[RelRecord]] = {}
        for aid, nid, label, pj in s.run(
            "MATCH (c:Contribution) RETURN c.article, c.node_id, c.label, c.props_json"
        ).values():
            nodes.setdefault(aid, []).append(NodeRecord(nid, label, json.loads(pj)))
        for aid, key, typ, src, tgt, pj in s.run(
            "MATCH (c:RelContribution) RETURN c.article, c.key, c.type, c.source, c.target, c.props_json"
        ).values():
            rels.setdefault(aid, []).append(RelRecord(key, typ, src, tgt, json.loads(pj)))
        graphs = [ArticleGraph(aid, fps.get(aid, ""), sorted(nodes.get(aid, []), key=lambda n: n.id),
                               sorted(rels.get(aid, []), key=lambda r: r.key))
                  for aid in sorted(set(fps) | set(nodes) | set(rels))]
        state = dict(s.run("MATCH (x:PolicygraphState) RETURN x.key, x.value").values())
        self._delete_labels(s, (*OLD_LABELS, *sorted(LABELS)))
        self.replace_articles(graphs)
        for k, v in sorted(state.items()):
            self.set_state(k, v)

    @staticmethod
    def _delete_labels(s, labels: Iterable[str]) -> None:
        for label in labels:
            while True:
                n = s.run(f"MATCH (n:{label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n").single()["n"]
                if n == 0:
                    break

    def _migrate_temporal(self, s) -> None:
        """Rewrite the date and timestamp props of a store written by an older
        version (ISO strings) as Neo4j temporal values, nodes and relationships."""
        names = sorted(DATE_PROPS | DATETIME_PROPS)
        rows = s.run(
            f"MATCH (n:{ANY}) WHERE any(k IN keys(n) WHERE k IN $names) RETURN elementId(n), properties(n)",
            names=names,
        ).values()
        rels = s.run(
            "MATCH ()-[r]->() WHERE r.key IS NOT NULL AND any(k IN keys(r) WHERE k IN $names)"
            " RETURN elementId(r), properties(r)",
            names=names,
        ).values()
        for what, found in (("n", rows), ("r", rels)):
            todo = []
            for eid, props in found:
                new = _to_neo4j(_from_neo4j(props))
                if new != props:
                    todo.append({"eid": eid, "props": new})
            match = "MATCH (n) WHERE elementId(n) = row.eid" if what == "n" else \
                "MATCH ()-[n]->() WHERE elementId(n) = row.eid"
            for batch in _batches(todo):
                s.run(f"UNWIND $rows AS row {match} SET n = row.props", rows=batch).consume()

    # -- writing -----------------------------------------------------------------
    def replace_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        latest = latest_by_article(graphs)
        if not latest:
            return
        # Check and encode everything before writing anything.
        prepared = [_prepare(g) for g in latest.values()]
        chunk: list = []
        size = 0
        for p in prepared:
            chunk.append(p)
            size += 1 + len(p[2]) + len(p[3])
            if size >= self.chunk_records:
                self._write(chunk, delete=False)
                chunk, size = [], 0
        if chunk:
            self._write(chunk, delete=False)

    def delete_articles(self, article_ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(article_ids))
        for batch in _batches(ids, 2000):
            self._write([(aid, None, {}, {}) for aid in batch], delete=True)

    def clear(self) -> None:
        with self._errors("clear"), self._session() as s:
            self._delete_labels(s, (*sorted(LABELS), DATASET_LABEL, *OLD_LABELS))

    def get_state(self, key: str) -> str | None:
        rows = self._read(
            "read state", f"MATCH (d:{DATASET_LABEL} {{id: $id}}) RETURN d.{P_STORE_STATE}", id=DATASET_ID
        )
        return json.loads(rows[0][0]).get(key) if rows and rows[0][0] else None

    def set_state(self, key: str, value: str) -> None:
        def tx_fn(tx) -> None:
            row = tx.run(
                f"MERGE (d:{DATASET_LABEL} {{id: $id}}) ON CREATE SET d.name = 'policygraph'"
                f" RETURN d.{P_STORE_STATE}", id=DATASET_ID
            ).single()
            state = json.loads(row[0]) if row[0] else {}
            state[key] = value
            tx.run(
                f"MATCH (d:{DATASET_LABEL} {{id: $id}}) SET d.{P_STORE_STATE} = $v", id=DATASET_ID, v=_dumps(state)
            ).consume()

        with self._errors("write state"), self._session() as s:
            s.execute_write(tx_fn)

    def _write(self, chunk: list, *, delete: bool) -> None:
        # a managed transaction: retried on transient errors and cluster
        # leader changes, routed to a writer with neo4j:// URIs
        with self._errors("write"), self._session() as s:
            s.execute_write(self._write_tx, chunk, delete)

    def _write_tx(self, tx, chunk: list, delete: bool) -> None:
        """Make the stored contributions of the chunk's articles the given ones.

        Reads the articles' own stored contributions (one property of their
        Article node each) and the merge states of the nodes and relationships
        they touch; adds and retracts the contributions that changed; writes
        back only what changed, in ``UNWIND`` batches per label and type."""
        stats: Counter = Counter()
        holders = [{"aid": aid, "hid": _holder_id(aid)} for aid, *_ in chunk]
        old: dict[str, tuple[str | None, dict]] = {}
        for aid, fp, cj in tx.run(
            _seek_nodes("UNWIND $rows AS row", "row.hid",
                        f"WHERE h.{P_ARTICLE} = row.aid RETURN row.aid, h.{P_FINGERPRINT}, h.{P_CONTRIBUTION}", "h"),
            rows=holders,
        ).values():
            old[aid] = (fp, json.loads(cj) if cj else {"n": {}, "r": {}})
        old_n: dict[tuple[str, str], tuple[str, str]] = {}
        old_r: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for aid, (_fp, c) in old.items():
            for nid, v in c["n"].items():
                old_n[(aid, nid)] = tuple(v)  # type: ignore[assignment]
            for key, v in c["r"].items():
                old_r[(aid, key)] = tuple(v)  # type: ignore[assignment]
        new_n: dict[tuple[str, str], tuple[str, str]] = {}
        new_r: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for aid, _fp, nodes, rels in chunk:
            for nid, v in nodes.items():
                new_n[(aid, nid)] = v
            for key, v in rels.items():
                new_r[(aid, key)] = v
        stats["contributions_read"] += len(old_n) + len(old_r)
        gone_n, put_n = changed(old_n, new_n)
        gone_r, put_r = changed(old_r, new_r)
        props_of = JsonCache()

        # merge states of the touched nodes and relationships
        node_ids = sorted({k[1] for k in gone_n} | {k[1] for k in put_n})
        have_n: dict[str, tuple[list[str], dict[str, Any]]] = {}
        for rows in _batches(node_ids):
            for nid, labels, props in tx.run(
                _seek_nodes("UNWIND $ids AS id", "id", "RETURN id, labels(n), properties(n)"), ids=rows
            ).values():
                have_n[nid] = (labels, props)
        keys = sorted({k[1] for k in gone_r} | {k[1] for k in put_r})
        have_r: dict[str, list[tuple[str, str, str, str, dict[str, Any]]]] = {}
        if keys:
            # a key is unique per type, and its type is the one most contributions give: look under all
            # (one hinted unique index seek per type)
            for rows in _batches(keys):
                for k, eid, t, a, b, p in tx.run(
                    _seek_rels("UNWIND $keys AS k", "k", "RETURN k, elementId(r), type(r), a.id, b.id, properties(r)"),
                    keys=rows,
                ).values():
                    have_r.setdefault(k, []).append((eid, t, a, b, p))
        stats["states_read"] += len(node_ids) + len(keys)
        states = {i: MergeState.from_json(have_n[i][1].get(P_STATE) if i in have_n else None) for i in node_ids}
        for k in gone_n:
            label, pj = old_n[k]
            states[k[1]].remove(props_of(pj), {"label": label})
        for k in put_n:
            label, pj = new_n[k]
            states[k[1]].add(props_of(pj), {"label": label})
        rstates: dict[str, MergeState] = {}
        for k in keys:
            found = [h for h in have_r.get(k, []) if h[4].get(P_STATE)]
            rstates[k] = MergeState.from_json(found[0][4][P_STATE] if found else None)
        for k in gone_r:
            typ, src, tgt, pj = old_r[k]
            rstates[k[1]].remove(props_of(pj), {"type": typ, "source": src, "target": tgt})
        for k in put_r:
            typ, src, tgt, pj = new_r[k]
            rstates[k[1]].add(props_of(pj), {"type": typ, "source": src, "target": tgt})

        # each article's own contribution, on its Article node (a bare one if it has none)
        hold: list[dict] = []
        gone_holders: list[str] = []
        for aid, fp, nodes, rels in chunk:
            before = old.get(aid)
            if delete:
                if before is not None:
                    hold.append({"hid": _holder_id(aid), "props": {p: None for p in _HOLDER_PROPS}})
                    gone_holders.append(_holder_id(aid))
                continue
            c = {"n": {nid: list(v) for nid, v in sorted(nodes.items())},
                 "r": {k: list(v) for k, v in sorted(rels.items())}}
            if before is not None and before[0] == fp and before[1] == c:
                continue
            hold.append({"hid": _holder_id(aid), "props": {
                P_ARTICLE: aid, P_FINGERPRINT: fp, P_CONTRIBUTION: _dumps(c),
                P_NODES: sorted(nodes), P_RELS: sorted(rels)}})

        # nodes: create, update (props set to null when they go), relabel, retire
        create: dict[str, list[dict]] = {}
        update: dict[str, list[dict]] = {}
        relabel: dict[tuple[str, tuple[str, ...], str], list[str]] = {}  # (label now, wrong, right) -> ids
        retire: dict[str, list[dict]] = {}
        # the label each node has once this write is done: every seek below is
        # one unique index seek under that label, not one per label
        label_of: dict[str, str] = {i: _entity_label(h[0]) for i, h in have_n.items()}
        for nid in node_ids:
            st = states[nid]
            have = have_n.get(nid)
            old_props = have[1] if have else {}
            if st.n <= 0:
                if have is not None:
                    retire.setdefault(label_of[nid], []).append(
                        {"id": nid, "props": {k: None for k in old_props if k not in _HOLDER_PROPS and k != "id"}})
                continue
            label = _label(st.vote("label"))
            label_of[nid] = label
            public = st.props()
            stored = _to_neo4j(_escape(_storable(public, f"node {nid}"), NODE_OWN))
            stored[P_STATE] = st.to_json()
            stored[P_COUNT] = st.n
            if have is None:
                stored["id"] = nid
                if label in KEYED_LABELS:
                    stored[P_RKEYS_STALE] = "1"
                create.setdefault(label, []).append(stored)
                continue
            labels = have[0]
            wrong = tuple(sorted(x for x in labels if x != label and x in LABELS))
            if wrong or label not in labels:
                relabel.setdefault((_entity_label(labels), wrong, label), []).append(nid)
            if label in KEYED_LABELS and (wrong or label not in labels or P_STATE not in old_props
                                          or _public(_from_neo4j(old_props), NODE_OWN) != public):
                stored[P_RKEYS_STALE] = "1"
            for k in old_props:
                if k not in stored and k not in _HOLDER_PROPS and k not in (P_RKEYS, P_RKEYS_STALE, "id"):
                    stored[k] = None
            diff = {k: v for k, v in stored.items() if not _same(old_props.get(k), v)}
            if diff:  # only what changed: a hub's long lists are not sent again
                update.setdefault(label, []).append({"id": nid, "props": diff})
        for label, rlist in retire.items():
            for rows in _batches(rlist):
                tx.run(f"{_KEEP_PLAN}UNWIND $rows AS row MATCH (n:{_label(label)} {{id: row.id}})"
                       f" USING INDEX SEEK n:{label}(id) SET n += row.props", rows=rows).consume()
        for (now, wrong, label), nids in relabel.items():
            remove = "REMOVE " + ", ".join(f"n:{_label(w)}" for w in wrong) + " " if wrong else ""
            for rows in _batches(nids):
                tx.run(
                    f"{_KEEP_PLAN}UNWIND $ids AS id MATCH (n:{_label(now)} {{id: id}}) USING INDEX SEEK n:{now}(id)"
                    f" {remove}SET n:{_label(label)}", ids=rows
                ).consume()
        for label, ulist in update.items():
            for rows in _batches(ulist):
                tx.run(f"{_KEEP_PLAN}UNWIND $rows AS row MATCH (n:{_label(label)} {{id: row.id}})"
                       f" USING INDEX SEEK n:{label}(id) SET n += row.props", rows=rows).consume()
        # a holder created by this write gets its bookkeeping with its other props
        created = {row["id"]: row for plist in create.values() for row in plist}
        for x in hold:
            if x["hid"] in created:
                created[x["hid"]].update(x["props"])
        hold = [x for x in hold if x["hid"] not in created]
        for label, plist in create.items():
            for rows in _batches(plist):
                # not there (read above), not even as a placeholder
                tx.run(
                    f"UNWIND $rows AS props CREATE (n:{_label(label)}) SET n = props", rows=rows
                ).consume()

        # relationships: one per key, under its voted type between its voted ends
        # (a relationship is found again by its type and key: a lookup by element id
        # may be planned as a scan of every relationship)
        drop: dict[str, list[str]] = {}  # type -> keys
        rupdate: dict[str, list[dict]] = {}
        rcreate: dict[str, list[dict]] = {}
        loose: set[str] = {nid for nid in node_ids if states[nid].n <= 0} | set(gone_holders)
        for k in keys:
            st = rstates[k]
            want = None
            if st.n > 0:
                typ = _rel_type(st.vote("type"))
                props = _to_neo4j(_escape(_storable(st.props(), f"relationship {k}"), REL_OWN))
                props[P_STATE] = st.to_json()
                props[P_COUNT] = st.n
                props["key"] = k
                want = (typ, st.vote("source"), st.vote("target"), props)
            kept = False
            for eid, t, a, b, p in have_r.get(k, []):
                if want is not None and not kept and (t, a, b) == want[:3]:
                    kept = True
                    for pk in p:
                        if pk not in want[3]:
                            want[3][pk] = None
                    diff = {pk: v for pk, v in want[3].items() if not _same(p.get(pk), v)}
                    if diff:
                        rupdate.setdefault(t, []).append({"key": k, "props": diff})
                else:
                    drop.setdefault(t, []).append(k)
                    loose.update((a, b))
            if want is not None and not kept:
                rcreate.setdefault(want[0], []).append({"source": want[1], "target": want[2], "props": want[3]})
        for t, dlist in sorted(drop.items()):
            for rows in _batches(dlist):
                tx.run(f"{_KEEP_PLAN}UNWIND $keys AS k MATCH ()-[r:{_rel_type(t)} {{key: k}}]->()"
                       f" USING INDEX SEEK r:{t}(key) DELETE r", keys=rows).consume()
        for t, ulist in sorted(rupdate.items()):
            for rows in _batches(ulist):
                tx.run(f"{_KEEP_PLAN}UNWIND $rows AS row MATCH ()-[r:{_rel_type(t)} {{key: row.key}}]->()"
                       f" USING INDEX SEEK r:{t}(key) SET r += row.props", rows=rows).consume()
        present = {nid for nid in node_ids if states[nid].n > 0}  # nodes there now
        # an end no article names yet is a bare placeholder until one does
        ends = {(x[e], typ, e) for typ, rlist in rcreate.items() for x in rlist for e in ("source", "target")
                if x[e] not in present}
        if ends:
            there: set[str] = set()
            for rows in _batches(sorted({e[0] for e in ends})):
                for nid, labs in tx.run(
                        _seek_nodes("UNWIND $ids AS id", "id", "RETURN id, labels(n)"), ids=rows).values():
                    there.add(nid)
                    label_of[nid] = _entity_label(labs)
            bare: dict[str, set[str]] = {}
            for nid, typ, end in sorted(ends):
                if nid not in there:
                    there.add(nid)
                    label_of[nid] = _placeholder_label(nid, typ, end)
                    bare.setdefault(label_of[nid], set()).add(nid)
            for label, ids in bare.items():
                for rows in _batches(sorted(ids)):
                    tx.run(f"UNWIND $ids AS id CREATE (n:{_label(label)}) SET n.id = id", ids=rows).consume()
        by_ends: dict[tuple[str, str, str], list[dict]] = {}
        for typ, rlist in rcreate.items():
            for x in rlist:
                by_ends.setdefault((typ, label_of[x["source"]], label_of[x["target"]]), []).append(x)
        for (typ, la, lb), rlist in sorted(by_ends.items()):
            for rows in _batches(rlist):
                tx.run(
                    f"{_KEEP_PLAN}UNWIND $rows AS row"
                    f" MATCH (a:{_label(la)} {{id: row.source}}) USING INDEX SEEK a:{la}(id)"
                    f" MATCH (b:{_label(lb)} {{id: row.target}}) USING INDEX SEEK b:{lb}(id)"
                    f" CREATE (a)-[r:{_rel_type(typ)}]->(b) SET r = row.props",
                    rows=rows,
                ).consume()

        held: dict[str, list[dict]] = {}
        for x in hold:
            if x["hid"] in present or x["hid"] in have_n:
                held.setdefault(label_of[x["hid"]], []).append(x)
        for label, hlist in held.items():
            for rows in _batches(hlist):
                tx.run(f"{_KEEP_PLAN}UNWIND $rows AS row MATCH (h:{_label(label)} {{id: row.hid}})"
                       f" USING INDEX SEEK h:{label}(id) SET h += row.props", rows=rows).consume()
        for rows in _batches([x for x in hold if not (x["hid"] in present or x["hid"] in have_n)]):
            tx.run(
                "UNWIND $rows AS row MERGE (h:Article {id: row.hid}) SET h += row.props",
                rows=rows,
            ).consume()
        # placeholders nothing needs any more
        for rows in _batches(sorted(loose)):
            tx.run(
                _seek_nodes("UNWIND $ids AS id", "id", f"WHERE n.{P_STATE} IS NULL AND n.{P_ARTICLE} IS NULL"
                            " AND NOT EXISTS { (n)--() } DELETE n RETURN count(*) AS deleted"),
                ids=rows,
            ).consume()
        self.stats.update(stats)

    # -- reading -----------------------------------------------------------------
    # A node is served while some article supports it (it has a merge state);
    # a bare placeholder (an end of a relationship no article names, an
    # article's holder) is not. ``articles`` comes from the articles' holders,
    # found through the ``pg_support`` index (a keyword full-text index over
    # their ``pg_nodes`` / ``pg_rels`` lists: one exact term per id or key).
    # ``nodes()`` and ``relationships()`` read in pages of ``page_size`` in id
    # (key) order, each an ordered seek on the label's (type's) unique index:
    # memory stays flat in the size of the store.
    page_size = 1000

    _NODE_RETURN = (
        "RETURN n.id, labels(n), [k IN keys(n) WHERE NOT k IN $own | [k, n[k]]]"
    )

    def fingerprints(self) -> dict[str, str]:
        rows = self._read(
            "read fingerprints",
            f"MATCH (h:{ANY}) WHERE h.{P_ARTICLE} IS NOT NULL RETURN h.{P_ARTICLE}, h.{P_FINGERPRINT}",
        )
        return dict(sorted(rows))

    def _holders_of(self, what: str, ids: list[str], extra: str = "") -> list[tuple]:
        """(id, article id, *extra) of the holders whose ``what`` list (P_NODES or
        P_RELS) holds one of ``ids``: one exact full-text term query per id."""
        out: list[tuple] = []
        for chunk in _batches(ids):
            out += self._read(
                "read articles",
                "UNWIND $rows AS row CALL db.index.fulltext.queryNodes('pg_support', row.q) YIELD node AS h"
                f" WITH row, h WHERE row.id IN h.{what} RETURN row.id, h.{P_ARTICLE}{extra}",
                rows=[{"id": x, "q": f"{what}:{lucene_term(x)}"} for x in chunk],
            )
        return out

    def _support(self, what: str, ids: list[str]) -> dict[str, list[str]]:
        """id (``what``: P_NODES) or key (P_RELS) -> sorted ids of the articles
        that contribute it."""
        out: dict[str, list[str]] = {}
        for x, aid in self._holders_of(what, ids):
            out.setdefault(x, []).append(aid)
        for v in out.values():
            v.sort()
        return out

    def _nodes(self, match: str, **params: Any) -> list[NodeRecord]:
        rows = self._read("read nodes", f"{match} {self._NODE_RETURN}", own=sorted(NODE_OWN), **params)
        support = self._support(P_NODES, sorted({r[0] for r in rows}))
        out = [_node_record(i, labels, dict(kv), support.get(i, [])) for i, labels, kv in rows]
        out.sort(key=lambda n: n.id)
        return out

    def _pages(self, read, query: str, key) -> Iterator:
        """Every record of ``query`` (ordered by ``key``, with ``$after`` and
        ``$limit``) a page at a time: keyset paging, memory flat in the store."""
        after = ""
        while True:
            page = read(query, after=after, limit=self.page_size)
            yield from page
            if len(page) < self.page_size:
                return
            after = key(page[-1])

    def _node_pages(self, label: str) -> Iterator[NodeRecord]:
        return self._pages(
            self._nodes,
            f"MATCH (n:{_label(label)}) WHERE n.id > $after AND n.{P_STATE} IS NOT NULL WITH n ORDER BY n.id LIMIT $limit",
            lambda n: n.id,
        )

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        if label is not None:
            return self._node_pages(label) if label in LABELS else iter(())
        return heapq.merge(*(self._node_pages(x) for x in sorted(LABELS)), key=lambda n: n.id)

    def node(self, node_id: str) -> NodeRecord | None:
        found = self._nodes(f"MATCH (n:{ANY} {{id: $id}}) WHERE n.{P_STATE} IS NOT NULL", id=node_id)
        return found[0] if found else None

    def nodes_by_id(self, node_ids: Iterable[str]) -> dict[str, NodeRecord]:
        ids = list(dict.fromkeys(node_ids))
        out: dict[str, NodeRecord] = {}
        for chunk in _batches(ids):
            for n in self._nodes(f"UNWIND $ids AS id MATCH (n:{ANY} {{id: id}}) WHERE n.{P_STATE} IS NOT NULL", ids=chunk):
                out[n.id] = n
        return {i: out[i] for i in ids if i in out}

    def nodes_by_keys(self, keys, keyfunc, labels, version: str = "") -> dict[str, NodeRecord]:
        """The resolver's keys of each node of KEYED_LABELS are kept on it
        (``pg_rkeys``, exact terms of the ``pg_rkeys`` index). Before a lookup,
        the nodes whose props changed since they were keyed (``pg_rkeys_stale``,
        found through the same index) are keyed again; all of them when the key
        function's ``version`` changed. Other labels: the default scan."""
        want = sorted(set(keys))
        labels = list(dict.fromkeys(labels))
        if not want or not labels:
            return {}
        keyed = [x for x in labels if x in KEYED_LABELS]
        out = super().nodes_by_keys(want, keyfunc, [x for x in labels if x not in KEYED_LABELS], version)
        if not keyed:
            return out
        if self.get_state(_RKEYS_VERSION) != version:
            for label in KEYED_LABELS:
                with self._errors("index resolver keys"), self._session() as s:
                    s.execute_write(lambda tx, lab=label: tx.run(
                        f"MATCH (n:{_label(lab)}) WHERE n.{P_STATE} IS NOT NULL SET n.{P_RKEYS_STALE} = '1'"
                    ).consume())
            self.set_state(_RKEYS_VERSION, version)
        while True:
            rows = self._read(
                "read stale resolver keys",
                f"CALL db.index.fulltext.queryNodes('pg_rkeys', $q, {{limit: $limit}}) YIELD node AS n"
                f" WHERE n.{P_RKEYS_STALE} = '1' RETURN n.id, labels(n), properties(n)",
                q=f"{P_RKEYS_STALE}:{lucene_term('1')}", limit=self.page_size,
            )
            if not rows:
                break
            todo = []
            for nid, labs, props in rows:
                label = _entity_label(labs)
                ks = sorted({k for k in keyfunc(NodeRecord(nid, label, _public(_from_neo4j(props), NODE_OWN)))
                             if isinstance(k, str) and k}) if props.get(P_STATE) else []
                todo.append({"id": nid, "keys": ks})
            with self._errors("index resolver keys"), self._session() as s:
                s.execute_write(lambda tx, rows=todo: tx.run(
                    f"UNWIND $rows AS row MATCH (n:{ANY} {{id: row.id}})"
                    f" SET n.{P_RKEYS} = row.keys REMOVE n.{P_RKEYS_STALE}", rows=rows).consume())
        ids: set[str] = set()
        for chunk in _batches(want):
            ids.update(r[0] for r in self._read(
                "read resolver keys",
                "UNWIND $rows AS row CALL db.index.fulltext.queryNodes('pg_rkeys', row.q) YIELD node AS n"
                f" WITH row, n WHERE row.k IN n.{P_RKEYS} RETURN DISTINCT n.id",
                rows=[{"k": k, "q": f"{P_RKEYS}:{lucene_term(k)}"} for k in chunk],
            ))
        keep = set(keyed)
        out.update({i: n for i, n in self.nodes_by_id(sorted(ids)).items() if n.label in keep})
        return out

    def _rels(self, query: str, **params: Any) -> list[RelRecord]:
        rows = self._read("read relationships", query, own=sorted(REL_OWN), **params)
        support = self._support(P_RELS, sorted({r[0] for r in rows}))
        out = [RelRecord(k, t, s, o, _public_props(dict(kv), REL_OWN, support.get(k, []))) for k, t, s, o, kv in rows]
        out.sort(key=lambda r: r.key)
        return out

    _REL_RETURN = "RETURN DISTINCT r.key, type(r), a.id, b.id, [k IN keys(r) WHERE NOT k IN $own | [k, r[k]]]"
    _BOTH_ENDS = f"a.{P_STATE} IS NOT NULL AND b.{P_STATE} IS NOT NULL"

    def _rel_pages(self, rel_type: str) -> Iterator[RelRecord]:
        return self._pages(
            self._rels,
            f"MATCH (a)-[r:{_rel_type(rel_type)}]->(b) WHERE r.key > $after AND r.{P_STATE} IS NOT NULL"
            f" AND {self._BOTH_ENDS} WITH a, r, b ORDER BY r.key LIMIT $limit {self._REL_RETURN}",
            lambda r: r.key,
        )

    def relationships(self, rel_type: str | None = None) -> Iterator[RelRecord]:
        if rel_type is not None:
            return self._rel_pages(rel_type) if rel_type in REL_TYPES else iter(())
        return heapq.merge(*(self._rel_pages(t) for t in sorted(REL_TYPES)), key=lambda r: r.key)

    def relationships_of(self, node_ids: Iterable[str], rel_type: str | None = None) -> list[RelRecord]:
        if rel_type is not None and rel_type not in REL_TYPES:
            return []
        ids = list(dict.fromkeys(node_ids))
        pattern = f"[r:{_rel_type(rel_type)}]" if rel_type else "[r]"
        found: dict[str, RelRecord] = {}
        for chunk in _batches(ids):
            for r in self._rels(
                f"UNWIND $ids AS id MATCH (n:{ANY} {{id: id}})-{pattern}-()"
                f" WITH DISTINCT r MATCH (a)-[r]->(b) WHERE r.{P_STATE} IS NOT NULL AND {self._BOTH_ENDS}"
                f" {self._REL_RETURN}",
                ids=chunk,
            ):
                found[r.key] = r
        return [found[k] for k in sorted(found)]

    def _contribution(self, aids: list[str] | None, node_id: str | None = None) -> list[tuple[str, str, dict]]:
        """(article id, fingerprint, contribution) of these articles, or of those contributing ``node_id``."""
        if node_id is not None:
            rows = [r[1:] for r in self._holders_of(
                P_NODES, [node_id], f", h.{P_FINGERPRINT}, h.{P_CONTRIBUTION}")]
        else:
            rows = self._read(
                "read article",
                f"UNWIND $rows AS row MATCH (h:{ANY} {{id: row.hid}}) WHERE h.{P_ARTICLE} = row.aid"
                f" RETURN h.{P_ARTICLE}, h.{P_FINGERPRINT}, h.{P_CONTRIBUTION}",
                rows=[{"aid": a, "hid": _holder_id(a)} for a in aids or []],
            )
        return sorted((a, fp, json.loads(c)) for a, fp, c in rows)

    def contributions(self, node_id: str) -> dict[str, dict[str, Any]]:
        return {a: json.loads(c["n"][node_id][1]) for a, _fp, c in self._contribution(None, node_id)
                if node_id in c["n"]}

    def article_graph(self, article_id: str) -> ArticleGraph | None:
        found = self._contribution([article_id])
        if not found:
            return None
        _a, fp, c = found[0]
        return ArticleGraph(
            article_id,
            fp,
            [NodeRecord(i, lab, json.loads(pj)) for i, (lab, pj) in sorted(c["n"].items())],
            [RelRecord(k, t, a, b, json.loads(pj)) for k, (t, a, b, pj) in sorted(c["r"].items())],
        )

    def counts(self) -> dict[str, Counter]:
        nodes: Counter = Counter()
        for labels, n in self._read(
            "count nodes", f"MATCH (n:{ANY}) WHERE n.{P_STATE} IS NOT NULL RETURN labels(n), count(*)"
        ):
            nodes[_entity_label(labels)] += n
        rels = Counter(
            dict(
                self._read(
                    "count relationships",
                    f"MATCH (a)-[r]->(b) WHERE r.{P_STATE} IS NOT NULL AND {self._BOTH_ENDS}"
                    " RETURN type(r), count(*)",
                )
            )
        )
        return {"nodes": nodes, "relationships": rels}

    def search(self, text: str, *, articles: bool = False, limit: int = 10) -> list[dict[str, Any]]:
        """Full-text search (CJK bigrams: '윤규' finds '박윤규') over entity names,
        English names and aliases, or with ``articles`` over article titles;
        best first. The text is taken literally (Lucene's syntax is escaped)."""
        index = "article_titles" if articles else "entity_names"
        terms = lucene_escape(text)
        if not terms.strip():
            return []
        return self.run(
            "CALL db.index.fulltext.queryNodes($index, $terms, {limit: $limit}) YIELD node, score"
            " RETURN node.id AS id, labels(node)[0] AS label,"
            " coalesce(node.name, node.title) AS name, node.name_en AS name_en, score"
            " ORDER BY score DESC, id",
            index=index, terms=terms, limit=max(1, int(limit)),
        )

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one parameterised Cypher query (e.g. from cypher/); its records as
        dicts, Neo4j's temporal values as ISO strings."""
        return self.run_with_summary(query, **params)[0]

    def run_with_summary(self, query: str, **params: Any) -> tuple[list[dict[str, Any]], Any]:
        """Like ``run``, with the driver's result summary (plan, profile, notifications)."""
        with self._errors("run query"), self._session() as s:
            result = s.run(query, params)
            rows = [{k: _plain(v) for k, v in r.items()} for r in result]
            return rows, result.consume()

    # -- lifecycle ---------------------------------------------------------------
    def close(self) -> None:
        if self._driver is not None:
            driver, self._driver = self._driver, None
            try:
                driver.close()
            except Exception:  # pragma: no cover
                pass

    def __repr__(self) -> str:
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"


# ----------------------------------------------------------------------------
# helpers

# Dates are stored as Neo4j ``date`` values with ``<prop>_precision`` saying
# day, month or year ('2023-09' is date('2023-09-01') with precision month);
# timestamps as ``datetime`` values with their offset. Read back as the ISO
# strings they were written as.
DATE_PROPS = frozenset({"start_date", "end_date", "date", "first_seen", "last_seen", "as_of"})
DATETIME_PROPS = frozenset({"published", "released", "embargo"})
PRECISION = "_precision"
_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_escape(text: str) -> str:
    """Text as a literal Lucene query: special characters escaped, the
    operators AND / OR / NOT lowercased (the analyzers lowercase anyway)."""
    out = _LUCENE_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\b(AND|OR|NOT)\b", lambda m: m.group(1).lower(), out)


def lucene_term(text: str) -> str:
    """Text as one exact term of a keyword-analyzer full-text index: quoted,
    with ``\\`` and ``"`` escaped (everything else is literal in quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def lookup_keys(props: dict[str, Any]) -> list[str]:
    """The strings a node is looked up by: id, name, English name, aliases."""
    keys = [props.get("id"), props.get("name"), props.get("name_en")]
    aliases = props.get("aliases")
    if isinstance(aliases, list):
        keys += aliases
    elif isinstance(aliases, str):
        keys.append(aliases)
    return sorted({k for k in keys if isinstance(k, str) and k})


def _enc_date(v: Any) -> tuple[_dt.date, str] | None:
    if not isinstance(v, str):
        return None
    m = _ISO_PARTIAL.match(v)
    if not m:
        return None
    try:
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        value = _dt.date(y, mo, d)
    except ValueError:
        return None
    return value, "day" if m.group(3) else "month" if m.group(2) else "year"


def _enc_datetime(v: Any) -> _dt.datetime | None:
    if not isinstance(v, str) or "T" not in v:
        return None
    try:
        value = _dt.datetime.fromisoformat(v)
    except ValueError:
        return None
    return value if value.isoformat() == v else None  # only what reads back exactly


def _to_neo4j(props: dict[str, Any]) -> dict[str, Any]:
    """Props as stored: dates as ``date`` (+ precision), timestamps as ``datetime``."""
    out = dict(props)
    for k, v in props.items():
        if k in DATE_PROPS:
            vals = v if isinstance(v, list) else [v]
            enc = [_enc_date(x) for x in vals]
            if vals and all(enc):
                if isinstance(v, list):
                    out[k], out[k + PRECISION] = [e[0] for e in enc], [e[1] for e in enc]
                else:
                    out[k], out[k + PRECISION] = enc[0]
        elif k in DATETIME_PROPS:
            vals = v if isinstance(v, list) else [v]
            enc = [_enc_datetime(x) for x in vals]
            if vals and all(e is not None for e in enc):
                out[k] = enc if isinstance(v, list) else enc[0]
    return out


def _fmt_date(value: Any, precision: Any) -> Any:
    iso = value.iso_format() if hasattr(value, "iso_format") else str(value)
    return iso[:4] if precision == "year" else iso[:7] if precision == "month" else iso


def _from_neo4j(props: dict[str, Any]) -> dict[str, Any]:
    """Props as written: the inverse of ``_to_neo4j``."""
    from neo4j.time import Date, DateTime

    out = dict(props)
    for k, v in props.items():
        if k in DATE_PROPS and (isinstance(v, Date) or (isinstance(v, list) and v and isinstance(v[0], Date))):
            prec = out.pop(k + PRECISION, "day")
            if isinstance(v, list):
                precs = prec if isinstance(prec, list) else [prec] * len(v)
                out[k] = [_fmt_date(x, p) for x, p in zip(v, precs)]
            else:
                out[k] = _fmt_date(v, prec)
        elif k in DATETIME_PROPS and (isinstance(v, DateTime) or (isinstance(v, list) and v and isinstance(v[0], DateTime))):
            out[k] = [x.to_native().isoformat() for x in v] if isinstance(v, list) else v.to_native().isoformat()
    return out


def _plain(value: Any) -> Any:
    """A query result value with Neo4j's temporal types as ISO strings."""
    from neo4j.time import Date, DateTime, Duration, Time

    if isinstance(value, DateTime):
        return value.to_native().isoformat() if value.tzinfo is not None else value.iso_format()
    if isinstance(value, (Date, Time, Duration)):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(x) for x in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _entity_label(labels: list[str]) -> str:
    for x in labels:
        if x in LABELS:
            return x
    return labels[0] if labels else ""


def _placeholder_label(node_id: str, rel_type: str | None, end: str) -> str:
    """The label of a bare placeholder node: the one its id's prefix names
    (``org:…`` Organization), else the one the relationship type expects."""
    prefix = node_id.split(":", 1)[0].lower() if ":" in node_id else ""
    if prefix in _ID_PREFIX_LABELS:
        return _ID_PREFIX_LABELS[prefix]
    ends = _END_LABELS.get(rel_type or "", ("Topic", "Topic"))
    return ends[0] if end == "source" else ends[1]


def _holder_id(article_id: str) -> str:
    """The node that holds an article's own contribution: its Article node."""
    return f"article:{article_id}"


def _escape(props: dict[str, Any], own: frozenset[str]) -> dict[str, Any]:
    """Make room for the store's own properties ``own``: a prop named like
    one (``id``) is stored as ``_id``, one named ``_id`` as ``__id`` ..."""
    return {("_" + k if k.lstrip("_") in own else k): v for k, v in props.items()}


def _public(props: dict[str, Any], own: frozenset[str]) -> dict[str, Any]:
    """The props as written: the store's own dropped, the others unescaped."""
    out = {}
    for k, v in props.items():
        if k in own:
            continue
        out[k[1:] if k.lstrip("_") in own else k] = v
    return dict(sorted(out.items()))


def _public_props(props: dict[str, Any], own: frozenset[str], articles: list[str]) -> dict[str, Any]:
    out = _public(_from_neo4j(props), own)
    out["articles"] = articles
    return dict(sorted(out.items()))


def _node_record(node_id: str, labels: list[str], props: dict[str, Any], articles: list[str]) -> NodeRecord:
    return NodeRecord(node_id, _entity_label(labels), _public_props(props, NODE_OWN, articles))


#: the longest id, key, name, English name or alias (UTF-8 bytes) the store
#: writes: these are terms of keyword full-text indexes, and a term over
#: Lucene's 32,766 bytes fails only after the transaction is logged, which
#: stops the whole database until it is restarted
MAX_KEY_BYTES = 8000


def _key_fits(value: str, where: str, what: str) -> None:
    if len(value) * 4 > MAX_KEY_BYTES and len(value.encode("utf-8", "surrogatepass")) > MAX_KEY_BYTES:
        raise StoreError(f"{where}: {what} is longer than {MAX_KEY_BYTES} bytes, more than Neo4j's indexes take")


def _prepare(g: ArticleGraph) -> tuple[str, str, dict[str, tuple[str, str]], dict[str, tuple[str, str, str, str]]]:
    """(article id, fingerprint, node id -> (label, props_json), key -> (type, source, target, props_json))."""
    aid = g.article_id
    nodes: dict[str, tuple[str, dict[str, Any]]] = {}
    _key_fits(aid, f"article {aid[:80]}", "its id")
    for n in g.nodes:
        where = f"article {aid}: node {n.id[:80]}"
        if n.label not in LABELS:
            raise StoreError(f"{where}: unknown label {n.label!r} (known: {', '.join(sorted(LABELS))})")
        _key_fits(n.id, where, "its id")
        for k in ("name", "name_en", "aliases"):
            for v in (n.props.get(k) if isinstance(n.props.get(k), list) else [n.props.get(k)]):
                if isinstance(v, str):
                    _key_fits(v, where, f"its {k}")
        props = clean_props(n.props, where)
        if n.id in nodes:  # listed twice by one article: counts once, props merged
            label, old = nodes[n.id]
            nodes[n.id] = (label, merge_props([old, props]))
        else:
            nodes[n.id] = (n.label, props)
    rels: dict[str, tuple[RelRecord, dict[str, Any]]] = {}
    for r in g.rels:
        where = f"article {aid}: relationship {r.key[:160]}"
        _key_fits(r.key, where, "its key")
        if r.type not in REL_TYPES:
            raise StoreError(f"{where}: unknown type {r.type!r} (known: {', '.join(sorted(REL_TYPES))})")
        props = clean_props(r.props, where)
        if r.key in rels:
            first, old = rels[r.key]
            rels[r.key] = (first, merge_props([old, props]))
        else:
            rels[r.key] = (r, props)
    return (
        aid,
        g.fingerprint,
        {nid: (label, _dumps(p)) for nid, (label, p) in nodes.items()},
        {k: (r.type, r.source, r.target, _dumps(p)) for k, (r, p) in rels.items()},
    )


def _same(stored: Any, value: Any) -> bool:
    """Whether a stored property value is ``value``, types included (1, 1.0
    and True are equal in Python, not in the store)."""
    if type(stored) is not type(value):
        return False
    if isinstance(value, list):
        return len(stored) == len(value) and all(_same(a, b) for a, b in zip(stored, value))
    return stored == value


def _storable(props: dict[str, Any], what: str) -> dict[str, Any]:
    """Neo4j stores lists of one type only: ints with floats become floats; other mixes are errors."""
    out = {}
    for k, v in props.items():
        if isinstance(v, list) and v:
            kinds = {"boolean" if isinstance(x, bool) else "number" if isinstance(x, (int, float)) else "string"
                     for x in v}
            if len(kinds) > 1:
                raise StoreError(
                    f"{what}: property {k!r} mixes {' and '.join(sorted(kinds))} values in one list, "
                    "which Neo4j cannot store"
                )
            if kinds == {"number"} and any(isinstance(x, float) for x in v) and any(isinstance(x, int) for x in v):
                v = [float(x) for x in v]
        out[k] = v
    return out
