"""Rich renderings of the views (:mod:`policygraph.views`) for the terminal.

Each function prints to a ``rich.console.Console``; on a pipe rich writes
plain text (no colour codes), so output stays greppable.
"""
from __future__ import annotations

from typing import Any, Iterable

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .models import Extraction
from .views import TYPE_ORDER, ArticleView, EntityView, StatsView, name_of, relation_phrase

COLORS = {
    "Person": "bright_blue",
    "Organization": "green",
    "Event": "magenta",
    "Place": "yellow",
    "Topic": "cyan",
    "Product": "bright_red",
    "Quote": "white",
    "Article": "bright_black",
}


def _label(label: str) -> str:
    return f"[{COLORS.get(label, 'white')}]{escape(label)}[/]"


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(f"[bold underline]{escape(text)}[/]")


def _shorten(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def article(console: Console, v: ArticleView) -> None:
    p = v.node.props
    console.print(f"[bold]{escape(v.title)}[/]")
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim")
    meta.add_column()
    for key, val in (
        ("date", p.get("published") or p.get("date")),
        ("source", p.get("source")),
        ("publisher", p.get("publisher")),
        ("issued by", ", ".join(v.issuer) if v.issuer else None),
        ("url", p.get("url")),
        ("language", p.get("lang")),
        ("id", v.node.id),
    ):
        if val:
            meta.add_row(key, escape(str(val)))
    console.print(meta)

    if v.entities:
        _heading(console, "Entities")
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        t.add_column("type")
        t.add_column("name")
        t.add_column("also")
        t.add_column("id", style="dim")
        for lab in TYPE_ORDER:
            for n in v.entities.get(lab, []):
                also = [x for x in [n.props.get("name_en"), *(n.props.get("aliases") or [])] if x and x != name_of(n)]
                t.add_row(_label(lab), escape(name_of(n)), escape(", ".join(dict.fromkeys(map(str, also)))), escape(n.id))
        console.print(t)
    if v.relations:
        _heading(console, "Relations")
        for s in v.relations:
            console.print(f"  {escape(s)}", highlight=False)
    if v.events:
        _heading(console, "Events")
        for e in v.events:
            where = f" at {', '.join(e.places)}" if e.places else ""
            by = f", organised by {', '.join(e.organisers)}" if e.organisers else ""
            console.print(f"  {escape(e.date or 'date unknown')}  [magenta]{escape(name_of(e.node))}[/]{escape(where + by)}",
                          highlight=False)
    if v.quotes:
        _heading(console, "Quotes")
        for q in v.quotes:
            console.print(f"  [bold]{escape(q.speaker)}[/]: “{escape(q.text)}”", highlight=False)


def entity(console: Console, v: EntityView) -> None:
    n = v.node
    console.print(f"{_label(n.label)} [bold]{escape(name_of(n))}[/]"
                  + (f" ({escape(str(n.props['name_en']))})" if n.props.get("name_en") and n.props['name_en'] != name_of(n) else "")
                  + f"  [dim]{escape(n.id)}[/]")
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="dim")
    meta.add_column()
    meta.add_row("names", escape(", ".join(v.names)))
    if v.forms:
        meta.add_row("written as", escape(", ".join(f"{f} ×{c}" if c > 1 else f for f, c in v.forms.most_common())))
    for k, val in v.details.items():
        meta.add_row(k.replace("_", " "), escape(", ".join(map(str, val)) if isinstance(val, list) else str(val)))
    console.print(meta)

    if v.positions:
        _heading(console, "Positions over time" if n.label == "Person" else "People and their positions")
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        t.add_column("from")
        t.add_column("to")
        if n.label != "Person":
            t.add_column("person")
        t.add_column("title")
        if n.label == "Person":
            t.add_column("organisation")
        for p in v.positions:
            row = [p.first, p.last if p.last != p.first else ""]
            row += [p.person, p.title] if n.label != "Person" else [p.title, p.organisation]
            t.add_row(*map(escape, row))
        console.print(t)
    if v.events:
        _heading(console, "Events")
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for c in ("date", "event", "how", "where"):
            t.add_column(c)
        for e in v.events:
            t.add_row(escape(e.date), f"[magenta]{escape(name_of(e.node))}[/]", escape(e.how), escape(", ".join(e.places)))
        console.print(t)
    if v.co_participants:
        _heading(console, "Took part with" if n.label != "Event" else "Participants and organisers")
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        t.add_column("type")
        t.add_column("name")
        t.add_column("shared events" if n.label != "Event" else "id", justify="right" if n.label != "Event" else "left")
        for c in v.co_participants:
            t.add_row(_label(c.node.label), escape(name_of(c.node)),
                      str(c.shared) if n.label != "Event" else f"[dim]{escape(c.node.id)}[/]")
        console.print(t)
    if v.quotes:
        _heading(console, "Quotes")
        for q in v.quotes:
            when = f"[dim]{escape(q.date)}[/] " if q.date else ""
            console.print(f"  {when}“{escape(q.text)}”", highlight=False)
    if v.relations:
        _heading(console, "Relations")
        for s in v.relations:
            console.print(f"  {escape(s)}", highlight=False)
    if v.articles:
        _heading(console, f"Articles ({len(v.articles)})")
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for c in ("date", "title", "source"):
            t.add_column(c)
        for a in v.articles:
            t.add_row(escape(a.date), escape(_shorten(a.title, 70)), f"[dim]{escape(a.source)}[/]")
        console.print(t)
    _heading(console, "Merged by the resolver")
    if v.merge_reasons:
        for why in v.merge_reasons:
            console.print(f"  {escape(why)}", highlight=False)
    else:
        console.print("  nothing (every article gave this id directly)")


