-- Like-for-like values of one composite index score per country ($1, e.g. ocindex_criminal_markets), into
-- the temp table comp_lfl: for each country-year and the country's previous year, the mean of the
-- components that both years' editions list (indicator_components) and the country has in both years. A
-- component that is itself a composite contributes its own like-for-like values (computed before it).
INSERT INTO comp_lfl
WITH rows AS (
    SELECT indicator_id, iso3, year, source_id,
           lag(year) OVER w AS c_prev, lag(source_id) OVER w AS src_prev
    FROM wh.indicator_values
    WHERE indicator_id = $1 AND preferred AND sex = 'Total' AND age = 'Total'
    WINDOW w AS (PARTITION BY iso3 ORDER BY year)
), common AS (
    SELECT r.indicator_id, r.iso3, r.year, r.c_prev, a.component_id
    FROM rows r
    JOIN wh.indicator_components a ON a.indicator_id = r.indicator_id AND a.source_id = r.source_id
    JOIN wh.indicator_components b ON b.indicator_id = r.indicator_id AND b.source_id = r.src_prev
        AND b.component_id = a.component_id
    WHERE r.c_prev IS NOT NULL
), plain AS (
    SELECT indicator_id AS component_id, iso3, year, value FROM wh.indicator_values
    WHERE preferred AND sex = 'Total' AND age = 'Total'
      AND indicator_id IN (SELECT component_id FROM wh.indicator_components WHERE indicator_id = $1)
), vals AS (
    SELECT c.*, coalesce(d.lfl_t, pt.value) AS vt, coalesce(d.lfl_p, pp.value) AS vp
    FROM common c
    LEFT JOIN comp_lfl d ON d.indicator_id = c.component_id AND d.iso3 = c.iso3 AND d.year = c.year
        AND d.c_prev = c.c_prev
    LEFT JOIN plain pt ON pt.component_id = c.component_id AND pt.iso3 = c.iso3 AND pt.year = c.year
    LEFT JOIN plain pp ON pp.component_id = c.component_id AND pp.iso3 = c.iso3 AND pp.year = c.c_prev
)
SELECT indicator_id, iso3, year, c_prev, avg(vt::DECIMAL(18, 6))::DOUBLE AS lfl_t,
       avg(vp::DECIMAL(18, 6))::DOUBLE AS lfl_p, count(*)::INTEGER AS n_components
FROM vals WHERE vt IS NOT NULL AND vp IS NOT NULL
GROUP BY indicator_id, iso3, year, c_prev
