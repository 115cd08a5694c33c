// One entity's names in both languages: its name, English name and aliases,
// split into Korean (with Hangul) and other names.
//
// :param entity => 'MSIT'
MATCH (k:Lookup {key: $entity})
MATCH (n:Node {id: k.node})
UNWIND [x IN [n.name, n.name_en] + coalesce(n.aliases, []) WHERE x IS NOT NULL] AS name
WITH n, name ORDER BY name
WITH n, collect(DISTINCT name) AS names
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Node'][0] AS label, n.name AS name, n.name_en AS name_en,
       [x IN names WHERE x =~ '(?s).*[가-힣].*'] AS korean,
       [x IN names WHERE NOT x =~ '(?s).*[가-힣].*'] AS other
ORDER BY id;
