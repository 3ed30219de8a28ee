"""The one module that talks to DuckDB.

One read-only connection per published build (shared through st.cache_resource), a cursor per query,
every value bound as a parameter, and one cached executor keyed by (query name, parameters, build).
When the ETL publishes a new build, the warehouse path resolves to a new file: the fingerprint changes,
so new queries open the new build and old cache entries are simply never asked for again.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from .settings import SQL_DIR, warehouse_path


class DataUnavailable(Exception):
    """The warehouse is missing or unreadable; the message says which command fixes it."""


def fingerprint() -> str:
    """Identity of the published build: its real path and modification time."""
    path = warehouse_path()
    try:
        real = os.path.realpath(path)
        return f"{real}:{os.stat(real).st_mtime_ns}"
    except OSError:
        raise DataUnavailable(
            f"No warehouse at {path}. Build it with `make etl` (or `python -m etl`), then reload this page."
        ) from None


@st.cache_resource(show_spinner=False, max_entries=4)
def _connection(fp: str) -> duckdb.DuckDBPyConnection:
    real = fp.rsplit(":", 1)[0]
    try:
        return duckdb.connect(real, read_only=True)
    except duckdb.Error as exc:
        raise DataUnavailable(
            f"The warehouse at {warehouse_path()} cannot be read ({exc.__class__.__name__}). "
            "Rebuild it with `make etl` (or `python -m etl`)."
        ) from None


@functools.lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of dashboard/sql/<name>.sql (table_<name>: a whole table from the fixed TABLES list)."""
    if name.startswith("table_") and name[6:] in TABLES:
        return f'SELECT * FROM "{name[6:]}"'
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


@st.cache_data(show_spinner=False, max_entries=1024, ttl=3600)
def _run(name: str, params: tuple, fp: str) -> pd.DataFrame:
    cur = _connection(fp).cursor()
    try:
        return cur.execute(sql(name), list(params)).df()
    finally:
        cur.close()


def query(name: str, *params) -> pd.DataFrame:
    """Run the named query with bound parameters (lists become DuckDB lists). Cached per build."""
    return _run(name, tuple(tuple(p) if isinstance(p, list) else p for p in params), fingerprint())


# -- one function per question ---------------------------------------------------------------------

def as_of() -> str:
    """Date of the ETL run that built the warehouse (YYYY-MM-DD)."""
    df = query("as_of")
    return str(df.iloc[0, 0])[:10] if len(df) and pd.notna(df.iloc[0, 0]) else "unknown"


def goals() -> pd.DataFrame:
    return query("goals")


def indicators() -> pd.DataFrame:
    """Every indicator with its goal, source and coverage (one row each)."""
    return query("indicators")


def indicator(indicator_id: str) -> pd.Series | None:
    df = indicators()
    row = df[df.indicator_id == indicator_id]
    return row.iloc[0] if len(row) else None


def countries() -> pd.DataFrame:
    return query("countries")


def regions(scheme: str) -> list[str]:
    return query("regions", scheme)["region"].tolist()


def breakdowns(indicator_id: str) -> pd.DataFrame:
    """Distinct (sex, age) pairs available for an indicator."""
    return query("breakdowns", indicator_id)


def region_series(indicator_id: str, scheme: str, regions: list[str], year_from: int, year_to: int,
                  sex: str = "Total", age: str = "Total") -> pd.DataFrame:
    return query("region_series", indicator_id, scheme, list(regions), year_from, year_to, sex, age)


def country_series(indicator_id: str, iso3s: list[str], year_from: int, year_to: int,
                   sex: str = "Total", age: str = "Total") -> pd.DataFrame:
    return query("country_series", indicator_id, list(iso3s), year_from, year_to, sex, age)


def headline(indicator_id: str, scheme: str = "world", region: str = "World") -> pd.DataFrame:
    """The latest two years of a region's value with enough coverage (for tiles)."""
    return query("headline", indicator_id, scheme, region)


def map_values(indicator_id: str, year: int, sex: str = "Total", age: str = "Total") -> pd.DataFrame:
    return query("map_values", indicator_id, year, sex, age)


def indicator_years(indicator_id: str) -> list[int]:
    return query("indicator_years", indicator_id)["year"].tolist()


def operations() -> pd.DataFrame:
    return query("operations")


def operation_results() -> pd.DataFrame:
    return query("operation_results")


def operation_countries() -> pd.DataFrame:
    return query("operation_countries")


def organizations() -> pd.DataFrame:
    return query("organizations")


def org_membership() -> pd.DataFrame:
    return query("org_membership")


def region_members(scheme: str) -> pd.DataFrame:
    return query("region_members", scheme)


def org_overlap() -> pd.DataFrame:
    """Countries shared by each pair of organizations (members and associates)."""
    return query("org_overlap")


def country_coverage() -> pd.DataFrame:
    """Per country: how many Dialogue bodies (besides INTERPOL) cover it, and which."""
    return query("country_coverage")


def dialogue_meetings() -> pd.DataFrame:
    return query("dialogue_meetings")


def sources() -> pd.DataFrame:
    return query("sources")


def etl_runs() -> pd.DataFrame:
    return query("etl_runs")


def sources_for(source_ids: list[str]) -> pd.DataFrame:
    return query("sources_for", list(source_ids))


TABLES = ("sources", "countries", "organizations", "org_membership", "region_members", "goals", "indicators",
          "indicator_values", "region_values", "operations", "operation_countries", "operation_results",
          "dialogue_meetings", "etl_runs", "rejects")


def table(name: str) -> pd.DataFrame:
    """A whole warehouse table, by name from the fixed list above (never from user text)."""
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    return query(f"table_{name}")


def parquet_path(name: str) -> Path:
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    return warehouse_path().parent / "parquet" / f"{name}.parquet"


# === Trends and Map pages ===


# === Operations and Goals pages ===


# === Architecture and Data pages ===

def org_overlap_countries() -> pd.DataFrame:
    """Per pair of organizations (org_a, org_b): shared count and the shared countries' names (a list)."""
    return query("org_overlap_countries")


def org_members(org: str) -> pd.DataFrame:
    """Every membership row of one organization (by short name), all membership types."""
    df = org_membership()
    return df[df["organization"] == org].reset_index(drop=True)


def built_run_id() -> str | None:
    """The ETL run that built this warehouse: the latest successful run."""
    runs = etl_runs()
    ok = runs[runs["status"] == "success"]
    return str(ok.iloc[0]["run_id"]) if len(ok) else None


def rejects_summary(run_id: str) -> pd.DataFrame:
    """Rejected rows of one run by source and reason: records, distinct lines, first and last line."""
    return query("rejects_summary", run_id)


def table_csv(name: str) -> bytes:
    """A whole table as UTF-8 CSV bytes, built on demand (for deferred downloads of large tables).

    Deliberately not cached: it reads on its own cursor so a 1M-row table is not kept in the data cache.
    Safe to call from the download thread (no Streamlit command runs here).
    """
    if name not in TABLES:
        raise ValueError(f"unknown table {name!r}")
    cur = _connection(fingerprint()).cursor()
    try:
        df = cur.execute(sql(f"table_{name}")).df()
    finally:
        cur.close()
    return df.to_csv(index=False).encode("utf-8")


def parquet_bytes(name: str) -> bytes:
    """The published Parquet file of a table, as bytes (FileNotFoundError when it is missing)."""
    return parquet_path(name).read_bytes()
