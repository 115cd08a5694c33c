// The busiest people: people by the number of events they took part in, with
// the organisations they were seen with.
//
// :param limit => 10
MATCH (p:Person)-[:PARTICIPATED_IN]->(e:Event)
WITH p, count(DISTINCT e) AS events
OPTIONAL MATCH (p)-[:HOLDS_POSITION]->(o)
WITH p, events, o ORDER BY o.name
RETURN p.id AS person_id, p.name AS person, p.name_en AS person_en, events,
       collect(DISTINCT o.name) AS organizations
ORDER BY events DESC, person, person_id
LIMIT $limit;
