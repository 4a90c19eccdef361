// Every listing of every entity, one list per listing: [entity key, authority, program, listed, delisted].
MATCH (n:Entity)-[:LISTED_ON]->(l:Listing)
RETURN [coalesce(n.id, elementId(n)), l.authority, l.program, toString(l.listed), toString(l.delisted)] AS row
