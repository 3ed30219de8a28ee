-- Detected outliers, rule 'dominant_record': one UNODC IDS seizure record holding most of a region's yearly
-- kilograms. Recorded as caveats on the country, year and indicator ids_seizure_quantity_kg (so they show on
-- every region holding the country), never removed. $1 DOMINANT_SHARE, $2 DOMINANT_MIN_RECORDS.
INSERT INTO wh.caveats BY NAME
WITH rec AS (
    SELECT source_id, line, iso3, year, drug, amount, unit, quantity_kg
    FROM wh.drug_seizure_records WHERE quantity_kg > 0
), tot AS (
    SELECT m.scheme, m.region, r.year, sum(r.quantity_kg::DECIMAL(38, 6))::DOUBLE AS total, count(*) AS n
    FROM rec r JOIN wh.region_members m USING (iso3) GROUP BY ALL
), hits AS (
    SELECT r.*, t.scheme, t.region, r.quantity_kg / t.total AS share
    FROM rec r JOIN wh.region_members m USING (iso3)
    JOIN tot t ON t.scheme = m.scheme AND t.region = m.region AND t.year = r.year
    WHERE t.n >= $2 AND r.quantity_kg >= $1 * t.total
), per_record AS (
    SELECT source_id, line, iso3, year, any_value(drug) AS drug, any_value(amount) AS amount,
           any_value(unit) AS unit, any_value(quantity_kg) AS quantity_kg,
           coalesce(max(share) FILTER (WHERE scheme = 'world'), max(share)) AS share,
           string_agg(region || ' ' || round(100 * share)::INTEGER || '%', ', '
                      ORDER BY scheme = 'world' DESC, share DESC, region) AS regions
    FROM hits GROUP BY source_id, line, iso3, year
)
SELECT 'outlier_ids_kg_' || lower(p.iso3) || '_' || p.year || '_line_' || p.line AS caveat_id, p.source_id,
       'ids_seizure_quantity_kg' AS indicator_id, p.iso3, p.year AS year_from, p.year AS year_to, 'outlier' AS kind,
       'One seizure record reported by ' || c.name || ' in ' || p.year || ' (' || p.drug || ', '
           || format('{:,.0f}', p.amount) || ' ' || p.unit || ') holds most of the year''s kilograms of '
           || p.regions || '. Kept as reported; flagged by the ETL.' AS text,
       s.title || ' (' || s.file || ', line ' || p.line || '); flagged by the project''s ETL, rule dominant_record '
           || '(see etl_settings)' AS citation,
       true AS detected, 'etl' AS listed_in, 'dominant_record' AS rule, p.quantity_kg AS value, NULL AS low,
       NULL AS high, p.share
FROM per_record p JOIN wh.countries c USING (iso3) JOIN wh.sources s USING (source_id)
ORDER BY caveat_id
