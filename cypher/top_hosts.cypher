// The top hosts: organisations by the number of events they organised (hosts
// and co-hosts), with the events.
//
// :param limit => 10
MATCH (o:Organization)-[:ORGANIZED]->(e:Event)
WITH o, e ORDER BY e.name
RETURN o.id AS organization_id, o.name AS organization, o.category AS category,
       count(DISTINCT e) AS events, collect(DISTINCT e.name) AS event_names
ORDER BY events DESC, organization, organization_id
LIMIT $limit;
