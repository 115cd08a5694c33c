// How often an entity is in the news: the articles mentioning it per month of
// publication.
//
// :param entity => '과학기술정보통신부'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($entity, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS n
MATCH (a:Article)-[:MENTIONS]->(n)
WITH n, a, left(toString(a.date), 7) AS month ORDER BY a.id
RETURN n.id AS entity_id, month, count(DISTINCT a) AS articles, collect(DISTINCT a.id) AS article_ids
ORDER BY entity_id, month;
