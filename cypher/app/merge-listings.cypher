// Replace the sanctions listings of the given entities. $rows: [{key, listings: [{id, authority, program, listed, delisted}]}]
// A listing given again keeps its LISTED_ON relationship; those no longer given are deleted (a listing's id names
// its entity, so nothing else links to it). Relationships deleted in a transaction slow its later relationship-index
// seeks (the relationship upserts that follow in the same import) by about 0.4 ms a seek with the SDN list's 15,000
// deleted, so a re-import deletes none.
UNWIND $rows AS row
MATCH (n:Entity {id: row.key})
CALL (n, row) {
  OPTIONAL MATCH (n)-[old:LISTED_ON]->(l:Listing)
  WHERE l.id IS NULL OR NOT l.id IN [listing IN row.listings | listing.id]
  DELETE old
  WITH l WHERE l IS NOT NULL AND NOT EXISTS { (l)--() }
  DELETE l
}
CALL (n, row) {
  UNWIND row.listings AS listing
  MERGE (l:Listing {id: listing.id})
  SET l.authority = listing.authority,
      l.program = listing.program,
      l.listed = CASE WHEN listing.listed IS NULL THEN null ELSE date(listing.listed) END,
      l.delisted = CASE WHEN listing.delisted IS NULL THEN null ELSE date(listing.delisted) END
  MERGE (n)-[:LISTED_ON]->(l)
  RETURN count(l) AS listed
}
RETURN sum(listed) AS written
