// What the look-through engine needs of every entity, one list per entity (lists stream faster than maps):
// [id, kind, name, country, governmentType, lat, lon, category, topics]. Listings: analysis-listings.
MATCH (n:Entity)
RETURN [n.id, n.kind, n.name, n.country, n.governmentType, n.lat, n.lon, n.category, n.topics] AS row
