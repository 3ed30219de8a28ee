-- Region values of the kind reporting_countries, into the temp table rv: for every indicator that aggregates,
-- every region, year, sex and age, the aggregate of the countries that reported, and the like-for-like
-- comparison with the region's previous reported year. Only preferred values count (one edition per
-- indicator and country-year). $1 adequate_coverage, $2 coverage_break (etl/paths.py). Needs the temp tables
-- of region_base.sql and the tables of region_counted.sql.
--
-- sum: counts are summed. mean: index scores averaged, every reporting country counting the same.
-- population_weighted_mean: rates weighted by each country's World Bank population of the same year; for a
-- sex or age group by the group's own population, count ÷ rate × 100,000 from the source's count of the same
-- group (indicator <stem>_count beside <stem>_rate). A country without a weight (no population figure, a zero
-- rate, no count) is not counted (countries_not_weighted); a rate whose source gives no count for its groups
-- gets no regional value for them.
--
-- Like for like, without a second pass over every member row: the countries of both years are this year's
-- countries minus those that entered, and the previous year's minus those that left. A country whose own
-- previous counted year is the year before (c_prev = year - 1) is in both years for every region holding it
-- (that region reported the year before), so only the others (gaps, first years) are checked against the
-- region's previous year; likewise for leaving with c_next. Sums run in exact DECIMAL arithmetic so that
-- results are identical from run to run and the subtractions are exact.
CREATE OR REPLACE TEMP TABLE rv AS
WITH by_year AS (
    SELECT m.scheme, m.region, c.indicator_id, c.year, c.sex, c.age, any_value(c.aggregation) AS agg,
           count(*)::INTEGER AS n, sum(c.value::DECIMAL(38, 6)) AS s_v,
           sum((c.value * c.w)::DECIMAL(38, 4)) AS s_vw, sum(c.w::DECIMAL(38, 2)) AS s_w,
           sum(c.pop::DECIMAL(38, 0)) AS s_pop
    FROM rv_counted c JOIN wh.region_members m USING (iso3)
    GROUP BY m.scheme, m.region, c.indicator_id, c.year, c.sex, c.age
), with_prev AS (
    SELECT *, lag(year) OVER r AS prev_year, lead(year) OVER r AS next_year,
           lag(s_v) OVER r AS p_v, lag(s_vw) OVER r AS p_vw, lag(s_w) OVER r AS p_w, lag(s_pop) OVER r AS p_pop
    FROM by_year
    WINDOW r AS (PARTITION BY scheme, region, indicator_id, sex, age ORDER BY year)
), region_years AS (
    SELECT scheme, region, indicator_id, year, sex, age, prev_year, next_year FROM with_prev
), entering AS MATERIALIZED (
    -- candidates for having entered, per region: a country whose own previous counted year is not the year
    -- before (materialized: joined to its regions before the region years, never the other way round)
    SELECT m.scheme, m.region, c.* FROM rv_counted c JOIN wh.region_members m USING (iso3)
    WHERE c.c_prev IS NULL OR c.c_prev <> c.year - 1
), leaving AS MATERIALIZED (
    SELECT m.scheme, m.region, c.* FROM rv_counted c JOIN wh.region_members m USING (iso3)
    WHERE c.c_next IS NULL OR c.c_next <> c.year + 1
), entered AS (
    -- this year's countries that did not report in the region's previous year
    SELECT c.scheme, c.region, c.indicator_id, c.year, c.sex, c.age, count(*)::INTEGER AS n,
           sum(c.value::DECIMAL(38, 6)) AS s_v, sum((c.value * c.w)::DECIMAL(38, 4)) AS s_vw,
           sum(c.w::DECIMAL(38, 2)) AS s_w, sum(c.pop::DECIMAL(38, 0)) AS s_pop
    FROM entering c JOIN region_years y USING (scheme, region, indicator_id, year, sex, age)
    WHERE y.prev_year IS NOT NULL AND c.c_prev IS DISTINCT FROM y.prev_year
    GROUP BY ALL
), left_ AS (
    -- the previous year's countries that do not report this year (keyed by this year: next_year)
    SELECT c.scheme, c.region, c.indicator_id, y.next_year AS year, c.sex, c.age, count(*)::INTEGER AS n,
           sum(c.value::DECIMAL(38, 6)) AS s_v, sum((c.value * c.w)::DECIMAL(38, 4)) AS s_vw,
           sum(c.w::DECIMAL(38, 2)) AS s_w, sum(c.pop::DECIMAL(38, 0)) AS s_pop
    FROM leaving c JOIN region_years y USING (scheme, region, indicator_id, year, sex, age)
    WHERE y.next_year IS NOT NULL AND c.c_next IS DISTINCT FROM y.next_year
    GROUP BY ALL
), joined AS (
    SELECT y.*, y.n - coalesce(e.n, 0) AS n_both,
           y.s_v - coalesce(e.s_v, 0) AS b_v, y.s_vw - coalesce(e.s_vw, 0) AS b_vw,
           y.s_w - coalesce(e.s_w, 0) AS b_w, y.s_pop - coalesce(e.s_pop, 0) AS b_pop,
           y.p_v - coalesce(l.s_v, 0) AS bp_v, y.p_vw - coalesce(l.s_vw, 0) AS bp_vw,
           y.p_w - coalesce(l.s_w, 0) AS bp_w, y.p_pop - coalesce(l.s_pop, 0) AS bp_pop,
           rp.pop_total, rpp.pop_total AS prev_pop_total, s.countries_total, coalesce(nw.n, 0) AS not_weighted
    FROM with_prev y
    JOIN rv_region_size s USING (scheme, region)
    LEFT JOIN entered e USING (scheme, region, indicator_id, year, sex, age)
    LEFT JOIN left_ l USING (scheme, region, indicator_id, year, sex, age)
    LEFT JOIN rv_region_pop rp ON rp.scheme = y.scheme AND rp.region = y.region AND rp.year = y.year
    LEFT JOIN rv_region_pop rpp ON rpp.scheme = y.scheme AND rpp.region = y.region AND rpp.year = y.prev_year
    LEFT JOIN rv_not_weighted nw USING (scheme, region, indicator_id, year, sex, age)
), measured AS (
    SELECT *,
        CASE agg WHEN 'sum' THEN s_v::DOUBLE
                 WHEN 'population_weighted_mean' THEN s_vw::DOUBLE / nullif(s_w, 0)::DOUBLE
                 ELSE s_v::DOUBLE / n END AS value,
        CASE agg WHEN 'sum' THEN b_v::DOUBLE
                 WHEN 'population_weighted_mean' THEN b_vw::DOUBLE / nullif(b_w, 0)::DOUBLE
                 ELSE b_v::DOUBLE / nullif(n_both, 0) END AS lfl_value,
        CASE agg WHEN 'sum' THEN bp_v::DOUBLE
                 WHEN 'population_weighted_mean' THEN bp_vw::DOUBLE / nullif(bp_w, 0)::DOUBLE
                 ELSE bp_v::DOUBLE / nullif(n_both, 0) END AS lfl_prev,
        s_pop::DOUBLE / nullif(pop_total, 0)::DOUBLE AS covered,
        -- population of the countries that entered (this year's) and left (the previous year's) the set
        (coalesce(s_pop, 0) - coalesce(b_pop, 0))::DOUBLE / nullif(pop_total, 0)::DOUBLE
            + (coalesce(p_pop, 0) - coalesce(bp_pop, 0))::DOUBLE / nullif(prev_pop_total, 0)::DOUBLE AS changed
    FROM joined
), final AS (
    SELECT scheme, region, indicator_id, year, sex, age, 'reporting_countries' AS estimate_kind, value,
           NULL::VARCHAR AS source_id, n AS countries_reporting, not_weighted AS countries_not_weighted,
           countries_total, covered AS population_covered_share, coalesce(covered >= $1, false) AS adequate,
           prev_year,
           CASE WHEN prev_year IS NOT NULL AND n_both > 0 THEN lfl_value END AS like_for_like_value,
           CASE WHEN prev_year IS NOT NULL AND n_both > 0 THEN lfl_prev END AS like_for_like_prev,
           CASE WHEN prev_year IS NOT NULL THEN n_both END::INTEGER AS countries_both,
           CASE WHEN prev_year IS NOT NULL THEN b_pop::DOUBLE / nullif(pop_total, 0)::DOUBLE END
               AS population_both_share,
           NULL::INTEGER AS components_both,
           CASE WHEN prev_year IS NOT NULL THEN changed END AS population_change_share,
           prev_year IS NOT NULL AND coalesce(changed >= $2, false) AS coverage_break
    FROM measured
    WHERE value IS NOT NULL
)
SELECT * FROM final
