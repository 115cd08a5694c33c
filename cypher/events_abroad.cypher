// Events abroad: events whose venue lies in a known country other than the
// home country, with venue, country and organisers.
//
// :param home => '대한민국'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($home, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS h WHERE h:Place
MATCH (e:Event)-[:HELD_AT]->(v)-[:LOCATED_IN*0..6]->(c:Place {kind: 'country'})
WHERE c <> h
WITH DISTINCT e, v, c
OPTIONAL MATCH (o:Organization)-[:ORGANIZED]->(e)
WITH e, v, c, o ORDER BY o.name
WITH e, v, c, collect(DISTINCT o.name) AS organizers
RETURN e.id AS event_id, e.name AS event,
       left(toString(e.start_date), CASE e.start_date_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS start_date,
       v.name AS venue, c.name AS country, organizers
ORDER BY e.start_date, event, event_id, venue, country;
