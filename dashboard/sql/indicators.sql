SELECT i.*, g.short_name AS goal_name, s.title AS source_title, s.publisher AS source_publisher,
       s.url AS source_url, s.license AS source_license, s.synthetic
FROM indicators i
LEFT JOIN goals g ON g.goal_id = i.goal_id
JOIN sources s ON s.source_id = i.source_id
ORDER BY i.goal_id NULLS LAST, i.name
