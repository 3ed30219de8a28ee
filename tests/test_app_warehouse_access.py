"""How the app reaches the warehouse: read-only, only through fixed SQL with bound parameters, and safe while
the ETL replaces the warehouse under it.

- A write through the app's own connection (the executor's) fails: the warehouse is opened read-only.
- The executor caps the rows of an answer and stops a query that outlives its time limit.
- Statically: only dashboard/db.py talks to DuckDB; every execute() runs sql(<name>); every query name
  is a literal, except the whole-table queries, whose names come from the fixed TABLES list; no SQL is
  formatted from values (no f-string, .format or % into SQL text); dashboard/sql/*.sql hold placeholders
  (? or $n) and no template fields; a query name can never be a path.
- A connection opened on a build keeps answering after later ETL runs have deleted that build's files
  (publish keeps only the current and the previous build), also in the middle of reading a result; new
  queries go to the new build. The browser half is tests/e2e/test_live_reload.py.
"""
from __future__ import annotations

import ast
import gc
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parent.parent
APP_FILES = [REPO / "app.py", *sorted((REPO / "pages").glob("*.py")), *sorted((REPO / "dashboard").rglob("*.py")),
             *sorted((REPO / "bench").glob("*.py"))]
DATA_PY = REPO / "dashboard" / "db.py"
SQL_WORDS = re.compile(r"\b(SELECT|FROM|WHERE|INSERT|UPDATE|DELETE|CREATE|DROP|ATTACH|COPY|PRAGMA)\b", re.I)


@pytest.mark.parametrize("statement", [
    "CREATE TABLE hacked (i INTEGER)",
    "INSERT INTO goals (goal_id) VALUES ('GPG9')",
    "DELETE FROM sources",
    "DROP TABLE sources",
    "UPDATE indicators SET name = 'x'",
])
def test_warehouse_is_opened_read_only(warehouse_dir, statement):
    from dashboard import db

    con = db.Executor.current(warehouse_dir)._con
    before = con.cursor().execute("SELECT count(*) FROM sources").fetchall()
    cur = con.cursor()
    with pytest.raises(duckdb.Error, match="(?i)read.only"):
        cur.execute(statement)
    cur.close()
    assert con.cursor().execute("SELECT count(*) FROM sources").fetchall() == before


@pytest.mark.parametrize("statement", [
    "SELECT * FROM read_csv('/etc/hostname')",
    "SELECT * FROM 'http://127.0.0.1:9/x.parquet'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "ATTACH '/tmp/other.duckdb'",
    "SET enable_external_access = true",
    "SET autoload_known_extensions = true",
])
def test_warehouse_connection_reaches_nothing_but_the_warehouse(warehouse_dir, statement):
    from dashboard import db

    cur = db.Executor.current(warehouse_dir)._con.cursor()
    with pytest.raises(duckdb.Error, match="(?i)disabled|locked|cannot change"):
        cur.execute(statement)
    cur.close()


# -- no query built from a string ----------------------------------------------------------------------

def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _calls(tree: ast.AST, name: str):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if (isinstance(f, ast.Name) and f.id == name) or (isinstance(f, ast.Attribute) and f.attr == name):
                yield node


def _enclosing_function(tree: ast.Module, target: ast.AST) -> ast.FunctionDef | None:
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and any(n is target for n in ast.walk(fn)):
            return fn
    return None


def test_only_db_py_talks_to_duckdb():
    for path in APP_FILES:
        tree = _tree(path)
        imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imports |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        executes = list(_calls(tree, "execute"))
        if path == DATA_PY:
            assert "duckdb" in imports
            continue
        if path.parent.name == "bench" and path.name in ("views.py", "baseline.py", "etl_bench.py",
                                                          "generate.py", "datasets.py"):
            continue                   # benchmark set-up reads the warehouse it built, outside the app
        assert "duckdb" not in imports, f"{path.name} imports duckdb"
        assert not executes, f"{path.name} calls execute()"


def test_every_statement_is_a_named_sql_text():
    tree = _tree(DATA_PY)
    executes = list(_calls(tree, "execute"))
    assert executes
    for call in executes:
        first = call.args[0]
        assert isinstance(first, ast.Call) and getattr(first.func, "id", None) == "sql", ast.unparse(call)


def test_query_names_are_literals_or_whitelisted_tables():
    tree = _tree(DATA_PY)
    for fn_name in ("query", "sql"):
        for call in _calls(tree, fn_name):
            if fn_name == "sql" and call.args and isinstance(call.args[0], ast.Name):
                continue                                  # run(name, ...) and stream(name, ...) pass a name on
            name = call.args[0]
            if isinstance(name, ast.Constant):
                assert isinstance(name.value, str) and re.fullmatch(r"[a-z_]+", name.value), ast.unparse(call)
                continue
            # f"table_{name}": only in a function that refuses names outside the fixed TABLES list
            assert isinstance(name, ast.JoinedStr) and ast.unparse(name).startswith("f'table_"), ast.unparse(call)
            fn = _enclosing_function(tree, call)
            assert fn is not None and "not in TABLES" in ast.unparse(fn), f"unguarded: {ast.unparse(call)}"


