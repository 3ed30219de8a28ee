-- Countries with a value, per year, for one indicator and breakdown. $1 indicator, $2 sex, $3 age
SELECT year, count(DISTINCT iso3) AS countries
FROM indicator_values
WHERE indicator_id = $1 AND sex = $2 AND age = $3 AND preferred
GROUP BY year ORDER BY year
