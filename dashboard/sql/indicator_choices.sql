-- Indicators in picker order, one row each (the columns of indicators.sql and three more): goal_key (the goal,
-- or 'context' for a series that serves none), is_default ($1, the app's default indicator) and name_repeats
-- (another indicator of the same goal has the same name, e.g. a count and its rate). Within a goal: the default
-- first, then preferred sources, then alternative ones, each by name.
WITH ind AS (
    SELECT i.*, g.short_name AS goal_name, s.title AS source_title, s.publisher AS source_publisher,
           s.url AS source_url, s.license AS source_license, s.synthetic,
           coalesce(i.goal_id, 'context') AS goal_key
    FROM indicators i
    LEFT JOIN goals g ON g.goal_id = i.goal_id
    JOIN sources s ON s.source_id = i.source_id
)
SELECT *, indicator_id = $1 AS is_default, count(*) OVER (PARTITION BY goal_key, name) > 1 AS name_repeats
FROM ind
ORDER BY goal_key, is_default DESC, preferred DESC, name, measure, indicator_id
