-- Published results of the given operations ($1: list of operation ids), each with its own source page.
-- Victims, minors and arrests first, then the other metrics alphabetically.
SELECT r.operation_id, o.name AS operation, o.start_date, o.goal_id, r.metric, r.value, r.unit, r.qualifier,
       r.source_id, r.source_url
FROM operation_results r JOIN operations o USING (operation_id)
WHERE list_contains($1, r.operation_id)
ORDER BY o.start_date, o.name,
         CASE r.metric WHEN 'victims_rescued' THEN 0 WHEN 'minors_rescued' THEN 1 WHEN 'arrests' THEN 2 ELSE 3 END,
         r.metric
