// Every entity, as lists in records of $perRecord entities each (lists stream faster than maps): each entity
// [key, labels, ...ENTITY_ROW_FIELDS of src/db/snapshot-mapping.ts, listings], the same fields as
// cypher/app/upstream-subgraph, so that a trace cut from the whole graph in memory equals the one read from the
// database. A listing is [authority, program, listed, delisted]; reading them here (most entities have none) saves a
// query and a join in JavaScript.
// Most of the cost of a whole-graph read is per record, on both sides, so the entities travel a few dozen to a
// record rather than one each; only references to the nodes are gathered first, their rows are built a record at a
// time as the stream is read.
// Dates travel as text; toStringOrNull makes a value of another kind (a list written by another tool) null rather
// than failing the whole read.
// properties(n) reads the node's property chain once; naming each property of n walks it again for every one
// (a third less of Neo4j's CPU for this query, measured at 100,000 entities).
MATCH (n:Entity)
WITH collect(n) AS entities
UNWIND range(0, size(entities) - 1, $perRecord) AS first
CALL (entities, first) {
  UNWIND entities[first..first + $perRecord] AS n
  WITH n, properties(n) AS p
  RETURN collect([coalesce(p.id, elementId(n)), labels(n), p.id, p.kind, p.name, p.country, p.governmentType, p.lat,
                  p.lon, p.powerMw, p.hashratePhs, p.category, p.address, p.illustrative, p.aliases, p.topics,
                  p.identifiers, p.sourceDataset, p.sourceRecordId, toStringOrNull(p.sourceDate),
                  COLLECT { MATCH (n)-[:LISTED_ON]->(l:Listing)
                            RETURN [l.authority, l.program, toStringOrNull(l.listed),
                                    toStringOrNull(l.delisted)] }]) AS rows
}
RETURN rows
