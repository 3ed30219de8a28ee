"""Read a raw CSV or XLSX file into a DuckDB table of text columns, keeping each record's line number.

CSV is streamed: every physical line is decoded on its own (UTF-8, UTF-8 with BOM, else Windows-1252),
parsed with the csv module (quoted commas and newlines included) and appended to DuckDB in chunks, so
memory stays flat whatever the file size. Records with the wrong number of fields, that the csv module
cannot parse, that hold a NUL byte or a field over MAX_FIELD characters, or whose quote never closes (a
truncated file) are returned as structural rejects with their line, never dropped silently. Blank lines,
and lines whose every field is blank (a spreadsheet's empty row), are not records. Lines may end in LF,
CRLF or, in old Mac exports, CR alone.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from .errors import EtlError

LINE_COL = "__line"
CHUNK_ROWS = 250_000
MAX_FIELD = 100_000          # characters; a longer field is rejected, not loaded
csv.field_size_limit(64 * 1024 * 1024)


@dataclass
class RawTable:
    table: str                        # DuckDB table name holding the text columns + __line
    columns: list[str]                # header, as written (stripped)
    rows: int                         # data records read (structural rejects included)
    encoding: str
    rejects: list[tuple[int, str, str, str]] = field(default_factory=list)  # (line, column, reason, raw)
    backing: str | None = None        # when `table` is a view, the table behind it

    def drop(self, con) -> None:
        if self.backing:
            con.execute(f'DROP VIEW IF EXISTS "{self.table}"')
            con.execute(f'DROP TABLE IF EXISTS "{self.backing}"')
        else:
            con.execute(f'DROP TABLE IF EXISTS "{self.table}"')


BLANK = " \t\r\n\f\v"       # what a blank field may hold (the same set on both CSV paths)


def _decode_lines(raw_lines, counts: dict):
    """Yield text lines, decoding each physical line on its own so mixed files survive."""
    first = True
    for raw in raw_lines:
        if first:
            first = False
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
                counts["bom"] = True
        try:
            yield raw.decode("utf-8")
            counts["utf8"] += 1 if not raw.isascii() else 0
        except UnicodeDecodeError:
            counts["cp1252"] += 1
            try:
                yield raw.decode("cp1252")
            except UnicodeDecodeError:
                yield raw.decode("latin-1")


def _cr_lines(fh):
    """Physical lines of a file whose lines end in CR alone (old Mac exports)."""
    rest = b""
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        parts = (rest + chunk).split(b"\r")
        rest = parts.pop()
        for part in parts:
            yield part + b"\r"
    if rest:
        yield rest


class _Lines:
    """The decoded physical lines of a CSV file, remembering the text of the record being parsed."""

    def __init__(self, fh, cr_only: bool):
        self.counts = {"utf8": 0, "cp1252": 0}
        self._it = _decode_lines(_cr_lines(fh) if cr_only else fh, self.counts)
        self._record: list[str] = []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._it)
        self._record.append(line)
        return line

    def take(self) -> str:
        """The text of the record just parsed (its physical lines), and start the next one."""
        text, self._record = "".join(self._record), []
        return text


def _unterminated(text: str, delimiter: str) -> bool:
    """True when a record ends inside a quoted field (its quote never closes: a truncated file)."""
    if text.count('"') % 2 == 0:
        return False
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


#: What a file that is not CSV text looks like, and what to do about it.
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


def _sniff_kind(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(4096)
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
        return "binary"       # (a stray NUL in a text file only spoils its record: see read_csv)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def _cr_only(path: Path) -> bool:
    """Lines end in CR alone (no LF in the first 64 KB, but a CR)."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    return b"\r" in head and b"\n" not in head


def _encoding_label(counts: dict) -> str:
    base = "cp1252" if counts["cp1252"] and not counts["utf8"] else (
        "mixed utf-8/cp1252" if counts["cp1252"] else "utf-8")
    return base + ("-sig" if counts.get("bom") and base == "utf-8" else "")


