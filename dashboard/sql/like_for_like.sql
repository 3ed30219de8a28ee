-- Like-for-like changes between two years, for each requested (indicator, earlier year, later year) and each
-- region: the indicator aggregated over the same countries in both years (those reporting in both; for a
-- population-weighted rate, those with a population figure in both years), by the indicator's own rule (counts
-- summed, rates weighted by each year's population, scores averaged), with how many countries that is and the
-- share of the region's population (in the later year) they hold. No row for a region without such countries,
-- for a series without regional values (aggregation 'none'), or for the rate of a sex or age group (it is not
-- weighted by total population; the warehouse's region_values carry group-weighted values).
-- Where the later year directly follows the earlier in the region's series (region_values.prev_year), the ETL's
-- own like-for-like values are used (for a composite index they also compare only the components of both
-- editions; from_warehouse = true); otherwise they are computed here by the same rule.
-- $1 indicator ids, $2 earlier years, $3 later years (three aligned lists: one request each), $4 scheme,
-- $5 regions (list), $6 sex, $7 age
WITH req AS (
    SELECT r.indicator_id, r.year_from, r.year_to, i.aggregation
    FROM (SELECT unnest($1) AS indicator_id, unnest($2)::INTEGER AS year_from, unnest($3)::INTEGER AS year_to) r
    JOIN indicators i USING (indicator_id)
    WHERE i.aggregation <> 'none'
      AND (i.aggregation <> 'population_weighted_mean' OR ($6 = 'Total' AND $7 = 'Total'))
), members AS (
    SELECT region, iso3 FROM region_members WHERE scheme = $4 AND list_contains($5, region)
), pop AS (
    SELECT iso3, year, value AS pop FROM indicator_values
    WHERE indicator_id = 'population_total' AND preferred AND sex = 'Total' AND age = 'Total'
      AND (list_contains($2, year) OR list_contains($3, year))
), v AS (
    SELECT q.indicator_id, q.year_from, q.year_to, q.aggregation, m.region, v.iso3, v.year, v.value, p.pop
    FROM req q
    JOIN indicator_values v ON v.indicator_id = q.indicator_id AND v.year IN (q.year_from, q.year_to)
    JOIN members m ON m.iso3 = v.iso3
    LEFT JOIN pop p ON p.iso3 = v.iso3 AND p.year = v.year
    WHERE v.preferred AND v.sex = $6 AND v.age = $7
), both_years AS (
    SELECT indicator_id, year_from, year_to, region, iso3 FROM v
    GROUP BY ALL
    HAVING count(DISTINCT year) = 2 AND (any_value(aggregation) <> 'population_weighted_mean' OR count(pop) = 2)
), agg AS (
    SELECT v.indicator_id, v.year_from, v.year_to, v.region, v.year,
           CASE any_value(v.aggregation)
               WHEN 'sum' THEN sum(v.value)
               WHEN 'population_weighted_mean' THEN sum(v.value * v.pop) / sum(v.pop)
               ELSE avg(v.value) END AS value,
           count(*) AS countries
    FROM v JOIN both_years USING (indicator_id, year_from, year_to, region, iso3)
    GROUP BY ALL
), region_pop AS (
    SELECT m.region, p.year, sum(p.pop) AS pop FROM members m JOIN pop p USING (iso3) GROUP BY ALL
), both_pop AS (
    SELECT b.indicator_id, b.year_from, b.year_to, b.region, sum(p.pop) AS pop
    FROM both_years b JOIN pop p ON p.iso3 = b.iso3 AND p.year = b.year_to
    GROUP BY ALL
), totals AS (
    SELECT region, count(*) AS countries_total FROM members GROUP BY ALL
), computed AS (
    SELECT a.indicator_id, a.region, a.year_from, a.year_to, a.value AS value_from, b.value AS value_to,
           a.countries AS countries_both, t.countries_total, bp.pop / rp.pop AS population_share
    FROM agg a
    JOIN agg b ON b.indicator_id = a.indicator_id AND b.year_from = a.year_from AND b.year_to = a.year_to
              AND b.region = a.region AND b.year = a.year_to
    JOIN totals t ON t.region = a.region
    LEFT JOIN region_pop rp ON rp.region = a.region AND rp.year = a.year_to
    LEFT JOIN both_pop bp ON bp.indicator_id = a.indicator_id AND bp.year_from = a.year_from
                         AND bp.year_to = a.year_to AND bp.region = a.region
    WHERE a.year = a.year_from
), warehouse AS (       -- the ETL's own like-for-like values where the later year follows the earlier directly
    SELECT q.indicator_id, r.region, q.year_from, q.year_to, r.like_for_like_prev AS value_from,
           r.like_for_like_value AS value_to, r.countries_both, r.countries_total,
           r.population_both_share AS population_share, r.components_both
    FROM req q JOIN region_values r ON r.indicator_id = q.indicator_id AND r.year = q.year_to
                                    AND r.prev_year = q.year_from
    WHERE r.scheme = $4 AND list_contains($5, r.region) AND r.sex = $6 AND r.age = $7
      AND r.estimate_kind = 'reporting_countries' AND r.like_for_like_value IS NOT NULL
)
SELECT coalesce(w.indicator_id, c.indicator_id) AS indicator_id, coalesce(w.region, c.region) AS region,
       coalesce(w.year_from, c.year_from) AS year_from, coalesce(w.year_to, c.year_to) AS year_to,
       coalesce(w.value_from, c.value_from) AS value_from, coalesce(w.value_to, c.value_to) AS value_to,
       coalesce(w.value_to, c.value_to) - coalesce(w.value_from, c.value_from) AS change,
       coalesce(w.countries_both, c.countries_both) AS countries_both,
       coalesce(w.countries_total, c.countries_total) AS countries_total,
       coalesce(w.population_share, c.population_share) AS population_share, w.components_both,
       w.indicator_id IS NOT NULL AS from_warehouse
FROM warehouse w FULL OUTER JOIN computed c
  ON c.indicator_id = w.indicator_id AND c.region = w.region AND c.year_from = w.year_from AND c.year_to = w.year_to
ORDER BY indicator_id, region
