// A fingerprint of the data: a version bumped by every import, and counts read from the count store.
OPTIONAL MATCH (m:LookthroughMeta {id: 'data'})
RETURN coalesce(m.version, 0) AS version,
       COUNT { (:Entity) } AS entities,
       COUNT { ()-[:OWNS]->() } + COUNT { ()-[:CONTROLS]->() } + COUNT { ()-[:OPERATES]->() } AS relationships
