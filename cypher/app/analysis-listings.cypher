// Every listing of every entity, one list per listing: [entity id, authority, program, listed, delisted].
MATCH (n:Entity)-[:LISTED_ON]->(l:Listing)
RETURN [n.id, l.authority, l.program, toString(l.listed), toString(l.delisted)] AS row
