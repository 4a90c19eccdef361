// Deletes entities that a failed import created, with their relationships and listings (listing ids are
// per entity). $keys: [string]
UNWIND $keys AS key
MATCH (n:Entity {id: key})
OPTIONAL MATCH (n)-[:LISTED_ON]->(l:Listing)
DETACH DELETE n, l
RETURN count(DISTINCT n) AS deleted
