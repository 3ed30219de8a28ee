-- Countries reporting each indicator each year, per sex and age: the preferred values the app shows.
INSERT INTO wh.indicator_year_counts BY NAME
SELECT indicator_id, year, sex, age, count(DISTINCT iso3)::INTEGER AS countries
FROM wh.indicator_values
WHERE preferred
GROUP BY ALL
ORDER BY ALL
