"""The OWID grapher CSV: Entity, Code, Year, then one column per indicator (and OWID's region column).

Codes are OWID's: ISO3 for countries, `OWID_KOS` for Kosovo, `OWID_WRL` and `UN_AFR` for aggregates, empty
for many (`Eastern Asia (UN)`, GTD's `West Bank and Gaza Strip`): staging resolves them by name then. The
newer "filtered" export adds original-time columns (`time`, repeated, or `<indicator> (Original time)`)
and may leave Code and Year empty: a value's year is then its original time (a tolerance-filled value is
placed at the year it is from), else Year; a row with neither is rejected with the reason. A `Day` column
(daily data) stops the run with a message.
"""
from __future__ import annotations

import re

from ..errors import EtlError
from ..sidecar import Sidecar
from ..sql import ident, literal
from .layout import check_columns, select, slug
from .raw import columns_shown

NAME = "OWID grapher CSV"
TIME = re.compile(r"^(time|year|day)(__\d+)?$", re.I)               # the filtered export's `time` columns
ORIGINAL = re.compile(r"\(original (time|year|day)\)$", re.I)        # newer: `<indicator> (Original time)`
ANNOTATIONS = re.compile(r"\(annotations\)$", re.I)


def expect(side: Sidecar) -> tuple[str, ...]:
    return ("Entity", "Code")


def select_sql(table: str, columns: list[str], side: Sidecar) -> str:
    if "Day" in columns and "Year" not in columns:
        raise EtlError("this OWID export is daily (a `Day` column): the warehouse holds yearly values",
                       file=side.name, line=1, hint="download the chart's yearly data instead")
    check_columns(NAME, columns, ("Entity", "Code", "Year"), side.name)
    ignore = set(side.opt("ignore_columns", [])) | {"Entity", "Code", "Year"}
    times = [c for c in columns if TIME.match(c) and c != "Year"]
    values = [c for c in columns if c not in ignore and c not in times and not ORIGINAL.search(c)
              and not ANNOTATIONS.search(c) and "region" not in c.lower()]
    if not values:
        raise EtlError(f"no value column besides Entity, Code, Year (found: {columns_shown(columns)})",
                       file=side.name, line=1, hint="an OWID grapher CSV has one column per indicator after Year")
    ids, units = side.opt("indicator_ids", {}), side.opt("units", {})
    parts = []
    for col in values:
        own = [t for t in columns if ORIGINAL.search(t) and t.lower().startswith(col.lower() + " (original")]
        paired = own or times
        year = None      # the value's original time (all its time columns agree), else the row's Year
        if paired:
            cells = ", ".join(f"nullif(trim({ident(t)}), '')" for t in paired)
            first = f"coalesce({cells})"
            agree = " AND ".join(f"coalesce(nullif(trim({ident(t)}), ''), {first}) = {first}" for t in paired)
            year = (f"CASE WHEN {first} IS NULL THEN {ident('Year')} WHEN {agree} THEN {first} "
                    f"ELSE 'conflicting original times' END")
        parts.append(select(table, {
            "cell": literal(col), "iso3_raw": ident("Code"), "country_raw": ident("Entity"),
            "year_raw": year or ident("Year"),
            "indicator_raw": literal(ids[col]) if col in ids else slug(literal(col)),
            "name_raw": literal(col), "unit_raw": literal(units.get(col, col)), "value_raw": ident(col),
            "key_extra": ident("Entity") if "Entity" in side.opt("sum_over", []) else "''",
        }))
    return " UNION ALL ".join(parts)
