SELECT g.goal_id, g.short_name, g.title, g.description, g.related_sdgs, g.source_id, g.source_url
FROM goals g ORDER BY g.goal_id
