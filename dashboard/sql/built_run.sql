-- The ETL run that built this warehouse: the latest successful one.
SELECT run_id FROM etl_runs WHERE status = 'success' ORDER BY started_at DESC LIMIT 1
