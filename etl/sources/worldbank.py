"""The World Bank's WDI bulk CSV (API_<code>_DS2_*.csv): a wide table with the WDI's own quirks.

Four metadata rows (`"Data Source","World Development Indicators",`, a blank line, `"Last Updated Date",...`)
stand above the header `Country Name, Country Code, Indicator Name, Indicator Code, 1960, ...`, every line
ends in a separator (an empty last column), and the rows include the Bank's aggregates (`WLD`, `AFE`,
income and lending groups), which staging routes (`WLD` to the world) or rejects as not mapped. The
sidecar maps each Indicator Code to an indicator id (`[indicator_ids]`, e.g. "SP.POP.TOTL" =
"population_total") and gives its unit (`[units]` or `unit`).
"""
from __future__ import annotations

from ..sidecar import Sidecar
from . import wide_years

ID_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]


def options(side: Sidecar) -> dict:
    codes = side.opt("indicator_ids", {})
    return {"id_columns": ID_COLUMNS, "iso3_column": "Country Code", "country_column": "Country Name",
            "indicator_column": "Indicator Code", "header_pattern": r"(?P<year>\d{4})",
            "identifiers": {code: {"indicator": ind} for code, ind in codes.items()},
            **{k: v for k, v in side.options.items() if k in ("units", "unit", "ignore_columns")}}


EXPECT = ("Country Name", "Country Code", "Indicator Code")


def select_sql(con, k: int, table: str, columns: list[str], side: Sidecar) -> str:
    return wide_years.build(con, k, table, columns, options(side), side.name)
