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
    if not name.replace("_", "").isalnum() or not name.isascii():     # a file name in SQL_DIR, never a path
        raise ValueError(f"not a query name: {name[:40]!r}")
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


def goals(lang: str | None = None) -> pd.DataFrame:
    """The seven goals; short_name, title and description in `lang` (default: the viewer's) where translated."""
    return in_language(query("goals"), "goal", "goal_id", lang)


def translations(lang: str | None = None) -> pd.DataFrame:
    """Translated goal and organization texts (kind, id, field, lang, text, official, source_url), one language
    or (lang='all') every language."""
    code = lang or "all"
    return query("translations", code, code)


def in_language(df: pd.DataFrame, kind: str, key: str, lang: str | None = None) -> pd.DataFrame:
    """`df` with its translatable text columns replaced by their `lang` version from the translations table
    (official wording or the project's translation); English, or a text without translation, stays as is."""
    from .i18n import DEFAULT, language

    lang = lang or language()
    if lang == DEFAULT or df.empty:
        return df
    t = translations(lang)
    t = t[t["kind"] == kind]
    out = df.copy()
    for field, rows in t.groupby("field"):
        if field in out.columns:
            out[field] = out[key].map(dict(zip(rows["id"], rows["text"]))).fillna(out[field])
    return out


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


def organizations(lang: str | None = None) -> pd.DataFrame:
    """The Dialogue's bodies; full_name in `lang` (default: the viewer's) where translated."""
    return in_language(query("organizations"), "organization", "org_id", lang)


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
          "dialogue_meetings", "etl_runs", "rejects", "translations")


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

CONTEXT_GOAL = "context"          # picker group for series that serve no goal (population)
TREND_COLUMNS = ["series", "kind", "year", "value", "countries_reporting", "countries_total",
                 "population_covered_share"]


def indicator_choices() -> pd.DataFrame:
    """Indicators in picker order, one row each, with `goal_key` (goal_id, or CONTEXT_GOAL when the series
    serves no goal) and `name_repeats` (another indicator of the same goal has the same name, e.g. a count
    and its rate). Within a goal: the app's default indicator first, then preferred sources, then
    alternative sources, each by name."""
    from .filters import DEFAULT_INDICATOR

    df = indicators().copy()
    df["goal_key"] = df["goal_id"].fillna(CONTEXT_GOAL)
    df["is_default"] = df["indicator_id"] == DEFAULT_INDICATOR
    df["name_repeats"] = df.duplicated(["goal_key", "name"], keep=False)
    df = df.sort_values(["goal_key", "is_default", "preferred", "name", "measure"],
                        ascending=[True, False, False, True, True], kind="stable")
    return df.reset_index(drop=True)


def trend_series(indicator_id: str, scheme: str, regions: list[str], iso3s: list[str], year_from: int,
                 year_to: int, sex: str = "Total", age: str = "Total") -> pd.DataFrame:
    """Region and country lines of one indicator in one frame (columns TREND_COLUMNS): `series` is the
    region or country name, `kind` 'region' or 'country'; coverage columns are empty for countries."""
    parts = []
    if regions:
        reg = region_series(indicator_id, scheme, regions, year_from, year_to, sex, age)
        parts.append(reg.rename(columns={"region": "series"}).assign(kind="region"))
    if iso3s:
        cty = country_series(indicator_id, iso3s, year_from, year_to, sex, age)
        parts.append(cty.rename(columns={"country": "series"})[["series", "year", "value"]].assign(kind="country"))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c not in ("series", "kind") else "object")
                             for c in TREND_COLUMNS})
    out = pd.concat([p.reindex(columns=TREND_COLUMNS) for p in parts], ignore_index=True)
    out["year"] = out["year"].astype("int64")
    out[["countries_reporting", "countries_total"]] = out[["countries_reporting", "countries_total"]].astype("Int64")
    return out.sort_values(["kind", "series", "year"], ascending=[False, True, True], ignore_index=True)


def index_to_base(df: pd.DataFrame, base_year: int) -> tuple[pd.DataFrame, list[str]]:
    """Each series divided by its own base-year value × 100. Series without a (non-zero) base-year value
    are left out; their names are returned second."""
    base = df.loc[df["year"] == base_year].set_index("series")["value"]
    base = base[base.notna() & (base != 0)]
    dropped = sorted(set(df["series"]) - set(base.index))
    out = df[df["series"].isin(base.index)].copy()
    out["value"] = out["value"] / out["series"].map(base) * 100
    return out.reset_index(drop=True), dropped


def thin_coverage(df: pd.DataFrame) -> pd.Series:
    """True where a region value covers less than settings.THIN_COVERAGE of the region's population (of its
    countries where population is unknown); False for countries."""
    from .settings import THIN_COVERAGE

    share = df["population_covered_share"].astype("float64").fillna(
        df["countries_reporting"].astype("float64") / df["countries_total"].astype("float64"))
    return (df["kind"] == "region") & (share < THIN_COVERAGE)


def trend_table(df: pd.DataFrame, headers: dict[str, str], kinds: dict[str, str]) -> pd.DataFrame:
    """The plotted rows as a table (also the CSV download): translated headers and kind labels."""
    out = df.assign(thin=thin_coverage(df), kind=df["kind"].map(kinds).fillna(df["kind"]))
    out = out[["series", "kind", "year", "value", "countries_reporting", "countries_total",
               "population_covered_share", "thin"]]
    for col in ("countries_reporting", "countries_total"):
        out[col] = out[col].astype("Int64")
    return out.rename(columns=headers).reset_index(drop=True)


