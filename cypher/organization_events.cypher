// Events of an organisation: those it organised (host, co-host) and those it
// took part in, newest first.
//
// :param org => '과학기술정보통신부'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($org, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS o WHERE o:Organization
MATCH (o)-[r:ORGANIZED|PARTICIPATED_IN]->(e:Event)
OPTIONAL MATCH (e)-[:HELD_AT]->(venue)
WITH o, r, e, venue ORDER BY venue.name
WITH o, r, e, collect(DISTINCT venue.name) AS held_at
RETURN e.id AS event_id, e.name AS event, e.name_en AS event_en,
       left(toString(e.start_date), CASE e.start_date_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS start_date,
       type(r) AS relation, r.role AS role, held_at
ORDER BY e.start_date DESC, event, event_id, relation, role;
