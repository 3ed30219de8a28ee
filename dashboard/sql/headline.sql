-- The latest adequately covered year of a region's value, for a tile: of the publisher's estimate where it
-- gives one, else of the reporting countries' aggregate (region_values.adequate: the ETL's one coverage rule),
-- with its like-for-like comparison with the previous reported year. Years a caveat of kind last_year marks
-- as partial (GTD's January-June 2021) are left out. $1 indicator, $2 scheme, $3 region.
WITH rows AS (
    SELECT r.*, max(CASE WHEN estimate_kind = 'publisher_estimate' THEN 1 ELSE 0 END) OVER () AS has_publisher
    FROM region_values r
    WHERE indicator_id = $1 AND scheme = $2 AND region = $3 AND sex = 'Total' AND age = 'Total'
), partial AS (
    SELECT year_from, year_to FROM caveats c JOIN indicators i USING (indicator_id)
    WHERE c.indicator_id = $1 AND c.kind = 'last_year' AND (c.source_id IS NULL OR c.source_id = i.source_id)
)
SELECT * EXCLUDE (has_publisher) FROM rows r
WHERE estimate_kind = CASE WHEN has_publisher = 1 THEN 'publisher_estimate' ELSE 'reporting_countries' END
  AND adequate
  AND NOT EXISTS (SELECT 1 FROM partial p WHERE r.year BETWEEN coalesce(p.year_from, r.year)
                                                          AND coalesce(p.year_to, r.year))
ORDER BY year DESC LIMIT 1
