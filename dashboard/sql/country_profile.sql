-- Every indicator a country reports (preferred source, sex and age Total): its latest year and value, its
-- previous reported year and value, its values over the fifteen years to the latest (a list, for a sparkline,
-- from recent_from), and its UN subregion's and the World's value in the same year with their coverage.
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
), regional AS (
    SELECT r.indicator_id, r.year, r.scheme, r.value, r.countries_reporting, r.countries_total,
           r.population_covered_share
    FROM region_values r JOIN latest l ON l.indicator_id = r.indicator_id AND l.year = r.year
    WHERE r.sex = 'Total' AND r.age = 'Total'
      AND ((r.scheme = 'un_subregion' AND r.region = (SELECT un_subregion FROM place))
           OR (r.scheme = 'world' AND r.region = 'World'))
)
SELECT l.indicator_id, l.year, l.value, l.prev_year, l.prev_value, c.recent_from, c.recent,
       s.value AS subregion_value, s.countries_reporting AS subregion_reporting,
       s.countries_total AS subregion_countries, s.population_covered_share AS subregion_coverage,
       w.value AS world_value, w.countries_reporting AS world_reporting, w.countries_total AS world_countries,
       w.population_covered_share AS world_coverage
FROM latest l JOIN recent c USING (indicator_id)
LEFT JOIN regional s ON s.indicator_id = l.indicator_id AND s.scheme = 'un_subregion'
LEFT JOIN regional w ON w.indicator_id = l.indicator_id AND w.scheme = 'world'
ORDER BY l.indicator_id
