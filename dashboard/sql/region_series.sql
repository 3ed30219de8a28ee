-- One indicator's region values over the years, of one estimate kind, with coverage and like-for-like columns.
-- $1 indicator, $2 scheme, $3 regions (list), $4/$5 years, $6 sex, $7 age, $8 estimate kind
-- ('reporting_countries' or 'publisher_estimate')
SELECT region, year, value, estimate_kind, source_id, countries_reporting, countries_not_weighted, countries_total,
       population_covered_share, adequate, prev_year, like_for_like_value, like_for_like_prev, countries_both,
       population_both_share, components_both, population_change_share, coverage_break
FROM region_values
WHERE indicator_id = $1 AND scheme = $2 AND list_contains($3, region)
  AND year BETWEEN $4 AND $5 AND sex = $6 AND age = $7 AND estimate_kind = $8
ORDER BY region, year
