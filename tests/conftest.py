"""Shared fixtures: the real warehouse built once per test session from the bundled data."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def warehouse_dir() -> Path:
    """data/ with a warehouse built from data/raw (built if missing or older than raw/)."""
    data = REPO / "data"
    wh = data / "warehouse.duckdb"
    newest_raw = max(p.stat().st_mtime for p in (data / "raw").iterdir())
    if not wh.exists() or wh.stat().st_mtime < newest_raw:
        subprocess.run([sys.executable, "-m", "etl", "--data-dir", str(data)], check=True, cwd=REPO)
    os.environ["DATA_DIR"] = str(data)
    return data


@pytest.fixture(scope="session")
def con(warehouse_dir):
    import duckdb

    c = duckdb.connect(str(warehouse_dir / "warehouse.duckdb"), read_only=True)
    yield c
    c.close()
