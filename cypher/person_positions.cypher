// A person's positions over time: each organisation and title, when the
// articles first and last showed it, oldest first.
//
// :param person => '강도현'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($person, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS p WHERE p:Person
MATCH (p)-[h:HOLDS_POSITION]->(o)
RETURN p.id AS person_id, p.name AS person, o.id AS organization_id, o.name AS organization, h.title AS title,
       left(toString(h.first_seen), CASE h.first_seen_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS first_seen,
       left(toString(h.last_seen), CASE h.last_seen_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS last_seen,
       coalesce(h.article_count, 0) AS articles
ORDER BY person_id, h.first_seen, h.last_seen, organization, organization_id, title;
