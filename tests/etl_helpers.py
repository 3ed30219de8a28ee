"""Helpers to build small data directories for ETL tests."""
from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parent.parent
RAW = REPO / "data" / "raw"
FIXTURES = REPO / "tests" / "fixtures"
REFERENCE = ["organizations.csv", "org_membership.csv", "global_policing_goals.csv", "operations.csv",
             "operation_countries.csv", "operation_results.csv", "dialogue_meetings.csv", "indicator_goals.csv",
             "population.csv"]

SIDECAR = {"title": "Test source", "publisher": "Tests", "url": "https://example.org/test", "license": "CC0-1.0",
           "retrieved": "2026-11-22", "format": "tidy"}


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_sidecar(path: Path, **fields) -> None:
    meta = {**SIDECAR, **fields}
    lines, tables = [], {}
    for k, v in meta.items():
        if v is None:
            continue
        if isinstance(v, dict):
            tables[k] = v
        else:
            lines.append(f"{k} = {toml_value(v)}")
    for k, v in tables.items():
        lines.append(f"[{k}]")
        lines += [f'"{kk}" = {toml_value(vv)}' for kk, vv in v.items()]
    path.with_name(path.name + ".source.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def data_dir(tmp: Path, *, reference: bool = True, copy: list[str] | None = None) -> Path:
    """tmp/raw with (optionally) the reference files and population copied from data/raw."""
    raw = tmp / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name in (REFERENCE if reference else []) + (copy or []):
        shutil.copy(RAW / name, raw / name)
        shutil.copy(RAW / (name + ".source.toml"), raw / (name + ".source.toml"))
    return tmp


def add_file(dd: Path, name: str, content: str | bytes, **sidecar) -> Path:
    path = dd / "raw" / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if sidecar.get("_no_sidecar"):
        return path
    write_sidecar(path, **sidecar)
    return path


def q(dd: Path, sql: str, params=None):
    con = duckdb.connect(str(dd / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@functools.lru_cache(maxsize=1)
def real_build():
    """(data directory, run result) of the bundled raw files, built once per test process in a temporary
    folder (never in the repository's data/)."""
    from etl import pipeline

    root = Path(tempfile.mkdtemp(prefix="etl-real-"))
    atexit.register(shutil.rmtree, root, True)
    shutil.copytree(RAW, root / "raw")
    return root, pipeline.run(root)


def one(dd: Path, sql: str, params=None):
    """The single row (or single value) a query returns."""
    rows = q(dd, sql, params)
    assert len(rows) == 1, rows
    return rows[0] if len(rows[0]) > 1 else rows[0][0]
