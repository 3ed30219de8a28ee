-- UNODC Individual Drug Seizures: every record of source {k} resolved and checked, then de-duplicated.
-- A record that repeats another on country, seizure date, drug name, amount and unit is the same seizure
-- reported twice (with and without routing): the most complete one is kept (then the first line), the
-- others are rejected as duplicates. Placeholders: {k}, {max_year}, {filled} (the ETL's own SQL).
CREATE OR REPLACE TABLE ids_chk_{k} AS
WITH base AS (
    SELECT r.__line AS line, g.iso3, g.geo_reason, trim(r.SEIZURE_DATE) AS d,
           TRY_CAST(trim(r.SEIZURE_DATE) AS DATE) AS seizure_date, nullif(trim(r.DRUG_NAME), '') AS drug,
           trim(r.AMOUNT) AS a, TRY_CAST(trim(r.AMOUNT) AS DOUBLE) AS amount,
           nullif(trim(r.DRUG_UNIT), '') AS unit, {filled} AS filled,
           nullif(trim(r.REGION), '') AS region, nullif(trim(r.SUBREGION), '') AS subregion,
           nullif(trim(r.ADMINISTRATIVE_DIVISION), '') AS administrative_division, nullif(trim(r.PLACE), '') AS place,
           nullif(trim(r.HIDING_PLACE), '') AS hiding_place, nullif(trim(r.INSTALLATION), '') AS installation,
           nullif(trim(r.TRANSPORT), '') AS transport, nullif(trim(r.PRODUCING_COUNTRY), '') AS producing_country,
           nullif(trim(r.DEPARTURE_COUNTRY), '') AS departure_country,
           nullif(trim(r.DESTINATION_COUNTRY), '') AS destination_country, nullif(trim(r.ROUTING), '') AS routing
    FROM raw_{k} r
    LEFT JOIN geo_{k} g ON g.iso3_raw = '' AND g.country_raw = coalesce(r.COUNTRY, '')
), checked AS (
    SELECT *,
        CASE WHEN geo_reason IS NOT NULL THEN geo_reason
             WHEN seizure_date IS NULL THEN 'unparseable seizure date ''' || left(coalesce(d, ''), 40) || ''''
             WHEN year(seizure_date) < 1950 OR year(seizure_date) > {max_year}
                 THEN 'seizure date out of range (' || d || ')'
             WHEN drug IS NULL THEN 'missing drug name'
             WHEN coalesce(a, '') = '' THEN 'missing amount'
             WHEN amount IS NULL OR isnan(amount) OR isinf(amount) THEN 'not a number: ''' || left(a, 40) || ''''
             WHEN amount < 0 THEN 'negative amount (' || left(a, 40) || ')'
             WHEN unit IS NULL THEN 'missing unit'
        END AS reason,
        CASE WHEN geo_reason IS NOT NULL THEN 'COUNTRY' WHEN seizure_date IS NULL OR year(seizure_date) < 1950
             OR year(seizure_date) > {max_year} THEN 'SEIZURE_DATE' WHEN drug IS NULL THEN 'DRUG_NAME'
             WHEN unit IS NULL AND amount IS NOT NULL THEN 'DRUG_UNIT' ELSE 'AMOUNT' END AS column_name
    FROM base
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY iso3, seizure_date, drug, amount, lower(unit)
                                 ORDER BY filled DESC, line) AS copy
    FROM checked WHERE reason IS NULL
)
SELECT c.* EXCLUDE (reason, column_name, filled),
       coalesce(c.reason, CASE WHEN r.copy > 1 THEN 'duplicate: the same country, seizure date, drug, amount and '
                                                    'unit as a record kept' END) AS reason,
       CASE WHEN c.reason IS NULL AND r.copy > 1 THEN 'COUNTRY, SEIZURE_DATE, DRUG_NAME, AMOUNT, DRUG_UNIT'
            WHEN c.reason IS NOT NULL THEN c.column_name END AS column_name,
       CASE lower(c.unit) WHEN 'kilogram' THEN c.amount WHEN 'gram' THEN c.amount / 1000 END AS quantity_kg
FROM checked c LEFT JOIN ranked r USING (line)
