// What the look-through engine needs of every ownership, control and operation relationship, grouped by holder:
// one record per entity that holds anything, with the list of its relationships, each
// [id, source, target, type, ...STAKE_ROW_FIELDS of src/db/snapshot-mapping.ts]. Grouping by holder sends a third
// of the records one per relationship would (most of the cost of a whole-graph read is per record), and streams:
// nothing is aggregated over the whole graph. properties(r) reads each relationship's property chain once, rather
// than once per property named (a quarter less of Neo4j's CPU for this query, measured at 100,000 entities).
MATCH (a:Entity)
WHERE EXISTS { (a)-[:OWNS|CONTROLS|OPERATES]->(:Entity) }
WITH a, coalesce(a.id, elementId(a)) AS source
RETURN COLLECT { MATCH (a)-[r:OWNS|CONTROLS|OPERATES]->(b:Entity)
                 WITH r, b, properties(r) AS p
                 RETURN [coalesce(p.id, elementId(r)), source, coalesce(b.id, elementId(b)), type(r), p.percent,
                         p.percentMin, p.percentMax, p.votingPercent, p.jointArrangement, p.basis, toString(p.from),
                         toString(p.to), p.sourceDataset, p.sourceRecordId, toString(p.sourceDate)] } AS rows
