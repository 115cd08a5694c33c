// The articles that report an event or mention it, oldest first.
//
// :param event => '2024 디지털 트윈 얼라이언스 포럼'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($event, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS e WHERE e:Event
MATCH (a:Article)-[r:REPORTS|MENTIONS]->(e)
WITH e, a, type(r) AS how ORDER BY how
RETURN e.id AS event_id, a.id AS article_id, a.title AS title, a.publisher AS publisher,
       a.published AS published, collect(DISTINCT how) AS how
ORDER BY event_id, published, article_id;
