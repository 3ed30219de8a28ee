-- Latest regional values per indicator of a goal, for the World and the UN regions (sex and age Total), of the
-- reporting countries' aggregate. The year is the latest in which the World value is adequately covered
-- (region_values.adequate); failing that, the latest year with any World value (world_thin = true).
-- $1 goal_id.
WITH world AS (
    SELECT r.indicator_id, r.year, r.adequate
    FROM region_values r JOIN indicators i USING (indicator_id)
    WHERE i.goal_id = $1 AND r.scheme = 'world' AND r.sex = 'Total' AND r.age = 'Total'
      AND r.estimate_kind = 'reporting_countries'
), pick AS (
    SELECT indicator_id, max(year) FILTER (WHERE adequate) AS good_year, max(year) AS last_year
    FROM world GROUP BY indicator_id
), chosen AS (
    SELECT indicator_id, coalesce(good_year, last_year) AS year, good_year IS NULL AS world_thin, last_year
    FROM pick
), final AS (
    SELECT r.indicator_id, c.year, c.last_year, c.world_thin, r.scheme, r.region, r.value,
           r.countries_reporting, r.countries_total, r.population_covered_share, NOT r.adequate AS thin
    FROM chosen c JOIN region_values r ON r.indicator_id = c.indicator_id AND r.year = c.year
    WHERE r.scheme IN ('world', 'un_region') AND r.sex = 'Total' AND r.age = 'Total'
      AND r.estimate_kind = 'reporting_countries'
)
SELECT * FROM final ORDER BY indicator_id, scheme DESC, region
