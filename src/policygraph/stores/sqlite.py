"""The embedded graph store: one SQLite file, standard library only.

Layout (schema version ``SCHEMA_VERSION``, kept in ``PRAGMA user_version``; the
file is marked as a policygraph store by ``PRAGMA application_id``):

* ``article(article_id, fingerprint)``: whose contributions are stored;
* ``node_contrib(node_id, article_id, label, props_json)`` and
  ``rel_contrib(rel_key, article_id, type, source, target, props_json)``: what
  each article said, as it said it;
* ``node(id, label, name, props_json, state_json)`` and
  ``rel(key, type, source, target, props_json, state_json)``: the merged graph,
  materialised, with each row's ``MergeState`` (value counts bounded by the
  number of distinct values; empty for a row one contribution supports, whose
  state is read from that contribution). A write reads the old contributions of the
  articles it writes and the states of the ids they touch, adds and retracts
  the contributions that changed, and writes the merged rows back: its cost is
  the size of the articles written, not the number of articles stored, however
  many articles support a hub node. Reads are plain indexed selects;
  ``articles`` (the supporting article ids) is served at read time from the
  contribution tables' primary keys;
* ``tally(kind, name, n)``: the number of served nodes per label and of served
  relationships per type, kept by each write (``counts()`` reads them);
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
from collections import Counter
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from ..errors import StoreConnectionError, StoreError
from ..models import ENTITY_TYPES, RELATION_TYPES, ArticleGraph, NodeRecord, RelRecord
from .base import (
    GraphStore,
    JsonCache,
    MergeState,
    _enc,
    _sorted_items,
    changed,
    clean_props,
    latest_by_article,
    merge_props,
)

# 2: merge states; articles read from the contributions. 3: a row one contribution supports
# keeps an empty state (a reader of 2 would take it for no support). 4: the counts of served nodes
# and relationships kept in ``tally`` (a reader of 3 would not keep them). Older ones are migrated on open.
SCHEMA_VERSION = 4
APPLICATION_ID = 0x50474442  # "PGDB"
_CACHE_KIB = 64 * 1024  # page cache per connection (pages are allocated as they are used)
_PAGE = 1000  # rows fetched per query while iterating nodes() / relationships()
LABELS = frozenset(ENTITY_TYPES) | {"Article"}
REL_TYPES = frozenset(RELATION_TYPES)
# a relationship is served only while both its ends are nodes
_BOTH_ENDS = (
    "EXISTS (SELECT 1 FROM node n WHERE n.id = rel.source) AND EXISTS (SELECT 1 FROM node n WHERE n.id = rel.target)"
)

# served nodes per label ("node", label) and relationships per type ("rel", type), kept by each write
_TALLY_TABLE = """
CREATE TABLE IF NOT EXISTS tally (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (kind, name)
) WITHOUT ROWID"""

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
    props_json TEXT NOT NULL,
    state_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_label ON node(label, id);
CREATE INDEX IF NOT EXISTS node_name ON node(name);

CREATE TABLE IF NOT EXISTS rel (
    key        TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    props_json TEXT NOT NULL,
    state_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rel_type ON rel(type, key);
CREATE INDEX IF NOT EXISTS rel_source ON rel(source, type);
CREATE INDEX IF NOT EXISTS rel_target ON rel(target, type);
""" + _TALLY_TABLE
_STATE_TABLE = "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"
_TABLES = ("article", "node_contrib", "rel_contrib", "node", "rel")


class _Table(NamedTuple):
    """A merged table, its contribution table, the fields a row's contributions vote
    on and its indexed columns (the voted fields; a node's name too)."""

    table: str
    key: str
    contrib: str
    ckey: str
    fields: tuple[str, ...]
    indexed: tuple[str, ...]

    def columns(self, votes: list, props: dict[str, Any]) -> tuple:
        """The row's indexed columns from its voted fields and merged props."""
        return (*votes, _name(props)) if self.table == "node" else tuple(votes)


