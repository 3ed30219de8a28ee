"""The row checks of staging, declared once, and the unit rules (etl/units.toml).

CHECKS: (condition, reason expression, column) evaluated in order on the parsed rows; a row gets the first
reason that applies. Reasons quote at most a short excerpt of the offending field.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from ..paths import UNITS_FILE
from ..sql import literal

MIN_YEAR = 1950
NONNEG_MEASURES = ("count", "rate_per_100k", "quantity_kg", "population", "count_of_sources", "rank",
                   "standard_error", "score")
THOUSANDS = r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?"
ID_SQL = "[a-z][a-z0-9_]{{0,119}}"      # paths.ID_PATTERN, for SQL (braces doubled: CHECKS are formatted)

CHECKS = [
    ("geo_reason IS NOT NULL", "geo_reason", "iso3"),
    ("coalesce(indicator_raw, '') = ''",
     "CASE WHEN coalesce(name_raw, '') = '' THEN 'missing indicator id' "
     "ELSE 'no indicator id for ''' || left(name_raw, 80) || '''' END", "indicator_id"),
    (f"NOT regexp_full_match(indicator_id, '{ID_SQL}')",
     "'invalid indicator id ''' || left(indicator_id, 40) || ''' (lower-case letters, digits, _)'", "indicator_id"),
    ("coalesce(trim(unit_raw), '') = ''", "'missing unit'", "unit"),
    ("year IS NULL", "'unparseable year ''' || left(coalesce(y, ''), 40) || ''''", "year"),
    ("year < {min_year} OR year > {max_year}",
     "'year out of range (' || year || '; expected {min_year}-{max_year})'", "year"),
    ("coalesce(v, '') = ''", "'missing value'", "value"),
    ("value IS NULL AND (v LIKE '<%' OR v LIKE '>%')", "'censored value ''' || left(v, 40) || ''' is not a number'",
     "value"),
    ("value IS NULL", "'not a number: ''' || left(v, 40) || ''''", "value"),
    ("isnan(value) OR isinf(value)", "'not a finite number'", "value"),
    ("value < 0 AND measure IN ({nonneg})", "'negative value (' || left(v, 40) || ') for a ' || measure", "value"),
    ("lo IS NOT NULL AND (value < lo OR value > hi)",
     "'value ' || left(v, 40) || ' outside the score scale ' || lo || '-' || hi", "value"),
]


def case_sql(max_year: int) -> tuple[str, str, str]:
    """(check number, reason, column) as SQL CASE expressions over `checked`."""
    fmt = {"min_year": MIN_YEAR, "max_year": max_year, "nonneg": ", ".join(literal(m) for m in NONNEG_MEASURES)}
    number = "CASE " + " ".join(f"WHEN {c.format(**fmt)} THEN {i}" for i, (c, _, _) in enumerate(CHECKS)) + " END"
    reason = "CASE check_no " + " ".join(f"WHEN {i} THEN {r.format(**fmt)}"
                                         for i, (_, r, _) in enumerate(CHECKS)) + " END"
    column = "CASE check_no " + " ".join(f"WHEN {i} THEN {literal(col)}" for i, (_, _, col) in enumerate(CHECKS)) \
        + " END"
    return number, reason, column


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
