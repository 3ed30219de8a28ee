"""Read a CSV file into a raw text table, keeping each record's line number.

Fast path: clean UTF-8 files go through DuckDB's parallel reader, one record per physical line. Careful
path (anything else): every physical line is read with a bounded length (a line over paths.MAX_LINE bytes
is rejected, never held whole), decoded on its own (UTF-8, UTF-8 with BOM, else Windows-1252), parsed with
the csv module (quoted commas and newlines included) and appended in chunks. Records with the wrong number
of fields, that the csv module cannot parse, that hold a NUL byte or a field over MAX_FIELD characters, or
whose quote never closes (a truncated file) are structural rejects with their line. Blank lines, and lines
whose every field is blank (a spreadsheet's empty row), are not records. Lines may end in LF, CRLF or CR.
Title rows above the header are skipped: the header is the first row naming every column the layout needs.
"""
from __future__ import annotations

import csv
import io

from ..errors import EtlError
from ..paths import HEADER_SCAN_ROWS, MAX_FIELD, MAX_LINE, RAW_RECORD_CHARS
from ..sql import ident, literal
from .raw import (
    BLANK,
    LINE_COL,
    Appender,
    RawTable,
    blank,
    is_header,
    not_what_it_says,
    sniff_kind,
    unique_header,
)

csv.field_size_limit(MAX_LINE + 1)
TOO_LONG = "\x00\x01line-too-long\x01\x00"     # stands in for a line over MAX_LINE bytes


def _bounded_lines(fh, cr_only: bool):
    """Physical lines as bytes, each at most MAX_LINE bytes; a longer one is skipped and replaced by TOO_LONG."""
    sep = b"\r" if cr_only else b"\n"
    if not cr_only:
        while True:
            line = fh.readline(MAX_LINE + 1)
            if not line:
                return
            if len(line) > MAX_LINE and not line.endswith(b"\n"):
                while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                yield TOO_LONG.encode() + b"\n"
            else:
                yield line
    rest, dropping = b"", False
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        parts = (rest + chunk).split(sep)
        rest = parts.pop()
        for part in parts:
            if dropping:
                dropping = False
                yield TOO_LONG.encode() + sep
            else:
                yield part + sep
        if len(rest) > MAX_LINE:
            rest, dropping = b"", True
    if dropping:
        yield TOO_LONG.encode()
    elif rest:
        yield rest


class _Lines:
    """Decoded physical lines, remembering the text of the record being parsed."""

    def __init__(self, fh, cr_only: bool):
        self.counts = {"utf8": 0, "cp1252": 0, "bom": False}
        self._it = self._decode(_bounded_lines(fh, cr_only))
        self._record: list[str] = []

    def _decode(self, raw_lines):
        first = True
        for raw in raw_lines:
            if first:
                first = False
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                    self.counts["bom"] = True
            try:
                text = raw.decode("utf-8")
                self.counts["utf8"] += 0 if raw.isascii() else 1
            except UnicodeDecodeError:
                self.counts["cp1252"] += 1
                text = raw.decode("cp1252", errors="replace")
            yield text

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._it)
        self._record.append(line)
        return line

    def take(self) -> str:
        text, self._record = "".join(self._record), []
        return text

    def encoding(self) -> str:
        c = self.counts
        base = "cp1252" if c["cp1252"] and not c["utf8"] else ("mixed utf-8/cp1252" if c["cp1252"] else "utf-8")
        return base + ("-sig" if c["bom"] and base == "utf-8" else "")


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


def _cr_only(head: bytes) -> bool:
    return b"\r" in head and b"\n" not in head


