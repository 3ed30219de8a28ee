"""The ETL's one SQL-quoting helper, and its named SQL files.

Values from data files and paths are always bound as parameters. What is quoted here is the ETL's own
text: identifiers (column names read from a header, table names the ETL makes) and literals the ETL
writes itself (reasons, patterns from its own tables).
"""
from __future__ import annotations

import functools
from pathlib import Path

from .paths import SQL_DIR, STAGING_DIR


def ident(name: str) -> str:
    """A quoted identifier (double quotes, inner ones doubled)."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted string literal of the ETL's own text (single quotes, inner ones doubled)."""
    return "'" + text.replace("'", "''") + "'"


def idents(names) -> str:
    return ", ".join(ident(n) for n in names)


@functools.lru_cache(maxsize=None)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def mart(name: str) -> str:
    """The text of etl/sql/<name>.sql."""
    return _read(SQL_DIR / f"{name}.sql")


def staging(name: str) -> str:
    """The text of etl/staging/<name>.sql."""
    return _read(STAGING_DIR / f"{name}.sql")
