-- Every indicator a country reports (preferred source, sex and age Total): its latest year and value, its
-- previous reported year and value, its values over the fifteen years to the latest (a list, for a sparkline,
-- from recent_from), and its UN subregion's and the World's value in the same year (the publisher's estimate
-- where there is one, else the reporting countries' aggregate) with their coverage and the ETL's like-for-like
-- comparison with the region's previous reported year.
-- $1 the country's ISO3 code
WITH place AS (
    SELECT iso3, un_subregion FROM countries WHERE iso3 = $1
), v AS (
    SELECT indicator_id, year, value FROM indicator_values
    WHERE iso3 = $1 AND preferred AND sex = 'Total' AND age = 'Total'
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY indicator_id ORDER BY year DESC) AS k FROM v
), latest AS (
    SELECT indicator_id,
           max(year) FILTER (WHERE k = 1) AS year, max(value) FILTER (WHERE k = 1) AS value,
           max(year) FILTER (WHERE k = 2) AS prev_year, max(value) FILTER (WHERE k = 2) AS prev_value
    FROM ranked WHERE k <= 2 GROUP BY indicator_id
), recent AS (
    SELECT v.indicator_id, min(v.year) AS recent_from, list(v.value ORDER BY v.year) AS recent
    FROM v JOIN latest l USING (indicator_id)
    WHERE v.year > l.year - 15
    GROUP BY v.indicator_id
), regional AS (        -- the publisher's estimate where the region has one (as the charts show), else the aggregate
    SELECT r.indicator_id, r.year, r.scheme, r.value, r.estimate_kind, r.countries_reporting, r.countries_total,
           r.population_covered_share, r.adequate, r.prev_year, r.like_for_like_prev, r.like_for_like_value,
           r.countries_both, r.coverage_break,
           row_number() OVER (PARTITION BY r.indicator_id, r.scheme
                              ORDER BY r.estimate_kind = 'publisher_estimate' DESC) AS pick
    FROM region_values r JOIN latest l ON l.indicator_id = r.indicator_id AND l.year = r.year
    WHERE r.sex = 'Total' AND r.age = 'Total'
      AND ((r.scheme = 'un_subregion' AND r.region = (SELECT un_subregion FROM place))
           OR (r.scheme = 'world' AND r.region = 'World'))
)
SELECT l.indicator_id, l.year, l.value, l.prev_year, l.prev_value, c.recent_from, c.recent,
       s.value AS subregion_value, s.estimate_kind AS subregion_kind, s.countries_reporting AS subregion_reporting,
       s.countries_total AS subregion_countries, s.adequate AS subregion_adequate, s.prev_year AS subregion_prev_year,
       s.like_for_like_prev AS subregion_lfl_prev, s.like_for_like_value AS subregion_lfl_value,
       s.countries_both AS subregion_both,
       w.value AS world_value, w.estimate_kind AS world_kind, w.countries_reporting AS world_reporting,
       w.countries_total AS world_countries, w.adequate AS world_adequate, w.prev_year AS world_prev_year,
       w.like_for_like_prev AS world_lfl_prev, w.like_for_like_value AS world_lfl_value,
       w.countries_both AS world_both
FROM latest l JOIN recent c USING (indicator_id)
LEFT JOIN regional s ON s.indicator_id = l.indicator_id AND s.scheme = 'un_subregion' AND s.pick = 1
LEFT JOIN regional w ON w.indicator_id = l.indicator_id AND w.scheme = 'world' AND w.pick = 1
ORDER BY l.indicator_id
