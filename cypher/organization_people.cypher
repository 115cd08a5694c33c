// People of an organisation and their titles, with the dates each title was
// first and last seen in the articles.
//
// :param org => '과학기술정보통신부'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($org, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS o WHERE o:Organization
MATCH (p:Person)-[h:HOLDS_POSITION]->(o)
RETURN p.id AS person_id, p.name AS person, p.name_en AS person_en, h.title AS title,
       left(toString(h.first_seen), CASE h.first_seen_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS first_seen,
       left(toString(h.last_seen), CASE h.last_seen_precision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS last_seen,
       coalesce(h.article_count, 0) AS articles
ORDER BY h.last_seen DESC, person, person_id, title;
