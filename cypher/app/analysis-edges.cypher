// What the look-through engine needs of every ownership, control and operation relationship, in records of
// $perRecord holders each: per holder [key, rows], each row [id, null, target, type, ...STAKE_ROW_FIELDS of
// src/db/snapshot-mapping.ts] (the source is the holder's key, sent once rather than in every row; the reader puts
// it back), a record id equal to the id sent as `true`: fewer values to decode. A relationship whose id is not text
// (none, '', a number written by another tool) is keyed by its element id, as a trace read keys it. Most of the
// cost of a whole-graph read is per record, on both sides, so a record carries a few dozen relationships rather than
// one; only references to the holders are gathered first, the rows are built a record at a time as the stream is
// read.
// properties(r) reads each relationship's property chain once, rather than once per property named (a quarter less
// of Neo4j's CPU for this query, measured at 100,000 entities).
MATCH (a:Entity)
WHERE EXISTS { (a)-[:OWNS|CONTROLS|OPERATES]->(:Entity) }
WITH collect(a) AS holders
UNWIND range(0, size(holders) - 1, $perRecord) AS first
CALL (holders, first) {
  UNWIND holders[first..first + $perRecord] AS a
  MATCH (a)-[r:OWNS|CONTROLS|OPERATES]->(b:Entity)
  WITH a, r, b, properties(r) AS p
  WITH a, collect([CASE WHEN p.id IS :: STRING NOT NULL AND p.id <> '' THEN p.id ELSE elementId(r) END, null,
                   coalesce(b.id, elementId(b)), type(r), p.percent,
                   p.percentMin, p.percentMax, p.votingPercent, p.jointArrangement, p.basis, toStringOrNull(p.from),
                   toStringOrNull(p.to), p.sourceDataset,
                   CASE WHEN p.sourceRecordId IS :: BOOLEAN THEN null
                        WHEN p.sourceRecordId IS :: STRING AND p.sourceRecordId = p.id AND p.id <> ''
                          THEN true ELSE p.sourceRecordId END,
                   toStringOrNull(p.sourceDate)]) AS held
  RETURN collect([coalesce(a.id, elementId(a)), held]) AS rows
}
RETURN rows
