"""Every path and environment setting of the ETL. Imports nothing from the project."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ETL_DIR = Path(__file__).resolve().parent
SQL_DIR = ETL_DIR / "sql"
SCHEMA_FILE = ETL_DIR / "schema.toml"
UNITS_FILE = ETL_DIR / "units.toml"

#: Where `python -m etl` reads raw/ and writes the warehouse, unless --data-dir says otherwise.
DEFAULT_DATA_DIR = Path(os.environ.get("DATA_DIR", REPO / "data"))

SIDECAR_SUFFIX = ".source.toml"
WAREHOUSE_NAME = "warehouse.duckdb"
PARQUET_NAME = "parquet"


class DataDir:
    """The layout of one data directory (raw inputs, published outputs, private build area)."""

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()
        self.raw = self.root / "raw"
        self.warehouse = self.root / WAREHOUSE_NAME
        self.parquet = self.root / PARQUET_NAME
        self.current = self.root / "current"
        self.builds = self.root / ".builds"
        self.rejects = self.root / "rejects"
        self.run_log = self.root / "logs" / "etl_runs.jsonl"
        self.lock = self.root / ".etl.lock"
