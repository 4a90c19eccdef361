// Which of the given entity ids are in the database. $keys: [string]
UNWIND $keys AS key
MATCH (n:Entity {id: key})
RETURN collect(key) AS found
