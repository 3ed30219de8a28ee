-- The years in which each of the given indicators' World value is adequately covered (the reporting countries
-- hold at least $2 of the world's population, of its countries where population is unknown), sex and age
-- Total. $1 indicator ids (list), $2 the threshold (settings.THIN_COVERAGE)
SELECT indicator_id, year, value, countries_reporting, countries_total, population_covered_share
FROM region_values
WHERE list_contains($1, indicator_id) AND scheme = 'world' AND region = 'World' AND sex = 'Total' AND age = 'Total'
  AND coalesce(population_covered_share, countries_reporting / countries_total) >= $2
ORDER BY indicator_id, year
