"""The data dictionary, read from the warehouse contract etl/schema.toml (a data file; no Streamlit, no database).

Each table has a description, a key and columns with a type, a description and data tests
(not_null, accepted values, references, min/max); the Data page shows them as they are declared.
"""
from __future__ import annotations

import functools
import tomllib
from pathlib import Path

import pandas as pd

from .settings import REPO

SCHEMA = REPO / "etl" / "schema.toml"


@functools.lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def schema(path: Path = SCHEMA) -> dict:
    """The parsed schema.toml (re-read when the file changes)."""
    return _load(path, path.stat().st_mtime_ns)


def _tests(spec: dict) -> str:
    bits = []
    if spec.get("not_null"):
        bits.append("not null")
    if "accepted" in spec:
        bits.append("one of " + ", ".join(str(a) for a in spec["accepted"]))
    if "references" in spec:
        bits.append("→ " + str(spec["references"]))
    if "min" in spec:
        bits.append(f"≥ {spec['min']}")
    if "max" in spec:
        bits.append(f"≤ {spec['max']}")
    return "; ".join(bits)


def tables(path: Path = SCHEMA) -> pd.DataFrame:
    """One row per table: table, description, key (comma-separated), number of columns."""
    rows = [{"table": name, "description": spec.get("description", ""), "key": ", ".join(spec.get("key", [])),
             "columns": len(spec.get("columns", {}))}
            for name, spec in schema(path).get("tables", {}).items()]
    return pd.DataFrame(rows, columns=["table", "description", "key", "columns"])


def columns(table: str, path: Path = SCHEMA) -> pd.DataFrame:
    """One row per column of a table: column, type, description, key (bool), tests (text)."""
    spec = schema(path).get("tables", {}).get(table, {})
    key = set(spec.get("key", []))
    rows = [{"column": col, "type": c.get("type", ""), "description": c.get("description", ""),
             "key": col in key, "tests": _tests(c)}
            for col, c in spec.get("columns", {}).items()]
    return pd.DataFrame(rows, columns=["column", "type", "description", "key", "tests"])
