SELECT sex, age, count(*) AS n FROM indicator_values WHERE indicator_id = ? AND preferred
GROUP BY sex, age ORDER BY sex <> 'Total', sex, age <> 'Total', age