class _Appender:
    """Collects rows and appends them to a DuckDB table in Arrow chunks."""

    def __init__(self, con, table: str, columns: list[str]):
        self.con, self.table, self.columns = con, table, columns
        self.buf: list[list[str]] = []
        self.lines: list[int] = []
        cols = ", ".join(f'"{c.replace(chr(34), chr(34) * 2)}" VARCHAR' for c in columns)   # (a header may hold ")
        con.execute(f'CREATE OR REPLACE TABLE "{table}" ({cols}, "{LINE_COL}" BIGINT)')

    def add(self, line: int, row: list[str]):
        self.buf.append(row)
        self.lines.append(line)
        if len(self.buf) >= CHUNK_ROWS:
            self.flush()

    def flush(self):
        if not self.buf:
            return
        cols = list(zip(*self.buf))
        arrays = [pa.array(c, type=pa.string()) for c in cols] + [pa.array(self.lines, type=pa.int64())]
        chunk = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(self.columns))] + [LINE_COL])
        self.con.register("__chunk", chunk)
        self.con.execute(f'INSERT INTO "{self.table}" SELECT * FROM __chunk')
        self.con.unregister("__chunk")
        self.buf, self.lines = [], []


def _unique_header(header: list[str], name: str) -> list[str]:
    cols = [h.strip().replace("\ufeff", "") for h in header]
    if not any(cols):
        raise EtlError("the header line is empty", file=name, line=1,
                       hint="the first line must name the columns")
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


