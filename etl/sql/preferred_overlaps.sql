-- Where several preferred sources of one indicator give the same country-year (sex, age), only the
-- highest-ranked (the most recently retrieved) stays preferred. Needs the temp table `pref`.
WITH multi AS (
    SELECT indicator_id FROM pref WHERE preferred GROUP BY indicator_id HAVING count(*) > 1
), ranked AS (
    SELECT v.indicator_id, v.iso3, v.year, v.sex, v.age, v.source_id,
           min(p.rank) OVER (PARTITION BY v.indicator_id, v.iso3, v.year, v.sex, v.age) AS best, p.rank
    FROM wh.indicator_values v JOIN pref p USING (indicator_id, source_id) SEMI JOIN multi USING (indicator_id)
    WHERE v.preferred
), losers AS (
    SELECT * FROM ranked WHERE rank > best
)
UPDATE wh.indicator_values v SET preferred = false
FROM losers l
WHERE v.indicator_id = l.indicator_id AND v.iso3 = l.iso3 AND v.year = l.year AND v.sex = l.sex
  AND v.age = l.age AND v.source_id = l.source_id
