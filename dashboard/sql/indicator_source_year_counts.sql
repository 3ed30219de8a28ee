-- Countries with a value per source and year, for one indicator and breakdown (every source, preferred or
-- not). $1 indicator, $2 sex, $3 age
SELECT source_id, year, count(DISTINCT iso3) AS countries
FROM indicator_values
WHERE indicator_id = $1 AND sex = $2 AND age = $3
GROUP BY ALL ORDER BY source_id, year
