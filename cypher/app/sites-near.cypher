// Sensitive sites within $radiusKm of the given places. $places: [{key, lat, lon}]
UNWIND $places AS place
MATCH (s:SensitiveSite)
WHERE point.distance(s.location, point({latitude: place.lat, longitude: place.lon})) <= $radiusKm * 1000
RETURN DISTINCT s.id AS id
