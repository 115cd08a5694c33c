// Articles that mention an entity, with the forms they used and where (character
// spans of the article's cleaned text).
//
// :param entity => '강도현'
MATCH (n:Node)
WHERE n.id = $entity OR n.name = $entity OR n.name_en = $entity OR $entity IN coalesce(n.aliases, [])
MATCH (a:Article)-[m:MENTIONS]->(n)
RETURN a.id AS article_id, a.title AS title, a.published AS published, a.source AS source,
       m.forms AS forms, m.spans AS spans
ORDER BY published DESC;
