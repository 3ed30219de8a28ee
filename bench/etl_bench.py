"""ETL wall time and peak memory: `python -m etl --data-dir DIR` as a child process, `runs` times.

Wall time is measured around the child with time.perf_counter (interpreter start-up included, as a user
sees it); peak memory is the child's own maximum resident set size, read from os.wait4's rusage (exactly
that child, not the benchmark process or earlier children), and so is its CPU time (user + system, every
thread), which other work on the machine inflates far less than the wall time. Every run publishes a complete
build, as a real run does; the file cache stays warm between runs (the raw CSV is read from memory after the
first).
"""
from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from .common import GB, PYTHON, REPO, Row, log

TARGET_SECONDS = 60.0
TARGET_PEAK_GB = 3.0
TARGET_SIZE = "10m"


def run_etl(data_dir: Path) -> tuple[float, int, float]:
    """(wall seconds, peak RSS bytes, CPU seconds user + system) of one `python -m etl --data-dir data_dir`."""
    with tempfile.TemporaryFile() as errors:
        t0 = time.perf_counter()
        proc = subprocess.Popen([PYTHON, "-m", "etl", "--data-dir", str(data_dir)], cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=errors, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)     # reaped here; keep Popen consistent
        if proc.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"python -m etl --data-dir {data_dir} failed ({proc.returncode}):\n{tail}")
    return wall, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime     # Linux: ru_maxrss in kilobytes


def _bytes(path: Path) -> int:
    path = path.resolve()
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def footprint(data_dir: Path) -> dict:
    """Sizes of the inputs and of the published outputs, and the row counts of the big tables."""
    import duckdb

    raw = sum(p.stat().st_size for p in (data_dir / "raw").iterdir() if p.is_file())
    con = duckdb.connect(str((data_dir / "warehouse.duckdb").resolve()), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                  for t in ("indicator_values", "region_values", "indicators")}
    finally:
        con.close()
    return {"raw_bytes": raw, "warehouse_bytes": _bytes(data_dir / "warehouse.duckdb"),
            "parquet_bytes": _bytes(data_dir / "parquet"), **counts}


def bench(size: str, data_dir: Path, runs: int) -> list[Row]:
    walls, peaks, cpus = [], [], []
    for i in range(runs):
        wall, peak, cpu = run_etl(data_dir)
        walls.append(wall)
        peaks.append(peak / GB)
        cpus.append(cpu)
        log(f"[etl] {size} run {i + 1}/{runs}: {wall:.2f} s, peak {peak / GB:.2f} GB, CPU {cpu:.1f} s")
    fp = footprint(data_dir)
    at_target = size == TARGET_SIZE
    rows = [
        Row("etl", "ETL wall time", size, "s", walls, TARGET_SECONDS if at_target else None, extra=fp),
        Row("etl", "ETL peak memory (RSS)", size, "GB", peaks, TARGET_PEAK_GB if at_target else None),
        Row("etl", "ETL CPU time, user + system (all threads)", size, "s", cpus),
        Row("etl", "raw input", size, "MB", [fp["raw_bytes"] / 1e6]),
        Row("etl", "warehouse.duckdb", size, "MB", [fp["warehouse_bytes"] / 1e6],
            note=f"{fp['indicator_values']:,} indicator values, {fp['region_values']:,} region values"),
        Row("etl", "parquet/ (zstd)", size, "MB", [fp["parquet_bytes"] / 1e6]),
    ]
    return rows
