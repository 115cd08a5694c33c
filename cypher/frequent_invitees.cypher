// The organisations an organiser keeps inviting: organisations taking part in
// the events it organised, themselves or through their people, co-hosts left
// out.
//
// :param org => '과학기술정보통신부'
// :param min_events => 1
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($org, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS host WHERE host:Organization
MATCH (host)-[:ORGANIZED]->(e:Event)
CALL (e) {
  MATCH (guest:Organization)-[:PARTICIPATED_IN]->(e)
  RETURN guest
  UNION
  MATCH (person:Person)-[:PARTICIPATED_IN]->(e), (person)-[:HOLDS_POSITION]->(guest:Organization)
  RETURN guest
}
WITH host, e, guest
WHERE guest <> host AND NOT (guest)-[:ORGANIZED]->(e)
WITH guest, e ORDER BY e.name
WITH guest, count(DISTINCT e) AS events, collect(DISTINCT e.name) AS event_names
WHERE events >= $min_events
RETURN guest.id AS organization_id, guest.name AS organization, guest.category AS category, events, event_names
ORDER BY events DESC, organization, organization_id;
