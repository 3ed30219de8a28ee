"""The one door to the warehouse: a plain executor (no Streamlit), the only module that imports duckdb.

- one read-only connection per published build (the build is named by `fingerprint()`: the warehouse's real
  path and modification time, so a new ETL run means a new connection, and an old one keeps reading its
  files until it is dropped);
- a cursor per call (a DuckDB connection shared by threads must not run queries itself);
- SQL only from the named files in dashboard/sql (`sql(name)`), every value bound as a parameter;
- a time limit and a row cap per query (`QueryTooLarge` / `QueryTimeout`, shown to the viewer as a notice).

`dashboard/data.py` puts one cached question per function over `Executor.run`; the export and the benchmarks
use an `Executor` directly, without Streamlit.
"""
from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from .registry import TABLES
from .settings import MAX_ROWS, QUERY_SECONDS, SQL_DIR, warehouse_path


class DataUnavailable(Exception):
    """The warehouse is missing or unreadable, or a query could not answer; the message says what to do."""


class QueryTooLarge(DataUnavailable):
    """A query returned more rows than the cap allows."""


class QueryTimeout(DataUnavailable):
    """A query ran longer than its time limit and was interrupted."""


def fingerprint(path: Path | None = None) -> str:
    """Identity of the published build: its real path and modification time."""
    path = path or warehouse_path()
    try:
        real = os.path.realpath(path)
        return f"{real}:{os.stat(real).st_mtime_ns}"
    except OSError:
        raise DataUnavailable(
            f"No warehouse at {path}. Build it with `make etl` (or `python -m etl`), then reload this page."
        ) from None


@functools.lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of dashboard/sql/<name>.sql (table_<name>: a whole table from the fixed TABLES list)."""
    if name.startswith("table_") and name[6:] in TABLES:
        return f'SELECT * FROM "{name[6:]}"'
    if not name.replace("_", "").isalnum() or not name.isascii():     # a file name in SQL_DIR, never a path
        raise ValueError(f"not a query name: {name[:40]!r}")
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def _bound(params: tuple) -> list:
    """Parameters as DuckDB takes them: tuples (hashable, for caches) become lists."""
    return [list(p) if isinstance(p, tuple) else p for p in params]


class Executor:
    """Named queries on one published build, read-only, a cursor per call."""

    def __init__(self, fp: str, *, max_rows: int = MAX_ROWS, seconds: float = QUERY_SECONDS):
        self.fingerprint = fp
        self.max_rows = max_rows
        self.seconds = seconds
        try:
            self._con = duckdb.connect(fp.rsplit(":", 1)[0], read_only=True)
        except duckdb.Error as exc:
            raise DataUnavailable(
                f"The warehouse at {warehouse_path()} cannot be read ({exc.__class__.__name__}). "
                "Rebuild it with `make etl` (or `python -m etl`).") from None

    @classmethod
    def current(cls, data_dir: Path | None = None) -> Executor:
        """An executor on the build published now (in data_dir, default settings.data_dir())."""
        return cls(fingerprint(None if data_dir is None else Path(data_dir) / "warehouse.duckdb"))

    def run(self, name: str, *params) -> pd.DataFrame:
        """Run dashboard/sql/<name>.sql with bound parameters; at most `max_rows` rows within `seconds`."""
        cur = self._con.cursor()
        timer = threading.Timer(self.seconds, cur.interrupt)
        timer.start()
        try:
            cur.execute(sql(name), _bound(params))
            chunks = [cur.fetch_df_chunk(16)]             # the first chunk keeps the columns of an empty result
            rows = len(chunks[0])
            while rows and len(chunk := cur.fetch_df_chunk(16)):
                rows += len(chunk)
                chunks.append(chunk)
                if rows > self.max_rows:
                    raise QueryTooLarge(f"The question {name!r} found more than {self.max_rows:,} rows; "
                                        "narrow the selection.")
            return chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)
        except duckdb.InterruptException:
            raise QueryTimeout(f"The question {name!r} took longer than {self.seconds:g} s and was stopped; "
                               "narrow the selection or try again.") from None
        finally:
            timer.cancel()
            cur.close()

    def stream(self, name: str, *params, rows_per_chunk: int = 100_000) -> Iterator[pd.DataFrame]:
        """A large result (a whole table for download) chunk by chunk: no row cap, no cache, no time limit."""
        cur = self._con.cursor()
        try:
            cur.execute(sql(name), _bound(params))
            while len(chunk := cur.fetch_df_chunk(max(1, rows_per_chunk // 2048))):
                yield chunk
        finally:
            cur.close()

    def close(self) -> None:
        self._con.close()
