"""What every file reader shares: the raw text table it fills, the header rules, and what a file really is.

A reader turns one file into a DuckDB table of text columns (the header's names) plus `__line`, the line
(CSV) or sheet row (XLSX) of each record, and lists structural rejects (records it could not split into
fields). Nothing is cast or checked here: the layouts and staging do that.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from ..errors import EtlError, excerpt
from ..sql import ident

LINE_COL = "__line"
CHUNK_ROWS = 250_000
BLANK = " \t\r\n\f\v"       # what a blank field may hold


@dataclass
class RawTable:
    table: str                        # DuckDB table (or view) holding the text columns + __line
    columns: list[str]                # header, as written (stripped; repeats renamed name__1, ...)
    rows: int                         # data records read (structural rejects included)
    encoding: str
    rejects: list[tuple[int, str, str, str]] = field(default_factory=list)  # (line, column, reason, raw)
    backing: str | None = None        # when `table` is a view, the table behind it
    warnings: list[str] = field(default_factory=list)

    def drop(self, con) -> None:
        if self.backing:
            con.execute(f"DROP VIEW IF EXISTS {ident(self.table)}")
            con.execute(f"DROP TABLE IF EXISTS {ident(self.backing)}")
        else:
            con.execute(f"DROP TABLE IF EXISTS {ident(self.table)}")


class Appender:
    """Collects rows and appends them to a DuckDB table of text columns in Arrow chunks."""

    def __init__(self, con, table: str, columns: list[str]):
        self.con, self.table, self.columns = con, table, columns
        self.buf: list[list[str]] = []
        self.lines: list[int] = []
        cols = ", ".join(f"{ident(c)} VARCHAR" for c in columns)
        con.execute(f"CREATE OR REPLACE TABLE {ident(table)} ({cols}, {ident(LINE_COL)} BIGINT)")

    def add(self, line: int, row: list[str]) -> None:
        self.buf.append(row)
        self.lines.append(line)
        if len(self.buf) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.buf:
            return
        cols = list(zip(*self.buf))
        arrays = [pa.array(c, type=pa.string()) for c in cols] + [pa.array(self.lines, type=pa.int64())]
        chunk = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(self.columns))] + [LINE_COL])
        self.con.register("__chunk", chunk)
        self.con.execute(f"INSERT INTO {ident(self.table)} SELECT * FROM __chunk")
        self.con.unregister("__chunk")
        self.buf, self.lines = [], []


def unique_header(header: list[str], name: str, line: int = 1) -> list[str]:
    """Stripped names; trailing empty names dropped (a spreadsheet's trailing separator); repeats renamed."""
    cols = [h.strip(BLANK).replace("\ufeff", "") for h in header]
    while cols and not cols[-1]:
        cols.pop()
    if not any(cols):
        raise EtlError("the header line is empty", file=name, line=line, hint="the first line must name the columns")
    seen: dict[str, int] = {}
    out = []
    for c in cols:
        c = c or "unnamed"
        if c in seen:
            seen[c] += 1
            c = f"{c}__{seen[c]}"
        else:
            seen[c] = 0
        out.append(c)
    return out


def is_header(cells: list[str], expect: tuple[str, ...]) -> bool:
    """The row names every expected column (title rows above a header do not)."""
    names = {c.strip(BLANK).replace("\ufeff", "") for c in cells}
    return bool(expect) and set(expect) <= names


def blank(cells) -> bool:
    return all(not (c or "").strip(BLANK) for c in cells)


#: What a file that is not what its name says looks like, and what to do about it.
NOT_TEXT = {
    "zip": ("a zip archive; an Excel .xlsx workbook is one",
            "if it is an Excel workbook, give it the .xlsx extension (and its sidecar too); else export it as CSV"),
    "ole": ("a legacy Excel .xls workbook", "open it in a spreadsheet program and save it as .xlsx or CSV UTF-8"),
    "pdf": ("a PDF document", "find the data as CSV or .xlsx; a PDF table cannot be read"),
    "utf-16": ("UTF-16 text, Excel's 'Unicode text' export", "save it as 'CSV UTF-8' instead"),
    "html": ("an HTML web page, perhaps a failed or redirected download",
             "download the file again and check that it opens as a table"),
    "binary": ("binary data", "export it as CSV (UTF-8), or give it the extension of what it is (.xlsx)"),
}


def sniff_kind(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"          # legacy .xls
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if len(head) >= 8 and max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 32:
        return "utf-16"       # ASCII text in UTF-16 without a BOM: every other byte is NUL
    if head.count(0) > len(head) // 16:
        return "binary"       # (a stray NUL in a text file only spoils its record: see csvtext)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def not_what_it_says(kind: str, name: str) -> EtlError:
    what, hint = NOT_TEXT[kind]
    return EtlError(f"this file is not a CSV text file (its content looks like {what})", file=name, hint=hint)


def record_text(cells, sep: str = ",") -> str:
    """A rejected record as kept in `rejects.raw_record` (fields cut to 200 characters)."""
    return sep.join(c[:200] for c in cells)


def columns_shown(columns: list[str]) -> str:
    """A header as it may appear in an error message: at most 20 names, each cut short."""
    shown = [excerpt(c, 40) for c in columns[:20]]
    return ", ".join(shown) + (f", … ({len(columns)} in all)" if len(columns) > 20 else "")
