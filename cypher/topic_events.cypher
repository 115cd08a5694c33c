// What is about a topic: the events (and anything else) linked to it by
// ABOUT, with their dates.
//
// :param topic => '산업용 디지털 트윈의 글로벌 동향'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($topic, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS t WHERE t:Topic
MATCH (x)-[:ABOUT]->(t)
RETURN t.id AS topic_id, labels(x)[0] AS label, x.id AS id, x.name AS name,
       left(toString(x.start_date), CASE x.start_date_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS start_date
ORDER BY topic_id, x.start_date, name, id;
