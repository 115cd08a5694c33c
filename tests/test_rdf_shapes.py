"""The RDF export conforms to the packaged SHACL shapes (pySHACL), in every
format, from every store; and the shapes really reject what they forbid."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from graphs import a1, a2
from policygraph.export import FORMATS as EXPORT_FORMATS, export_rdf, node_iri, to_rdf
from policygraph.stores.base import GraphStore
from policygraph.stores.sqlite import SQLiteStore
from policygraph.vocab import NS, PG, TERMS, shapes_graph, vocabulary_graph

SDO = Namespace("https://schema.org/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SH = Namespace("http://www.w3.org/ns/shacl#")
PARSE = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "nquads": "nquads"}
# every format the exporter offers, by its canonical name
ALL_FORMATS = sorted({"jsonld" if v == "json-ld" else v for v in EXPORT_FORMATS.values()})

pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    # rdflib's own N-Quads parser, once per quad
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]


def conforms(g: Graph) -> tuple[bool, Graph, str]:
    ok, report, text = validate(g, shacl_graph=shapes_graph(), inference="none", advanced=True)
    return ok, report, text


def exported(store: GraphStore, fmt: str) -> Graph:
    buf = io.BytesIO()
    export_rdf(store, fmt, buf)
    g = Graph()
    if fmt == "nquads":  # quads parse into a dataset; the export's triples are its default graph
        ds = Dataset()
        ds.parse(data=buf.getvalue(), format="nquads")
        for t in ds.graph(DATASET_DEFAULT_GRAPH_ID).triples((None, None, None)):
            g.add(t)
        assert len(g) == sum(1 for _ in ds.quads((None, None, None, None)))
        return g
    g.parse(data=buf.getvalue(), format=PARSE[fmt])
    return g


def test_formats_covered() -> None:
    assert ALL_FORMATS == sorted(PARSE)


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_examples_export_conforms(examples_db: Path, fmt: str) -> None:
    with SQLiteStore(examples_db) as s:
        g = exported(s, fmt)
    ok, _, text = conforms(g)
    assert ok, text
    # what the shapes check is really there: labels, sameAs, portable sources
    assert len(g) > 1000
    assert (node_iri("org:msit"), RDFS.label, Literal("과학기술정보통신부", lang="ko")) in g
    assert (node_iri("place:south-korea"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q884")) in g
    sources = sorted(str(o) for o in g.objects(None, PG.source) if str(o) != "gazetteer")
    assert sources and all(s.startswith("examples/") for s in sources), sources


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_store_export_conforms(store: GraphStore, fmt: str) -> None:
    store.replace_articles([a1(), a2()])
    ok, _, text = conforms(exported(store, fmt))
    assert ok, text


def _violations(g: Graph) -> set[tuple[str, str]]:
    ok, report, _ = conforms(g)
    out = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        comp = report.value(r, SH.sourceConstraintComponent)
        out.add((str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1], str(comp).rsplit("#", 1)[-1]))
    assert not ok or not out
    return out


@pytest.fixture(scope="module")
def good(examples_db: Path) -> Graph:
    with SQLiteStore(examples_db) as s:
        return to_rdf(s)


def _broken(good: Graph, *add: tuple, remove: tuple = ()) -> Graph:
    g = Graph()
    for t in good:
        g.add(t)
    for t in remove:
        g.remove(t)
    for t in add:
        g.add(t)
    return g


def test_shapes_reject_what_they_forbid(good: Graph) -> None:
    # each breach on a node of its own, all in one graph: one validation finds every one
    msit, nia = node_iri("org:msit"), node_iri("org:nia")
    event = next(good.subjects(RDF.type, SDO.Event))
    articles = sorted(good.subjects(RDF.type, SDO.NewsArticle))
    positions = sorted(good.subjects(RDF.type, PG.Position))
    breaches = {
        "absolute source": ((articles[0], PG.source, Literal("/home/someone/examples/01.txt")), ("source", "NotConstraintComponent")),
        "windows source": ((articles[1], PG.source, Literal("C:\\data\\01.txt")), ("source", "NotConstraintComponent")),
        "second Korean label": ((msit, RDFS.label, Literal("과기정통부", lang="ko")), ("label", "UniqueLangConstraintComponent")),
        "untyped date": ((event, SDO.endDate, Literal("2024.05.21")), ("endDate", "NodeConstraintComponent")),
        "sameAs elsewhere": ((msit, OWL.sameAs, URIRef("https://dbpedia.org/resource/X")), ("sameAs", "PatternConstraintComponent")),
        "unknown category": ((msit, PG.category, Literal("ministry")), ("category", "InConstraintComponent")),
        "French label": ((node_iri("org:siemens"), RDFS.label, Literal("Siemens AG", lang="fr")), ("label", "NodeConstraintComponent")),
        "position at an event": ((node_iri("person:강도현@msit"), PG.holdsPosition, event), ("holdsPosition", "ClassConstraintComponent")),
    }
    no_label = tuple((nia, RDFS.label, o) for o in good.objects(nia, RDFS.label))
    no_subject = ((positions[0], RDF.subject, good.value(positions[0], RDF.subject)),)
    broken = _broken(good, *(t for t, _ in breaches.values()), remove=no_label + no_subject)
    found = _violations(broken)
    for name, (_, expected) in breaches.items():
        assert expected in found, name
    assert ("label", "MinCountConstraintComponent") in found  # a node without a label
    assert ("subject", "MinCountConstraintComponent") in found  # a relationship without its subject


# ----------------------------------------------------------------------------
# the ontology file


def test_ontology_file_defines_exactly_the_vocabulary() -> None:
    g = vocabulary_graph()
    onto = URIRef(NS.rstrip("#"))
    assert (onto, RDF.type, OWL.Ontology) in g
    defined = {str(s)[len(NS):] for s in g.subjects(RDFS.isDefinedBy, onto)}
    assert defined == set(TERMS) == set(PG.__annotations__)
    for term in TERMS:
        langs = {o.language for o in g.objects(PG[term], RDFS.label)}
        assert {"en", "ko"} <= langs, term
        assert any(o.language == "en" for o in g.objects(PG[term], RDFS.comment)), term
    # the packaged file is what vocabulary_graph() gives
    from importlib import resources

    data = resources.files("policygraph").joinpath("data", "ontology.ttl").read_text(encoding="utf-8")
    assert isomorphic(Graph().parse(data=data, format="turtle"), g)


def test_shapes_are_valid_shacl() -> None:
    # the shapes graph itself conforms to the SHACL-SHACL meta shapes
    from pyshacl import validate as v

    ok, _, text = v(shapes_graph(), meta_shacl=True, shacl_graph=shapes_graph(), inference="none")
    assert ok, text
