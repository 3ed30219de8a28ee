-- Rejected input rows of one ETL run, by source and reason: how many records and lines, and where in the file.
SELECT r.source_id, r.file, r.reason, count(*) AS records, count(DISTINCT r.line) AS lines,
       min(r.line) AS first_line, max(r.line) AS last_line
FROM rejects r
WHERE r.run_id = ?
GROUP BY ALL ORDER BY r.source_id, records DESC, r.reason
