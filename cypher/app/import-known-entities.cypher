// Every entity's key, kind, name, dataset and identifiers: what an import resolves its parties against.
// One scan (identifiers are a list property, and `x IN n.identifiers` cannot seek an index); matching is in memory.
MATCH (n:Entity)
RETURN n.id AS key, n.kind AS kind, n.name AS name, n.identifiers AS identifiers, n.sourceDataset AS dataset
