"""Property-based tests (hypothesis): random tidy files never end in a traceback, and their counts are honest.

1. Random tidy CSV files (valid rows mixed with bad codes, names, years, numbers, units, duplicates, ragged
   rows, blank lines and empty records; quotes, delimiters and newlines inside fields; random unicode in the
   country column; random column order; LF, CRLF or CR; optional BOM; UTF-8, Windows-1252 or both): the run
   succeeds, rows_read = rows_loaded + rows_rejected, and every count, rejected line, reason and loaded value
   equals an oracle computed here from how each row was generated (not by re-running the ETL's logic).
2. The DuckDB fast path and the careful Python path agree on every clean file.
3. Arbitrary bytes after a valid header, or instead of the file: the run succeeds with the invariant or
   stops with an EtlError; never any other exception.
"""
from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from etl import load, pipeline
from etl.errors import EtlError
from etl.sources import csvtext, raw
from etl.staging import checks
from tests.etl_helpers import q, write_sidecar

MIN_YEAR, RUN_YEAR = checks.MIN_YEAR, load.max_year()
SETTINGS = dict(deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: indicator -> (unit, may the value be negative?)
INDICATORS = {"p_count": ("count", False), "p_rate": ("Rate per 100,000 population", False),
              "p_change": ("change (%)", True)}
#: (text in the iso3 column, the ISO3 it stands for) and (text, the reason the row is rejected)
CODES = [("KEN", "KEN"), ("ken", "KEN"), (" UGA ", "UGA"), ("TZA", "TZA"), ("FRA", "FRA")]
BAD_CODES = [("XXX", "unknown country code 'XXX'"), ("GBR_S", "subnational unit 'GBR_S'"),
             ("OWID_XYZ", "aggregate not mapped: 'OWID_XYZ'"), ("GBR_E_W", "subnational unit 'GBR_E_W'")]
#: the same for the country column when there is no iso3 column
NAMES = [("Kenya", "KEN"), ("Côte d'Ivoire", "CIV"), ("Curaçao", "CUW"), ("Réunion", "REU")]
BAD_NAMES = [("Atlantis", "unknown country name 'Atlantis'"), ("Congo", "ambiguous country name 'Congo'"),
             ("USSR", "historical country 'USSR'"), ("", "missing country")]
#: (text, reason) of values that are not numbers
BAD_VALUES = [("n/a", "not a number: 'n/a'"), ("—", "not a number: '—'"), ("<5", "censored value '<5'"),
              (">100", "censored value '>100'"), ("", "missing value"), ("   ", "missing value"),
              ("NaN", "not a number: 'NaN'"), ("inf", "not a number: 'inf'"), ("1,23", "not a number: '1,23'"),
              ("12 000", "not a number: '12 000'"), ("1e999", "not a finite number")]
BAD_YEARS = [("20x0", "unparseable year '20x0'"), ("", "unparseable year ''"), ("n/a", "unparseable year 'n/a'"),
             ("199", "unparseable year '199'"), ("20190", "unparseable year '20190'"),
             ("2020.5", "unparseable year '2020.5'")]


@dataclass
class Row:
    """One generated data row, and what the ETL must make of it."""
    fields: dict[str, str]
    iso3: str | None = None          # resolved code, or None (then `reason` says why)
    year: int | None = None
    value: float | None = None
    indicator: str = ""
    reason: str | None = None        # the first check the row fails, None if it passes


@dataclass
class Generated:
    content: bytes
    delimiter: str
    rows_read: int = 0
    rejects: dict[int, str] = field(default_factory=dict)     # line -> reason substring
    values: list[tuple] = field(default_factory=list)         # (iso3, year, indicator, value), sorted


def _values(bad: bool):
    """(text, number or None, reason if not a number); negative numbers count as valid here."""
    if bad:
        return st.sampled_from(BAD_VALUES).map(lambda tr: (tr[0], None, tr[1]))
    return st.one_of(
        st.integers(0, 10**6).map(lambda n: (str(n), float(n))),
        st.integers(0, 10**5).map(lambda n: (f"{n / 10:.1f}", float(f"{n / 10:.1f}"))),
        st.integers(1000, 10**8).map(lambda n: (f"{n:,}", float(n))),                  # thousands separators
        st.integers(0, 999).map(lambda n: (f" {n} ", float(n))),                         # padded
    ).map(lambda tv: (tv[0], tv[1], None))


def _years(bad: bool):
    """(text, year or None, reason)."""
    good = st.integers(MIN_YEAR, RUN_YEAR)
    if not bad:
        return st.one_of(good.map(lambda y: (str(y), y, None)), good.map(lambda y: (f"{y}.0", y, None)))
    return st.one_of(
        st.one_of(st.integers(1000, MIN_YEAR - 1), st.integers(RUN_YEAR + 1, 9999)).map(
            lambda y: (str(y), None, f"year out of range ({y}; expected {MIN_YEAR}-{RUN_YEAR})")),
        st.sampled_from(BAD_YEARS).map(lambda tr: (tr[0], None, tr[1])))


@st.composite
def tidy_rows(draw, by_name: bool, country_text, clean: bool) -> Row:
    """A row that is valid, or wrong in one field (the others valid)."""
    bad = draw(st.sampled_from([None] * 5 + ["geo", "year", "value", "negative", "indicator", "unit"]))
    # (a clean file has no empty record: a row by name always names a country there)
    bad_geo = [n for n in BAD_NAMES if n[0] or not clean] if by_name else BAD_CODES
    geo_text, geo = draw(st.sampled_from(bad_geo if bad == "geo" else NAMES if by_name else CODES))
    year_text, year, year_reason = draw(_years(bad == "year"))
    value_text, value, value_reason = draw(_values(bad == "value"))
    indicator = "" if bad == "indicator" else draw(st.sampled_from(list(INDICATORS)))
    unit, signed = INDICATORS.get(indicator, ("count", False))
    unit = "" if bad == "unit" else unit
    if bad == "negative" or (bad is None and signed and draw(st.booleans())):   # (a change may be negative)
        n = draw(st.integers(1, 10**5))
        value_text, value = draw(st.sampled_from([f"-{n}", f"-{n:,}"])), -float(n)
    fields = {"country": geo_text if by_name else draw(country_text), "year": year_text,
              "indicator_id": indicator, "value": value_text, "unit": unit}
    if not by_name:
        fields["iso3"] = geo_text
    iso3 = geo if len(geo) == 3 and geo.isupper() else None
    # the first check that fails, in the order of staging.checks.CHECKS
    reasons = [None if iso3 else geo, "missing indicator id" if not indicator else None,
               "missing unit" if not unit else None, year_reason, value_reason,
               f"negative value ({value_text.strip()})" if value is not None and value < 0 and not signed else None]
    return Row(fields, iso3, year, value, indicator, next((r for r in reasons if r), None))


@st.composite
def tidy_files(draw, *, clean: bool = False) -> Generated:
    """A tidy CSV file and its oracle. clean=True: UTF-8, LF/CRLF, no blank or ragged lines, no quoted
    newlines (a file the DuckDB fast path takes)."""
    by_name = draw(st.booleans())
    delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    terminator = draw(st.sampled_from(["\n", "\r\n"] + ([] if clean else ["\r"])))
    encoding = "utf-8" if clean else draw(st.sampled_from(["utf-8", "cp1252", "mixed"]))
    codec = "utf-8" if encoding == "utf-8" else "cp1252"
    banned = "\x00" + ("\r\n" if clean or terminator == "\r" else "")
    country_text = st.text(st.characters(codec=codec, exclude_characters=banned), max_size=12)
    columns = (["country"] if by_name else ["iso3", "country"]) + ["year", "indicator_id", "value", "unit"]
    columns += draw(st.sampled_from([[], ["notes"]]))
    columns = draw(st.permutations(columns))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))

    def record(values: list[str]) -> str:
        buf = io.StringIO()     # lineterminator \r\n so that fields holding \r or \n are always quoted
        csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n").writerow(values)
        return buf.getvalue()[:-2] + terminator

    def encode(text: str) -> bytes:
        enc = codec if encoding != "mixed" else draw(st.sampled_from(["utf-8", "cp1252"]))
        return text.encode(enc)

    lines_in = (lambda text: text.count("\r")) if terminator == "\r" else (lambda text: text.count("\n"))
    out = Generated(b"", delimiter)
    chunks = [b"\xef\xbb\xbf"] if draw(st.booleans()) else []
    line = 1
    if not clean and draw(st.integers(0, 4)) == 0:
        chunks.append(terminator.encode())                     # a blank line before the header
        line += 1
    head = record(columns)
    chunks.append(head.encode())
    line += lines_in(head)
    passed: list[tuple[int, Row]] = []
    kinds = ["row"] * 8 + ["dup", "conflict"] + ([] if clean else ["extra", "short", "trailing", "blank",
                                                                  "spaces", "empty"])
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(kinds))
        if kind in ("dup", "conflict") and not passed:
            kind = "row"
        if kind == "blank":
            text = terminator
        elif kind == "spaces":
            text = "   " + terminator
        elif kind == "empty":                                   # a spreadsheet's empty row: not a record
            text = record([""] * len(columns))
        else:
            if kind in ("dup", "conflict"):
                _, src = draw(st.sampled_from(passed))
                row = Row(dict(src.fields), src.iso3, src.year, src.value, src.indicator)
                if kind == "conflict":
                    new = draw(st.integers(0, 10**6).filter(lambda n: float(n) != src.value))
                    row.fields["value"], row.value = str(new), float(new)
            else:
                row = draw(tidy_rows(by_name, country_text, clean))
            row.fields["notes"] = draw(st.sampled_from(["", "provisional", "a, b", 'say "hi"']))
            values = [row.fields[c] for c in columns]
            if kind == "extra":
                values.append("surplus")
            elif kind == "short":
                values.pop(draw(st.integers(0, len(values) - 1)))
            elif kind == "trailing":
                values += ["", ""]
            text = record(values)
            if any(v.strip(raw.BLANK) for v in values):     # (else it is an empty record, skipped)
                out.rows_read += 1
                if kind in ("extra", "short"):
                    out.rejects[line] = "wrong number of fields"
                elif row.reason:
                    out.rejects[line] = row.reason
                else:
                    passed.append((line, row))
        chunks.append(encode(text))
        line += lines_in(text)
    if chunks[-1].endswith(terminator.encode()) and draw(st.booleans()):   # no newline at the end
        chunks[-1] = chunks[-1][: -len(terminator)]
    # duplicates among the rows that pass: one value keeps the first line, several values lose them all
    groups: dict[tuple, list[tuple[int, Row]]] = {}
    for ln, row in passed:
        groups.setdefault((row.indicator, row.iso3, row.year), []).append((ln, row))
    for rows in groups.values():
        if len({r.value for _, r in rows}) > 1:
            out.rejects.update({ln: "duplicate key with conflicting values" for ln, _ in rows})
        else:
            out.values.append((rows[0][1].iso3, rows[0][1].year, rows[0][1].indicator, rows[0][1].value))
            out.rejects.update({ln: f"exact duplicate of line {rows[0][0]}" for ln, _ in rows[1:]})
    out.values.sort()
    out.content = b"".join(chunks)
    return out


