"""The state of one run while it builds: the DuckDB connection, the per-source counts, what marts need.

Every attribute is declared here. The connection works on a scratch database in the build folder (in
memory for --check) with the new warehouse attached as `wh`; DuckDB's settings come from paths.settings()
and are passed as configuration, never formatted into SQL.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import warehouse
from .paths import WAREHOUSE_NAME, DataDir, Settings
from .sidecar import Sidecar


@dataclass
class SourceStats:
    source_id: str
    file: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_routed: int = 0
    data_lines: int = 0
    empty_cells: int | None = None
    counted_as: str = "record"      # what one row is: a record, or one value cell of a wide table
    seconds: float = 0.0


class NullProgress:
    """Progress reporting interface (the CLI passes a rich-based one)."""

    def start(self, total: int): ...
    def source(self, name: str): ...
    def done(self, stats: SourceStats): ...
    def step(self, text: str): ...


@dataclass
class Build:
    dd: DataDir
    run_id: str
    dir: Path                      # the build folder (a temporary folder for --check)
    settings: Settings
    check: bool
    progress: object = field(default_factory=NullProgress)
    sides: dict[str, Sidecar] = field(default_factory=dict)
    stats: list[SourceStats] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    indicator_meta: list[pd.DataFrame] = field(default_factory=list)   # per source: id, name, unit, measure
    goal_map: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["indicator_pattern", "crime_area", "direction", "series_kind", "rationale"]))
    partial_orgs: set[str] = field(default_factory=set)
    con: duckdb.DuckDBPyConnection | None = None

    def connect(self) -> None:
        config = {"memory_limit": self.settings.memory_limit, "temp_directory": str(self.dir / "spill"),
                  "preserve_insertion_order": False}
        if self.settings.threads:
            config["threads"] = self.settings.threads
        # (for --check, self.dir is a temporary folder: big sources spill to disk there too)
        self.con = duckdb.connect(str(self.dir / "scratch.duckdb"), config=config)
        self.con.execute("SET enable_progress_bar = false")
        self.con.execute("ATTACH ? AS wh", [str(self.dir / WAREHOUSE_NAME)])
        warehouse.create_tables(self.con, "wh")
        # Indicator values are collected here and written to the warehouse once, sorted by key, so that each
        # indicator's rows are contiguous (DuckDB's zone maps then skip the rest when a query names one).
        self.con.execute("CREATE TABLE staged_values AS SELECT * EXCLUDE (preferred) FROM wh.indicator_values "
                         "LIMIT 0")
        self.con.execute("CREATE TABLE staged_routed AS SELECT * EXCLUDE (preferred) FROM wh.publisher_estimates "
                         "LIMIT 0")

    def count(self, sql: str, params=None) -> int:
        return self.con.execute(sql, params or []).fetchall()[0][0]

    def close_quietly(self) -> None:
        """Close after a failure (whatever DuckDB says then)."""
        con, self.con = self.con, None
        if con is not None:
            try:
                con.close()
            except duckdb.Error:
                pass

    def close(self) -> None:
        if self.con is None:
            return
        con, self.con = self.con, None
        try:
            con.execute("DETACH wh")
        finally:
            con.close()
        for name in ("scratch.duckdb", "scratch.duckdb.wal"):
            (self.dir / name).unlink(missing_ok=True)
