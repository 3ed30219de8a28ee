-- $1 indicator, $2 year, $3 sex, $4 age
SELECT v.iso3, c.name AS country, c.un_region, v.year, v.value, s.title AS source_title, s.publisher
FROM indicator_values v JOIN countries c USING (iso3) JOIN sources s USING (source_id)
WHERE v.indicator_id = $1 AND v.year = $2 AND v.sex = $3 AND v.age = $4 AND v.preferred
ORDER BY c.name
