// Articles that mention an entity, with the forms they used and where
// (character spans of the article's cleaned text), newest first.
//
// :param entity => '강도현'
MATCH (k:Lookup {key: $entity})
MATCH (n:Node {id: k.node})
MATCH (a:Article)-[m:MENTIONS]->(n)
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source,
       m.forms AS forms, m.spans AS spans
ORDER BY a.published DESC, article_id;
