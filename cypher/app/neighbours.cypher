// The neighbours of an entity in both directions, one page at a time, with the total count. Entities are named by
// key: the id, or the element id of an entity without one (written by another tool), as every read keys them.
CALL {
  MATCH (n:Entity {id: $id})
  RETURN n
  UNION
  MATCH (n:Entity)
  WHERE elementId(n) = $id AND n.id IS NULL
  RETURN n
}
MATCH (n)-[r:OWNS|CONTROLS|OPERATES|LINKED_TO]-(m:Entity)
WITH r, m ORDER BY type(r), m.name, m.id
WITH collect({r: r, m: m}) AS items
WITH items, toInteger($offset) AS first, toInteger($offset) + toInteger($limit) AS last
RETURN size(items) AS total,
       [x IN items[first..last] | {r: x.r, source: coalesce(startNode(x.r).id, elementId(startNode(x.r))),
                                   target: coalesce(endNode(x.r).id, elementId(endNode(x.r))),
                                   id: coalesce(x.m.id, elementId(x.m))}] AS page
