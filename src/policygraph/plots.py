"""Pictures for notebooks that work on a fresh machine: Hangul renders, labels
do not overlap.

* :func:`korean_font` registers the NanumGothic font (shipped by the
  ``koreanize-matplotlib`` package, SIL Open Font License; its module is never
  imported, only its font file is registered with matplotlib's font manager)
  and returns its family name; :func:`use_korean_font` makes it the default
  for your own plots too.
* :func:`timeline` (events by ministry over time), :func:`ranked_bars`
  (top hosts, top invitees, countries ...), :func:`network` (an ego network or
  a co-participation network) return a ``matplotlib.figure.Figure``; pass
  ``path=`` to save it as well. Labels are placed by adjustText where they
  could collide.

Needs the ``[notebook]`` (or ``[viz]``) extra: matplotlib, adjustText,
koreanize-matplotlib.
"""
from __future__ import annotations

import contextlib
import importlib.util
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import networkx as nx

from .errors import ExportError, PolicygraphError
from .models import OTHER_COLOR
from .models import TYPE_COLORS as COLORS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

    from .notebook import PolicyGraph

# system fonts with Hangul, used when the packaged one is missing
SYSTEM_KOREAN_FONTS = ("NanumGothic", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo",
                       "AppleGothic", "UnDotum")
_FONT: str | None = None


def _mpl() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise PolicygraphError("pictures need matplotlib: pip install 'policygraph[notebook]'") from None
    return matplotlib


def packaged_font_file() -> Path | None:
    """NanumGothic.ttf of the koreanize-matplotlib package, found without importing it."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        f = Path(loc) / "fonts" / "NanumGothic.ttf"
        if f.is_file():
            return f
    return None


def korean_font() -> str:
    """The family name of a font with Hangul, registered with matplotlib:
    NanumGothic from koreanize-matplotlib, else an installed system font."""
    global _FONT
    if _FONT is not None:
        return _FONT
    _mpl()
    from matplotlib import font_manager

    f = packaged_font_file()
    if f is not None:
        for face in sorted(f.parent.glob("NanumGothic*.ttf")):  # regular, bold, light ... of one family
            font_manager.fontManager.addfont(str(face))
        _FONT = font_manager.FontProperties(fname=str(f)).get_name()
        return _FONT
    installed = {x.name for x in font_manager.fontManager.ttflist}
    for name in SYSTEM_KOREAN_FONTS:
        if name in installed:
            _FONT = name
            return name
    raise PolicygraphError("no font with Hangul: pip install 'policygraph[notebook]' (brings NanumGothic)")


def font_families() -> list[str]:
    """The font.family list pictures use: the Korean font, DejaVu Sans for any glyph it lacks."""
    return [korean_font(), "DejaVu Sans"]


def use_korean_font() -> str:
    """Make the Korean font matplotlib's default (for your own plots too); returns its name."""
    mpl = _mpl()
    mpl.rcParams["font.family"] = font_families()
    mpl.rcParams["axes.unicode_minus"] = False
    return korean_font()


@contextlib.contextmanager
def _style() -> Iterator[None]:
    mpl = _mpl()
    with mpl.rc_context({"font.family": font_families(), "axes.unicode_minus": False, "font.size": 10,
                         "axes.spines.top": False, "axes.spines.right": False}):
        yield


def _figure(figsize: tuple[float, float], dpi: int) -> "Figure":
    _mpl()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    class Picture(Figure):
        """A matplotlib Figure that a notebook shows inline as a PNG, with or without pyplot."""

        def _repr_png_(self) -> bytes:
            buf = io.BytesIO()
            self.savefig(buf, format="png", dpi=self.dpi)
            return buf.getvalue()

    fig = Picture(figsize=figsize, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)  # drawn off-screen (label placement measures text); notebooks show it inline
    return fig


def _save(fig: "Figure", path: str | os.PathLike[str] | None) -> None:
    if path is None:
        return
    out = Path(path)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ExportError(f"cannot save a picture to {out}: use a .png, .svg or .pdf file name")
    if not out.parent.is_dir():
        raise ExportError(f"cannot save a picture to {out}: no such directory")
    fig.savefig(out, format=out.suffix[1:].lower(), dpi=fig.dpi)


def _short(s: Any, n: int = 22) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def _adjust(texts: list, ax: Any, **kw: Any) -> None:
    """Move labels apart (adjustText); the figure must be drawn once first."""
    if len(texts) < 2:
        return
    try:
        from adjustText import adjust_text
    except ImportError:
        raise PolicygraphError("label placement needs adjustText: pip install 'policygraph[notebook]'") from None
    ax.figure.canvas.draw()
    adjust_text(texts, ax=ax, ensure_inside_axes=True, expand=(1.15, 1.4), max_move=None, **kw)
    _separate(texts, ax)


