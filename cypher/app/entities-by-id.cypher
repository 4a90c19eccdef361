// Entities with their listings, by id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing)
RETURN n, collect(l) AS listings
