// Every entity's key, kind, name, identifiers and dataset: what an import resolves its parties against.
// One scan (identifiers are a list property, and `x IN n.identifiers` cannot seek an index); matching is in memory.
// A list a row, which the driver decodes faster than a map.
MATCH (n:Entity)
RETURN [n.id, n.kind, n.name, n.identifiers, n.sourceDataset] AS row
