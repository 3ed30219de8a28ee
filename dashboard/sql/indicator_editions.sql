-- Indicators given by more than one source (editions side by side), each source with what it covers.
SELECT s.indicator_id, i.name AS indicator, s.source_id, src.title, src.publisher, s.preferred, s.rank,
       s.retrieved, s.values_count, s.countries_with_data, s.first_year, s.last_year
FROM indicator_sources s
JOIN indicators i USING (indicator_id)
JOIN sources src ON src.source_id = s.source_id
WHERE i.sources_count > 1
ORDER BY i.name, s.indicator_id, s.rank
