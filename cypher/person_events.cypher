// A person's events: those the person took part in, with the role, the date
// and the organisers, oldest first.
//
// :param person => '강도현'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($person, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p WHERE p:Person
MATCH (p)-[r:PARTICIPATED_IN]->(e:Event)
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(e)
WITH p, r, e, o ORDER BY o.name
WITH p, r, e, collect(DISTINCT o.name) AS organizers
RETURN p.id AS person_id, e.id AS event_id, e.name AS event,
       left(toString(e.start_date), CASE e.start_date_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS start_date,
       r.role AS role, organizers
ORDER BY person_id, e.start_date, event, event_id, role;
