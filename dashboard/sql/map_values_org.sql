-- Country values of one indicator and year among the member and associate countries of one Dialogue body
-- (region_members, scheme 'organization'). $1 indicator, $2 year, $3 sex, $4 age, $5 body (short name)
SELECT v.iso3, c.name AS country, c.un_region, v.year, v.value, s.title AS source_title, s.publisher
FROM indicator_values v JOIN countries c USING (iso3) JOIN sources s USING (source_id)
WHERE v.indicator_id = $1 AND v.year = $2 AND v.sex = $3 AND v.age = $4
  AND v.iso3 IN (SELECT iso3 FROM region_members WHERE scheme = 'organization' AND region = $5)
ORDER BY c.name