def _separate(texts: list, ax: Any, rounds: int = 60) -> None:
    """What adjustText leaves overlapping: push the lower of two overlapping
    labels down (or the other up) until no two boxes meet."""
    renderer = ax.figure.canvas.get_renderer()
    inv = ax.transData.inverted()
    for _ in range(rounds):
        boxes = [t.get_window_extent(renderer) for t in texts]
        moved = False
        for i in range(len(texts)):
            for j in range(i + 1, len(texts)):
                a, b = boxes[i], boxes[j]
                w = min(a.x1, b.x1) - max(a.x0, b.x0)
                h = min(a.y1, b.y1) - max(a.y0, b.y0)
                if w > 0 and h > 0:
                    lower = j if b.y0 <= a.y0 else i
                    step = (h + 2) / 2
                    for k, dy in ((lower, -step), (i if lower == j else j, step)):
                        x, y = ax.transData.transform(texts[k].get_position())
                        texts[k].set_position(inv.transform((x, y + dy)))
                    boxes = [t.get_window_extent(renderer) for t in texts]
                    moved = True
        if not moved:
            return


def overlapping_labels(fig: "Figure") -> list[tuple[str, str]]:
    """Pairs of text labels of a figure whose drawn boxes overlap (a check for tests)."""
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = []
    for ax in fig.axes:
        texts = [t for t in ax.texts if t.get_visible() and t.get_text().strip()]
        texts += [t for t in ax.get_yticklabels() + ax.get_xticklabels() if t.get_visible() and t.get_text().strip()]
        boxes.extend((t.get_text(), t.get_window_extent(renderer)) for t in texts)
    out = []
    for i, (ta, a) in enumerate(boxes):
        for tb, b in boxes[i + 1:]:
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.y1, b.y1) - max(a.y0, b.y0)
            if w > 1 and h > 1:  # more than a pixel each way
                out.append((ta, tb))
    return out


# ----------------------------------------------------------------------------
# pictures


