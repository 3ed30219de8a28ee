-- The country rows region values are made of, written to scratch tables (on disk, so that the aggregates of
-- region_values.sql have the memory): rv_counted, the rows a region value counts with each country's own
-- previous and next counted years; rv_not_weighted, per region-year the reporting countries a weighted mean
-- cannot count (no weight). See region_values.sql for the rules. Needs the temp tables of region_base.sql.
CREATE OR REPLACE TABLE rv_vals AS
WITH meta AS (
    SELECT indicator_id, aggregation FROM wh.indicators WHERE aggregation <> 'none'
), group_counts AS (
    SELECT regexp_replace(indicator_id, '_count$', '_rate') AS indicator_id, iso3, year, sex, age, value AS cnt
    FROM wh.indicator_values
    WHERE preferred AND (sex <> 'Total' OR age <> 'Total') AND suffix(indicator_id, '_count')
), vals AS (
    SELECT v.indicator_id, v.iso3, v.year, v.sex, v.age, v.value, m.aggregation, p.pop,
        CASE WHEN m.aggregation <> 'population_weighted_mean' THEN NULL
             WHEN v.sex = 'Total' AND v.age = 'Total' THEN p.pop
             WHEN v.value > 0 AND c.cnt > 0 THEN c.cnt / v.value * 100000 END AS w
    FROM wh.indicator_values v JOIN meta m USING (indicator_id)
    LEFT JOIN rv_pop p USING (iso3, year)
    LEFT JOIN group_counts c USING (indicator_id, iso3, year, sex, age)
    WHERE v.preferred
)
SELECT * FROM vals;
CREATE OR REPLACE TABLE rv_counted AS
-- the rows a region value counts, each with the country's own previous and next counted years
    SELECT indicator_id, iso3, year, sex, age, aggregation, value, w, pop,
           lag(year) OVER s AS c_prev, lead(year) OVER s AS c_next
    FROM rv_vals WHERE aggregation <> 'population_weighted_mean' OR w IS NOT NULL
    WINDOW s AS (PARTITION BY indicator_id, iso3, sex, age ORDER BY year);
CREATE OR REPLACE TABLE rv_not_weighted AS
WITH weighted_groups AS (
    SELECT DISTINCT indicator_id, sex, age FROM rv_vals WHERE aggregation = 'population_weighted_mean' AND w IS NOT NULL
), not_weighted AS (
    SELECT m.scheme, m.region, v.indicator_id, v.year, v.sex, v.age, count(*)::INTEGER AS n
    FROM rv_vals v SEMI JOIN weighted_groups USING (indicator_id, sex, age)
    JOIN wh.region_members m USING (iso3)
    WHERE v.aggregation = 'population_weighted_mean' AND v.w IS NULL
    GROUP BY ALL
)
SELECT * FROM not_weighted;
DROP TABLE rv_vals;
