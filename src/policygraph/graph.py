"""The merged graph for analysis in Python: networkx, flat tables, a picture.

* :func:`to_networkx` gives a ``networkx.MultiDiGraph``: nodes keyed by id with
  ``label`` and the node's props as attributes, one edge per relationship keyed
  by the relationship key with ``type`` and its props.
* :func:`nodes_table` / :func:`relationships_table` give lists of flat dicts,
  every row with the same columns, so ``pandas.DataFrame(nodes_table(store))``
  just works (pandas is not a dependency).
* :func:`draw` writes a PNG / SVG / PDF picture with matplotlib, an optional
  extra: ``pip install policygraph[viz]``.

Every function takes any GraphStore and reads only ``nodes()`` and
``relationships()``.
"""
from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from .errors import ExportError, PolicygraphError
from .models import OTHER_COLOR
from .models import TYPE_COLORS as _COLORS
from .stores.base import GraphStore

NODE_COLUMNS = ("id", "label")
REL_COLUMNS = ("key", "type", "source", "target")


def _as_set(values: str | Iterable[str] | None) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        return {values}
    return set(values)


def to_networkx(
    store: GraphStore,
    labels: str | Iterable[str] | None = None,
    rel_types: str | Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """The store's merged graph as a ``networkx.MultiDiGraph``.

    ``labels``: keep only nodes with these labels (and the relationships
    between kept nodes). ``rel_types``: keep only relationships of these
    types. Node attributes: ``label`` plus the node's props; edge key: the
    relationship key; edge attributes: ``type`` plus the relationship's props.
    A relationship whose end is not a node of the store (it should not happen)
    still gets its edge, with a bare node at that end, unless ``labels`` is
    given.
    """
    want_labels, want_types = _as_set(labels), _as_set(rel_types)
    g = nx.MultiDiGraph()
    for n in store.nodes():
        if want_labels is None or n.label in want_labels:
            g.add_node(n.id)
            g.nodes[n.id].update({**n.props, "label": n.label})
    for r in store.relationships():
        if want_types is not None and r.type not in want_types:
            continue
        if want_labels is not None and (r.source not in g or r.target not in g):
            continue
        g.add_edge(r.source, r.target, key=r.key)
        g.edges[r.source, r.target, r.key].update({**r.props, "type": r.type})
    return g


def _rows(base: list[dict[str, Any]], fixed: tuple[str, ...]) -> list[dict[str, Any]]:
    columns: dict[str, None] = dict.fromkeys(fixed)
    for row in base:
        columns.update(dict.fromkeys(row))
    extra = sorted(c for c in columns if c not in fixed)
    order = list(fixed) + extra
    return [{c: row.get(c) for c in order} for row in base]


def _flat(fixed: dict[str, Any], props: dict[str, Any]) -> dict[str, Any]:
    row = dict(fixed)
    for k, v in props.items():
        # a prop named like a fixed column ("id", "label" ...) keeps its value as "prop_<name>"
        row[f"prop_{k}" if k in fixed else k] = list(v) if isinstance(v, (list, tuple)) else v
    return row


def nodes_table(store: GraphStore, label: str | None = None) -> list[dict[str, Any]]:
    """One flat dict per node (``id``, ``label``, then every prop, sorted by name).

    Every row has the same keys (None where a node lacks the prop); list props
    stay lists. ``pandas.DataFrame(nodes_table(store))`` gives a table.
    """
    return _rows([_flat({"id": n.id, "label": n.label}, n.props) for n in store.nodes(label)], NODE_COLUMNS)


def relationships_table(store: GraphStore, rel_type: str | None = None) -> list[dict[str, Any]]:
    """One flat dict per relationship (``key``, ``type``, ``source``, ``target``, then its props)."""
    return _rows(
        [
            _flat({"key": r.key, "type": r.type, "source": r.source, "target": r.target}, r.props)
            for r in store.relationships(rel_type)
        ],
        REL_COLUMNS,
    )


# ----------------------------------------------------------------------------
# drawing

_KOREAN_FONTS = (
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "NanumGothic",
    "NanumBarunGothic",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "AppleGothic",
    "UnDotum",
    "Baekmuk Gulim",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Droid Sans Fallback",
)
_FORMATS = {".png", ".svg", ".pdf"}
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def _matplotlib() -> Any:
    try:
        import matplotlib  # noqa: F401
        from matplotlib.figure import Figure
    except ImportError:
        raise PolicygraphError(
            "drawing needs matplotlib, an optional extra: pip install 'policygraph[viz]'"
        ) from None
    return Figure


def _korean_font() -> str | None:
    from matplotlib import font_manager

    from .plots import korean_font

    try:
        return korean_font()  # NanumGothic of koreanize-matplotlib (the viz extra), registered
    except PolicygraphError:
        pass
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _KOREAN_FONTS:
        if name in installed:
            return name
    return None


def draw(
    graph_or_store: GraphStore | nx.Graph,
    path: str | os.PathLike[str],
    *,
    labels: str | Iterable[str] | None = None,
    rel_types: str | Iterable[str] | None = None,
    layout: str = "spring",
    max_nodes: int = 300,
    figsize: tuple[float, float] = (14.0, 10.0),
    dpi: int = 120,
    title: str | None = None,
    edge_labels: bool = True,
    seed: int = 7,
    font: str | None = None,
) -> Path:
    """Draw the graph (a store, or a networkx graph from :func:`to_networkx`) to ``path``.

    The format follows the suffix: ``.png``, ``.svg`` or ``.pdf``. Nodes are
    coloured by label and named by their ``name`` (else their id); edges carry
    their type. Above ``max_nodes`` nodes only the best connected are drawn.
    ``layout``: spring | kamada_kawai | circular | shell. ``font``: the font
    family for names; by default NanumGothic from koreanize-matplotlib (in the
    ``viz`` extra), else the first installed font with Hangul (Noto Sans CJK
    KR, Malgun Gothic, AppleGothic ...). With none,
    Korean names are replaced by their ``name_en`` where there is one, and a
    warning says which font to install. Needs matplotlib
    (``pip install 'policygraph[viz]'``); returns the path written.
    """
    Figure = _matplotlib()
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in _FORMATS:
        raise ExportError(f"cannot draw to {out}: use a .png, .svg or .pdf file name")
    if out.is_dir() or not out.parent.is_dir():
        raise ExportError(f"cannot draw to {out}: {'is a directory' if out.is_dir() else 'no such directory'}")
    if isinstance(graph_or_store, nx.Graph):
        g = graph_or_store
        if labels is not None or rel_types is not None:
            want_l, want_t = _as_set(labels), _as_set(rel_types)
            keep = [n for n, d in g.nodes(data=True) if want_l is None or d.get("label") in want_l]
            g = g.subgraph(keep).copy()
            if want_t is not None:
                drop = [(u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d.get("type") not in want_t]
                g.remove_edges_from(drop)
    else:
        g = to_networkx(graph_or_store, labels=labels, rel_types=rel_types)

    hidden = 0
    if g.number_of_nodes() > max_nodes:
        ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), str(n)))
        hidden = g.number_of_nodes() - max_nodes
        g = g.subgraph(ranked[:max_nodes]).copy()

    simple = nx.Graph(g)  # layouts want a simple undirected graph
    layouts = {
        "spring": lambda: nx.spring_layout(simple, seed=seed, k=None),
        "kamada_kawai": lambda: nx.kamada_kawai_layout(simple),
        "circular": lambda: nx.circular_layout(simple),
        "shell": lambda: nx.shell_layout(simple),
    }
    if layout not in layouts:
        raise PolicygraphError(f"unknown layout {layout!r}; use one of {', '.join(layouts)}")
    pos = layouts[layout]() if g.number_of_nodes() else {}

    fig = Figure(figsize=figsize, dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_axis_off()
    font = font or _korean_font()
    font_kw = {"font_family": font} if font else {}
    node_colors = [_COLORS.get(d.get("label", ""), OTHER_COLOR) for _, d in g.nodes(data=True)]
    names = {n: str(d.get("name") or d.get("title") or d.get("text") or n) for n, d in g.nodes(data=True)}
    if font is None and any(_HANGUL.search(s) for s in names.values()):
        warnings.warn(
            "no font with Hangul found: Korean names are drawn with their English names where known; "
            "install one (e.g. fonts-noto-cjk or fonts-nanum) or pass font=",
            stacklevel=2,
        )
        for n, d in g.nodes(data=True):
            if _HANGUL.search(names[n]) and d.get("name_en"):
                names[n] = str(d["name_en"])
    names = {n: (s if len(s) <= 24 else s[:23] + "…") for n, s in names.items()}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*[Gg]lyph.*missing.*")
        warnings.filterwarnings("ignore", message=".*findfont.*")
        nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#999999", arrows=True, arrowsize=10, width=0.8,
                               node_size=600)
        nx.draw_networkx_nodes(g, pos, ax=ax, node_color=node_colors, node_size=600, linewidths=0.5,
                               edgecolors="#333333")
        nx.draw_networkx_labels(g, pos, labels=names, ax=ax, font_size=8, **font_kw)
        if edge_labels and g.number_of_edges() <= 200:
            elabels: dict[tuple[Any, Any], str] = {}
            for u, v, d in g.edges(data=True):
                t = str(d.get("type", ""))
                elabels[(u, v)] = t if (u, v) not in elabels else f"{elabels[(u, v)]}, {t}"
            nx.draw_networkx_edge_labels(g, pos, edge_labels=elabels, ax=ax, font_size=6, **font_kw)
        present = sorted({d.get("label", "") for _, d in g.nodes(data=True)})
        if present:
            from matplotlib.lines import Line2D

            handles = [
                Line2D([0], [0], marker="o", color="w", markerfacecolor=_COLORS.get(lab, OTHER_COLOR), markersize=9,
                       label=lab or "?")
                for lab in present
            ]
            ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
        text = title or f"{g.number_of_nodes()} nodes, {g.number_of_edges()} relationships"
        if hidden:
            text += f" ({hidden} less connected nodes not drawn)"
        ax.set_title(text, fontsize=10, **({"fontfamily": font} if font else {}))
        fig.tight_layout()
        try:
            fig.savefig(out, format=suffix[1:])
        except OSError as e:
            raise ExportError(f"cannot draw to {out}: {e.strerror or e}") from None
    return out


__all__ = ["to_networkx", "nodes_table", "relationships_table", "draw"]
