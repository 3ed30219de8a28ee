"""One ETL run: read every raw file, stage, build marts, test, publish atomically."""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import fcntl
import fnmatch
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from . import countries, publish, sidecar, stage, textio, warehouse
from .errors import EtlError
from .paths import PARQUET_NAME, SIDECAR_SUFFIX, SQL_DIR, WAREHOUSE_NAME, DataDir
from .sources import indicators as ind_layouts
from .sources import reference

IGNORED_FILES = {"README.md", "SOURCES.md"}
POPULATION_ID = "population_total"
#: Tables inserted in the order of their key (one INSERT ... ORDER BY key each).
STORED_IN_KEY_ORDER = {"indicator_values", "region_values"}


@dataclass
class SourceStats:
    source_id: str
    file: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    seconds: float = 0.0


@dataclass
class RunResult:
    run_id: str
    status: str
    stats: list[SourceStats] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    build: Path | None = None

    @property
    def rows_read(self):
        return sum(s.rows_read for s in self.stats)

    @property
    def rows_loaded(self):
        return sum(s.rows_loaded for s in self.stats)

    @property
    def rows_rejected(self):
        return sum(s.rows_rejected for s in self.stats)


class NullProgress:
    """Progress reporting interface (the CLI passes a rich-based one)."""

    def start(self, total: int): ...
    def source(self, name: str): ...
    def done(self, stats: SourceStats): ...
    def step(self, text: str): ...


def discover(raw: Path) -> list[Path]:
    if not raw.is_dir():
        raise EtlError(f"no raw data folder at {raw}", hint="pass --data-dir DIR where DIR/raw/ holds the sources")
    files = sorted(p for p in raw.iterdir() if p.is_file() and not p.name.startswith(".")
                   and not p.name.endswith(SIDECAR_SUFFIX) and p.name not in IGNORED_FILES)
    if not files:
        raise EtlError(f"{raw} holds no data files", hint="copy the sources with their .source.toml sidecars there")
    orphans = sorted(p.name for p in raw.glob(f"*{SIDECAR_SUFFIX}")
                     if not (raw / p.name[: -len(SIDECAR_SUFFIX)]).exists())
    if orphans:
        raise EtlError(f"sidecar(s) without a data file: {', '.join(orphans)}",
                       hint="remove the sidecar or restore its data file")
    return files


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _humanize(indicator_id: str) -> str:
    text = indicator_id.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@contextlib.contextmanager
