-- A source is preferred when it is the preferred source of every indicator it gives (trivially so when it
-- shares none, and for reference tables).
UPDATE wh.sources s SET preferred = coalesce(p.all_preferred, true)
FROM (SELECT s2.source_id, bool_and(i.preferred) AS all_preferred
      FROM wh.sources s2 LEFT JOIN wh.indicator_sources i USING (source_id) GROUP BY ALL) p
WHERE s.source_id = p.source_id
