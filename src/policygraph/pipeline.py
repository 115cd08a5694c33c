"""The pipeline as library functions: ingest -> extract -> resolve -> store.

Notebook use::

    from policygraph import pipeline
    from policygraph.stores import open_store

    with open_store() as store:                       # ./policygraph.db
        report = pipeline.load(["examples/"], store)
        print(report.summary())

The CLI (``policygraph load``) is a thin layer over ``load``.
"""
from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import guards, parallel
from .build import rel_key, to_article_graph
from .errors import ClusterError, IngestError, PolicygraphError, StoreConnectionError
from .extract.doc import norm
from .ingest import is_multi_record, iter_articles, iter_files
from .models import Article, ArticleGraph, Extraction, IngestFailure, NodeRecord, RelRecord
from .parallel import UNCHANGED, FileJob, FileResult
from .parallel import extract_one as _extract_one
from .resolve import (
    CONSOLIDATION_RELS,
    RESOLVER_KEYS_VERSION,
    RESOLVER_LABELS,
    Overrides,
    consolidate,
    has_hangul,
    resolve_prepared,
    resolver_keys,
)
from .stores.base import GraphStore, merge_props

#: articles per store write, at most (a store may ask for fewer: ``GraphStore.write_batch``)
BATCH = 1000
#: articles per store write, at most, while worker processes extract
PARALLEL_BATCH = 250
log = logging.getLogger(__name__)


@dataclass
class LoadReport:
    articles_read: int = 0
    articles_written: int = 0
    articles_unchanged: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    merges: list[tuple[str, str, str]] = field(default_factory=list)  # old, new, reason
    nodes: Counter = field(default_factory=Counter)
    relationships: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        lines = [
            f"articles: {self.articles_read} read, {self.articles_written} written, "
            f"{self.articles_unchanged} unchanged, {len(self.failures)} failed",
        ]
        if self.merges:
            lines.append(f"resolver merges applied: {len(self.merges)}")
        lines.append("nodes: " + (", ".join(f"{k} {v}" for k, v in sorted(self.nodes.items())) or "none"))
        lines.append("relationships: " + (", ".join(f"{k} {v}" for k, v in sorted(self.relationships.items())) or "none"))
        return "\n".join(lines)


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Article | IngestFailure]:
    """``ingest.iter_articles`` path by path, each article cleaned of what no
    store can hold (lone surrogates, integers past 64 bits). Whatever goes
    wrong with one input becomes one ``IngestFailure`` naming it; the other
    inputs still come."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        try:
            for item in iter_articles([p]):
                yield parallel.clean_item(item)
        except Exception as exc:  # the walk itself failed: the rest of this path is lost, not the batch
            if guards.debugging():
                raise
            yield IngestFailure(str(p), guards.internal_message(exc))


class _File:
    """An input file as the main process follows it: the digest of the bytes
    its items came from, and for each article (id, fingerprint, source)."""

    __slots__ = ("path", "digest", "entries", "failed")

    def __init__(self, path: str, digest: str | None):
        self.path, self.digest, self.entries, self.failed = path, digest, [], digest is None


def _iter_units(
    paths: Iterable[str | Path],
    run: parallel.Runner,
    owner: dict[int, _File],
    settled: Callable[[str, bytes], FileResult | None] | None = None,
    known_files: Callable[[str], bool] | None = None,
) -> Iterator[Article | IngestFailure | FileJob]:
    """What ``iter_inputs`` yields, as units of work in the same order: a file
    of one article is a ``FileJob`` when ``run`` reads files where it extracts
    (its workers are up), else it is read here and its items come one by one
    (``owner``: id of each item -> its ``_File``). ``settled(path, bytes)``:
    the result of a file known unchanged (then not parsed), asked of the files
    ``known_files`` names."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        try:
            for f in iter_files([p]):
                if isinstance(f, IngestFailure):
                    yield f
                    continue
                if settled is not None and known_files is not None and known_files(f):
                    try:
                        data = parallel.read_bytes(f)
                    except Exception:  # noqa: BLE001 - read again below: its failure is reported there
                        data = None
                    done = settled(f, data) if data is not None else None
                    if done is not None:
                        yield FileJob(f, done)
                        continue
                if not is_multi_record(f) and run.takes_files():
                    yield FileJob(f)
                    continue
                digest, items = parallel.read_input(f)
                rec = _File(f, digest)
                for item in items:
                    owner[id(item)] = rec
                    yield item
        except Exception as exc:  # the walk itself failed: the rest of this path is lost, not the batch
            if guards.debugging():
                raise
            yield IngestFailure(str(p), guards.internal_message(exc))


