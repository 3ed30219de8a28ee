"""The one door to the warehouse: a plain executor (no Streamlit), the only module that imports duckdb.

- one read-only connection per published build (the build is named by `fingerprint()`: the warehouse's real
  path and modification time, so a new ETL run means a new connection, and an old one keeps reading its
  files until it is dropped);
- a cursor per call (a DuckDB connection shared by threads must not run queries itself);
- no reach beyond the warehouse file: no extension installed or loaded, no other file or URL read
  (sql/sandbox.sql, locked for the connection's life);
- SQL only from the named files in dashboard/sql (`sql(name)`), every value bound as a parameter;
- a time limit and a row cap per query (`QueryTooLarge` / `QueryTimeout`, shown to the viewer as a notice).

`dashboard/data.py` puts one cached question per function over `Executor.run`; the export and the benchmarks
use an `Executor` directly, without Streamlit.
"""
from __future__ import annotations

import functools
import os
import threading
import time
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


class _Watchdog:
    """Interrupts queries that outlive their time limit: one daemon thread for every executor, checking a few
    times a second (cheaper per query than a timer thread each)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._running: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}
        self._next = 0
        self._thread: threading.Thread | None = None

    def watch(self, cursor, seconds: float) -> int:
        with self._lock:
            self._next += 1
            self._running[self._next] = (time.monotonic() + seconds, cursor)
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="query-watchdog", daemon=True)
                self._thread.start()
            return self._next

    def release(self, ticket: int) -> None:
        with self._lock:
            self._running.pop(ticket, None)

    def _loop(self) -> None:
        while True:
            time.sleep(0.2)
            now = time.monotonic()
            with self._lock:
                late = [cur for deadline, cur in self._running.values() if deadline < now]
            for cur in late:
                cur.interrupt()


_watchdog = _Watchdog()


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
            self._sandbox()
        except duckdb.Error as exc:
            raise DataUnavailable(
                f"The warehouse at {warehouse_path()} cannot be read ({exc.__class__.__name__}). "
                "Rebuild it with `make etl` (or `python -m etl`).") from None

    def _sandbox(self) -> None:
        """No extension, file or URL beyond the warehouse (sql/sandbox.sql), unless the shared database instance
        has exactly these limits locked already; DataUnavailable if it has others locked."""
        state = self._con.execute(sql("sandbox_state")).fetchall()[0]
        if tuple(state) == (False, False, False, True):
            return
        if state[3]:
            raise DataUnavailable(f"The warehouse at {warehouse_path()} is open elsewhere in this process with "
                                  "other settings; restart the server.")
        self._con.execute(sql("sandbox"))

    @classmethod
    def current(cls, data_dir: Path | None = None) -> Executor:
        """An executor on the build published now (in data_dir, default settings.data_dir())."""
        return cls(fingerprint(None if data_dir is None else Path(data_dir) / "warehouse.duckdb"))

    def run(self, name: str, *params) -> pd.DataFrame:
        """Run dashboard/sql/<name>.sql with bound parameters; at most `max_rows` rows within `seconds`."""
        cur = self._con.cursor()
        ticket = _watchdog.watch(cur, self.seconds)
        try:
            cur.execute(sql(name), _bound(params))
            # one chunk large enough for max_rows + 1 rows: a longer answer is refused, not truncated
            df = cur.fetch_df_chunk(self.max_rows // 2048 + 1)
            if len(df) > self.max_rows:
                raise QueryTooLarge(f"The question {name!r} found more than {self.max_rows:,} rows; "
                                    "narrow the selection.")
            return df
        except duckdb.InterruptException:
            raise QueryTimeout(f"The question {name!r} took longer than {self.seconds:g} s and was stopped; "
                               "narrow the selection or try again.") from None
        finally:
            _watchdog.release(ticket)
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
