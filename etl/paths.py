"""Every path, limit and environment setting of the ETL. Imports nothing from the project.

Environment (all optional; README, "Settings"):
    DATA_DIR            the data directory `python -m etl` uses without --data-dir (default: data/)
    ETL_MEMORY_LIMIT    DuckDB's memory budget, e.g. 2GB (default) or 1500MB; at least 256MB. DuckDB spills
                        to the build folder beyond it.
    ETL_PUBLIC_ONLY     1/true/yes: build without the sources whose sidecar does not say
                        redistribution = "allowed" (same as --public-only)
    ETL_THREADS         DuckDB threads (default: DuckDB's own choice, one per core)
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ETL_DIR = Path(__file__).resolve().parent
SQL_DIR = ETL_DIR / "sql"
STAGING_DIR = ETL_DIR / "staging"
SCHEMA_FILE = ETL_DIR / "schema.toml"
UNITS_FILE = ETL_DIR / "units.toml"
#: The publishers' own names and codes for places (country forms, aggregates, sub-national units, former states).
COUNTRY_FORMS_FILE = ETL_DIR / "country_forms.csv"

#: Where `python -m etl` reads raw/ and writes the warehouse, unless --data-dir says otherwise.
DEFAULT_DATA_DIR = Path(os.environ.get("DATA_DIR", REPO / "data"))

SIDECAR_SUFFIX = ".source.toml"
WAREHOUSE_NAME = "warehouse.duckdb"
PARQUET_NAME = "parquet"
#: Files in raw/ that are documentation, not data.
IGNORED_FILES = frozenset({"README.md", "SOURCES.md"})

# -- limits: what a hostile input can make the ETL hold -------------------------------------------------
MAX_FIELD = 100_000              # characters in one field; a longer field is rejected, not loaded
MAX_LINE = 1_000_000             # bytes in one physical line read by the careful reader; longer: rejected
HEADER_SCAN_ROWS = 50            # rows searched for the header (title rows above it)
MAX_SIDECAR_BYTES = 256_000      # a sidecar larger than this is refused before parsing
MAX_ZIP_MEMBER_BYTES = 64 * 2**30    # uncompressed size of the CSV inside a .zip
MAX_ZIP_RATIO = 200              # uncompressed / compressed: more looks like a zip bomb
ERROR_EXCERPT = 80               # characters of a field quoted in an error message or a reject reason
RAW_RECORD_CHARS = 1_000         # characters of a rejected record kept in `rejects.raw_record`
#: Characters allowed in each sidecar text field (title, notes...): longer texts are refused.
TEXT_CAPS = {"title": 300, "publisher": 300, "url": 2_000, "license": 300, "retrieved": 40, "notes": 4_000,
             "redistribution_note": 1_000, "name": 200, "description": 2_000, "unit": 120, "default": 300}
#: Identifiers (source ids, indicator ids, table names): lower-case letters, digits and underscores.
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,119}")
URL_PATTERN = re.compile(r"https?://[^\s<>\"'`]+", re.I)
#: A project file named as its own source's location (e.g. data/raw/indicator_goals.csv): no scheme, no '..'.
REPO_PATH_PATTERN = re.compile(r"(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_./-]*")

# -- rules of honest numbers (README, "Coverage, breaks and outliers"; recorded in the table etl_settings) --------
#: A region value is adequately covered when the reporting countries hold at least this share of the region's
#: population (unknown coverage is not adequate). Headlines use adequate years; lines end at the last one.
ADEQUATE_COVERAGE = 0.5
#: A region-year is a coverage break when countries holding at least this share of the region's population
#: entered or left the reporting set since the previous reported year.
COVERAGE_BREAK = 0.10
#: Outliers, rule 'neighbours' (rates per 100,000, totals): a value at least OUTLIER_RATIO times above the
#: higher, or below the lower divided by it, of the country's previous and next reported values, when those two
#: agree within OUTLIER_NEIGHBOURS_AGREE times, lie at most OUTLIER_SPAN years apart, and the gap stands for at
#: least OUTLIER_MIN_EVENTS events (rate difference × population / 100,000).
OUTLIER_RATIO = 5.0
OUTLIER_NEIGHBOURS_AGREE = 2.0
OUTLIER_SPAN = 4
OUTLIER_MIN_EVENTS = 10
#: Outliers, rule 'dominant_record' (UNODC IDS): one seizure record holding at least this share of a region's
#: yearly kilograms, in a region-year with at least DOMINANT_MIN_RECORDS records in kilograms.
DOMINANT_SHARE = 0.5
DOMINANT_MIN_RECORDS = 100
#: (name, value, description) of the rules above, as written to etl_settings.
RULES = (
    ("adequate_coverage", ADEQUATE_COVERAGE, "A region value is adequately covered when its reporting countries "
     "hold at least this share of the region's population; unknown coverage is not adequate."),
    ("coverage_break", COVERAGE_BREAK, "A region-year is a coverage break when countries holding at least this "
     "share of the region's population entered or left the reporting set since the previous reported year."),
    ("outlier_ratio", OUTLIER_RATIO, "Outlier (neighbours): a rate at least this many times above the higher, or "
     "below the lower, of the country's previous and next reported values."),
    ("outlier_neighbours_agree", OUTLIER_NEIGHBOURS_AGREE, "Outlier (neighbours): the two neighbouring values agree "
     "within this factor."),
    ("outlier_span", OUTLIER_SPAN, "Outlier (neighbours): the neighbouring years lie at most this many years apart."),
    ("outlier_min_events", OUTLIER_MIN_EVENTS, "Outlier (neighbours): the gap stands for at least this many events "
     "(rate difference x population / 100,000)."),
    ("dominant_share", DOMINANT_SHARE, "Outlier (dominant record): one record holds at least this share of a "
     "region's yearly sum."),
    ("dominant_min_records", DOMINANT_MIN_RECORDS, "Outlier (dominant record): in a region-year with at least this "
     "many records."),
)

DEFAULT_MEMORY_LIMIT = "2GB"
MIN_MEMORY_BYTES = 256 * 2**20
_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
          "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


class SettingError(ValueError):
    """A setting with a value the ETL cannot use: (message, what to do)."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Settings:
    memory_limit: str          # as DuckDB reads it, e.g. "2GB"
    memory_bytes: int
    public_only: bool
    threads: int | None


