// Events held at a place or anywhere inside it (a venue, district or city in
// it, up the LOCATED_IN chain), oldest first.
//
// :param place => '서울'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($place, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS pl WHERE pl:Place
MATCH (e:Event)-[:HELD_AT]->(v)-[:LOCATED_IN*0..6]->(pl)
WITH DISTINCT pl, e, v
RETURN pl.id AS place_id, e.id AS event_id, e.name AS event,
       left(toString(e.start_date), CASE e.start_date_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS start_date,
       v.name AS venue
ORDER BY place_id, e.start_date, event, event_id, venue;
