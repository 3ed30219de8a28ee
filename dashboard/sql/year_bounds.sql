-- The span of years the app's year ranges offer: from the first to the last year with a value of any crime
-- indicator (context series such as population, which reach back to 1960, are left out) or with an operation.
WITH spans AS (
    SELECT first_year AS y0, last_year AS y1 FROM indicators WHERE goal_id IS NOT NULL
    UNION ALL
    SELECT min(year), max(year) FROM operations
)
SELECT min(y0)::INTEGER AS first_year, max(y1)::INTEGER AS last_year FROM spans
