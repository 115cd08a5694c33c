"""The policygraph RDF vocabulary (prefix ``pg``, ``https://policygraph.dev/ns#``).

Only what schema.org, PROV-O and Dublin Core do not already say lives here;
docs/vocabulary.md documents every term with examples. The definitions are
the packaged ontology file ``data/ontology.ttl`` (:func:`vocabulary_graph`);
``data/shapes.ttl`` holds the SHACL shapes every export conforms to
(:func:`shapes_graph`).

``PG`` is closed, like rdflib's own namespaces: ``PG.Position`` is a term,
``PG.Positon`` raises ``AttributeError``. Property-graph keys the vocabulary
has no term for are exported under the open namespace ``PGP``
(``https://policygraph.dev/ns/prop#``), named by the key itself.
"""
from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

NS = "https://policygraph.dev/ns#"
PROP_NS = "https://policygraph.dev/ns/prop#"
PGP = Namespace(PROP_NS)


class PG(DefinedNamespace):
    """policygraph vocabulary: https://policygraph.dev/ns#"""

    _NS = Namespace(NS)
    _fail = True

    # -- classes ---------------------------------------------------------------
    Topic: URIRef  # a policy subject an article or event is about (반도체 수출, 저출생 대책)
    Entity: URIRef  # a node whose label the vocabulary does not know
    Relationship: URIRef  # a relationship of the property graph, reified (rdf:subject/predicate/object)
    Position: URIRef  # a reified HOLDS_POSITION: a person holding a title at an organisation
    Participation: URIRef  # a reified PARTICIPATED_IN: a person or organisation taking part in an event

    # -- direct relations (one per relationship type) ---------------------------
    holdsPosition: URIRef  # HOLDS_POSITION  Person -> Organization
    organized: URIRef  # ORGANIZED  Organization -> Event
    participatedIn: URIRef  # PARTICIPATED_IN  Person|Organization -> Event
    heldAt: URIRef  # HELD_AT  Event -> Place
    locatedIn: URIRef  # LOCATED_IN  Place|Organization -> Place
    about: URIRef  # ABOUT  Event|Article|Quote -> Topic
    said: URIRef  # SAID  Person|Organization -> Quote
    makes: URIRef  # MAKES  Organization -> Product
    subsidiaryOf: URIRef  # SUBSIDIARY_OF  Organization -> Organization
    issued: URIRef  # ISSUED  Organization -> Article
    mentions: URIRef  # MENTIONS  Article -> any entity
    reports: URIRef  # REPORTS  Article -> Event

    # -- data properties ---------------------------------------------------------
    nodeId: URIRef  # the node's id in the property graph
    key: URIRef  # the relationship's key in the property graph
    relationType: URIRef  # the relationship's type in the property graph (HOLDS_POSITION ...)
    articleId: URIRef  # an Article's id as ingested
    source: URIRef  # where an Article was read from (file, URL, feed)
    category: URIRef  # an Organization's category (government, company ...)
    eventType: URIRef  # an Event's kind (회의, 협약식, briefing ...)
    firstSeen: URIRef  # earliest publication date of an article that supports the fact
    lastSeen: URIRef  # latest publication date of an article that supports the fact
    asOf: URIRef  # date at which a position was reported held
    evidence: URIRef  # text of the article that states the fact


# The relationship types of models.RELATION_TYPES -> direct predicate.
RELATION_PREDICATES: dict[str, URIRef] = {
    "HOLDS_POSITION": PG.holdsPosition,
    "ORGANIZED": PG.organized,
    "PARTICIPATED_IN": PG.participatedIn,
    "HELD_AT": PG.heldAt,
    "LOCATED_IN": PG.locatedIn,
    "ABOUT": PG.about,
    "SAID": PG.said,
    "MAKES": PG.makes,
    "SUBSIDIARY_OF": PG.subsidiaryOf,
    "ISSUED": PG.issued,
    "MENTIONS": PG.mentions,
    "REPORTS": PG.reports,
}

