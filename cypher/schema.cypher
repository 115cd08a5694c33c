// policygraph schema for Neo4j 5.x (Community is enough; 5.7+ for the
// relationship key constraints). Applied by Neo4jStore on open; every
// statement is idempotent. One statement per ';'. Can also be run by hand:
//   cypher-shell -u neo4j -p PASSWORD -f cypher/schema.cypher
//
// The merged graph, in the documented vocabulary only (docs/vocabulary.md):
//   (:<Label> {id, name, aliases, ..., article_count, pg_state})   Label in
//       Person, Organization, Event, Place, Topic, Product, Quote, Article
//   (a)-[:<TYPE> {key, ..., article_count, pg_state}]->(b)   TYPE in
//       models.RELATION_TYPES
//   (:Dataset {id: 'dataset:policygraph', name, pg_store_state})   the graph itself
// article_count: how many articles support it; pg_state: its merge state (JSON).
// Bookkeeping lives in properties (prefix pg_, internal), not in labels or
// relationship types: the Article node of each stored article holds what that
// article said, so that a changed article can be replaced exactly:
//   (:Article {id: 'article:<article id>', pg_article, pg_fingerprint,
//              pg_contribution, pg_nodes, pg_rels, ...})
// and the Dataset node the store's state (whether the resolver ran since the
// last write).

// -- one node per id and label (an id is looked up under every label at once:
//    MATCH (n:Article|Event|... {id: $id}) is one unique seek per label) ------
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT quote_id IF NOT EXISTS FOR (n:Quote) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;

// -- one relationship per key ----------------------------------------------
CREATE CONSTRAINT holds_position_key IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT organized_key IF NOT EXISTS FOR ()-[r:ORGANIZED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT participated_in_key IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT held_at_key IF NOT EXISTS FOR ()-[r:HELD_AT]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT located_in_key IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT about_key IF NOT EXISTS FOR ()-[r:ABOUT]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT said_key IF NOT EXISTS FOR ()-[r:SAID]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT makes_key IF NOT EXISTS FOR ()-[r:MAKES]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT subsidiary_of_key IF NOT EXISTS FOR ()-[r:SUBSIDIARY_OF]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT issued_key IF NOT EXISTS FOR ()-[r:ISSUED]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT mentions_key IF NOT EXISTS FOR ()-[r:MENTIONS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT reports_key IF NOT EXISTS FOR ()-[r:REPORTS]-() REQUIRE r.key IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;

// -- lookups by id, name, English name or alias -----------------------------
// A keyword (exact, case-sensitive) full-text index over each node's id, name,
// name_en and aliases (a range index cannot seek inside a list): a lookup is
// one exact term, the value quoted with \ and " escaped:
//   CALL db.index.fulltext.queryNodes('entity_keys',
//     '"' + replace(replace($entity, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS n
CREATE FULLTEXT INDEX entity_keys IF NOT EXISTS
  FOR (n:Person|Organization|Event|Place|Topic|Product|Quote|Article)
  ON EACH [n.id, n.name, n.name_en, n.aliases]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

// -- dates: Neo4j date values (start_date_precision etc. say day, month or
// year; '2023-09' is date('2023-09-01') with precision 'month'); timestamps
// are datetime values with their offset -------------------------------------
CREATE INDEX event_start_date IF NOT EXISTS FOR (n:Event) ON (n.start_date);
// events abroad and by country start from the countries
CREATE INDEX place_kind IF NOT EXISTS FOR (n:Place) ON (n.kind);

// -- full text, CJK-aware (bigrams: '윤규' finds '박윤규', '과기정통부' its alias) -
// Entities and articles in separate indexes, so that an entity never ranks
// behind an article title:
//   CALL db.index.fulltext.queryNodes('entity_names', '윤규') YIELD node, score
//   CALL db.index.fulltext.queryNodes('article_titles', '디지털 트윈') YIELD node, score
DROP INDEX node_names IF EXISTS;
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
  FOR (n:Person|Organization|Event|Place|Topic|Product)
  ON EACH [n.name, n.name_en, n.aliases]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX article_titles IF NOT EXISTS
  FOR (n:Article)
  ON EACH [n.title]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

// -- bookkeeping -------------------------------------------------------------
// Which stored articles contribute a node id or relationship key (served as
// their ``articles``; retraction reads the articles' own pg_contribution):
// exact terms of the holders' pg_nodes / pg_rels lists (a holder is an
// article's Article node, whatever label its article gave it).
CREATE FULLTEXT INDEX pg_support IF NOT EXISTS
  FOR (n:Article|Event|Organization|Person|Place|Product|Quote|Topic)
  ON EACH [n.pg_nodes, n.pg_rels]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
// The resolver's name keys of the nodes it matches (resolve.RESOLVER_LABELS),
// and the marker of nodes whose props changed since they were keyed.
CREATE FULLTEXT INDEX pg_rkeys IF NOT EXISTS
  FOR (n:Event|Organization|Person|Place)
  ON EACH [n.pg_rkeys, n.pg_rkeys_stale]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

// -- indexes and constraints of older layouts, gone ---------------------------
DROP CONSTRAINT node_id IF EXISTS;
DROP INDEX lookup_key IF EXISTS;
DROP INDEX lookup_node IF EXISTS;
DROP INDEX node_name IF EXISTS;
DROP INDEX person_name IF EXISTS;
DROP INDEX organization_name IF EXISTS;
DROP INDEX event_name IF EXISTS;
DROP INDEX place_name IF EXISTS;
DROP INDEX topic_name IF EXISTS;
DROP INDEX product_name IF EXISTS;
DROP INDEX node_name_en IF EXISTS;
DROP INDEX organization_category IF EXISTS;
DROP INDEX event_end_date IF EXISTS;
DROP INDEX article_published IF EXISTS;
DROP INDEX article_date IF EXISTS;
DROP INDEX holds_position_first_seen IF EXISTS;
DROP INDEX holds_position_last_seen IF EXISTS;
DROP INDEX node_pg_article IF EXISTS;
DROP INDEX quote_texts IF EXISTS;
DROP CONSTRAINT policygraph_state IF EXISTS;
DROP CONSTRAINT article_fingerprint IF EXISTS;
DROP CONSTRAINT contribution_id IF EXISTS;
DROP INDEX contribution_article IF EXISTS;
DROP INDEX contribution_node IF EXISTS;
DROP CONSTRAINT rel_contribution_id IF EXISTS;
DROP INDEX rel_contribution_article IF EXISTS;
DROP INDEX rel_contribution_key IF EXISTS;
DROP INDEX rel_contribution_source IF EXISTS;
DROP INDEX rel_contribution_target IF EXISTS;
