"""Staging of indicator sources, in DuckDB: resolve places, cast, check every row, split loaded/routed/rejected.

Input: a layout's long view (sources/layout.LONG). Output for source number k:
  chk_k    table: every row, parsed, with its reason (NULL when it passed)        staging/checked.sql
  dup_k    table: passed rows that duplicate another                              staging/duplicates.sql
  ok_k     view:  country values that load (indicator_id, iso3, year, sex, age, value, ...)
  route_k  view:  publisher aggregates routed to a warehouse region (scheme, region, ...)
  rej_k    view:  (line, cell, column_name, reason) of every rejected row
Places resolve through countries.resolve (publisher forms, ISO3 codes, coco); units through etl/units.toml.
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

from .. import countries
from ..sidecar import Sidecar
from ..sql import ident
from ..sql import staging as staging_sql
from .checks import THOUSANDS, case_sql, classify_unit, unit_rules


def _table(con, name: str, df: pd.DataFrame, types: dict) -> None:
    """A small helper table from a frame (text columns unless `types` says otherwise)."""
    arrays = [pa.array([None if isinstance(x, float) and x != x else x for x in df[c].tolist()],
                       type=types.get(c, pa.string())) for c in df.columns]
    con.register("__frame", pa.Table.from_arrays(arrays, names=list(df.columns)))
    con.execute(f"CREATE OR REPLACE TEMP TABLE {ident(name)} AS SELECT * FROM __frame")
    con.unregister("__frame")


def _units(con, k: int, long_view: str) -> None:
    rules = unit_rules()
    seen = [r[0] for r in con.execute(f"SELECT DISTINCT unit_raw FROM {long_view}").fetchall()]
    df = pd.DataFrame([classify_unit(u, rules) for u in seen],
                      columns=["unit_raw", "measure", "aggregation", "suffix", "lo", "hi"])
    _table(con, f"units_{k}", df, {"lo": pa.float64(), "hi": pa.float64()})


def places(con, k: int, long_view: str, side: Sidecar) -> None:
    """geo_k: what each (code, name) pair of the view stands for (countries.resolve)."""
    scope = side.opt("country_names", "") or ""
    pairs = con.execute(f"SELECT DISTINCT coalesce(iso3_raw, ''), coalesce(country_raw, '') "
                        f"FROM {long_view}").fetchall()
    rows = []
    for code, name in pairs:
        p = countries.resolve(code, name, scope)
        rows.append((code, name, p.iso3, p.scheme, p.region, p.reason))
    _table(con, f"geo_{k}", pd.DataFrame(rows, columns=["iso3_raw", "country_raw", "iso3", "scheme", "region",
                                                        "geo_reason"]), {})


def _breakdown(con, k: int, side: Sidecar) -> tuple[str, str, str]:
    """(sex expression, age expression, the recode join) with the sidecar's `[recode.sex]`/`[recode.age]`."""
    recode = side.opt("recode", {}) or {}
    rows = [(field, str(src), str(dst)) for field in ("sex", "age") for src, dst in (recode.get(field) or {}).items()]
    exprs, joins = {}, []
    for field in ("sex", "age"):
        base = f"coalesce(nullif(trim(l.{field}_raw), ''), 'Total')"
        if any(r[0] == field for r in rows):
            joins.append(f"LEFT JOIN recode_{k} r_{field} ON r_{field}.field = '{field}' "
                         f"AND r_{field}.src = trim(l.{field}_raw)")
            exprs[field] = f"coalesce(r_{field}.dst, {base})"
        else:
            exprs[field] = base
    if rows:
        _table(con, f"recode_{k}", pd.DataFrame(rows, columns=["field", "src", "dst"]), {})
    return exprs["sex"], exprs["age"], "\n    ".join(joins)


def stage(con, k: int, long_view: str, side: Sidecar, *, always_suffix: bool, max_year: int) -> None:
    """Create chk_k and dup_k, and the views ok_k, route_k and rej_k."""
    _units(con, k, long_view)
    places(con, k, long_view, side)
    sex, age, recode = _breakdown(con, k, side)
    check_no, reason, column = case_sql(max_year)
    suffix_all = "TRUE" if (always_suffix or side.opt("unit_suffix")) else "FALSE"
    con.execute(staging_sql("checked").format(
        k=k, long=long_view, sex=sex, age=age, recode=recode, suffix_all=suffix_all, thousands=THOUSANDS,
        check_no=check_no, reason=reason, column=column))
    con.execute(staging_sql("duplicates").format(k=k))
    for t in (f"units_{k}", f"geo_{k}", f"recode_{k}"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    has_dups = con.execute(f"SELECT count(*) FROM dup_{k}").fetchall()[0][0] > 0
    anti = f"ANTI JOIN dup_{k} d USING (line, cell)" if has_dups else ""
    cols = "line, cell, indicator_id, year, sex, age, value, key_extra, name_raw, unit_raw, measure"
    con.execute(f"""CREATE OR REPLACE TEMP VIEW ok_{k} AS
        SELECT iso3, {cols} FROM chk_{k} c {anti} WHERE c.reason IS NULL AND c.iso3 IS NOT NULL""")
    con.execute(f"""CREATE OR REPLACE TEMP VIEW route_{k} AS
        SELECT scheme, region, {cols} FROM chk_{k} c {anti} WHERE c.reason IS NULL AND c.iso3 IS NULL""")
    con.execute(f"""CREATE OR REPLACE TEMP VIEW rej_{k} AS
        SELECT line, cell, column_name, reason FROM chk_{k} WHERE reason IS NOT NULL
        UNION ALL
        SELECT line, cell, 'indicator_id, iso3, year, sex, age' AS column_name, reason FROM dup_{k}""")


def drop(con, k: int) -> None:
    for view in (f"ok_{k}", f"route_{k}", f"rej_{k}", f"long_{k}"):
        con.execute(f"DROP VIEW IF EXISTS {view}")
    for table in (f"chk_{k}", f"dup_{k}", f"wcols_{k}", f"widents_{k}", f"wunits_{k}"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
