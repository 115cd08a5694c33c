// An organisation's partners: other organisations that took part in or
// organised the same events, how often, and where.
//
// :param org => '엔비디아'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($org, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS o WHERE o:Organization
MATCH (o)-[:ORGANIZED|PARTICIPATED_IN]->(e:Event)<-[:ORGANIZED|PARTICIPATED_IN]-(other:Organization)
WHERE other <> o
WITH o, other, e ORDER BY e.name
RETURN o.id AS organization_id, other.id AS partner_id, other.name AS partner, other.category AS category,
       count(DISTINCT e) AS shared_events, collect(DISTINCT e.name) AS events
ORDER BY organization_id, shared_events DESC, partner, partner_id;
