// Who met whom: people who took part in the same events as a person, how often,
// and at which events.
//
// :param person => '강도현'
MATCH (p:Person)
WHERE p.id = $person OR p.name = $person OR p.name_en = $person OR $person IN coalesce(p.aliases, [])
MATCH (p)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(other:Person)
WHERE other <> p
RETURN other.id AS person_id, other.name AS person, count(DISTINCT e) AS shared_events,
       collect(DISTINCT e.name) AS events
ORDER BY shared_events DESC, person;
