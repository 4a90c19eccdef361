// name: government-hashrate-power
// title: Hashrate and power under each government's control
// description: For each government (governmentType `state`), the facilities it controls as of a date and their summed
//   hashrate (PH/s) and electrical power (MW); governments that control no facility are listed with zeros.
//   Control is the majority-control fixpoint: a holder controls an entity when its own stake plus the stakes of the
//   entities it already controls exceed 50 percent, or through an explicit CONTROLS or OPERATES relation. The
//   controlled set grows in ten rounds (ten holding levels below the government); banded shares count at their lower
//   bound.
// param: asOf date = "2025-01-01" -- stakes and relations in force on this date
MATCH (g:Government)
WHERE g.governmentType = 'state'
CALL (g) {
  WITH [g] AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more1
  }
  WITH controlled + more1 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more2
  }
  WITH controlled + more2 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more3
  }
  WITH controlled + more3 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more4
  }
  WITH controlled + more4 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more5
  }
  WITH controlled + more5 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more6
  }
  WITH controlled + more6 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more7
  }
  WITH controlled + more7 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more8
  }
  WITH controlled + more8 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more9
  }
  WITH controlled + more9 AS controlled
  CALL (controlled) {
    UNWIND controlled AS c
    MATCH (c)-[r:OWNS|CONTROLS|OPERATES]->(x:Entity)
    WHERE NOT x IN controlled AND (r.from IS NULL OR r.from <= $asOf) AND (r.to IS NULL OR r.to > $asOf)
    WITH x, sum(CASE type(r) WHEN 'OWNS' THEN coalesce(r.percent, r.percentMin, 0) ELSE 0 END) AS share,
         max(CASE type(r) WHEN 'OWNS' THEN 0 ELSE 1 END) AS explicit
    WHERE share > 50 OR explicit = 1
    RETURN collect(x) AS more10
  }
  WITH controlled + more10 AS controlled
  UNWIND controlled AS f
  WITH f
  WHERE f:Facility
  RETURN collect(f) AS facilities
}
RETURN g.id AS government, g.name AS name, g.country AS country, size(facilities) AS facilityCount,
       reduce(s = 0.0, f IN facilities | s + coalesce(f.hashratePhs, 0)) AS hashratePhs,
       reduce(s = 0.0, f IN facilities | s + coalesce(f.powerMw, 0)) AS powerMw,
       [f IN facilities | f.id] AS facilityIds, g, facilities
ORDER BY hashratePhs DESC, government
