"""Write cost of the graph stores (issue 11: writes that do not grow with the
store; a Neo4j writer as fast as the best).

    PYTHONPATH=src python bench/bench_write.py [--articles 1500] [--small 1000] [--big 10000] [--batch 100]

The graph: the articles of examples/ extracted once (``extract`` +
``to_article_graph``, no resolver), repeated with renamed article ids (the
entities stay shared, so hubs such as the ministries gain support with every
copy) up to ``--articles``.

1. Neo4j (``NEO4J_URI`` / ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``, else a local
   server started by docker/neo4j_local.py), all in the same run, on an emptied
   database each time, wall time:
   (a) ``Neo4jStore.replace_articles`` of the articles;
   (b) baseline: the same contribution rows (every article's nodes and
       relationships) written with plain ``UNWIND $rows AS r MERGE (n:Label {id: r.id})
       SET n += r.props`` and ``MATCH`` both ends ``MERGE (a)-[x:TYPE {key: r.key}]->(b)
       SET x += r.props``, 1000 rows a statement, in managed write transactions;
   (c) neo4j-graphrag's ``Neo4jWriter`` (the ``bench`` extra) given the same rows.
       It merges relationships with ``apoc.merge.relationship``; APOC does not
       load in the local launcher (docker/README.md), so where APOC is missing
       that one call is replaced by its Cypher 5.26 equivalent
       ``MERGE (start)-[rel:$(row.type)]->(end) SET rel += row.properties``
       (the rest of the writer runs unchanged).
2. Embedded store: CPU time of the same ``--batch`` new articles written into
   a store of ``--small`` articles and into one of ``--big``, and the rows the
   write read (``store.stats``).

Prints one line per measure and the ratios against the targets:
Neo4j store <= 1.0x Neo4jWriter; batch into the big store <= 1.5x the small.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from policygraph.build import article_node_id, to_article_graph
from policygraph.extract import EXTRACTOR_VERSION, extract
from policygraph.ingest import iter_articles
from policygraph.models import Article, ArticleGraph, NodeRecord, RelRecord

REPO = Path(__file__).resolve().parents[1]


def base_graphs() -> list[ArticleGraph]:
    arts = [a for a in iter_articles([REPO / "examples"]) if isinstance(a, Article)]
    return [to_article_graph(extract(a), EXTRACTOR_VERSION) for a in arts]


def renamed(g: ArticleGraph, k: int) -> ArticleGraph:
    """Copy ``k`` of an article: a new article id and Article node; same entities."""
    aid = f"{g.article_id}~{k}"
    old, new = article_node_id(g.article_id), article_node_id(aid)

    def sub(x: str) -> str:
        return x.replace(old, new)

    nodes = [NodeRecord(sub(n.id), n.label, {**n.props, "article_id": aid} if n.label == "Article" else n.props)
             for n in g.nodes]
    rels = [RelRecord(sub(r.key), r.type, sub(r.source), sub(r.target), r.props) for r in g.rels]
    return ArticleGraph(aid, f"{g.fingerprint}~{k}", nodes, rels)


def corpus(base: list[ArticleGraph], n: int, start: int = 0) -> list[ArticleGraph]:
    out = []
    k = start
    while len(out) < n:
        for g in base:
            if len(out) == n:
                break
            out.append(renamed(g, k))
        k += 1
    return out


# ----------------------------------------------------------------------------
# Neo4j

def neo4j_settings(tmp: Path) -> tuple[dict[str, str], Path | None]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return {"uri": uri, "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
                "password": os.environ.get("NEO4J_PASSWORD", "")}, None
    password = "pg-bench-" + secrets.token_hex(8)
    state = tmp / "neo4j"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, "NEO4J_PASSWORD": password}
    out = subprocess.run([sys.executable, str(REPO / "docker" / "neo4j_local.py"), "start", "--port", "auto",
                          "--state-dir", str(state), "--http-port", "off"],
                         env=env, capture_output=True, text=True, check=True)
    return {"uri": out.stdout.strip().splitlines()[-1], "username": "neo4j", "password": password}, state


def wipe(driver) -> None:
    while True:
        n = driver.execute_query("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n").records[0]["n"]
        if n == 0:
            return


def contribution_rows(graphs: list[ArticleGraph]):
    from policygraph.stores.base import clean_props

    nodes, rels, label_of = [], [], {}
    for g in graphs:
        for n in g.nodes:
            nodes.append((n.label, {"id": n.id, "props": clean_props(n.props, n.id)}))
            label_of.setdefault(n.id, n.label)
        for r in g.rels:
            rels.append((r, clean_props(r.props, r.key)))
    return nodes, rels, label_of


def run_baseline(driver, graphs: list[ArticleGraph]) -> None:
    nodes, rels, label_of = contribution_rows(graphs)
    by_label: dict[str, list] = {}
    for label, row in nodes:
        by_label.setdefault(label, []).append(row)
    by_type: dict[tuple[str, str, str], list] = {}
    for r, props in rels:
        if r.source in label_of and r.target in label_of:
            by_type.setdefault((r.type, label_of[r.source], label_of[r.target]), []).append(
                {"source": r.source, "target": r.target, "key": r.key, "props": props})
    with driver.session() as s:
        for label, rows in by_label.items():
            for i in range(0, len(rows), 1000):
                s.execute_write(lambda tx, q, b: tx.run(q, rows=b).consume(),
                                f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props", rows[i:i + 1000])
        for (typ, a, b), rows in by_type.items():
            q = (f"UNWIND $rows AS r MATCH (a:{a} {{id: r.source}}) MATCH (b:{b} {{id: r.target}})"
                 f" MERGE (a)-[x:{typ} {{key: r.key}}]->(b) SET x += r.props")
            for i in range(0, len(rows), 1000):
                s.execute_write(lambda tx, q, b: tx.run(q, rows=b).consume(), q, rows[i:i + 1000])


def run_graphrag(driver, graphs: list[ArticleGraph]) -> str:
    from neo4j_graphrag.experimental.components.kg_writer import Neo4jWriter
    from neo4j_graphrag.experimental.components.types import Neo4jGraph, Neo4jNode, Neo4jRelationship
    from neo4j_graphrag.neo4j_queries import upsert_relationship_query

    have_apoc = bool(driver.execute_query(
        "SHOW PROCEDURES YIELD name WHERE name = 'apoc.merge.relationship' RETURN name").records)

    class Writer(Neo4jWriter):
        def _upsert_relationships(self, rels):  # type: ignore[override]
            if have_apoc:
                return super()._upsert_relationships(rels)
            q = upsert_relationship_query(support_variable_scope_clause=self.is_version_5_23_or_above)
            q = q.replace(
                "CALL apoc.merge.relationship(start, row.type, {}, row.properties, end, row.properties) YIELD rel",
                "MERGE (start)-[rel:$(row.type)]->(end) SET rel += row.properties",
            )
            assert "apoc" not in q, q
            self.driver.execute_query(q, parameters_={"rows": self._relationships_to_rows(rels)},
                                      database_=self.neo4j_database)

    nodes, rels, label_of = contribution_rows(graphs)
    gnodes, grels = [], []
    for g in graphs:  # ids are the writer's internal ones: one per (article, node), as it creates nodes
        for n in g.nodes:
            gnodes.append(Neo4jNode(id=f"{g.article_id}|{n.id}", label=n.label,
                                    properties={"uid": n.id, **_clean(n.props)}))  # "id" would meet our per-label constraints
        ids = {n.id for n in g.nodes}
        for r in g.rels:
            if r.source in ids and r.target in ids:
                grels.append(Neo4jRelationship(start_node_id=f"{g.article_id}|{r.source}",
                                               end_node_id=f"{g.article_id}|{r.target}", type=r.type,
                                               properties={"rkey": r.key, **_clean(r.props)}))
    writer = Writer(driver=driver)
    result = asyncio.run(writer.run(Neo4jGraph(nodes=gnodes, relationships=grels)))
    if result.status != "SUCCESS":
        raise RuntimeError(f"Neo4jWriter: {result.metadata}")
    return "apoc" if have_apoc else "cypher MERGE for apoc.merge.relationship"


def _clean(props: dict) -> dict:
    from policygraph.stores.base import clean_props

    return clean_props(props, "x")


def bench_neo4j(graphs: list[ArticleGraph], tmp: Path, repeat: int) -> dict[str, float]:
    import neo4j

    from policygraph.stores.neo4j import Neo4jStore

    settings, state = neo4j_settings(tmp)
    times: dict[str, list[float]] = {"store": [], "baseline": [], "graphrag": []}
    try:
        driver = neo4j.GraphDatabase.driver(settings["uri"], auth=(settings["username"], settings["password"]))
        store = Neo4jStore(settings["uri"], settings["username"], settings["password"])
        n_rows = sum(len(g.nodes) + len(g.rels) for g in graphs)
        print(f"neo4j: {len(graphs)} articles, {n_rows} contribution rows", flush=True)
        how = ""
        order = ["store", "baseline", "graphrag"]
        for i in range(repeat):  # the order alternates, so that neither warm-up nor load favours one writer
            for name in (order if i % 2 == 0 else order[::-1]):
                store.clear()
                wipe(driver)
                t = time.perf_counter()
                if name == "store":
                    store.replace_articles(graphs)
                elif name == "baseline":
                    run_baseline(driver, graphs)
                else:
                    how = run_graphrag(driver, graphs)
                times[name].append(time.perf_counter() - t)
                print(f"  {name:9s} {times[name][-1]:7.2f} s  (load average {os.getloadavg()[0]:.2f})", flush=True)
            print(f"  round {i + 1}: store / plain UNWIND MERGE {times['store'][-1] / times['baseline'][-1]:.2f}x,"
                  f" store / Neo4jWriter {times['store'][-1] / times['graphrag'][-1]:.2f}x", flush=True)
        # the store's graph: only the documented vocabulary, and reloading changes nothing
        store.clear()
        wipe(driver)
        store.replace_articles(graphs)
        t = time.perf_counter()
        store.replace_articles(graphs)
        again = time.perf_counter() - t
        labels = sorted(r["label"] for r in store.run("CALL db.labels() YIELD label RETURN label"))
        counts = store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
        print(f"  reload of the same articles: {again:.2f} s; nodes {counts}; labels {labels}")
        store.clear()
        wipe(driver)
        driver.execute_query("DROP INDEX __entity__tmp_internal_id IF EXISTS")  # Neo4jWriter's
        store.close()
        driver.close()
        print(f"  Neo4jWriter relationships: {how}")
    finally:
        if state is not None:
            subprocess.run([sys.executable, str(REPO / "docker" / "neo4j_local.py"), "stop", "--state-dir", str(state)],
                           capture_output=True)
    best = {k: min(v) for k, v in times.items()}
    print(f"neo4j store / plain UNWIND MERGE: {best['store'] / best['baseline']:.2f}x;"
          f" store / Neo4jWriter: {best['store'] / best['graphrag']:.2f}x (target <= 1.0)")
    return best


# ----------------------------------------------------------------------------
# embedded store

def bench_embedded(base: list[ArticleGraph], small: int, big: int, batch: int, tmp: Path) -> float:
    from policygraph.stores.sqlite import SQLiteStore

    new = corpus(base, batch, start=10**6)  # the same new articles for both stores
    out = {}
    for n in (small, big):
        with SQLiteStore(tmp / f"s{n}.db") as s:
            stored = corpus(base, n)
            for i in range(0, n, 1000):
                s.replace_articles(stored[i:i + 1000])
            # changed versions of stored articles: their old contributions are retracted
            changed = [ArticleGraph(g.article_id, g.fingerprint + "*",
                                    [NodeRecord(x.id, x.label, {**x.props, "title": "고침"}) if x.label == "Article"
                                     else x for x in g.nodes], g.rels) for g in stored[:batch]]
            for what, b in (("new", new), ("changed", changed)):
                before = Counter(s.stats)
                t = time.process_time()
                s.replace_articles(b)
                cpu = time.process_time() - t
                read = Counter(s.stats) - before
                out[(what, n)] = cpu
                print(f"embedded: {batch} {what} articles into a store of {n}: {cpu:.3f} s CPU,"
                      f" read {read['contributions_read']} contributions, {read['states_read']} merge states",
                      flush=True)
    for what in ("new", "changed"):
        ratio = out[(what, big)] / out[(what, small)]
        print(f"embedded batch of {what} articles into {big} / into {small}: {ratio:.2f}x (target <= 1.5)")
    return out[("new", big)] / out[("new", small)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=1500, help="articles written to Neo4j")
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--big", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1, help="Neo4j runs of each writer (the best is kept)")
    ap.add_argument("--skip-neo4j", action="store_true")
    ap.add_argument("--skip-embedded", action="store_true")
    args = ap.parse_args()
    t = time.perf_counter()
    base = base_graphs()
    print(f"extracted {len(base)} example articles in {time.perf_counter() - t:.1f} s", flush=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not args.skip_neo4j:
            bench_neo4j(corpus(base, args.articles), tmp, args.repeat)
        if not args.skip_embedded:
            bench_embedded(base, args.small, args.big, args.batch, tmp)


if __name__ == "__main__":
    main()
