-- region_series.sql for several indicators at once, every year and both estimate kinds (the Overview's tile
-- sparklines in one query), with indicator_id. $1 indicators (list), $2 scheme, $3 regions (list), $4 sex, $5 age
SELECT indicator_id, region, year, value, estimate_kind, source_id, countries_reporting, countries_not_weighted,
       countries_total, population_covered_share, adequate, prev_year, like_for_like_value, like_for_like_prev,
       countries_both, population_both_share, components_both, population_change_share, coverage_break
FROM region_values
WHERE list_contains($1, indicator_id) AND scheme = $2 AND list_contains($3, region) AND sex = $4 AND age = $5
ORDER BY indicator_id, region, year
