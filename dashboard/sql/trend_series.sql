-- Region and country lines of one indicator in one frame: series (region or country name), kind ('region' or
-- 'country'), year, value and, for regions, the estimate kind, coverage and like-for-like columns. Each region
-- shows the publisher's estimate where the publisher gives one and $9 is 'publisher_estimate', else the
-- aggregate of the reporting countries.
-- $1 indicator, $2 scheme, $3 regions (list), $4 iso3 codes (list), $5/$6 years, $7 sex, $8 age, $9 estimate
-- kind preferred ('publisher_estimate' or 'reporting_countries')
WITH reg AS (
    SELECT *, max(CASE WHEN estimate_kind = $9 THEN 1 ELSE 0 END) OVER (PARTITION BY region) AS has_wanted
    FROM region_values
    WHERE indicator_id = $1 AND scheme = $2 AND list_contains($3, region)
      AND year BETWEEN $5 AND $6 AND sex = $7 AND age = $8
)
SELECT region AS series, 'region' AS kind, year, value, estimate_kind, source_id, countries_reporting,
       countries_not_weighted, countries_total, population_covered_share, adequate, prev_year,
       like_for_like_value, like_for_like_prev, countries_both, population_both_share, components_both,
       population_change_share, coverage_break
FROM reg
WHERE estimate_kind = CASE WHEN has_wanted = 1 THEN $9 ELSE 'reporting_countries' END
UNION ALL
SELECT c.name AS series, 'country' AS kind, v.year, v.value, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL
FROM indicator_values v JOIN countries c USING (iso3)
WHERE v.indicator_id = $1 AND list_contains($4, v.iso3) AND v.year BETWEEN $5 AND $6
  AND v.sex = $7 AND v.age = $8 AND v.preferred
ORDER BY kind DESC, series, year
