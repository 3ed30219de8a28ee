"""The tidy long layout: one row per value, with the project's column names or a mapping from the file's own.

Columns: iso3 or country, year, indicator_id, value, unit; optional sex, age, indicator, category. A sidecar
may map other headers onto these (`[columns]`, e.g. "Country Code" = "iso3" for the World Bank's long CSV)
and give `indicator_id` and `unit` as constants for a one-indicator file. `indicator_prefix` with
`indicator_from` builds ids from columns; `sum_over` names columns whose rows are summed into one value.
"""
from __future__ import annotations

from ..sidecar import Sidecar
from ..sql import ident, literal
from .layout import check_columns, const, select, slug

NAME = "tidy"


def _names(columns: list[str], side: Sidecar) -> dict[str, str]:
    """Standard name -> the file's header."""
    mapping = {std: col for col, std in side.opt("columns", {}).items() if col in columns}
    for c in columns:
        mapping.setdefault(c, c)
    return mapping


def expect(side: Sidecar) -> tuple[str, ...]:
    """Headers that identify the header row."""
    mapped = {std: col for col, std in side.opt("columns", {}).items()}
    need = ["year", "value"] + ([] if side.opt("unit") else ["unit"])
    return tuple(mapped.get(c, c) for c in need)


def select_sql(table: str, columns: list[str], side: Sidecar) -> str:
    col = _names(columns, side)
    geo = "iso3" if "iso3" in col else "country"
    from_cols = tuple(side.opt("indicator_from", []))
    sum_over = tuple(side.opt("sum_over", []))
    prefix = side.opt("indicator_prefix")
    need = ["year", "value", geo]
    need += [] if side.opt("unit") else ["unit"]
    need += [] if side.opt("indicator_id") or (prefix and from_cols) else ["indicator_id"]
    check_columns(NAME, columns, tuple(col.get(c, c) for c in need) + from_cols + sum_over, side.name)
    q = {std: ident(name) for std, name in col.items()}
    if side.opt("indicator_id"):
        ind = literal(side.opt("indicator_id"))
    elif from_cols:
        parts = [f"CASE WHEN trim({ident(c)}) IN ('', 'Total') THEN NULL ELSE {slug(ident(c))} END"
                 for c in from_cols]
        ind = f"concat_ws('_', {literal(prefix) if prefix else q['indicator_id']}, {', '.join(parts)})"
    else:
        ind = q["indicator_id"] if not prefix else f"{literal(prefix + '_')} || {q['indicator_id']}"
    if "indicator" in q and "category" in q:
        name = (f"CASE WHEN {q['category']} IN ('', 'Total') OR {q['category']} = {q['indicator']} "
                f"THEN {q['indicator']} ELSE {q['indicator']} || ': ' || {q['category']} END")
    else:
        name = q.get("indicator", "NULL")
    return select(table, {
        "cell": literal(col["value"]), "iso3_raw": q.get("iso3", "NULL"), "country_raw": q.get("country", "NULL"),
        "year_raw": q["year"], "indicator_raw": ind, "name_raw": name,
        "unit_raw": const(side.opt("unit")) if side.opt("unit") else q["unit"],
        "sex_raw": q.get("sex", "'Total'"), "age_raw": q.get("age", "'Total'"), "value_raw": q["value"],
        "key_extra": f"concat_ws('|', {', '.join(ident(c) for c in sum_over)})" if sum_over else "''",
    })
