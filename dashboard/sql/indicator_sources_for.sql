-- Every source of one indicator (indicator_sources) with its provenance, licence and coverage, the preferred
-- one first. $1 indicator
SELECT x.source_id, s.title, s.publisher, s.url, s.license, s.retrieved, s.redistribution,
       s.redistribution_note, s.notes, s.synthetic, x.preferred, x.values_count, x.values_preferred,
       x.publisher_estimates, x.countries_with_data, x.first_year, x.last_year
FROM indicator_sources x JOIN sources s USING (source_id)
WHERE x.indicator_id = $1
ORDER BY x.preferred DESC, x.rank, x.source_id