# Node labels -> rdf:type.
LABEL_CLASSES: dict[str, URIRef] = {
    "Person": SDO.Person,
    "Organization": SDO.Organization,
    "Event": SDO.Event,
    "Place": SDO.Place,
    "Topic": PG.Topic,
    "Product": SDO.Product,
    "Quote": SDO.Quotation,
    "Article": SDO.NewsArticle,
}

# Labels of the Neo4j graph that are not merged-graph nodes: the one Dataset
# node that describes the graph itself (``(:Dataset {id: 'dataset:policygraph'})``,
# which also holds the store's internal state). With LABEL_CLASSES and
# RELATION_PREDICATES, the whole vocabulary a Neo4j Browser user meets.
GRAPH_LABELS: dict[str, URIRef] = {
    "Dataset": SDO.Dataset,
}

# Reified relationship classes (every reified relationship is also a pg:Relationship).
RELATION_CLASSES: dict[str, URIRef] = {
    "HOLDS_POSITION": PG.Position,
    "PARTICIPATED_IN": PG.Participation,
}

ONTOLOGY_FILE = "ontology.ttl"  # package data: policygraph/data/ontology.ttl
SHAPES_FILE = "shapes.ttl"  # package data: SHACL shapes every export conforms to
ONTOLOGY_IRI = URIRef(NS.rstrip("#"))


def _data_text(name: str) -> str:
    from importlib import resources

    return resources.files("policygraph").joinpath("data", name).read_text(encoding="utf-8")


def vocabulary_graph() -> Graph:
    """The vocabulary itself as RDF: the packaged ontology (``data/ontology.ttl``),
    an OWL ontology with English and Korean labels, comments, and schema.org
    domains and ranges."""
    g = Graph()
    bind_prefixes(g)
    g.parse(data=_data_text(ONTOLOGY_FILE), format="turtle")
    return g


def shapes_graph() -> Graph:
    """The SHACL shapes (``data/shapes.ttl``) that every export conforms to."""
    g = Graph()
    bind_prefixes(g)
    g.parse(data=_data_text(SHAPES_FILE), format="turtle")
    return g


def _terms() -> dict[str, tuple[URIRef, str, str, list[tuple[URIRef, URIRef]]]]:
    g = vocabulary_graph()
    out: dict[str, tuple[URIRef, str, str, list[tuple[URIRef, URIRef]]]] = {}
    skip = {RDF.type, RDFS.label, RDFS.comment, RDFS.isDefinedBy}
    for s in sorted(set(g.subjects(RDFS.isDefinedBy, ONTOLOGY_IRI))):
        term = str(s)[len(NS):]
        kind = g.value(s, RDF.type)
        label = next((str(o) for o in g.objects(s, RDFS.label) if getattr(o, "language", None) == "en"), term)
        comment = next((str(o) for o in g.objects(s, RDFS.comment) if getattr(o, "language", None) == "en"), "")
        extra = sorted((p, o) for p, o in g.predicate_objects(s) if p not in skip and isinstance(o, URIRef))
        out[term] = (kind, label, comment, extra)
    return out


def bind_prefixes(g: Graph) -> Graph:
    g.bind("pg", NS, override=True)
    g.bind("pgp", PROP_NS, override=True)
    g.bind("schema", str(SDO), override=True)
    g.bind("prov", str(PROV), override=True)
    g.bind("xsd", str(XSD), override=True)
    g.bind("rdf", str(RDF), override=True)
    g.bind("rdfs", str(RDFS), override=True)
    g.bind("owl", str(OWL), override=True)
    g.bind("skos", str(SKOS), override=True)
    g.bind("dcterms", "http://purl.org/dc/terms/", override=True)
    return g


# term -> (kind, label, comment, extra axioms), read from the ontology file
TERMS: dict[str, tuple[URIRef, str, str, list[tuple[URIRef, URIRef]]]] = _terms()

__all__ = [
    "ONTOLOGY_FILE",
    "SHAPES_FILE",
    "shapes_graph",
    "NS",
    "PROP_NS",
    "PG",
    "PGP",
    "RELATION_PREDICATES",
    "LABEL_CLASSES",
    "GRAPH_LABELS",
    "RELATION_CLASSES",
    "TERMS",
    "vocabulary_graph",
    "bind_prefixes",
]
