-- Latest regional values per indicator of a goal, for the World and the UN regions (sex and age Total).
-- The year is the latest in which the World value covers at least $2 of the world's population (share of
-- countries where population is unknown); failing that, the latest year with any World value (thin = true).
-- $1 goal_id.
WITH world AS (
    SELECT r.indicator_id, r.year,
           coalesce(r.population_covered_share, r.countries_reporting / r.countries_total) AS coverage
    FROM region_values r JOIN indicators i USING (indicator_id)
    WHERE i.goal_id = $1 AND r.scheme = 'world' AND r.sex = 'Total' AND r.age = 'Total'
), pick AS (
    SELECT indicator_id,
           max(year) FILTER (WHERE coverage >= $2) AS good_year,
           max(year) AS last_year
    FROM world GROUP BY indicator_id
), chosen AS (
    SELECT indicator_id, coalesce(good_year, last_year) AS year, good_year IS NULL AS world_thin, last_year
    FROM pick
), final AS (
    SELECT r.indicator_id, c.year, c.last_year, c.world_thin, r.scheme, r.region, r.value,
           r.countries_reporting, r.countries_total, r.population_covered_share,
           coalesce(r.population_covered_share, r.countries_reporting / r.countries_total) < $2 AS thin
    FROM chosen c JOIN region_values r ON r.indicator_id = c.indicator_id AND r.year = c.year
    WHERE r.scheme IN ('world', 'un_region') AND r.sex = 'Total' AND r.age = 'Total'
)
SELECT * FROM final ORDER BY indicator_id, scheme DESC, region
