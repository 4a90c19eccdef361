// Upsert OWNS relationships by id (the import's writer; one static type per file lets the planner use the
// relationship-id constraint): the stored properties are replaced by the imported ones.
// $rows: [[sourceElementId, targetElementId, id, percent, sourceRecordId, sourceDataset, sourceDate, percentMin,
// percentMax, votingPercent, jointArrangement, basis, from, to]], trailing nulls dropped (an index past the end is
// null); $dataset and $date, when not null, are the provenance of every row (sent once; the rows' own are null then).
// A null value leaves its property unset (RELATIONSHIP_IMPORT_FIELDS in src/db/snapshot-mapping.ts: keep in step).
UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = row[0]
MATCH (b:Entity) WHERE elementId(b) = row[1]
MERGE (a)-[r:OWNS {id: row[2]}]->(b)
SET r = {
  id: row[2], percent: row[3], sourceRecordId: row[4], sourceDataset: coalesce($dataset, row[5]),
  sourceDate: coalesce($date, row[6]), percentMin: row[7], percentMax: row[8], votingPercent: row[9],
  jointArrangement: row[10], basis: row[11], from: row[12], to: row[13]
}
RETURN count(r) AS written
