SELECT m.region, m.iso3, c.name AS country FROM region_members m JOIN countries c USING (iso3)
WHERE m.scheme = ? ORDER BY m.region, c.name
