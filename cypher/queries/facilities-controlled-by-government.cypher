// name: facilities-controlled-by-government
// title: Facilities controlled by a government
// description: Facilities that a government controls, through its state bodies and the companies it controls, as of a
//   date, with the chains of control.
//   Control is the majority-control fixpoint: a holder controls an entity when its own stake plus the stakes of the
//   entities it already controls exceed 50 percent, or through an explicit CONTROLS or OPERATES relation. The
//   controlled set grows in ten rounds (ten holding levels below the government); banded shares count at their lower
//   bound.
// param: governmentId string = "gov-kestria" -- the government's id (a state or a state body)
// param: asOf date = "2025-01-01" -- stakes and relations in force on this date
MATCH (g:Entity {id: $governmentId})
WITH g, [g] AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more1
}
WITH g, controlled + more1 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more2
}
WITH g, controlled + more2 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more3
}
WITH g, controlled + more3 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more4
}
WITH g, controlled + more4 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more5
}
WITH g, controlled + more5 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more6
}
WITH g, controlled + more6 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more7
}
WITH g, controlled + more7 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more8
}
WITH g, controlled + more8 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more9
}
WITH g, controlled + more9 AS controlled
CALL (controlled) {
  UNWIND controlled AS c
  MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
  WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
  WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
       max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
  WHERE share > 50 OR explicit = 1
  RETURN collect(x) AS more10
}
WITH g, controlled + more10 AS controlled
UNWIND controlled AS f
WITH g, controlled, f
WHERE f:Facility
MATCH path = (g)-[:OWNS|CONTROLS|OPERATES*1..12]->(f)
WHERE all(n IN nodes(path) WHERE n IN controlled) AND all(r IN relationships(path) WHERE (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf))
WITH g, f, collect(path)[0..10] AS paths
RETURN g.id AS government, f.id AS facility, f.name AS name, f.country AS country, f.powerMw AS powerMw,
       f.hashratePhs AS hashratePhs, paths
ORDER BY facility
