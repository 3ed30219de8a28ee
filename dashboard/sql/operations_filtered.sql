-- Operations matching the Operations page filters, oldest first.
-- $1 goal_id ('' = any goal); $2 crime-area tags (empty list = any; an operation's tags are its crime_area
-- split on ' / ' without the parenthesis); $3 region scheme; $4 regions of that scheme; $5 restrict by region
-- (false = every operation, including those whose countries are not listed); $6 first year, $7 last year
-- (operations whose start..end years overlap the range); $8 lower-case search terms (empty list = any; an
-- operation matches when its name, id, crime area or place contains any term).
WITH ops AS (
    SELECT o.operation_id, o.name, o.start_date, o.end_date, o.announced_date, o.date_precision, o.year,
           o.crime_area, o.goal_id, g.short_name AS goal_name, o.lead, o.regions, o.source_id, o.source_url,
           list_transform(string_split(regexp_replace(coalesce(o.crime_area, ''), '\s*\(.*\)', ''), ' / '),
                          lambda x: trim(x)) AS areas,
           (SELECT count(*) FROM operation_countries oc WHERE oc.operation_id = o.operation_id) AS countries_listed
    FROM operations o LEFT JOIN goals g USING (goal_id)
)
SELECT * FROM ops o
WHERE ($1 = '' OR o.goal_id = $1)
  AND (len($2) = 0 OR list_has_any(o.areas, $2))
  AND (NOT $5 OR EXISTS (
        SELECT 1 FROM operation_countries oc JOIN region_members m ON m.iso3 = oc.iso3
        WHERE oc.operation_id = o.operation_id AND m.scheme = $3 AND list_contains($4, m.region)))
  AND year(o.start_date) <= $7 AND year(coalesce(o.end_date, o.start_date)) >= $6
  AND (len($8) = 0 OR list_bool_or(list_transform($8, lambda t: contains(
        lower(o.name || ' ' || o.operation_id || ' ' || coalesce(o.crime_area, '') || ' ' || coalesce(o.regions, '')),
        t))))
ORDER BY o.start_date, o.name
