// Events by country: the country of each event's venue (up the LOCATED_IN
// chain to a place of kind 'country'), with the number of events and their
// names; events whose venue has no known country are left out.
//
// :param since => '2024-01-01'
// :param until => '2024-12-31'
MATCH (e:Event)
WHERE e.start_date >= date($since) AND e.start_date <= date($until)
MATCH (e)-[:HELD_AT]->()-[:LOCATED_IN*0..6]->(c:Place {kind: 'country'})
WITH c, e ORDER BY e.name
RETURN c.id AS country_id, c.name AS country, c.name_en AS country_en,
       count(DISTINCT e) AS events, collect(DISTINCT e.name) AS event_names
ORDER BY events DESC, country, country_id;
