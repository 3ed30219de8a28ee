-- One row per indicator (from the frame __ind: its preferred source's metadata and the goal mapping), with
-- coverage figures over the preferred values.
INSERT INTO wh.indicators BY NAME
SELECT i.*, coalesce(s.has_breakdown, false) AS has_breakdown, s.first_year, s.last_year,
       s.countries_with_data, coalesce(n.sources_count, 1) AS sources_count
FROM __ind i
LEFT JOIN (
    SELECT indicator_id, bool_or(sex <> 'Total' OR age <> 'Total') AS has_breakdown,
           min(year) AS first_year, max(year) AS last_year, count(DISTINCT iso3)::INTEGER AS countries_with_data
    FROM wh.indicator_values WHERE preferred GROUP BY indicator_id
) s USING (indicator_id)
LEFT JOIN (SELECT indicator_id, count(*)::INTEGER AS sources_count FROM pref GROUP BY ALL) n USING (indicator_id)
ORDER BY indicator_id
