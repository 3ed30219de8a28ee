-- Every long row of one source, resolved and checked. Placeholders (filled by staging/__init__.py with the
-- ETL's own SQL, never with data): {k} source number, {long} the layout's long view, {sex} {age} {recode}
-- the breakdown expressions and their optional recode join, {suffix_all}, {check_no} {reason} {column}.
-- A row passes when reason IS NULL; it is then a country value (iso3) or a publisher aggregate routed to a
-- warehouse region (scheme, region).
CREATE OR REPLACE TABLE chk_{k} AS
WITH base AS (
    SELECT l.line, l.cell, l.indicator_raw, l.name_raw, l.unit_raw, l.key_extra,
           {sex} AS sex, {age} AS age,
           g.iso3, g.scheme, g.region, g.geo_reason,
           u.measure, u.suffix, u.lo, u.hi,
           trim(l.value_raw) AS v, trim(l.year_raw) AS y
    FROM {long} l
    LEFT JOIN geo_{k} g ON g.iso3_raw = coalesce(l.iso3_raw, '') AND g.country_raw = coalesce(l.country_raw, '')
    LEFT JOIN units_{k} u ON u.unit_raw IS NOT DISTINCT FROM l.unit_raw
    {recode}
), multi AS (
    -- an indicator given in several units gets the unit's suffix (e.g. _count and _rate)
    SELECT indicator_raw FROM (SELECT DISTINCT indicator_raw, unit_raw FROM {long}
                               WHERE coalesce(trim(unit_raw), '') <> '')
    GROUP BY indicator_raw HAVING count(*) > 1
), parsed AS (
    SELECT b.*,
        -- plain numbers cast directly (nan/inf spelled out are not numbers); '1,234' style second
        CASE WHEN NOT contains(lower(v), 'n') AND TRY_CAST(v AS DOUBLE) IS NOT NULL THEN TRY_CAST(v AS DOUBLE)
             WHEN contains(v, ',') AND regexp_full_match(v, '{thousands}')
             THEN TRY_CAST(replace(v, ',', '') AS DOUBLE)
        END AS value,
        CASE WHEN length(y) = 4 THEN TRY_CAST(y AS INTEGER)
             WHEN regexp_full_match(y, '[0-9]{{4}}\.0+') THEN TRY_CAST(left(y, 4) AS INTEGER)
        END AS year,
        CASE WHEN {suffix_all} OR m.indicator_raw IS NOT NULL THEN b.indicator_raw || '_' || b.suffix
             ELSE b.indicator_raw END AS indicator_id
    FROM base b LEFT JOIN multi m USING (indicator_raw)
), checked AS (
    SELECT *, {check_no} AS check_no FROM parsed
)
SELECT line, cell, indicator_id, iso3, scheme, region, year, sex, age, value, key_extra, name_raw, unit_raw,
       measure, {reason} AS reason, {column} AS column_name
FROM checked
