-- Detected outliers, rule 'neighbours': a country's rate (per 100,000, total) far outside its own previous and
-- next reported values, which agree with each other. Recorded as caveats, never removed. Parameters (etl/paths.py):
-- $1 OUTLIER_RATIO, $2 OUTLIER_NEIGHBOURS_AGREE, $3 OUTLIER_SPAN, $4 OUTLIER_MIN_EVENTS.
INSERT INTO wh.caveats BY NAME
WITH pop AS (
    SELECT iso3, year, value AS pop FROM wh.indicator_values
    WHERE indicator_id = 'population_total' AND sex = 'Total' AND age = 'Total' AND preferred
), v AS (
    SELECT v.indicator_id, v.iso3, v.year, v.value, v.source_id
    FROM wh.indicator_values v JOIN wh.indicators i USING (indicator_id)
    WHERE v.preferred AND v.sex = 'Total' AND v.age = 'Total' AND i.measure = 'rate_per_100k'
), l AS (
    SELECT *, lag(value) OVER w AS pv, lead(value) OVER w AS nv, lag(year) OVER w AS py, lead(year) OVER w AS ny
    FROM v WINDOW w AS (PARTITION BY indicator_id, iso3 ORDER BY year)
), hits AS (
    SELECT l.*, least(pv, nv) AS low, greatest(pv, nv) AS high
    FROM l JOIN pop p USING (iso3, year)
    WHERE pv > 0 AND nv > 0 AND ny - py <= $3 AND greatest(pv, nv) <= $2 * least(pv, nv)
      AND (value >= $1 * greatest(pv, nv) OR value * $1 <= least(pv, nv))
      AND abs(value - (pv + nv) / 2) * p.pop / 100000 >= $4
)
SELECT 'outlier_' || h.indicator_id || '_' || lower(h.iso3) || '_' || h.year AS caveat_id, h.source_id,
       h.indicator_id, h.iso3, h.year AS year_from, h.year AS year_to, 'outlier' AS kind,
       c.name || ' ' || h.year || ': ' || format('{:.3g}', h.value) || ' per 100,000 is far outside the country''s '
           || 'neighbouring years (' || h.py || ': ' || format('{:.3g}', h.pv) || ', ' || h.ny || ': '
           || format('{:.3g}', h.nv) || '). Kept as published; flagged by the ETL.' AS text,
       s.title || ' (' || s.file || '); flagged by the project''s ETL, rule neighbours (see etl_settings)'
           AS citation,
       true AS detected, 'etl' AS listed_in, 'neighbours' AS rule, h.value, h.low, h.high
FROM hits h JOIN wh.countries c USING (iso3) JOIN wh.sources s USING (source_id)
ORDER BY caveat_id
