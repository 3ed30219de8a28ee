"""Atomic publish: a finished build replaces the previous one in a single rename.

Layout of a data directory:
    current -> .builds/<run_id>            (symlink; swapped atomically with os.replace)
    warehouse.duckdb -> current/warehouse.duckdb
    parquet -> current/parquet
A run builds everything inside .builds/<run_id>/ and only then swaps `current`. A run that fails or is
killed at any moment leaves `current` pointing at the previous, complete build. The two outer links never
name a build, so they are put in place before the swap; after it, nothing may undo the publication.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .paths import PARQUET_NAME, WAREHOUSE_NAME, DataDir

KEEP_BUILDS = 2   # the current build and the previous one (viewers may still be reading it)
TMP_SUFFIX = ".tmp"


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
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def publish(dd: DataDir, build: Path) -> None:
    _clean_stale_links(dd)
    previous = dd.current.resolve() if dd.current.is_symlink() else None
    _link(dd.warehouse, f"current/{WAREHOUSE_NAME}")
    _link(dd.parquet, f"current/{PARQUET_NAME}")
    _link(dd.current, os.path.relpath(build, dd.root))          # the swap
    _fsync_dir(dd.root)
    clean_builds(dd, previous)


def is_current(dd: DataDir, build_dir: Path) -> bool:
    return dd.current.is_symlink() and dd.current.resolve() == build_dir.resolve()


def check_writable(dd: DataDir) -> None:
    """Raise the OSError the swap would raise (a read-only data directory) before a run does any work."""
    probe = dd.root / f".probe.{os.getpid()}{TMP_SUFFIX}"
    os.symlink("probe", probe)
    probe.unlink()


def _clean_stale_links(dd: DataDir) -> None:
    """Remove the temporary links (.current.<pid>.tmp) of runs killed in the middle of a swap."""
    for p in dd.root.glob(f".*{TMP_SUFFIX}"):
        pid = p.name[: -len(TMP_SUFFIX)].rpartition(".")[2]
        if p.is_symlink() and pid.isdigit() and not _alive(int(pid)):
            p.unlink(missing_ok=True)


def clean_builds(dd: DataDir, previous: Path | None = None) -> None:
    """Remove builds other than the current one and the previous one: the build `current` named before
    this publish (viewers may still be reading it), else the newest other finished build."""
    if not dd.builds.exists():
        return
    current = dd.current.resolve() if dd.current.is_symlink() else None
    finished = sorted((p for p in dd.builds.iterdir() if (p / ".complete").exists() and p != current),
                      key=lambda p: p.name, reverse=True)
    keep = {current, *([previous] if previous and previous.exists() else finished[:KEEP_BUILDS - 1])}
    for p in dd.builds.iterdir():
        # (a finished build is never running, even when this same process made it earlier)
        if p not in keep and not (p.name.startswith("run-") and not (p / ".complete").exists() and _running(p)):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)


def _running(build: Path) -> bool:
    """A build directory of a run that is still going (its owner process is alive)."""
    pid_file = build / ".pid"
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return False
    return _alive(pid)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except OSError:           # (EPERM: alive, owned by someone else)
        return True
