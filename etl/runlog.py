"""The run log (logs/etl_runs.jsonl), the run lock, and the `etl_runs` table built from them.

Every run that gets as far as its log appends a line: `failed` with its message, or, just before the
publish swap, `publishing` naming its build, then `success` after it. A run killed between the swap and its
`success` line leaves `publishing`: reading the log resolves it to success when that build is the one
published (or was, and has been replaced since), so a published build is never missing from the history.
Neither the lock file nor the log is opened through a symbolic link.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os

import pandas as pd

from .errors import EtlError
from .paths import DataDir

_NOFOLLOW = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _open(path, flags: int, what: str) -> int:
    try:
        return os.open(path, flags | _NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise EtlError(f"the {what} {path} is a symbolic link; the ETL does not write through links",
                           hint=f"remove {path} (the ETL makes it again)") from None
        raise


@contextlib.contextmanager
def lock(dd: DataDir):
    """One run at a time per data directory (a lock file, never truncated, never followed if a link)."""
    dd.root.mkdir(parents=True, exist_ok=True)
    fd = _open(dd.lock, os.O_RDWR | os.O_CREAT, "lock file")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise EtlError(f"another ETL run is working on {dd.root}", hint="wait for it to finish") from None
        yield
    finally:
        os.close(fd)          # (closing releases the lock)


def append(dd: DataDir, entry: dict) -> None:
    dd.run_log.parent.mkdir(parents=True, exist_ok=True)
    fd = _open(dd.run_log, os.O_RDWR | os.O_CREAT | os.O_APPEND, "run log")
    try:
        size = os.fstat(fd).st_size
        # (a run killed while writing leaves a partial line: start a new one rather than spoil this entry)
        partial = size > 0 and os.pread(fd, 1, size - 1) != b"\n"
        os.write(fd, (("\n" if partial else "") + json.dumps(entry) + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read(dd: DataDir) -> list[dict]:
    """The log's entries, one per run (its last word), `publishing` resolved against the published build."""
    if not dd.run_log.exists() or dd.run_log.is_symlink():
        return []
    runs: dict[str, dict] = {}
    with open(dd.run_log, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            with contextlib.suppress(json.JSONDecodeError):
                entry = json.loads(line)
                if isinstance(entry, dict) and isinstance(entry.get("run_id"), str):
                    runs[entry["run_id"]] = entry
    current = os.readlink(dd.current) if dd.current.is_symlink() else None
    out = []
    for e in runs.values():
        if e.get("status") == "publishing":
            published = e.get("build") is not None and e.get("build") == current
            e = {**e, "status": "success" if published else "failed",
                 "message": None if published else "interrupted while publishing; nothing was published"}
        out.append(e)
    return out


def repair(dd: DataDir) -> None:
    """Write down how runs left at `publishing` ended (before a new run can change what is published)."""
    if not dd.run_log.exists() or dd.run_log.is_symlink():
        return
    last: dict[str, str] = {}
    with open(dd.run_log, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            with contextlib.suppress(json.JSONDecodeError, AttributeError, TypeError):
                e = json.loads(line)
                last[e["run_id"]] = e.get("status")
    for e in read(dd):
        if last.get(e["run_id"]) == "publishing":
            append(dd, {**e, "finished_at": e.get("finished_at") or now().isoformat()})


def entry(run_id: str, started: dt.datetime, status: str, seconds: float, stats=None, **extra) -> dict:
    return {"run_id": run_id, "started_at": started.isoformat(), "finished_at": now().isoformat(),
            "status": status, "rows_read": sum(s.rows_read for s in stats) if stats is not None else None,
            "rows_loaded": sum(s.rows_loaded for s in stats) if stats is not None else None,
            "rows_rejected": sum(s.rows_rejected for s in stats) if stats is not None else None,
            "rows_routed": sum(s.rows_routed for s in stats) if stats is not None else None,
            "seconds": seconds, "message": None, **extra}


def table(dd: DataDir, this_run: dict, columns: list[str]) -> pd.DataFrame:
    """etl_runs: the history in the log and this run (success), oldest first."""
    history = [e for e in read(dd) if e.get("run_id") != this_run["run_id"]] + [this_run]
    df = pd.DataFrame([{c: e.get(c) for c in columns} for e in history], columns=columns)
    df = df[df["status"].isin(["success", "failed"])]
    for col in ("started_at", "finished_at"):
        df[col] = pd.to_datetime(df[col], errors="coerce")
    return df[df["started_at"].notna()]
