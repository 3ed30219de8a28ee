"""Fault injection: a full disk, a read-only data directory, and SIGKILL at precise points of a run.

Each fault leaves the previous warehouse exactly as it was (or, once the swap has happened, the new one,
complete), says what went wrong and what to do (an EtlError, never a traceback), and the next run succeeds.

Mechanisms (all in the tests; the ETL has no test hooks):
- full disk: real ENOSPC from the kernel by pointing a file the run writes at /dev/full (a Parquet file
  written by DuckDB, the rejects file written by pandas); ENOSPC raised by a patched os.symlink at the swap;
- read-only directory: a real one (chattr +i as root, which chmod cannot do; chmod 555 otherwise), and a
  read-only file system simulated by EROFS from `open` (in-process and through the CLI);
- a failure after the swap (the run log cannot be written) only warns: the published build is never undone;
- SIGKILL: a small harness runs the CLI in a subprocess with one function wrapped to kill the process
  with SIGKILL when reached, at nine points from loading to after the swap (timing-based kills of a full run
  are in test_etl_publish.py).
"""
from __future__ import annotations

import builtins
import errno
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from etl import pipeline, runlog, warehouse
from etl.errors import EtlError
from etl.paths import DataDir
from tests.etl_helpers import REPO, add_file, data_dir

HEADER = "iso3,country,year,indicator_id,value,unit\n"


def _inputs(dd: Path) -> None:
    add_file(dd, "a.csv", HEADER + "KEN,Kenya,2020,f_count,10,count\nUGA,Uganda,2020,f_count,n/a,count\n")
    add_file(dd, "b.csv", HEADER + "TZA,Tanzania,2019,f_rate,2.5,rate per 100000\n")


def _new_input(dd: Path) -> None:
    """A change to the inputs, so that the next build differs from the published one."""
    add_file(dd, "c.csv", HEADER + "RWA,Rwanda,2020,f_more,4,count\n")


def tables(dd: Path) -> dict:
    """The published warehouse's contents (without run ids and run history), read-only."""
    con = duckdb.connect(str(dd / "warehouse.duckdb"), read_only=True)
    try:
        out = {}
        for name in warehouse.schema():
            if name == "etl_runs":
                continue
            cols = "* EXCLUDE (run_id)" if name == "rejects" else "*"
            out[name] = sorted(con.execute(f'SELECT {cols} FROM "{name}"').fetchall(), key=repr)
        return out
    finally:
        con.close()


def visible(dd: Path) -> dict:
    """Everything a viewer can see: the `current` link, the tables, the Parquet bytes, the rejects files."""
    return {"current": os.readlink(dd / "current"), "tables": tables(dd),
            "parquet": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (dd / "parquet").iterdir()},
            "rejects": sorted(p.name for p in (dd / "rejects").iterdir() if not p.name.startswith("."))}


def state(dd: Path) -> dict:
    """What a viewer sees, and the data directory's entries and builds (a failed run leaves no debris)."""
    return {**visible(dd), "root": sorted(p.name for p in dd.iterdir() if p.name != "logs"),
            "builds": sorted(p.name for p in (dd / ".builds").iterdir())}


