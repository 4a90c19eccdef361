// Upsert entities by id. $rows: [{key, kind, props, lat, lon, sourceDate}]
// `props` holds only scalar and list properties; dates and points are set explicitly.
UNWIND $rows AS row
MERGE (n:Entity {id: row.key})
SET n = row.props,
    n.id = row.key,
    n.location = CASE WHEN row.lat IS NULL OR row.lon IS NULL THEN null
                      ELSE point({latitude: row.lat, longitude: row.lon}) END,
    n.sourceDate = CASE WHEN row.sourceDate IS NULL THEN null ELSE date(row.sourceDate) END
SET n:$(row.kind)
RETURN count(n) AS written
