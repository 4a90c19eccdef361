// Upsert relationships by id. $rows: [{key, source, target, kind, props, from, to, sourceDate}]
// Both ends must exist; a row whose ends are missing is reported by the caller before this runs.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:$(row.kind) {id: row.key}]->(b)
SET r = row.props,
    r.id = row.key,
    r.from = CASE WHEN row.from IS NULL THEN null ELSE date(row.from) END,
    r.to = CASE WHEN row.to IS NULL THEN null ELSE date(row.to) END,
    r.sourceDate = CASE WHEN row.sourceDate IS NULL THEN null ELSE date(row.sourceDate) END
RETURN count(r) AS written
