// People of an organisation and their titles, with the dates each title was first
// and last seen in the articles.
//
// :param org => '과학기술정보통신부'
MATCH (o:Organization)
WHERE o.id = $org OR o.name = $org OR o.name_en = $org OR $org IN coalesce(o.aliases, [])
MATCH (p:Person)-[h:HOLDS_POSITION]->(o)
RETURN p.id AS person_id, p.name AS person, p.name_en AS person_en, h.title AS title,
       h.first_seen AS first_seen, h.last_seen AS last_seen, size(coalesce(h.articles, [])) AS articles
ORDER BY last_seen DESC, person;
