"""Staging of indicator sources, in DuckDB: resolve countries, cast, check every row, split loaded/rejected.

Input: a long table (see sources.indicators.LONG). Output tables for source number k:
  ok_k(indicator_id, iso3, year, sex, age, value, line, name_raw, unit_raw, measure)  view: one row per loaded row
  rej_k(line, column_name, reason)                                            view: one row per rejected input row
Checks run in the order of CHECKS; a row gets the first reason that applies.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass

import pandas as pd

from . import countries
from .paths import UNITS_FILE
from .sidecar import Sidecar
from .sources.indicators import lit

MIN_YEAR = 1950
NONNEG_MEASURES = ("count", "rate_per_100k", "quantity_kg", "population", "count_of_sources", "rank",
                   "standard_error", "score")

THOUSANDS = r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?"

#: (condition, reason expression, column) evaluated in order on the parsed rows.
CHECKS = [
    ("geo_reason IS NOT NULL", "geo_reason", "iso3"),
    ("coalesce(indicator_raw, '') = ''", "'missing indicator id'", "indicator_id"),
    ("coalesce(trim(unit_raw), '') = ''", "'missing unit'", "unit"),
    ("year IS NULL", "'unparseable year ''' || coalesce(y, '') || ''''", "year"),
    ("year < {min_year} OR year > {max_year}",
     "'year out of range (' || year || '; expected {min_year}-{max_year})'", "year"),
    ("coalesce(v, '') = ''", "'missing value'", "value"),
    ("value IS NULL AND (v LIKE '<%' OR v LIKE '>%')", "'censored value ''' || v || ''' is not a number'", "value"),
    ("value IS NULL", "'not a number: ''' || left(v, 40) || ''''", "value"),
    ("isnan(value) OR isinf(value)", "'not a finite number'", "value"),
    ("value < 0 AND measure IN ({nonneg})", "'negative value (' || v || ') for a ' || measure", "value"),
    ("lo IS NOT NULL AND (value < lo OR value > hi)",
     "'value ' || v || ' outside the score scale ' || lo || '-' || hi", "value"),
]


@dataclass(frozen=True)
class UnitRule:
    pattern: re.Pattern
    measure: str
    aggregation: str
    suffix: str


def unit_rules() -> list[UnitRule]:
    rules = tomllib.loads(UNITS_FILE.read_text(encoding="utf-8"))["rule"]
    return [UnitRule(re.compile(r["match"], re.I), r["measure"], r["aggregation"], r["suffix"]) for r in rules]


def classify_unit(unit: str | None, rules: list[UnitRule]) -> dict:
    text = unit.strip() if isinstance(unit, str) else ""     # an empty cell arrives as None or NaN
    for rule in rules:
        m = rule.pattern.search(text)
        if m:
            bounds = m.groupdict()
            lo, hi = bounds.get("lo"), bounds.get("hi")
            return {"unit_raw": unit, "measure": rule.measure, "aggregation": rule.aggregation,
                    "suffix": rule.suffix, "lo": float(lo) if lo else None, "hi": float(hi) if hi else None}
    raise AssertionError("units.toml must end with a catch-all rule")


def _geo_map(con, long_table: str) -> pd.DataFrame:
    pairs = con.execute(f"SELECT DISTINCT coalesce(iso3_raw, '') AS iso3_raw, coalesce(country_raw, '') "
                        f"AS country_raw FROM {long_table}").df()
    known = set(countries.reference()["iso3"])
    by_name = countries.names_to_iso3(sorted({c for c, i in zip(pairs.country_raw, pairs.iso3_raw)
                                              if not i.strip()}))
    iso3, reason = [], []
    for code, name in zip(pairs.iso3_raw, pairs.country_raw):
        code_u = code.strip().upper()
        if code_u:
            if code_u in known:
                iso3.append(code_u); reason.append(None)
            elif countries.SUBNATIONAL.match(code_u):
                iso3.append(None); reason.append(f"subnational unit '{code}' (not a country)")
            elif code_u.startswith("OWID_"):
                iso3.append(None); reason.append(f"aggregate '{code}' (not a country)")
            else:
                iso3.append(None); reason.append(f"unknown country code '{code}'")
        else:
            hit, why = by_name.get(name, (None, "missing country"))
            iso3.append(hit); reason.append(why)
    pairs["iso3"], pairs["geo_reason"] = iso3, reason
    return pairs


def _recode(expr: str, mapping: dict | None, default: str) -> str:
    base = f"coalesce(nullif(trim({expr}), ''), {lit(default)})"
    if not mapping:
        return base
    whens = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in mapping.items())
    return f"CASE {base} {whens} ELSE {base} END"


def stage(con, k: int, long_table: str, side: Sidecar, *, always_suffix: bool, run_year: int) -> None:
    """Create chk_k (every row, checked), dup_k, and the views ok_k (loaded) and rej_k (rejected)."""
    rules = unit_rules()
    units = pd.DataFrame([classify_unit(u, rules) for u in
                          con.execute(f"SELECT DISTINCT unit_raw FROM {long_table}").df()["unit_raw"]],
                         columns=["unit_raw", "measure", "aggregation", "suffix", "lo", "hi"])
    geo = _geo_map(con, long_table)
    con.register(f"units_df_{k}", units)
    con.register(f"geo_df_{k}", geo)
    suffix_all = "TRUE" if (always_suffix or side.opt("unit_suffix")) else "FALSE"
    recode = side.opt("recode", {})
    fmt = {"min_year": MIN_YEAR, "max_year": run_year, "nonneg": ", ".join(lit(m) for m in NONNEG_MEASURES)}
    check_no = "CASE " + " ".join(f"WHEN {c.format(**fmt)} THEN {i}" for i, (c, _, _) in enumerate(CHECKS)) + " END"
    reason = "CASE check_no " + " ".join(f"WHEN {i} THEN {r.format(**fmt)}" for i, (_, r, _) in enumerate(CHECKS)) + " END"
    column = "CASE check_no " + " ".join(f"WHEN {i} THEN {lit(col)}" for i, (_, _, col) in enumerate(CHECKS)) + " END"
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE chk_{k} AS
    WITH base AS (
        SELECT l.line, l.indicator_raw, l.name_raw, l.unit_raw, l.key_extra,
               {_recode('l.sex_raw', recode.get('sex'), 'Total')} AS sex,
               {_recode('l.age_raw', recode.get('age'), 'Total')} AS age,
               g.iso3::VARCHAR AS iso3, g.geo_reason::VARCHAR AS geo_reason, u.measure::VARCHAR AS measure,
               u.suffix::VARCHAR AS suffix, u.lo::DOUBLE AS lo, u.hi::DOUBLE AS hi,
               trim(l.value_raw) AS v, trim(l.year_raw) AS y
        FROM {long_table} l
        LEFT JOIN geo_df_{k} g ON g.iso3_raw = coalesce(l.iso3_raw, '')
                              AND g.country_raw = coalesce(l.country_raw, '')
        LEFT JOIN units_df_{k} u ON u.unit_raw IS NOT DISTINCT FROM l.unit_raw
    ), multi AS (
        SELECT indicator_raw FROM (SELECT DISTINCT indicator_raw, unit_raw FROM {long_table}
                                   WHERE coalesce(trim(unit_raw), '') <> '')
        GROUP BY indicator_raw HAVING count(*) > 1
    ), parsed AS (
        SELECT b.*,
            -- plain numbers cast directly (nan/inf spelled out are not numbers); '1,234' style second
            CASE WHEN NOT contains(lower(v), 'n') AND TRY_CAST(v AS DOUBLE) IS NOT NULL THEN TRY_CAST(v AS DOUBLE)
                 WHEN contains(v, ',') AND regexp_full_match(v, '{THOUSANDS}')
                 THEN TRY_CAST(replace(v, ',', '') AS DOUBLE)
            END AS value,
            CASE WHEN length(y) = 4 THEN TRY_CAST(y AS INTEGER)
                 WHEN regexp_full_match(y, '[0-9]{{4}}\\.0+') THEN TRY_CAST(left(y, 4) AS INTEGER)
            END AS year,
            CASE WHEN {suffix_all} OR m.indicator_raw IS NOT NULL THEN b.indicator_raw || '_' || b.suffix
                 ELSE b.indicator_raw END AS indicator_id
        FROM base b LEFT JOIN multi m USING (indicator_raw)
    ), checked AS (
        SELECT *, {check_no} AS check_no FROM parsed
    )
    SELECT line, indicator_id, iso3, year, sex, age, value, key_extra, name_raw, unit_raw, measure,
           {reason} AS reason, {column} AS column_name
    FROM checked
    """)
    con.unregister(f"units_df_{k}")
    con.unregister(f"geo_df_{k}")
    # Duplicates among rows that passed: identical values keep the first line; conflicting values lose all.
    con.execute(f"""
    CREATE OR REPLACE TEMP TABLE dup_{k} AS
    WITH passed AS (SELECT * FROM chk_{k} WHERE reason IS NULL),
    keys AS (
        SELECT indicator_id, iso3, year, sex, age, key_extra FROM passed GROUP BY ALL HAVING count(*) > 1
    ), rows AS (
        SELECT p.* FROM passed p SEMI JOIN keys USING (indicator_id, iso3, year, sex, age, key_extra)
    ), grp AS (
        SELECT indicator_id, iso3, year, sex, age, key_extra, count(DISTINCT value) AS nv, min(line) AS first_line,
               string_agg(line::VARCHAR, ', ' ORDER BY line) AS lines
        FROM rows GROUP BY ALL
    )
    SELECT r.line, r.indicator_id,
           CASE WHEN g.nv > 1 THEN 'duplicate key with conflicting values (lines ' || left(g.lines, 200) || ')'
                ELSE 'exact duplicate of line ' || g.first_line END AS reason
    FROM rows r JOIN grp g USING (indicator_id, iso3, year, sex, age, key_extra)
    WHERE g.nv > 1 OR r.line <> g.first_line
    """)
    con.execute(f"""
    CREATE OR REPLACE TEMP VIEW rej_{k} AS
    SELECT line, column_name, reason FROM chk_{k} WHERE reason IS NOT NULL
    UNION ALL
    SELECT line, 'indicator_id, iso3, year, sex, age' AS column_name, reason FROM dup_{k}
    """)
    has_dups = con.execute(f"SELECT count(*) FROM dup_{k}").fetchall()[0][0] > 0
    anti = f"ANTI JOIN dup_{k} d USING (line, indicator_id)" if has_dups else ""
    con.execute(f"""
    CREATE OR REPLACE TEMP VIEW ok_{k} AS
    SELECT c.* EXCLUDE (reason, column_name) FROM chk_{k} c {anti} WHERE c.reason IS NULL
    """)


def run_year() -> int:
    return dt.date.today().year
