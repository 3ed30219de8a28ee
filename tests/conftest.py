"""Shared fixtures: the real warehouse built once per test session from the bundled data, in a temporary
directory (the repo's data/ is never written by the tests); Hypothesis keeps its examples under .pytest_cache."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

REPO = Path(__file__).resolve().parent.parent

settings.register_profile("project", database=DirectoryBasedExampleDatabase(
    str(REPO / ".pytest_cache" / "hypothesis")))
settings.load_profile("project")


def build_warehouse(data_dir: Path) -> Path:
    """data_dir/raw copied from the repo's data/raw, and the warehouse built from it with `python -m etl`."""
    shutil.copytree(REPO / "data" / "raw", data_dir / "raw")
    subprocess.run([sys.executable, "-m", "etl", "--data-dir", str(data_dir)], check=True, cwd=REPO,
                   stdout=subprocess.DEVNULL)
    return data_dir


@pytest.fixture(scope="session")
def warehouse_dir(tmp_path_factory) -> Path:
    """A data directory with a warehouse built from the bundled sources; DATA_DIR points at it for the app."""
    data = build_warehouse(tmp_path_factory.mktemp("warehouse") / "data")
    os.environ["DATA_DIR"] = str(data)
    return data


@pytest.fixture(scope="session")
def con(warehouse_dir):
    import duckdb

    c = duckdb.connect(str(warehouse_dir / "warehouse.duckdb"), read_only=True)
    yield c
    c.close()
