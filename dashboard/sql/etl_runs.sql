SELECT * FROM etl_runs ORDER BY started_at DESC
