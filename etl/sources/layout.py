"""The long shape every indicator layout produces, and the column checks they share.

A layout maps its own columns onto LONG as a SQL SELECT over the raw text table; nothing is cast or checked
there (staging does that, row by row). `cell` names the column a value came from (the year's column in a wide
table), so that each value cell can be rejected on its own.
"""
from __future__ import annotations

from ..errors import EtlError
from ..sql import ident, literal
from .raw import columns_shown

LONG = ("line", "cell", "iso3_raw", "country_raw", "year_raw", "indicator_raw", "name_raw", "unit_raw",
        "sex_raw", "age_raw", "value_raw", "key_extra")


def slug(expr: str) -> str:
    """SQL: a text as an id part, e.g. 'Criminal markets' -> 'criminal_markets'."""
    return f"trim(regexp_replace(lower({expr}), '[^a-z0-9]+', '_', 'g'), '_')"


def check_columns(layout: str, columns: list[str], need: tuple[str, ...], file: str) -> None:
    """Every needed column is in the header, once."""
    missing = [c for c in need if c not in columns]
    if missing:
        hint = f"the {layout} layout needs columns: {', '.join(need)}"
        if len(columns) == 1 and any(d in columns[0] for d in ";\t|"):
            hint += "; the header looks delimited by another character: set `delimiter` in the sidecar"
        if file.lower().endswith(".xlsx"):
            hint += "; if the header is not the sheet's first full row, set `header_row` in the sidecar"
        raise EtlError(f"missing required column(s): {', '.join(missing)} (found: {columns_shown(columns)})",
                       file=file, line=1, hint=hint)
    twice = [c for c in need if f"{c}__1" in columns]        # readers rename repeats c__1, ...
    if twice:
        raise EtlError(f"column(s) named more than once in the header: {', '.join(twice)}", file=file, line=1,
                       hint="rename or remove the repeated columns: the ETL cannot tell which one to read")


def select(table: str, exprs: dict[str, str]) -> str:
    """SELECT the LONG columns from `exprs` (SQL expressions; absent ones are NULL, sex/age 'Total')."""
    defaults = {"sex_raw": "'Total'", "age_raw": "'Total'", "key_extra": "''", "line": ident("__line")}
    cols = ", ".join(f"{exprs.get(c, defaults.get(c, 'NULL'))} AS {c}" for c in LONG)
    return f"SELECT {cols} FROM {ident(table)}"


def const(text) -> str:
    return "NULL" if text is None else literal(str(text))
