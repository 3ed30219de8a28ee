-- The caveats that can apply to a country's profile (the columns of caveats_for.sql): those about the country
-- itself, and those about an indicator it reports or that indicator's source as a whole (no country, no region).
-- The page matches them to each indicator and year. $1 the country's ISO3 code
WITH reported AS (
    SELECT DISTINCT v.indicator_id, i.source_id
    FROM indicator_values v JOIN indicators i USING (indicator_id)
    WHERE v.iso3 = $1 AND v.preferred
)
SELECT c.caveat_id, c.kind, c.text, c.citation, c.source_id, c.indicator_id, c.iso3, n.name AS country,
       c.scheme, c.region, c.year_from, c.year_to, c.estimate_kind, c.detected, c.rule, c.value, c.low, c.high,
       c.share
FROM caveats c LEFT JOIN countries n ON n.iso3 = c.iso3
WHERE c.iso3 = $1
   OR (c.iso3 IS NULL AND c.scheme IS NULL
       AND (c.indicator_id IN (SELECT indicator_id FROM reported)
            OR (c.indicator_id IS NULL AND c.source_id IN (SELECT source_id FROM reported))))
ORDER BY c.detected, c.year_from NULLS FIRST, c.kind, c.caveat_id
