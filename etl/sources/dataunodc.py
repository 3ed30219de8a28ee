"""The dataUNODC export (CSV or XLSX): Iso3_code, Country, Region, Subregion, Indicator, Dimension, Category,
Sex, Age, Year, Unit of measurement, VALUE (or txtVALUE), Source.

The portal's workbooks put title rows (`UNODC`, a date) above the header; the header is found by looking for
it. txtVALUE holds texts: numbers with thousands separators (`1,192`), `<5` (censored, rejected as such) and
`na`. The indicator id is the slug of Indicator and Category, suffixed by the unit (`_count`, `_rate`).
"""
from __future__ import annotations

from ..errors import EtlError
from ..sidecar import Sidecar
from ..sql import ident, literal
from .layout import check_columns, select, slug
from .raw import columns_shown

NAME = "dataUNODC export"
COLUMNS = ("Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex", "Age",
           "Year", "Unit of measurement")
VALUE_COLUMNS = ("VALUE", "txtVALUE")
ALWAYS_SUFFIX = True


def expect(side: Sidecar) -> tuple[str, ...]:
    return ("Iso3_code", "Indicator", "Year", "Unit of measurement")


def select_sql(table: str, columns: list[str], side: Sidecar) -> str:
    check_columns(NAME, columns, COLUMNS, side.name)
    values = [c for c in VALUE_COLUMNS if c in columns]
    if len(values) != 1:
        what = "both VALUE and txtVALUE" if values else "neither VALUE nor txtVALUE"
        raise EtlError(f"the export has {what} (found: {columns_shown(columns)})", file=side.name, line=1,
                       hint="a dataUNODC export has one value column, VALUE or txtVALUE")
    q = {c: ident(c) for c in COLUMNS}
    category = f"coalesce({q['Category']}, '')"
    by_both = slug(f"{q['Indicator']} || ' ' || {q['Category']}")
    return select(table, {
        "cell": literal(values[0]), "iso3_raw": q["Iso3_code"], "country_raw": q["Country"],
        "year_raw": q["Year"],
        "indicator_raw": f"CASE WHEN {category} IN ('', 'Total') THEN {slug(q['Indicator'])} ELSE {by_both} END",
        "name_raw": f"CASE WHEN {category} IN ('', 'Total') THEN {q['Indicator']} "
                    f"ELSE {q['Indicator']} || ': ' || {q['Category']} END",
        "unit_raw": q["Unit of measurement"], "sex_raw": q["Sex"], "age_raw": q["Age"],
        "value_raw": ident(values[0]), "key_extra": q["Dimension"],
    })