def _scan(inp) -> tuple[int, bool, bool]:
    """(non-empty physical lines, needs the careful path, starts with a UTF-8 BOM), scanning bytes in C."""
    lines, careful, prev_nl, last = 0, False, True, b"\n"
    with inp.reader() as fh:
        bom = fh.read(3) == b"\xef\xbb\xbf"
        fh.seek(0)
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            lines += chunk.count(b"\n")
            if (b"\n\n" in chunk or b"\n\r\n" in chunk or (prev_nl and chunk[:1] in (b"\n", b"\r"))
                    or b"\x00" in chunk):
                careful = True
            prev_nl = chunk.endswith(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n"), careful, bom


def _cells(line: str, delimiter: str) -> list[str]:
    """The fields of one physical line ([] when the csv module cannot split it on its own)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def find_header(inp, delimiter: str, expect: tuple[str, ...], header_row: int | None) -> int:
    """The physical line of the header: `header_row`, else the first of the first rows naming every expected
    column, else the first non-blank line."""
    first = None
    with inp.reader() as fh:
        lines = _Lines(fh, _cr_only(inp.head(1 << 16)))
        for no, text in enumerate(lines, start=1):
            if no > max(HEADER_SCAN_ROWS, header_row or 0):
                break
            cells = _cells(text, delimiter)
            if header_row is not None:
                if no == header_row:
                    return no
                continue
            if blank(cells):
                continue
            first = first or no
            if is_header(cells, expect):
                return no
    return first or 1


def _fast(con, inp, table: str, delimiter: str, header_line: int) -> RawTable | None:
    """DuckDB's reader for clean UTF-8 files; None (leaving no table) when the file needs the careful path.

    Line numbers are exact by construction: record k (in file order) sits on line k + header_line.
    """
    lines, careful, bom = _scan(inp)
    if careful or lines < header_line or _cr_only(inp.head(1 << 16)):
        return None
    fast = f"{table}__fast"
    opts = (f"header=true, all_varchar=true, delim={literal(delimiter)}, quote='\"', escape='\"', "
            f"strict_mode=true, null_padding=false, encoding='utf-8', max_line_size={MAX_FIELD}, "
            f"skip={header_line - 1}")
    try:
        con.execute("SET preserve_insertion_order = true")     # rowid order = file order, for line numbers
        con.execute(f"CREATE OR REPLACE TABLE {ident(fast)} AS SELECT * FROM read_csv($1, {opts})",
                    [inp.path])
    except Exception:  # noqa: BLE001 - invalid unicode, ragged rows, unterminated quotes...: the careful path
        con.execute(f"DROP TABLE IF EXISTS {ident(fast)}")
        return None
    finally:
        con.execute("SET preserve_insertion_order = false")
    n = con.execute(f"SELECT count(*) FROM {ident(fast)}").fetchall()[0][0]
    header = [r[0] for r in con.execute(f"DESCRIBE {ident(fast)}").fetchall()]
    with inp.reader() as fh:
        for _ in range(header_line - 1):
            fh.readline(MAX_LINE)
        first = _cells(fh.readline(MAX_LINE).decode("utf-8-sig", "replace"), delimiter)
    if (n + header_line != lines or [h.strip() for h in first] != header or len(set(header)) != len(header)
            or not all(h.strip() for h in header) or _has_blank_record(con, fast, header)):
        con.execute(f"DROP TABLE {ident(fast)}")
        return None
    # no copy: the line number is the row's position in file order
    con.execute(f"CREATE OR REPLACE TEMP VIEW {ident(table)} AS "
                f"SELECT *, (rowid + {header_line + 1})::BIGINT AS {ident(LINE_COL)} FROM {ident(fast)}")
    return RawTable(table, header, n, "utf-8-sig" if bom else "utf-8", [], backing=fast)


def _has_blank_record(con, table: str, header: list[str]) -> bool:
    """A record whose every field is blank (the careful path skips it, like a blank line)."""
    chars = " || ".join(f"chr({ord(c)})" for c in BLANK)
    cond = " AND ".join(f"coalesce(trim({ident(h)}, {chars}), '') = ''" for h in header)
    return con.execute(f"SELECT count(*) FROM {ident(table)} WHERE {cond}").fetchall()[0][0] > 0


def read(con, inp, table: str, *, delimiter: str = ",", expect: tuple[str, ...] = (),
         header_row: int | None = None) -> RawTable:
    kind = sniff_kind(inp.head())
    if kind != "text":
        raise not_what_it_says(kind, inp.name)
    header_line = find_header(inp, delimiter, expect, header_row)
    fast = _fast(con, inp, table, delimiter, header_line)
    return fast if fast is not None else _careful(con, inp, table, delimiter, header_line)


def _careful(con, inp, table: str, delimiter: str, header_line: int) -> RawTable:
    rejects: list[tuple[int, str, str, str]] = []
    header = app = None
    prev_end = n = 0
    with inp.reader() as fh:
        lines = _Lines(fh, _cr_only(inp.head(1 << 16)))
        reader = csv.reader(lines, delimiter=delimiter, strict=False)
        while True:
            try:
                row = next(reader)
                error = None
            except StopIteration:
                break
            except csv.Error as exc:
                row, error = None, exc
            start, prev_end = prev_end + 1, reader.line_num
            text = lines.take()
            if start < header_line:
                continue                              # a title row above the header
            if header is None:
                if TOO_LONG in text:
                    raise EtlError(f"the header line is longer than {MAX_LINE:,} bytes", file=inp.name,
                                   line=start, hint="check that the file is a table with one header line")
                if error is not None:
                    raise EtlError(f"cannot parse the header: {error}", file=inp.name, line=start,
                                   hint="the header must be the column names, separated by the delimiter")
                if blank(row or []):
                    continue
                header = unique_header(row, inp.name, start)
                app = Appender(con, table, header)
                continue
            if error is None and (not row or blank(row)) and TOO_LONG not in text:
                continue                              # blank line: not a record
            n += 1
            reason, column = _problem(row, error, text, header, delimiter, start, prev_end)
            if reason:
                shown = text if TOO_LONG not in text else "(line too long to keep)"
                rejects.append((start, column, reason, shown.replace("\x00", "\\0")[:RAW_RECORD_CHARS]))
                continue
            app.add(start, (row + [""] * len(header))[:len(header)])
    if header is None:
        raise EtlError("the file is empty (no header line)", file=inp.name,
                       hint="check the export: the file should start with a header line")
    app.flush()
    return RawTable(table, header, n, lines.encoding(), rejects)


def _problem(row, error, text: str, header: list[str], delimiter: str, start: int, end: int):
    """(reason, column) why a record cannot be loaded, or (None, '')."""
    if TOO_LONG in text:
        return f"line too long (over {MAX_LINE:,} bytes; not read)", ""
    if error is not None:
        return f"unreadable record ({error})", ""
    if _unterminated(text, delimiter):
        return (f"unterminated quote: the record starting on line {start} runs to the end of the file "
                f"(line {end}); is the file truncated?"), ""
    if len(row) != len(header) and not (len(row) > len(header) and blank(row[len(header):])):
        return f"wrong number of fields: expected {len(header)}, found {len(row)}", ""
    big = next((i for i, c in enumerate(row[:len(header)]) if len(c) > MAX_FIELD), None)
    if big is not None:
        return f"field too large ({len(row[big]):,} characters)", header[big]
    nul = next((i for i, c in enumerate(row[:len(header)]) if "\x00" in c), None)
    if nul is not None:
        return "NUL byte in the field (a corrupted record?)", header[nul]
    return None, ""

