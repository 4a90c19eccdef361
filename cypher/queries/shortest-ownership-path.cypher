// name: shortest-ownership-path
// title: Shortest ownership path between two parties
// description: The shortest chain of ownership, control and operation between two parties. Directed (from holder down
//   to what it holds) unless `directed` is false; LINKED_TO associations are used only when `includeLinks` is true.
// param: fromId string = "gov-kestria" -- the upper party's id
// param: toId string = "fac-cheyenne-1" -- the lower party's id
// param: directed boolean = true -- follow relations only from holder to held
// param: includeLinks boolean = false -- also follow LINKED_TO associations (directorships, shared addresses)
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH path = shortestPath((a)-[:OWNS|CONTROLS|OPERATES|LINKED_TO*..25]-(b))
WHERE ($includeLinks OR none(r IN relationships(path) WHERE type(r) = 'LINKED_TO'))
  AND (NOT $directed OR all(i IN range(0, length(path) - 1) WHERE startNode(relationships(path)[i]) = nodes(path)[i]))
RETURN a.id AS from, b.id AS to, length(path) AS hops,
       [r IN relationships(path) | {from: startNode(r).id, type: type(r), to: endNode(r).id, percent: r.percent}]
         AS steps,
       path
