-- Operations take their goal from the one crime-area mapping (crime_areas), like indicators: the first area
-- listed in crime_area ('human trafficking / migrant smuggling' -> human trafficking) without its qualifier in
-- parentheses gives goal_id; a second area's goal is kept as second_goal_id where it differs. The mapping wins
-- over operations.csv's related_goal, which stays in its own column and is the goal only where the area is
-- not mapped.
UPDATE wh.operations o
SET primary_area = u.primary_area, second_area = u.second_area, goal_id = coalesce(u.goal1, o.related_goal),
    second_goal_id = CASE WHEN u.goal2 <> coalesce(u.goal1, o.related_goal) THEN u.goal2 END
FROM (
    SELECT p.operation_id, p.primary_area, p.second_area, a1.goal_id AS goal1, a2.goal_id AS goal2
    FROM (
        SELECT operation_id,
               nullif(trim(regexp_replace(split_part(crime_area, ' / ', 1), '\s*\(.*$', '')), '') AS primary_area,
               nullif(trim(regexp_replace(split_part(crime_area, ' / ', 2), '\s*\(.*$', '')), '') AS second_area
        FROM wh.operations
    ) p
    LEFT JOIN wh.crime_areas a1 ON lower(a1.crime_area) = lower(p.primary_area)
    LEFT JOIN wh.crime_areas a2 ON lower(a2.crime_area) = lower(p.second_area)
) u
WHERE o.operation_id = u.operation_id
