"""The embedded graph store: one SQLite file, standard library only.

Layout (schema version ``SCHEMA_VERSION``, kept in ``PRAGMA user_version``; the
file is marked as a policygraph store by ``PRAGMA application_id``):

* ``article(article_id, fingerprint)``: whose contributions are stored;
* ``node_contrib(node_id, article_id, label, props_json)`` and
  ``rel_contrib(rel_key, article_id, type, source, target, props_json)``: what
  each article said, as it said it;
* ``node(id, label, name, props_json)`` and
  ``rel(key, type, source, target, props_json)``: the merged graph,
  materialised. Every write recomputes, with ``merge_props``, the rows of the
  ids it touched (and only those), so reads are plain indexed selects;
* ``state(key, value)``: the pipeline's bookkeeping (``get_state`` /
  ``set_state``), created on first use.

A node whose contributions disagree on its label gets the most frequent label,
ties to the smallest (the rule ``merge_props`` applies to scalars); so do a
relationship's type and endpoints. A relationship is served (``relationships()``,
``counts()``) only while both its end nodes exist, as in Neo4j, which has no
dangling relationships; its contributions are kept meanwhile. Labels and
relationship types must be those of the closed vocabularies (models), as in
Neo4j.

Each ``replace_articles`` / ``delete_articles`` / ``clear`` call is one
transaction: a reader, or a crash, sees the graph before it or after it, never
half of it. The file is in WAL mode, so readers in other processes are not
blocked by a writer.
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import StoreConnectionError, StoreError
from ..models import ENTITY_TYPES, RELATION_TYPES, ArticleGraph, NodeRecord, RelRecord
from .base import GraphStore, clean_props, latest_by_article, merge_props, merged_from_json, vote

SCHEMA_VERSION = 1
APPLICATION_ID = 0x50474442  # "PGDB"
_PAGE = 1000  # rows fetched per query while iterating nodes() / relationships()
LABELS = frozenset(ENTITY_TYPES) | {"Article"}
REL_TYPES = frozenset(RELATION_TYPES)
# a relationship is served only while both its ends are nodes
_BOTH_ENDS = (
    "EXISTS (SELECT 1 FROM node n WHERE n.id = rel.source) AND EXISTS (SELECT 1 FROM node n WHERE n.id = rel.target)"
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS article (
    article_id  TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS node_contrib (
    node_id    TEXT NOT NULL,
    article_id TEXT NOT NULL,
    label      TEXT NOT NULL,
    props_json TEXT NOT NULL,
    PRIMARY KEY (node_id, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_contrib_article ON node_contrib(article_id);

CREATE TABLE IF NOT EXISTS rel_contrib (
    rel_key    TEXT NOT NULL,
    article_id TEXT NOT NULL,
    type       TEXT NOT NULL,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    props_json TEXT NOT NULL,
    PRIMARY KEY (rel_key, article_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rel_contrib_article ON rel_contrib(article_id);

CREATE TABLE IF NOT EXISTS node (
    id         TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    name       TEXT,
    props_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_label ON node(label, id);
CREATE INDEX IF NOT EXISTS node_name ON node(name);

CREATE TABLE IF NOT EXISTS rel (
    key        TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    props_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rel_type ON rel(type, key);
CREATE INDEX IF NOT EXISTS rel_source ON rel(source, type);
CREATE INDEX IF NOT EXISTS rel_target ON rel(target, type);
"""
_STATE_TABLE = "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"
_TABLES = ("article", "node_contrib", "rel_contrib", "node", "rel")
_TEMP_SCHEMA = (
    "CREATE TEMP TABLE IF NOT EXISTS _arts(article_id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS _aff_node(id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS _aff_rel(key TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS _new_node(node_id TEXT, article_id TEXT, label TEXT, props_json TEXT,"
    " PRIMARY KEY (node_id, article_id)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS _new_rel(rel_key TEXT, article_id TEXT, type TEXT, source TEXT, target TEXT,"
    " props_json TEXT, PRIMARY KEY (rel_key, article_id)) WITHOUT ROWID",
)


