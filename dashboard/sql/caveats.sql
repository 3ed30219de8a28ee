-- Every caveat (the Data page's list), with the country's name: what the sources say about themselves first,
-- then the outliers the ETL detected.
SELECT c.*, n.name AS country
FROM caveats c LEFT JOIN countries n ON n.iso3 = c.iso3
ORDER BY c.detected, c.source_id NULLS FIRST, c.indicator_id NULLS FIRST, c.year_from NULLS FIRST, c.caveat_id
