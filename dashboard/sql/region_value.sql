-- One region's value of an indicator in one year with its coverage (e.g. the World's: how many countries
-- report and what share of the population they hold): the aggregate of the reporting countries (one row; the
-- publisher's own estimate, where region_values also holds one, is left out). $1 indicator, $2 scheme,
-- $3 region, $4 year, $5 sex, $6 age
SELECT scheme, region, year, value, countries_reporting, countries_total, population_covered_share, adequate
FROM region_values
WHERE indicator_id = $1 AND scheme = $2 AND region = $3 AND year = $4 AND sex = $5 AND age = $6
  AND estimate_kind = 'reporting_countries'
