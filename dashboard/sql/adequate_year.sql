-- The latest year whose World value is adequately covered: the reporting countries hold at least $4 of the
-- world's population (of its countries where population is unknown). NULL when no year is.
-- $1 indicator, $2 sex, $3 age, $4 the adequate-coverage threshold (settings.THIN_COVERAGE)
SELECT max(year) AS year
FROM region_values
WHERE indicator_id = $1 AND scheme = 'world' AND region = 'World' AND sex = $2 AND age = $3
  AND coalesce(population_covered_share, countries_reporting / countries_total) >= $4
