"""The policygraph RDF vocabulary (prefix ``pg``, ``https://policygraph.dev/ns#``).

Only what schema.org, PROV-O and Dublin Core do not already say lives here;
docs/vocabulary.md documents every term with examples, and
:func:`vocabulary_graph` gives the same definitions as RDF (rdfs/owl).

``PG`` is closed, like rdflib's own namespaces: ``PG.Position`` is a term,
``PG.Positon`` raises ``AttributeError``. Property-graph keys the vocabulary
has no term for are exported under the open namespace ``PGP``
(``https://policygraph.dev/ns/prop#``), named by the key itself.
"""
from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef
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

# Reified relationship classes (every reified relationship is also a pg:Relationship).
RELATION_CLASSES: dict[str, URIRef] = {
    "HOLDS_POSITION": PG.Position,
    "PARTICIPATED_IN": PG.Participation,
}

# term -> (kind, label, comment, extra axioms)
_C, _O, _D = OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty
TERMS: dict[str, tuple[URIRef, str, str, list[tuple[URIRef, URIRef]]]] = {
    "Topic": (_C, "Topic", "A policy subject an article, event or quote is about.", [(RDFS.subClassOf, SKOS.Concept)]),
    "Entity": (_C, "Entity", "A node whose property-graph label has no class of its own.", []),
    "Relationship": (
        _C,
        "Relationship",
        "A property-graph relationship made a resource, so that its properties and provenance can be "
        "stated: rdf:subject, rdf:predicate and rdf:object give the direct triple it stands for.",
        [(RDFS.subClassOf, RDF.Statement)],
    ),
    "Position": (
        _C,
        "Position",
        "A HOLDS_POSITION relationship: the person (rdf:subject) holds schema:jobTitle at the "
        "organisation (rdf:object).",
        [(RDFS.subClassOf, URIRef(NS + "Relationship")), (RDFS.subClassOf, SDO.Role)],
    ),
    "Participation": (
        _C,
        "Participation",
        "A PARTICIPATED_IN relationship: the person or organisation (rdf:subject) takes part in the "
        "event (rdf:object), in the role schema:roleName.",
        [(RDFS.subClassOf, URIRef(NS + "Relationship")), (RDFS.subClassOf, SDO.Role)],
    ),
    "holdsPosition": (_O, "holds position at", "HOLDS_POSITION: a person holds a position at an organisation.",
                      [(RDFS.subPropertyOf, SDO.worksFor)]),
    "organized": (_O, "organized", "ORGANIZED: an organisation organises an event (inverse of schema:organizer).",
                  [(OWL.inverseOf, SDO.organizer)]),
    "participatedIn": (_O, "participated in", "PARTICIPATED_IN: a person or organisation takes part in an event "
                       "(inverse of schema:attendee).", [(OWL.inverseOf, SDO.attendee)]),
    "heldAt": (_O, "held at", "HELD_AT: an event takes place at a place.", [(RDFS.subPropertyOf, SDO.location)]),
    "locatedIn": (_O, "located in", "LOCATED_IN: a place or organisation lies in a place.", []),
    "about": (_O, "about", "ABOUT: an event, article or quote is about a topic.", [(RDFS.subPropertyOf, SDO.about)]),
    "said": (_O, "said", "SAID: a person or organisation said a quote (who is also the quote's schema:creator).", []),
    "makes": (_O, "makes", "MAKES: an organisation makes a product (inverse of schema:manufacturer).",
              [(OWL.inverseOf, SDO.manufacturer)]),
    "subsidiaryOf": (_O, "subsidiary of", "SUBSIDIARY_OF: an organisation belongs to a parent organisation.",
                     [(RDFS.subPropertyOf, SDO.parentOrganization)]),
    "issued": (_O, "issued", "ISSUED: an organisation issued an article (press release); inverse of "
               "schema:publisher.", []),
    "mentions": (_O, "mentions", "MENTIONS: an article names an entity.", [(RDFS.subPropertyOf, SDO.mentions)]),
    "reports": (_O, "reports", "REPORTS: an article reports an event.", [(RDFS.subPropertyOf, SDO.about)]),
    "nodeId": (_D, "node id", "The node's id in the property graph (the store).", []),
    "key": (_D, "relationship key", "The relationship's key in the property graph: TYPE|source|target[|discriminator].",
            []),
    "relationType": (_D, "relationship type", "The relationship's type in the property graph (HOLDS_POSITION ...).",
                     []),
    "articleId": (_D, "article id", "An article's id as ingested (what prov:wasDerivedFrom links name).", []),
    "source": (_D, "source", "Where an article was read from: a file path, URL or feed.", []),
    "category": (_D, "category", "An organisation's category: government, public_agency, company, academia, "
                 "research, association, international, media or other.", []),
    "eventType": (_D, "event type", "An event's kind, as the extractor named it.", []),
    "firstSeen": (_D, "first seen", "The earliest publication date among the articles that support the fact.", []),
    "lastSeen": (_D, "last seen", "The latest publication date among the articles that support the fact.", []),
    "asOf": (_D, "as of", "The date at which an article reports the position held.", []),
    "evidence": (_D, "evidence", "Text of an article that states the fact (language-tagged).", []),
}


def vocabulary_graph() -> Graph:
    """The vocabulary itself as RDF (an OWL ontology with labels and comments)."""
    g = Graph()
    bind_prefixes(g)
    onto = URIRef(NS.rstrip("#"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("policygraph vocabulary", lang="en")))
    g.add((onto, RDFS.comment, Literal("Government press articles as a knowledge graph; see docs/vocabulary.md.",
                                       lang="en")))
    for term, (kind, label, comment, extra) in TERMS.items():
        iri = PG[term]
        g.add((iri, RDF.type, kind))
        g.add((iri, RDFS.label, Literal(label, lang="en")))
        g.add((iri, RDFS.comment, Literal(comment, lang="en")))
        g.add((iri, RDFS.isDefinedBy, onto))
        for p, o in extra:
            g.add((iri, p, o))
    return g


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


__all__ = [
    "NS",
    "PROP_NS",
    "PG",
    "PGP",
    "RELATION_PREDICATES",
    "LABEL_CLASSES",
    "RELATION_CLASSES",
    "TERMS",
    "vocabulary_graph",
    "bind_prefixes",
]
