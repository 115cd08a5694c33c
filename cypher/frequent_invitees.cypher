// Which organisations an organiser keeps inviting: organisations taking part in
// the events it organised, themselves or through their people, co-hosts left out.
//
// :param org => '과학기술정보통신부'
// :param min_events => 1
MATCH (host:Organization)
WHERE host.id = $org OR host.name = $org OR host.name_en = $org OR $org IN coalesce(host.aliases, [])
MATCH (host)-[:ORGANIZED]->(e:Event)
CALL {
  WITH e
  MATCH (guest:Organization)-[:PARTICIPATED_IN]->(e)
  RETURN guest
  UNION
  WITH e
  MATCH (person:Person)-[:PARTICIPATED_IN]->(e), (person)-[:HOLDS_POSITION]->(guest:Organization)
  RETURN guest
}
WITH host, e, guest
WHERE guest <> host AND NOT (guest)-[:ORGANIZED]->(e)
WITH guest, count(DISTINCT e) AS events, collect(DISTINCT e.name) AS event_names
WHERE events >= $min_events
RETURN guest.id AS organization_id, guest.name AS organization, guest.category AS category, events, event_names
ORDER BY events DESC, organization;
