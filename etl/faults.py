"""Operating-system and DuckDB failures as EtlErrors that say what happened and what to do.

Messages name the data directory and the file where known, never a file's content, and say whether the
previous warehouse is unchanged (the usual case) or the new one was already published.
"""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import duckdb

from .errors import EtlError, excerpt
from .paths import DataDir, Settings

_IO_PATTERNS = ((errno.ENOSPC, "No space left on device"), (errno.EDQUOT, "quota exceeded"),
                (errno.EROFS, "Read-only file system"), (errno.EACCES, "Permission denied"),
                (errno.EPERM, "Operation not permitted"))


def published(dd: DataDir) -> str | None:
    """The build the `current` link names (None before the first publish)."""
    return os.readlink(dd.current) if dd.current.is_symlink() else None


def _state(dd: DataDir, published_before: str | None) -> str:
    return ("the previous warehouse is unchanged" if published(dd) == published_before else
            "the new warehouse was published, but the run did not finish cleanly: run it again")


def io_error(exc: BaseException, dd: DataDir, published_before: str | None) -> EtlError:
    """An operating-system error (disk full, read-only or unreadable files) as a message saying what to do."""
    text = str(exc)
    code = getattr(exc, "errno", None)
    if not isinstance(code, int):            # DuckDB reports the error inside its message
        code = next((c for c, pattern in _IO_PATTERNS if pattern in text), None)
    path = getattr(exc, "filename2", None) or getattr(exc, "filename", None)     # (filename2: a link's name)
    if path is None and (m := re.search(r'file \\?"([^"\\]+)\\?"', text)):
        path = m[1]
    path = excerpt(path, 200) if path else None
    where = f" (at {path})" if path else ""
    state = _state(dd, published_before)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return EtlError(f"no space left on the disk holding the data directory {dd.root}{where}",
                        hint=f"free some disk space, then run again; {state}")
    if path and code in (errno.EACCES, errno.EPERM) and Path(path).resolve().is_relative_to(dd.raw):
        return EtlError("cannot read this file: permission denied", file=Path(path).name,
                        hint=f"let the user running the ETL read the files in {dd.raw}; {state}")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = "it is on a read-only file system" if code == errno.EROFS else os.strerror(code).lower()
        return EtlError(f"cannot write to the data directory {dd.root}: {why}{where}",
                        hint=f"make {dd.root} writable for the user running the ETL, or pass --data-dir a "
                             f"writable directory holding a copy of raw/; {state}")
    return EtlError(f"input/output error in the data directory {dd.root}{where}: "
                    f"{excerpt(getattr(exc, 'strerror', None) or text, 200)}",
                    hint=f"check the disk and the permissions of {dd.root}, then run again; {state}")


def duckdb_error(exc: duckdb.Error, conf: Settings, dd: DataDir, published_before: str | None) -> EtlError:
    state = _state(dd, published_before)
    if isinstance(exc, duckdb.OutOfMemoryException):
        return EtlError(f"DuckDB ran out of memory within ETL_MEMORY_LIMIT={conf.memory_limit}",
                        hint=f"raise ETL_MEMORY_LIMIT (the default is 2GB) and check the free disk space in "
                             f"{dd.builds} (DuckDB spills there); {state}")
    return EtlError(f"DuckDB failed: {excerpt(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, 200)}",
                    hint=f"this is a fault of the ETL or of its inputs it did not anticipate: report it with the "
                         f"file being loaded (the progress line above); {state}")
