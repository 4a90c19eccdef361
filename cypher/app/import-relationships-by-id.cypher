// Which of the given relationship ids exist (any relationship type of the model), by the id constraints' indexes.
// $ids: [string]
UNWIND $ids AS id
CALL (id) {
  MATCH ()-[r:OWNS {id: id}]->() RETURN r.id AS found
  UNION
  MATCH ()-[r:CONTROLS {id: id}]->() RETURN r.id AS found
  UNION
  MATCH ()-[r:OPERATES {id: id}]->() RETURN r.id AS found
  UNION
  MATCH ()-[r:LINKED_TO {id: id}]->() RETURN r.id AS found
}
RETURN DISTINCT found
