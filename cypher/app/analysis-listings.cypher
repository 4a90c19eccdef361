// The sanctions listings of every listed entity, for the whole-graph read: [key, [[authority, program, listed,
// delisted], ...]] per entity. Read apart from the entities (cypher/app/analysis-nodes) and joined to them in
// JavaScript: the planner starts from the listings, which few entities have, instead of looking for listings on
// every entity (that lookup was about 40% of Neo4j's CPU for the entities' query, measured at 100,000 entities).
MATCH (n:Entity)-[:LISTED_ON]->(l:Listing)
RETURN coalesce(n.id, elementId(n)) AS key,
       collect([l.authority, l.program, toStringOrNull(l.listed), toStringOrNull(l.delisted)]) AS listings
