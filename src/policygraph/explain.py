"""``policygraph show``: an entity, its aliases with the article spans behind
each, its relationships, and the resolver's reasons for every merge."""
from __future__ import annotations

from collections import defaultdict

from .errors import PolicygraphError
from .extract.doc import norm
from .stores.base import GraphStore


class EntityNotFound(PolicygraphError):
    pass


def find_entity(store: GraphStore, query: str):
    """By id, else by exact normalised name or alias (several matches: all)."""
    node = store.node(query)
    if node is not None:
        return [node]
    q = norm(query)
    hits = []
    for n in store.nodes():
        if n.label == "Article":
            continue
        names = [n.props.get("name"), n.props.get("name_en"), *(n.props.get("aliases") or [])]
        if any(isinstance(x, str) and norm(x) == q for x in names):
            hits.append(n)
    if not hits:
        raise EntityNotFound(f"no entity with id, name or alias '{query}'")
    return hits


def explain(store: GraphStore, query: str) -> str:
    out = []
    for node in find_entity(store, query):
        out.append(_explain_one(store, node))
    return "\n\n".join(out)


def _explain_one(store: GraphStore, node) -> str:
    p = node.props
    lines = [f"{node.label} {node.id}", f"  name: {p.get('name')}" + (f"   name_en: {p['name_en']}" if p.get("name_en") else "")]
    if p.get("aliases"):
        lines.append("  aliases: " + ", ".join(p["aliases"]))
    extra = {k: v for k, v in p.items() if k not in ("name", "name_en", "aliases", "articles", "merge_reasons", "merged_ids", "name_ko", "name_en")}
    for k, v in sorted(extra.items()):
        lines.append(f"  {k}: {v}")
    articles = {n.id: n for n in store.nodes("Article")}
    mentions = [r for r in store.relationships("MENTIONS") if r.target == node.id]
    by_form: dict[str, list[str]] = defaultdict(list)
    for r in mentions:
        art = articles.get(r.source)
        title = art.props.get("title") if art else r.source
        where: dict[str, list[str]] = defaultdict(list)
        for item in r.props.get("mentions") or []:
            span, _, form = str(item).partition(" ")
            where[form].append(span)
        for f, spans in where.items():
            by_form[f].append(f"{r.source} ({title}) at {', '.join(spans)}")
    lines.append(f"  seen in {len(mentions)} article(s); forms and where:")
    for form in sorted(by_form):
        lines.append(f"    {form}")
        for where in by_form[form]:
            lines.append(f"      {where}")
    rels = [r for r in store.relationships() if r.type != "MENTIONS" and node.id in (r.source, r.target)]
    if rels:
        lines.append("  relationships:")
        for r in rels:
            arrow = f"-[{r.type}]-> {r.target}" if r.source == node.id else f"<-[{r.type}]- {r.source}"
            props = {k: v for k, v in r.props.items() if k not in ("articles", "evidence", "evidence_spans")}
            lines.append(f"    {arrow} {props if props else ''} (articles: {', '.join(r.props.get('articles') or [])})")
    reasons = p.get("merge_reasons") or []
    if reasons:
        lines.append("  merged by the resolver:")
        for why in reasons:
            lines.append(f"    {why}")
    else:
        lines.append("  merged by the resolver: nothing (every article gave this id directly)")
    return "\n".join(lines)