def _expand(unit: Any, result: Any, owner: dict[int, _File]) -> Iterator[tuple[Any, Any, _File | None]]:
    """(item, result, its file) of what ``run.map`` gave for one unit."""
    if isinstance(unit, FileJob):
        if isinstance(result, FileResult):
            rec = _File(unit.path, result.digest)
            for item, res in result.items:
                yield item, res, rec
        else:  # the worker reading it died: one failure for the file
            yield (result if isinstance(result, IngestFailure) else IngestFailure(unit.path, str(result))), result, None
        return
    yield unit, result, owner.pop(id(unit), None)


def iter_extractions(
    paths: Iterable[str | Path],
    on_failure: Callable[[IngestFailure], None] | None = None,
    *,
    workers: int | None = 1,
    dask: Any = None,
    progress: Callable[[str, Article | IngestFailure], None] | None = None,
) -> Iterator[Extraction]:
    """Ingest and extract, article by article (ids article-local, unresolved).

    ``workers`` processes extract (``None``: one per core), or the workers of
    the Dask cluster at ``dask``; the order is the inputs' order either way.
    ``progress(kind, item)``: as for :func:`load`, with ``"extracted"`` or
    ``"failed"`` once per item read."""
    with parallel.runner(workers, dask) as run:
        passed = lambda item: item if isinstance(item, IngestFailure) else None  # noqa: E731
        for source, item in run.map(parallel.extraction_job, iter_inputs(paths), passed):
            if isinstance(item, IngestFailure):
                if on_failure:
                    on_failure(item)
                if progress:
                    progress("failed", item)
                continue
            if progress:
                progress("extracted", source)
            yield item


def _iter_prepared(
    paths: Iterable[str | Path],
    on_failure: Callable[[IngestFailure], None] | None = None,
    *,
    workers: int | None = 1,
    dask: Any = None,
    progress: Callable[[str, Article | IngestFailure], None] | None = None,
) -> Iterator[tuple[Extraction, ArticleGraph]]:
    """``iter_extractions``, each as ``resolve.prepare`` gives it (computed
    where it is extracted); worker processes read the files themselves."""
    owner: dict[int, _File] = {}

    def classify(unit: Any) -> Any:
        if isinstance(unit, IngestFailure):
            return unit
        return None

    with parallel.runner(workers, dask) as run:
        run.start()
        for unit, result in run.map(parallel.prepare_job, _iter_units(paths, run, owner), classify):
            for item, res, _ in _expand(unit, result, owner):
                if isinstance(res, IngestFailure) or isinstance(item, IngestFailure):
                    f = res if isinstance(res, IngestFailure) else item
                    if on_failure:
                        on_failure(f)
                    if progress:
                        progress("failed", f)
                    continue
                if progress:
                    progress("extracted", item)
                yield res


def extract_paths(
    paths: Iterable[str | Path],
    overrides: Overrides | None = None,
    on_failure: Callable[[IngestFailure], None] | None = None,
    *,
    workers: int | None = 1,
    dask: Any = None,
    progress: Callable[[str, Article | IngestFailure], None] | None = None,
) -> list[Extraction]:
    """Extract and resolve a batch of files without any store: what
    ``policygraph extract`` prints. Ids are consistent across the batch.
    ``workers``/``dask``/``progress``: as for :func:`iter_extractions` (same result)."""
    prepared = list(_iter_prepared(paths, on_failure, workers=workers, dask=dask, progress=progress))
    return resolve_prepared(prepared, overrides)


#: store state key: "stale" from the first write of a load until the resolver
#: has run over what it wrote; a load finding it stale (an earlier load stopped
#: before resolving) resolves the whole store
RESOLUTION_KEY = "resolution"
#: store state key: input file -> the digest of its bytes (``parallel.input_digest``)
#: and the (article id, fingerprint, source) of each article it gave, as JSON;
#: a file whose digest and articles' fingerprints are all as stored is unchanged
#: without being parsed
INPUTS_KEY = "inputs"
_UNCHANGED = UNCHANGED  # an article whose stored fingerprint is its own


