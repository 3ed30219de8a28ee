-- The caveats that apply to a selection (caveats table: a caveat applies when every scope column it fills
-- matches): the indicator or its preferred source, a selected country or a member of a selected region, the
-- scheme and region, years overlapping, the estimate kind shown. Detected outliers last, then by year.
-- $1 indicator, $2 scheme, $3 regions (list), $4 iso3 codes (list), $5/$6 years, $7 estimate kinds shown (list)
WITH ind AS (
    SELECT indicator_id, source_id FROM indicators WHERE indicator_id = $1
), members AS (
    SELECT DISTINCT iso3 FROM region_members WHERE scheme = $2 AND list_contains($3, region)
)
SELECT c.caveat_id, c.kind, c.text, c.citation, c.source_id, c.indicator_id, c.iso3, n.name AS country,
       c.scheme, c.region, c.year_from, c.year_to, c.estimate_kind, c.detected, c.rule, c.value, c.low, c.high,
       c.share
FROM caveats c CROSS JOIN ind i
LEFT JOIN countries n ON n.iso3 = c.iso3
WHERE (c.indicator_id IS NULL OR c.indicator_id = i.indicator_id)
  AND (c.source_id IS NULL OR c.source_id = i.source_id OR c.indicator_id = i.indicator_id)
  AND (c.year_from IS NULL OR c.year_from <= $6) AND (c.year_to IS NULL OR c.year_to >= $5)
  AND (c.iso3 IS NULL OR list_contains($4, c.iso3) OR c.iso3 IN (SELECT iso3 FROM members))
  AND (c.scheme IS NULL OR (c.scheme = $2 AND (c.region IS NULL OR list_contains($3, c.region))))
  AND (c.estimate_kind IS NULL OR list_contains($7, c.estimate_kind))
ORDER BY c.detected, c.year_from NULLS FIRST, c.kind, c.caveat_id
