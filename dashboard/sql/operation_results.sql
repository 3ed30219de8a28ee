SELECT r.operation_id, o.name AS operation, o.start_date, o.goal_id, r.metric, r.value, r.unit, r.qualifier,
       r.source_url
FROM operation_results r JOIN operations o USING (operation_id)
ORDER BY o.start_date DESC, r.operation_id, r.metric
