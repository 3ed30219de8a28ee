-- One row per indicator (from the frame __ind: its preferred source's metadata and the editorial mapping), with
-- coverage figures over the preferred values, and how its breakdowns aggregate: a rate's sex and age groups
-- need the group's own population, which only a count of the same group beside it gives (<stem>_count).
INSERT INTO wh.indicators BY NAME
SELECT i.*, coalesce(s.has_breakdown, false) AS has_breakdown, s.first_year, s.last_year,
       s.countries_with_data, coalesce(s.countries_with_total, 0) AS countries_with_total,
       coalesce(n.sources_count, 1) AS sources_count,
       CASE WHEN NOT coalesce(s.has_breakdown, false) THEN NULL
            WHEN i.aggregation <> 'population_weighted_mean' THEN 'not_needed'
            WHEN c.indicator_id IS NOT NULL THEN 'group_population'
            ELSE 'unavailable' END AS breakdown_weight
FROM __ind i
LEFT JOIN (
    SELECT indicator_id, bool_or(sex <> 'Total' OR age <> 'Total') AS has_breakdown,
           min(year) AS first_year, max(year) AS last_year, count(DISTINCT iso3)::INTEGER AS countries_with_data,
           count(DISTINCT iso3) FILTER (WHERE sex = 'Total' AND age = 'Total')::INTEGER AS countries_with_total
    FROM wh.indicator_values WHERE preferred GROUP BY indicator_id
) s USING (indicator_id)
LEFT JOIN (SELECT indicator_id, count(*)::INTEGER AS sources_count FROM pref GROUP BY ALL) n USING (indicator_id)
LEFT JOIN (
    SELECT DISTINCT regexp_replace(indicator_id, '_count$', '_rate') AS indicator_id FROM wh.indicator_values
    WHERE preferred AND (sex <> 'Total' OR age <> 'Total') AND suffix(indicator_id, '_count')
) c USING (indicator_id)
ORDER BY indicator_id
