// Entities with their listings, by id: each [key, labels, ...ENTITY_ROW_FIELDS of src/db/snapshot-mapping.ts,
// listings], a listing [authority, program, listed, delisted], read by the same entityFromRow as the whole-graph read
// (cypher/app/analysis-nodes and analysis-listings, which leave out values its reader puts back). Lists are cheaper to
// send and decode than nodes or maps.
// A key is an entity's id, or the element id of an entity without one (written by another tool), as every read keys
// entities (cypher/app/analysis-nodes, upstream-subgraph, neighbours).
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Entity {id: id})
  RETURN n
  UNION
  MATCH (n:Entity)
  WHERE elementId(n) = id AND n.id IS NULL
  RETURN n
}
WITH n, properties(n) AS p
RETURN [coalesce(p.id, elementId(n)), labels(n), p.id, p.kind, p.name, p.country, p.governmentType, p.lat, p.lon,
        p.powerMw, p.hashratePhs, p.category, p.address, p.illustrative, p.aliases, p.topics, p.identifiers,
        p.sourceDataset, p.sourceRecordId, toStringOrNull(p.sourceDate),
        COLLECT { MATCH (n)-[:LISTED_ON]->(l:Listing)
                  RETURN [l.authority, l.program, toStringOrNull(l.listed), toStringOrNull(l.delisted)] }] AS row
