"""An interactive view of a subgraph: one self-contained HTML page.

``policygraph export --format html`` writes it; in a notebook
``view(store, "강도현")`` shows it inline (its ``_repr_html_``). The page
inlines vis-network (``data/vendor``, Apache-2.0 or MIT) and the graph as
JSON, so it works offline: a search box (any name or alias, any case), a click
on a node shows its properties and adds its neighbours, a double click hides
it, nodes are coloured by type with a legend (a click on a type hides or shows
it), "everything" / "reset" buttons, and ``page.html#focus=NAME`` opens the
page on a node.

The page holds the whole selected graph (``labels``, ``entity`` and ``depth``
choose it); it first draws the neighbourhood of ``entity`` (or, without one,
the best connected nodes up to ``initial``) and the rest appears on demand.

GEXF and GraphML (``write_network``) are for Gephi, Cytoscape and yEd users.
"""
from __future__ import annotations

import html
import json
import os
from collections import deque
from importlib import resources
from pathlib import Path
from typing import IO, Any, Iterable

from .errors import ExportError
from .models import OTHER_COLOR, TYPE_COLORS, NodeRecord, RelRecord
from .stores.base import GraphStore

VIS_NETWORK_VERSION = "10.1.5"
DEFAULT_LABELS = ("Person", "Organization", "Event", "Place", "Topic", "Product", "Quote")


def _vis_js() -> str:
    return (resources.files("policygraph") / "data" / "vendor" / "vis-network.min.js").read_text(encoding="utf-8")


def select(
    store: GraphStore,
    entity: str | None = None,
    depth: int = 2,
    labels: Iterable[str] | None = DEFAULT_LABELS,
) -> tuple[list[NodeRecord], list[RelRecord], list[str]]:
    """The nodes and relationships a view holds, and the ids it first shows.

    With ``entity`` (anything :func:`policygraph.views.find` understands): the
    nodes within ``depth`` steps of it, read through the store's neighbourhood
    queries. Without: the whole graph. ``labels``: only nodes of these types
    (default: every type but Article; None: all)."""
    want = set(labels) if labels is not None else None
    if entity is None:
        nodes = [n for n in store.nodes() if want is None or n.label in want]
        ids = {n.id for n in nodes}
        rels = [r for r in store.relationships() if r.source in ids and r.target in ids]
        return nodes, rels, []
    from .views import find

    start = [n for n in find(store, entity) if want is None or n.label in want]
    if not start:
        raise ExportError(f"'{entity}' names no node of the types shown ({', '.join(sorted(want or []))})")
    seen: dict[str, NodeRecord] = {n.id: n for n in start}
    rels: dict[str, RelRecord] = {}
    frontier = [n.id for n in start]
    for _ in range(max(0, depth)):
        if not frontier:
            break
        found = store.relationships_of(frontier)
        others = {x for r in found for x in (r.source, r.target)} - set(seen)
        new = {i: n for i, n in store.nodes_by_id(others).items() if want is None or n.label in want}
        seen.update(new)
        for r in found:
            if r.source in seen and r.target in seen:
                rels[r.key] = r
        frontier = list(new)
    # relationships among the nodes reached at the last step
    if frontier:
        for r in store.relationships_of(frontier):
            if r.source in seen and r.target in seen:
                rels[r.key] = r
    return list(seen.values()), sorted(rels.values(), key=lambda r: r.key), [n.id for n in start]


def _short(v: Any, n: int = 300) -> Any:
    if isinstance(v, str) and len(v) > n:
        return v[: n - 1] + "…"
    if isinstance(v, list):
        return [_short(x, n) for x in v[:20]] + (["…"] if len(v) > 20 else [])
    return v


def graph_data(nodes: list[NodeRecord], rels: list[RelRecord]) -> dict[str, Any]:
    """The JSON the page reads: nodes with name, type and props; edges with type."""
    from .views import name_of, names_of, relation_phrase

    out_nodes = []
    for n in nodes:
        props = {k: _short(v) for k, v in n.props.items() if k not in ("merge_reasons", "merged_ids", "evidence_spans")}
        out_nodes.append({"id": n.id, "name": name_of(n), "type": n.label, "names": names_of(n), "props": props})
    out_edges = []
    for r in rels:
        out_edges.append({
            "id": r.key, "from": r.source, "to": r.target, "type": r.type, "label": relation_phrase(r),
            "props": {k: _short(v) for k, v in r.props.items() if k not in ("evidence_spans",)},
        })
    return {"nodes": out_nodes, "edges": out_edges}


def _json_for_script(data: Any) -> str:
    # safe inside <script type="application/json">: no "</script>" and no "<!--"
    return json.dumps(data, ensure_ascii=False, default=str).replace("<", "\\u003c").replace(">", "\\u003e")


