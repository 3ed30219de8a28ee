-- Per country: in how many of the given operations ($1: list of operation ids) it is listed as taking part,
-- and which (names joined with '; ').
SELECT oc.iso3, c.name AS country, count(*) AS operations,
       string_agg(o.name, '; ' ORDER BY o.start_date, o.name) AS operation_names
FROM operation_countries oc JOIN operations o USING (operation_id) JOIN countries c USING (iso3)
WHERE list_contains($1, oc.operation_id)
GROUP BY oc.iso3, c.name
ORDER BY c.name
