-- The tiles' values, for one indicator or several at once (the Overview asks for its seven in one query):
-- per indicator, the latest adequately covered year of a region's value, of the publisher's estimate where it
-- gives one, else of the reporting countries' aggregate, with its like-for-like comparison; partial years
-- (caveats of kind last_year) left out. $1 indicators (list), $2 scheme, $3 region.
WITH rows AS (
    SELECT r.*, max(CASE WHEN estimate_kind = 'publisher_estimate' THEN 1 ELSE 0 END)
                    OVER (PARTITION BY indicator_id) AS has_publisher
    FROM region_values r
    WHERE list_contains($1, indicator_id) AND scheme = $2 AND region = $3 AND sex = 'Total' AND age = 'Total'
), partial AS (
    SELECT c.indicator_id, year_from, year_to FROM caveats c JOIN indicators i USING (indicator_id)
    WHERE list_contains($1, c.indicator_id) AND c.kind = 'last_year'
      AND (c.source_id IS NULL OR c.source_id = i.source_id)
)
SELECT * EXCLUDE (has_publisher) FROM rows r
WHERE estimate_kind = CASE WHEN has_publisher = 1 THEN 'publisher_estimate' ELSE 'reporting_countries' END
  AND adequate
  AND NOT EXISTS (SELECT 1 FROM partial p WHERE p.indicator_id = r.indicator_id
                  AND r.year BETWEEN coalesce(p.year_from, r.year) AND coalesce(p.year_to, r.year))
QUALIFY row_number() OVER (PARTITION BY indicator_id ORDER BY year DESC) = 1
ORDER BY indicator_id
