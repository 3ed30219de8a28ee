SELECT DISTINCT year FROM indicator_values WHERE indicator_id = ? ORDER BY year