def _run(content: bytes, delimiter: str = ","):
    """Run the ETL on one file in a fresh data directory: (result, the directory) — the caller removes it."""
    dd = Path(tempfile.mkdtemp(prefix="etl-prop-"))
    (dd / "raw").mkdir()
    path = dd / "raw" / "prop.csv"
    path.write_bytes(content)
    write_sidecar(path, **({"delimiter": delimiter} if delimiter != "," else {}))
    try:
        return pipeline.run(dd), dd
    except BaseException:
        shutil.rmtree(dd, ignore_errors=True)
        raise


def _observed(dd: Path):
    rejects = {line: reason for line, reason in q(dd, "SELECT line, reason FROM rejects")}
    values = sorted(q(dd, "SELECT iso3, year, indicator_id, value FROM indicator_values"))
    (counts,) = q(dd, "SELECT rows_read, rows_loaded, rows_rejected FROM sources")
    return counts, rejects, values


@pytest.mark.slow
@settings(max_examples=40, **SETTINGS)
@given(tidy_files())
def test_random_tidy_file_counts_match_the_oracle(gen):
    note(repr(gen.content[:3000]))
    result, dd = _run(gen.content, gen.delimiter)          # any exception (EtlError too) fails the property
    try:
        (st_,) = result.stats
        assert st_.rows_read == st_.rows_loaded + st_.rows_rejected
        (read, loaded, rejected), rejects, values = _observed(dd)
        assert (read, loaded, rejected) == (st_.rows_read, st_.rows_loaded, st_.rows_rejected)
        assert read == gen.rows_read
        assert rejected == len(gen.rejects) and loaded == len(gen.values)
        assert sorted(rejects) == sorted(gen.rejects), (rejects, gen.rejects)
        for line, reason in gen.rejects.items():
            assert reason in rejects[line], (line, rejects[line], reason)
        assert values == gen.values
    finally:
        shutil.rmtree(dd, ignore_errors=True)


