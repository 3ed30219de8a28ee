-- Operations of one goal that started within the years, as dated chart markers: date, label (the name without
-- its leading 'Operation'), name. $1 goal_id, $2/$3 years; $4 region scheme, $5 regions of that scheme, $6
-- restrict by region (false: every operation of the goal; true: those listing a participating country in one
-- of the regions).
SELECT o.start_date AS date, regexp_replace(o.name, '^Operation\s+', '') AS label, o.name
FROM operations o
WHERE o.goal_id = $1 AND o.year BETWEEN $2 AND $3
  AND (NOT $6 OR EXISTS (
        SELECT 1 FROM operation_countries oc JOIN region_members m ON m.iso3 = oc.iso3
        WHERE oc.operation_id = o.operation_id AND m.scheme = $4 AND list_contains($5, m.region)))
ORDER BY o.start_date, o.name
