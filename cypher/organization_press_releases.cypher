// The press releases an organisation issued, newest first.
//
// :param org => '과학기술정보통신부'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($org, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS o WHERE o:Organization
MATCH (o)-[:ISSUED]->(a:Article)
RETURN o.id AS organization_id, a.id AS article_id, a.title AS title, a.published AS published, a.lang AS lang
ORDER BY organization_id, a.published DESC, article_id;
