// All sensitive sites with their place and category.
MATCH (s:SensitiveSite)
RETURN s.id AS key, s.name AS name, s.category AS category, s.lat AS lat, s.lon AS lon, s.country AS country
ORDER BY name
