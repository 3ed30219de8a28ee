-- The latest year whose World aggregate of the reporting countries is adequately covered
-- (region_values.adequate, the ETL's one coverage rule). NULL when no year is. $1 indicator, $2 sex, $3 age
SELECT max(year) AS year
FROM region_values
WHERE indicator_id = $1 AND scheme = 'world' AND region = 'World' AND sex = $2 AND age = $3
  AND estimate_kind = 'reporting_countries' AND adequate
