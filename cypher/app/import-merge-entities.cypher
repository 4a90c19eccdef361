// Upsert entities by id (the import's writer for parties that may already be in the database): the stored
// properties are replaced by the imported ones. $rows: [[kind, props]], props with the id and the provenance date.
// Returns [id, elementId] of each, by which the import's relationship statements find them.
UNWIND $rows AS row
MERGE (n:Entity {id: row[1].id})
SET n = row[1]
SET n:$(row[0])
RETURN collect([row[1].id, elementId(n)]) AS written
