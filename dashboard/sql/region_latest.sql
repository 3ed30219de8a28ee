-- The latest value of each of the given indicators for one region (sex and age Total), in the latest year the
-- region is adequately covered (the reporting countries hold at least $4 of its population, of its countries
-- where population is unknown); failing that, its latest year with any value (thin = true). Indicators without
-- a value for the region are left out. $1 indicator ids (list), $2 scheme, $3 region, $4 the threshold
WITH r AS (
    SELECT indicator_id, year, value, countries_reporting, countries_total, population_covered_share,
           coalesce(population_covered_share, countries_reporting / countries_total) AS coverage
    FROM region_values
    WHERE list_contains($1, indicator_id) AND scheme = $2 AND region = $3 AND sex = 'Total' AND age = 'Total'
), pick AS (
    SELECT indicator_id, coalesce(max(year) FILTER (WHERE coverage >= $4), max(year)) AS year,
           max(year) AS last_year
    FROM r GROUP BY indicator_id
)
SELECT r.indicator_id, r.year, p.last_year, r.value, r.countries_reporting, r.countries_total,
       r.population_covered_share, r.coverage < $4 AS thin
FROM r JOIN pick p USING (indicator_id, year)
ORDER BY r.indicator_id
