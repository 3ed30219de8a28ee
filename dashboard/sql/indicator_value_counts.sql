-- Values per indicator (the benchmarks pick the heaviest synthetic series with it).
SELECT indicator_id, count(*) AS n FROM indicator_values GROUP BY ALL ORDER BY n DESC, indicator_id
