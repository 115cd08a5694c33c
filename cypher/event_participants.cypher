// Who was at an event: organisers and participants (people and
// organisations), with their roles.
//
// :param event => '2024 디지털 트윈 얼라이언스 포럼'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($event, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS e WHERE e:Event
MATCH (x)-[r:ORGANIZED|PARTICIPATED_IN]->(e)
RETURN e.id AS event_id, type(r) AS relation, labels(x)[0] AS label,
       x.id AS id, x.name AS name, x.name_en AS name_en, r.role AS role
ORDER BY event_id, relation, label, name, id, role;