@pytest.mark.slow
@settings(max_examples=20, **SETTINGS)
@given(tidy_files(clean=True))
def test_fast_and_careful_csv_paths_agree(gen):
    """The same records read by DuckDB's reader and by the csv module load and reject identically (a blank
    line at the end of the file sends it down the careful path without moving any line)."""
    fast_taken = []
    original = csvtext._fast

    def spy(*args, **kwargs):
        table = original(*args, **kwargs)
        fast_taken.append(table is not None)
        return table
    csvtext._fast = spy
    try:
        results = []
        for content in (gen.content, gen.content + b"\n\n"):
            result, dd = _run(content, gen.delimiter)
            try:
                results.append(_observed(dd))
            finally:
                shutil.rmtree(dd, ignore_errors=True)
    finally:
        csvtext._fast = original
    assert fast_taken == [True, False]
    assert results[0] == results[1]


def _fuzz_files():
    header = "iso3,country,year,indicator_id,value,unit\n".encode()
    noise = st.one_of(st.binary(max_size=300),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.lists(st.sampled_from(["KEN", "2020", "p_count", "1", "count", "", '"', ",", "\n", "\r",
                                                ";", "é", "\x00", "\ufeff", " "]), max_size=60)
                      .map(lambda parts: "".join(parts).encode("utf-8")))
    return st.one_of(noise.map(lambda b: header + b), noise)


@pytest.mark.slow
@settings(max_examples=40, **SETTINGS)
@given(_fuzz_files())
def test_arbitrary_bytes_end_in_counts_or_an_etl_error_never_a_traceback(content):
    note(repr(content))
    try:
        result, dd = _run(content)
    except EtlError:
        return
    try:
        (st_,) = result.stats
        assert st_.rows_read == st_.rows_loaded + st_.rows_rejected
        (read, loaded, rejected), _, _ = _observed(dd)
        assert (read, loaded, rejected) == (st_.rows_read, st_.rows_loaded, st_.rows_rejected)
    finally:
        shutil.rmtree(dd, ignore_errors=True)
