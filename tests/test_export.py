"""RDF export: vocabulary, mapping, round trips through Turtle / JSON-LD / N-Triples, SPARQL."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF

from graphs import (
    A1_ID,
    A1_NODE,
    A2_ID,
    A2_NODE,
    EVENT,
    MINISTER,
    MINISTRY,
    QUOTE,
    SAMSUNG,
    SEOUL,
    a1,
    a2,
    article_graph,
    node,
    rel,
)
from policygraph.errors import ExportError
from policygraph.export import DEFAULT_BASE, date_literal, export_rdf, lang_of, node_iri, rel_iri, to_rdf
from policygraph.stores.base import GraphStore
from policygraph.vocab import LABEL_CLASSES, NS, PG, PGP, RELATION_PREDICATES, TERMS, vocabulary_graph

# plain (open) namespaces: rdflib's SDO / XSD warn when pytest probes module attributes
SDO = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md"
FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "nt": "nt"}

# rdflib's own JSON-LD parser uses a deprecated class of rdflib's
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.replace_articles([a1(), a2()])
    return store


def parse(data: bytes | str, fmt: str) -> Graph:
    g = Graph()
    g.parse(data=data, format=FORMATS[fmt])
    return g


def assert_store_in_graph(store: GraphStore, g: Graph) -> None:
    """Every node and relationship of the store, with its provenance, is in ``g``."""
    article_iri = {A1_ID: node_iri(A1_NODE), A2_ID: node_iri(A2_NODE)}
    for n in store.nodes():
        s = node_iri(n.id)
        assert (s, RDF.type, LABEL_CLASSES[n.label]) in g, n.id
        assert (s, PG.nodeId, Literal(n.id)) in g, n.id
        for aid in n.props["articles"]:
            if article_iri[aid] != s:
                assert (s, PROV.wasDerivedFrom, article_iri[aid]) in g, (n.id, aid)
    for r in store.relationships():
        s, o = node_iri(r.source), node_iri(r.target)
        assert (s, RELATION_PREDICATES[r.type], o) in g, r.key
        ri = rel_iri(r.key)
        assert (ri, PG.key, Literal(r.key)) in g
        assert (ri, RDF.subject, s) in g and (ri, RDF.object, o) in g
        assert (ri, RDF.predicate, RELATION_PREDICATES[r.type]) in g
        assert (ri, RDF.type, PG.Relationship) in g
        for aid in r.props["articles"]:
            assert (ri, PROV.wasDerivedFrom, article_iri[aid]) in g, (r.key, aid)


# ----------------------------------------------------------------------------
# the mapping


def test_every_node_and_relationship_present(loaded: GraphStore) -> None:
    g = to_rdf(loaded)
    assert_store_in_graph(loaded, g)
    # nothing but the store's nodes carry a pg:nodeId, nothing but its relationships a pg:key
    assert {str(o) for o in g.objects(None, PG.nodeId)} == {n.id for n in loaded.nodes()}
    assert {str(o) for o in g.objects(None, PG.key)} == {r.key for r in loaded.relationships()}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip(loaded: GraphStore, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"graph.{fmt}"
    n = export_rdf(loaded, fmt, out)
    back = parse(out.read_bytes(), fmt)
    assert len(back) == n
    assert isomorphic(back, to_rdf(loaded))
    assert_store_in_graph(loaded, back)
    minister = node_iri(MINISTER)
    assert (minister, SDO.name, Literal("안덕근", lang="ko")) in back
    assert (minister, SDO.name, Literal("Ahn Duk-geun", lang="en")) in back
    assert (minister, SDO.alternateName, Literal("Minister Ahn", lang="en")) in back
    assert (minister, SDO.alternateName, Literal("안 장관", lang="ko")) in back


def test_export_to_streams(loaded: GraphStore) -> None:
    buf = io.BytesIO()
    n = export_rdf(loaded, "nt", buf)
    assert len(parse(buf.getvalue(), "nt")) == n
    text = io.StringIO()
    export_rdf(loaded, "turtle", text)
    assert "@prefix pg: <https://policygraph.dev/ns#>" in text.getvalue()
    assert len(parse(text.getvalue(), "turtle")) == n


def test_jsonld_is_compact_json(loaded: GraphStore) -> None:
    import json

    buf = io.BytesIO()
    export_rdf(loaded, "jsonld", buf)
    doc = json.loads(buf.getvalue())
    assert doc["@context"]["pg"] == NS
    assert "안덕근" in buf.getvalue().decode("utf-8")  # UTF-8, not \\u escapes


def test_korean_names_are_language_tagged(loaded: GraphStore) -> None:
    g = to_rdf(loaded)
    names = {(s, o) for s, o in g.subject_objects(SDO.name)}
    assert (node_iri(MINISTRY), Literal("산업통상자원부", lang="ko")) in names
    assert (node_iri(MINISTRY), Literal("Ministry of Trade, Industry and Energy", lang="en")) in names
    assert (node_iri(SEOUL), Literal("Seoul", lang="en")) in names
    assert (node_iri(SAMSUNG), Literal("삼성전자", lang="ko")) in names
    assert (node_iri(QUOTE), SDO.text, Literal("반도체 협력을 강화하겠다", lang="ko")) in g
    assert (node_iri(A2_NODE), SDO.headline, Literal("Korea-US trade ministers meet again", lang="en")) in g
    for o in g.objects(None, SDO.name):
        assert o.language in ("ko", "en"), o


def test_sparql_events_of_an_organisation(loaded: GraphStore) -> None:
    g = parse(to_rdf(loaded).serialize(format="turtle"), "turtle")
    q = """
        PREFIX pg: <https://policygraph.dev/ns#>
        PREFIX schema: <https://schema.org/>
        SELECT ?event ?name WHERE {
            ?org pg:organized ?event .
            ?event a schema:Event ; schema:name ?name .
        }"""
    rows = list(g.query(q, initBindings={"org": node_iri(MINISTRY)}))
    assert [(r.event, r.name) for r in rows] == [(node_iri(EVENT), Literal("한-미 통상장관회의", lang="ko"))]
    assert list(g.query(q, initBindings={"org": node_iri(SAMSUNG)})) == []
    # the same through schema.org's property
    q2 = "SELECT ?event WHERE { ?event <https://schema.org/organizer> ?org }"
    assert [r.event for r in g.query(q2, initBindings={"org": node_iri(MINISTRY)})] == [node_iri(EVENT)]


def test_positions_are_reified_with_titles(loaded: GraphStore) -> None:
    g = to_rdf(loaded)
    q = """
        PREFIX pg: <https://policygraph.dev/ns#>
        PREFIX schema: <https://schema.org/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?title (COUNT(DISTINCT ?article) AS ?n) WHERE {
            ?pos a pg:Position ; rdf:subject ?person ; rdf:object ?org ;
                 schema:jobTitle ?title ; prov:wasDerivedFrom ?article .
        } GROUP BY ?title ORDER BY ?title"""
    rows = [(str(r.title), int(r.n)) for r in g.query(q, initBindings={"person": node_iri(MINISTER)})]
    assert rows == [("장관", 2), ("통상교섭본부장", 1)]
    # the person still works for the ministry in plain schema.org
    assert (node_iri(MINISTER), SDO.worksFor, node_iri(MINISTRY)) in g
    assert (node_iri(MINISTER), PG.holdsPosition, node_iri(MINISTRY)) in g
    # participation with its role
    part = next(g.subjects(RDF.type, PG.Participation))
    assert (part, SDO.roleName, Literal("주재", lang="ko")) in g
    assert (node_iri(EVENT), SDO.attendee, node_iri(MINISTER)) in g
    # evidence keeps its language
    evidence = set(g.objects(None, PG.evidence))
    assert Literal("안덕근 산업통상자원부 장관은", lang="ko") in evidence
    assert Literal("Trade Minister Ahn Duk-geun said", lang="en") in evidence


def test_schema_org_triples(store: GraphStore) -> None:
    store.replace_articles([a1(), a2(), article_graph("loc", [
        node("place:세종", "Place", name="세종"), node("place:kr", "Place", name="대한민국"),
        node("org:kotra", "Organization", name="KOTRA"), node("org:kotra-hq", "Organization", name="KOTRA 본사"),
    ], [
        rel("LOCATED_IN", "place:세종", "place:kr"), rel("LOCATED_IN", "org:kotra", "place:세종"),
        rel("SUBSIDIARY_OF", "org:kotra-hq", "org:kotra"),
    ])])
    g = to_rdf(store)
    n = node_iri
    expected = [
        (n("place:세종"), SDO.containedInPlace, n("place:kr")),
        (n("org:kotra"), SDO.location, n("place:세종")),
        (n("org:kotra-hq"), SDO.parentOrganization, n("org:kotra")),
        (n("product:HBM"), SDO.manufacturer, n(SAMSUNG)),
        (n(QUOTE), SDO.creator, n(MINISTER)),
        (n(EVENT), SDO.location, n(SEOUL)),
        (n(A1_NODE), SDO.about, n(EVENT)),
        (n(A2_NODE), SDO.publisher, n(MINISTRY)),
    ]
    for t in expected:
        assert t in g, t
    assert (n("place:세종"), PG.locatedIn, n("place:kr")) in g
    assert (n("org:kotra"), PG.locatedIn, n("place:세종")) in g
    plain = to_rdf(store, schema_relations=False)
    assert not any(t in plain for t in expected)
    assert (n(MINISTER), PG.holdsPosition, n(MINISTRY)) in plain


def test_dates_typed_by_precision(store: GraphStore) -> None:
    store.replace_articles([article_graph("d1", [
        node("event:d", "Event", name="행사", start_date="2024-03", end_date="2024", first_seen="2024-03-05",
             published="2024-03-05 14:30", last_seen="2024-03-05T14:30:15+0900", as_of="2024.03.05",
             meeting_date="2024-02-30"),
    ], [])])
    g = to_rdf(store)
    e = node_iri("event:d")
    assert g.value(e, SDO.startDate) == Literal("2024-03", datatype=XSD.gYearMonth)
    assert g.value(e, SDO.endDate) == Literal("2024", datatype=XSD.gYear)
    assert g.value(e, PG.firstSeen) == Literal("2024-03-05", datatype=XSD.date)
    assert g.value(e, SDO.datePublished) == Literal("2024-03-05T14:30:00", datatype=XSD.dateTime)
    assert g.value(e, PG.lastSeen) == Literal("2024-03-05T14:30:15+09:00", datatype=XSD.dateTime)
    assert g.value(e, PG.asOf) == Literal("2024.03.05")  # not ISO: kept as a plain string
    assert g.value(e, PGP.meeting_date) == Literal("2024-02-30")  # no such day: plain string


def test_date_literal_and_lang_of() -> None:
    assert date_literal("2024-03-05").datatype == XSD.date
    assert date_literal("2024-13").datatype is None
    assert date_literal("2024-03-05T10:00:00+09:00") == Literal("2024-03-05T10:00:00+09:00", datatype=XSD.dateTime)
    assert date_literal("2024-03-05T10:00:00Z").datatype == XSD.dateTime
    assert lang_of("안덕근") == "ko"
    assert lang_of("KOTRA 무역관") == "ko"
    assert lang_of("Ahn Duk-geun") == "en"
    assert lang_of("Müller") == "en"
    assert lang_of("2024") is None
    assert lang_of("洪吉童") is None


def test_iris_are_valid_and_distinct(store: GraphStore) -> None:
    odd = ["인물:홍길동", "a b", "a%20b", "a/b", "a?b#c", "<x>", 'q"uote', "back\\slash", "pipe|x", "탭\tx"]
    store.replace_articles([article_graph(
        "기사-1",
        [node(i, "Topic", name=i) for i in odd],
        [rel("ABOUT", odd[0], i) for i in odd[1:]],
    )])
    iris = [node_iri(i) for i in odd]
    assert len(set(iris)) == len(odd)
    # readable IRIs: Hangul stays Hangul; only what an IRI cannot carry is %-encoded
    assert iris[0] == URIRef(DEFAULT_BASE + "id/인물:홍길동")
    assert iris[1] == URIRef(DEFAULT_BASE + "id/a%20b") and iris[2] == URIRef(DEFAULT_BASE + "id/a%2520b")
    assert iris[3] == URIRef(DEFAULT_BASE + "id/a%2Fb") and iris[9] == URIRef(DEFAULT_BASE + "id/탭%09x")
    # a relationship key's '|' becomes '/', a '/' inside it stays encoded: still one IRI per key
    assert rel_iri("ABOUT|인물:홍길동|a/b") == URIRef(DEFAULT_BASE + "rel/ABOUT/인물:홍길동/a%2Fb")
    assert rel_iri("ABOUT|a|b/c") != rel_iri("ABOUT|a/b|c")
    valid = re.compile(r"^https://policygraph\.dev/(id|rel|article)/[A-Za-z0-9\-._~:@%/\uac00-\ud7a3]+$")
    g = to_rdf(store)
    ours = {t for triple in g for t in triple if isinstance(t, URIRef) and t.startswith(DEFAULT_BASE)
            and not t.startswith(NS)}
    assert ours and all(valid.match(str(t)) for t in ours), [t for t in ours if not valid.match(str(t))]
    for fmt in FORMATS:  # every serialisation parses back to the same graph
        assert isomorphic(parse(g.serialize(format=FORMATS[fmt]), fmt), g), fmt


def test_unknown_props_and_scalars(store: GraphStore) -> None:
    store.replace_articles([article_graph("p1", [
        node("org:kotra", "Organization", name="KOTRA", category="public_agency", budget_krw=1200000,
             share=12.5, listed=False, tags=["수출", "무역"], wikidata="Q1234", event_type="설명회"),
    ], [])])
    g = to_rdf(store)
    s = node_iri("org:kotra")
    assert (s, PG.category, Literal("public_agency")) in g
    assert (s, PGP.budget_krw, Literal(1200000, datatype=XSD.integer)) in g
    assert (s, PGP.share, Literal(12.5, datatype=XSD.double)) in g
    assert (s, PGP.listed, Literal(False, datatype=XSD.boolean)) in g
    assert set(g.objects(s, PGP.tags)) == {Literal("수출"), Literal("무역")}
    assert (s, SDO.sameAs, URIRef("http://www.wikidata.org/entity/Q1234")) in g
    assert (s, PG.eventType, Literal("설명회", lang="ko")) in g


def test_article_properties(loaded: GraphStore) -> None:
    g = to_rdf(loaded)
    a = node_iri(A1_NODE)
    assert (a, RDF.type, SDO.NewsArticle) in g
    assert (a, SDO.url, URIRef("https://www.motie.go.kr/press/001")) in g
    assert (a, SDO.datePublished, Literal("2024-03-05T10:00:00+09:00", datatype=XSD.dateTime)) in g
    assert (a, PG.articleId, Literal(A1_ID)) in g
    assert (a, SDO.inLanguage, Literal("ko")) in g
    assert (a, SDO.publisher, node_iri(MINISTRY)) in g  # from ISSUED
    assert (a, SDO.mentions, node_iri(MINISTER)) in g
    assert (a, PROV.wasDerivedFrom, a) not in g


def test_article_without_node_gets_its_own_iri(store: GraphStore) -> None:
    store.replace_articles([article_graph("loose-1", [node("topic:x", "Topic", name="x", date="2024-05-01")], [])])
    g = to_rdf(store)
    art = URIRef(DEFAULT_BASE + "article/loose-1")
    assert (node_iri("topic:x"), PROV.wasDerivedFrom, art) in g
    assert (art, RDF.type, SDO.NewsArticle) in g and (art, PG.articleId, Literal("loose-1")) in g
    assert (node_iri("topic:x"), DCTERMS.date, Literal("2024-05-01", datatype=XSD.date)) in g


def test_custom_base(loaded: GraphStore) -> None:
    g = to_rdf(loaded, base="https://example.org/kg/")
    assert (URIRef("https://example.org/kg/id/org:삼성전자"), RDF.type,
            SDO.Organization) in g


def test_empty_store_exports(store: GraphStore, tmp_path: Path) -> None:
    for fmt in FORMATS:
        out = tmp_path / f"empty.{fmt}"
        assert export_rdf(store, fmt, out) == 0
        assert len(parse(out.read_bytes(), fmt)) == 0


def test_export_errors(loaded: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown RDF format 'rdfxml'"):
        export_rdf(loaded, "rdfxml", tmp_path / "x.rdf")
    assert not (tmp_path / "x.rdf").exists()
    with pytest.raises(ExportError, match="missing"):
        export_rdf(loaded, "turtle", tmp_path / "missing" / "x.ttl")
    with pytest.raises(ExportError, match="is a directory"):
        export_rdf(loaded, "turtle", tmp_path)
    closed = io.BytesIO()
    closed.close()
    with pytest.raises(ExportError):
        export_rdf(loaded, "nt", closed)
    # an existing file is replaced whole, and nothing is left behind
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "g.ttl"
    out.write_text("old")
    export_rdf(loaded, "ttl", out)
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    assert sorted(p.name for p in out.parent.iterdir()) == ["g.ttl"]


# ----------------------------------------------------------------------------
# the vocabulary


def test_vocabulary_is_closed_and_documented() -> None:
    with pytest.raises(AttributeError):
        PG.NoSuchTerm  # noqa: B018
    assert set(PG.__annotations__) == set(TERMS)
    doc = DOCS.read_text(encoding="utf-8")
    for term in TERMS:
        assert f"pg:{term}" in doc, f"pg:{term} is not documented in {DOCS}"
    for rtype, pred in RELATION_PREDICATES.items():
        assert rtype in doc and pred.startswith(NS)
    g = vocabulary_graph()
    assert len(set(g.subjects(None, None))) == len(TERMS) + 1
    assert isomorphic(parse(g.serialize(format="turtle"), "turtle"), g)


def test_export_uses_only_vocabulary_terms(loaded: GraphStore) -> None:
    g = to_rdf(loaded)
    used = {str(t)[len(NS):] for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used and used <= set(TERMS)


# ----------------------------------------------------------------------------
# RDF others can use: labels, Wikidata, portable sources

RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")


def test_labels_one_per_language_and_alt_labels(loaded: GraphStore) -> None:
    g = to_rdf(loaded)
    m = node_iri(MINISTRY)
    assert set(g.objects(m, RDFS.label)) == {
        Literal("산업통상자원부", lang="ko"), Literal("Ministry of Trade, Industry and Energy", lang="en")}
    assert set(g.objects(m, SKOS.altLabel)) == {Literal("산업부", lang="ko"), Literal("MOTIE", lang="en")}
    minister = node_iri(MINISTER)
    assert set(g.objects(minister, RDFS.label)) == {Literal("안덕근", lang="ko"), Literal("Ahn Duk-geun", lang="en")}
    assert {Literal("안 장관", lang="ko"), Literal("Minister Ahn", lang="en")} <= set(g.objects(minister, SKOS.altLabel))
    assert set(g.objects(node_iri(A2_NODE), RDFS.label)) == {Literal("Korea-US trade ministers meet again", lang="en")}
    assert set(g.objects(node_iri(QUOTE), RDFS.label)) == {Literal("반도체 협력을 강화하겠다", lang="ko")}
    # every node has a label, never two in one language
    for n in loaded.nodes():
        langs = [o.language for o in g.objects(node_iri(n.id), RDFS.label)]
        assert langs and len(langs) == len(set(langs)), (n.id, langs)


def test_labels_of_foreign_and_untagged_names() -> None:
    from policygraph.export import labels

    main, alt = labels("Organization", {"name": "NVIDIA", "name_en": "NVIDIA Corporation", "aliases": ["엔비디아"]})
    assert main == [Literal("NVIDIA Corporation", lang="en")]
    assert alt == [Literal("NVIDIA", lang="en"), Literal("엔비디아", lang="ko")]
    main, alt = labels("Event", {"name": "2024", "name_en": "Expo 2024"})
    assert main == [Literal("Expo 2024", lang="en")] and alt == [Literal("2024")]
    assert labels("Topic", {"name": "5·18"}) == ([Literal("5·18")], [])


def test_wikidata_same_as_from_property_and_gazetteer(store: GraphStore) -> None:
    store.replace_articles([article_graph("w1", [
        node("org:samsung-electronics", "Organization", name="삼성전자", gazetteer_id="org:samsung-electronics"),
        node("org:엔비디아", "Organization", name="엔비디아", gazetteer_id="org:nvidia"),
        node("place:x", "Place", name="어딘가", wikidata="Q30"),
        node("org:모르는회사", "Organization", name="모르는회사"),
        node("org:bad", "Organization", name="bad", wikidata="not-a-qid"),
    ], [])])
    g = to_rdf(store)
    wd = "http://www.wikidata.org/entity/"
    assert (node_iri("org:samsung-electronics"), OWL.sameAs, URIRef(wd + "Q20718")) in g
    assert (node_iri("org:엔비디아"), OWL.sameAs, URIRef(wd + "Q182477")) in g
    assert (node_iri("place:x"), OWL.sameAs, URIRef(wd + "Q30")) in g
    assert (node_iri("place:x"), SDO.sameAs, URIRef(wd + "Q30")) in g
    assert not list(g.objects(node_iri("org:모르는회사"), OWL.sameAs))
    assert not list(g.objects(node_iri("org:bad"), OWL.sameAs))


@pytest.mark.parametrize("sources, expected", [
    (["/home/u/data/examples/01.txt", "/home/u/data/examples/03.jsonl#2", "/home/u/data/examples/sub/x.html"],
     ["examples/01.txt", "examples/03.jsonl#2", "examples/sub/x.html"]),
    (["examples/01.txt", "https://www.korea.kr/news/1", "feed.jsonl#3"],
     ["examples/01.txt", "https://www.korea.kr/news/1", "feed.jsonl#3"]),
    (["/srv/a/x.txt", "/srv/b/y.txt"], ["srv/a/x.txt", "srv/b/y.txt"]),
    (["/x.txt", "/srv/b/y.txt"], ["x.txt", "srv/b/y.txt"]),
    (["file:///home/u/news/k.html", "C:\\data\\news\\w.txt"], ["home/u/news/k.html", "data/news/w.txt"]),
])
def test_sources_never_absolute(sources: list[str], expected: list[str]) -> None:
    from policygraph.export import SourceMapper

    mapper = SourceMapper(sources)
    assert [mapper(s) for s in sources] == expected
    assert not any(x.startswith("/") for x in expected)


def test_article_source_in_export_is_portable(store: GraphStore, tmp_path: Path) -> None:
    src = str(tmp_path / "corpus" / "motie" / "001.txt")
    store.replace_articles([article_graph("s1", [node("article:s1", "Article", article_id="s1", title="제목",
                                                      source=src)], [])])
    g = to_rdf(store)
    assert set(g.objects(node_iri("article:s1"), PG.source)) == {Literal("motie/001.txt")}
    g = to_rdf(store, source_root=tmp_path)
    assert set(g.objects(node_iri("article:s1"), PG.source)) == {Literal("corpus/motie/001.txt")}


# ----------------------------------------------------------------------------
# streaming N-Triples / Turtle: deterministic, each triple once, flat memory


def test_streamed_export_is_deterministic(tmp_path: Path) -> None:
    from policygraph.stores.sqlite import SQLiteStore

    from graphs import a1_v2

    with SQLiteStore(tmp_path / "x.db") as x, SQLiteStore(tmp_path / "y.db") as y:
        x.replace_articles([a1(), a2()])
        y.replace_articles([a2()])
        y.replace_articles([a1_v2()])
        y.replace_articles([a1()])
        for fmt in ("nt", "turtle"):
            bx, by = io.BytesIO(), io.BytesIO()
            nx, ny = export_rdf(x, fmt, bx), export_rdf(y, fmt, by)
            assert bx.getvalue() == by.getvalue() and nx == ny, fmt
            assert isomorphic(parse(bx.getvalue(), fmt), to_rdf(x)), fmt
        nt = io.BytesIO()
        n = export_rdf(x, "nt", nt)
        lines = nt.getvalue().decode("utf-8").splitlines()
        assert lines == sorted(set(lines)) and len(lines) == n == len(to_rdf(x))


def test_sorted_unique_spills_to_disk() -> None:
    import random

    from policygraph.export import sorted_unique

    lines = [f"<x{i % 37}> <p> \"{i % 11}\" .\n" for i in range(500)]
    random.Random(7).shuffle(lines)
    expected = sorted(set(lines))
    assert list(sorted_unique(lines, chunk=16)) == expected
    assert list(sorted_unique(lines, chunk=10_000)) == expected
    assert list(sorted_unique([], chunk=3)) == []


def test_stream_chunks_do_not_change_output(store: GraphStore) -> None:
    from graphs import chain
    from policygraph.export import stream_rdf

    store.replace_articles(chain(30))
    for fmt in ("nt", "turtle"):
        assert "".join(stream_rdf(store, fmt, chunk=50)) == "".join(stream_rdf(store, fmt))


def test_streamed_export_memory_is_flat(tmp_path: Path) -> None:
    """Peak Python memory of an N-Triples export hardly grows with the number of
    articles (the in-memory sort is bounded by the chunk; the rest streams).
    Each article here has its own nodes, as most of a real corpus does; a node
    that every article supports carries every article id, whatever the export."""
    import tracemalloc

    from policygraph.export import stream_rdf
    from policygraph.stores.sqlite import SQLiteStore

    def own(i: int):
        aid, day = f"own-{i:05d}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        p, o = f"person:p{i}", f"org:o{i}"
        return article_graph(aid, [
            node(f"article:{aid}", "Article", article_id=aid, title=f"보도자료 {i}", published=day, source=f"/data/{aid}.txt"),
            node(p, "Person", name=f"인물{i}", name_en=f"Person {i}", aliases=[f"별칭{i}"]),
            node(o, "Organization", name=f"기관{i}", category="government"),
        ], [rel("MENTIONS", f"article:{aid}", p), rel("HOLDS_POSITION", p, o, "과장", title="과장", first_seen=day)])

    peaks = {}
    for n in (20, 100, 800):  # the first run loads what is loaded once (the gazetteer ...)
        with SQLiteStore(tmp_path / f"c{n}.db") as s:
            s.replace_articles([own(i) for i in range(n)])
            tracemalloc.start()
            written = sum(1 for _ in stream_rdf(s, "nt", chunk=2000))
            peaks[n] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert written > n * 20
    # 8 times the articles: what grows is the merge's run files (one open file per
    # chunk) and the set of article ids, not the graph
    assert peaks[800] < 2 * peaks[100], peaks


def test_wikidata_ids_read_as_the_gazetteer_reads_them() -> None:
    from policygraph.export import _gazetteer_qids
    from policygraph.gazetteer import Gazetteer

    assert _gazetteer_qids() == {e.id: e.wikidata for e in Gazetteer.load() if e.wikidata}
    assert all(re.match(r"^Q[1-9]\d*$", q) for q in _gazetteer_qids().values())
    assert len(_gazetteer_qids()) >= 240


def test_nquads_are_the_triples_in_the_default_graph(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from policygraph.export import serialize
    from policygraph.stores.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "q.db") as s:
        s.replace_articles([a1(), a2()])
        nt, nq = io.BytesIO(), io.BytesIO()
        n = export_rdf(s, "nt", nt)
        assert export_rdf(s, "nquads", nq) == n > 50
        assert export_rdf(s, "n-quads", tmp_path / "g.nq") == n
        g = to_rdf(s)
    quads = list(ox.parse(nq.getvalue(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == n and {q.graph_name for q in quads} == {ox.DefaultGraph()}
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    assert triples == {ox.Triple(t.subject, t.predicate, t.object)
                       for t in ox.parse(nt.getvalue(), format=ox.RdfFormat.N_TRIPLES)}
    assert (tmp_path / "g.nq").read_bytes() == nq.getvalue()
    assert serialize(g, "nquads") == serialize(g, "nt")


@pytest.mark.parametrize("term", [
    Literal('a"b\\c\nd\re\tf\x01g\x7fh\x08i\x0cj'),
    Literal("안덕근", lang="ko"),
    Literal("Ahn Duk-geun", lang="en"),
    Literal("x", lang="EN-us"),
    Literal("x", datatype=XSD.string),
    Literal("plain"),
    Literal(""),
    Literal(7),
    Literal(True),
    Literal(2.5),
    Literal("2024-05", datatype=XSD.gYearMonth),
    Literal("a\"quoted\"", lang="ko"),
    URIRef(f"{DEFAULT_BASE}id/person:안덕근"),
    URIRef(f"{DEFAULT_BASE}rel/HOLDS_POSITION/person:a/org:b/%EC%9E%A5"),
    URIRef("http://www.wikidata.org/entity/Q1"),
    URIRef("https://schema.org/name"),
])
def test_nt_terms_write_what_pyoxigraph_writes(term) -> None:
    from policygraph.export import NtTerms, OxConverter

    assert NtTerms()(term) == str(OxConverter()(term))


def test_nt_terms_refuse_what_is_not_an_iri() -> None:
    from policygraph.export import NtTerms

    with pytest.raises(ExportError, match="not a valid IRI"):
        NtTerms("not a base/")
    bad_under_base, bad = URIRef(f"{DEFAULT_BASE}id/a b"), URIRef("http://example.org/a<b>")
    for t in (bad_under_base, bad):
        with pytest.raises(ExportError, match="not a valid IRI"):
            NtTerms()(t)


def test_sorted_unique_holds_at_most_a_chunk() -> None:
    """The external sort keeps at most ``chunk`` of its input lines alive at a
    time, however many lines it sorts (counted: each input line is an object
    that knows when it is freed)."""
    from policygraph.export import sorted_unique

    live = [0, 0]  # now, most at once

    class Line(str):
        def __new__(cls, v: str) -> "Line":
            live[0] += 1
            live[1] = max(live)
            return super().__new__(cls, v)

        def __del__(self) -> None:
            live[0] -= 1

    def lines(n: int):
        for i in range(n):
            yield Line(f"<x{i * 7919 % 1009}> <p> \"{i % 13}\" .\n")

    out = list(sorted_unique(lines(3000), chunk=100))
    assert out == sorted({f"<x{i * 7919 % 1009}> <p> \"{i % 13}\" .\n" for i in range(3000)})
    assert live[0] == 0 and live[1] <= 101, live


def test_streamed_export_reads_one_record_at_a_time(tmp_path: Path) -> None:
    """N-Triples, N-Quads and Turtle exports never hold the store's nodes or
    relationships: counted records (each knows when it is freed) show at most
    three alive at once (the one being read, the one before it, the last node
    while relationships are read) while every one of them is read."""
    from graphs import chain
    from policygraph.export import stream_rdf
    from policygraph.models import NodeRecord, RelRecord
    from policygraph.stores.sqlite import SQLiteStore

    live = [0, 0, 0]  # now, most at once, made

    def made() -> None:
        live[0] += 1
        live[2] += 1
        live[1] = max(live[1], live[0])

    class CNode(NodeRecord):
        __slots__ = ()

        def __init__(self, *a) -> None:
            super().__init__(*a)
            made()

        def __del__(self) -> None:
            live[0] -= 1

    class CRel(RelRecord):
        __slots__ = ()

        def __init__(self, *a) -> None:
            super().__init__(*a)
            made()

        def __del__(self) -> None:
            live[0] -= 1

    class Counting(SQLiteStore):
        def nodes(self, label=None):
            for n in super().nodes(label):
                yield CNode(n.id, n.label, n.props)

        def relationships(self, rel_type=None):
            for r in super().relationships(rel_type):
                yield CRel(r.key, r.type, r.source, r.target, r.props)

    with Counting(tmp_path / "c.db") as s:
        s.replace_articles(chain(150))
        records = sum(1 for _ in s.nodes()) + sum(1 for _ in s.relationships())
        assert records > 400
        for fmt in ("nt", "nquads", "turtle", "jsonld"):
            live[:] = [0, 0, 0]
            text = "".join(stream_rdf(s, fmt, chunk=500))
            assert live[2] >= records and live[1] <= 3, (fmt, live)
            assert text.count(" .\n") > records or text.count('"@id"') > records


@pytest.mark.parametrize("text, lang", [("안덕근", "ko"), ("Ahn Duk-geun", "en"), ("x", None), ("", None),
                                        (" 7 ", None), ("a\ud800b", None), ("2024", None), ("x", "de")])
def test_string_literals_are_rdflibs_own(text: str, lang: str | None) -> None:
    """The export's shortcut for plain and language-tagged strings makes the
    very Literal rdflib's constructor makes."""
    from policygraph.export import _string_literal

    fast, slow = _string_literal(text, lang), Literal(text, lang=lang)
    assert type(fast) is type(slow) and fast == slow and hash(fast) == hash(slow)
    assert (fast.value, fast.language, fast.datatype, fast.ill_typed, fast.n3()) == (
        slow.value, slow.language, slow.datatype, slow.ill_typed, slow.n3())
    assert fast.eq(slow) and not fast.neq(slow)


