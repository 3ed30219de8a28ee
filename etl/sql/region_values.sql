-- Region values of the kind reporting_countries, into the temp table rv: for every indicator that aggregates,
-- every region, year, sex and age, the aggregate of the countries that reported, and the like-for-like
-- comparison with the region's previous reported year. Only preferred values count (one edition per
-- indicator and country-year). $1 adequate_coverage, $2 coverage_break (etl/paths.py).
--
-- sum: counts are summed. mean: index scores averaged, every reporting country counting the same.
-- population_weighted_mean: rates weighted by each country's World Bank population of the same year; for a
-- sex or age group by the group's own population, count ÷ rate × 100,000 from the source's count of the same
-- group (indicator <stem>_count beside <stem>_rate). A country without a weight (no population figure, a zero
-- rate, no count) is not counted (countries_not_weighted); a rate whose source gives no count for its groups
-- gets no regional value for them.
--
-- Like for like: a country is in both years when its own previous counted year is the region's previous
-- year (c_prev = prev_year), so one pass over the country rows gives every year's both-set.
-- Sums run in exact DECIMAL arithmetic so that results are identical from run to run (floating-point sums
-- depend on the order parallel threads add them in).
CREATE OR REPLACE TEMP TABLE rv AS
WITH meta AS (
    SELECT indicator_id, aggregation FROM wh.indicators WHERE aggregation <> 'none'
), group_counts AS (
    SELECT regexp_replace(indicator_id, '_count$', '_rate') AS indicator_id, iso3, year, sex, age, value AS cnt
    FROM wh.indicator_values
    WHERE preferred AND (sex <> 'Total' OR age <> 'Total') AND suffix(indicator_id, '_count')
), vals AS (
    SELECT v.indicator_id, v.iso3, v.year, v.sex, v.age, v.value, m.aggregation, p.pop,
        CASE WHEN m.aggregation <> 'population_weighted_mean' THEN NULL
             WHEN v.sex = 'Total' AND v.age = 'Total' THEN p.pop
             WHEN v.value > 0 AND c.cnt > 0 THEN c.cnt / v.value * 100000 END AS w
    FROM wh.indicator_values v JOIN meta m USING (indicator_id)
    LEFT JOIN rv_pop p USING (iso3, year)
    LEFT JOIN group_counts c USING (indicator_id, iso3, year, sex, age)
    WHERE v.preferred
), lagged AS (
    -- the counted rows, each with the country's own previous counted year and its values then
    SELECT *, lag(year) OVER s AS c_prev, lag(value) OVER s AS v_prev, lag(w) OVER s AS w_prev,
           lag(pop) OVER s AS pop_prev
    FROM vals WHERE aggregation <> 'population_weighted_mean' OR w IS NOT NULL
    WINDOW s AS (PARTITION BY indicator_id, iso3, sex, age ORDER BY year)
), by_prev AS (
    -- per region, year and the countries' own previous year
    SELECT m.scheme, m.region, l.indicator_id, l.year, l.sex, l.age, l.c_prev, any_value(l.aggregation) AS agg,
           count(*) AS n,
           sum(l.value::DECIMAL(38, 6)) AS s_v, sum((l.value * l.w)::DECIMAL(38, 4)) AS s_vw,
           sum(l.w::DECIMAL(38, 2)) AS s_w, sum(l.pop::DECIMAL(38, 0)) AS s_pop,
           sum(l.v_prev::DECIMAL(38, 6)) AS p_v, sum((l.v_prev * l.w_prev)::DECIMAL(38, 4)) AS p_vw,
           sum(l.w_prev::DECIMAL(38, 2)) AS p_w, sum(l.pop_prev::DECIMAL(38, 0)) AS p_pop
    FROM lagged l JOIN wh.region_members m USING (iso3)
    GROUP BY m.scheme, m.region, l.indicator_id, l.year, l.sex, l.age, l.c_prev
), by_year AS (
    SELECT scheme, region, indicator_id, year, sex, age, any_value(agg) AS agg, sum(n)::INTEGER AS n,
           sum(s_v) AS s_v, sum(s_vw) AS s_vw, sum(s_w) AS s_w, sum(s_pop) AS s_pop
    FROM by_prev GROUP BY scheme, region, indicator_id, year, sex, age
), with_prev AS (
    SELECT *, lag(year) OVER r AS prev_year, lag(s_pop) OVER r AS prev_pop
    FROM by_year
    WINDOW r AS (PARTITION BY scheme, region, indicator_id, sex, age ORDER BY year)
), not_weighted AS (
    SELECT m.scheme, m.region, v.indicator_id, v.year, v.sex, v.age, count(*)::INTEGER AS n
    FROM vals v JOIN wh.region_members m USING (iso3)
    WHERE v.aggregation = 'population_weighted_mean' AND v.w IS NULL
    GROUP BY ALL
), joined AS (
    SELECT y.*, b.n AS n_both, b.s_v AS b_v, b.s_vw AS b_vw, b.s_w AS b_w, b.s_pop AS b_pop,
           b.p_v AS bp_v, b.p_vw AS bp_vw, b.p_w AS bp_w, b.p_pop AS bp_pop,
           rp.pop_total, rpp.pop_total AS prev_pop_total, s.countries_total, coalesce(nw.n, 0) AS not_weighted
    FROM with_prev y
    JOIN rv_region_size s USING (scheme, region)
    LEFT JOIN by_prev b ON b.scheme = y.scheme AND b.region = y.region AND b.indicator_id = y.indicator_id
        AND b.year = y.year AND b.sex = y.sex AND b.age = y.age AND b.c_prev = y.prev_year
    LEFT JOIN rv_region_pop rp ON rp.scheme = y.scheme AND rp.region = y.region AND rp.year = y.year
    LEFT JOIN rv_region_pop rpp ON rpp.scheme = y.scheme AND rpp.region = y.region AND rpp.year = y.prev_year
    LEFT JOIN not_weighted nw ON nw.scheme = y.scheme AND nw.region = y.region AND nw.indicator_id = y.indicator_id
        AND nw.year = y.year AND nw.sex = y.sex AND nw.age = y.age
), measured AS (
    SELECT *,
        CASE agg WHEN 'sum' THEN s_v::DOUBLE
                 WHEN 'population_weighted_mean' THEN s_vw::DOUBLE / nullif(s_w, 0)::DOUBLE
                 ELSE s_v::DOUBLE / n END AS value,
        CASE agg WHEN 'sum' THEN b_v::DOUBLE
                 WHEN 'population_weighted_mean' THEN b_vw::DOUBLE / nullif(b_w, 0)::DOUBLE
                 ELSE b_v::DOUBLE / n_both END AS lfl_value,
        CASE agg WHEN 'sum' THEN bp_v::DOUBLE
                 WHEN 'population_weighted_mean' THEN bp_vw::DOUBLE / nullif(bp_w, 0)::DOUBLE
                 ELSE bp_v::DOUBLE / n_both END AS lfl_prev,
        s_pop::DOUBLE / nullif(pop_total, 0)::DOUBLE AS covered,
        -- population of the countries that entered (this year's) and left (the previous year's) the set
        (coalesce(s_pop, 0) - coalesce(b_pop, 0))::DOUBLE / nullif(pop_total, 0)::DOUBLE
            + (coalesce(prev_pop, 0) - coalesce(bp_pop, 0))::DOUBLE / nullif(prev_pop_total, 0)::DOUBLE AS changed
    FROM joined
), final AS (
    SELECT scheme, region, indicator_id, year, sex, age, 'reporting_countries' AS estimate_kind, value,
           NULL::VARCHAR AS source_id, n AS countries_reporting, not_weighted AS countries_not_weighted,
           countries_total, covered AS population_covered_share, coalesce(covered >= $1, false) AS adequate,
           prev_year, lfl_value AS like_for_like_value, lfl_prev AS like_for_like_prev,
           CASE WHEN prev_year IS NOT NULL THEN coalesce(n_both, 0) END::INTEGER AS countries_both,
           b_pop::DOUBLE / nullif(pop_total, 0)::DOUBLE AS population_both_share,
           NULL::INTEGER AS components_both,
           CASE WHEN prev_year IS NOT NULL THEN changed END AS population_change_share,
           prev_year IS NOT NULL AND coalesce(changed >= $2, false) AS coverage_break
    FROM measured
    WHERE value IS NOT NULL
)
SELECT * FROM final
