// The co-participation network: pairs of participants (people and
// organisations) that took part in at least min_shared of the same events,
// with the events; the pairs sharing most first.
//
// :param min_shared => 1
// :param limit => 50
MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b)
WHERE a.id < b.id
WITH a, b, e ORDER BY e.name
WITH a, b, count(DISTINCT e) AS shared, collect(DISTINCT e.name) AS events
WHERE shared >= $min_shared
RETURN a.id AS a_id, a.name AS a, b.id AS b_id, b.name AS b, shared, events
ORDER BY shared DESC, a, b, a_id, b_id
LIMIT $limit;
