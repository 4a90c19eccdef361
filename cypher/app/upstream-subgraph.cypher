// The upstream subgraph of one entity in one round trip. Params: $id, $maxDepth, $maxNodes, $radiusKm.
// 1. Every entity that owns, controls or operates $id through a chain of at most $maxDepth relationships, with its
//    distance. Grouped by holder with min(length(p)), the variable-length match runs as a pruning breadth-first
//    expansion (VarLengthExpand(Pruning,BFS) in the plan) that visits each node once, so diamonds and cycles cost
//    nothing, unlike path enumeration. (Bounds cannot be parameters: the expansion is unbounded, $maxDepth
//    filters.) Nearest first; at most $maxNodes entities in all, the root included (`capped` when more were found).
// 2. The relationships into the entities closer than $maxDepth (their holders are all in the subgraph unless
//    capped), each entity's listings, and the sensitive sites within $radiusKm of the entities found that have
//    coordinates, each with the keys it is near (the caller keeps those near a facility).
// Lists rather than maps or nodes, because they are cheaper to send and decode: an entity is
// [distance or near, key, labels, ...ENTITY_ROW_FIELDS, listings], a listing [authority, program, listed,
// delisted], a relationship [key, source, target, type, ...STAKE_ROW_FIELDS] (src/db/snapshot-mapping.ts).
// properties(x) reads an entity's or relationship's property chain once, not once per property named.
MATCH (root:Entity {id: $id})
WITH root, COLLECT {
  MATCH p = (root)<-[:OWNS|CONTROLS|OPERATES*1..]-(holder:Entity)
  WITH holder, min(length(p)) AS distance
  WHERE holder <> root AND distance <= $maxDepth
  RETURN {node: holder, distance: distance} AS found
  ORDER BY found.distance, found.node.id
  LIMIT toInteger($maxNodes)
} AS holders
WITH root, [{node: root, distance: 0}] + holders[0..toInteger($maxNodes) - 1] AS found, size(holders) >= $maxNodes AS capped
CALL (found) {
  UNWIND found AS f
  WITH f.node AS n, f.distance AS distance, properties(f.node) AS p
  RETURN collect([distance, coalesce(p.id, elementId(n)), labels(n), p.id, p.kind, p.name, p.country, p.governmentType, p.lat,
                  p.lon, p.powerMw, p.hashratePhs, p.category, p.address, p.illustrative, p.aliases, p.topics,
                  p.identifiers, p.sourceDataset, p.sourceRecordId, toStringOrNull(p.sourceDate),
                  COLLECT { MATCH (n)-[:LISTED_ON]->(l:Listing)
                            RETURN [l.authority, l.program, toStringOrNull(l.listed),
                                    toStringOrNull(l.delisted)] }]) AS nodes
}
CALL (found) {
  UNWIND found AS f
  WITH f.node AS n, f.distance AS distance
  WHERE distance < $maxDepth
  MATCH (n)<-[r:OWNS|CONTROLS|OPERATES]-(holder:Entity)
  WITH n, r, holder, properties(r) AS p
  // The ends by their keys, as the nodes above are keyed (an entity without an id by its element id). A
  // relationship whose id is not text (none, '', a number written by another tool) is keyed by its element id, as
  // the whole-graph read keys it: no two of them share a key.
  RETURN collect([CASE WHEN p.id IS :: STRING NOT NULL AND p.id <> '' THEN p.id ELSE elementId(r) END,
                  coalesce(holder.id, elementId(holder)), coalesce(n.id, elementId(n)),
                  type(r), p.percent, p.percentMin, p.percentMax, p.votingPercent, p.jointArrangement, p.basis,
                  toStringOrNull(p.from), toStringOrNull(p.to), p.sourceDataset, p.sourceRecordId,
                  toStringOrNull(p.sourceDate)]) AS edges
}
CALL (found) {
  UNWIND found AS f
  WITH f.node AS n
  WHERE n.lat IS :: INTEGER | FLOAT AND n.lat IS NOT NULL AND n.lon IS :: INTEGER | FLOAT AND n.lon IS NOT NULL
  MATCH (s:SensitiveSite)
  WHERE point.distance(s.location, point({latitude: n.lat, longitude: n.lon})) <= $radiusKm * 1000
  WITH s, collect(coalesce(n.id, elementId(n))) AS near
  RETURN collect([near, coalesce(s.id, elementId(s)), labels(s), s.id, s.kind, s.name, s.country, s.governmentType, s.lat,
                  s.lon, s.powerMw, s.hashratePhs, s.category, s.address, s.illustrative, s.aliases, s.topics,
                  s.identifiers, s.sourceDataset, s.sourceRecordId, toStringOrNull(s.sourceDate),
                  COLLECT { MATCH (s)-[:LISTED_ON]->(l:Listing)
                            RETURN [l.authority, l.program, toStringOrNull(l.listed),
                                    toStringOrNull(l.delisted)] }]) AS sites
}
RETURN nodes, edges, sites, capped
