-- Countries ranked by their value of one indicator in one year (preferred source), highest first, each with
-- its rank among the reporting countries of its UN region and subregion and how many of them report.
-- $1 indicator, $2 year, $3 sex, $4 age
WITH v AS (
    SELECT v.iso3, c.name AS country, c.un_region, c.un_subregion, v.value, v.source_id
    FROM indicator_values v JOIN countries c USING (iso3)
    WHERE v.indicator_id = $1 AND v.year = $2 AND v.sex = $3 AND v.age = $4 AND v.preferred
), sizes AS (
    SELECT region, count(*) AS countries FROM region_members WHERE scheme = 'un_subregion' GROUP BY region
)
SELECT rank() OVER (ORDER BY v.value DESC) AS rank, v.iso3, v.country, v.un_region, v.un_subregion, v.value,
       v.source_id,
       rank() OVER (PARTITION BY v.un_region ORDER BY v.value DESC) AS region_rank,
       count(*) OVER (PARTITION BY v.un_region) AS region_reporting,
       rank() OVER (PARTITION BY v.un_subregion ORDER BY v.value DESC) AS subregion_rank,
       count(*) OVER (PARTITION BY v.un_subregion) AS subregion_reporting,
       s.countries AS subregion_countries,
       count(*) OVER () AS reporting
FROM v LEFT JOIN sizes s ON s.region = v.un_subregion
ORDER BY rank, v.country
