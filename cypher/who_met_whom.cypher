// Who met whom: the people who took part in the same events as a person, how
// often, and at which events.
//
// :param person => '강도현'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($person, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p WHERE p:Person
MATCH (p)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(other:Person)
WHERE other <> p
WITH other, e
ORDER BY e.name
RETURN other.id AS person_id, other.name AS person, other.name_en AS person_en,
       count(DISTINCT e) AS shared_events, collect(DISTINCT e.name) AS events
ORDER BY shared_events DESC, person, person_id;
