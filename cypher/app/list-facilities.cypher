// All facilities with their place, size and direct operators, ordered by name.
MATCH (f:Facility)
OPTIONAL MATCH (op:Entity)-[:OPERATES]->(f)
WITH f, collect(op.name) AS operators
RETURN f.id AS key, f.name AS name, f.country AS country, f.lat AS lat, f.lon AS lon,
       f.powerMw AS powerMw, f.hashratePhs AS hashratePhs, operators
ORDER BY name