def ranked_bars(
    data: "pd.DataFrame | pd.Series",
    *,
    label: str | None = None,
    value: str | None = None,
    title: str | None = None,
    xlabel: str = "events",
    n: int = 12,
    color: str = "#4e79a7",
    figsize: tuple[float, float] = (7.5, 4.5),
    dpi: int = 110,
    path: str | os.PathLike[str] | None = None,
) -> "Figure":
    """Horizontal bars, largest on top: a Series (index = names), or a DataFrame
    with ``label`` and ``value`` columns (default: the first text column and
    the first numeric one)."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        value = value or next(c for c in data.columns if pd.api.types.is_numeric_dtype(data[c]))
        label = label or next(c for c in data.columns if data[c].dtype == object and c != value)
        series = pd.Series(list(data[value]), index=[str(x) for x in data[label]])
    else:
        series = data
    series = series.sort_values(ascending=False).head(n)[::-1]
    with _style():
        fig = _figure(figsize, dpi)
        ax = fig.add_subplot(1, 1, 1)
        names = [_short(x, 28) for x in series.index]
        bars = ax.barh(range(len(series)), list(series.values), color=color)
        ax.set_yticks(range(len(series)), names)
        for bar, v in zip(bars, series.values):
            ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {v:g}", va="center", fontsize=9)
        ax.set_xlabel(xlabel)
        ax.set_xlim(0, (max(series.values) if len(series) else 1) * 1.12)
        ax.xaxis.get_major_locator().set_params(integer=True)
        if title:
            ax.set_title(title, loc="left", fontsize=12)
        _save(fig, path)
    return fig


def timeline(
    pg: "PolicyGraph",
    *,
    categories: Sequence[str] = ("government",),
    start: Any = None,
    end: Any = None,
    title: str | None = "Events by organiser",
    figsize: tuple[float, float] = (11.0, 5.5),
    dpi: int = 110,
    path: str | os.PathLike[str] | None = None,
) -> "Figure":
    """Events over time, one row per organiser of the given ``categories``
    (ministries and local governments by default), one colour per series
    (the editions of one recurring event, named in the legend), hollow
    markers for events held abroad."""
    import pandas as pd

    ev = pg.events(start=start, end=end)
    ev = ev[ev["date"].notna()]
    ents = pg.entities("Organization")
    cat = dict(zip(ents["id"], ents["category"]))
    rows = []
    for _, e in ev.iterrows():
        for oid, oname in zip(e["organizer_ids"], e["organizers"]):
            if cat.get(oid) in categories:
                rows.append({"org": oname, "date": e["date"], "series": e["series"], "abroad": e["abroad"],
                             "place": e["place"]})
    df = pd.DataFrame(rows, columns=["org", "date", "series", "abroad", "place"])
    order = df.groupby("org")["date"].min().sort_values().index.tolist() if len(df) else []
    series = list(dict.fromkeys(df.sort_values("date")["series"])) if len(df) else []
    try:
        from matplotlib import colormaps

        cmap = colormaps["tab10" if len(series) <= 10 else "tab20"]
    except ImportError:  # pragma: no cover
        raise PolicygraphError("pictures need matplotlib: pip install 'policygraph[notebook]'") from None
    colour = {s: cmap(i % cmap.N) for i, s in enumerate(series)}
    with _style():
        fig = _figure(figsize, dpi)
        ax = fig.add_subplot(1, 1, 1)
        y = {o: i for i, o in enumerate(reversed(order))}
        for s in series:
            part = df[df["series"] == s]
            ys = [y[o] for o in part["org"]]
            home = ~part["abroad"].astype(bool)
            ax.scatter(part["date"][home], [v for v, h in zip(ys, home) if h], s=70, color=colour[s], zorder=3)
            ax.scatter(part["date"][~home], [v for v, h in zip(ys, home) if not h], s=70, facecolors="white",
                       edgecolors=[colour[s]], linewidths=2, zorder=3)
            for o in part["org"].unique():
                sub = part[part["org"] == o].sort_values("date")
                if len(sub) > 1:
                    ax.plot(sub["date"], [y[o]] * len(sub), color=colour[s], alpha=0.35, lw=2, zorder=2)
        ax.set_yticks(range(len(order)), list(reversed([_short(o, 16) for o in order])))
        ax.set_ylim(-0.7, len(order) - 0.3)
        ax.grid(axis="x", alpha=0.3)
        from matplotlib.lines import Line2D

        handles = [Line2D([0], [0], marker="o", color=colour[s], lw=2, markersize=7, label=_short(s, 24))
                   for s in series]
        handles.append(Line2D([0], [0], marker="o", color="#555555", markerfacecolor="white", lw=0,
                              markeredgewidth=2, markersize=7, label="abroad"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9,
                  title="series", title_fontsize=9, alignment="left")
        if title:
            ax.set_title(title, loc="left", fontsize=12)
        _save(fig, path)
    return fig


def network(
    g: nx.Graph,
    *,
    title: str | None = None,
    max_nodes: int = 60,
    figsize: tuple[float, float] = (10.0, 8.0),
    dpi: int = 110,
    seed: int = 7,
    path: str | os.PathLike[str] | None = None,
) -> "Figure":
    """Draw an ego network (``PolicyGraph.ego``) or a co-participation network
    (``PolicyGraph.co_participation``): nodes coloured by label, the centre of
    an ego network ringed, edge width by ``weight``, names placed apart."""
    if g.number_of_nodes() > max_nodes:
        centre = g.graph.get("centre")
        ranked = sorted(g.nodes, key=lambda n: (n != centre, -g.degree(n), str(n)))
        g = g.subgraph(ranked[:max_nodes]).copy()
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes(data=True))
    for u, v, d in g.edges(data=True):
        w = float(d.get("weight", 1))
        if simple.has_edge(u, v):
            simple[u][v]["weight"] += w
        else:
            simple.add_edge(u, v, weight=w)
    pos = nx.kamada_kawai_layout(simple, weight=None) if simple.number_of_nodes() > 2 else \
        nx.spring_layout(simple, seed=seed)
    with _style():
        fig = _figure(figsize, dpi)
        ax = fig.add_subplot(1, 1, 1)
        ax.set_axis_off()
        widths = [0.6 + 1.2 * (d["weight"] - 1) for _, _, d in simple.edges(data=True)]
        nx.draw_networkx_edges(simple, pos, ax=ax, width=widths, edge_color="#b0b0b0", alpha=0.8)
        labels = [d.get("label", "") for _, d in simple.nodes(data=True)]
        sizes = [90 + 40 * min(simple.degree(n), 10) for n in simple]
        nx.draw_networkx_nodes(simple, pos, ax=ax, node_color=[COLORS.get(lab, OTHER_COLOR) for lab in labels],
                               node_size=sizes, linewidths=0.6, edgecolors="#333333")
        centre = g.graph.get("centre")
        if centre in pos:
            nx.draw_networkx_nodes(simple, pos, nodelist=[centre], ax=ax, node_size=700, node_color="none",
                                   edgecolors="#222222", linewidths=2)
        texts = []
        for n, d in simple.nodes(data=True):
            name = _short(d.get("name") or d.get("title") or n, 18)
            texts.append(ax.text(pos[n][0], pos[n][1], name, fontsize=8, ha="center", va="top",
                                 fontweight="bold" if n == centre else "normal",
                                 bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7}))
        from matplotlib.lines import Line2D

        present = sorted(set(labels))
        ax.legend(handles=[Line2D([0], [0], marker="o", color="w", markerfacecolor=COLORS.get(lab, OTHER_COLOR),
                                  markersize=9, label=lab) for lab in present],
                  loc="lower left", fontsize=8, frameon=False)
        if title:
            ax.set_title(title, loc="left", fontsize=12)
        ax.margins(0.08)
        xs = [pos[n][0] for n in simple]
        ys = [pos[n][1] for n in simple]
        _adjust(texts, ax, x=xs, y=ys, arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.5})
        _save(fig, path)
    return fig


def labels_of(fig: "Figure") -> list[str]:
    """Every text drawn on a figure's axes (names, tick labels, titles): for checks."""
    out: list[str] = []
    for ax in fig.axes:
        out += [t.get_text() for t in ax.texts]
        out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
        out.append(ax.get_title(loc="left"))
    return [t for t in out if t]


__all__ = ["korean_font", "use_korean_font", "font_families", "packaged_font_file", "ranked_bars", "timeline",
           "network", "overlapping_labels", "labels_of", "COLORS"]


