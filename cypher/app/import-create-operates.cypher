// Create OPERATES relationships that cannot exist yet (both ends are parties this same import created).
// $rows: [[sourceElementId, targetElementId, props]], props with the id, provenance and dates (only set ones).
// The ends are found by element id (the loader has them from writing or looking up the parties): no index seek,
// no index lock.
UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = row[0]
MATCH (b:Entity) WHERE elementId(b) = row[1]
CREATE (a)-[r:OPERATES]->(b)
SET r = row[2]
RETURN count(r) AS written
