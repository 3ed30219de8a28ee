-- How many countries report each indicator each year (sex and age Total, the preferred source): the most in
-- one year, the first year counted, and the counts as a list aligned on the years from that first year to the
-- last (0 where no country reports).
WITH counts AS (         -- the ETL's counts (indicator_year_counts), not a count over every value
    SELECT indicator_id, year, countries AS n
    FROM indicator_year_counts
    WHERE sex = 'Total' AND age = 'Total'
), per_indicator AS (
    SELECT indicator_id, min(year) AS y0, max(year) AS y1, max(n) AS most_countries FROM counts GROUP BY ALL
), grid AS (
    SELECT indicator_id, unnest(range(y0, y1 + 1)) AS year FROM per_indicator
), filled AS (
    SELECT g.indicator_id, list(coalesce(c.n, 0) ORDER BY g.year) AS countries_per_year
    FROM grid g LEFT JOIN counts c USING (indicator_id, year)
    GROUP BY ALL
)
SELECT p.indicator_id, p.most_countries, p.y0 AS count_first_year, f.countries_per_year
FROM per_indicator p JOIN filled f USING (indicator_id)
