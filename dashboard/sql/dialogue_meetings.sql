SELECT d.*, c.name AS country FROM dialogue_meetings d LEFT JOIN countries c USING (iso3)
ORDER BY d.start_date NULLS LAST, d.edition