class SQLiteStore(GraphStore):
    """Graph store in one SQLite file (``":memory:"`` for a throw-away one).

    ``timeout``: seconds to wait for another process's write lock before
    giving up with a ``StoreError``.
    """

    name = "sqlite"

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 10.0):
        self.path = str(path)
        self._where = "SQLite store :memory:" if self.path == ":memory:" else f"SQLite store {self.path}"
        self._conn: sqlite3.Connection | None = None
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"{self._where}: is a directory, not a database file")
            if not p.parent.is_dir():
                raise StoreError(f"{self._where}: directory {p.parent} does not exist")
        try:
            conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(f"{self._where}: cannot open: {e}") from None
        self._conn = conn
        try:
            with self._errors("open"):
                self._open()
        except BaseException:
            conn.close()
            self._conn = None
            raise

    # -- opening ---------------------------------------------------------------
    def _open(self) -> None:
        conn = self._conn
        assert conn is not None
        # Reading the header first makes a file that is not a database fail here.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        self._check_version(version, app_id)
        if self.path != ":memory:":
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # pragma: no cover - e.g. a read-only medium
                raise StoreError(f"{self._where}: cannot switch to WAL mode (journal mode is {mode})")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA temp_store=MEMORY")
        if version == 0:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have created the schema while we waited.
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                self._check_version(version, app_id)
                if version == 0:
                    for stmt in _SCHEMA.split(";"):
                        if stmt.strip():
                            conn.execute(stmt)
                    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        else:
            have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            missing = [t for t in _TABLES if t not in have]
            if missing:
                raise StoreError(f"{self._where}: not a policygraph store (missing tables {', '.join(missing)})")

    def _check_version(self, version: int, app_id: int) -> None:
        conn = self._conn
        assert conn is not None
        if version == 0 and app_id == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables:
                raise StoreError(f"{self._where}: not a policygraph store (a SQLite database of something else)")
            return
        if app_id != APPLICATION_ID:
            raise StoreError(f"{self._where}: not a policygraph store (application id {app_id:#x})")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self._where}: written by a newer policygraph (schema version {version}, "
                f"this version reads up to {SCHEMA_VERSION}); upgrade policygraph"
            )
        if version < SCHEMA_VERSION:  # pragma: no cover - no older schema exists yet
            raise StoreError(f"{self._where}: schema version {version} is too old; rebuild the store")

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Turn sqlite3 errors into one-line StoreErrors naming the file."""
        try:
            yield
        except StoreError:
            raise
        except sqlite3.OperationalError as e:
            # locked, read-only, disk full, I/O error: the store refuses, whatever the article
            msg = str(e)
            if "locked" in msg or "busy" in msg:
                msg = "database is locked by another process or connection; try again when it is done"
            raise StoreConnectionError(f"{self._where}: cannot {doing}: {msg}") from None
        except sqlite3.DatabaseError as e:
            msg = str(e)
            if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
                msg = f"file is corrupt or not a database ({msg})"
            raise StoreError(f"{self._where}: cannot {doing}: {msg}") from None
        except sqlite3.Error as e:  # ProgrammingError: closed, misuse ...
            raise StoreError(f"{self._where}: cannot {doing}: {e}") from None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"{self._where}: store is closed")
        return self._conn

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        with self._errors(doing):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    # -- writing ---------------------------------------------------------------
    def replace_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        latest = latest_by_article(graphs)
        if not latest:
            return
        node_rows: list[tuple[str, str, str, str]] = []
        rel_rows: list[tuple[str, str, str, str, str, str]] = []
        for aid, g in latest.items():
            node_rows.extend(_node_contribs(aid, g))
            rel_rows.extend(_rel_contribs(aid, g))
        with self._transaction("write") as conn:
            self._prepare(conn, latest)
            conn.executemany(
                "INSERT INTO temp._new_node(node_id, article_id, label, props_json) VALUES (?,?,?,?)", node_rows
            )
            conn.executemany(
                "INSERT INTO temp._new_rel(rel_key, article_id, type, source, target, props_json)"
                " VALUES (?,?,?,?,?,?)",
                rel_rows,
            )
            # Only ids whose contributions really change need re-merging: a
            # contribution present before and after, unchanged, leaves the
            # merged row as it is (reloading an unchanged article is cheap).
            conn.execute(
                "INSERT OR IGNORE INTO temp._aff_node(id) SELECT c.node_id FROM node_contrib c"
                " WHERE c.article_id IN (SELECT article_id FROM temp._arts) AND NOT EXISTS ("
                " SELECT 1 FROM temp._new_node n WHERE n.node_id = c.node_id AND n.article_id = c.article_id"
                " AND n.label = c.label AND n.props_json = c.props_json)"
            )
            conn.execute(
                "INSERT OR IGNORE INTO temp._aff_node(id) SELECT n.node_id FROM temp._new_node n"
                " WHERE NOT EXISTS (SELECT 1 FROM node_contrib c WHERE c.node_id = n.node_id"
                " AND c.article_id = n.article_id AND c.label = n.label AND c.props_json = n.props_json)"
            )
            conn.execute(
                "INSERT OR IGNORE INTO temp._aff_rel(key) SELECT c.rel_key FROM rel_contrib c"
                " WHERE c.article_id IN (SELECT article_id FROM temp._arts) AND NOT EXISTS ("
                " SELECT 1 FROM temp._new_rel n WHERE n.rel_key = c.rel_key AND n.article_id = c.article_id"
                " AND n.type = c.type AND n.source = c.source AND n.target = c.target"
                " AND n.props_json = c.props_json)"
            )
            conn.execute(
                "INSERT OR IGNORE INTO temp._aff_rel(key) SELECT n.rel_key FROM temp._new_rel n"
                " WHERE NOT EXISTS (SELECT 1 FROM rel_contrib c WHERE c.rel_key = n.rel_key"
                " AND c.article_id = n.article_id AND c.type = n.type AND c.source = n.source"
                " AND c.target = n.target AND c.props_json = n.props_json)"
            )
            self._drop_contribs(conn)
            conn.execute(
                "INSERT INTO node_contrib(node_id, article_id, label, props_json)"
                " SELECT node_id, article_id, label, props_json FROM temp._new_node"
            )
            conn.execute(
                "INSERT INTO rel_contrib(rel_key, article_id, type, source, target, props_json)"
                " SELECT rel_key, article_id, type, source, target, props_json FROM temp._new_rel"
            )
            conn.executemany(
                "INSERT OR REPLACE INTO article(article_id, fingerprint) VALUES (?,?)",
                ((aid, g.fingerprint) for aid, g in latest.items()),
            )
            self._remerge(conn)
            self._cleanup(conn)

    def delete_articles(self, article_ids: Iterable[str]) -> None:
        ids = dict.fromkeys(article_ids)
        if not ids:
            return
        with self._transaction("delete articles") as conn:
            self._prepare(conn, ids)
            conn.execute(
                "INSERT OR IGNORE INTO temp._aff_node(id) SELECT node_id FROM node_contrib"
                " WHERE article_id IN (SELECT article_id FROM temp._arts)"
            )
            conn.execute(
                "INSERT OR IGNORE INTO temp._aff_rel(key) SELECT rel_key FROM rel_contrib"
                " WHERE article_id IN (SELECT article_id FROM temp._arts)"
            )
            self._drop_contribs(conn)
            conn.execute("DELETE FROM article WHERE article_id IN (SELECT article_id FROM temp._arts)")
            self._remerge(conn)
            self._cleanup(conn)

    def clear(self) -> None:
        with self._transaction("clear") as conn:
            for t in _TABLES:
                conn.execute(f"DELETE FROM {t}")
            conn.execute(_STATE_TABLE)
            conn.execute("DELETE FROM state")

    # the state table is created on first use (stores written before it existed stay readable)
    def get_state(self, key: str) -> str | None:
        with self._errors("read state"):
            if not self.conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='state'").fetchone():
                return None
            row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        with self._transaction("write state") as conn:
            conn.execute(_STATE_TABLE)
            conn.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))

    def _prepare(self, conn: sqlite3.Connection, article_ids: Iterable[str]) -> None:
        """Empty work tables, with the ids of the articles being written."""
        for stmt in _TEMP_SCHEMA:
            conn.execute(stmt)
        self._cleanup(conn)
        conn.executemany("INSERT OR IGNORE INTO temp._arts(article_id) VALUES (?)", ((a,) for a in article_ids))

    def _cleanup(self, conn: sqlite3.Connection) -> None:
        for t in ("_arts", "_aff_node", "_aff_rel", "_new_node", "_new_rel"):
            conn.execute(f"DELETE FROM temp.{t}")

    def _drop_contribs(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM node_contrib WHERE article_id IN (SELECT article_id FROM temp._arts)")
        conn.execute("DELETE FROM rel_contrib WHERE article_id IN (SELECT article_id FROM temp._arts)")

    def _remerge(self, conn: sqlite3.Connection) -> None:
        """Recompute the merged rows of the affected ids from their contributions."""
        conn.execute("DELETE FROM node WHERE id IN (SELECT id FROM temp._aff_node)")
        conn.execute("DELETE FROM rel WHERE key IN (SELECT key FROM temp._aff_rel)")
        cur = conn.execute(
            "SELECT c.node_id, c.article_id, c.label, c.props_json FROM temp._aff_node a"
            " CROSS JOIN node_contrib c ON c.node_id = a.id ORDER BY a.id, c.article_id"
        )
        merged_nodes = []
        for node_id, group in groupby(cur.fetchall(), key=lambda r: r[0]):
            rows = list(group)
            props = merged_from_json([r[3] for r in rows], [r[1] for r in rows])
            name = props.get("name")
            merged_nodes.append(
                (node_id, vote([r[2] for r in rows]), name if isinstance(name, str) else None, _dumps(props))
            )
        conn.executemany("INSERT INTO node(id, label, name, props_json) VALUES (?,?,?,?)", merged_nodes)
        del merged_nodes
        cur = conn.execute(
            "SELECT c.rel_key, c.article_id, c.type, c.source, c.target, c.props_json FROM temp._aff_rel a"
            " CROSS JOIN rel_contrib c ON c.rel_key = a.key ORDER BY a.key, c.article_id"
        )
        merged_rels = []
        for key, group in groupby(cur.fetchall(), key=lambda r: r[0]):
            rows = list(group)
            props = merged_from_json([r[5] for r in rows], [r[1] for r in rows])
            merged_rels.append(
                (key, vote([r[2] for r in rows]), vote([r[3] for r in rows]), vote([r[4] for r in rows]),
                 _dumps(props))
            )
        conn.executemany("INSERT INTO rel(key, type, source, target, props_json) VALUES (?,?,?,?,?)", merged_rels)

    # -- reading ---------------------------------------------------------------
    def fingerprints(self) -> dict[str, str]:
        with self._errors("read"):
            return dict(self.conn.execute("SELECT article_id, fingerprint FROM article ORDER BY article_id"))

    def _paged(self, doing: str, select_from: str, where: str, key: str, args: list) -> Iterator[tuple]:
        """Keyset pagination ordered by the unique column ``key`` (the first one
        selected): no statement stays open between yields, so the caller may write
        to the store while iterating."""
        after = None
        while True:
            cond = where if after is None else f"{where} AND {key} > ?"
            with self._errors(doing):
                rows = self.conn.execute(
                    f"{select_from} WHERE {cond} ORDER BY {key} LIMIT {_PAGE}",
                    args if after is None else args + [after],
                ).fetchall()
            yield from rows
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        where, args = ("label = ?", [label]) if label is not None else ("1", [])
        for node_id, lab, pj in self._paged("read nodes", "SELECT id, label, props_json FROM node", where, "id", args):
            yield NodeRecord(node_id, lab, json.loads(pj))

    def relationships(self, rel_type: str | None = None) -> Iterator[RelRecord]:
        where, args = (f"type = ? AND {_BOTH_ENDS}", [rel_type]) if rel_type is not None else (_BOTH_ENDS, [])
        select = "SELECT key, type, source, target, props_json FROM rel"
        for key, typ, src, tgt, pj in self._paged("read relationships", select, where, "key", args):
            yield RelRecord(key, typ, src, tgt, json.loads(pj))

    def node(self, node_id: str) -> NodeRecord | None:
        with self._errors("read node"):
            row = self.conn.execute("SELECT id, label, props_json FROM node WHERE id = ?", (node_id,)).fetchone()
        return NodeRecord(row[0], row[1], json.loads(row[2])) if row else None

    def nodes_by_id(self, node_ids: Iterable[str]) -> dict[str, NodeRecord]:
        ids = list(dict.fromkeys(node_ids))
        out: dict[str, NodeRecord] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            with self._errors("read nodes"):
                rows = self.conn.execute(f"SELECT id, label, props_json FROM node WHERE id IN ({marks})", chunk)
                for node_id, lab, pj in rows.fetchall():
                    out[node_id] = NodeRecord(node_id, lab, json.loads(pj))
        return {i: out[i] for i in ids if i in out}

    def relationships_of(self, node_ids: Iterable[str], rel_type: str | None = None) -> list[RelRecord]:
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, RelRecord] = {}
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            marks = ",".join("?" * len(chunk))
            typed = " AND type = ?" if rel_type is not None else ""
            args = chunk + ([rel_type] if rel_type is not None else [])
            with self._errors("read relationships"):
                for end in ("source", "target"):
                    rows = self.conn.execute(
                        f"SELECT key, type, source, target, props_json FROM rel WHERE {end} IN ({marks}){typed}"
                        f" AND {_BOTH_ENDS}",
                        args,
                    ).fetchall()
                    for key, typ, src, tgt, pj in rows:
                        if key not in found:
                            found[key] = RelRecord(key, typ, src, tgt, json.loads(pj))
        return [found[k] for k in sorted(found)]

    def relationships_at(self, node_ids: Iterable[str], rel_type: str, end: str = "source") -> list[RelRecord]:
        if end not in ("source", "target"):
            raise ValueError(f"end must be 'source' or 'target', not {end!r}")
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, RelRecord] = {}
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            marks = ",".join("?" * len(chunk))
            with self._errors("read relationships"):
                rows = self.conn.execute(
                    f"SELECT key, type, source, target, props_json FROM rel WHERE {end} IN ({marks}) AND type = ?"
                    f" AND {_BOTH_ENDS}",
                    chunk + [rel_type],
                ).fetchall()
            for key, typ, src, tgt, pj in rows:
                found[key] = RelRecord(key, typ, src, tgt, json.loads(pj))
        return [found[k] for k in sorted(found)]

    def nodes_by_keys(self, keys, keyfunc, labels, version: str = "") -> dict[str, NodeRecord]:
        """Keys are kept in two side tables (``resolver_key``, and ``resolver_key_src``:
        the node props they were computed from): before a lookup, the nodes whose props
        changed since are keyed again (one pass in SQL compares the props)."""
        want = sorted(set(keys))
        labels = list(labels)
        if not want or not labels:
            return {}
        lmarks = ",".join("?" * len(labels))
        with self._transaction("index resolver keys") as conn:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS resolver_key_src (node_id TEXT PRIMARY KEY, props_json TEXT NOT NULL,"
                " version TEXT NOT NULL) WITHOUT ROWID"
            )
            conn.execute(
                "CREATE TABLE IF NOT EXISTS resolver_key (key TEXT NOT NULL, node_id TEXT NOT NULL,"
                " PRIMARY KEY (key, node_id)) WITHOUT ROWID"
            )
            conn.execute("CREATE INDEX IF NOT EXISTS resolver_key_node ON resolver_key(node_id)")
            stale = conn.execute(
                "SELECT n.id, n.label, n.props_json FROM node n LEFT JOIN resolver_key_src s ON s.node_id = n.id"
                f" WHERE n.label IN ({lmarks}) AND (s.node_id IS NULL OR s.version != ? OR s.props_json != n.props_json)",
                labels + [version],
            ).fetchall()
            for node_id, lab, pj in stale:
                conn.execute("DELETE FROM resolver_key WHERE node_id = ?", (node_id,))
                conn.executemany(
                    "INSERT OR IGNORE INTO resolver_key(key, node_id) VALUES (?, ?)",
                    [(k, node_id) for k in sorted(set(keyfunc(NodeRecord(node_id, lab, json.loads(pj)))))],
                )
                conn.execute(
                    "INSERT OR REPLACE INTO resolver_key_src(node_id, props_json, version) VALUES (?, ?, ?)",
                    (node_id, pj, version),
                )
        ids: set[str] = set()
        for i in range(0, len(want), 500):
            chunk = want[i : i + 500]
            with self._errors("read resolver keys"):
                rows = self.conn.execute(
                    f"SELECT DISTINCT node_id FROM resolver_key WHERE key IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
            ids.update(r[0] for r in rows)
        labset = set(labels)
        return {i: n for i, n in self.nodes_by_id(sorted(ids)).items() if n.label in labset}

    def contributions(self, node_id: str) -> dict[str, dict[str, Any]]:
        with self._errors("read contributions"):
            rows = self.conn.execute(
                "SELECT article_id, props_json FROM node_contrib WHERE node_id = ? ORDER BY article_id", (node_id,)
            ).fetchall()
        return {aid: json.loads(pj) for aid, pj in rows}

    def article_graph(self, article_id: str) -> ArticleGraph | None:
        with self._errors("read article"):
            row = self.conn.execute("SELECT fingerprint FROM article WHERE article_id = ?", (article_id,)).fetchone()
            if row is None:
                return None
            nodes = [
                NodeRecord(nid, label, json.loads(pj))
                for nid, label, pj in self.conn.execute(
                    "SELECT node_id, label, props_json FROM node_contrib WHERE article_id = ? ORDER BY node_id", (article_id,)
                )
            ]
            rels = [
                RelRecord(key, typ, src, tgt, json.loads(pj))
                for key, typ, src, tgt, pj in self.conn.execute(
                    "SELECT rel_key, type, source, target, props_json FROM rel_contrib WHERE article_id = ? ORDER BY rel_key",
                    (article_id,),
                )
            ]
        return ArticleGraph(article_id, row[0], nodes, rels)

    def counts(self) -> dict[str, Any]:
        from collections import Counter

        with self._errors("count"):
            nodes = Counter(dict(self.conn.execute("SELECT label, count(*) FROM node GROUP BY label")))
            rels = Counter(
                dict(self.conn.execute(f"SELECT type, count(*) FROM rel WHERE {_BOTH_ENDS} GROUP BY type"))
            )
        return {"nodes": nodes, "relationships": rels}

    # -- lifecycle -------------------------------------------------------------
    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            try:
                conn.close()
            except sqlite3.Error:  # pragma: no cover
                pass

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"


# ----------------------------------------------------------------------------
# helpers


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=True)
_dumps = _ENCODER.encode


def _node_contribs(aid: str, g: ArticleGraph) -> Iterator[tuple[str, str, str, str]]:
    # One contribution per (node, article); a node listed twice by one article
    # counts once, its props merged.
    seen: dict[str, tuple[str, dict[str, Any]]] = {}
    for n in g.nodes:
        if n.label not in LABELS:
            raise StoreError(
                f"article {aid}: node {n.id}: unknown label {n.label!r} (known: {', '.join(sorted(LABELS))})"
            )
        props = clean_props(n.props, f"article {aid}: node {n.id}")
        if n.id in seen:
            label, old = seen[n.id]
            seen[n.id] = (label, merge_props([old, props]))
        else:
            seen[n.id] = (n.label, props)
    for node_id, (label, props) in seen.items():
        yield node_id, aid, label, _dumps(props)


def _rel_contribs(aid: str, g: ArticleGraph) -> Iterator[tuple[str, str, str, str, str, str]]:
    seen: dict[str, tuple[RelRecord, dict[str, Any]]] = {}
    for r in g.rels:
        if r.type not in REL_TYPES:
            raise StoreError(
                f"article {aid}: relationship {r.key}: unknown type {r.type!r} (known: {', '.join(sorted(REL_TYPES))})"
            )
        props = clean_props(r.props, f"article {aid}: relationship {r.key}")
        if r.key in seen:
            first, old = seen[r.key]
            seen[r.key] = (first, merge_props([old, props]))
        else:
            seen[r.key] = (r, props)
    for key, (r, props) in seen.items():
        yield key, aid, r.type, r.source, r.target, _dumps(props)


