"""Paths and settings of the app. Imports nothing from the project. Environment overrides:

DATA_DIR   directory holding warehouse.duckdb (default: <repo>/data)
DECKS_DIR  directory holding the briefing decks, <name>.toml (default: <repo>/decks)
"""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SQL_DIR = Path(__file__).resolve().parent / "sql"
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"     # small cited data files the app reads itself
STATIC_URL = "/app/static/"          # where Streamlit serves static/ (server.enableStaticServing)
FAVICON = REPO / "static" / "favicon.png"
QUERY_SECONDS = 10.0                 # time limit of one warehouse query
MAX_ROWS = 1_000_000                 # row cap of one warehouse query (whole-table downloads stream instead)


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR") or REPO / "data").resolve()


def decks_dir() -> Path:
    return Path(os.environ.get("DECKS_DIR") or REPO / "decks").resolve()


def warehouse_path() -> Path:
    return data_dir() / "warehouse.duckdb"
