// Replace the sanctions listings of the given entities. $rows: [{key, listings: [{id, authority, program, listed, delisted}]}]
UNWIND $rows AS row
MATCH (n:Entity {id: row.key})
OPTIONAL MATCH (n)-[old:LISTED_ON]->(:Listing)
DELETE old
WITH DISTINCT n, row
UNWIND row.listings AS listing
MERGE (l:Listing {id: listing.id})
SET l.authority = listing.authority,
    l.program = listing.program,
    l.listed = CASE WHEN listing.listed IS NULL THEN null ELSE date(listing.listed) END,
    l.delisted = CASE WHEN listing.delisted IS NULL THEN null ELSE date(listing.delisted) END
MERGE (n)-[:LISTED_ON]->(l)
RETURN count(l) AS written
