"""Readers: a file (CSV, XLSX, or a .zip holding one CSV) into a raw text table, and the layouts that map
raw tables onto the long shape. `LAYOUTS` is the one table of what each sidecar `format` means.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..errors import EtlError
from . import csvtext, dataunodc, ids, owid, tidy, wide_years, worldbank, xlsx, zipped
from .raw import RawTable


@dataclass(frozen=True)
class Layout:
    expect: Callable          # (sidecar) -> header names that identify the header row
    select: Callable | None   # (con, k, raw table, sidecar) -> the long SELECT (None: not an indicator layout)
    always_suffix: bool = False


LAYOUTS = {
    "tidy": Layout(tidy.expect, lambda con, k, raw, side: tidy.select_sql(raw.table, raw.columns, side)),
    "dataunodc": Layout(dataunodc.expect,
                        lambda con, k, raw, side: dataunodc.select_sql(raw.table, raw.columns, side),
                        always_suffix=dataunodc.ALWAYS_SUFFIX),
    "owid": Layout(owid.expect, lambda con, k, raw, side: owid.select_sql(raw.table, raw.columns, side)),
    "wide_years": Layout(wide_years.expect,
                         lambda con, k, raw, side: wide_years.select_sql(con, k, raw.table, raw.columns, side)),
    "worldbank": Layout(lambda side: worldbank.EXPECT,
                        lambda con, k, raw, side: worldbank.select_sql(con, k, raw.table, raw.columns, side)),
    "ids": Layout(lambda side: ids.EXPECT, None),
    "reference": Layout(lambda side: (), None),
}
WIDE = ("wide_years", "worldbank")


def read_file(con, inp, table: str, side, work) -> tuple[RawTable, object]:
    """The raw table of `inp` (and the input actually read: a .zip's extracted CSV)."""
    expect = tuple(LAYOUTS[side.format].expect(side))
    header_row = side.opt("header_row")
    if inp.suffix == ".csv":
        return csvtext.read(con, inp, table, delimiter=side.opt("delimiter", ","), expect=expect,
                            header_row=header_row), inp
    if inp.suffix == ".xlsx":
        return xlsx.read(con, inp, table, sheet=side.opt("sheet"), header_row=header_row, expect=expect), inp
    if inp.suffix == ".zip":
        inner = zipped.extract(inp, work)
        return csvtext.read(con, inner, table, delimiter=side.opt("delimiter", ","), expect=expect,
                            header_row=header_row), inner
    raise EtlError(f"unsupported file type '{inp.suffix[:10]}'", file=inp.name,
                   hint="use .csv, .xlsx, or a .zip holding one .csv")
