"""The corpus of bad inputs (tests/fixtures/bad/): every case ends exactly as its expected.toml says.

A case is loaded (every row in), rejected (some rows out, each with its line, column and reason) or fatal
(an EtlError naming the file, with a 'What to do' hint, and nothing written). For every source that loads,
rows_read = rows_loaded + rows_rejected, in the run's result and in the `sources` table.
See tests/fixtures/bad/make_fixtures.py for the format and to add a case.
"""
from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl import pipeline
from etl.errors import EtlError
from tests.etl_helpers import REPO, add_file, data_dir, q

CORPUS = Path(__file__).resolve().parent / "fixtures" / "bad"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.toml").exists())


def expected(case: str) -> dict:
    return tomllib.loads((CORPUS / case / "expected.toml").read_text(encoding="utf-8"))


def data_dir_for(case: str, tmp: Path) -> Path:
    """A data directory whose raw/ holds the case's files exactly as they are in the corpus, with the links
    (and the files outside raw/ they point to) that expected.toml describes."""
    exp = expected(case)
    dd = tmp / exp.get("data_dir", "dd")
    shutil.copytree(CORPUS / case, dd / "raw", ignore=shutil.ignore_patterns("expected.toml"))
    for name, text in exp.get("outside", {}).items():
        (dd / "outside").mkdir(exist_ok=True)
        (dd / "outside" / name).write_text(text, encoding="utf-8")
    for name, target in exp.get("links", {}).items():
        os.symlink(target, dd / "raw" / name)
    return dd


def test_corpus_covers_every_outcome_with_at_least_25_cases():
    outcomes = [expected(c)["outcome"] for c in CASES]
    assert len(CASES) >= 25
    assert {"loaded", "rejected", "fatal"} == set(outcomes)
    for case in CASES:
        assert expected(case).get("description"), case


@pytest.mark.parametrize("case", CASES)
def test_bad_input_ends_as_expected(tmp_path, monkeypatch, case):
    exp = expected(case)
    dd = data_dir_for(case, tmp_path)
    for name, value in exp.get("env", {}).items():
        monkeypatch.setenv(name, value)
    if exp["outcome"] == "fatal":
        with pytest.raises(EtlError) as err:
            pipeline.run(dd)
        text = str(err.value)
        assert exp["message"] in text, text
        assert exp["file"] in text, text
        assert "What to do" in text, text
        log = dd / "logs" / "etl_runs.jsonl"
        for secret in exp.get("absent", []):      # no file content beyond the offending field
            assert secret not in text and (not log.exists() or secret not in log.read_text()), secret
        # nothing was published, and no build is left behind
        assert not any((dd / name).exists() or (dd / name).is_symlink()
                       for name in ("warehouse.duckdb", "parquet", "current"))
        assert not (dd / ".builds").exists() or list((dd / ".builds").iterdir()) == []
        return

    result = pipeline.run(dd)
    sources = {s[0]: s[1:] for s in q(dd, "SELECT source_id, rows_read, rows_loaded, rows_rejected, rows_routed, "
                                          "encoding FROM sources")}
    for st in result.stats:
        assert st.rows_read == st.rows_loaded + st.rows_rejected
        assert sources[st.source_id][:4] == (st.rows_read, st.rows_loaded, st.rows_rejected, st.rows_routed)
    if "per_source" in exp:
        assert {s: list(v[:3]) for s, v in sources.items()} == exp["per_source"]
    else:
        (st,) = result.stats
        assert (st.rows_read, st.rows_loaded, st.rows_rejected, st.rows_routed) == \
            (exp["rows_read"], exp["rows_loaded"], exp["rows_rejected"], exp.get("rows_routed", 0))
        if "encoding" in exp:
            assert sources[st.source_id][4] == exp["encoding"]

    rejects = q(dd, "SELECT line, coalesce(column_name, ''), reason FROM rejects ORDER BY line, reason")
    want = sorted(exp.get("rejects", []), key=lambda r: (r["line"], r["reason"]))
    assert len(rejects) == len(want) == sum(st.rows_rejected for st in result.stats), rejects
    for (line, column, reason), w in zip(rejects, want):
        assert (line, column) == (w["line"], w["column"]), (line, column, reason)
        assert w["reason"] in reason, (line, reason)
    assert (exp["outcome"] == "loaded") == (rejects == [])

    if "values" in exp:
        got = q(dd, "SELECT iso3, year, indicator_id, value FROM indicator_values ORDER BY ALL")
        assert [list(r) for r in got] == [[i, y, ind, float(v)] for i, y, ind, v in exp["values"]]


