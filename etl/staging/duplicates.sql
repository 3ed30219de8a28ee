-- Duplicates among the rows of source {k} that passed every check: rows with identical values keep the
-- first line; a key with conflicting values loses all its rows. A country value's key is (indicator, iso3,
-- year, sex, age); a routed aggregate's is its region's; key_extra separates rows the sidecar sums.
CREATE OR REPLACE TABLE dup_{k} AS
WITH passed AS (
    SELECT line, cell, indicator_id, coalesce(iso3, scheme || ':' || region) AS place, year, sex, age,
           key_extra, value
    FROM chk_{k} WHERE reason IS NULL
), keys AS (
    SELECT indicator_id, place, year, sex, age, key_extra FROM passed GROUP BY ALL HAVING count(*) > 1
), rows AS (
    SELECT p.* FROM passed p SEMI JOIN keys USING (indicator_id, place, year, sex, age, key_extra)
), grp AS (
    SELECT indicator_id, place, year, sex, age, key_extra, count(DISTINCT value) AS nv,
           min(line) AS first_line, string_agg(line::VARCHAR, ', ' ORDER BY line) AS lines
    FROM rows GROUP BY ALL
)
SELECT r.line, r.cell,
       CASE WHEN g.nv > 1 THEN 'duplicate key with conflicting values (lines ' || left(g.lines, 200) || ')'
            ELSE 'exact duplicate of line ' || g.first_line END AS reason
FROM rows r JOIN grp g USING (indicator_id, place, year, sex, age, key_extra)
WHERE g.nv > 1 OR r.line <> g.first_line
