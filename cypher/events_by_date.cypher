// Events that start between two dates (ISO dates; an event dated only to the
// month, such as 2023-09, counts from that month's first day, one dated to the
// year from 1 January), with organisers and venues.
//
// :param since => '2024-01-01'
// :param until => '2024-12-31'
MATCH (e:Event)
WHERE e.start_date >= date($since) AND e.start_date <= date($until)
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(e)
WITH e, o ORDER BY o.name
WITH e, collect(DISTINCT o.name) AS organizers
OPTIONAL MATCH (e)-[:HELD_AT]->(v)
WITH e, organizers, v ORDER BY v.name
WITH e, organizers, collect(DISTINCT v.name) AS held_at
RETURN e.id AS event_id, e.name AS event,
       left(toString(e.start_date), CASE e.start_date_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS start_date,
       left(toString(e.end_date), CASE e.end_date_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS end_date,
       organizers, held_at
ORDER BY e.start_date, event, event_id;
