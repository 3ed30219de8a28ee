"""One ETL run: check every sidecar, load every source (load.py), build the marts (marts.py), run the data
tests (warehouse.py), write the Parquet files and publish atomically (publish.py), log it (runlog.py).

Every fatal problem is an EtlError saying what to do, operating-system and DuckDB ones too; a failed run
leaves the previous warehouse as it was. `--check` reads and tests everything and creates no file in the
data directory (it works in a temporary folder).
"""
from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from . import load, marts, publish, runlog, sidecar, warehouse
from .build import Build, NullProgress, SourceStats
from .errors import EtlError, excerpt
from .faults import duckdb_error, io_error, published
from .inputs import Input, RawDir, check_proc
from .paths import PARQUET_NAME, DataDir, SettingError
from .paths import settings as read_settings
from .sql import ident


@dataclass
class RunResult:
    run_id: str
    status: str
    stats: list[SourceStats] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    build: Path | None = None
    left_out: list[str] = field(default_factory=list)      # sources a public-only build did not load

    @property
    def rows_read(self):
        return sum(s.rows_read for s in self.stats)

    @property
    def rows_loaded(self):
        return sum(s.rows_loaded for s in self.stats)

    @property
    def rows_rejected(self):
        return sum(s.rows_rejected for s in self.stats)

    @property
    def rows_routed(self):
        return sum(s.rows_routed for s in self.stats)


def discover(raw: RawDir) -> list[sidecar.Sidecar]:
    """Every data file's checked sidecar; a missing, orphan or clashing sidecar stops the run."""
    data, sides = raw.entries()
    if not data:
        raise EtlError(f"{raw.path} holds no data files", hint="copy the sources with their .source.toml sidecars there")
    orphans = sorted(s for s in sides if s[: -len(sidecar.sidecar_name(""))] not in data)
    if orphans:
        raise EtlError(f"sidecar(s) without a data file: {', '.join(excerpt(o, 60) for o in orphans[:10])}",
                       hint="remove the sidecar or restore its data file")
    out, ids, tables = [], {}, {}
    for name in data:
        side_name = sidecar.sidecar_name(name)
        if side_name not in sides:
            raise EtlError(f"no provenance sidecar (expected {side_name})", file=name,
                           hint=f"add {side_name} with {', '.join(sidecar.REQUIRED)} (see README, 'Adding a source')")
        s = sidecar.parse(side_name, raw.read_small(side_name), name)
        if s.source_id in ids:
            raise EtlError(f"source_id '{s.source_id}' is used by both {ids[s.source_id]} and {name}",
                           file=side_name, hint="give each sidecar its own source_id")
        if s.format == "reference" and s.table in tables:
            raise EtlError(f"a second file for the reference table '{s.table}' (the first is {tables[s.table]})",
                           file=side_name, hint=f"keep one file per reference table: merge {name} into "
                                                f"{tables[s.table]}, or remove one of them")
        ids[s.source_id] = name
        if s.format == "reference":
            tables[s.table] = name
        out.append(s)
    # Reference files first (the goal mapping is needed by the indicators mart), then the indicators.
    return sorted(out, key=lambda s: (s.format != "reference", s.name))


def run(data_dir: Path | str, *, check: bool = False, progress=None, public_only: bool | None = None) -> RunResult:
    """Build the warehouse of data_dir from data_dir/raw. With check=True, validate and write nothing."""
    dd = DataDir(data_dir)
    try:
        conf = read_settings(public_only=public_only)
    except SettingError as exc:
        raise EtlError(str(exc), hint=exc.hint) from None
    before = published(dd)
    try:
        return _run(dd, conf, check, progress or NullProgress())
    except (OSError, duckdb.IOException) as exc:
        raise io_error(exc, dd, before) from exc
    except duckdb.Error as exc:
        raise duckdb_error(exc, conf, dd, before) from None


def new_run_id() -> str:
    return runlog.now().strftime("%Y%m%dT%H%M%S%fZ") + f"-{os.getpid()}"


def _run(dd: DataDir, conf, check: bool, progress) -> RunResult:
    check_proc()
    raw = RawDir(dd.raw)
    try:
        sides = discover(raw)
        left_out = [s.source_id for s in sides if conf.public_only and s.redistribution != "allowed"]
        sides = [s for s in sides if s.source_id not in left_out]
        run_id, started, t0 = new_run_id(), runlog.now(), time.perf_counter()
        if check:
            with tempfile.TemporaryDirectory(prefix="etl-check-") as tmp:
                return _build(dd, raw, sides, Build(dd, run_id, Path(tmp), conf, True, progress), started, t0,
                              left_out)
        try:
            with runlog.lock(dd):
                runlog.repair(dd)
                publish.check_writable(dd)          # a read-only directory fails now, not after all the work
                dd.builds.mkdir(parents=True, exist_ok=True)
                return _build(dd, raw, sides, Build(dd, run_id, dd.builds / f"run-{run_id}", conf, False, progress),
                              started, t0, left_out)
        except BaseException as exc:
            if not isinstance(exc, KeyboardInterrupt):
                with_message = runlog.entry(run_id, started, "failed", time.perf_counter() - t0,
                                            message=excerpt(exc, 2000))
                try:
                    runlog.append(dd, with_message)
                except (OSError, EtlError):
                    pass
            raise
    finally:
        raw.close()


