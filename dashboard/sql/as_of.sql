SELECT max(finished_at) AS as_of FROM etl_runs WHERE status = 'success'