def _read_inputs(store: GraphStore) -> dict[str, list]:
    import json

    try:
        got = json.loads(store.get_state(INPUTS_KEY) or "{}")
    except ValueError:
        return {}
    return got if isinstance(got, dict) else {}


def load(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    overrides: Overrides | None = None,
    force: bool = False,
    progress: Callable[[str, Article | IngestFailure], None] | None = None,
    workers: int | None = 1,
    dask: Any = None,
) -> LoadReport:
    """Load files into a store. Unchanged articles are skipped (unless ``force``);
    a changed article replaces what it said before. Then the resolver merges the
    ids that denote one thing: it looks at the nodes this load wrote and the
    stored nodes their names can link to (found by name keys), so its cost follows
    the load, not the store; the graph is the one a run over the whole store gives.
    ``force``, overrides, or a store an earlier load left unresolved make it look
    at the whole store.

    ``progress(kind, item)`` is called once per item read with ``kind`` one of
    ``"extracted"``, ``"unchanged"`` or ``"failed"``, and also with
    ``"reading"`` just before an article is extracted (not an item done: a
    caller counting items ignores it).

    One bad input (a file, a feed record, an article the store refuses) is one
    entry of ``report.failures``; everything else is stored. A store that
    cannot be reached raises ``StoreError``. Ctrl-C (``KeyboardInterrupt``)
    stops at an article boundary: what was extracted so far is committed and
    ``LoadInterrupted`` is raised with the report; a re-run resumes (unchanged
    articles are skipped, the resolver runs again).

    ``workers``: extract in this many processes (``None``: one per core);
    ``dask``: extract on the Dask cluster whose scheduler is at this address
    (``tcp://host:8786``) or through this ``distributed.Client``. Either way
    the store is written by this process alone, in input order: the graph,
    the report and the progress calls are those of ``workers=1``."""
    report = LoadReport()
    known = store.fingerprints()
    inputs = _read_inputs(store)
    files_seen: dict[str, _File] = {}
    owner: dict[int, _File] = {}
    stale = store.get_state(RESOLUTION_KEY) == "stale"
    # a store left unresolved by an earlier load is resolved whole; else only what this
    # load wrote (and the ids it replaced) is looked at
    whole = stale or force or bool(overrides and (overrides.merges or overrides.splits))
    touched: set[str] = set()
    pending: list[ArticleGraph] = []
    batch = min(BATCH, store.write_batch)
    sources: dict[str, str] = {}

    def fail(f: IngestFailure) -> None:
        report.failures.append(f)
        if progress:
            progress("failed", f)

    def flush() -> None:
        nonlocal stale
        if not pending:
            return
        if not stale:
            store.set_state(RESOLUTION_KEY, "stale")
            stale = True
        batch = list(pending)
        pending.clear()
        if not whole:
            # what a replaced article said before is touched too (its ids may lose support)
            for g in batch:
                if g.article_id in known:
                    old = store.article_graph(g.article_id)
                    if old is not None:
                        touched.update(n.id for n in old.nodes if n.label in RESOLVER_LABELS)
        log.info("writing %d articles to %s", len(batch), store.describe())
        try:
            store.replace_articles(batch)
            written = batch
        except StoreConnectionError:
            raise
        except Exception as exc:  # one article the store refuses must not sink the others
            if guards.debugging() and not isinstance(exc, PolicygraphError):
                raise
            written = []
            for g in batch:
                try:
                    store.replace_articles([g])
                    written.append(g)
                except StoreConnectionError:
                    raise
                except PolicygraphError as e:
                    fail(IngestFailure(sources.get(g.article_id, g.article_id), f"not stored: {e}"))
                except Exception as e:
                    if guards.debugging():
                        raise
                    fail(IngestFailure(sources.get(g.article_id, g.article_id), f"not stored: {guards.internal_message(e)}"))
        report.articles_written += len(written)
        for g in written:
            touched.update(n.id for n in g.nodes if n.label in RESOLVER_LABELS)
        guards.crash_point("after-write")

    def settled(path: str, data: bytes) -> FileResult | None:
        """The result of an input file whose bytes are those its stored articles came from."""
        rec = inputs.get(path)
        try:
            digest, entries = rec
            if digest != parallel.input_digest(path, data):
                return None
            out = FileResult(digest)
            for aid, fp, src in entries:
                if known.get(aid) != fp:
                    return None
                out.items.append((Article(aid, src, "", ""), _UNCHANGED))
            return out
        except (TypeError, ValueError):  # not what this version wrote
            return None

    def classify(item: Article | IngestFailure | FileJob) -> object:
        """In order, before any extraction: what needs no extraction is settled here."""
        if isinstance(item, FileJob):
            return item.result  # None: read and extracted by a worker
        if isinstance(item, IngestFailure):
            return item
        settled = None if force else parallel.unchanged_or_failure(item, known)
        if settled is not None:
            return settled
        if progress:
            progress("reading", item)
        run.start()  # worker processes start at the first article to extract (a re-load starts none)
        return None  # to extract (maybe in another process)

    run = parallel.runner(workers, dask, context={"known": known, "force": force})
    if run.workers > 1:
        # the workers go on while this process writes: smaller writes leave less
        # to write once the last article is extracted
        batch = min(batch, PARALLEL_BATCH)

    def handle(unit: Any, unit_result: Any) -> None:
        for item, result, rec in _expand(unit, unit_result, owner):
            if rec is not None:
                files_seen.setdefault(rec.path, rec)
                if rec is not files_seen[rec.path]:  # the same file named twice: the first counts
                    rec = None
            if isinstance(item, IngestFailure):
                if rec is not None:
                    rec.failed = True
                fail(item)
                continue
            report.articles_read += 1
            if result is _UNCHANGED:
                log.debug("unchanged: %s", item.source)
                report.articles_unchanged += 1
                if rec is not None:
                    rec.entries.append((item.id, known.get(item.id), item.source))
                if progress:
                    progress("unchanged", item)
                continue
            if isinstance(result, IngestFailure):
                if rec is not None:
                    rec.failed = True
                fail(result)
                continue
            graph, n_entities, n_relations = result
            if rec is not None:
                rec.entries.append((graph.article_id, graph.fingerprint, item.source))
            if progress and isinstance(unit, FileJob):
                progress("reading", item)  # read and extracted by a worker
            log.debug("extracted: %s (%d entities, %d relations)", item.source, n_entities, n_relations)
            pending.append(graph)
            sources[graph.article_id] = item.source
            if progress:
                progress("extracted", item)
            guards.crash_point("extracted")
            if len(pending) >= batch:
                flush()

    try:
        with run:
            units = _iter_units(paths, run, owner, settled, inputs.__contains__ if inputs and not force else None)
            for unit, unit_result in run.map(parallel.load_job, units, classify):
                handle(unit, unit_result)
        flush()
    except KeyboardInterrupt:
        # the pool is stopped (the articles in it are dropped); what was extracted before is committed
        try:
            flush()
        finally:
            raise LoadInterrupted(report) from None
    except ClusterError:
        flush()  # what came back before the cluster was lost is kept
        raise
    _remember_inputs(store, inputs, files_seen)
    guards.crash_point("before-resolve")
    if stale or force or (overrides and (overrides.merges or overrides.splits)):
        log.info("resolving ids across the store")
        try:
            report.merges = reconcile(store, overrides, touched=None if whole else touched)
        except KeyboardInterrupt:
            raise LoadInterrupted(report) from None
        log.info("resolver merges applied: %d", len(report.merges))
        guards.crash_point("resolved")
        store.set_state(RESOLUTION_KEY, "clean")
    counts = store.counts()
    report.nodes = counts["nodes"]
    report.relationships = counts["relationships"]
    return report


