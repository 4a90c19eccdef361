// What the look-through engine needs of every entity: kind, name, places, and listings.
MATCH (n:Entity)
OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing)
WITH n, collect(CASE WHEN l IS NULL THEN null ELSE {authority: l.authority, program: l.program, listed: toString(l.listed), delisted: toString(l.delisted)} END) AS listings
RETURN n.id AS key, n.kind AS kind, n.name AS name, n.country AS country, n.governmentType AS governmentType,
       n.lat AS lat, n.lon AS lon, n.category AS category, n.topics AS topics, listings
