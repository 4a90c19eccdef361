// Create OPERATES relationships that cannot exist yet (both ends are parties this same import created).
// $rows: [[sourceElementId, targetElementId, id, percent, sourceRecordId, sourceDataset, sourceDate, percentMin,
// percentMax, votingPercent, jointArrangement, basis, from, to]], trailing nulls dropped (an index past the end is
// null); $dataset and $date, when not null, are the provenance of every row (sent once; the rows' own are null then).
// A null value leaves its property unset (RELATIONSHIP_IMPORT_FIELDS in src/db/snapshot-mapping.ts: keep in step).
// The ends are found by element id (the loader has them from writing or looking up the parties): no index seek,
// no index lock. The properties are given in the CREATE (not a SET after it): a fifth faster in a micro-benchmark.
UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = row[0]
MATCH (b:Entity) WHERE elementId(b) = row[1]
CREATE (a)-[r:OPERATES {
  id: row[2], percent: row[3], sourceRecordId: row[4], sourceDataset: coalesce($dataset, row[5]),
  sourceDate: coalesce($date, row[6]), percentMin: row[7], percentMax: row[8], votingPercent: row[9],
  jointArrangement: row[10], basis: row[11], from: row[12], to: row[13]
}]->(b)
RETURN count(r) AS written
