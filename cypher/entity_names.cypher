// One entity's names in both languages: its name, English name and aliases,
// split into Korean (with Hangul) and other names.
//
// :param entity => 'MSIT'
CALL db.index.fulltext.queryNodes('entity_keys', '"' + replace(replace($entity, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS n
UNWIND [x IN [n.name, n.name_en] + coalesce(n.aliases, []) WHERE x IS NOT NULL] AS name
WITH n, name ORDER BY name
WITH n, collect(DISTINCT name) AS names
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.name_en AS name_en,
       [x IN names WHERE x =~ '(?s).*[가-힣].*'] AS korean,
       [x IN names WHERE NOT x =~ '(?s).*[가-힣].*'] AS other
ORDER BY id;