_NODE = _Table("node", "id", "node_contrib", "node_id", ("label",), ("label", "name"))
_REL = _Table("rel", "key", "rel_contrib", "rel_key", ("type", "source", "target"), ("type", "source", "target"))


class SQLiteStore(GraphStore):
    """Graph store in one SQLite file (``":memory:"`` for a throw-away one).

    ``timeout``: seconds to wait for another process's write lock before
    giving up with a ``StoreError``.
    """

    name = "sqlite"
    write_batch = 1000

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 10.0):
        self.path = str(path)
        self._where = "SQLite store :memory:" if self.path == ":memory:" else f"SQLite store {self.path}"
        self._conn: sqlite3.Connection | None = None
        # what writes read: contributions of the articles written, merge states of the ids touched
        self.stats: Counter = Counter()
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
        # a write reads and rewrites index pages all over the file: with SQLite's default
        # 2 MB page cache they are read again from the OS on every write as the store grows
        conn.execute(f"PRAGMA cache_size=-{_CACHE_KIB}")
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
            if version < SCHEMA_VERSION:
                self._migrate()

    def _migrate(self) -> None:
        """Schema 1 -> 2: add the merge states, computed once from the
        contributions, and drop ``articles`` from the merged rows' JSON.
        2 -> 3: nothing to rewrite (the version keeps older readers out). 3 -> 4:
        the counts of nodes and relationships, counted once."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # maybe migrated meanwhile by another process
            if version == 1:
                conn.execute("ALTER TABLE node ADD COLUMN state_json TEXT NOT NULL DEFAULT ''")
                conn.execute("ALTER TABLE rel ADD COLUMN state_json TEXT NOT NULL DEFAULT ''")
                props_of = JsonCache()
                for table, key, contrib, ckey, fields in (
                    ("node", "id", "node_contrib", "node_id", ("label",)),
                    ("rel", "key", "rel_contrib", "rel_key", ("type", "source", "target")),
                ):
                    cur = conn.execute(
                        f"SELECT {ckey}, props_json, {', '.join(fields)} FROM {contrib} ORDER BY {ckey}"
                    )
                    updates = []
                    for k, group in groupby(cur.fetchall(), key=lambda r: r[0]):
                        st = MergeState()
                        for row in group:
                            st.add(props_of(row[1]), dict(zip(fields, row[2:])))
                        updates.append((_dumps(st.props()), _state_text(st), k))
                    conn.executemany(f"UPDATE {table} SET props_json = ?, state_json = ? WHERE {key} = ?", updates)
            # 2 -> 3: states of schema 2 are all full, which schema 3 reads as they are
            if version < 4:  # 3 -> 4: the counts, once from the rows
                conn.execute(_TALLY_TABLE)
                conn.execute("DELETE FROM tally")
                conn.execute("INSERT INTO tally SELECT 'node', label, count(*) FROM node GROUP BY label")
                conn.execute(f"INSERT INTO tally SELECT 'rel', type, count(*) FROM rel WHERE {_BOTH_ENDS} GROUP BY type")
            if version < SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

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
        if version < 1:  # pragma: no cover - no older schema exists
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
        # Check and encode everything before writing anything.
        new_n: dict[tuple[str, str], tuple[str, str]] = {}
        new_r: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        props: dict[tuple[str, str], dict[str, Any]] = {}  # the cleaned props of each new contribution
        rprops: dict[tuple[str, str], dict[str, Any]] = {}
        for aid, g in latest.items():
            for node_id, label, pj, p in _node_contribs(aid, g):
                new_n[(aid, node_id)] = (label, pj)
                props[(aid, node_id)] = p
            for key, typ, src, tgt, pj, p in _rel_contribs(aid, g):
                new_r[(aid, key)] = (typ, src, tgt, pj)
                rprops[(aid, key)] = p
        with self._transaction("write") as conn:
            self._apply(conn, list(latest), new_n, new_r, props, rprops)
            conn.executemany(
                "INSERT OR REPLACE INTO article(article_id, fingerprint) VALUES (?,?)",
                ((aid, g.fingerprint) for aid, g in latest.items()),
            )

    def delete_articles(self, article_ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return
        with self._transaction("delete articles") as conn:
            self._apply(conn, ids, {}, {}, {}, {})
            conn.executemany("DELETE FROM article WHERE article_id = ?", ((a,) for a in ids))

    def _apply(
        self,
        conn: sqlite3.Connection,
        article_ids: list[str],
        new_n: dict[tuple[str, str], tuple[str, str]],
        new_r: dict[tuple[str, str], tuple[str, str, str, str]],
        nprops: dict[tuple[str, str], dict[str, Any]],
        rprops: dict[tuple[str, str], dict[str, Any]],
    ) -> None:
        """Make the stored contributions of ``article_ids`` the given ones: read
        what they said before, retract what changed from the merge states of
        the ids it touches, add what they say now. Reads the articles' own
        contributions and the touched rows' states, nothing else."""
        old_n: dict[tuple[str, str], tuple[str, str]] = {}
        old_r: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        for c in range(0, len(article_ids), 500):
            chunk = article_ids[c : c + 500]
            marks = ",".join("?" * len(chunk))
            for aid, node_id, label, pj in conn.execute(
                f"SELECT article_id, node_id, label, props_json FROM node_contrib WHERE article_id IN ({marks})", chunk
            ):
                old_n[(aid, node_id)] = (label, pj)
            for aid, key, typ, src, tgt, pj in conn.execute(
                "SELECT article_id, rel_key, type, source, target, props_json FROM rel_contrib"
                f" WHERE article_id IN ({marks})",
                chunk,
            ):
                old_r[(aid, key)] = (typ, src, tgt, pj)
        self.stats["contributions_read"] += len(old_n) + len(old_r)
        # contributions that change: retract the old, add the new (unchanged ones cost nothing)
        gone_n, put_n = changed(old_n, new_n)
        gone_r, put_r = changed(old_r, new_r)
        props_of = JsonCache()
        n_del, n_rows, n_before = self._merged(conn, _NODE, gone_n, put_n, old_n, new_n, nprops, props_of)
        r_del, r_rows, r_before = self._merged(conn, _REL, gone_r, put_r, old_r, new_r, rprops, props_of)

        # the counts: nodes by label as they change; relationships served (both ends
        # nodes) before and after, among those written and those at nodes that come or go
        tally: Counter = Counter()
        for i in n_del:
            tally[("node", n_before[i][0])] -= 1
        come = []
        for row in n_rows:
            was = n_before.get(row[0])
            if was is None:
                come.append(row[0])
            elif was[0] != row[1]:
                tally[("node", was[0])] -= 1
            if was is None or was[0] != row[1]:
                tally[("node", row[1])] += 1
        at = self._rels_at(conn, come + n_del)
        for typ in self._served(conn, [*r_before, *at]):
            tally[("rel", typ)] -= 1

        # contributions
        conn.executemany("DELETE FROM node_contrib WHERE node_id = ? AND article_id = ?", ((i, a) for a, i in gone_n))
        conn.executemany(
            "INSERT OR REPLACE INTO node_contrib(node_id, article_id, label, props_json) VALUES (?,?,?,?)",
            ((i, a, *new_n[(a, i)]) for a, i in put_n),
        )
        conn.executemany("DELETE FROM rel_contrib WHERE rel_key = ? AND article_id = ?", ((k, a) for a, k in gone_r))
        conn.executemany(
            "INSERT OR REPLACE INTO rel_contrib(rel_key, article_id, type, source, target, props_json)"
            " VALUES (?,?,?,?,?,?)",
            ((k, a, *new_r[(a, k)]) for a, k in put_r),
        )
        # merged rows: a row whose indexed columns stay is updated in place (its index
        # entries are not rewritten), the others replaced
        conn.executemany("DELETE FROM node WHERE id = ?", ((i,) for i in n_del))
        conn.executemany(
            "INSERT OR REPLACE INTO node(id, label, name, props_json, state_json) VALUES (?,?,?,?,?)",
            (row[:5] for row in n_rows if not row[5]),
        )
        conn.executemany(
            "UPDATE node SET props_json = ?, state_json = ? WHERE id = ?",
            ((row[3], row[4], row[0]) for row in n_rows if row[5]),
        )
        conn.executemany("DELETE FROM rel WHERE key = ?", ((k,) for k in r_del))
        conn.executemany(
            "INSERT OR REPLACE INTO rel(key, type, source, target, props_json, state_json) VALUES (?,?,?,?,?,?)",
            (row[:6] for row in r_rows if not row[6]),
        )
        conn.executemany(
            "UPDATE rel SET props_json = ?, state_json = ? WHERE key = ?",
            ((row[4], row[5], row[0]) for row in r_rows if row[6]),
        )
        for typ in self._served(conn, [*(row[0] for row in r_rows), *at]):
            tally[("rel", typ)] += 1
        conn.executemany(
            "INSERT INTO tally(kind, name, n) VALUES (?, ?, ?) ON CONFLICT(kind, name) DO UPDATE SET n = n + excluded.n",
            ((kind, name, n) for (kind, name), n in sorted(tally.items()) if n),
        )
        conn.execute("DELETE FROM tally WHERE n = 0")

    @staticmethod
    def _rels_at(conn: sqlite3.Connection, node_ids: list[str]) -> set[str]:
        """The keys of the stored relationships with an end among ``node_ids``."""
        out: set[str] = set()
        for c in range(0, len(node_ids), 500):
            chunk = node_ids[c : c + 500]
            marks = ",".join("?" * len(chunk))
            for end in ("source", "target"):
                out.update(k for (k,) in conn.execute(f"SELECT key FROM rel WHERE {end} IN ({marks})", chunk))
        return out

    @staticmethod
    def _served(conn: sqlite3.Connection, keys: list[str]) -> list[str]:
        """The types of the relationships among ``keys`` that are served (both ends nodes)."""
        keys = sorted(set(keys))
        out: list[str] = []
        for c in range(0, len(keys), 500):
            chunk = keys[c : c + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(t for (t,) in conn.execute(f"SELECT type FROM rel WHERE key IN ({marks}) AND {_BOTH_ENDS}", chunk))
        return out

    def _merged(
        self,
        conn: sqlite3.Connection,
        t: "_Table",
        gone: list[tuple[str, str]],
        put: list[tuple[str, str]],
        old: dict[tuple[str, str], tuple],
        new: dict[tuple[str, str], tuple],
        new_props: dict[tuple[str, str], dict[str, Any]],
        props_of: JsonCache,
    ) -> tuple[list[str], list[tuple], dict[str, tuple]]:
        """The merged rows of table ``t`` that the contributions ``gone`` (retracted)
        and ``put`` (added) touch: (ids to delete, rows to write as (id, indexed
        columns..., props_json, state_json, same), ``same`` when the stored row has
        those indexed columns already), and the indexed columns of the touched rows
        stored before. A row left with one contribution,
        the one written now, is that contribution (no merge state is read or kept);
        the others go through their ``MergeState``."""
        gone_of: dict[str, list[str]] = {}
        put_of: dict[str, list[str]] = {}
        for a, i in gone:
            gone_of.setdefault(i, []).append(a)
        for a, i in put:
            put_of.setdefault(i, []).append(a)
        ids = sorted(gone_of.keys() | put_of.keys())
        self.stats["states_read"] += len(ids)
        stored: dict[str, str] = {}
        indexed: dict[str, tuple] = {}  # the stored rows' indexed columns
        for row in self._rows_in(conn, t.table, t.key, "state_json, " + ", ".join(t.indexed), ids):
            stored[row[0]] = row[1]
            indexed[row[0]] = row[2:]
        deleted: list[str] = []
        rows: list[tuple] = []
        full: list[str] = []
        for i in ids:
            g = gone_of.get(i, ())
            p = put_of.get(i, ())
            sj = stored.get(i)
            before = 0 if sj is None else 1 if sj == "" else -1  # -1: several (a state is kept)
            left = before - len(g) + len(p)
            if before < 0 or len(g) > before or left > 1:
                full.append(i)
            elif left <= 0:
                if sj is not None:
                    deleted.append(i)
            elif p:  # one contribution left, the one written now
                a = p[0]
                *votes, pj = new[(a, i)]
                cols = t.columns(votes, new_props[(a, i)])
                rows.append((i, *cols, _single_json(new_props[(a, i)], pj), "", indexed.get(i) == cols))
            else:  # pragma: no cover - one old contribution left while none was there
                full.append(i)
        if not full:
            return deleted, rows, indexed
        fields = t.fields
        states: dict[str, MergeState] = {}
        derived: list[str] = []
        for i in full:
            sj = stored.get(i)
            if sj:
                states[i] = MergeState.from_json(sj)
            else:
                states[i] = MergeState()
                if sj == "":
                    derived.append(i)
        for c in range(0, len(derived), 500):
            chunk = derived[c : c + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT {t.ckey}, props_json, {', '.join(fields)} FROM {t.contrib} WHERE {t.ckey} IN ({marks})", chunk
            ):
                states[row[0]].add(props_of(row[1]), dict(zip(fields, row[2:])))
        for i in full:
            st = states[i]
            for a in gone_of.get(i, ()):
                *votes, pj = old[(a, i)]
                st.remove(props_of(pj), dict(zip(fields, votes)))
            for a in put_of.get(i, ()):
                *votes, _pj = new[(a, i)]
                st.add(new_props[(a, i)], dict(zip(fields, votes)))
            if st.n <= 0:
                if i in stored:
                    deleted.append(i)
            else:
                pr = st.props()
                cols = t.columns([st.vote(f) for f in fields], pr)
                rows.append((i, *cols, _dumps(pr), _state_text(st), indexed.get(i) == cols))
        return deleted, rows, indexed

    @staticmethod
    def _rows_in(conn: sqlite3.Connection, table: str, key: str, col: str, ids: list[str]) -> list[tuple]:
        out: list[tuple] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(conn.execute(f"SELECT {key}, {col} FROM {table} WHERE {key} IN ({marks})", chunk).fetchall())
        return out

    def clear(self) -> None:
        with self._transaction("clear") as conn:
            for t in (*_TABLES, "tally"):
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

    # -- reading ---------------------------------------------------------------
    def fingerprints(self) -> dict[str, str]:
        with self._errors("read"):
            return dict(self.conn.execute("SELECT article_id, fingerprint FROM article ORDER BY article_id"))

    def _paged(self, doing: str, select_from: str, where: str, key: str, args: list) -> Iterator[list[tuple]]:
        """Pages of keyset pagination ordered by the unique column ``key`` (the
        first one selected): no statement stays open between yields, so the
        caller may write to the store while iterating."""
        after = None
        while True:
            cond = where if after is None else f"{where} AND {key} > ?"
            with self._errors(doing):
                rows = self.conn.execute(
                    f"{select_from} WHERE {cond} ORDER BY {key} LIMIT {_PAGE}",
                    args if after is None else args + [after],
                ).fetchall()
            if rows:
                yield rows
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    # ``articles`` comes with each row, from the contributions' primary key
    _NODE_SELECT = (
        "SELECT id, label, props_json, (SELECT json_group_array(c.article_id) FROM node_contrib c"
        " WHERE c.node_id = node.id) FROM node"
    )
    _REL_SELECT = (
        "SELECT key, type, source, target, props_json, (SELECT json_group_array(c.article_id) FROM rel_contrib c"
        " WHERE c.rel_key = rel.key) FROM rel"
    )

    @staticmethod
    def _node_records(rows: list[tuple[str, str, str, str]]) -> Iterator[NodeRecord]:
        for i, lab, pj, arts in rows:
            yield NodeRecord(i, lab, _with_articles(pj, arts))

    @staticmethod
    def _rel_records(rows: list[tuple[str, str, str, str, str, str]]) -> Iterator[RelRecord]:
        for k, t, a, b, pj, arts in rows:
            yield RelRecord(k, t, a, b, _with_articles(pj, arts))

    def nodes(self, label: str | None = None) -> Iterator[NodeRecord]:
        where, args = ("label = ?", [label]) if label is not None else ("1", [])
        for page in self._paged("read nodes", self._NODE_SELECT, where, "id", args):
            yield from self._node_records(page)

    def relationships(self, rel_type: str | None = None) -> Iterator[RelRecord]:
        where, args = (f"type = ? AND {_BOTH_ENDS}", [rel_type]) if rel_type is not None else (_BOTH_ENDS, [])
        for page in self._paged("read relationships", self._REL_SELECT, where, "key", args):
            yield from self._rel_records(page)

    def node(self, node_id: str) -> NodeRecord | None:
        with self._errors("read node"):
            row = self.conn.execute(f"{self._NODE_SELECT} WHERE id = ?", (node_id,)).fetchone()
        return next(self._node_records([row])) if row else None

    def nodes_by_id(self, node_ids: Iterable[str]) -> dict[str, NodeRecord]:
        ids = list(dict.fromkeys(node_ids))
        out: dict[str, NodeRecord] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            with self._errors("read nodes"):
                rows = self.conn.execute(f"{self._NODE_SELECT} WHERE id IN ({marks})", chunk).fetchall()
            for n in self._node_records(rows):
                out[n.id] = n
        return {i: out[i] for i in ids if i in out}

    def relationships_of(self, node_ids: Iterable[str], rel_type: str | None = None) -> list[RelRecord]:
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, tuple] = {}
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            marks = ",".join("?" * len(chunk))
            typed = " AND type = ?" if rel_type is not None else ""
            args = chunk + ([rel_type] if rel_type is not None else [])
            with self._errors("read relationships"):
                for end in ("source", "target"):
                    rows = self.conn.execute(
                        f"{self._REL_SELECT} WHERE {end} IN ({marks}){typed}"
                        f" AND {_BOTH_ENDS}",
                        args,
                    ).fetchall()
                    for row in rows:
                        found.setdefault(row[0], row)
        return list(self._rel_records([found[k] for k in sorted(found)]))

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
        """Kept by each write (``tally``): reading them costs nothing however large the store."""
        out: dict[str, Any] = {"nodes": Counter(), "relationships": Counter()}
        with self._errors("count"):
            for kind, name, n in self.conn.execute("SELECT kind, name, n FROM tally WHERE n != 0"):
                out["nodes" if kind == "node" else "relationships"][name] = n
        return out

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


