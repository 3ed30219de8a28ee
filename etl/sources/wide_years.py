"""Wide tables: identifier columns, then one column per year (or per indicator and year); the unit is one cell.

The sidecar says which columns identify a row (`id_columns`, with `country_column` or `iso3_column`), how a
value column's header becomes a year and an indicator (`header_pattern`, a regular expression with the groups
`year` and optionally `indicator`, matched case-insensitively; `year` = 2021 for a one-year sheet), and how the
indicator is named: from the header's indicator part (`[indicators]`, e.g. "CPI score" = "cpi_score", or
`indicator_prefix` + its slug) or from an identifier cell (`indicator_column` with `[identifiers]`, e.g.
"Male 60 or more Count" = { indicator = "gsh_homicide_count", sex = "Male", age = "60 or more" }).
Units come from `[units]` (indicator id -> unit) or `unit`. An empty cell holds no value and is not counted
as a row; `sources` records the file's data lines and its empty cells.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from ..errors import EtlError, excerpt
from ..sidecar import Sidecar
from ..sql import ident, idents
from .layout import check_columns

NAME = "wide_years"


@dataclass
class Plan:
    ids: list[str]
    values: pd.DataFrame        # cell, year_raw, indicator, name
    identifiers: pd.DataFrame   # identifier, indicator, sex, age
    units: pd.DataFrame         # indicator, unit


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def plan(columns: list[str], opts: dict, file: str) -> Plan:
    ids = list(opts.get("id_columns") or [])
    if not ids or not (opts.get("country_column") or opts.get("iso3_column")):
        raise EtlError("a wide table needs `id_columns` and `country_column` or `iso3_column` in its sidecar",
                       file=file + ".source.toml", hint="see README, 'Adding a source' (wide_years)")
    geo = [c for c in (opts.get("iso3_column"), opts.get("country_column"), opts.get("indicator_column")) if c]
    check_columns(NAME, columns, tuple(dict.fromkeys(ids + geo)), file)
    rx = re.compile(opts["header_pattern"], re.I)
    indicators = {k.casefold(): v for k, v in (opts.get("indicators") or {}).items()}
    prefix = opts.get("indicator_prefix")
    rows = []
    for col in columns:
        if col in ids or col in (opts.get("ignore_columns") or []):
            continue
        m = rx.fullmatch(col)
        if not m:
            raise EtlError(f"column {excerpt(col, 40)!r} is neither an identifier column nor a value column "
                           "(its header does not match `header_pattern`)", file=file, line=1,
                           hint="add it to `id_columns` or `ignore_columns`, or widen `header_pattern`")
        year = m.groupdict().get("year") or str(opts.get("year", ""))
        part = (m.groupdict().get("indicator") or "").strip()
        if part and part.casefold() in indicators:
            ind = indicators[part.casefold()]
        elif part and prefix:
            ind = f"{prefix}_{_slug(part)}"
        elif part:
            raise EtlError(f"the header {excerpt(col, 40)!r} names the indicator {excerpt(part, 40)!r}, which "
                           "`[indicators]` does not map", file=file, line=1,
                           hint="add it to `[indicators]` (or give `indicator_prefix`)")
        else:
            ind = opts.get("indicator_id")
        rows.append((col, year, ind, part or None))
    if not rows:
        raise EtlError("no value columns besides the identifier columns", file=file, line=1,
                       hint="check `id_columns` and `header_pattern` in the sidecar")
    idents_ = [(k, v["indicator"], v.get("sex", "Total"), v.get("age", "Total"))
               for k, v in (opts.get("identifiers") or {}).items()]
    units = opts.get("units") or {}
    all_ids = {r[2] for r in rows if r[2]} | {i[1] for i in idents_}
    if opts.get("unit") is None and (missing := sorted(i for i in all_ids if i not in units)):
        raise EtlError(f"no unit for {', '.join(missing[:5])}", file=file + ".source.toml",
                       hint="give `[units]` (indicator id = unit) or `unit` for the whole file")
    return Plan(ids, pd.DataFrame(rows, columns=["cell", "year_raw", "indicator", "name"]),
                pd.DataFrame(idents_, columns=["identifier", "indicator", "sex", "age"], dtype=object),
                pd.DataFrame([(i, units.get(i, opts.get("unit"))) for i in sorted(all_ids)],
                             columns=["indicator", "unit"], dtype=object))


def build(con, k: int, table: str, columns: list[str], opts: dict, file: str) -> str:
    """The long SELECT of a wide raw table (and its helper tables cols_k, idents_k, units_k)."""
    p = plan(columns, opts, file)
    for name, df in (("wcols", p.values), ("widents", p.identifiers), ("wunits", p.units)):
        strings = pa.Table.from_arrays([pa.array(df[c].tolist(), type=pa.string()) for c in df.columns],
                                       names=list(df.columns))
        con.register("__frame", strings)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {ident(f'{name}_{k}')} AS SELECT * FROM __frame")
        con.unregister("__frame")
    cells = idents(p.values["cell"])
    ind_col = opts.get("indicator_column")
    geo = [c for c in (opts.get("iso3_column"), opts.get("country_column"), ind_col) if c]
    keep = idents(dict.fromkeys(p.ids + geo + ["__line"]))
    ident_join = (f"LEFT JOIN widents_{k} i ON i.identifier = trim(u.{ident(ind_col)})" if ind_col else
                  f"LEFT JOIN widents_{k} i ON false")
    iso3 = f"u.{ident(opts['iso3_column'])}" if opts.get("iso3_column") else "NULL"
    country = f"u.{ident(opts['country_column'])}" if opts.get("country_column") else "NULL"
    name = f"coalesce(c.name, u.{ident(ind_col)})" if ind_col else "c.name"
    return f"""
        SELECT u.__line AS line, u.cell, {iso3} AS iso3_raw, {country} AS country_raw, c.year_raw,
               coalesce(c.indicator, i.indicator) AS indicator_raw, {name} AS name_raw,
               un.unit AS unit_raw, coalesce(i.sex, 'Total') AS sex_raw, coalesce(i.age, 'Total') AS age_raw,
               u.value_raw, '' AS key_extra
        FROM (UNPIVOT (SELECT {keep}, {cells} FROM {ident(table)}) ON {cells} INTO NAME cell VALUE value_raw) u
        JOIN wcols_{k} c ON c.cell = u.cell
        {ident_join}
        LEFT JOIN wunits_{k} un ON un.indicator = coalesce(c.indicator, i.indicator)
        WHERE nullif(trim(u.value_raw), '') IS NOT NULL"""


def value_columns(con, k: int) -> int:
    return con.execute(f"SELECT count(*) FROM wcols_{k}").fetchall()[0][0]


def expect(side: Sidecar) -> tuple[str, ...]:
    return tuple(side.opt("id_columns") or ())


def select_sql(con, k: int, table: str, columns: list[str], side: Sidecar) -> str:
    return build(con, k, table, columns, side.options, side.name)
