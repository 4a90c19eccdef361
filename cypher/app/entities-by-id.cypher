// Entities with their listings, by id: each [key, labels, ...ENTITY_ROW_FIELDS of src/db/snapshot-mapping.ts,
// listings], a listing [authority, program, listed, delisted], read by the same entityFromRow as the whole-graph read
// (cypher/app/analysis-nodes and analysis-listings, which leave out values its reader puts back). Lists are cheaper to
// send and decode than nodes or maps.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, properties(n) AS p
RETURN [p.id, labels(n), p.id, p.kind, p.name, p.country, p.governmentType, p.lat, p.lon, p.powerMw, p.hashratePhs,
        p.category, p.address, p.illustrative, p.aliases, p.topics, p.identifiers, p.sourceDataset, p.sourceRecordId,
        toStringOrNull(p.sourceDate),
        COLLECT { MATCH (n)-[:LISTED_ON]->(l:Listing)
                  RETURN [l.authority, l.program, toStringOrNull(l.listed), toStringOrNull(l.delisted)] }] AS row