def stats(console: Console, v: StatsView) -> None:
    console.print(f"store: {escape(v.where)}", highlight=False)
    t = Table(title="Nodes", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
    t.add_column("type")
    t.add_column("count", justify="right")
    for lab, c in sorted(v.nodes.items(), key=lambda x: (TYPE_ORDER.index(x[0]) if x[0] in TYPE_ORDER else 99, x[0])):
        t.add_row(_label(lab), str(c))
    t.add_row("[bold]total[/]", f"[bold]{sum(v.nodes.values())}[/]")
    r = Table(title="Relationships", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
    r.add_column("type")
    r.add_column("count", justify="right")
    for typ, c in sorted(v.relationships.items()):
        r.add_row(escape(typ), str(c))
    r.add_row("[bold]total[/]", f"[bold]{sum(v.relationships.values())}[/]")
    console.print(t)
    console.print()
    console.print(r)
    for lab, rows in v.top.items():
        tt = Table(title=f"Top {lab} (articles naming it)", box=box.SIMPLE_HEAD, title_justify="left", show_edge=False)
        tt.add_column("name")
        tt.add_column("articles", justify="right")
        tt.add_column("id", style="dim")
        for node, count in rows:
            tt.add_row(escape(name_of(node)), str(count), escape(node.id))
        console.print()
        console.print(tt)


def extractions(console: Console, exs: Iterable[Extraction]) -> None:
    """``policygraph extract --format table``: per article, its entities and
    relations as sentences."""
    from .models import NodeRecord

    for ex in exs:
        a = ex.article
        console.print(f"[bold]{escape(a.title or a.id)}[/]  [dim]{escape(a.source)}"
                      + (f", {a.published.date().isoformat()}" if a.published else "") + f", {a.lang}[/]")
        t = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for c in ("type", "name", "also", "mentions", "first at", "id"):
            t.add_column(c, justify="right" if c in ("mentions", "first at") else "left",
                         no_wrap=c in ("type", "id", "mentions", "first at"), overflow="fold" if c == "id" else "ellipsis")
        ents = sorted(ex.entities, key=lambda e: (TYPE_ORDER.index(e.type) if e.type in TYPE_ORDER else 99,
                                                  min((m.start for m in e.mentions), default=0)))
        for e in ents:
            name = e.properties.get("text") if e.type == "Quote" else e.name
            also = list(dict.fromkeys(x for x in [e.name_en, *e.aliases] if x and x != name))
            first = min((m.start for m in e.mentions), default=None)
            t.add_row(_label(e.type), escape(_shorten(str(name), 60)), escape(_shorten(", ".join(also), 60)),
                      str(len(e.mentions)), "" if first is None else str(first), f"[dim]{escape(e.id)}[/]")
        console.print(t)
        nodes = {e.id: NodeRecord(e.id, e.type, {"name": e.name, **({"text": e.properties["text"]} if e.type == "Quote" and e.properties.get("text") else {})})
                 for e in ex.entities}
        if ex.relations:
            r = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
            for c in ("from", "relation", "to", "evidence at"):
                r.add_column(c)
            for rel in ex.relations:
                from .models import RelRecord

                rr = RelRecord("", rel.type, rel.source, rel.target, dict(rel.properties))
                tgt = name_of(nodes.get(rel.target), rel.target)
                r.add_row(escape(name_of(nodes.get(rel.source), rel.source)), escape(relation_phrase(rr)),
                          escape(_shorten(tgt, 60)),
                          f"{rel.evidence.start}-{rel.evidence.end}" if rel.evidence else "")
            console.print(r)
        console.print()


def several(console: Console, query: str, found: list[Any], shown: int) -> None:
    console.print(f"[dim]{len(found)} matches for '{escape(query)}'"
                  + (f"; the first {shown} shown, the others:" if len(found) > shown else "") + "[/]")
    for n in found[shown:]:
        console.print(f"  {_label(n.label)} {escape(name_of(n))}  [dim]{escape(n.id)}[/]")
