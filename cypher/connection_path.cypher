// How two bodies are connected: every shortest path (up to 6 steps, articles
// left out) between two entities, as the names along it and the
// relationship types (-> forward, <- backward).
//
// :param a => '엔비디아'
// :param b => '한국지능정보사회진흥원'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS x
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS y
WHERE x <> y
MATCH p = allShortestPaths((x)-[*..6]-(y))
WHERE none(n IN nodes(p) WHERE n:Article)
RETURN x.id AS from_id, y.id AS to_id, length(p) AS hops,
       [n IN nodes(p) | n.name] AS names,
       [i IN range(0, length(p) - 1) |
          CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN '->' ELSE '<-' END + type(relationships(p)[i])] AS steps
ORDER BY from_id, to_id, names, steps;
