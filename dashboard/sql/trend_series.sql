-- Region and country lines of one indicator in one frame: series (region or country name), kind ('region' or
-- 'country'), year, value and, for regions, the coverage columns.
-- $1 indicator, $2 scheme, $3 regions (list), $4 iso3 codes (list), $5/$6 years, $7 sex, $8 age
SELECT region AS series, 'region' AS kind, year, value, countries_reporting, countries_total,
       population_covered_share
FROM region_values
WHERE indicator_id = $1 AND scheme = $2 AND list_contains($3, region)
  AND year BETWEEN $5 AND $6 AND sex = $7 AND age = $8
UNION ALL
SELECT c.name AS series, 'country' AS kind, v.year, v.value, NULL, NULL, NULL
FROM indicator_values v JOIN countries c USING (iso3)
WHERE v.indicator_id = $1 AND list_contains($4, v.iso3) AND v.year BETWEEN $5 AND $6
  AND v.sex = $7 AND v.age = $8
ORDER BY kind DESC, series, year
