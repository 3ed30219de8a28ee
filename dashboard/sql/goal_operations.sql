-- Operations of one goal that started within the years, as dated chart markers: date, label (the name without
-- its leading 'Operation'), name. $1 goal_id, $2/$3 years
SELECT o.start_date AS date, regexp_replace(o.name, '^Operation\s+', '') AS label, o.name
FROM operations o
WHERE o.goal_id = $1 AND o.year BETWEEN $2 AND $3
ORDER BY o.start_date, o.name