def assert_clean(dd: Path) -> None:
    """No debris: no half-made build, no temporary link, no pending rejects file; the run log parses."""
    builds = list((dd / ".builds").iterdir())
    assert all((b / ".complete").exists() for b in builds) and len(builds) <= 2, builds
    assert [p.name for p in dd.iterdir() if p.name.endswith(".tmp")] == []
    assert [p.name for p in (dd / "rejects").iterdir() if p.name.startswith(".")] == []
    for line in (dd / "logs" / "etl_runs.jsonl").read_text().splitlines():
        json.loads(line)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(a published data directory, the tables its next run must publish once c.csv is added)."""
    base = data_dir(tmp_path_factory.mktemp("faults-base"), reference=False)
    _inputs(base)
    pipeline.run(base)
    ref = tmp_path_factory.mktemp("faults-new")
    shutil.copytree(base / "raw", ref / "raw")
    _new_input(ref)
    pipeline.run(ref)
    return base, tables(ref)


@pytest.fixture
def dd(built, tmp_path):
    """A private copy of the published directory, with c.csv added (links copied as links)."""
    copy = tmp_path / "data"
    shutil.copytree(built[0], copy, symlinks=True)
    _new_input(copy)
    return copy


def _fails_cleanly(dd: Path, before: dict, *messages: str) -> EtlError:
    with pytest.raises(EtlError) as err:
        pipeline.run(dd)
    text = str(err.value)
    for m in messages:
        assert m in text, text
    assert "What to do" in text and "the previous warehouse is unchanged" in text, text
    assert state(dd) == before
    return err.value


def _next_run_succeeds(dd: Path, built) -> None:
    result = pipeline.run(dd)
    assert result.status == "success"
    assert all("goal mapping" in w for w in result.warnings), result.warnings
    assert tables(dd) == built[1]
    assert_clean(dd)


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


# -- a full disk --------------------------------------------------------------------------------------

@needs_dev_full
def test_disk_full_while_duckdb_writes_parquet_changes_nothing(dd, built, monkeypatch):
    before = state(dd)
    original = pipeline._write_parquet

    def onto_full_disk(b):
        (b.dir / "parquet").mkdir()
        (b.dir / "parquet" / "indicator_values.parquet").symlink_to("/dev/full")
        original(b)
    monkeypatch.setattr(pipeline, "_write_parquet", onto_full_disk)
    err = _fails_cleanly(dd, before, f"no space left on the disk holding the data directory {dd}",
                         "indicator_values.parquet", "free some disk space")
    assert isinstance(err.__cause__, duckdb.IOException)         # DuckDB's own error, from the kernel's ENOSPC
    monkeypatch.undo()
    _next_run_succeeds(dd, built)


@needs_dev_full
def test_disk_full_while_writing_the_rejects_file_changes_nothing(dd, built, monkeypatch):
    """The rejects file is written before the swap (it used to be written after it, and a failure there
    deleted the build just published)."""
    before = state(dd)
    run_id = "20990101T000000000000Z-1"
    monkeypatch.setattr(pipeline, "new_run_id", lambda: run_id)
    (dd / "rejects" / f".{run_id}.csv.tmp").symlink_to("/dev/full")
    err = _fails_cleanly(dd, before, "no space left on the disk")
    assert isinstance(err.__cause__, OSError) and err.__cause__.errno == errno.ENOSPC
    monkeypatch.undo()
    _next_run_succeeds(dd, built)


def test_disk_full_at_the_swap_changes_nothing(dd, built, monkeypatch):
    before = state(dd)
    real_symlink = os.symlink

    def no_space(src, dst, *args, **kwargs):
        if Path(dst).parent == dd and Path(dst).name.startswith(".current."):      # the swap's new link
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real_symlink(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "symlink", no_space)
    _fails_cleanly(dd, before, "no space left on the disk", ".current.")
    monkeypatch.undo()
    _next_run_succeeds(dd, built)


# -- a read-only data directory ------------------------------------------------------------------------

def _make_read_only(path: Path) -> str | None:
    """Make a directory read-only for this process, really: chattr +i as root (chmod does not stop root),
    chmod 555 otherwise. Returns the mechanism, or None when neither is available."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        return "chmod"
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
        return "chattr"
    return None


def _make_writable(path: Path, how: str) -> None:
    if how == "chattr":
        subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o755)


def test_read_only_data_directory_gives_a_clear_error_and_changes_nothing(dd, built):
    before = state(dd)
    how = _make_read_only(dd)
    if how is None:
        pytest.skip("cannot make a directory read-only here (root without chattr)")
    try:
        assert not os.access(dd, os.W_OK) or how == "chattr"
        _fails_cleanly(dd, before, f"cannot write to the data directory {dd}", "make", "writable")
    finally:
        _make_writable(dd, how)
    _next_run_succeeds(dd, built)


def read_only_open(root: Path, real_open):
    """`open` as on a read-only file system for everything under root (EROFS on any write)."""
    def opener(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(os.path.realpath(file)).is_relative_to(root) \
                and any(c in mode for c in "wax+"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(file))
        return real_open(file, mode, *args, **kwargs)
    return opener


def test_read_only_file_system_simulated_changes_nothing(dd, built, monkeypatch):
    before = state(dd)
    opener = read_only_open(dd, io.open)
    monkeypatch.setattr(builtins, "open", opener)
    monkeypatch.setattr(io, "open", opener)            # (pathlib opens files through io.open)
    _fails_cleanly(dd, before, f"cannot write to the data directory {dd}: it is on a read-only file system")
    monkeypatch.undo()
    _next_run_succeeds(dd, built)


def test_cli_on_a_read_only_file_system_exits_2_without_a_traceback(dd):
    script = textwrap.dedent("""
        import builtins, io, sys
        from pathlib import Path
        from tests.test_etl_faults import read_only_open
        builtins.open = io.open = read_only_open(Path(sys.argv[1]), io.open)
        from etl.__main__ import main
        sys.exit(main(["--data-dir", sys.argv[1]]))
    """)
    proc = subprocess.run([sys.executable, "-c", script, str(dd)], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "250"})
    assert proc.returncode == 2, proc.stderr
    assert "ETL failed" in proc.stderr and "read-only file system" in proc.stderr and str(dd) in proc.stderr
    assert "What to do" in proc.stderr and "Traceback" not in proc.stderr


