// An entity's neighbourhood: every relationship of one entity (articles left
// out), with the other end and the relationship's properties.
//
// :param entity => '과학기술정보통신부'
// :param limit => 100
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($entity, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS n
MATCH (n)-[r]-(m)
WHERE NOT type(r) IN ['MENTIONS', 'REPORTS', 'ISSUED']
WITH n, r, m, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction
RETURN n.id AS entity, type(r) AS relationship, direction,
       m.id AS other_id, labels(m)[0] AS other_label, m.name AS other_name,
       r.title AS title, r.role AS role, coalesce(r.article_count, 0) AS articles
ORDER BY entity, relationship, direction, other_name, other_id, title, role, r.key
LIMIT $limit;
