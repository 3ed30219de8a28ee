-- The latest value of each of the given indicators for one region (sex and age Total, the aggregate of the
-- reporting countries), in the latest year it is adequately covered (region_values.adequate); failing that, its
-- latest year with any value (thin = true); with the ETL's like-for-like comparison with the previous reported
-- year. Years a caveat of kind last_year marks as partial (GTD's January-June 2021) are left out, as for the
-- Overview's tiles (headlines.sql). Indicators without a value for the region are left out.
-- $1 indicator ids (list), $2 scheme, $3 region
WITH partial AS (
    SELECT c.indicator_id, c.year_from, c.year_to FROM caveats c JOIN indicators i USING (indicator_id)
    WHERE list_contains($1, c.indicator_id) AND c.kind = 'last_year'
      AND (c.source_id IS NULL OR c.source_id = i.source_id)
), r AS (
    SELECT * FROM region_values v
    WHERE list_contains($1, indicator_id) AND scheme = $2 AND region = $3 AND sex = 'Total' AND age = 'Total'
      AND estimate_kind = 'reporting_countries'
      AND NOT EXISTS (SELECT 1 FROM partial x WHERE x.indicator_id = v.indicator_id
                      AND v.year BETWEEN coalesce(x.year_from, v.year) AND coalesce(x.year_to, v.year))
), pick AS (
    SELECT indicator_id, coalesce(max(year) FILTER (WHERE adequate), max(year)) AS year, max(year) AS last_year
    FROM r GROUP BY indicator_id
)
SELECT r.indicator_id, r.year, p.last_year, r.value, r.countries_reporting, r.countries_total,
       r.population_covered_share, NOT r.adequate AS thin, r.prev_year, r.like_for_like_prev,
       r.like_for_like_value, r.countries_both, r.population_both_share, r.coverage_break
FROM r JOIN pick p USING (indicator_id, year)
ORDER BY r.indicator_id
