// policygraph schema for Neo4j 5.x (Community is enough; 5.7+ for the
// relationship key constraints). Applied by Neo4jStore on open; every
// statement is idempotent. One statement per ';'. Can also be run by hand:
//   cypher-shell -u neo4j -p PASSWORD -f cypher/schema.cypher
//
// The merged graph:
//   (:Node:<Label> {id, name, aliases, ..., article_count, pg_state})   Label in
//       Person, Organization, Event, Place, Topic, Product, Quote, Article
//   (a:Node)-[:<TYPE> {key, ..., article_count, pg_state}]->(b:Node)   TYPE in
//       models.RELATION_TYPES
// article_count: how many articles support it; pg_state: its merge state (JSON).
// Bookkeeping lives in properties, not in labels or relationship types: the
// Article node of each stored article holds what that article said, so that a
// changed article can be replaced exactly:
//   (:Article {id: 'article:<article id>', pg_article, pg_fingerprint,
//              pg_contribution, pg_nodes, pg_rels, ...})
//   (:PolicygraphState {key, value})   e.g. whether the resolver ran since the last write

// -- one node per id, whatever its label ----------------------------------
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
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

// -- lookups by id, name, English name or alias -----------------------------
// One (:Lookup {key, node}) per id, name, name_en and alias of a merged node,
// kept by the store: a lookup is an index seek on Lookup(key), then a unique
// index seek on the node's id (range indexes cannot seek inside string lists):
//   MATCH (k:Lookup {key: $entity}) MATCH (n:Node {id: k.node})
CREATE INDEX lookup_key IF NOT EXISTS FOR (k:Lookup) ON (k.key);
CREATE INDEX lookup_node IF NOT EXISTS FOR (k:Lookup) ON (k.node);
CREATE INDEX node_name IF NOT EXISTS FOR (n:Node) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE INDEX topic_name IF NOT EXISTS FOR (n:Topic) ON (n.name);
CREATE INDEX product_name IF NOT EXISTS FOR (n:Product) ON (n.name);
CREATE INDEX node_name_en IF NOT EXISTS FOR (n:Node) ON (n.name_en);
CREATE INDEX organization_category IF NOT EXISTS FOR (n:Organization) ON (n.category);
CREATE INDEX place_kind IF NOT EXISTS FOR (n:Place) ON (n.kind);

// -- dates: Neo4j date values (start_date_precision etc. say day, month or
// year; '2023-09' is date('2023-09-01') with precision 'month'); timestamps
// are datetime values with their offset -------------------------------------
CREATE INDEX event_start_date IF NOT EXISTS FOR (n:Event) ON (n.start_date);
CREATE INDEX event_end_date IF NOT EXISTS FOR (n:Event) ON (n.end_date);
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);
CREATE INDEX article_date IF NOT EXISTS FOR (n:Article) ON (n.date);
CREATE INDEX holds_position_first_seen IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() ON (r.first_seen);
CREATE INDEX holds_position_last_seen IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() ON (r.last_seen);

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
CREATE FULLTEXT INDEX quote_texts IF NOT EXISTS
  FOR (n:Quote)
  ON EACH [n.text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

// -- bookkeeping -------------------------------------------------------------
// The stored articles: their holders, by article id
CREATE INDEX node_pg_article IF NOT EXISTS FOR (n:Node) ON (n.pg_article);
CREATE CONSTRAINT policygraph_state IF NOT EXISTS FOR (s:PolicygraphState) REQUIRE s.key IS UNIQUE;
// the layout before merge states (a store written then is rewritten on open)
DROP CONSTRAINT article_fingerprint IF EXISTS;
DROP CONSTRAINT contribution_id IF EXISTS;
DROP INDEX contribution_article IF EXISTS;
DROP INDEX contribution_node IF EXISTS;
DROP CONSTRAINT rel_contribution_id IF EXISTS;
DROP INDEX rel_contribution_article IF EXISTS;
DROP INDEX rel_contribution_key IF EXISTS;
DROP INDEX rel_contribution_source IF EXISTS;
DROP INDEX rel_contribution_target IF EXISTS;
