"""One test per rejection reason, and the fatal errors that stop a run with a clear message."""
from __future__ import annotations

import pytest

from etl import pipeline
from etl.errors import EtlError
from tests.etl_helpers import add_file, data_dir, q

HEADER = "iso3,country,year,indicator_id,value,unit\n"
GOOD = "KEN,Kenya,2020,t_count,10,count\n"

# (case, data lines after the header, expected reason fragment, expected rejected column)
REASONS = [
    ("unknown country code", "XXX,Nowhere,2020,t_count,1,count\n", "unknown country code 'XXX'", "iso3"),
    ("subnational code", "GBR_S,Scotland,2020,t_count,1,count\n", "subnational unit 'GBR_S'", "iso3"),
    ("unmapped aggregate code", "OWID_XYZ,Somewhere,2020,t_count,1,count\n", "aggregate not mapped: 'OWID_XYZ'",
     "iso3"),
    ("unmapped aggregate name", ",Sub-Saharan Africa (UN),2020,t_count,1,count\n",
     "aggregate not mapped: 'Sub-Saharan Africa (UN)'", "iso3"),
    ("subnational name", ",United Kingdom (England and Wales),2020,t_count,1,count\n",
     "subnational unit 'United Kingdom (England and Wales)'", "iso3"),
    ("historical name", ",Yemen Arab Republic,1980,t_count,1,count\n", "historical country 'Yemen Arab Republic'",
     "iso3"),
    ("invalid indicator id", "KEN,Kenya,2020,T-Count!,1,count\n", "invalid indicator id 'T-Count!'", "indicator_id"),
    ("unparseable year", "KEN,Kenya,20x0,t_count,1,count\n", "unparseable year '20x0'", "year"),
    ("year out of range (past)", "KEN,Kenya,1850,t_count,1,count\n", "year out of range (1850", "year"),
    ("year out of range (future)", "KEN,Kenya,2999,t_count,1,count\n", "year out of range (2999", "year"),
    ("missing value", "KEN,Kenya,2020,t_count,,count\n", "missing value", "value"),
    ("not a number", "KEN,Kenya,2020,t_count,n/a,count\n", "not a number: 'n/a'", "value"),
    ("dash is not a number", "KEN,Kenya,2020,t_count,—,count\n", "not a number: '—'", "value"),
    ("censored value", "KEN,Kenya,2020,t_count,<5,count\n", "censored value '<5'", "value"),
    ("negative count", "KEN,Kenya,2020,t_count,-3,count\n", "negative value (-3) for a count", "value"),
    ("score outside scale", "KEN,Kenya,2020,t_score,11,score (1-10)\n", "outside the score scale 1", "value"),
    ("missing indicator", "KEN,Kenya,2020,,1,count\n", "missing indicator id", "indicator_id"),
    ("wrong number of fields", "KEN,Kenya,2020,t_count,1,count,extra\n", "wrong number of fields", None),
]


@pytest.mark.parametrize("case,line,reason,column", REASONS, ids=[r[0] for r in REASONS])
def test_reject_reason(tmp_path, case, line, reason, column):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "cases.csv", HEADER + GOOD + line)
    result = pipeline.run(dd)
    (st,) = result.stats
    assert (st.rows_read, st.rows_loaded, st.rows_rejected) == (2, 1, 1)
    rows = q(dd, "SELECT file, line, column_name, reason, raw_record FROM rejects")
    assert len(rows) == 1
    file, lineno, col, why, raw = rows[0]
    assert file == "cases.csv" and lineno == 3 and reason in why and col == column
    assert raw and raw.split(",")[0] == line.split(",")[0]
    assert q(dd, "SELECT rows_read, rows_loaded, rows_rejected FROM sources") == [(2, 1, 1)]
    # the rejects are also written to rejects/<run_id>.csv
    (csv_file,) = (dd / "rejects").glob("*.csv")
    assert reason.split("'")[0] in csv_file.read_text(encoding="utf-8")


def test_reject_unknown_and_historical_country_names(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "names.csv", "country,year,indicator_id,value,unit\nAtlantis,2020,t_count,1,count\n"
                              "USSR,1985,t_count,1,count\nKenya,2020,t_count,2,count\n")
    pipeline.run(dd)
    reasons = [r[0] for r in q(dd, "SELECT reason FROM rejects ORDER BY line")]
    assert reasons == ["unknown country name 'Atlantis'", "historical country 'USSR' (SUN, no longer exists)"]


def test_reject_duplicates_exact_keeps_first_and_conflicting_loses_all(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "dups.csv", HEADER + GOOD + GOOD +
             "UGA,Uganda,2020,t_count,5,count\nUGA,Uganda,2020,t_count,6,count\n")
    result = pipeline.run(dd)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 1, 3)
    rows = q(dd, "SELECT line, reason FROM rejects ORDER BY line")
    assert rows == [(3, "exact duplicate of line 2"),
                    (4, "duplicate key with conflicting values (lines 4, 5)"),
                    (5, "duplicate key with conflicting values (lines 4, 5)")]
    assert q(dd, "SELECT iso3, value FROM indicator_values") == [("KEN", 10.0)]


def test_thousands_separator_is_read_as_a_number(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "thousands.csv", HEADER + 'KEN,Kenya,2020,t_count,"1,234",count\n')
    pipeline.run(dd)
    assert q(dd, "SELECT value FROM indicator_values") == [(1234.0,)]


FATAL = [
    ("no sidecar", dict(_no_sidecar=True), HEADER + GOOD, "no provenance sidecar (expected cases.csv.source.toml)"),
    ("sidecar lacks fields", dict(license=None, url=None), HEADER + GOOD,
     "sidecar lacks required field(s): url, license"),
    ("unknown format", dict(format="parquet-ish"), HEADER + GOOD, "unknown format 'parquet-ish'"),
    ("missing column", {}, "iso3,country,year,indicator_id,unit\nKEN,Kenya,2020,t,count\n",
     "missing required column(s): value"),
    ("wrong delimiter", {}, "iso3;country;year;indicator_id;value;unit\nKEN;Kenya;2020;t;1;count\n",
     "delimited by another character"),
    ("empty file", {}, "", "the file is empty"),
    ("header only", {}, HEADER, None),
]


@pytest.mark.parametrize("case,side,content,message", FATAL, ids=[f[0] for f in FATAL])
def test_fatal_error_names_the_file_and_what_is_missing(tmp_path, case, side, content, message):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "cases.csv", content, **side)
    if message is None:                       # a header-only file is valid: nothing to load
        (st,) = pipeline.run(dd).stats
        assert (st.rows_read, st.rows_loaded, st.rows_rejected) == (0, 0, 0)
        return
    with pytest.raises(EtlError) as err:
        pipeline.run(dd)
    text = str(err.value)
    assert "cases.csv" in text and message in text
    assert "What to do" in text
    assert not (dd / "warehouse.duckdb").exists()
