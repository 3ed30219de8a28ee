-- $1 indicator, $2 scheme, $3 regions (list), $4/$5 years, $6 sex, $7 age
SELECT region, year, value, countries_reporting, countries_total, population_covered_share
FROM region_values
WHERE indicator_id = $1 AND scheme = $2 AND list_contains($3, region)
  AND year BETWEEN $4 AND $5 AND sex = $6 AND age = $7
ORDER BY region, year
