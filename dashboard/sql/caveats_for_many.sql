-- caveats_for.sql for several indicators at once, every year and estimate kind (the Overview's tiles in one
-- query): for_indicator says which indicator a row applies to; the caller keeps the years and kinds it shows
-- (year_from/year_to overlap, estimate_kind NULL or shown). $1 indicators (list), $2 scheme, $3 regions (list)
WITH ind AS (
    SELECT indicator_id, source_id FROM indicators WHERE list_contains($1, indicator_id)
), members AS (
    SELECT DISTINCT iso3 FROM region_members WHERE scheme = $2 AND list_contains($3, region)
)
SELECT i.indicator_id AS for_indicator, c.caveat_id, c.kind, c.text, c.citation, c.source_id, c.indicator_id,
       c.iso3, n.name AS country, c.scheme, c.region, c.year_from, c.year_to, c.estimate_kind, c.detected, c.rule,
       c.value, c.low, c.high, c.share
FROM caveats c CROSS JOIN ind i
LEFT JOIN countries n ON n.iso3 = c.iso3
WHERE (c.indicator_id IS NULL OR c.indicator_id = i.indicator_id)
  AND (c.source_id IS NULL OR c.source_id = i.source_id OR c.indicator_id = i.indicator_id)
  AND (c.iso3 IS NULL OR c.iso3 IN (SELECT iso3 FROM members))
  AND (c.scheme IS NULL OR (c.scheme = $2 AND (c.region IS NULL OR list_contains($3, c.region))))
ORDER BY i.indicator_id, c.detected, c.year_from NULLS FIRST, c.kind, c.caveat_id
