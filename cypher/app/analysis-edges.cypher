// What the look-through engine needs of every ownership, control and operation relationship, one list each:
// [id, source, target, type, ...STAKE_ROW_FIELDS of src/db/snapshot-mapping.ts].
MATCH (a:Entity)-[r:OWNS|CONTROLS|OPERATES]->(b:Entity)
RETURN [coalesce(r.id, elementId(r)), a.id, b.id, type(r), r.percent, r.percentMin, r.percentMax, r.votingPercent, r.jointArrangement, r.basis,
        toString(r.from), toString(r.to), r.sourceDataset, r.sourceRecordId, toString(r.sourceDate)] AS row
