// What the look-through engine needs of every ownership, control and operation relationship, grouped by holder:
// one record per entity that holds anything, with the list of its relationships, each
// [id, source, target, type, ...STAKE_ROW_FIELDS of src/db/snapshot-mapping.ts]. Grouping by holder sends a third
// of the records one per relationship would (most of the cost of a whole-graph read is per record), and streams:
// nothing is aggregated over the whole graph.
MATCH (a:Entity)
WHERE EXISTS { (a)-[:OWNS|CONTROLS|OPERATES]->(:Entity) }
WITH a, coalesce(a.id, elementId(a)) AS source
RETURN [(a)-[r:OWNS|CONTROLS|OPERATES]->(b:Entity) |
        [coalesce(r.id, elementId(r)), source, coalesce(b.id, elementId(b)), type(r), r.percent, r.percentMin,
         r.percentMax, r.votingPercent, r.jointArrangement, r.basis, toString(r.from), toString(r.to),
         r.sourceDataset, r.sourceRecordId, toString(r.sourceDate)]] AS rows
