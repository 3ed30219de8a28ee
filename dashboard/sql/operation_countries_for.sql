-- Participating countries of the given operations ($1: list of operation ids), where sources list them.
SELECT oc.operation_id, o.name AS operation, oc.iso3, c.name AS country, c.un_region, c.un_subregion
FROM operation_countries oc JOIN operations o USING (operation_id) JOIN countries c USING (iso3)
WHERE list_contains($1, oc.operation_id)
ORDER BY o.start_date, o.name, c.name
