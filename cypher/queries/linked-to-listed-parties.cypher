// name: linked-to-listed-parties
// title: Entities sharing an address or officer with a listed party
// description: Parties associated with a party listed by one of the given authorities as of a date: a LINKED_TO
//   association (shared registered address, directorship), a shared officer (someone LINKED_TO both), or the same
//   recorded address. Associations are shown to the investigator and never counted as ownership or control.
// param: authorities list<string> = ["OFAC", "EU", "UK", "UN"] -- sanctions authorities whose listings count
// param: asOf date = "2025-01-01" -- listings and delistings in force on this date
MATCH (p:Entity)-[:LISTED_ON]->(l:Listing)
WHERE l.authority IN $authorities AND (l.listed IS NULL OR l.listed <= $asOf)
  AND (l.delisted IS NULL OR l.delisted > $asOf)
WITH DISTINCT p
CALL (p) {
  MATCH path = (p)-[r:LINKED_TO]-(x:Entity)
  RETURN x, 'linked (' + coalesce(r.basis, 'association') + ')' AS how, path
  UNION
  MATCH path = (p)-[r1:LINKED_TO]-(o:Entity)-[r2:LINKED_TO]-(x:Entity)
  WHERE x <> p
  RETURN x, 'shared officer ' + o.name + ' (' + coalesce(r2.basis, 'association') + ')' AS how, path
  UNION
  MATCH (x:Entity)
  WHERE (x:Company OR x:Person) AND x.address IS NOT NULL AND x.address = p.address AND x <> p
  RETURN x, 'same address' AS how, null AS path
}
WITH x, p, collect(DISTINCT how) AS links, [q IN collect(path) WHERE q IS NOT NULL] AS paths
RETURN x.id AS entity, x.name AS name, x.kind AS kind, p.id AS listedParty, p.name AS listedName,
       EXISTS { (x)-[:LISTED_ON]->(:Listing) } AS entityListedToo, links, paths, p, x
ORDER BY entity, listedParty
