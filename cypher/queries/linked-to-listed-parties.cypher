// name: linked-to-listed-parties
// title: Entities sharing an address or officer with a listed party
// description: Parties associated with a party listed by one of the given authorities as of a date: a LINKED_TO
//   association (shared registered address, directorship, OFAC "Linked To"), a shared officer (a person LINKED_TO
//   both), or the same recorded address. Addresses shared by more than `maxSharing` parties (a city, a mass
//   registration agent) are too generic to mean anything and are skipped. Associations are shown to the
//   investigator and never counted as ownership or control.
// param: authorities list<string> = ["OFAC", "EU", "UK", "UN"] -- sanctions authorities whose listings count
// param: asOf date = "2025-01-01" -- listings and delistings in force on this date
// param: maxSharing integer = 25 -- skip addresses recorded for more than this many parties
// param: datasets list<string> = [] -- only listed parties from these source datasets (empty: all)
CALL () {
  MATCH (p:Entity)-[:LISTED_ON]->(l:Listing)
  WHERE l.authority IN $authorities AND (l.listed IS NULL OR l.listed <= $asOf)
    AND (l.delisted IS NULL OR l.delisted > $asOf) AND (size($datasets) = 0 OR p.sourceDataset IN $datasets)
  WITH DISTINCT p
  MATCH path = (p)-[r:LINKED_TO]-(x:Entity)
  RETURN p, x, 'linked (' + coalesce(r.basis, 'association') + ')' AS how, path
  UNION
  MATCH (p:Entity)-[:LISTED_ON]->(l:Listing)
  WHERE l.authority IN $authorities AND (l.listed IS NULL OR l.listed <= $asOf)
    AND (l.delisted IS NULL OR l.delisted > $asOf) AND (size($datasets) = 0 OR p.sourceDataset IN $datasets)
  WITH DISTINCT p
  MATCH path = (p)-[:LINKED_TO]-(o:Person)-[r:LINKED_TO]-(x:Entity)
  WHERE x <> p
  RETURN p, x, 'shared officer ' + o.name + ' (' + coalesce(r.basis, 'association') + ')' AS how, path
  UNION
  // One pass over the addresses, grouped, rather than one scan per listed party.
  MATCH (x:Entity)
  WHERE x.address IS NOT NULL AND (x:Company OR x:Person)
  WITH x.address AS address, collect(x) AS sharing
  WHERE size(sharing) > 1 AND size(sharing) <= $maxSharing
  UNWIND sharing AS p
  MATCH (p)-[:LISTED_ON]->(l:Listing)
  WHERE l.authority IN $authorities AND (l.listed IS NULL OR l.listed <= $asOf)
    AND (l.delisted IS NULL OR l.delisted > $asOf) AND (size($datasets) = 0 OR p.sourceDataset IN $datasets)
  WITH DISTINCT p, sharing
  UNWIND sharing AS x
  WITH p, x
  WHERE x <> p
  RETURN p, x, 'same address' AS how, null AS path
}
WITH x, p, collect(DISTINCT how) AS links, [q IN collect(path) WHERE q IS NOT NULL] AS paths
RETURN x.id AS entity, x.name AS name, x.kind AS kind, p.id AS listedParty, p.name AS listedName,
       EXISTS { (x)-[:LISTED_ON]->(:Listing) } AS entityListedToo, links, paths, p, x
ORDER BY entity, listedParty
