"""Read one sheet of an .xlsx workbook into a raw text table; `__line` is the sheet row.

Publishers' workbooks are read as they come: the sheet's declared size (its `dimension`, often a stale
`A1`) is ignored, drawing parts the workbook points to may be missing, a formula without a cached value is
an empty cell, and title rows above the header are skipped (the header is the first row naming every
column the layout needs, else the first dense row). A cell right of the table, past an empty column, is a
note and is ignored (with a warning); a value in the column right next to the table is rejected.
"""
from __future__ import annotations

import itertools
import zipfile

from openpyxl.utils import get_column_letter

from ..errors import EtlError, excerpt
from ..paths import HEADER_SCAN_ROWS, MAX_FIELD, RAW_RECORD_CHARS
from .raw import Appender, RawTable, is_header, record_text, sniff_kind, unique_header


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _trimmed(values) -> list[str]:
    cells = [_cell_text(v) for v in values]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _open(inp, sheet: str | None):
    import openpyxl

    if sniff_kind(inp.head()) != "zip":
        raise EtlError("this .xlsx file is not an Excel workbook", file=inp.name,
                       hint="save it as .xlsx from a spreadsheet program, or rename it to what it is (.csv)")
    fh = inp.reader()
    try:
        if not zipfile.is_zipfile(fh):
            raise EtlError("this .xlsx file is not an Excel workbook", file=inp.name,
                           hint="save it as .xlsx from a spreadsheet program, or rename it to what it is (.csv)")
        fh.seek(0)
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except EtlError:
        fh.close()
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for broken workbooks
        fh.close()
        raise EtlError(f"cannot open the workbook: {excerpt(exc, 160)}", file=inp.name,
                       hint="open and re-save the file in a spreadsheet program") from None
    if sheet and sheet not in wb.sheetnames:
        names = ", ".join(excerpt(s, 40) for s in wb.sheetnames[:20])
        wb.close()
        fh.close()
        raise EtlError(f"the workbook has no sheet named {excerpt(sheet, 40)!r} (its sheets: {names})",
                       file=inp.name, hint="set `sheet` in the sidecar to one of these names")
    ws = wb[sheet] if sheet else wb.worksheets[0]
    ws.reset_dimensions()          # never trust the declared size (a stale `A1` would hide every other row)
    return fh, wb, ws


def _choose_header(pending, expect, header_row):
    """The index in `pending` of the header row."""
    if header_row is not None:
        return next((i for i, (no, _) in enumerate(pending) if no == header_row), None)
    hit = next((i for i, (_, cells) in enumerate(pending) if is_header(cells, expect)), None)
    if hit is not None:
        return hit
    # A title or merged group row above the real header fills only a few cells: skip it.
    return next((i for i, (_, cells) in enumerate(pending)
                 if sum(1 for c in cells if c) >= max(2, len(cells) // 2)), None)


def read(con, inp, table: str, *, sheet: str | None = None, header_row: int | None = None,
         expect: tuple[str, ...] = ()) -> RawTable:
    fh, wb, ws = _open(inp, sheet)
    try:
        return _read_rows(con, inp, table, ws, header_row, expect)
    finally:
        wb.close()
        fh.close()


def _read_rows(con, inp, table, ws, header_row, expect) -> RawTable:
    rows = ((no, cells) for no, values in enumerate(ws.iter_rows(values_only=True), start=1)
            if (cells := _trimmed(values)))
    pending: list[tuple[int, list[str]]] = []
    for no, cells in rows:
        pending.append((no, cells))
        if (is_header(cells, expect) or len(pending) >= HEADER_SCAN_ROWS
                or (header_row is not None and no >= header_row)):
            break
    at = _choose_header(pending, expect, header_row)
    if at is None:
        where = f" at or below row {header_row}" if header_row else ""
        raise EtlError(f"the sheet '{excerpt(ws.title, 40)}' is empty (no header row{where})", file=inp.name,
                       hint="put the data on the first sheet (or set `sheet` in the sidecar), header row first")
    header_line, header_cells = pending[at]
    warnings: list[str] = []
    first = next(i for i, c in enumerate(header_cells) if c)
    gap = next((i for i in range(first, len(header_cells)) if not header_cells[i]), None)
    if gap is not None:            # the table's header ends at its first empty cell: what follows is a note
        warnings.append(f"row {header_line}: cells right of the header, past an empty column, were ignored")
        header_cells = header_cells[:gap]
    header = unique_header(header_cells, inp.name, header_line)
    app = Appender(con, table, header)
    n, rejects = 0, []
    for no, row in itertools.chain(pending[at + 1:], rows):
        if no == header_line + 1 and _continues_header(header_cells, row):
            raise EtlError(f"the header seems to span rows {header_line} and {no} (merged header cells?): "
                           f"row {no} fills columns that row {header_line} leaves unnamed",
                           file=inp.name, line=no,
                           hint="keep a single header row that names every column (for example one column "
                                "per year, or better a `year` column), or set `header_row` in the sidecar")
        n += 1
        problem = _problem(row, header, no, warnings)
        if problem:
            rejects.append((no, problem[1], problem[0], record_text(row)[:RAW_RECORD_CHARS]))
            continue
        app.add(no, (row + [""] * len(header))[:len(header)])
    app.flush()
    return RawTable(table, header, n, "xlsx", rejects, warnings=warnings)


def _problem(row: list[str], header: list[str], no: int, warnings: list[str]):
    """(reason, column) why a sheet row cannot be loaded, or None. Notes right of the table are ignored."""
    width = len(header)
    if len(row) > width:
        if row[width]:
            return (f"a value right of the table (column {get_column_letter(width + 1)}), under no header", "")
        warnings.append(f"row {no}: a cell right of the table (column {get_column_letter(len(row))}) was "
                        "ignored as a note")
    big = next((i for i, c in enumerate(row[:width]) if len(c) > MAX_FIELD), None)
    if big is not None:
        return (f"field too large ({len(row[big]):,} characters)", header[big])
    return None


def _continues_header(header: list[str], row: list[str]) -> bool:
    """The row below the header looks like a second header row: it fills columns that the header leaves
    unnamed to the right of a named one (as under a merged group cell: "Value" over "2019 | 2020") while
    leaving named columns empty. (An unnamed first column, such as a pandas index, does not count.)"""
    first_named = next(i for i, h in enumerate(header) if h)
    fills_unnamed = any(c for i, c in enumerate(row) if i > first_named and (i >= len(header) or not header[i]))
    leaves_named = any(i >= len(row) or not row[i] for i, h in enumerate(header) if h)
    return fills_unnamed and leaves_named
