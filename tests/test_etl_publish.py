"""Atomic publish, SIGKILL at any moment, idempotence, --check, and the CLI's progress and summary."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from etl import marts, pipeline
from etl.errors import EtlError
from tests.etl_helpers import RAW, REPO, add_file, data_dir

TABLES_COMPARED = ["sources", "countries", "organizations", "org_membership", "region_members", "goals",
                   "indicators", "indicator_values", "region_values", "operations", "operation_countries",
                   "operation_results", "dialogue_meetings"]


def snapshot(dd) -> dict:
    """Every table's contents, sorted (rejects without the run id)."""
    con = duckdb.connect(str(dd / "warehouse.duckdb"), read_only=True)
    try:
        out = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES_COMPARED}
        out["rejects"] = sorted(con.execute("SELECT * EXCLUDE (run_id) FROM rejects").fetchall(), key=repr)
        out["parquet"] = sorted(p.name for p in (dd / "parquet").iterdir())
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def full_dir(tmp_path_factory):
    """A data directory with every bundled raw file, built once."""
    dd = tmp_path_factory.mktemp("full")
    shutil.copytree(RAW, dd / "raw")
    pipeline.run(dd)
    return dd


def test_idempotent_two_runs_give_identical_tables(full_dir):
    first = snapshot(full_dir)
    pipeline.run(full_dir)
    assert snapshot(full_dir) == first
    con = duckdb.connect(str(full_dir / "warehouse.duckdb"), read_only=True)
    assert [r[0] for r in con.execute("SELECT status FROM etl_runs ORDER BY started_at").fetchall()][-2:] == \
        ["success", "success"]
    con.close()


def test_failed_run_leaves_previous_warehouse_unchanged(full_dir, monkeypatch):
    before = snapshot(full_dir)
    target = os.readlink(full_dir / "current")

    def boom(b):
        raise RuntimeError("injected failure in the middle of the marts")
    monkeypatch.setattr(marts, "build", boom)
    with pytest.raises(RuntimeError, match="injected"):
        pipeline.run(full_dir)
    monkeypatch.undo()
    assert os.readlink(full_dir / "current") == target
    assert snapshot(full_dir) == before
    assert [p.name for p in (full_dir / ".builds").iterdir() if not (p / ".complete").exists()] == []
    # the failure is in the run log and the next run succeeds and records it
    pipeline.run(full_dir)
    con = duckdb.connect(str(full_dir / "warehouse.duckdb"), read_only=True)
    statuses = [r[0] for r in con.execute("SELECT status FROM etl_runs ORDER BY started_at").fetchall()]
    con.close()
    assert statuses[-2:] == ["failed", "success"]


def test_fatal_input_error_leaves_previous_warehouse_unchanged(full_dir):
    before = snapshot(full_dir)
    bad = add_file(full_dir, "zz_broken.csv", "iso3,year\nKEN,2020\n")
    try:
        with pytest.raises(EtlError, match="zz_broken.csv"):
            pipeline.run(full_dir)
    finally:
        bad.unlink()
        bad.with_name(bad.name + ".source.toml").unlink()
    assert snapshot(full_dir) == before


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.2, 0.8, 1.6, 2.4, 3.2])
def test_sigkill_at_any_moment_leaves_previous_warehouse_readable(full_dir, delay):
    before = snapshot(full_dir)
    proc = subprocess.Popen([sys.executable, "-m", "etl", "--data-dir", str(full_dir)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = snapshot(full_dir)        # whichever build `current` names, it is complete and readable
    if proc.returncode == -signal.SIGKILL:
        assert after == before
    pipeline.run(full_dir)            # the next run succeeds (stale lock and build dirs are handled)
    assert snapshot(full_dir) == before


def _tree(path):
    return sorted((str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in path.rglob("*"))


def test_check_validates_without_writing(tmp_path):
    """--check reads and tests everything and creates no file or folder in the data directory (no lock file, no
    build folder, no run log: it works in a temporary folder)."""
    dd = data_dir(tmp_path)
    before = _tree(dd)
    result = pipeline.run(dd, check=True)
    assert result.status == "checked"
    assert _tree(dd) == before
    assert sum(st.rows_read for st in result.stats) > 0


def test_cli_prints_progress_and_summary_and_exits_nonzero_on_fatal(tmp_path):
    dd = data_dir(tmp_path)
    ok = subprocess.run([sys.executable, "-m", "etl", "--data-dir", str(dd)], cwd=REPO, capture_output=True,
                        text=True, env={**os.environ, "COLUMNS": "200"})
    assert ok.returncode == 0, ok.stderr
    assert "population.csv: 17,195 read, 14,075 loaded (65 routed), 3,120 rejected" in ok.stderr
    assert "rows read" in ok.stderr and "total" in ok.stderr
    add_file(dd, "broken.csv", "iso3,year\nKEN,2020\n")
    bad = subprocess.run([sys.executable, "-m", "etl", "--data-dir", str(dd)], cwd=REPO, capture_output=True,
                         text=True, env={**os.environ, "COLUMNS": "200"})
    assert bad.returncode == 2
    assert "ETL failed" in bad.stderr and "broken.csv" in bad.stderr and "Traceback" not in bad.stderr


def test_parquet_files_match_the_warehouse(full_dir):
    con = duckdb.connect(str(full_dir / "warehouse.duckdb"), read_only=True)
    for table in ("indicator_values", "region_values", "operation_results"):
        n_db = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        n_pq = con.execute(f"SELECT count(*) FROM read_parquet('{full_dir / 'parquet' / table}.parquet')"
                           ).fetchall()[0][0]
        assert n_db == n_pq > 0
    con.close()
