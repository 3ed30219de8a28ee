-- Every (indicator, source) pair: which is preferred and what each covers, for comparing editions.
INSERT INTO wh.indicator_sources BY NAME
WITH vals AS (
    SELECT indicator_id, source_id, count(*)::BIGINT AS values_count,
           count(*) FILTER (WHERE preferred)::BIGINT AS values_preferred,
           count(DISTINCT iso3)::INTEGER AS countries_with_data, min(year) AS first_year, max(year) AS last_year
    FROM wh.indicator_values GROUP BY ALL
), est AS (
    SELECT indicator_id, source_id, count(*)::BIGINT AS publisher_estimates
    FROM wh.publisher_estimates GROUP BY ALL
)
SELECT p.indicator_id, p.source_id, p.preferred, p.rank::INTEGER AS rank, s.retrieved,
       coalesce(v.values_count, 0) AS values_count, coalesce(v.values_preferred, 0) AS values_preferred,
       coalesce(e.publisher_estimates, 0) AS publisher_estimates, v.countries_with_data, v.first_year, v.last_year
FROM pref p JOIN wh.sources s USING (source_id)
LEFT JOIN vals v USING (indicator_id, source_id) LEFT JOIN est e USING (indicator_id, source_id)
ORDER BY p.indicator_id, p.rank
