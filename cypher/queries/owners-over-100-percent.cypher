// name: owners-over-100-percent
// title: Companies whose known owners add up to more than 100 percent
// description: A data problem to show, not hide: companies whose exact known stakes in force on a date add up to more
//   than a total (100 percent by default), with each owner and stake. Banded shares are left out.
// param: minTotal float = 100 -- report companies whose known stakes add up to more than this
// param: asOf date = "2025-01-01" -- stakes in force on this date
MATCH (h:Entity)-[o:OWNS]->(c:Company)
WHERE o.percent IS NOT NULL AND (o.from IS NULL OR o.from <= $asOf) AND (o.to IS NULL OR o.to > $asOf)
WITH c, sum(o.percent) AS total, collect({owner: h.id, name: h.name, percent: o.percent}) AS owners,
     collect(o) AS stakes, collect(h) AS holders
WHERE total > $minTotal
RETURN c.id AS company, c.name AS name, total AS totalPercent, owners, c, holders, stakes
ORDER BY totalPercent DESC, company
