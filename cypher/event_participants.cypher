// Who was at an event: organisers and participants (people and
// organisations), with their roles.
//
// :param event => '2024 디지털 트윈 얼라이언스 포럼'
MATCH (k:Lookup {key: $event})
MATCH (e:Event {id: k.node})
MATCH (x:Node)-[r:ORGANIZED|PARTICIPATED_IN]->(e)
RETURN e.id AS event_id, type(r) AS relation, [l IN labels(x) WHERE l <> 'Node'][0] AS label,
       x.id AS id, x.name AS name, x.name_en AS name_en, r.role AS role
ORDER BY event_id, relation, label, name, id, role;