def test_no_sql_is_formatted_from_values():
    """The one formatted SQL text is the whole-table query, its table name checked against TABLES first."""
    tree = _tree(DATA_PY)
    formatted = []
    for node in ast.walk(tree):
        text = None
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
            text = str(node.left.value)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "format" \
                and isinstance(node.func.value, ast.Constant):
            text = str(node.func.value.value)
        if text and SQL_WORDS.search(text):
            formatted.append(node)
    assert len(formatted) == 1, [ast.unparse(n) for n in formatted]
    fn = _enclosing_function(tree, formatted[0])
    assert fn.name == "sql" and "in TABLES" in ast.unparse(fn)


def test_sql_files_bind_every_value():
    from dashboard import db
    from dashboard.settings import SQL_DIR

    files = sorted(SQL_DIR.glob("*.sql"))
    assert len(files) >= 20
    for path in files:
        text = re.sub(r"--[^\n]*", "", path.read_text(encoding="utf-8"))       # comments aside
        text = re.sub(r"'(?:[^']|'')*'", "''", text)                             # string literals aside
        assert not re.search(r"\{\w*\}|%s|%\(\w+\)s", text), f"{path.name}: a template field"
        assert db.sql(path.stem) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "goals.sql", "goals; DROP TABLE sources",
                                  "table_sources\x00", "TABLE_secret", "", "ｇｏａｌｓ"])
def test_a_query_name_is_never_a_path(name):
    from dashboard import db, questions

    with pytest.raises((ValueError, FileNotFoundError)):
        db.sql(name)
    with pytest.raises(ValueError):
        questions.Questions(lambda *a: None, lambda *a: iter(())).table_csv(name)


def test_executor_caps_rows_and_stops_slow_queries(warehouse_dir, monkeypatch):
    from dashboard import db

    capped = db.Executor(db.fingerprint(warehouse_dir / "warehouse.duckdb"), max_rows=10)
    assert len(capped.run("goals")) == 7
    with pytest.raises(db.QueryTooLarge, match="more than 10 rows"):
        capped.run("countries")
    slow = db.Executor(db.fingerprint(warehouse_dir / "warehouse.duckdb"), seconds=0.3)
    monkeypatch.setattr(db, "sql", lambda name: "SELECT count(*) FROM range(100000000000) a")
    with pytest.raises(db.QueryTimeout, match="longer than 0.3 s"):
        slow.run("anything")


# -- a build replaced under an open connection -----------------------------------------------------------

def _etl(data_dir: Path) -> None:
    python = REPO / ".venv" / "bin" / "python"
    subprocess.run([str(python) if python.exists() else sys.executable, "-m", "etl", "--data-dir", str(data_dir)],
                   cwd=REPO, check=True, capture_output=True)


def test_open_connection_survives_its_build_being_deleted(tmp_path, monkeypatch):
    from dashboard import data

    data_dir = tmp_path / "data"
    shutil.copytree(REPO / "data" / "raw", data_dir / "raw")
    _etl(data_dir)
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    data.clear()
    first = data.fingerprint()
    old_build = Path(first.rsplit(":", 1)[0]).parent
    con = data.executor(first)._con
    reading = con.cursor().execute("SELECT * FROM indicator_values ORDER BY indicator_id, iso3, year")
    head = reading.fetchmany(10)
    runs_before = len(data.etl_runs())

    # two more runs: the first build is no longer the current or the previous one, so publish deletes it
    (data_dir / "raw" / "organizations.csv.source.toml").write_text(
        (data_dir / "raw" / "organizations.csv.source.toml").read_text().replace(
            'title = "', 'title = "Rebuilt: ', 1))
    _etl(data_dir)
    _etl(data_dir)
    assert not old_build.exists(), "publish kept the first build: this test no longer tests deletion"
    gc.collect()

    rest = reading.fetchall()                                      # the result being read when the files went
    assert len(head) == 10 and len(rest) > 1000
    assert con.cursor().execute("SELECT count(*) FROM sources").fetchall()[0][0] > 10   # the old connection
    now = data.fingerprint()
    assert now != first
    assert len(data.etl_runs()) == runs_before + 2                 # new queries read the newest build
    assert data.sources_for(["organizations"])["title"].iloc[0].startswith("Rebuilt: ")
    data.clear()
