-- The caveats that can apply to a country's profile (the columns of caveats_for.sql): those about the country
-- itself, and those about an indicator or a source as a whole (no country, no region); the page matches them
-- to each indicator it lists and its years (profiles.row_caveats). A few dozen rows: the caveats table is
-- small, and not joining the country's values keeps this question off indicator_values. $1 the ISO3 code
SELECT c.caveat_id, c.kind, c.text, c.citation, c.source_id, c.indicator_id, c.iso3, n.name AS country,
       c.scheme, c.region, c.year_from, c.year_to, c.estimate_kind, c.detected, c.rule, c.value, c.low, c.high,
       c.share
FROM caveats c LEFT JOIN countries n ON n.iso3 = c.iso3
WHERE c.iso3 = $1 OR (c.iso3 IS NULL AND c.scheme IS NULL)
ORDER BY c.detected, c.year_from NULLS FIRST, c.kind, c.caveat_id
