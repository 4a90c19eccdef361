// Upsert OPERATES relationships by id (the import's writer; one static type per file lets the planner use the
// relationship-id constraint). $rows: [[source, target, props, sourceDate, from, to]], props with the id.
UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[1]})
MERGE (a)-[r:OPERATES {id: row[2].id}]->(b)
SET r = row[2],
    r.sourceDate = date(row[3]),
    r.from = date(row[4]),
    r.to = date(row[5])
RETURN count(r) AS written
