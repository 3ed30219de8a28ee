"""Atomic publish: a finished build replaces the previous one in a single rename.

Layout of a data directory:
    current -> .builds/<run_id>            (symlink; swapped atomically with os.replace)
    warehouse.duckdb -> current/warehouse.duckdb
    parquet -> current/parquet
A run builds everything inside .builds/<run_id>/ and only then swaps `current`. A run that fails or is
killed at any moment leaves `current` pointing at the previous, complete build.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .paths import PARQUET_NAME, WAREHOUSE_NAME, DataDir

KEEP_BUILDS = 2   # the current build and the previous one (viewers may still be reading it)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link(path: Path, target: str) -> None:
    """Make `path` a symlink to `target`, atomically replacing a file or link already there."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        # an older layout kept a real directory here: move it aside (kept until the next clean-up)
        path.rename(path.parent / ".builds" / f"legacy-{path.name}-{int(time.time())}")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def publish(dd: DataDir, build: Path) -> None:
    _link(dd.current, os.path.relpath(build, dd.root))
    _link(dd.warehouse, f"current/{WAREHOUSE_NAME}")
    _link(dd.parquet, f"current/{PARQUET_NAME}")
    _fsync_dir(dd.root)
    clean_builds(dd)


def clean_builds(dd: DataDir) -> None:
    """Remove builds other than the current one and the newest previous finished one."""
    if not dd.builds.exists():
        return
    current = dd.current.resolve() if dd.current.is_symlink() else None
    finished = sorted((p for p in dd.builds.iterdir() if (p / ".complete").exists() and p != current),
                      key=lambda p: p.name, reverse=True)
    keep = {current, *finished[:KEEP_BUILDS - 1]}
    for p in dd.builds.iterdir():
        if p not in keep and not (p.name.startswith("run-") and _running(p)):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)


def _running(build: Path) -> bool:
    """A build directory of a run that is still going (its owner process is alive)."""
    pid_file = build / ".pid"
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False