def test_failure_after_the_swap_warns_and_keeps_the_new_warehouse(dd, built):
    """The run log cannot be written (`logs` is a file where a folder is expected): the build is already
    published, so the run succeeds with a warning and the new warehouse stays."""
    shutil.rmtree(dd / "logs")
    (dd / "logs").write_text("not a folder")
    result = pipeline.run(dd)
    assert any("the run log" in w and "was not updated" in w for w in result.warnings), result.warnings
    assert tables(dd) == built[1]
    (dd / "logs").unlink()
    _next_run_succeeds(dd, built)


# -- SIGKILL at precise points ---------------------------------------------------------------------------

KILL_HARNESS = textwrap.dedent("""
    import os, signal, sys
    import etl.build as build, etl.load as load, etl.marts as marts
    import etl.pipeline as pipeline, etl.publish as publish, etl.warehouse as warehouse
    from etl.__main__ import main
    module, name, nth, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    owner = {"pipeline": pipeline, "publish": publish, "warehouse": warehouse, "os": os, "load": load,
             "marts": marts, "build": build}[module]
    if "." in name:
        cls, name = name.split(".")
        owner = getattr(owner, cls)
    original, calls = getattr(owner, name), []

    def killer(*args, **kwargs):
        if module != "os" or os.path.basename(str(args[1])) == "current":     # os.replace: the swap only
            calls.append(1)
            if len(calls) == nth:
                os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)
    setattr(owner, name, killer)
    sys.exit(main(["--data-dir", data]))
""")

#: (where, function, which call, whether `current` has been swapped to the new build when it dies)
KILL_POINTS = [
    ("load", "load", 2, False),                           # loading the second source
    ("marts", "build", 1, False),
    ("warehouse", "run_data_tests", 1, False),
    ("build", "Build.close", 1, False),                   # Parquet written, DuckDB still open
    ("publish", "publish", 1, False),                     # build complete, rejects file pending
    ("os", "replace", 1, False),                          # mid-swap: the temporary link exists
    ("publish", "_fsync_dir", 1, True),                   # just after the swap
    ("publish", "clean_builds", 1, True),
    ("pipeline", "_after_publish", 1, True),              # rejects file and run log not yet done
]


@pytest.mark.slow
@pytest.mark.parametrize("module,name,nth,swapped", KILL_POINTS, ids=[f"{p[0]}.{p[1]}" for p in KILL_POINTS])
def test_sigkill_at_a_precise_point_leaves_a_complete_warehouse(dd, built, module, name, nth, swapped):
    before, visible_before = state(dd), visible(dd)
    proc = subprocess.run([sys.executable, "-c", KILL_HARNESS, module, name, str(nth), str(dd)], cwd=REPO,
                          capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    if swapped:
        assert tables(dd) == built[1] and os.readlink(dd / "current") != before["current"]
        # the published build is in the run log, as a success, though its run never got to say so
        published = os.readlink(dd / "current")
        assert any(e["status"] == "success" and e.get("build") == published for e in runlog.read(DataDir(dd)))
    else:
        assert visible(dd) == visible_before
    _next_run_succeeds(dd, built)
    assert os.readlink(dd / "current") != before["current"]
    if swapped:         # ... and the next run wrote that down and counts it among the successes
        runs = [json.loads(line) for line in (dd / "logs" / "etl_runs.jsonl").read_text().splitlines()]
        assert [r["status"] for r in runs if r.get("build") == published][-1] == "success"


def test_run_log_left_with_a_partial_line_gets_whole_entries_after_it(dd):
    """A run killed while appending to the run log leaves a partial line; the next entry starts a new line."""
    log = dd / "logs" / "etl_runs.jsonl"
    with open(log, "a", encoding="utf-8") as fh:
        fh.write('{"run_id": "killed-while-wri')
    pipeline.run(dd)
    lines = log.read_text(encoding="utf-8").splitlines()
    cut = lines.index('{"run_id": "killed-while-wri')
    assert [json.loads(line)["status"] for line in lines[cut + 1:]] == ["publishing", "success"]
    con = duckdb.connect(str(dd / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM etl_runs WHERE status = 'success'").fetchall() == [(2,)]
    finally:
        con.close()
