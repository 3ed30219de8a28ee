-- Region values for every indicator that aggregates, every region and year (and sex/age breakdown).
-- sum: counts are summed; population_weighted_mean: rates weighted by World Bank population of the same
-- year (countries without a population that year do not count); mean: index scores averaged.
-- Only the preferred values count (one edition per indicator and country-year).
-- Sums run in exact DECIMAL arithmetic so that results are identical from run to run (floating-point
-- sums depend on the order parallel threads add them in).
WITH pop AS (
    SELECT iso3, year, value AS pop FROM wh.indicator_values
    WHERE indicator_id = 'population_total' AND sex = 'Total' AND age = 'Total' AND preferred
), vals AS (
    SELECT v.indicator_id, v.iso3, v.year, v.sex, v.age, v.value, i.aggregation
    FROM wh.indicator_values v JOIN wh.indicators i USING (indicator_id)
    WHERE i.aggregation <> 'none' AND v.preferred
), joined AS (
    SELECT m.scheme, m.region, v.*, p.pop
    FROM vals v JOIN wh.region_members m USING (iso3) LEFT JOIN pop p USING (iso3, year)
    WHERE v.aggregation <> 'population_weighted_mean' OR p.pop IS NOT NULL
), agg AS (
    SELECT scheme, region, indicator_id, year, sex, age,
        CASE any_value(aggregation)
            WHEN 'sum' THEN sum(value::DECIMAL(38, 6))::DOUBLE
            WHEN 'population_weighted_mean'
                THEN sum((value * pop)::DECIMAL(38, 4))::DOUBLE / nullif(sum(pop::DECIMAL(38, 0)), 0)::DOUBLE
            ELSE sum(value::DECIMAL(38, 6))::DOUBLE / count(*) END AS value,
        count(*)::INTEGER AS countries_reporting,
        sum(pop::DECIMAL(38, 0))::DOUBLE AS pop_reporting
    FROM joined GROUP BY scheme, region, indicator_id, year, sex, age
), region_pop AS (
    SELECT m.scheme, m.region, p.year, sum(p.pop::DECIMAL(38, 0))::DOUBLE AS pop_total
    FROM wh.region_members m JOIN pop p USING (iso3) GROUP BY ALL
), region_size AS (
    SELECT scheme, region, count(*)::INTEGER AS countries_total FROM wh.region_members GROUP BY ALL
), final AS (
    SELECT a.scheme, a.region, a.indicator_id, a.year, a.sex, a.age, a.value, a.countries_reporting,
           s.countries_total, least(a.pop_reporting / nullif(rp.pop_total, 0), 1.0) AS population_covered_share
    FROM agg a JOIN region_size s USING (scheme, region)
    LEFT JOIN region_pop rp USING (scheme, region, year)
    WHERE a.value IS NOT NULL
)
SELECT * FROM final ORDER BY scheme, region, indicator_id, year, sex, age
