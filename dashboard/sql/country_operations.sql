-- The operations whose sources list a country among the participants, newest first. $1 ISO3 code
SELECT o.operation_id, o.name, o.start_date, o.end_date, o.date_precision, o.year, o.crime_area, o.goal_id,
       o.lead, o.regions, o.source_url,
       (SELECT count(*) FROM operation_countries x WHERE x.operation_id = o.operation_id) AS countries_listed
FROM operations o
WHERE o.operation_id IN (SELECT operation_id FROM operation_countries WHERE iso3 = $1)
ORDER BY o.start_date DESC, o.name
