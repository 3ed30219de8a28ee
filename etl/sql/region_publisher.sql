-- Region values of the kind publisher_estimate, into the temp table rv: the publisher's own value for a region
-- (publisher_estimates, preferred sources only), with how many member countries have a value of the
-- indicator that year in the warehouse and their share of the population (the publisher imputes the others,
-- or, for a world total such as GTD's, counts what no country holds). A publisher estimate covers its region
-- by construction: adequate, no coverage break; its like-for-like change is the change of the estimate.
INSERT INTO rv BY NAME
WITH est AS (
    SELECT scheme, region, indicator_id, year, sex, age, value, source_id,
           lag(year) OVER r AS prev_year, lag(value) OVER r AS prev_value
    FROM wh.publisher_estimates WHERE preferred
    WINDOW r AS (PARTITION BY scheme, region, indicator_id, sex, age ORDER BY year)
), reporting AS (
    SELECT m.scheme, m.region, v.indicator_id, v.year, v.sex, v.age, count(*)::INTEGER AS n,
           sum(p.pop::DECIMAL(38, 0)) AS s_pop
    FROM wh.indicator_values v JOIN wh.region_members m USING (iso3) LEFT JOIN rv_pop p USING (iso3, year)
    SEMI JOIN (SELECT DISTINCT indicator_id FROM est) USING (indicator_id)
    WHERE v.preferred
    GROUP BY ALL
)
SELECT e.scheme, e.region, e.indicator_id, e.year, e.sex, e.age, 'publisher_estimate' AS estimate_kind, e.value,
       e.source_id, coalesce(r.n, 0) AS countries_reporting, 0 AS countries_not_weighted, s.countries_total,
       r.s_pop::DOUBLE / nullif(rp.pop_total, 0)::DOUBLE AS population_covered_share, true AS adequate,
       e.prev_year, CASE WHEN e.prev_year IS NOT NULL THEN e.value END AS like_for_like_value,
       e.prev_value AS like_for_like_prev, NULL::INTEGER AS countries_both, NULL::DOUBLE AS population_both_share,
       NULL::INTEGER AS components_both, NULL::DOUBLE AS population_change_share, false AS coverage_break
FROM est e JOIN rv_region_size s USING (scheme, region)
LEFT JOIN reporting r USING (scheme, region, indicator_id, year, sex, age)
LEFT JOIN rv_region_pop rp USING (scheme, region, year)
