SELECT DISTINCT year FROM indicator_values WHERE indicator_id = ? AND preferred ORDER BY year
