// What the look-through engine needs of every ownership, control and operation relationship.
MATCH (a:Entity)-[r:OWNS|CONTROLS|OPERATES]->(b:Entity)
RETURN r.id AS key, a.id AS source, b.id AS target, type(r) AS kind, r.percent AS percent,
       r.percentMin AS percentMin, r.percentMax AS percentMax, r.votingPercent AS votingPercent,
       toString(r.from) AS from, toString(r.to) AS to, r.jointArrangement AS jointArrangement, r.basis AS basis,
       r.sourceDataset AS sourceDataset, r.sourceRecordId AS sourceRecordId, toString(r.sourceDate) AS sourceDate
