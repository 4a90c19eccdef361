// Every entity, as lists in records of $perRecord entities each (lists stream faster than maps): each entity
// [key, labels, ...ENTITY_ROW_FIELDS of src/db/snapshot-mapping.ts], the same fields as cypher/app/upstream-subgraph
// without the listings, which cypher/app/analysis-listings reads apart (few entities have any); a trace cut from the
// whole graph in memory then equals the one read from the database. The labels are sent only for an entity whose
// kind property is not one of $kinds (they are read only to tell its kind), the id only where there is no name to
// stand in for (the key holds it otherwise), and a record id equal to the id as `true`: fewer values to decode.
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
  RETURN collect([coalesce(p.id, elementId(n)), CASE WHEN p.kind IN $kinds THEN null ELSE labels(n) END,
                  CASE WHEN p.name IS :: STRING NOT NULL AND p.name <> '' THEN null ELSE p.id END, p.kind, p.name,
                  p.country, p.governmentType, p.lat, p.lon, p.powerMw, p.hashratePhs, p.category, p.address,
                  p.illustrative, p.aliases, p.topics, p.identifiers, p.sourceDataset,
                  CASE WHEN p.sourceRecordId IS :: BOOLEAN THEN null
                       WHEN p.sourceRecordId IS :: STRING AND p.sourceRecordId = p.id AND p.id <> ''
                         THEN true ELSE p.sourceRecordId END,
                  toStringOrNull(p.sourceDate)]) AS rows
}
RETURN rows