def goal_operations(goal_id: str | None, year_from: int, year_to: int) -> pd.DataFrame:
    """Operations of one goal that started within the years, as chart events (date, label, name)."""
    ops = operations()
    if goal_id is None or ops.empty:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "label": [], "name": []})
    ops = ops[(ops["goal_id"] == goal_id) & ops["year"].between(year_from, year_to)]
    return pd.DataFrame({"date": pd.to_datetime(ops["start_date"]),
                         "label": ops["name"].str.replace(r"^Operation\s+", "", regex=True),
                         "name": ops["name"]}).sort_values("date", ignore_index=True)


def indicator_year_counts(indicator_id: str, sex: str = "Total", age: str = "Total") -> pd.DataFrame:
    """Countries with a value per year (columns year, countries)."""
    return query("indicator_year_counts", indicator_id, sex, age)


def default_map_year(indicator_id: str, sex: str = "Total", age: str = "Total", near_best: float = 0.8) -> int | None:
    """The latest year with (nearly) the most countries: the latest year whose country count is at least
    `near_best` of the best year's (1.0: the latest of the years with the most countries)."""
    counts = indicator_year_counts(indicator_id, sex, age)
    if counts.empty:
        return None
    good = counts[counts["countries"] >= near_best * counts["countries"].max()]
    return int(good["year"].max())


def organization_names() -> list[str]:
    """Dialogue bodies with a complete member list (the region_members 'organization' scheme)."""
    return regions("organization")


def organization_members(org: str) -> list[str]:
    """ISO3 codes of one Dialogue body's members and associates (region_members, scheme 'organization')."""
    members = region_members("organization")
    return members.loc[members["region"] == org, "iso3"].tolist()


def map_data(indicator_id: str, year: int, sex: str = "Total", age: str = "Total",
             org: str | None = None) -> pd.DataFrame:
    """Country values of one indicator and year (map_values), limited to one body's members when `org`."""
    df = map_values(indicator_id, year, sex, age)
    if org:
        df = df[df["iso3"].isin(organization_members(org))]
    return df.reset_index(drop=True)



# === Operations and Goals pages ===

def operations_filtered(goal: str | None = None, areas: list[str] | None = None, scheme: str = "un_region",
                        regions: list[str] | None = None, year_from: int = 1900, year_to: int = 2100,
                        terms: list[str] | None = None) -> pd.DataFrame:
    """Operations matching the filters, oldest first (with `areas` tags and `countries_listed`).

    `regions=None` means no region restriction (every operation, including those with no listed countries);
    a list keeps the operations with at least one listed country in one of those regions of `scheme`.
    `terms` are matched case-insensitively (any term) against name, id, crime area and place.
    """
    clean_terms = [t.strip().lower() for t in terms or [] if t and t.strip()]
    return query("operations_filtered", goal or "", list(areas or []), scheme, list(regions or []),
                 regions is not None, int(year_from), int(year_to), clean_terms)


def operation_areas() -> list[str]:
    """Crime-area tags of the operations (crime_area split on ' / '), most frequent first."""
    return query("operation_areas")["area"].tolist()


def operation_results_for(operation_ids: list[str]) -> pd.DataFrame:
    """Published results of the given operations, each row with its own source_url."""
    return query("operation_results_for", list(operation_ids))


def operation_countries_for(operation_ids: list[str]) -> pd.DataFrame:
    """Listed participating countries of the given operations (one row per operation and country)."""
    return query("operation_countries_for", list(operation_ids))


def operation_country_counts(operation_ids: list[str]) -> pd.DataFrame:
    """Per country: in how many of the given operations it took part (iso3, country, operations, names)."""
    return query("operation_country_counts", list(operation_ids))


def latest_region_values(goal_id: str, min_coverage: float | None = None) -> pd.DataFrame:
    """Latest World and UN-region values (sex/age Total) of every indicator of a goal.

    Per indicator one year: the latest whose World value covers at least `min_coverage` of the world's
    population (default settings.THIN_COVERAGE), else the latest year with any value (`world_thin`).
    Columns: indicator_id, year, last_year, world_thin, scheme, region, value, countries_reporting,
    countries_total, population_covered_share, thin.
    """
    from .settings import THIN_COVERAGE

    return query("latest_region_values", goal_id, float(THIN_COVERAGE if min_coverage is None else min_coverage))


#: Official short names of the UN Sustainable Development Goals.
SDG_NAMES = {
    1: "No poverty", 2: "Zero hunger", 3: "Good health and well-being", 4: "Quality education",
    5: "Gender equality", 6: "Clean water and sanitation", 7: "Affordable and clean energy",
    8: "Decent work and economic growth", 9: "Industry, innovation and infrastructure",
    10: "Reduced inequalities", 11: "Sustainable cities and communities",
    12: "Responsible consumption and production", 13: "Climate action", 14: "Life below water",
    15: "Life on land", 16: "Peace, justice and strong institutions", 17: "Partnerships for the goals",
}


def sdg_links(related_sdgs: str | None) -> list[tuple[int, str, str]]:
    """'5;16;17' -> [(5, 'Gender equality', 'https://sdgs.un.org/goals/goal5'), ...]; unknown numbers skipped."""
    out = []
    for part in str(related_sdgs or "").replace(",", ";").split(";"):
        part = part.strip()
        if part.isdigit() and int(part) in SDG_NAMES:
            n = int(part)
            out.append((n, SDG_NAMES[n], f"https://sdgs.un.org/goals/goal{n}"))
    return out


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
