// Create OWNS relationships that cannot exist yet (both ends are parties this same import created).
// $rows: [[source, target, props, sourceDate, from, to]], props with the id.
UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[1]})
CREATE (a)-[r:OWNS]->(b)
SET r = row[2],
    r.sourceDate = date(row[3]),
    r.from = date(row[4]),
    r.to = date(row[5])
RETURN count(r) AS written