@pytest.mark.parametrize("case", ["sidecar_broken_toml", "csv_is_really_xlsx"])
def test_cli_fatal_case_exits_2_with_the_message_and_no_traceback(tmp_path, case):
    exp = expected(case)
    dd = data_dir_for(case, tmp_path)
    proc = subprocess.run([sys.executable, "-m", "etl", "--data-dir", str(dd)], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "250"})
    assert proc.returncode == 2
    assert "ETL failed" in proc.stderr and exp["message"] in proc.stderr and exp["file"] in proc.stderr
    assert "What to do" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (dd / "warehouse.duckdb").exists()


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", CORPUS / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _workbook(data: bytes) -> dict:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    try:
        return {ws.title: ([list(r) for r in ws.iter_rows(values_only=True)], sorted(map(str, ws.merged_cells.ranges)))
                for ws in wb.worksheets}
    finally:
        wb.close()


def _same(a: bytes, b: bytes) -> bool:
    """Byte for byte, except workbooks: their XML depends on whether openpyxl finds lxml, so compare cells."""
    if a == b:
        return True
    return a[:4] == b[:4] == b"PK\x03\x04" and _workbook(a) == _workbook(b)


def test_corpus_files_match_their_generator(tmp_path):
    """The committed fixtures are what make_fixtures.py writes."""
    assert sorted(_load_generator().write(tmp_path)) == CASES
    for case in CASES:
        mine = sorted(p.name for p in (tmp_path / case).iterdir())
        assert mine == sorted(p.name for p in (CORPUS / case).iterdir()), case
        for name in mine:
            assert _same((tmp_path / case / name).read_bytes(), (CORPUS / case / name).read_bytes()), (case, name)


def test_corpus_fixtures_are_tiny():
    sizes = {p.relative_to(CORPUS): p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()}
    assert max(sizes.values()) <= 300_000
    assert sum(sizes.values()) <= 700_000


# -- faults that need a running ETL (beside the corpus) -------------------------------------------------------

GOOD = "iso3,country,year,indicator_id,value,unit\nKEN,Kenya,2020,t_count,10,count\n"


def test_recorded_sha256_is_of_the_file_read_even_if_it_is_replaced_mid_run(tmp_path, monkeypatch):
    """The file is replaced (a new edition copied over it) after the ETL opened it: the values and the hash
    recorded are both those of the file read, never a mix."""
    import hashlib

    from etl import load

    dd = data_dir(tmp_path / "dd", reference=False)
    add_file(dd, "data.csv", GOOD)
    original = load.read_file

    def replace_then_read(con, inp, *args, **kwargs):
        newer = dd / "raw" / ".newer.csv"
        newer.write_text(GOOD.replace(",10,", ",99,"))
        os.replace(newer, dd / "raw" / "data.csv")          # the path now names another file
        return original(con, inp, *args, **kwargs)
    monkeypatch.setattr(load, "read_file", replace_then_read)
    pipeline.run(dd)
    assert q(dd, "SELECT value FROM indicator_values") == [(10.0,)]
    assert q(dd, "SELECT sha256 FROM sources") == [(hashlib.sha256(GOOD.encode()).hexdigest(),)]


