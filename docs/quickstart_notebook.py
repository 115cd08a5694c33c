# %% [markdown]
# # policygraph in a notebook
#
# Runs as a script (`python docs/quickstart_notebook.py`) or cell by cell in
# Jupyter / VS Code (the `# %%` markers). It loads the bundled examples into a
# throw-away embedded store, then looks at the graph three ways: as tables
# (pandas), as a networkx graph, and as a picture.

# %%
import tempfile
from pathlib import Path

import networkx as nx

from policygraph import pipeline
from policygraph.graph import draw, nodes_table, relationships_table, to_networkx
from policygraph.stores import open_store

ROOT = Path(__file__).resolve().parent.parent if "__file__" in globals() else Path.cwd()
work = Path(tempfile.mkdtemp(prefix="policygraph-"))
store = open_store(db_path=work / "graph.db")
report = pipeline.load([ROOT / "examples"], store)
print(report.summary())

# %% [markdown]
# ## Tables: people, their positions, events

# %%
people = nodes_table(store, "Person")
positions = relationships_table(store, "HOLDS_POSITION")
try:
    import pandas as pd

    print(pd.DataFrame(people)[["id", "name", "name_en"]].to_string(index=False))
    print(pd.DataFrame(positions)[["source", "target", "title", "first_seen", "last_seen"]].to_string(index=False))
except ImportError:  # pandas is optional
    for row in people:
        print(row["id"], row["name"], row.get("name_en"))

# %% [markdown]
# ## networkx: who took part in the same events

# %%
g = to_networkx(store)
events = [n for n, d in g.nodes(data=True) if d["label"] == "Event"]
for ev in events:
    people_there = sorted(
        g.nodes[u]["name"] for u, _, d in g.in_edges(ev, data=True)
        if d["type"] == "PARTICIPATED_IN" and g.nodes[u]["label"] == "Person"
    )
    print(g.nodes[ev]["name"], "->", ", ".join(people_there))

co = nx.Graph()
for ev in events:
    ps = [u for u, _, d in g.in_edges(ev, data=True) if d["type"] == "PARTICIPATED_IN" and g.nodes[u]["label"] == "Person"]
    co.add_edges_from((a, b) for i, a in enumerate(ps) for b in ps[i + 1:])
central = sorted(nx.degree_centrality(co).items(), key=lambda kv: -kv[1])[:3]
print("most connected:", [(g.nodes[n]["name"], round(c, 2)) for n, c in central])

# %% [markdown]
# ## A picture (needs the `viz` extra: `pip install 'policygraph[viz]'`)

# %%
try:
    png = draw(store, work / "graph.png", labels=["Person", "Organization", "Event", "Place"], title="Examples")
    print("picture:", png)
except Exception as exc:  # matplotlib missing: the message says what to install
    print(exc)
store.close()