def test_streamed_jsonld_reads_back_as_the_graph(tmp_path: Path) -> None:
    """The streamed JSON-LD (one node object per subject) is the same RDF graph,
    strings with quotes, backslashes, newlines and control characters included."""
    import json

    from policygraph.stores.sqlite import SQLiteStore

    odd = node("org:odd", "Organization", name='따옴표 "기관"\\ 줄\n바꿈\t탭\x01', aliases=["Odd \"Org\""], founded=1999)
    with SQLiteStore(tmp_path / "j.db") as s:
        s.replace_articles([a1(), a2(), article_graph("odd-1", [odd], [])])
        buf = io.BytesIO()
        n = export_rdf(s, "jsonld", buf)
        doc = json.loads(buf.getvalue())
        g = to_rdf(s)
    assert n == len(g) and isomorphic(parse(buf.getvalue(), "jsonld"), g)
    ids = [x["@id"] for x in doc["@graph"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert doc["@context"]["schema"] == "https://schema.org/"


def _reference_lines(store: GraphStore, **kw) -> list[str]:
    """The N-Triples lines of the rdflib mapping (iter_triples), term by term."""
    from policygraph.export import NtTerms, iter_triples

    nt = NtTerms(kw.get("base", DEFAULT_BASE))
    return [f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in iter_triples(store, **kw)]


def _odd_graphs() -> list:
    """Graphs that reach every branch of the mapping: numbers, booleans, floats
    (0.0 and -0.0 both), dates of every precision and broken ones, URLs good and
    bad, Wikidata ids, a gazetteer place, unknown labels and relationship types,
    keys that need %-encoding, strings N-Triples escapes, loose and unusual
    article ids, absolute sources."""
    from policygraph.models import RelRecord

    weird = 'q"uote\\back\nnl\rcr\ttab\x01ctl\x7fdel \x85nel\u2028ls 한글 Latin'
    nodes = [
        node("article:w-1", "Article", article_id="w-1", title="제목 Title", published="2024-03",
             source="/home/u/data/w/1.txt#2", url="not a url", released="2024", embargo="2024-02-30",
             lang="ko"),
        node("w-2", "Article", article_id="w-2", title="둘째", published="2024-03-05T10:00+0900",
             source=["/home/u/data/w/2.txt", " "], url="https://example.org/a b"),
        node("odd:article", "Article", article_id="w-3", title=weird, published="2024-13"),
        node("person:a b/c|d%e", "Person", name="가 나", name_en="A B", name_ko="가나", aliases=["가 나", "AB"],
             count=3, ratio=-0.0, other_ratio=0.0, flag=True, score=2.5, big=2**62, nothing=None, blank="  ",
             start_on="2024-05-06", end_year="1999", wikidata="Q42", title="국장"),
        node("org:\u3130x", "Organization", name="\u3131\u318e 기관", wikidata="https://www.wikidata.org/wiki/Q1",
             category=["government", "agency"], founded_at="2001-02-03T04:05:06Z", tags=("a", "b")),
        node("place:seoul", "Place", name="서울", name_en="Seoul"),
        node("place:x", "Place", name="엑스", gazetteer_id="place:seoul"),
        node("thing:1", "Product", name="12345", url="https://example.org/x"),
        node("quote:w-1", "Quote", text=weird, name="인용"),
        node("event:e", "Event", name="행사", start_date="2024-02-29", end_date="2023-02-29", event_type="회의"),
    ]
    rels = [
        rel("LOCATED_IN", "place:x", "place:seoul", first_seen="2024"),
        RelRecord("LOCATED_IN|org:\u3130x|place:seoul", "LOCATED_IN", "org:\u3130x", "place:seoul",
                  {"source": "/home/u/data/w/3.txt"}),
        rel("HOLDS_POSITION", "person:a b/c|d%e", "org:\u3130x", "장관 / 1", title="장관", as_of="2024-03-05",
            roles=["a", "b"]),
        rel("PARTICIPATED_IN", "person:a b/c|d%e", "event:e", role="주재", count=2, share=0.5),
        rel("MAKES", "org:\u3130x", "thing:1", evidence=[weird], flag=False),
        rel("SAID", "person:a b/c|d%e", "quote:w-1", verb="말했다"),
        rel("MENTIONS", "w-2", "person:a b/c|d%e", forms=["가 나"], spans=["1-3"]),
    ]
    g1 = article_graph("w-1", nodes[:1] + nodes[3:], rels)
    g2 = article_graph("w-2", [nodes[1], nodes[3]], rels[-1:])
    g3 = article_graph("w-3", [nodes[2]], [])
    # an article id no Article node carries: a resource of its own
    g4 = article_graph("loose-9", [node("topic:t", "Topic", name="주제")], [rel("ABOUT", "event:e", "topic:t")])
    return [g1, g2, g3, g4]


def test_nt_lines_are_the_rdflib_mappings_lines(tmp_path: Path) -> None:
    """The N-Triples writer maps records straight to text; it must give, line for
    line and in the same order, what the rdflib mapping gives, on graphs that
    reach every branch, with the default and another base."""
    from graphs import chain
    from policygraph.export import ntriples_lines
    from policygraph.stores.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "m.db") as s:
        s.replace_articles([a1(), a2(), *_odd_graphs(), *chain(5)])
        ref = _reference_lines(s)
        assert len(ref) > 300
        assert list(ntriples_lines(s)) == ref
        kw = {"base": "http://example.org/kg#", "schema_relations": False, "source_root": "/home"}
        assert list(ntriples_lines(s, **kw)) == _reference_lines(s, **kw)
        with pytest.raises(ExportError, match="not a valid IRI"):
            list(ntriples_lines(s, base="not a base/"))


def test_sorted_unique_merges_many_runs_and_repeats_across_blocks() -> None:
    """More runs than are merged at once (merged in groups first), and lines
    repeated many times, so that a repeat spans the end of a block of a run."""
    import random

    from policygraph.export import FAN_IN, sorted_unique

    rnd = random.Random(11)
    for n, chunk, distinct in [(FAN_IN * 40 + 7, 20, 10**6), (20_000, 400, 300), (3000, 10**6, 50), (1, 3, 1)]:
        lines = [f"<x{rnd.randrange(distinct)}> <p> \"{rnd.randrange(3)}\" .\n" for _ in range(n)]
        assert list(sorted_unique(lines, chunk=chunk)) == sorted(set(lines)), (n, chunk)
