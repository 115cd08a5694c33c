// Events between two dates (ISO strings; an event dated only to the month, such as
// '2023-09', falls in a range that covers that month's first day), with organisers
// and venue.
//
// :param from => '2023-01-01'
// :param to => '2024-12-31'
MATCH (e:Event)
WHERE e.start_date IS NOT NULL AND e.start_date >= substring($from, 0, size(e.start_date)) AND e.start_date <= $to
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(e)
OPTIONAL MATCH (e)-[:HELD_AT]->(v:Node)
RETURN e.id AS event_id, e.name AS event, e.start_date AS start_date, e.end_date AS end_date,
       collect(DISTINCT o.name) AS organizers, collect(DISTINCT v.name) AS held_at
ORDER BY start_date, event;
