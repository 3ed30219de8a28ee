-- ISO3 codes of one Dialogue body's members and associates (region_members, scheme 'organization'). $1 body
SELECT m.iso3 FROM region_members m JOIN countries c USING (iso3)
WHERE m.scheme = 'organization' AND m.region = $1 ORDER BY c.name
