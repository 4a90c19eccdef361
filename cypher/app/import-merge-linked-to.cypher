// Upsert LINKED_TO relationships by id (the import's writer; one static type per file lets the planner use the
// relationship-id constraint). $rows: [{key, source, target, props, from, to, sourceDate}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:LINKED_TO {id: row.key}]->(b)
SET r = row.props,
    r.id = row.key,
    r.from = CASE WHEN row.from IS NULL THEN null ELSE date(row.from) END,
    r.to = CASE WHEN row.to IS NULL THEN null ELSE date(row.to) END,
    r.sourceDate = CASE WHEN row.sourceDate IS NULL THEN null ELSE date(row.sourceDate) END
RETURN count(r) AS written
