-- One indicator's country values from two sources side by side ($2: the first, $3: the second), on every
-- country, year, sex and age either gives; difference = second - first where both give a value.
WITH a AS (SELECT iso3, year, sex, age, value FROM indicator_values WHERE indicator_id = $1 AND source_id = $2),
     b AS (SELECT iso3, year, sex, age, value FROM indicator_values WHERE indicator_id = $1 AND source_id = $3)
SELECT iso3, c.name AS country, year, sex, age, a.value AS value_first, b.value AS value_second,
       b.value - a.value AS difference
FROM a FULL JOIN b USING (iso3, year, sex, age)
LEFT JOIN countries c USING (iso3)
ORDER BY year, country, iso3, sex, age
