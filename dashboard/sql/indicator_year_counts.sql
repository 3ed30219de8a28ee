-- Countries with a value, per year, for one indicator and breakdown (the ETL's count). $1 indicator, $2 sex, $3 age
SELECT year, countries
FROM indicator_year_counts
WHERE indicator_id = $1 AND sex = $2 AND age = $3
ORDER BY year