def _lock(dd: DataDir):
    dd.root.mkdir(parents=True, exist_ok=True)
    fh = open(dd.lock, "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise EtlError(f"another ETL run is working on {dd.root}", hint="wait for it to finish") from None
    try:
        yield
    finally:
        fcntl.flock(fh, fcntl.LOCK_UN)
        fh.close()


def _append_log(dd: DataDir, entry: dict) -> None:
    dd.run_log.parent.mkdir(parents=True, exist_ok=True)
    with open(dd.run_log, "a+b") as fh:
        fh.seek(0, os.SEEK_END)
        partial = fh.tell() > 0 and (fh.seek(-1, os.SEEK_END), fh.read(1))[1] != b"\n"
        # (a run killed while writing leaves a partial line: start a new one rather than spoil this entry)
        fh.write((("\n" if partial else "") + json.dumps(entry) + "\n").encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())


def _read_log(dd: DataDir) -> list[dict]:
    if not dd.run_log.exists():
        return []
    out = []
    for line in dd.run_log.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            out.append(json.loads(line))
    return out


class Build:
    """The state of one run while it builds (connection, counters, rejects)."""

    def __init__(self, dd: DataDir, run_id: str, build_dir: Path, progress):
        self.dd, self.run_id, self.dir, self.progress = dd, run_id, build_dir, progress
        self.con = duckdb.connect(str(build_dir / "scratch.duckdb"))
        self.con.execute("SET preserve_insertion_order = true")
        self.con.execute("SET enable_progress_bar = false")
        # Stay within a fixed memory budget whatever the input size: DuckDB spills to the build folder.
        self.con.execute(f"SET memory_limit = '{os.environ.get('ETL_MEMORY_LIMIT', '2GB')}'")
        self.con.execute(f"SET temp_directory = '{build_dir / 'spill'}'")
        self.con.execute(f"ATTACH '{build_dir / WAREHOUSE_NAME}' AS wh")
        warehouse.create_tables(self.con, "wh")
        # Indicator values are collected here (scratch) and written to the warehouse once, sorted by key, so that
        # each indicator's rows are contiguous: DuckDB's zone maps then let a query on one indicator read a
        # few row groups instead of the whole table (see build_marts and README, 'Growing past one machine').
        self.con.execute("CREATE TABLE staged_values AS SELECT * FROM wh.indicator_values LIMIT 0")
        self.known_iso3 = set(countries.reference()["iso3"])
        self.stats: list[SourceStats] = []
        self.warnings: list[str] = []
        self.indicator_meta: list[pd.DataFrame] = []
        self.sides: dict[str, sidecar.Sidecar] = {}

    # -- rejects ---------------------------------------------------------------------------------
    def _insert_rejects(self, side, raw: textio.RawTable, rej_table: str | None):
        """Structural rejects (from reading) and row rejects (from a table) go to wh.rejects."""
        if raw.rejects:
            df = pd.DataFrame(raw.rejects, columns=["line", "column_name", "reason", "raw_record"])
            self.con.register("__srej", df)
            self.con.execute("""INSERT INTO wh.rejects SELECT ?, ?, ?, line, nullif(column_name, ''), reason,
                                raw_record FROM __srej""", [self.run_id, side.source_id, side.path.name])
            self.con.unregister("__srej")
        if rej_table:
            cols = " || ',' || ".join(f'coalesce({ind_layouts.q(c)}, \'\')' for c in raw.columns)
            self.con.execute(f"""INSERT INTO wh.rejects
                SELECT ?, ?, ?, r.line, r.column_name, r.reason, left({cols}, 1000)
                FROM {rej_table} r LEFT JOIN "{raw.table}" t ON t."__line" = r.line""",
                             [self.run_id, side.source_id, side.path.name])

    # -- sources -----------------------------------------------------------------------------------
    def load_reference(self, k: int, side, raw: textio.RawTable) -> SourceStats:
        table = side.opt("table")
        df = self.con.execute(f'SELECT * FROM "{raw.table}"').df()
        clean, rejects = reference.read(table, df, side.path.name, self.known_iso3)
        clean = clean.assign(source_id=side.source_id)
        target = "goals" if table == "goals" else table
        if table == "operations":
            clean["date_precision"] = [reference.parse_date(t)[1] for t in
                                       df.set_index("__line").loc[clean["__line"], "start_date"].str.strip()]
            clean["year"] = pd.to_datetime(clean["start_date"]).dt.year
        if table == "organizations":
            self._organizations = clean
        if table == "org_membership":
            self._partial_orgs = set(side.opt("partial_membership", []))
        if table == "indicator_goals":
            self._goal_map = clean.sort_values("__line")
            target = None
        if target:
            cols = [c for c in warehouse.columns(target) if c in clean.columns]
            if target == "organizations":
                clean["membership_complete"] = True
                cols = [c for c in warehouse.columns(target) if c in clean.columns]
            self.con.register("__ref", clean[cols])
            self.con.execute(f'INSERT INTO wh."{target}" ({", ".join(cols)}) SELECT {", ".join(cols)} FROM __ref')
            self.con.unregister("__ref")
        rej = pd.DataFrame(rejects, columns=["line", "column_name", "reason", "raw_record"])
        raw.rejects.extend(rej.itertuples(index=False, name=None))
        self._insert_rejects(side, raw, None)
        return SourceStats(side.source_id, side.path.name, raw.rows, raw.rows - len(raw.rejects), len(raw.rejects))

    def load_indicators(self, k: int, side, raw: textio.RawTable) -> SourceStats:
        select = ind_layouts.SELECTS[side.format](raw.table, raw.columns, side)
        self.con.execute(f"CREATE OR REPLACE TEMP VIEW long_{k} AS {select}")
        stage.stage(self.con, k, f"long_{k}", side, always_suffix=ind_layouts.ALWAYS_SUFFIX.get(side.format, False),
                    run_year=stage.run_year())
        if side.opt("sum_over"):
            self.con.execute(f"""INSERT INTO staged_values
                SELECT indicator_id, iso3, year, sex, age, sum(value), ?
                FROM ok_{k} GROUP BY indicator_id, iso3, year, sex, age""", [side.source_id])
        else:
            self.con.execute(f"""INSERT INTO staged_values
                SELECT indicator_id, iso3, year, sex, age, value, ? FROM ok_{k}""", [side.source_id])
        meta = self.con.execute(f"""SELECT indicator_id, min(name_raw) AS name_raw, min(unit_raw) AS unit,
                                           min(measure) AS measure FROM ok_{k} GROUP BY indicator_id""").df()
        self.indicator_meta.append(meta.assign(source_id=side.source_id))
        self._insert_rejects(side, raw, f"rej_{k}")
        rejected = len(raw.rejects) + self.con.execute(f"SELECT count(*) FROM rej_{k}").fetchall()[0][0]
        checked = self.con.execute(f"SELECT count(*) FROM chk_{k}").fetchall()[0][0]
        loaded = checked - (rejected - len(raw.rejects))
        read = raw.rows if side.format != "owid" else loaded + rejected
        for t in (f"ok_{k}", f"rej_{k}", f"long_{k}"):
            self.con.execute(f'DROP VIEW IF EXISTS "{t}"')
        for t in (f"chk_{k}", f"dup_{k}"):
            self.con.execute(f'DROP TABLE IF EXISTS "{t}"')
        raw.drop(self.con)
        return SourceStats(side.source_id, side.path.name, read, loaded, rejected)

    def load(self, k: int, path: Path, side) -> None:
        t0 = time.perf_counter()
        self.progress.source(path.name)
        raw = textio.read_any(self.con, path, f"raw_{k}", side.options)
        if side.format == "reference":
            st = self.load_reference(k, side, raw)
        else:
            st = self.load_indicators(k, side, raw)
        st.seconds = time.perf_counter() - t0
        self.con.execute("""INSERT INTO wh.sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                         [side.source_id, side.title, side.publisher, side.url, side.license, side.retrieved,
                          path.name, _sha256(path), side.format, raw.encoding, side.notes, side.synthetic,
                          side.preferred, st.rows_read, st.rows_loaded, st.rows_rejected])
        self.stats.append(st)
        self.progress.done(st)

    # -- marts -------------------------------------------------------------------------------------
    def build_indicators(self) -> None:
        if not self.indicator_meta:
            return
        meta = pd.concat(self.indicator_meta, ignore_index=True)
        if meta.empty:
            return
        clash = meta[meta.duplicated("indicator_id", keep=False)]
        if len(clash):
            first = clash.iloc[0]
            owners = ", ".join(sorted(clash[clash.indicator_id == first.indicator_id].source_id))
            raise EtlError(f"indicator '{first.indicator_id}' comes from several sources ({owners})",
                           hint="give one source a distinct `indicator_prefix` in its sidecar")
        rules = stage.unit_rules()
        goal_map = getattr(self, "_goal_map", pd.DataFrame(columns=["indicator_pattern", "goal_id",
                                                                     "higher_is_worse", "rationale"]))
        rows = []
        for r in meta.itertuples(index=False):
            side = self.sides[r.source_id]
            unit = stage.classify_unit(r.unit, rules)
            match = next((g for g in goal_map.itertuples(index=False)
                          if fnmatch.fnmatchcase(r.indicator_id, g.indicator_pattern)), None)
            if match is None:
                self.warnings.append(f"indicator {r.indicator_id} has no goal mapping: add a row to "
                                     f"indicator_goals.csv")
            names = side.opt("names", {})
            rows.append({
                "indicator_id": r.indicator_id,
                "name": names.get(r.indicator_id) or (r.name_raw if isinstance(r.name_raw, str) and r.name_raw
                                                      else _humanize(r.indicator_id)),
                "unit": r.unit, "measure": unit["measure"], "aggregation": unit["aggregation"],
                "scale_min": unit["lo"], "scale_max": unit["hi"],
                "goal_id": (match.goal_id if match is not None else None),
                "goal_rationale": (match.rationale if match is not None
                                   else "Not yet mapped to a goal (add a row to indicator_goals.csv)."),
                "higher_is_worse": bool(match.higher_is_worse) if match is not None and
                pd.notna(match.higher_is_worse) else True,
                "concept": side.opt("concepts", {}).get(r.indicator_id, r.indicator_id),
                "description": side.opt("descriptions", {}).get(r.indicator_id) or side.title,
                "source_id": r.source_id,
                "source_preferred": side.preferred,
            })
        df = pd.DataFrame(rows)
        n_in_concept = df.groupby("concept")["indicator_id"].transform("count")
        any_pref = df.groupby("concept")["source_preferred"].transform("any")
        df["preferred"] = (n_in_concept == 1) | df["source_preferred"] | ~any_pref
        self.con.register("__ind", df.drop(columns=["source_preferred"]))
        self.con.execute("""INSERT INTO wh.indicators BY NAME
            SELECT i.*, coalesce(s.has_breakdown, false) AS has_breakdown, s.first_year, s.last_year,
                   s.countries_with_data
            FROM __ind i LEFT JOIN (
                SELECT indicator_id, bool_or(sex <> 'Total' OR age <> 'Total') AS has_breakdown,
                       min(year) AS first_year, max(year) AS last_year,
                       count(DISTINCT iso3)::INTEGER AS countries_with_data
                FROM wh.indicator_values GROUP BY indicator_id) s USING (indicator_id)""")
        self.con.unregister("__ind")

    def build_marts(self) -> None:
        self.progress.step("building marts (countries, regions, indicators, region values)")
        if hasattr(self, "_organizations") and getattr(self, "_partial_orgs", None):
            self.con.execute("UPDATE wh.organizations SET membership_complete = false WHERE list_contains(?, org_id)",
                             [sorted(self._partial_orgs)])
        key = ", ".join(f'"{k}"' for k in warehouse.schema()["indicator_values"]["key"])
        self.con.execute(f"INSERT INTO wh.indicator_values SELECT * FROM staged_values ORDER BY {key}")
        self.con.execute("DROP TABLE staged_values")
        used = self.con.execute("""
            SELECT iso3 FROM wh.indicator_values UNION SELECT iso3 FROM wh.org_membership
            UNION SELECT iso3 FROM wh.operation_countries UNION SELECT hq_country_iso3 FROM wh.organizations
            UNION SELECT iso3 FROM wh.dialogue_meetings""").df()["iso3"].dropna()
        ref = countries.reference()
        self.con.register("__countries", ref[ref.iso3.isin(set(used))])
        self.con.execute("INSERT INTO wh.countries SELECT iso3, name, un_region, un_subregion FROM __countries "
                         "ORDER BY iso3")
        self.con.unregister("__countries")
        self.build_indicators()
        self.con.execute(f"INSERT INTO wh.region_members {(SQL_DIR / 'region_members.sql').read_text()}")
        self.con.execute(f"INSERT INTO wh.region_values {(SQL_DIR / 'region_values.sql').read_text()}")

    def finish(self, started: dt.datetime, seconds: float) -> None:
        history = [e for e in _read_log(self.dd) if e.get("run_id") != self.run_id]
        rows = history + [{"run_id": self.run_id, "started_at": started.isoformat(),
                           "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),
                           "status": "success", "rows_read": sum(s.rows_read for s in self.stats),
                           "rows_loaded": sum(s.rows_loaded for s in self.stats),
                           "rows_rejected": sum(s.rows_rejected for s in self.stats), "seconds": seconds,
                           "message": None}]
        df = pd.DataFrame(rows, columns=warehouse.columns("etl_runs"))
        df["started_at"] = pd.to_datetime(df["started_at"])
        df["finished_at"] = pd.to_datetime(df["finished_at"])
        self.con.register("__runs", df)
        self.con.execute("INSERT INTO wh.etl_runs SELECT * FROM __runs")
        self.con.unregister("__runs")

    def write_outputs(self) -> None:
        self.progress.step("writing Parquet files")
        pq = self.dir / PARQUET_NAME
        pq.mkdir(exist_ok=True)
        for name, spec in warehouse.schema().items():
            order = ", ".join(f'"{k}"' for k in spec["key"])
            # the two big tables are stored in key order already (build_marts, region_values.sql), and with
            # preserve_insertion_order a plain scan returns that order: no second sort of millions of rows
            sort = "" if name in STORED_IN_KEY_ORDER else f" ORDER BY {order}"
            self.con.execute(f"COPY (SELECT * FROM wh.\"{name}\"{sort}) TO '{pq / (name + '.parquet')}' "
                             "(FORMAT parquet, COMPRESSION zstd)")

    def close(self) -> None:
        self.con.execute("DETACH wh")
        self.con.close()
        (self.dir / "scratch.duckdb").unlink(missing_ok=True)
        (self.dir / "scratch.duckdb.wal").unlink(missing_ok=True)


def new_run_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ") + f"-{os.getpid()}"


def _published(dd: DataDir) -> str | None:
    """The build the `current` link names (None before the first publish)."""
    return os.readlink(dd.current) if dd.current.is_symlink() else None


_IO_PATTERNS = ((errno.ENOSPC, "No space left on device"), (errno.EDQUOT, "quota exceeded"),
                (errno.EROFS, "Read-only file system"), (errno.EACCES, "Permission denied"),
                (errno.EPERM, "Operation not permitted"))


def io_error(exc: BaseException, dd: DataDir, published_before: str | None) -> EtlError:
    """An operating-system error (disk full, read-only or unreadable files) as a message saying what to do."""
    text = str(exc)
    code = getattr(exc, "errno", None)
    if not isinstance(code, int):            # DuckDB reports the error inside its message
        code = next((c for c, pattern in _IO_PATTERNS if pattern in text), None)
    path = getattr(exc, "filename2", None) or getattr(exc, "filename", None)     # (filename2: a link's name)
    if path is None and (m := re.search(r'file \\?"([^"\\]+)\\?"', text)):
        path = m[1]
    where = f" (at {path})" if path else ""
    state = ("the previous warehouse is unchanged" if _published(dd) == published_before else
             "the new warehouse was published, but the run did not finish cleanly: run it again")
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
                    f"{getattr(exc, 'strerror', None) or text}",
                    hint=f"check the disk and the permissions of {dd.root}, then run again; {state}")


def run(data_dir: Path | str, *, check: bool = False, progress=None) -> RunResult:
    """Build the warehouse of data_dir from data_dir/raw. With check=True, validate and write nothing.

    Every fatal problem is an EtlError, operating-system ones too (a full disk, a read-only directory).
    """
    dd = DataDir(data_dir)
    before = _published(dd)
    try:
        return _run(dd, check, progress or NullProgress())
    except (OSError, duckdb.IOException) as exc:
        raise io_error(exc, dd, before) from exc


def _run(dd: DataDir, check: bool, progress) -> RunResult:
    files = discover(dd.raw)
    sides = [sidecar.load(f) for f in files]       # every sidecar is checked before any work starts
    seen: dict[str, str] = {}
    for s in sides:
        if s.source_id in seen:
            raise EtlError(f"source_id '{s.source_id}' is used by both {seen[s.source_id]} and {s.path.name}",
                           file=s.path.name + SIDECAR_SUFFIX, hint="give each sidecar its own source_id")
        seen[s.source_id] = s.path.name
    # Reference files first (the goal mapping is needed by the indicators mart), then indicators.
    order = sorted(zip(files, sides), key=lambda fs: (fs[1].format != "reference", fs[0].name))
    run_id = new_run_id()
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    t0 = time.perf_counter()
    try:
        return _run_locked(dd, order, run_id, started, t0, check, progress)
    except BaseException as exc:
        if not check and not isinstance(exc, KeyboardInterrupt):
            with contextlib.suppress(OSError):
                _append_log(dd, {"run_id": run_id, "started_at": started.isoformat(),
                                 "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),
                                 "status": "failed", "rows_read": None, "rows_loaded": None,
                                 "rows_rejected": None, "seconds": time.perf_counter() - t0,
                                 "message": str(exc)[:2000]})
        raise


def _run_locked(dd, order, run_id, started, t0, check, progress) -> RunResult:
    with _lock(dd):
        if not check:
            publish.check_writable(dd)              # a read-only directory fails now, not after all the work
        dd.builds.mkdir(parents=True, exist_ok=True)
        build_dir = dd.builds / f"run-{run_id}"
        build_dir.mkdir()
        (build_dir / ".pid").write_text(str(os.getpid()))
        b = pending = None
        try:
            b = Build(dd, run_id, build_dir, progress)
            b.sides = {s.source_id: s for _, s in order}
            progress.start(len(order))
            for k, (path, side) in enumerate(order):
                b.load(k, path, side)
            b.build_marts()
            progress.step("running data tests")
            failures = warehouse.run_data_tests(b.con, "wh")
            if failures:
                raise EtlError("data tests failed, nothing was published:\n  - " + "\n  - ".join(failures),
                               hint="fix the inputs named above; the previous warehouse is unchanged")
            seconds = time.perf_counter() - t0
            b.finish(started, seconds)
            b.write_outputs()
            rejects = b.con.execute("SELECT * FROM wh.rejects ORDER BY source_id, line").df()
            b_stats, b_warnings = b.stats, b.warnings
            b.close()
            b = None
            result = RunResult(run_id, "checked" if check else "success", b_stats, seconds, b_warnings, build_dir)
            if check:
                shutil.rmtree(build_dir, ignore_errors=True)
            else:
                (build_dir / ".complete").write_text(run_id)
                # Everything that can fill the disk is written before the swap (the rejects file too).
                dd.rejects.mkdir(exist_ok=True)
                pending = dd.rejects / f".{run_id}.csv{publish.TMP_SUFFIX}"
                rejects.to_csv(pending, index=False, quoting=csv.QUOTE_MINIMAL)
                publish.publish(dd, build_dir)
                # Past the swap the new warehouse is live: what follows may warn, never undo it.
                _after_publish(dd, run_id, pending, result, started, seconds)
            return result
        except BaseException:
            if b is not None:
                with contextlib.suppress(Exception):
                    b.con.close()
            if not _is_current(dd, build_dir):
                shutil.rmtree(build_dir, ignore_errors=True)
            if pending is not None:
                pending.unlink(missing_ok=True)
            raise


def _is_current(dd: DataDir, build_dir: Path) -> bool:
    return dd.current.is_symlink() and dd.current.resolve() == build_dir.resolve()


def _after_publish(dd: DataDir, run_id: str, pending: Path, result: RunResult, started, seconds) -> None:
    try:
        os.replace(pending, dd.rejects / f"{run_id}.csv")
        for stale in dd.rejects.glob(f".*.csv{publish.TMP_SUFFIX}"):      # of runs killed before their swap
            stale.unlink(missing_ok=True)
    except OSError as exc:
        result.warnings.append(f"the rejects were not written to {dd.rejects}: {exc}")
    try:
        _append_log(dd, {"run_id": run_id, "started_at": started.isoformat(), "status": "success",
                         "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(),
                         "rows_read": result.rows_read, "rows_loaded": result.rows_loaded,
                         "rows_rejected": result.rows_rejected, "seconds": seconds, "message": None})
    except OSError as exc:
        result.warnings.append(f"the run log {dd.run_log} was not updated: {exc}")
