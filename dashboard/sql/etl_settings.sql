-- The coverage and outlier rules the ETL applied (name, value, description).
SELECT name, value, description FROM etl_settings ORDER BY name