def _remember_inputs(store: GraphStore, inputs: dict[str, list], files: dict[str, _File]) -> None:
    """Keep, for each file read in full whose articles are all stored as it
    gave them, its digest and articles (``INPUTS_KEY``): a later load finds
    it unchanged before parsing it. A file that gave a failure is read again."""
    import json

    if not files:
        return
    now = store.fingerprints()
    changed = False
    for path, rec in files.items():
        ok = not rec.failed and rec.digest is not None and all(now.get(aid) == fp for aid, fp, _ in rec.entries)
        if ok:
            entry = [rec.digest, [list(e) for e in rec.entries]]
            if inputs.get(path) != entry:
                inputs[path], changed = entry, True
        elif inputs.pop(path, None) is not None:
            changed = True
    if changed:
        store.set_state(INPUTS_KEY, json.dumps(inputs, separators=(",", ":")))


class LoadInterrupted(PolicygraphError):
    """A load stopped by Ctrl-C; ``report`` says what was committed."""

    def __init__(self, report: LoadReport):
        super().__init__(
            f"interrupted: {report.articles_written} article(s) committed in this run; "
            "run the same command again to resume (stored articles are skipped)"
        )
        self.report = report


def _neighbourhood(store: GraphStore, seeds: set[str]) -> tuple[list[NodeRecord], list[RelRecord], set[str]] | None:
    """What the resolver needs to resolve the ``seeds`` (node ids) as a run over the
    whole store would: the core (the seeds, and every node sharing a name key with
    one of them, fetched by key), and as context the nodes they point to. Every
    person's positions are read (a person's id embeds its organisation), the core
    persons' events, and the core events' venue, organisers and participants. None when a name
    has too many readings to look up (the caller resolves the whole store)."""
    seed_nodes = {i: n for i, n in store.nodes_by_id(sorted(seeds)).items() if n.label in RESOLVER_LABELS}
    keys: set[str] = set()
    for n in seed_nodes.values():
        keys |= resolver_keys(n)
    if "kp:*" in keys:
        return None
    core_nodes = dict(seed_nodes)
    core_nodes.update(store.nodes_by_keys(keys, resolver_keys, RESOLVER_LABELS, RESOLVER_KEYS_VERSION))
    nodes = dict(core_nodes)
    rels: dict[str, RelRecord] = {}

    def add(found: list[RelRecord]) -> set[str]:
        new = set()
        for r in found:
            rels[r.key] = r
            for end in (r.source, r.target):
                if end not in nodes:
                    new.add(end)
        return new

    # venue, organisers and participants matter for events reported on one day in
    # both scripts (consolidate's same-day rule); events of one day share a key
    scripts: dict[str, set[bool]] = defaultdict(set)
    for n in core_nodes.values():
        day = str(n.props.get("start_date") or "") if n.label == "Event" else ""
        if len(day) == 10:
            scripts[day].add(has_hangul(n.props.get("name")))
    core_events = [
        i for i, n in core_nodes.items()
        if n.label == "Event" and len(scripts.get(str(n.props.get("start_date") or ""), ())) == 2
    ]
    more = add(store.relationships_at(core_events, "HELD_AT", "source"))
    more |= add(store.relationships_at(core_events, "ORGANIZED", "target"))
    more |= add(store.relationships_at(core_events, "PARTICIPATED_IN", "target"))
    nodes.update(store.nodes_by_id(sorted(more)))
    persons = [i for i, n in nodes.items() if n.label == "Person"]
    more = add(store.relationships_at(persons, "HOLDS_POSITION", "source"))
    # a person's events matter when a namesake without organisation may join them
    # (consolidate's same-name rule): only for such persons are they read
    holding = {r.source for r in rels.values() if r.type == "HOLDS_POSITION"}
    loose_names = {norm(str(nodes[i].props.get("name"))) for i in persons if i not in holding}
    joinable = [
        i for i in persons if i in core_nodes and i in holding and norm(str(nodes[i].props.get("name"))) in loose_names
    ]
    more |= add(store.relationships_at(joinable, "PARTICIPATED_IN", "source"))
    nodes.update(store.nodes_by_id(sorted(more)))
    ordered = [nodes[i] for i in sorted(nodes)]
    return ordered, [rels[k] for k in sorted(rels)], set(core_nodes)


