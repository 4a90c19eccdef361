// Full-text search over names, aliases and identifiers. $text is a Lucene query built by the caller from
// escaped terms (fuzzy and prefix per term); $kinds filters by kind when not empty.
CALL db.index.fulltext.queryNodes('entity_search', $text) YIELD node, score
WHERE size($kinds) = 0 OR node.kind IN $kinds
RETURN node.id AS key, node.name AS name, node.kind AS kind, node.country AS country, node.aliases AS aliases, score
ORDER BY score DESC, name
LIMIT toInteger($limit)
