// Create entities that are not in the database yet (the import checked just before; one created meanwhile by
// another writer makes the id constraint refuse the statement).
// $rows: [[kind, props, sourceDate]], props with the id, the location and every other property.
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row[1],
    n.sourceDate = date(row[2])
SET n:$(row[0])
RETURN count(n) AS written
