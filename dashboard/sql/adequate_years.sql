-- The years in which each of the given indicators' World aggregate of the reporting countries is adequately
-- covered (region_values.adequate, the ETL's one coverage rule), sex and age Total, with the publisher's own
-- World estimate of the same year where it gives one. $1 indicator ids (list)
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
)
SELECT r.*, p.publisher_value, p.publisher_source
FROM r LEFT JOIN p USING (indicator_id, year)
ORDER BY indicator_id, year
