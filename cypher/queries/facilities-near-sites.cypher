// name: facilities-near-sites
// title: Facilities near sensitive sites
// description: Facilities within a distance of sensitive sites of one category (military installation, data center,
//   power infrastructure), nearest first, in kilometres and miles. Distances are Neo4j's great-circle distances on
//   WGS84 points. The default, 1.609 km (1 mile), is the "close proximity" of US real-estate review (31 CFR part 802);
//   its "extended range" is 100 miles (160.934 km).
// param: radiusKm float = 1.609344 -- distance in kilometres
// param: category string = "military" -- site category: military, datacenter or power
MATCH (s:SensitiveSite {category: $category})
WHERE s.location IS NOT NULL
MATCH (f:Facility)
WHERE f.location IS NOT NULL AND point.distance(f.location, s.location) <= $radiusKm * 1000
WITH f, s, point.distance(f.location, s.location) / 1000.0 AS km
RETURN f.id AS facility, f.name AS name, s.id AS site, s.name AS siteName, s.category AS category,
       round(km, 3) AS distanceKm, round(km / 1.609344, 3) AS distanceMi, f, s
ORDER BY distanceKm, facility, site
