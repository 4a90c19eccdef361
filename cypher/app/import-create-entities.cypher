// Create entities that are not in the database yet (the import checked just before; one created meanwhile by
// another writer makes the id constraint refuse the statement).
// $rows: [[kind, props]], props with the id, the location, the provenance date and every other property.
// Returns [id, elementId] of each, by which the import's relationship statements find them.
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row[1]
SET n:$(row[0])
RETURN collect([row[1].id, elementId(n)]) AS written
