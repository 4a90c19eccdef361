// One breadth-first step upward: the holders of the entities in $frontier and the edges to them.
// Ownership, control and operation only; LINKED_TO is not followed upward.
UNWIND $frontier AS id
MATCH (n:Entity {id: id})<-[r:OWNS|CONTROLS|OPERATES]-(holder:Entity)
RETURN r, startNode(r).id AS source, endNode(r).id AS target, holder