def _resolve_touched(store: GraphStore, touched: set[str], overrides: Overrides | None):
    """``consolidate`` over the neighbourhood of the touched nodes, widened until the
    persons of every organisation that changes id are in the core. None: resolve
    the whole store instead."""
    seeds = set(touched)
    while True:
        hood = _neighbourhood(store, seeds)
        if hood is None:
            return None
        nodes, rels, core = hood
        mapping, names = consolidate(nodes, rels, overrides, core=core)
        org_ids = {n.id for n in nodes if n.label == "Organization"}
        renamed_orgs = [old for old in mapping if old in org_ids]
        holders = {r.source for r in store.relationships_at(renamed_orgs, "HOLDS_POSITION", "target")} if renamed_orgs else set()
        if holders <= core:
            return nodes, mapping, names
        seeds |= holders


def reconcile(
    store: GraphStore,
    overrides: Overrides | None = None,
    max_rounds: int = 4,
    touched: Iterable[str] | None = None,
) -> list[tuple[str, str, str]]:
    """Run the resolver and rewrite the articles whose ids changed. Returns the
    merges applied (old id, new id, reason).

    ``touched``: the ids of the nodes a load wrote (the store being resolved
    before it). Then only they, their candidates (looked up by name keys) and
    what those point to are read, so the cost follows the batch, not the store;
    without it the resolver looks at the whole store."""
    applied: list[tuple[str, str, str]] = []
    seeds = set(touched) if touched is not None else None
    for _ in range(max_rounds):
        got = _resolve_touched(store, seeds, overrides) if seeds is not None else None
        if got is not None:
            nodes, mapping, names = got
        else:
            # only what the resolver looks at: no Article, Quote, Topic nodes, no MENTIONS
            nodes = [n for label in RESOLVER_LABELS for n in store.nodes(label)]
            rels = [r for t in CONSOLIDATION_RELS for r in store.relationships(t)]
            mapping, names = consolidate(nodes, rels, overrides)
        if not mapping:
            break
        affected: set[str] = set()
        by_id = {n.id: n for n in nodes}
        for old in mapping:
            n = by_id.get(old)
            if n is not None:
                affected.update(n.props.get("articles") or [])
        graphs = []
        for aid in sorted(affected):
            g = store.article_graph(aid)
            if g is not None:
                graphs.append(rename_graph(g, mapping, names))
        batch = min(BATCH, store.write_batch)
        for i in range(0, len(graphs), batch):
            store.replace_articles(graphs[i : i + batch])
            guards.crash_point("mid-resolve")
        if seeds is not None:
            # the next round looks at what the rewritten articles now say
            seeds = {n.id for g in graphs for n in g.nodes if n.label in RESOLVER_LABELS}
        applied.extend((old, new, why) for old, (new, why) in sorted(mapping.items()))
        for old, (new, why) in sorted(mapping.items()):
            log.debug("merged %s -> %s: %s", old, new, why)
    return applied


