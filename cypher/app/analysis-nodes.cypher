// Every entity, one list each (lists stream faster than maps): [key, labels, ...ENTITY_ROW_FIELDS of
// src/db/snapshot-mapping.ts, listings], the same fields as cypher/app/upstream-subgraph, so that a trace cut from
// the whole graph in memory equals the one read from the database. A listing is [authority, program, listed,
// delisted]; reading them here (most entities have none) saves a query and a join in JavaScript.
MATCH (n:Entity)
RETURN [coalesce(n.id, elementId(n)), labels(n), n.id, n.kind, n.name, n.country, n.governmentType, n.lat, n.lon,
        n.powerMw, n.hashratePhs, n.category, n.address, n.illustrative, n.aliases, n.topics, n.identifiers,
        n.sourceDataset, n.sourceRecordId, toString(n.sourceDate),
        COLLECT { MATCH (n)-[:LISTED_ON]->(l:Listing)
                  RETURN [l.authority, l.program, toString(l.listed), toString(l.delisted)] }] AS row
