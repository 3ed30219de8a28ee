-- $1 indicator, $2 iso3 codes (list), $3/$4 years, $5 sex, $6 age
SELECT v.iso3, c.name AS country, v.year, v.value, v.source_id
FROM indicator_values v JOIN countries c USING (iso3)
WHERE v.indicator_id = $1 AND list_contains($2, v.iso3) AND v.year BETWEEN $3 AND $4
  AND v.sex = $5 AND v.age = $6 AND v.preferred          -- the preferred edition (see indicator_sources)
ORDER BY c.name, v.year
