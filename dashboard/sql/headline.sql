-- Latest and previous year of a region's value among years with at least half the region's population
-- reporting (or half its countries when population is unknown). $1 indicator, $2 scheme, $3 region,
-- $4 the thin-coverage threshold (settings.THIN_COVERAGE).
WITH good AS (
    SELECT year, value, countries_reporting, countries_total, population_covered_share
    FROM region_values
    WHERE indicator_id = $1 AND scheme = $2 AND region = $3 AND sex = 'Total' AND age = 'Total'
      AND coalesce(population_covered_share, countries_reporting / countries_total) >= $4
)
SELECT * FROM good ORDER BY year DESC LIMIT 2