def _build(dd, raw, sides, b: Build, started, t0, left_out) -> RunResult:
    b.sides = {s.source_id: s for s in sides}
    inputs: list[Input] = []
    pending = None
    try:
        if not b.check:
            b.dir.mkdir()
            (b.dir / ".pid").write_text(str(os.getpid()))
        b.connect()
        b.progress.start(len(sides))
        for k, side in enumerate(sides):
            inputs.append(Input.open(raw, side.name))
            load.load(b, k, inputs[-1], side)
        marts.build(b)
        b.progress.step("running data tests")
        failures = warehouse.run_data_tests(b.con, "wh")
        if failures:
            raise EtlError("data tests failed, nothing was published:\n  - " + "\n  - ".join(failures),
                           hint="fix the inputs named above; the previous warehouse is unchanged")
        seconds = time.perf_counter() - t0
        this = runlog.entry(b.run_id, started, "success", seconds, b.stats)
        _etl_runs(b, this)
        if not b.check:
            _write_parquet(b)
        rejects = b.con.execute("SELECT * FROM wh.rejects ORDER BY source_id, line, cell").df()
        b.close()
        result = RunResult(b.run_id, "checked" if b.check else "success", b.stats, seconds, b.warnings, b.dir,
                           left_out)
        if b.check:
            return result
        (b.dir / ".complete").write_text(b.run_id)
        # Everything that can fill the disk is written before the swap (the rejects file too).
        dd.rejects.mkdir(exist_ok=True)
        pending = dd.rejects / f".{b.run_id}.csv{publish.TMP_SUFFIX}"
        rejects.to_csv(pending, index=False, quoting=csv.QUOTE_MINIMAL)
        try:     # (so that a kill right after the swap cannot leave the published build out of the log)
            runlog.append(dd, {**this, "status": "publishing", "build": os.path.relpath(b.dir, dd.root)})
        except (OSError, EtlError) as exc:
            b.warnings.append(f"the run log {dd.run_log} was not updated: {exc}")
        publish.publish(dd, b.dir)
        # Past the swap the new warehouse is live: what follows may warn, never undo it.
        _after_publish(dd, b.run_id, pending, result, this)
        return result
    except BaseException:
        b.close_quietly()
        if not b.check and not publish.is_current(dd, b.dir):
            shutil.rmtree(b.dir, ignore_errors=True)
        if pending is not None:
            pending.unlink(missing_ok=True)
        raise
    finally:
        for inp in inputs:
            inp.close()


def _etl_runs(b: Build, this: dict) -> None:
    df = runlog.table(b.dd, this, warehouse.columns("etl_runs"))
    b.con.register("__runs", df)
    b.con.execute("INSERT INTO wh.etl_runs BY NAME SELECT * FROM __runs")
    b.con.unregister("__runs")


def _write_parquet(b: Build) -> None:
    b.progress.step("writing Parquet files")
    pq = b.dir / PARQUET_NAME
    pq.mkdir(exist_ok=True)
    b.con.execute("SET preserve_insertion_order = true")
    try:
        for name, spec in warehouse.schema().items():
            # the big tables are stored in key order already (marts.py): a plain scan returns that order
            order = "" if name in marts.STORED_IN_KEY_ORDER else " ORDER BY " + ", ".join(ident(k) for k in spec["key"])
            b.con.execute(f"COPY (SELECT * FROM wh.{ident(name)}{order}) TO $1 (FORMAT parquet, COMPRESSION zstd)",
                          [str(pq / f"{name}.parquet")])
    finally:
        b.con.execute("SET preserve_insertion_order = false")


def _after_publish(dd: DataDir, run_id: str, pending: Path, result: RunResult, this: dict) -> None:
    try:
        os.replace(pending, dd.rejects / f"{run_id}.csv")
        for stale in dd.rejects.glob(f".*.csv{publish.TMP_SUFFIX}"):      # of runs killed before their swap
            stale.unlink(missing_ok=True)
    except OSError as exc:
        result.warnings.append(f"the rejects were not written to {dd.rejects}: {exc}")
    try:
        runlog.append(dd, {**this, "finished_at": runlog.now().isoformat()})
    except (OSError, EtlError) as exc:
        result.warnings.append(f"the run log {dd.run_log} was not updated: {exc}")
