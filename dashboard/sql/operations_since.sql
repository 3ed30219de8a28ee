-- Operations reported on or after a date: announced then (or, without an announcement date, ended or started
-- then), newest first, with how many figures their sources publish. $1 the date
SELECT o.operation_id, o.name, o.start_date, o.end_date, o.announced_date, o.date_precision, o.year,
       o.crime_area, o.goal_id, o.lead, o.regions, o.source_url,
       coalesce(o.announced_date, o.end_date, o.start_date) AS reported,
       (SELECT count(*) FROM operation_countries oc WHERE oc.operation_id = o.operation_id) AS countries_listed,
       (SELECT count(*) FROM operation_results r WHERE r.operation_id = o.operation_id) AS figures
FROM operations o
WHERE coalesce(o.announced_date, o.end_date, o.start_date) >= $1::DATE
ORDER BY reported DESC, o.name