def html_page(data: dict[str, Any], *, title: str = "policygraph", start: list[str] | None = None,
              initial: int = 150, height: str = "100vh") -> str:
    """One self-contained HTML page exploring ``data`` (see :func:`graph_data`)."""
    config = {"start": start or [], "initial": initial, "colors": TYPE_COLORS, "other": OTHER_COLOR}
    return _TEMPLATE.format(
        title=html.escape(title),
        height=height,
        vis=_vis_js().replace("</script", "<\\/script"),
        data=_json_for_script(data),
        config=_json_for_script(config),
        version=VIS_NETWORK_VERSION,
    )


class GraphView:
    """An interactive graph view: ``save(path)`` writes the page; in Jupyter it
    shows inline (an iframe holding the same page, scripts included)."""

    def __init__(self, page: str, *, nodes: int, edges: int, height: int = 600):
        self.html = page
        self.nodes = nodes
        self.edges = edges
        self.height = height

    def save(self, path: str | os.PathLike[str]) -> Path:
        out = Path(path)
        try:
            out.write_text(self.html, encoding="utf-8")
        except OSError as e:
            raise ExportError(f"cannot write {out}: {e.strerror or e}") from None
        return out

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" style="width:100%;height:{self.height}px;'
            'border:1px solid #ddd" sandbox="allow-scripts" loading="lazy"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<GraphView: {self.nodes} nodes, {self.edges} relationships>"


def view(
    store: GraphStore,
    entity: str | None = None,
    *,
    depth: int = 2,
    labels: Iterable[str] | None = DEFAULT_LABELS,
    initial: int = 150,
    title: str | None = None,
    height: int = 600,
) -> GraphView:
    """The interactive view of ``store`` (around ``entity`` when given)."""
    nodes, rels, start = select(store, entity, depth, labels)
    t = title or (f"policygraph: {entity}" if entity else "policygraph")
    return GraphView(html_page(graph_data(nodes, rels), title=t, start=start, initial=initial),
                     nodes=len(nodes), edges=len(rels), height=height)


# ----------------------------------------------------------------------------
# Gephi formats


