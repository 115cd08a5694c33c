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
from typing import Callable, Iterable, Iterator

from .build import article_fingerprint, rel_key, to_article_graph
from .errors import PolicygraphError
from .extract import EXTRACTOR_VERSION, extract
from .ingest import iter_articles
from .models import Article, ArticleGraph, Extraction, IngestFailure, NodeRecord, RelRecord
from .resolve import CONSOLIDATION_RELS, Overrides, assign_ids, consolidate, has_hangul, resolve_batch
from .stores.base import GraphStore, merge_props

BATCH = 200
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
        lines.append("nodes: " + ", ".join(f"{k} {v}" for k, v in sorted(self.nodes.items())) or "nodes: none")
        lines.append("relationships: " + ", ".join(f"{k} {v}" for k, v in sorted(self.relationships.items())))
        return "\n".join(lines)


def iter_extractions(
    paths: Iterable[str | Path], on_failure: Callable[[IngestFailure], None] | None = None
) -> Iterator[Extraction]:
    """Ingest and extract, article by article (ids article-local, unresolved)."""
    for item in iter_articles(paths):
        if isinstance(item, IngestFailure):
            if on_failure:
                on_failure(item)
            continue
        try:
            yield extract(item)
        except PolicygraphError as exc:
            if on_failure:
                on_failure(IngestFailure(item.source, str(exc)))


def extract_paths(
    paths: Iterable[str | Path],
    overrides: Overrides | None = None,
    on_failure: Callable[[IngestFailure], None] | None = None,
) -> list[Extraction]:
    """Extract and resolve a batch of files without any store: what
    ``policygraph extract`` prints. Ids are consistent across the batch."""
    exs = list(iter_extractions(paths, on_failure))
    return resolve_batch(exs, EXTRACTOR_VERSION, overrides)


def load(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    overrides: Overrides | None = None,
    force: bool = False,
    progress: Callable[[str, Article | IngestFailure], None] | None = None,
) -> LoadReport:
    """Load files into a store. Unchanged articles are skipped (unless ``force``);
    a changed article replaces what it said before. Then the resolver looks at
    the whole store and merges the ids that denote one thing.

    ``progress(kind, item)`` is called once per item read with ``kind`` one of
    ``"extracted"``, ``"unchanged"`` or ``"failed"``, and also with
    ``"reading"`` just before an article is extracted (not an item done: a
    caller counting items ignores it)."""
    report = LoadReport()
    known = store.fingerprints()
    pending: list[ArticleGraph] = []

    def flush() -> None:
        if pending:
            log.info("writing %d articles to %s", len(pending), store.describe())
            store.replace_articles(pending)
            report.articles_written += len(pending)
            pending.clear()

    for item in iter_articles(paths):
        if isinstance(item, IngestFailure):
            report.failures.append(item)
            if progress:
                progress("failed", item)
            continue
        report.articles_read += 1
        if not force and known.get(item.id) == article_fingerprint(item, EXTRACTOR_VERSION):
            log.debug("unchanged: %s", item.source)
            report.articles_unchanged += 1
            if progress:
                progress("unchanged", item)
            continue
        if progress:
            progress("reading", item)
        try:
            ex = assign_ids(extract(item))
        except PolicygraphError as exc:
            fail = IngestFailure(item.source, str(exc))
            report.failures.append(fail)
            if progress:
                progress("failed", fail)
            continue
        log.debug("extracted: %s (%d entities, %d relations)", item.source, len(ex.entities), len(ex.relations))
        pending.append(to_article_graph(ex, EXTRACTOR_VERSION))
        if progress:
            progress("extracted", item)
        if len(pending) >= BATCH:
            flush()
    flush()
    if report.articles_written or force or (overrides and (overrides.merges or overrides.splits)):
        log.info("resolving ids across the store")
        report.merges = reconcile(store, overrides)
        log.info("resolver merges applied: %d", len(report.merges))
    counts = store.counts()
    report.nodes = counts["nodes"]
    report.relationships = counts["relationships"]
    return report


def reconcile(store: GraphStore, overrides: Overrides | None = None, max_rounds: int = 4) -> list[tuple[str, str, str]]:
    """Run the resolver over the whole store and rewrite the articles whose ids
    changed. Returns the merges applied (old id, new id, reason)."""
    applied: list[tuple[str, str, str]] = []
    for _ in range(max_rounds):
        # only what the resolver looks at: no Article, Quote, Topic nodes, no MENTIONS
        nodes = [n for label in ("Person", "Organization", "Event", "Place") for n in store.nodes(label)]
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
        for i in range(0, len(graphs), BATCH):
            store.replace_articles(graphs[i : i + BATCH])
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
