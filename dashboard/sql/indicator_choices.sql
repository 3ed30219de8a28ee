-- Indicators in picker order, one row each (the columns of indicators.sql and four more): technical (the ETL's
-- indicators.series_kind: a series that describes another one rather than measuring crime: a rank, a number of
-- sources, a standard error; no regional values), goal_key (the goal; 'technical' for technical series, grouped
-- apart and out of the goals' lists; 'context' for a series that serves no goal), is_default ($1, the app's default
-- indicator) and name_repeats (another indicator of the same group has the same name, e.g. a count and its
-- rate). Within a group: the default first, then preferred sources, then alternative ones, each by name.
WITH ind AS (
    SELECT i.*, g.short_name AS goal_name, s.title AS source_title, s.publisher AS source_publisher,
           s.url AS source_url, s.license AS source_license, s.retrieved AS source_retrieved, s.synthetic,
           coalesce(i.series_kind = 'technical', false) AS technical
    FROM indicators i
    LEFT JOIN goals g ON g.goal_id = i.goal_id
    JOIN sources s ON s.source_id = i.source_id
), keyed AS (
    SELECT *, CASE WHEN technical THEN 'technical' ELSE coalesce(goal_id, 'context') END AS goal_key FROM ind
)
SELECT *, indicator_id = $1 AS is_default, count(*) OVER (PARTITION BY goal_key, name) > 1 AS name_repeats
FROM keyed
ORDER BY goal_key = 'technical', goal_key, is_default DESC, preferred DESC, name, measure, indicator_id