def to_simple_networkx(nodes: list[NodeRecord], rels: list[RelRecord]):
    """A ``networkx.MultiDiGraph`` whose attributes GEXF and GraphML can hold:
    ``label`` is the name (what Gephi shows), ``type`` the node type; an edge's
    ``label`` and ``rel_type`` its relationship type; lists are joined with "; "."""
    import networkx as nx
    from .views import name_of

    def flat(props: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in props.items():
            if isinstance(v, list):
                v = "; ".join(map(str, v))
            if isinstance(v, (str, int, float, bool)):
                out[k] = v
        return out

    g = nx.MultiDiGraph()
    for n in nodes:
        attrs = flat({k: v for k, v in n.props.items() if k not in ("label", "type")})
        attrs.update(label=name_of(n), type=n.label)
        g.add_node(n.id, **attrs)
    for r in rels:
        attrs = flat({k: v for k, v in r.props.items() if k not in ("label", "type", "key")})
        # GEXF keeps "type" for directed/undirected: the relationship type is "rel_type"
        attrs.update(label=r.type, rel_type=r.type)
        g.add_edge(r.source, r.target, key=r.key, **attrs)
    return g


def write_network(store: GraphStore, fmt: str, out: str | os.PathLike[str] | IO[bytes], *,
                  entity: str | None = None, depth: int = 2,
                  labels: Iterable[str] | None = DEFAULT_LABELS) -> None:
    """Write the (sub)graph as ``gexf`` or ``graphml`` for Gephi and friends."""
    import networkx as nx

    nodes, rels, _ = select(store, entity, depth, labels)
    g = to_simple_networkx(nodes, rels)
    writers = {"gexf": nx.write_gexf, "graphml": nx.write_graphml}
    if fmt not in writers:
        raise ExportError(f"unknown network format {fmt!r} (use gexf or graphml)")
    try:
        writers[fmt](g, out)
    except BrokenPipeError:
        raise
    except OSError as e:
        raise ExportError(f"cannot write {out}: {e.strerror or e}") from None


_TEMPLATE = """<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policygraph; vis-network {version}">
<title>{title}</title>
<style>
  html, body {{ margin: 0; height: 100%; font-family: "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic",
    "Apple SD Gothic Neo", NanumGothic, sans-serif; font-size: 14px; }}
  #pg-app {{ display: flex; height: {height}; }}
  #pg-graph {{ flex: 1; min-width: 0; background: #ffffff; }}
  #pg-side {{ width: 320px; border-left: 1px solid #ddd; padding: 10px; overflow: auto; box-sizing: border-box; }}
  #pg-search {{ width: 100%; box-sizing: border-box; padding: 6px; font-size: 14px; }}
  #pg-side button {{ margin: 6px 4px 0 0; }}
  #pg-legend span {{ display: inline-block; margin: 6px 8px 0 0; cursor: pointer; }}
  #pg-legend i {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px; }}
  #pg-legend .off {{ opacity: 0.35; }}
  #pg-info h3 {{ margin: 12px 0 4px; font-size: 15px; }}
  #pg-info table {{ border-collapse: collapse; font-size: 12px; }}
  #pg-info td {{ vertical-align: top; padding: 1px 4px; border-bottom: 1px solid #eee; word-break: break-word; }}
  #pg-status {{ color: #666; font-size: 12px; margin-top: 6px; }}
  #pg-matches div {{ cursor: pointer; padding: 2px 0; }}
  #pg-matches div:hover {{ background: #f0f0f0; }}
</style>
</head>
<body>
<div id="pg-app">
  <div id="pg-graph"></div>
  <div id="pg-side">
    <input id="pg-search" type="search" placeholder="search a name or alias (Enter)" autocomplete="off">
    <div id="pg-matches"></div>
    <button id="pg-all" type="button">everything</button><button id="pg-reset" type="button">reset</button>
    <div id="pg-legend"></div>
    <div id="pg-status"></div>
    <div id="pg-info"><p>Click a node to see it and add its neighbours; double-click to hide it.</p></div>
  </div>
</div>
<script type="application/json" id="pg-data">{data}</script>
<script type="application/json" id="pg-config">{config}</script>
<script>{vis}</script>
<script>
(function () {{
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  var cfg = JSON.parse(document.getElementById("pg-config").textContent);
  var byId = {{}}, adj = {{}};
  data.nodes.forEach(function (n) {{ byId[n.id] = n; adj[n.id] = []; }});
  data.edges.forEach(function (e) {{
    if (adj[e.from]) adj[e.from].push(e);
    if (adj[e.to] && e.to !== e.from) adj[e.to].push(e);
  }});
  var hiddenTypes = {{}};
  function color(t) {{ return cfg.colors[t] || cfg.other; }}
  function visNode(n) {{
    var label = n.name.length > 28 ? n.name.slice(0, 27) + "\u2026" : n.name;
    return {{ id: n.id, label: label, group: n.type, shape: "dot", size: 12 + Math.min(18, 2 * adj[n.id].length),
             color: {{ background: color(n.type), border: "#333333",
                      highlight: {{ background: color(n.type), border: "#000000" }} }},
             font: {{ size: 13, face: "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, sans-serif" }} }};
  }}
  function visEdge(e) {{
    return {{ id: e.id, from: e.from, to: e.to, label: e.type, arrows: "to",
             font: {{ size: 9, color: "#777777", strokeWidth: 0 }}, color: {{ color: "#aaaaaa" }} }};
  }}
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  function addNodes(ids) {{
    var add = [], adding = {{}};
    ids.forEach(function (id) {{
      var n = byId[id];
      if (n && !hiddenTypes[n.type] && !nodes.get(id) && !adding[id]) {{ adding[id] = 1; add.push(visNode(n)); }}
    }});
    nodes.add(add);
    var addE = [];
    add.forEach(function (vn) {{
      adj[vn.id].forEach(function (e) {{
        if (!edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to)) addE.push(visEdge(e));
      }});
    }});
    edges.add(addE.filter(function (e, i, a) {{ return a.findIndex(function (x) {{ return x.id === e.id; }}) === i; }}));
    status();
  }}
  function neighbours(id) {{
    return adj[id].map(function (e) {{ return e.from === id ? e.to : e.from; }});
  }}
  function expand(id) {{ addNodes([id].concat(neighbours(id))); }}
  function initial() {{
    nodes.clear(); edges.clear();
    if (cfg.start.length) {{
      var want = {{}};
      cfg.start.forEach(function (id) {{ want[id] = 1; neighbours(id).forEach(function (x) {{ want[x] = 1; }}); }});
      addNodes(Object.keys(want));
    }} else {{
      var ranked = data.nodes.slice().sort(function (a, b) {{ return adj[b.id].length - adj[a.id].length; }});
      addNodes(ranked.slice(0, cfg.initial).map(function (n) {{ return n.id; }}));
    }}
  }}
  function status() {{
    var s = document.getElementById("pg-status");
    document.body.setAttribute("data-pg-shown", String(nodes.length));
    s.textContent = nodes.length + " of " + data.nodes.length + " nodes shown, " + edges.length + " of " +
      data.edges.length + " relationships";
  }}
  function esc(s) {{
    return String(s).replace(/[&<>"]/g, function (c) {{ return {{ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }}[c]; }});
  }}
  function info(id) {{
    var n = byId[id];
    if (!n) return;
    var rows = Object.keys(n.props).sort().map(function (k) {{
      var v = n.props[k];
      return "<tr><td>" + esc(k) + "</td><td>" + esc(Array.isArray(v) ? v.join(", ") : v) + "</td></tr>";
    }}).join("");
    var rels = adj[id].slice(0, 60).map(function (e) {{
      var other = byId[e.from === id ? e.to : e.from];
      var name = other ? other.name : (e.from === id ? e.to : e.from);
      return "<tr><td>" + (e.from === id ? "\u2192 " : "\u2190 ") + esc(e.label) + "</td><td>" + esc(name) + "</td></tr>";
    }}).join("");
    document.getElementById("pg-info").innerHTML = "<h3>" + esc(n.name) + "</h3><div>" + esc(n.type) + " \u00b7 " +
      esc(n.id) + "</div><table>" + rows + "</table><h3>Relationships (" + adj[id].length + ")</h3><table>" + rels + "</table>";
  }}
  function norm(s) {{ return String(s).normalize("NFKC").toLowerCase().replace(/[\\s\\-_.,·'"()]/g, ""); }}
  function search(q) {{
    var k = norm(q), exact = [], part = [];
    if (!k) return [];
    data.nodes.forEach(function (n) {{
      var keys = n.names.concat([n.id]).map(norm);
      if (keys.indexOf(k) >= 0) exact.push(n);
      else if (keys.some(function (x) {{ return x.indexOf(k) >= 0; }})) part.push(n);
    }});
    return exact.concat(part).slice(0, 30);
  }}
  function focus(id) {{
    expand(id); info(id);
    network.selectNodes([id]);
    network.focus(id, {{ scale: 1.0, animation: false }});
  }}
  var legend = document.getElementById("pg-legend");
  Array.from(new Set(data.nodes.map(function (n) {{ return n.type; }}))).sort().forEach(function (t) {{
    var s = document.createElement("span");
    s.innerHTML = '<i style="background:' + color(t) + '"></i>' + esc(t);
    s.title = "show or hide " + t;
    s.onclick = function () {{
      hiddenTypes[t] = !hiddenTypes[t];
      s.className = hiddenTypes[t] ? "off" : "";
      if (hiddenTypes[t]) nodes.remove(nodes.getIds({{ filter: function (n) {{ return n.group === t; }} }}));
      else initial();
      status();
    }};
    legend.appendChild(s);
  }});
  var network = new vis.Network(document.getElementById("pg-graph"), {{ nodes: nodes, edges: edges }}, {{
    physics: {{ solver: "forceAtlas2Based", stabilization: {{ iterations: 150, fit: true }},
               forceAtlas2Based: {{ gravitationalConstant: -60, springLength: 110 }} }},
    interaction: {{ hover: true, navigationButtons: false, keyboard: false }},
    edges: {{ smooth: {{ type: "continuous" }} }}
  }});
  network.on("click", function (p) {{ if (p.nodes.length) {{ expand(p.nodes[0]); info(p.nodes[0]); }} }});
  network.on("doubleClick", function (p) {{ if (p.nodes.length) {{ nodes.remove(p.nodes[0]); status(); }} }});
  network.on("stabilizationIterationsDone", function () {{ network.fit({{ animation: false }}); }});
  network.on("afterDrawing", function () {{
    document.body.setAttribute("data-pg-drawn", String(nodes.length));
  }});
  var box = document.getElementById("pg-search"), matches = document.getElementById("pg-matches");
  box.addEventListener("input", function () {{
    matches.innerHTML = "";
    search(box.value).slice(0, 12).forEach(function (n) {{
      var d = document.createElement("div");
      d.innerHTML = '<i style="display:inline-block;width:9px;height:9px;border-radius:50%;background:' + color(n.type) +
        '"></i> ' + esc(n.name) + ' <small style="color:#888">' + esc(n.type) + "</small>";
      d.onclick = function () {{ focus(n.id); }};
      matches.appendChild(d);
    }});
  }});
  box.addEventListener("keydown", function (ev) {{
    if (ev.key === "Enter") {{ var hit = search(box.value); if (hit.length) focus(hit[0].id); }}
  }});
  document.getElementById("pg-all").onclick = function () {{ addNodes(data.nodes.map(function (n) {{ return n.id; }})); }};
  document.getElementById("pg-reset").onclick = initial;
  window.policygraphView = {{ network: network, nodes: nodes, edges: edges, search: search, focus: focus, expand: expand }};
  initial();
  if (cfg.start.length) info(cfg.start[0]);
  // a link can open the page on a node: page.html#focus=NAME
  var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
  if (hash.indexOf("focus=") === 0) {{
    var hit = search(hash.slice(6));
    if (hit.length) focus(hit[0].id);
  }}
}})();
</script>
</body>
</html>
"""
