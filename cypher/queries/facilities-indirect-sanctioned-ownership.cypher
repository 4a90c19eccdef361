// name: facilities-indirect-sanctioned-ownership
// title: Facilities with indirect sanctioned ownership
// description: Facilities owned, through any chain of companies, by parties that one authority lists, as of a date.
//   A Cypher approximation of the OFAC 50 Percent Rule (OFAC FAQs 398-402; revised guidance of 13 August 2014):
//   listed parties are blocked; an entity is blocked when the stakes that blocked parties hold in it add up to
//   $threshold percent or more in the aggregate, each blocked intermediary's whole stake counting and stakes held
//   through unblocked entities counting zero. The blocked set grows in eight aggregation rounds, so chains of up
//   to eight holding levels below a listed party are followed; banded shares count at their lower bound; control
//   without ownership does not block. `lookthrough analyze` computes the exact rule with explanations.
// param: authority string = "OFAC" -- sanctions authority: OFAC, EU, UK or UN
// param: asOf date = "2025-01-01" -- listings, delistings and stakes in force on this date
// param: threshold float = 50 -- aggregate percent at or above which an owned entity is blocked
MATCH (p:Entity)-[:LISTED_ON]->(l:Listing {authority: $authority})
WHERE (l.listed IS NULL OR l.listed <= $asOf) AND (l.delisted IS NULL OR l.delisted > $asOf)
WITH collect(DISTINCT p) AS listed
WITH listed, listed AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more1
}
WITH listed, blocked + more1 AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more2
}
WITH listed, blocked + more2 AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more3
}
WITH listed, blocked + more3 AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more4
}
WITH listed, blocked + more4 AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more5
}
WITH listed, blocked + more5 AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more6
}
WITH listed, blocked + more6 AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more7
}
WITH listed, blocked + more7 AS blocked
CALL (blocked) {
  UNWIND blocked AS b
  MATCH (b)-[o:OWNS]->(x:Entity)
  WHERE NOT x IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
  WITH x, sum(coalesce(o.percent, o.percentMin, 0)) AS aggregate
  WHERE aggregate >= $threshold
  RETURN collect(x) AS more8
}
WITH listed, blocked + more8 AS blocked
UNWIND blocked AS f
WITH listed, blocked, f
WHERE f:Facility
MATCH (h:Entity)-[o:OWNS]->(f)
WHERE h IN blocked AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
WITH listed, blocked, f, sum(coalesce(o.percent, o.percentMin, 0)) AS blockedPercent
// The chains from listed parties down to the facility, through blocked entities only, for the graph.
MATCH path = (p:Entity)-[:OWNS*1..10]->(f)
WHERE p IN listed AND all(n IN nodes(path) WHERE n IN blocked)
  AND all(o IN relationships(path) WHERE (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf))
WITH f, blockedPercent, collect(DISTINCT p.id) AS listedOwners, collect(path)[0..25] AS paths
RETURN f.id AS facility, f.name AS name, f.country AS country, blockedPercent, listedOwners, paths
ORDER BY facility
