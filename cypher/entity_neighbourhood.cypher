// An entity's neighbourhood: every relationship of one entity (articles left out),
// with the other end and the relationship's properties.
// Find an entity by id, name, English name or alias.
//
// :param entity => '과학기술정보통신부'
// :param limit => 100
MATCH (n:Node)
WHERE n.id = $entity OR n.name = $entity OR n.name_en = $entity OR $entity IN coalesce(n.aliases, [])
MATCH (n)-[r]-(m:Node)
WHERE NOT type(r) IN ['MENTIONS', 'REPORTS', 'ISSUED']
RETURN n.id AS entity, type(r) AS relationship,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.id AS other_id, [l IN labels(m) WHERE l <> 'Node'][0] AS other_label, m.name AS other_name,
       r.title AS title, r.role AS role, size(coalesce(r.articles, [])) AS articles
ORDER BY relationship, other_name
LIMIT $limit;
