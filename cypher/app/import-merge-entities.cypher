// Upsert entities by id (the import's writer for parties that may already be in the database): the stored
// properties are replaced by the imported ones. $rows: [[kind, props, sourceDate]], props with the id.
UNWIND $rows AS row
MERGE (n:Entity {id: row[1].id})
SET n = row[1],
    n.sourceDate = date(row[2])
SET n:$(row[0])
RETURN count(n) AS written