def test_a_file_changed_in_place_while_read_stops_the_run(tmp_path, monkeypatch):
    from etl import load

    dd = data_dir(tmp_path / "dd", reference=False)
    add_file(dd, "data.csv", GOOD)
    original = load.read_file

    def grow_then_read(con, inp, *args, **kwargs):
        with open(dd / "raw" / "data.csv", "a") as fh:
            fh.write("UGA,Uganda,2020,t_count,7,count\n")
        return original(con, inp, *args, **kwargs)
    monkeypatch.setattr(load, "read_file", grow_then_read)
    with pytest.raises(EtlError, match="changed while the ETL was reading it"):
        pipeline.run(dd)


def test_a_10_mb_sidecar_is_refused_before_it_is_parsed(tmp_path):
    dd = data_dir(tmp_path / "dd", reference=False)
    add_file(dd, "data.csv", GOOD)
    side = dd / "raw" / "data.csv.source.toml"
    side.write_text(side.read_text().replace('title = "Test source"', 'title = "' + "T" * 10_000_000 + '"'))
    with pytest.raises(EtlError) as err:
        pipeline.run(dd)
    assert "a sidecar holds at most 256,000" in str(err.value) and len(str(err.value)) < 500


def test_a_line_too_long_is_rejected_and_never_held_whole(tmp_path):
    """A 20 MB line: rejected with its line number; the reader holds at most MAX_LINE of it (memory used to grow
    to about 2.5 times the longest line)."""
    import tracemalloc

    from etl.inputs import Input, RawDir
    from etl.sources import csvtext

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "data.csv").write_bytes(GOOD.encode() + b"UGA,Uganda,2020,t_count," + b"9" * 20_000_000 + b",count\n"
                                   + b"TZA,Tanzania,2020,t_count,3,count\n")
    rd = RawDir(raw)
    inp = Input.open(rd, "data.csv")
    con = duckdb.connect()
    try:
        tracemalloc.start()
        table = csvtext.read(con, inp, "t")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert table.rows == 3 and [(r[0], r[2]) for r in table.rejects] == \
            [(3, "line too long (over 1,000,000 bytes; not read)")]
        assert con.execute("SELECT iso3, __line FROM t ORDER BY 2").fetchall() == [("KEN", 2), ("TZA", 4)]
        assert peak < 12_000_000, peak       # far less than the line itself (20 MB)
    finally:
        con.close()
        inp.close()
        rd.close()


def test_the_lock_file_never_follows_a_link(tmp_path):
    dd = data_dir(tmp_path / "dd", reference=False)
    add_file(dd, "data.csv", GOOD)
    precious = tmp_path / "precious.txt"
    precious.write_text("do not truncate me")
    os.symlink(precious, dd / ".etl.lock")
    with pytest.raises(EtlError, match="is a symbolic link"):
        pipeline.run(dd)
    assert precious.read_text() == "do not truncate me"


def test_public_only_builds_without_restricted_and_unknown_sources(tmp_path, monkeypatch):
    dd = data_dir(tmp_path / "dd", reference=False)
    add_file(dd, "open.csv", GOOD, redistribution="allowed")
    add_file(dd, "closed.csv", GOOD.replace("t_count", "c_count"), redistribution="restricted")
    add_file(dd, "unsaid.csv", GOOD.replace("t_count", "u_count"))
    result = pipeline.run(dd, public_only=True)
    assert result.left_out == ["closed", "unsaid"]
    assert q(dd, "SELECT source_id, redistribution FROM sources") == [("open", "allowed")]
    monkeypatch.setenv("ETL_PUBLIC_ONLY", "1")
    assert pipeline.run(dd).left_out == ["closed", "unsaid"]
    monkeypatch.setenv("ETL_PUBLIC_ONLY", "0")
    pipeline.run(dd)
    assert sorted(r[0] for r in q(dd, "SELECT redistribution FROM sources")) == ["allowed", "restricted", "unknown"]
