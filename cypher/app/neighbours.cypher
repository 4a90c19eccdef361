// The neighbours of an entity in both directions, one page at a time, with the total count.
MATCH (n:Entity {id: $id})-[r:OWNS|CONTROLS|OPERATES|LINKED_TO]-(m:Entity)
WITH r, m ORDER BY type(r), m.name, m.id
WITH collect({r: r, m: m}) AS items
WITH items, toInteger($offset) AS first, toInteger($offset) + toInteger($limit) AS last
RETURN size(items) AS total,
       [x IN items[first..last] | {r: x.r, source: startNode(x.r).id, target: endNode(x.r).id, id: x.m.id}] AS page
