// Marks that the data changed, so cached analyses are recomputed.
MERGE (m:LookthroughMeta {id: 'data'})
SET m.version = coalesce(m.version, 0) + 1, m.changedAt = datetime()
RETURN m.version AS version
