"""The Neo4j graph store (Neo4j 5.x, Community is enough).

Layout (the schema is ``cypher/schema.cypher``, applied on open):

* the merged graph, as real properties a Browser user can query:
  ``(:Node:<Label> {id, name, aliases, ..., articles})`` with ``<Label>`` one of
  models.ENTITY_TYPES or ``Article``, and
  ``(a:Node)-[:<TYPE> {key, ..., articles}]->(b:Node)`` with ``<TYPE>`` one of
  models.RELATION_TYPES; ``articles`` is the sorted ids of the supporting
  articles, ``key`` the RelRecord key (unique per type);
* what each article said, as it said it (props as JSON, so they survive
  exactly): ``(:Contribution {article, node_id, label, props_json})``,
  ``(:RelContribution {article, key, type, source, target, props_json})`` and
  ``(:ArticleFingerprint {article, fingerprint})``.

Every write recomputes, with ``merge_props``, the merged nodes and
relationships whose contributions changed (and only those), the way the
SQLite store does: the most frequent label (type, endpoints) wins, ties to the
smallest. Unchanged articles written again cause no writes at all.

Neo4j-specific limits: a relationship whose source or target node no article
supports is kept as a contribution but not materialised (Neo4j has no dangling
relationships) until that node exists; a merged list must hold values of one
type (ints and floats together are stored as floats). The property ``id`` of a
node and ``key`` of a relationship are the store's own (a prop of that name is
stored as ``_id`` / ``_key``, one named ``_id`` as ``__id`` ..., and read back
under its own name), as is ``articles``.

All writes are ``UNWIND $rows`` batches with parameters; labels and
relationship types, which Cypher cannot take as parameters, are checked
against the closed vocabularies before they are put in a query. Each
``replace_articles`` call is one transaction per chunk of about
``chunk_records`` records (one transaction for ordinary calls).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from collections import Counter
from contextlib import contextmanager
from importlib import resources
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreConnectionError, StoreError
from ..models import ENTITY_TYPES, RELATION_TYPES, ArticleGraph, NodeRecord, RelRecord
from .base import GraphStore, clean_props, latest_by_article, merge_props, merged_from_json, vote

LABELS = frozenset(ENTITY_TYPES) | {"Article"}
LOOKUP_LABEL = "Lookup"  # (:Lookup {key, node}): one per id, name, English name and alias of a node
REL_TYPES = frozenset(RELATION_TYPES)
STATE_LABEL = "PolicygraphState"  # (:PolicygraphState {key, value}): the pipeline's store state
NODE_LABEL = "Node"  # every merged node carries it (uniqueness of id across labels)
_BATCH = 1000  # rows per UNWIND statement
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
        chunk_records: int = 20000,
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
            if "lookup_key" not in have:  # a store written before lookups existed
                s.run(
                    f"MATCH (n:{NODE_LABEL}) WHERE NOT EXISTS {{ MATCH (k:{LOOKUP_LABEL} {{node: n.id}}) }}"
                    f" UNWIND [x IN [n.id, n.name, n.name_en] + coalesce(n.aliases, []) WHERE x IS :: STRING] AS key"
                    f" WITH DISTINCT n.id AS node, key CREATE (:{LOOKUP_LABEL} {{key: key, node: node}})"
                ).consume()

    def _migrate_temporal(self, s) -> None:
        """Rewrite the date and timestamp props of a store written by an older
        version (ISO strings) as Neo4j temporal values, nodes and relationships."""
        names = sorted(DATE_PROPS | DATETIME_PROPS)
        rows = s.run(
            f"MATCH (n:{NODE_LABEL}) WHERE any(k IN keys(n) WHERE k IN $names) RETURN elementId(n), properties(n)",
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
            match = f"MATCH (n:{NODE_LABEL}) WHERE elementId(n) = row.eid" if what == "n" else \
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
            for label in (NODE_LABEL, LOOKUP_LABEL, "Contribution", "RelContribution", "ArticleFingerprint", STATE_LABEL):
                while True:
                    n = s.run(
                        f"MATCH (n:{label}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n"
                    ).single()["n"]
                    if n == 0:
                        break

    def get_state(self, key: str) -> str | None:
        rows = self._read("read state", f"MATCH (s:{STATE_LABEL} {{key: $key}}) RETURN s.value", key=key)
        return rows[0][0] if rows else None

    def set_state(self, key: str, value: str) -> None:
        with self._errors("write state"), self._session() as s:
            s.execute_write(
                lambda tx: tx.run(
                    f"MERGE (s:{STATE_LABEL} {{key: $key}}) SET s.value = $value", key=key, value=value
                ).consume()
            )

    def _write(self, chunk: list, *, delete: bool) -> None:
        with self._errors("write"), self._session() as s:
            s.execute_write(self._write_tx, chunk, delete)

    def _write_tx(self, tx, chunk: list, delete: bool) -> None:
        ids = [aid for aid, *_ in chunk]
        # what is stored now for these articles
        old_fp = dict(
            tx.run(
                "UNWIND $ids AS a MATCH (f:ArticleFingerprint {article: a}) RETURN f.article, f.fingerprint", ids=ids
            ).values()
        )
        old_n: dict[tuple[str, str], tuple[str, str]] = {}
        for aid, nid, label, pj in tx.run(
            "UNWIND $ids AS a MATCH (c:Contribution {article: a}) RETURN c.article, c.node_id, c.label, c.props_json",
            ids=ids,
        ).values():
            old_n[(aid, nid)] = (label, pj)
        old_r: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for aid, key, typ, src, tgt, pj in tx.run(
            "UNWIND $ids AS a MATCH (c:RelContribution {article: a})"
            " RETURN c.article, c.key, c.type, c.source, c.target, c.props_json",
            ids=ids,
        ).values():
            old_r[(aid, key)] = (typ, src, tgt, pj)

        new_n: dict[tuple[str, str], tuple[str, str]] = {}
        new_r: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for aid, _fp, nodes, rels in chunk:
            for nid, v in nodes.items():
                new_n[(aid, nid)] = v
            for key, v in rels.items():
                new_r[(aid, key)] = v

        # contributions: delete the gone ones, upsert the new and changed ones
        gone_n = [{"article": a, "node_id": i} for (a, i) in old_n if (a, i) not in new_n]
        put_n = [
            {"article": a, "node_id": i, "label": v[0], "props_json": v[1]}
            for (a, i), v in new_n.items()
            if old_n.get((a, i)) != v
        ]
        gone_r = [{"article": a, "key": k} for (a, k) in old_r if (a, k) not in new_r]
        put_r = [
            {"article": a, "key": k, "type": v[0], "source": v[1], "target": v[2], "props_json": v[3]}
            for (a, k), v in new_r.items()
            if old_r.get((a, k)) != v
        ]
        for rows in _batches(gone_n):
            tx.run(
                "UNWIND $rows AS row MATCH (c:Contribution {article: row.article, node_id: row.node_id}) DELETE c",
                rows=rows,
            ).consume()
        for rows in _batches([x for x in put_n if (x["article"], x["node_id"]) in old_n]):
            tx.run(
                "UNWIND $rows AS row MATCH (c:Contribution {article: row.article, node_id: row.node_id})"
                " SET c.label = row.label, c.props_json = row.props_json",
                rows=rows,
            ).consume()
        for rows in _batches([x for x in put_n if (x["article"], x["node_id"]) not in old_n]):
            tx.run("UNWIND $rows AS row CREATE (c:Contribution) SET c = row", rows=rows).consume()
        for rows in _batches(gone_r):
            tx.run(
                "UNWIND $rows AS row MATCH (c:RelContribution {article: row.article, key: row.key}) DELETE c",
                rows=rows,
            ).consume()
        for rows in _batches([x for x in put_r if (x["article"], x["key"]) in old_r]):
            tx.run(
                "UNWIND $rows AS row MATCH (c:RelContribution {article: row.article, key: row.key})"
                " SET c.type = row.type, c.source = row.source, c.target = row.target,"
                " c.props_json = row.props_json",
                rows=rows,
            ).consume()
        for rows in _batches([x for x in put_r if (x["article"], x["key"]) not in old_r]):
            tx.run("UNWIND $rows AS row CREATE (c:RelContribution) SET c = row", rows=rows).consume()

        # fingerprints
        if delete:
            gone = [a for a in ids if a in old_fp]
            if gone:
                tx.run("UNWIND $ids AS a MATCH (f:ArticleFingerprint {article: a}) DELETE f", ids=gone).consume()
        else:
            fps = [{"article": aid, "fingerprint": fp} for aid, fp, _n, _r in chunk if old_fp.get(aid) != fp]
            for rows in _batches([x for x in fps if x["article"] in old_fp]):
                tx.run(
                    "UNWIND $rows AS row MATCH (f:ArticleFingerprint {article: row.article})"
                    " SET f.fingerprint = row.fingerprint",
                    rows=rows,
                ).consume()
            for rows in _batches([x for x in fps if x["article"] not in old_fp]):
                tx.run("UNWIND $rows AS row CREATE (f:ArticleFingerprint) SET f = row", rows=rows).consume()

        node_ids = {r["node_id"] for r in gone_n} | {r["node_id"] for r in put_n}
        rel_keys: dict[str, set[str]] = {}  # key -> relationship types it may be stored under
        for r in gone_r:
            rel_keys.setdefault(r["key"], set()).add(old_r[(r["article"], r["key"])][0])
        for r in put_r:
            k = r["key"]
            rel_keys.setdefault(k, set()).add(r["type"])
            old = old_r.get((r["article"], k))
            if old is not None:
                rel_keys[k].add(old[0])
        created = self._remerge_nodes(tx, sorted(node_ids))
        if created:
            # relationships waiting for one of these nodes to exist
            for rows in _batches(sorted(created)):
                for key, typ in tx.run(
                    "UNWIND $ids AS id MATCH (c:RelContribution {source: id}) RETURN c.key, c.type"
                    " UNION UNWIND $ids AS id MATCH (c:RelContribution {target: id}) RETURN c.key, c.type",
                    ids=rows,
                ).values():
                    rel_keys.setdefault(key, set()).add(typ)
        self._remerge_rels(tx, rel_keys)

    def _remerge_nodes(self, tx, node_ids: list[str]) -> set[str]:
        """Recompute the merged nodes of ``node_ids``; return the ids of nodes created."""
        if not node_ids:
            return set()
        contribs: dict[str, list[tuple[str, str, str]]] = {}
        existing: dict[str, tuple[list[str], dict[str, Any]]] = {}
        for rows in _batches(node_ids):
            for nid, aid, label, pj in tx.run(
                "UNWIND $ids AS id MATCH (c:Contribution {node_id: id}) RETURN c.node_id, c.article, c.label, c.props_json",
                ids=rows,
            ).values():
                contribs.setdefault(nid, []).append((aid, label, pj))
            for nid, labels, props in tx.run(
                f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) RETURN n.id, labels(n), properties(n)", ids=rows
            ).values():
                existing[nid] = (labels, props)

        delete: list[str] = []
        create: dict[str, list[dict]] = {}
        relabel: dict[tuple[tuple[str, ...], str], list[str]] = {}
        update: list[dict] = []
        parsed: dict[str, dict[str, Any]] = {}
        for nid in node_ids:
            cs = contribs.get(nid)
            have = existing.get(nid)
            if not cs:
                if have is not None:
                    delete.append(nid)
                continue
            cs.sort()
            label = vote([c[1] for c in cs])
            props = merged_from_json([c[2] for c in cs], [c[0] for c in cs], parsed)
            props = _escape(_storable(props, f"node {nid}"), "id")
            props["id"] = nid
            if have is None:
                create.setdefault(label, []).append(props)
                continue
            labels, old_props = have
            wrong = tuple(sorted(x for x in labels if x != NODE_LABEL and x != label and x in LABELS))
            if wrong or label not in labels:
                relabel.setdefault((wrong, label), []).append(nid)
            if _dumps(_from_neo4j(old_props)) != _dumps(props):
                update.append({"id": nid, "props": props})

        # lookup keys (id, name, English name, aliases) of the nodes that change
        rekey = delete + [u["id"] for u in update] + [p["id"] for plist in create.values() for p in plist]
        for rows in _batches(rekey):
            tx.run(f"UNWIND $ids AS id MATCH (k:{LOOKUP_LABEL} {{node: id}}) DELETE k", ids=rows).consume()
        keys = [{"key": k, "node": p["id"]} for p in [u["props"] for u in update] + [p for plist in create.values() for p in plist]
                for k in lookup_keys(p)]
        for rows in _batches(keys):
            tx.run(f"UNWIND $rows AS row CREATE (k:{LOOKUP_LABEL}) SET k = row", rows=rows).consume()
        for rows in _batches(delete):
            tx.run(f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) DETACH DELETE n", ids=rows).consume()
        for (wrong, label), nids in relabel.items():
            remove = "REMOVE " + ", ".join(f"n:{_label(w)}" for w in wrong) + " " if wrong else ""
            for rows in _batches(nids):
                tx.run(
                    f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) {remove}SET n:{_label(label)}", ids=rows
                ).consume()
        for rows in _batches(update):
            rows = [{"id": u["id"], "props": _to_neo4j(u["props"])} for u in rows]
            tx.run(f"UNWIND $rows AS row MATCH (n:{NODE_LABEL} {{id: row.id}}) SET n = row.props", rows=rows).consume()
        created: set[str] = set()
        for label, plist in create.items():
            for rows in _batches(plist):
                rows = [_to_neo4j(p) for p in rows]
                tx.run(f"UNWIND $rows AS props CREATE (n:{NODE_LABEL}:{_label(label)}) SET n = props", rows=rows).consume()
            created.update(p["id"] for p in plist)
        return created

    def _remerge_rels(self, tx, rel_keys: dict[str, set[str]]) -> None:
        """Recompute the merged relationships of ``rel_keys`` (key -> types it may be stored under)."""
        if not rel_keys:
            return
        keys = sorted(rel_keys)
        contribs: dict[str, list[tuple[str, str, str, str, str]]] = {}
        for rows in _batches(keys):
            for key, aid, typ, src, tgt, pj in tx.run(
                "UNWIND $keys AS k MATCH (c:RelContribution {key: k})"
                " RETURN c.key, c.article, c.type, c.source, c.target, c.props_json",
                keys=rows,
            ).values():
                contribs.setdefault(key, []).append((aid, typ, src, tgt, pj))
        # where each key is stored now (a key is unique per type; look under every type it may have)
        by_type: dict[str, list[str]] = {}
        for key in keys:
            types = set(rel_keys[key]) | {c[1] for c in contribs.get(key, [])}
            for t in types:
                if t in REL_TYPES:
                    by_type.setdefault(t, []).append(key)
        existing: dict[str, list[tuple[str, str, str, str, dict]]] = {}
        for typ, tkeys in by_type.items():
            for rows in _batches(tkeys):
                for key, eid, src, tgt, props in tx.run(
                    f"UNWIND $keys AS k MATCH (a)-[r:{_rel_type(typ)} {{key: k}}]->(b)"
                    " RETURN k, elementId(r), a.id, b.id, properties(r)",
                    keys=rows,
                ).values():
                    existing.setdefault(key, []).append((eid, typ, src, tgt, props))

        wanted: dict[str, tuple[str, str, str, dict]] = {}
        parsed: dict[str, dict[str, Any]] = {}
        endpoints: set[str] = set()
        for key in keys:
            cs = contribs.get(key)
            if not cs:
                continue
            cs.sort()
            typ = _rel_type(vote([c[1] for c in cs]))
            src = vote([c[2] for c in cs])
            tgt = vote([c[3] for c in cs])
            props = merged_from_json([c[4] for c in cs], [c[0] for c in cs], parsed)
            props = _escape(_storable(props, f"relationship {key}"), "key")
            props["key"] = key
            wanted[key] = (typ, src, tgt, props)
            endpoints.update((src, tgt))
        present: set[str] = set()
        ep = sorted(endpoints)
        for rows in _batches(ep):
            present.update(
                v[0] for v in tx.run(f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) RETURN n.id", ids=rows).values()
            )

        delete: list[str] = []
        update: list[dict] = []
        create: dict[str, list[dict]] = {}
        for key in keys:
            want = wanted.get(key)
            if want is not None and not (want[1] in present and want[2] in present):
                want = None  # an endpoint is missing: not materialised for now
            kept = False
            for eid, typ, src, tgt, props in existing.get(key, []):
                if want is not None and not kept and (typ, src, tgt) == want[:3]:
                    kept = True
                    if _dumps(_from_neo4j(props)) != _dumps(want[3]):
                        update.append({"eid": eid, "props": _to_neo4j(want[3])})
                else:
                    delete.append(eid)
            if want is not None and not kept:
                create.setdefault(want[0], []).append({"source": want[1], "target": want[2], "props": _to_neo4j(want[3])})

        for rows in _batches(delete):
            tx.run("UNWIND $ids AS e MATCH ()-[r]->() WHERE elementId(r) = e DELETE r", ids=rows).consume()
        for rows in _batches(update):
            tx.run(
                "UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r = row.props", rows=rows
            ).consume()
        for typ, rlist in create.items():
            for rows in _batches(rlist):
                tx.run(
                    f"UNWIND $rows AS row MATCH (a:{NODE_LABEL} {{id: row.source}}) MATCH (b:{NODE_LABEL} {{id: row.target}})"
                    f" CREATE (a)-[r:{_rel_type(typ)}]->(b) SET r = row.props",
                    rows=rows,
                ).consume()

    # -- reading -----------------------------------------------------------------
    def fingerprints(self) -> dict[str, str]:
        rows = self._read("read fingerprints", "MATCH (f:ArticleFingerprint) RETURN f.article, f.fingerprint")
        return dict(sorted(rows))

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        if label is not None and label not in LABELS:
            return iter(())
        match = f"MATCH (n:{_label(label)}:{NODE_LABEL})" if label else f"MATCH (n:{NODE_LABEL})"
        rows = self._read("read nodes", f"{match} RETURN n.id, labels(n), properties(n)")
        rows.sort(key=lambda r: r[0])
        return (_node_record(*r) for r in rows)

    def relationships(self, rel_type: str | None = None) -> Iterator[RelRecord]:
        if rel_type is not None and rel_type not in REL_TYPES:
            return iter(())
        pattern = f"[r:{_rel_type(rel_type)}]" if rel_type else "[r]"
        rows = self._read(
            "read relationships",
            f"MATCH (a:{NODE_LABEL})-{pattern}->(b:{NODE_LABEL}) WHERE r.key IS NOT NULL"
            " RETURN r.key, type(r), a.id, b.id, properties(r)",
        )
        rows.sort(key=lambda r: r[0])
        return (RelRecord(k, t, s, o, _public(_from_neo4j(p), "key")) for k, t, s, o, p in rows)

    def node(self, node_id: str) -> NodeRecord | None:
        rows = self._read(
            "read node", f"MATCH (n:{NODE_LABEL} {{id: $id}}) RETURN n.id, labels(n), properties(n)", id=node_id
        )
        return _node_record(*rows[0]) if rows else None

    def nodes_by_id(self, node_ids: Iterable[str]) -> dict[str, NodeRecord]:
        ids = list(dict.fromkeys(node_ids))
        out: dict[str, NodeRecord] = {}
        for i in range(0, len(ids), _BATCH):
            rows = self._read(
                "read nodes",
                f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) RETURN n.id, labels(n), properties(n)",
                ids=ids[i : i + _BATCH],
            )
            for r in rows:
                out[r[0]] = _node_record(*r)
        return {i: out[i] for i in ids if i in out}

    def relationships_of(self, node_ids: Iterable[str], rel_type: str | None = None) -> list[RelRecord]:
        if rel_type is not None and rel_type not in REL_TYPES:
            return []
        ids = list(dict.fromkeys(node_ids))
        pattern = f"[r:{_rel_type(rel_type)}]" if rel_type else "[r]"
        found: dict[str, RelRecord] = {}
        for i in range(0, len(ids), _BATCH):
            rows = self._read(
                "read relationships",
                f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}})-{pattern}-(:{NODE_LABEL})"
                " WHERE r.key IS NOT NULL"
                " RETURN DISTINCT r.key, type(r), startNode(r).id, endNode(r).id, properties(r)",
                ids=ids[i : i + _BATCH],
            )
            for k, t, src, tgt, p in rows:
                found[k] = RelRecord(k, t, src, tgt, _public(_from_neo4j(p), "key"))
        return [found[k] for k in sorted(found)]

    def contributions(self, node_id: str) -> dict[str, dict[str, Any]]:
        rows = self._read(
            "read contributions",
            "MATCH (c:Contribution {node_id: $id}) RETURN c.article, c.props_json",
            id=node_id,
        )
        return {aid: json.loads(pj) for aid, pj in sorted(rows)}

    def article_graph(self, article_id: str) -> ArticleGraph | None:
        fp = self._read(
            "read article", "MATCH (f:ArticleFingerprint {article: $a}) RETURN f.fingerprint", a=article_id
        )
        if not fp:
            return None
        nodes = self._read(
            "read article",
            "MATCH (c:Contribution {article: $a}) RETURN c.node_id, c.label, c.props_json",
            a=article_id,
        )
        rels = self._read(
            "read article",
            "MATCH (c:RelContribution {article: $a}) RETURN c.key, c.type, c.source, c.target, c.props_json",
            a=article_id,
        )
        return ArticleGraph(
            article_id,
            fp[0][0],
            [NodeRecord(i, lab, json.loads(pj)) for i, lab, pj in sorted(nodes)],
            [RelRecord(k, t, a, b, json.loads(pj)) for k, t, a, b, pj in sorted(rels)],
        )

    def counts(self) -> dict[str, Counter]:
        nodes: Counter = Counter()
        for labels, n in self._read("count nodes", f"MATCH (n:{NODE_LABEL}) RETURN labels(n), count(*)"):
            nodes[_entity_label(labels)] += n
        rels = Counter(
            dict(
                self._read(
                    "count relationships",
                    f"MATCH (:{NODE_LABEL})-[r]->(:{NODE_LABEL}) WHERE r.key IS NOT NULL RETURN type(r), count(*)",
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
            " RETURN node.id AS id, [l IN labels(node) WHERE l <> 'Node'][0] AS label,"
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
        if x != NODE_LABEL and x in LABELS:
            return x
    others = [x for x in labels if x != NODE_LABEL]
    return others[0] if others else NODE_LABEL


def _escape(props: dict[str, Any], own: str) -> dict[str, Any]:
    """Make room for the store's own property ``own`` (``id`` / ``key``): a
    prop of that name is stored as ``_id``, one named ``_id`` as ``__id`` ..."""
    return {("_" + k if k.lstrip("_") == own else k): v for k, v in props.items()}


def _public(props: dict[str, Any], own: str) -> dict[str, Any]:
    """The props as written: the store's own ``own`` dropped, the others unescaped."""
    out = {}
    for k, v in props.items():
        if k == own:
            continue
        out[k[1:] if k.lstrip("_") == own else k] = v
    return dict(sorted(out.items()))


def _node_record(node_id: str, labels: list[str], props: dict[str, Any]) -> NodeRecord:
    return NodeRecord(node_id, _entity_label(labels), _public(_from_neo4j(props), "id"))


def _prepare(g: ArticleGraph) -> tuple[str, str, dict[str, tuple[str, str]], dict[str, tuple[str, str, str, str]]]:
    """(article id, fingerprint, node id -> (label, props_json), key -> (type, source, target, props_json))."""
    aid = g.article_id
    nodes: dict[str, tuple[str, dict[str, Any]]] = {}
    for n in g.nodes:
        where = f"article {aid}: node {n.id}"
        if n.label not in LABELS:
            raise StoreError(f"{where}: unknown label {n.label!r} (known: {', '.join(sorted(LABELS))})")
        props = clean_props(n.props, where)
        if n.id in nodes:  # listed twice by one article: counts once, props merged
            label, old = nodes[n.id]
            nodes[n.id] = (label, merge_props([old, props]))
        else:
            nodes[n.id] = (n.label, props)
    rels: dict[str, tuple[RelRecord, dict[str, Any]]] = {}
    for r in g.rels:
        where = f"article {aid}: relationship {r.key}"
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
