SELECT oc.operation_id, o.name AS operation, oc.iso3, c.name AS country, c.un_region, c.un_subregion
FROM operation_countries oc JOIN operations o USING (operation_id) JOIN countries c USING (iso3)
ORDER BY o.name, c.name
