-- The years in which each of the given indicators' World aggregate of the reporting countries is adequately
-- covered (region_values.adequate, the ETL's one coverage rule), sex and age Total, with the publisher's own
-- World estimate of the same year where it gives one. Years a caveat of kind last_year marks as partial (GTD's
-- January-June 2021) are left out, as for the Overview's tiles (headlines.sql): half a year is not compared with
-- a whole one. $1 indicator ids (list)
WITH r AS (
    SELECT indicator_id, year, value, countries_reporting, countries_total, population_covered_share
    FROM region_values
    WHERE list_contains($1, indicator_id) AND scheme = 'world' AND region = 'World' AND sex = 'Total'
      AND age = 'Total' AND estimate_kind = 'reporting_countries' AND adequate
), p AS (
    SELECT indicator_id, year, value AS publisher_value, source_id AS publisher_source
    FROM region_values
    WHERE list_contains($1, indicator_id) AND scheme = 'world' AND region = 'World' AND sex = 'Total'
      AND age = 'Total' AND estimate_kind = 'publisher_estimate'
), partial AS (
    SELECT c.indicator_id, c.year_from, c.year_to FROM caveats c JOIN indicators i USING (indicator_id)
    WHERE list_contains($1, c.indicator_id) AND c.kind = 'last_year'
      AND (c.source_id IS NULL OR c.source_id = i.source_id)
)
SELECT r.*, p.publisher_value, p.publisher_source
FROM r LEFT JOIN p USING (indicator_id, year)
WHERE NOT EXISTS (SELECT 1 FROM partial x WHERE x.indicator_id = r.indicator_id
                  AND r.year BETWEEN coalesce(x.year_from, r.year) AND coalesce(x.year_to, r.year))
ORDER BY indicator_id, year
