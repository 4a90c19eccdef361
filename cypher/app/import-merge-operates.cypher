// Upsert OPERATES relationships by id (the import's writer; one static type per file lets the planner use the
// relationship-id constraint): the stored properties are replaced by the imported ones.
// $rows: [[sourceElementId, targetElementId, props]], props with the id, provenance and dates (only set ones).
UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = row[0]
MATCH (b:Entity) WHERE elementId(b) = row[1]
MERGE (a)-[r:OPERATES {id: row[2].id}]->(b)
SET r = row[2]
RETURN count(r) AS written
