"""Write the Neo4j Browser guide of policygraph: a guided tour of the graph and
of every query of the library (``:params`` then the query, each a click away).

    python docs/make_browser_guide.py            # rewrites the guide
    python docs/make_browser_guide.py --check    # exit 1 when it is stale

The guide is served by the local launcher (docker/neo4j_local.py) at
``http://HOST:HTTP_PORT/browser/policygraph/guide.html`` and played on every
Browser connect (``:play`` that URL to open it again).
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docker" / "neo4j-local" / "src" / "main" / "resources" / "browser" / "policygraph" / "guide.html"


def _code(text: str) -> str:
    return f'<pre class="pre-scrollable code runnable">{html.escape(text.strip(), quote=False)}</pre>'


def _cypher_map(params: dict) -> str:
    items = []
    for k, v in params.items():
        items.append(f"{k}: " + (f"'{v}'" if isinstance(v, str) else json.dumps(v)))
    return "{" + ", ".join(items) + "}"


def _slide(title: str, lead: str, body: str) -> str:
    return (
        '<slide class="row-fluid">\n'
        f'  <div class="col-sm-4">\n    <h3>{html.escape(title)}</h3>\n    <p class="lead">{lead}</p>\n  </div>\n'
        f'  <div class="col-sm-8">\n{body}\n  </div>\n'
        "</slide>"
    )


TOUR = [
    ("policygraph", "Government press releases and news about government events, as a graph: people, "
     "organisations, events, places, topics, quotes and the articles that say so.",
     "<p>Click a grey code block to put it in the editor, then run it (Ctrl/Cmd+Enter). "
     "The style (captions by name, event dates on events, a colour per label) is loaded on connect; "
     "<code>:style reset</code> undoes it, <code>:play http://HOST:PORT/browser/policygraph/guide.html</code> "
     "brings this guide back.</p>"
     "<p>Everything you load with <code>policygraph load PATH --neo4j URI</code> (or "
     "<code>policygraph browser</code> for the embedded store's graph) shows here.</p>"
     + _code("MATCH (n) RETURN n LIMIT 60")),
    ("The model", "Every entity is a node with one label; nodes and relationships count the articles "
     "that support them (<code>article_count</code>).",
     "<p>Labels: <code>Person</code>, <code>Organization</code> (with <code>category</code>), <code>Event</code> "
     "(<code>start_date</code> is a Neo4j date, <code>start_date_precision</code> says day, month or year), "
     "<code>Place</code> (<code>kind</code>), <code>Topic</code>, <code>Product</code>, <code>Quote</code>, "
     "<code>Article</code>. Relationships: HOLDS_POSITION, ORGANIZED, PARTICIPATED_IN (<code>role</code>), "
     "HELD_AT, LOCATED_IN, ABOUT, SAID, MAKES, SUBSIDIARY_OF, ISSUED, MENTIONS, REPORTS. One "
     "<code>Dataset</code> node describes the graph itself. Properties starting with <code>pg_</code> are the "
     "store's own bookkeeping (how each article's contribution is retracted exactly), not data.</p>"
     + _code("CALL db.schema.visualization()")
     + _code("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS nodes ORDER BY nodes DESC")),
    ("One event", "An event with its organisers, participants and venue.",
     _code("MATCH (e:Event)<-[r:ORGANIZED|PARTICIPATED_IN]-(x)\nOPTIONAL MATCH (e)-[h:HELD_AT]->(v)\n"
           "RETURN e, r, x, h, v LIMIT 100")),
    ("Finding things", "By id, name, English name or alias (one exact term of the keyword index "
     "<code>entity_keys</code>; an id with its label is a unique-index seek), or by full text that understands "
     "Korean: <code>윤규</code> finds <code>박윤규</code>.",
     _code("CALL db.index.fulltext.queryNodes('entity_keys', '\"MSIT\"') YIELD node\nRETURN node")
     + _code("MATCH (n:Organization {id: 'org:msit'})\nRETURN n")
     + _code("CALL db.index.fulltext.queryNodes('entity_names', '과기정통부') YIELD node, score\n"
             "RETURN node.name, node.name_en, score")
     + _code("CALL db.index.fulltext.queryNodes('article_titles', '디지털 트윈') YIELD node, score\n"
             "RETURN node.title, node.published, score")),
]


def render() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from policygraph.queries import get_query, list_queries

    slides = [_slide(t, lead, body) for t, lead, body in TOUR]
    queries = [get_query(n) for n in list_queries()]
    index = "".join(f"<li><code>{q.name}</code>: {html.escape(q.title)}</li>" for q in queries)
    slides.append(_slide(
        "The query library",
        f"{len(queries)} named queries for analysts, the same ones <code>policygraph query NAME</code> runs on "
        "either store. Each next slide sets its parameters, then runs it.",
        f"<ul>{index}</ul>",
    ))
    for q in queries:
        statement = re.sub(r"^//.*\n", "", q.text, flags=re.M).strip().rstrip(";")
        body = ""
        if q.examples:
            body += "<p>Parameters (change them to ask about someone else):</p>" + _code(
                f":params {_cypher_map(q.examples)}")
        body += _code(statement)
        body += f"<p>From a shell: <code>policygraph query {q.name}" + "".join(
            f" -p {html.escape(k)}={html.escape(str(v))}" for k, v in q.examples.items()) + "</code></p>"
        slides.append(_slide(q.name, html.escape(q.description), body))
    slides.append(_slide(
        "Next", "Your own questions.",
        "<p>The cookbook (<code>docs/queries.md</code>) shows every query with its output on the bundled "
        "examples. <code>policygraph query --file my.cypher</code> runs a query of your own; "
        "<code>policygraph export</code> writes RDF; <code>policygraph show NAME</code> explains how an entity "
        "was merged.</p>",
    ))
    return (
        "<!-- generated by docs/make_browser_guide.py from cypher/; do not edit by hand -->\n"
        '<article class="guide">\n  <carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n  </carousel>\n</article>\n"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    text = render()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python docs/make_browser_guide.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
