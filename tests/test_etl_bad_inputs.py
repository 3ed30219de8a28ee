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

import openpyxl
import pytest

from etl import pipeline
from etl.errors import EtlError
from tests.etl_helpers import REPO, q

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
