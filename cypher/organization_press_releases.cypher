// The press releases an organisation issued, newest first.
//
// :param org => '과학기술정보통신부'
MATCH (k:Lookup {key: $org})
MATCH (o:Organization {id: k.node})
MATCH (o)-[:ISSUED]->(a:Article)
RETURN o.id AS organization_id, a.id AS article_id, a.title AS title, a.published AS published, a.lang AS lang
ORDER BY organization_id, a.published DESC, article_id;