def rename_graph(g: ArticleGraph, mapping: dict[str, tuple[str, str]], names: dict[str, str]) -> ArticleGraph:
    """Apply ``old id -> (new id, reason)`` to one article's contribution."""
    nodes: dict[str, NodeRecord] = {}
    for n in g.nodes:
        new, why = mapping.get(n.id, (n.id, None))
        props = dict(n.props)
        props.pop("articles", None)
        cname = names.get(new)
        if cname and props.get("name") != cname and n.label != "Article":
            old_name = props.get("name")
            props["name"] = cname
            aliases = list(props.get("aliases") or [])
            if old_name and old_name not in aliases and old_name != cname:
                aliases.append(old_name)
            props["aliases"] = aliases
            if old_name and not has_hangul(str(old_name)) and not props.get("name_en"):
                props["name_en"] = old_name
        if why:
            props["merge_reasons"] = sorted(set(props.get("merge_reasons") or []) | {f"{n.id} -> {new}: {why}"})
            props["merged_ids"] = sorted(set(props.get("merged_ids") or []) | {n.id})
        if new in nodes:
            nodes[new].props = merge_props([nodes[new].props, props])
        else:
            nodes[new] = NodeRecord(new, n.label, props)
    rels: dict[str, RelRecord] = {}
    for r in g.rels:
        s = mapping.get(r.source, (r.source, None))[0]
        t = mapping.get(r.target, (r.target, None))[0]
        if s == t:
            continue
        parts = r.key.split("|")
        disc = parts[3] if len(parts) > 3 and r.type == "HOLDS_POSITION" else None
        key = rel_key(r.type, s, t, disc)
        props = dict(r.props)
        props.pop("articles", None)
        if key in rels:
            rels[key].props = merge_props([rels[key].props, props])
        else:
            rels[key] = RelRecord(key, r.type, s, t, props)
    return ArticleGraph(g.article_id, g.fingerprint, list(nodes.values()), list(rels.values()))


def failures_by_source(report: LoadReport) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for f in report.failures:
        out[f.source].append(f.message)
    return out
