-- What every region value needs, as temp tables: country population (World Bank, preferred), each region's
-- population per year and its number of member countries. Dropped after region_values is written.
CREATE OR REPLACE TEMP TABLE rv_pop AS
SELECT iso3, year, value AS pop FROM wh.indicator_values
WHERE indicator_id = 'population_total' AND sex = 'Total' AND age = 'Total' AND preferred;
CREATE OR REPLACE TEMP TABLE rv_region_pop AS
SELECT m.scheme, m.region, p.year, sum(p.pop::DECIMAL(38, 0)) AS pop_total
FROM wh.region_members m JOIN rv_pop p USING (iso3) GROUP BY ALL;
CREATE OR REPLACE TEMP TABLE rv_region_size AS
SELECT scheme, region, count(*)::INTEGER AS countries_total FROM wh.region_members GROUP BY ALL;
