SELECT o.operation_id, o.name, o.start_date, o.end_date, o.announced_date, o.date_precision, o.year,
       o.crime_area, o.goal_id, g.short_name AS goal_name, o.lead, o.regions, o.source_id, o.source_url,
       (SELECT count(*) FROM operation_countries oc WHERE oc.operation_id = o.operation_id) AS countries_listed
FROM operations o LEFT JOIN goals g USING (goal_id)
ORDER BY o.start_date DESC, o.name
