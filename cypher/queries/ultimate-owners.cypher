// name: ultimate-owners
// title: Ultimate owners of a facility
// description: The parties at the top of the chains that own, control or operate a facility (or any entity) as of a
//   date: holders that nobody owns or controls in turn. For each, the effective ownership: the sum over the chains
//   made only of stakes of the product of the shares along each chain (banded shares at their lower bound). Cross-
//   holdings make this an undercount; `lookthrough analyze` gives the closed form.
// param: facilityId string = "fac-cheyenne-1" -- the facility's (or entity's) id
// param: asOf date = "2025-01-01" -- stakes and relations in force on this date
MATCH (f:Entity {id: $facilityId})
MATCH path = (u:Entity)-[:OWNS|CONTROLS|OPERATES*1..25]->(f)
WHERE all(r IN relationships(path) WHERE (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf))
  AND NOT EXISTS {
    MATCH (:Entity)-[r:OWNS|CONTROLS]->(u)
    WHERE (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  }
WITH u, path,
     reduce(s = 1.0, r IN relationships(path) | s * coalesce(r.percent, r.percentMin, 0) / 100.0) AS share,
     all(r IN relationships(path) WHERE type(r) = 'OWNS') AS ownershipOnly
WITH u, collect(path)[0..25] AS paths, sum(CASE WHEN ownershipOnly THEN share ELSE 0.0 END) * 100 AS effective,
     min(length(path)) AS hops, max(CASE WHEN ownershipOnly THEN 0 ELSE 1 END) = 1 AS viaControlOrOperation
RETURN u.id AS owner, u.name AS name, u.kind AS kind, u.country AS country, round(effective, 4) AS effectivePercent,
       viaControlOrOperation, hops, paths
ORDER BY effectivePercent DESC, owner
