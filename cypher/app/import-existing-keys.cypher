// Which of the given entity ids are in the database, with their element ids: [[id, elementId]]. $keys: [string]
UNWIND $keys AS key
MATCH (n:Entity {id: key})
RETURN collect([key, elementId(n)]) AS found