def _count_lines(path: Path) -> tuple[int, bool, bool]:
    """(non-empty physical lines, needs the careful path, starts with a UTF-8 BOM), scanning bytes in C.

    The careful path is needed for a blank line (not a record there) or a NUL byte (a rejected record there).
    """
    lines, careful, prev_nl, last = 0, False, True, b"\n"
    with open(path, "rb") as fh:
        head = fh.read(3)
        bom = head == b"\xef\xbb\xbf"
        fh.seek(0)
        for chunk in iter(lambda: fh.read(1 << 24), b""):
            lines += chunk.count(b"\n")
            if (b"\n\n" in chunk or b"\n\r\n" in chunk or (prev_nl and chunk[:1] in (b"\n", b"\r"))
                    or b"\x00" in chunk):
                careful = True
            prev_nl = chunk.endswith(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    return lines, careful, bom


def _read_csv_duckdb(con, path: Path, table: str, delimiter: str) -> RawTable | None:
    """Fast path for clean UTF-8 files: DuckDB's parallel reader, one record per physical line.

    Returns None (and leaves no table) when the file needs the careful path: not UTF-8, blank lines or
    blank records, NUL bytes, quoted newlines, ragged or otherwise unreadable records, or a line longer than
    MAX_FIELD bytes (which may hold a field too large). Line numbers are then exact by construction:
    record k (in file order) sits on line k + 1.
    """
    lines, careful, bom = _count_lines(path)
    if careful or lines < 1:
        return None
    opts = (f"header=true, all_varchar=true, delim={_lit(delimiter)}, quote='\"', escape='\"', "
            f"strict_mode=true, null_padding=false, encoding='utf-8', max_line_size={MAX_FIELD}")
    try:
        con.execute(f'CREATE OR REPLACE TEMP TABLE "{table}__fast" AS '
                    f"SELECT * FROM read_csv({_lit(str(path))}, {opts})")
    except Exception:  # invalid unicode, ragged rows, unterminated quotes...: take the careful path
        con.execute(f'DROP TABLE IF EXISTS "{table}__fast"')
        return None
    n = con.execute(f'SELECT count(*) FROM "{table}__fast"').fetchall()[0][0]
    header = [r[0] for r in con.execute(f'DESCRIBE "{table}__fast"').fetchall()]
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        first = next(csv.reader([fh.readline()], delimiter=delimiter), [])
    if (n + 1 != lines or [h.strip() for h in first] != header or len(set(header)) != len(header)
            or not all(h.strip() for h in header) or _has_blank_record(con, f"{table}__fast", header)):
        con.execute(f'DROP TABLE "{table}__fast"')
        return None
    # no copy: the line number is the row's position in file order (preserve_insertion_order is on)
    con.execute(f'CREATE OR REPLACE TEMP VIEW "{table}" AS '
                f'SELECT *, (rowid + 2)::BIGINT AS "{LINE_COL}" FROM "{table}__fast"')
    return RawTable(table, header, n, "utf-8-sig" if bom else "utf-8", [], backing=f"{table}__fast")


def _has_blank_record(con, table: str, header: list[str]) -> bool:
    """A record whose every field is blank (the careful path skips it, like a blank line)."""
    chars = " || ".join(f"chr({ord(c)})" for c in BLANK)
    blank = " AND ".join(f"""coalesce(trim("{h.replace('"', '""')}", {chars}), '') = ''""" for h in header)
    return con.execute(f'SELECT count(*) FROM "{table}" WHERE {blank}').fetchall()[0][0] > 0


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_csv(con, path: Path, table: str, *, delimiter: str = ",") -> RawTable:
    kind = _sniff_kind(path)
    if kind == "text":
        fast = _read_csv_duckdb(con, path, table, delimiter)
        if fast is not None:
            return fast
    if kind != "text":
        what, hint = NOT_TEXT[kind]
        raise EtlError(f"this file is not a CSV text file (its content looks like {what})", file=path.name,
                       hint=hint)
    rejects: list[tuple[int, str, str, str]] = []
    with open(path, "rb") as fh:
        lines = _Lines(fh, _cr_only(path))
        reader = csv.reader(lines, delimiter=delimiter, strict=False)
        header = None
        prev_end = 0
        app = None
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                start = prev_end + 1
                prev_end = reader.line_num
                text = lines.take()
                if header is not None:
                    n += 1
                    rejects.append((start, "", f"unreadable record ({exc})", text[:1000]))
                    continue
                raise EtlError(f"cannot parse the header: {exc}", file=path.name, line=start,
                               hint="the first line must be the column names, separated by the delimiter") from None
            start, prev_end = prev_end + 1, reader.line_num
            text = lines.take()
            if not row or all(not c.strip(BLANK) for c in row):
                continue                                  # blank line: not a record
            if header is None:
                header = _unique_header(row, path.name)
                app = _Appender(con, table, header)
                continue
            n += 1
            if _unterminated(text, delimiter):
                rejects.append((start, "", f"unterminated quote: the record starting on line {start} runs to the "
                                f"end of the file (line {prev_end}); is the file truncated?", text[:1000]))
                continue
            if len(row) != len(header):
                # tolerate trailing empty fields (a common spreadsheet artefact)
                if len(row) > len(header) and not any(c.strip() for c in row[len(header):]):
                    row = row[:len(header)]
                else:
                    rejects.append((start, "", f"wrong number of fields: expected {len(header)}, found {len(row)}",
                                    delimiter.join(row)[:1000]))
                    continue
            big = next((i for i, c in enumerate(row) if len(c) > MAX_FIELD), None)
            if big is not None:
                rejects.append((start, header[big], f"field too large ({len(row[big]):,} characters)",
                                delimiter.join(c[:200] for c in row)[:1000]))
                continue
            nul = next((i for i, c in enumerate(row) if "\x00" in c), None)
            if nul is not None:
                rejects.append((start, header[nul], "NUL byte in the field (a corrupted record?)",
                                delimiter.join(row).replace("\x00", "\\0")[:1000]))
                continue
            app.add(start, row)
    if header is None:
        raise EtlError("the file is empty (no header line)", file=path.name,
                       hint="check the export: the file should start with a header line")
    app.flush()
    return RawTable(table, header, n, _encoding_label(lines.counts), rejects)


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_xlsx(con, path: Path, table: str, *, sheet: str | None = None, header_row: int | None = None) -> RawTable:
    import openpyxl

    if _sniff_kind(path) != "zip" or not zipfile.is_zipfile(path):
        raise EtlError("this .xlsx file is not an Excel workbook", file=path.name,
                       hint="save it as .xlsx from a spreadsheet program, or rename it to what it is (.csv)")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken workbooks
        raise EtlError(f"cannot open the workbook: {exc}", file=path.name,
                       hint="open and re-save the file in a spreadsheet program") from None
    if sheet and sheet not in wb.sheetnames:
        wb.close()
        raise EtlError(f"the workbook has no sheet named '{sheet}' (its sheets: {', '.join(wb.sheetnames)})",
                       file=path.name, hint="set `sheet` in the sidecar to one of these names")
    ws = wb[sheet] if sheet else wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = None
    header_cells, header_line = [], 0
    app = None
    n = 0
    rejects = []
    for lineno, values in enumerate(rows, start=1):
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        if header is None:
            if header_row is not None and lineno < header_row:
                continue
            filled = sum(1 for c in cells if c)
            # A title or merged group row above the real header fills only a few cells: skip it.
            if header_row is None and filled < max(2, len(cells) // 2):
                continue
            while cells and not cells[-1]:
                cells.pop()
            header = _unique_header(cells, path.name)
            header_cells, header_line = cells, lineno
            app = _Appender(con, table, header)
            continue
        if lineno == header_line + 1 and _continues_header(header_cells, cells):
            wb.close()
            raise EtlError(f"the header seems to span rows {header_line} and {lineno} (merged header cells?): "
                           f"row {lineno} fills columns that row {header_line} leaves unnamed",
                           file=path.name, line=lineno,
                           hint="keep a single header row that names every column (for example one column per "
                                "year, or better a `year` column), or set `header_row` in the sidecar")
        n += 1
        if len(cells) > len(header) and any(cells[len(header):]):
            rejects.append((lineno, "", f"wrong number of fields: expected {len(header)}, found {len(cells)}",
                            ",".join(cells)[:1000]))
            continue
        cells = (cells + [""] * len(header))[:len(header)]
        big = next((i for i, c in enumerate(cells) if len(c) > MAX_FIELD), None)
        if big is not None:
            rejects.append((lineno, header[big], f"field too large ({len(cells[big]):,} characters)",
                            ",".join(c[:200] for c in cells)[:1000]))
            continue
        app.add(lineno, cells)
    wb.close()
    if header is None:
        where = f" at or below row {header_row}" if header_row else ""
        raise EtlError(f"the sheet '{ws.title}' is empty (no header row{where})", file=path.name,
                       hint="put the data on the first sheet (or set `sheet` in the sidecar), header row first")
    app.flush()
    return RawTable(table, header, n, "xlsx", rejects)


def _continues_header(header: list[str], row: list[str]) -> bool:
    """The row below the header looks like a second header row: it fills columns that the header leaves
    unnamed to the right of a named one (as under a merged group cell: "Value" over "2019 | 2020") while
    leaving named columns empty. (An unnamed first column, such as a pandas index, does not count.)"""
    first_named = next(i for i, h in enumerate(header) if h)
    fills_unnamed = any(c for i, c in enumerate(row) if i > first_named and (i >= len(header) or not header[i]))
    leaves_named = any(i >= len(row) or not row[i] for i, h in enumerate(header) if h)
    return fills_unnamed and leaves_named


def read_any(con, path: Path, table: str, options: dict) -> RawTable:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(con, path, table, delimiter=options.get("delimiter", ","))
    if suffix == ".xlsx":
        return read_xlsx(con, path, table, sheet=options.get("sheet"), header_row=options.get("header_row"))
    raise EtlError(f"unsupported file type '{suffix}'", file=path.name, hint="use .csv or .xlsx")
