// Articles that mention an entity, with the forms they used and where
// (character spans of the article's cleaned text), newest first.
//
// :param entity => '강도현'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($entity, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS n
MATCH (a:Article)-[m:MENTIONS]->(n)
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source,
       m.forms AS forms, m.spans AS spans
ORDER BY a.published DESC, article_id;
