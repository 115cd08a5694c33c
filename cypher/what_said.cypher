// What an official said: the person's quotes, the verb that introduced each
// and the articles that carry it.
//
// :param person => '강도현'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($person, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p WHERE p:Person
MATCH (p)-[:SAID]->(q:Quote)
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(q)
WITH p, q, a ORDER BY a.id
WITH p, q, collect(DISTINCT a.title) AS articles, min(a.published) AS first_published
RETURN p.id AS person_id, q.text AS quote, q.verb AS verb, first_published, articles
ORDER BY person_id, first_published, quote;
