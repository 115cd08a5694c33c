// Events of an organisation: those it organised (host, co-host) and those it took
// part in, newest first.
//
// :param org => '과학기술정보통신부'
MATCH (o:Organization)
WHERE o.id = $org OR o.name = $org OR o.name_en = $org OR $org IN coalesce(o.aliases, [])
MATCH (o)-[r:ORGANIZED|PARTICIPATED_IN]->(e:Event)
OPTIONAL MATCH (e)-[:HELD_AT]->(venue:Node)
RETURN e.id AS event_id, e.name AS event, e.name_en AS event_en, e.start_date AS start_date,
       type(r) AS relation, r.role AS role, collect(DISTINCT venue.name) AS held_at
ORDER BY start_date DESC, event;