def _state_text(st: MergeState) -> str:
    """``state_json`` as stored: empty for a row one contribution supports (its
    state is that contribution's, read back from the contribution table)."""
    return "" if st.n == 1 else st.to_json()


def _name(props: dict[str, Any]) -> str | None:
    name = props.get("name")
    return name if isinstance(name, str) else None


def _single_json(props: dict[str, Any], pj: str) -> str:
    """``props_json`` of a row one contribution supports: what ``MergeState.props()``
    of that contribution gives (lists sorted, each value once), which is the
    contribution's own text when its lists are so already."""
    fixed: dict[str, list] | None = None
    for k, v in props.items():
        if type(v) is list and len(v) > 1:
            if all(type(x) is str for x in v):
                s = sorted(set(v))
                if s == v:
                    continue
            else:  # typed: 1, 1.0, True and "1" stay apart (Python's == would join them)
                s = _sorted_items(dict.fromkeys(_enc(x) for x in v))
            if fixed is None:
                fixed = {}
            fixed[k] = s
    return pj if fixed is None else _dumps({**props, **fixed})


def _with_articles(props_json: str, articles_json: str) -> dict[str, Any]:
    props = json.loads(props_json)
    props["articles"] = sorted(json.loads(articles_json))
    return dict(sorted(props.items()))


def _node_contribs(aid: str, g: ArticleGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
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
        yield node_id, label, _dumps(props), props


def _rel_contribs(aid: str, g: ArticleGraph) -> Iterator[tuple[str, str, str, str, str, dict[str, Any]]]:
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
        yield key, r.type, r.source, r.target, _dumps(props), props


