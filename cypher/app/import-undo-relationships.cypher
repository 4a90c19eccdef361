// Deletes relationships that a failed import created, by type and id (ids are unique per type only).
// $rows: [[type, id]]
UNWIND $rows AS row
CALL (row) {
  MATCH ()-[r:OWNS {id: row[1]}]->() WHERE row[0] = 'OWNS' RETURN r
  UNION
  MATCH ()-[r:CONTROLS {id: row[1]}]->() WHERE row[0] = 'CONTROLS' RETURN r
  UNION
  MATCH ()-[r:OPERATES {id: row[1]}]->() WHERE row[0] = 'OPERATES' RETURN r
  UNION
  MATCH ()-[r:LINKED_TO {id: row[1]}]->() WHERE row[0] = 'LINKED_TO' RETURN r
}
DELETE r
RETURN count(r) AS deleted