def memory_bytes(text: str) -> int:
    """'2GB' -> 2_000_000_000; raises SettingError for anything else."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGT]i?B|B)\s*", text, re.I)
    if not m:
        raise SettingError(f"ETL_MEMORY_LIMIT={text[:40]!r} is not a memory size",
                           "give a number and a unit, for example ETL_MEMORY_LIMIT=2GB or 1500MB")
    return int(float(m[1]) * _UNITS[m[2].upper()])


def settings(env: dict | None = None, *, public_only: bool | None = None) -> Settings:
    """The ETL's settings from the environment (and the CLI's --public-only), checked."""
    env = os.environ if env is None else env
    limit = env.get("ETL_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT).strip() or DEFAULT_MEMORY_LIMIT
    size = memory_bytes(limit)
    if size < MIN_MEMORY_BYTES:
        raise SettingError(f"ETL_MEMORY_LIMIT={limit} is too small to build a warehouse",
                           "give at least 256MB (the default is 2GB); DuckDB spills to disk beyond the limit")
    flag = env.get("ETL_PUBLIC_ONLY", "").strip().lower()
    if flag not in _TRUE | _FALSE:
        raise SettingError(f"ETL_PUBLIC_ONLY={flag[:20]!r} is not a yes/no value", "use ETL_PUBLIC_ONLY=1 or 0")
    threads = env.get("ETL_THREADS", "").strip()
    if threads and not (threads.isdigit() and 0 < int(threads) <= 256):
        raise SettingError(f"ETL_THREADS={threads[:20]!r} is not a number of threads",
                           "give a whole number such as ETL_THREADS=2, or leave it unset")
    return Settings(memory_limit=limit.replace(" ", ""), memory_bytes=size,
                    public_only=bool(public_only) or flag in _TRUE, threads=int(threads) if threads else None)


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
