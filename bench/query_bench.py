"""Server-side query time: every public question function of dashboard/data.py, with an empty data cache.

The functions are discovered with inspect (everything public defined in dashboard.data), so a new question
cannot be left out silently: it needs an argument recipe in ARGS below or a reason in NOT_QUESTIONS. Each
recipe is derived from the data being measured (the Trends default view's indicator, its goal, the regions
of the scheme, countries with values, the latest well-covered map year, ...).

One measurement = clear Streamlit's data cache (dashboard.data._run, an st.cache_data function), then time
one call. The DuckDB connection is an st.cache_resource shared by every session of a server, so it stays
open and warm (as on a running server); opening it is timed on its own. Besides each function, every page's
total is timed: the question functions the page file (with app.py's frame and the helper modules it uses)
names, called in turn after one cache clear. That is an upper bound of what a page runs on a first visit.
"""
from __future__ import annotations

import ast
import contextlib
import inspect
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .common import REPO, Row, log
from .views import TrendsView, trends_view

TARGET_MS = 100.0
TARGET_SIZE = "10m"

#: Public functions of dashboard.data that are not page questions, and why.
NOT_QUESTIONS = {
    "fingerprint": "plumbing: identity of the published build",
    "sql": "plumbing: reads a named SQL file",
    "query": "plumbing: the cached executor every question goes through",
    "table": "whole-table access by name (no page calls it)",
    "table_csv": "download built on click, off the page run (deferred download)",
    "parquet_path": "path lookup, no query",
    "parquet_bytes": "download built on click (reads a published file)",
    "index_to_base": "pure transform of a frame already fetched",
    "thin_coverage": "pure transform of a frame already fetched",
    "trend_table": "pure transform of a frame already fetched",
    "sdg_links": "pure text helper",
    "in_language": "helper applied to a frame already fetched (its query, data.translations, is measured)",
}


@dataclass
class Context:
    view: TrendsView
    iso3s: list[str]
    map_year: int
    goal_id: str
    org: str
    op_ids: list[str]
    run_id: str
    source_ids: list[str]


def _args(c: Context) -> dict[str, tuple]:
    v = c.view
    regions = list(v.regions)
    return {
        "as_of": (), "goals": (), "indicators": (), "countries": (), "operations": (), "operation_results": (),
        "operation_countries": (), "organizations": (), "org_membership": (), "org_overlap": (),
        "country_coverage": (), "dialogue_meetings": (), "sources": (), "etl_runs": (),
        "indicator_choices": (), "organization_names": (), "operation_areas": (), "org_overlap_countries": (),
        "built_run_id": (),
        "translations": ("fr",),
        "indicator": (v.indicator,),
        "regions": (v.scheme,),
        "breakdowns": (v.indicator,),
        "region_series": (v.indicator, v.scheme, regions, v.year_from, v.year_to, v.sex, v.age),
        "country_series": (v.indicator, c.iso3s, v.year_from, v.year_to, v.sex, v.age),
        "trend_series": (v.indicator, v.scheme, regions, c.iso3s, v.year_from, v.year_to, v.sex, v.age),
        "headline": (v.indicator, "world", "World"),
        "map_values": (v.indicator, c.map_year, v.sex, v.age),
        "indicator_years": (v.indicator,),
        "indicator_year_counts": (v.indicator, v.sex, v.age),
        "default_map_year": (v.indicator, v.sex, v.age),
        "map_data": (v.indicator, c.map_year, v.sex, v.age, c.org),
        "organization_members": (c.org,),
        "region_members": (v.scheme,),
        "goal_operations": (c.goal_id, v.year_from, v.year_to),
        "operations_filtered": (None, None, v.scheme, regions, v.year_from, v.year_to, None),
        "operation_results_for": (c.op_ids,),
        "operation_countries_for": (c.op_ids,),
        "operation_country_counts": (c.op_ids,),
        "latest_region_values": (c.goal_id,),
        "org_members": (c.org,),
        "rejects_summary": (c.run_id,),
        "sources_for": (c.source_ids,),
    }


def argument_names() -> set[str]:
    dummy = Context(TrendsView("x", ("r",)), [], 2000, "g", "o", [], "r", [])
    return set(_args(dummy))


@contextlib.contextmanager
def quiet_streamlit():
    """Outside `streamlit run` the caches work but warn about the missing runtime on every call."""
    loggers = [logging.getLogger(n) for n in ("streamlit", "streamlit.runtime.caching.cache_data_api",
                                              "streamlit.runtime.scriptrunner_utils.script_run_context")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, lvl in zip(loggers, levels):
            lg.setLevel(lvl)


def _no_runtime_note(record: logging.LogRecord) -> bool:
    return "No runtime found" not in record.getMessage()


def data_module():
    """dashboard.data, imported without the 'no runtime' warning its cache decorators log outside a server."""
    logger = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    if _no_runtime_note not in logger.filters:
        logger.addFilter(_no_runtime_note)
    from dashboard import data
    return data


def question_functions() -> dict[str, Callable]:
    """Every public function defined in dashboard.data except NOT_QUESTIONS, in source order."""
    data = data_module()
    funcs = [(n, f) for n, f in inspect.getmembers(data, inspect.isfunction)
             if f.__module__ == data.__name__ and not n.startswith("_") and n not in NOT_QUESTIONS]
    funcs.sort(key=lambda nf: inspect.getsourcelines(nf[1])[1])
    return dict(funcs)


# -- which questions each page asks ---------------------------------------------------------------------

def _data_calls(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "data"):
            names.append(node.func.attr)
    return list(dict.fromkeys(names))


def page_questions() -> dict[str, list[str]]:
    """Per page (url_path of app.py's registry): the data functions its file, app.py's frame (shared filters
    for the pages that show them, footer) and the helper modules it uses (pickers, ui) call."""
    app = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    shared: set[str] = set()
    frame: dict[str, list[str]] = {}
    for node in ast.walk(app):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page":
            file = node.args[0].value
            url = next((k.value.value for k in node.keywords if k.arg == "url_path"), Path(file).stem)
            pages[url] = file
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "SHARED_FILTER_PAGES"
                                                for t in node.targets):
            shared = set(ast.literal_eval(node.value))
        if isinstance(node, ast.FunctionDef):
            frame[node.name] = _data_calls(node)
    helpers = {m: _data_calls(ast.parse((REPO / "dashboard" / f"{m}.py").read_text(encoding="utf-8")))
               for m in ("pickers", "ui")}
    out = {}
    for url, file in pages.items():
        src = (REPO / file).read_text(encoding="utf-8")
        names = []
        if url in shared:
            names += frame.get("shared_filters", []) + frame.get("default_regions", [])
        names += _data_calls(ast.parse(src))
        for mod, calls in helpers.items():
            if re.search(rf"\b{mod}\.", src):
                names += calls
        names += frame.get("footer", [])
        out[url] = list(dict.fromkeys(names))
    return out


# -- measuring -------------------------------------------------------------------------------------------

def context(data, data_dir: Path) -> Context:
    view = trends_view(data_dir)
    fp = data.fingerprint()
    cur = data._connection(fp).cursor()
    try:
        iso3s = [r[0] for r in cur.execute(
            """SELECT iso3 FROM indicator_values WHERE indicator_id = ? AND sex = 'Total' AND age = 'Total'
               GROUP BY iso3 ORDER BY count(*) DESC, iso3 LIMIT 5""", [view.indicator]).fetchall()]
    finally:
        cur.close()
    meta = data.indicator(view.indicator)
    ops = data.operations()
    orgs = data.organization_names()
    return Context(view=view, iso3s=iso3s, map_year=data.default_map_year(view.indicator) or view.year_to,
                   goal_id=meta["goal_id"] if isinstance(meta["goal_id"], str) else "",
                   org=orgs[0] if orgs else "", op_ids=ops["operation_id"].tolist(),
                   run_id=data.built_run_id() or "",
                   source_ids=[meta["source_id"], "population_worldbank", "operations"])


@contextlib.contextmanager
def data_dir_env(data_dir: Path):
    old = os.environ.get("DATA_DIR")
    os.environ["DATA_DIR"] = str(data_dir)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("DATA_DIR", None)
        else:
            os.environ["DATA_DIR"] = old


def describe(result) -> tuple[str, int | None]:
    """(type name, length) of a question's answer, for the record."""
    try:
        return type(result).__name__, len(result)
    except TypeError:
        return type(result).__name__, None


class Session:
    """dashboard.data pointed at one data directory, with helpers to time calls on an empty cache."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.data = data_module()

    def __enter__(self):
        """Point dashboard.data at data_dir with empty caches; derive the arguments of every question."""
        self._env = data_dir_env(self.data_dir)
        self._env.__enter__()
        self._quiet = quiet_streamlit()
        self._quiet.__enter__()
        self.data._run.clear()
        self.data._connection.clear()
        self.fp = self.data.fingerprint()
        self.ctx = context(self.data, self.data_dir)
        self.args = _args(self.ctx)
        return self

    def __exit__(self, *exc):
        self.data._run.clear()
        self.data._connection.clear()
        self._quiet.__exit__(*exc)
        self._env.__exit__(*exc)

    def connect_seconds(self) -> float:
        self.data._connection.clear()
        t0 = time.perf_counter()
        self.data._connection(self.data.fingerprint())
        return time.perf_counter() - t0

    def call(self, name: str, *, clear: bool = True):
        """(seconds, result) of one call; with clear=True the data cache is emptied first."""
        func = getattr(self.data, name)
        if clear:
            self.data._run.clear()
        t0 = time.perf_counter()
        result = func(*self.args[name])
        return time.perf_counter() - t0, result

    def calls(self, names: list[str], *, clear: bool = True) -> float:
        """Seconds for calling `names` in turn after one cache clear (a page's first visit)."""
        if clear:
            self.data._run.clear()
        t0 = time.perf_counter()
        for name in names:
            getattr(self.data, name)(*self.args[name])
        return time.perf_counter() - t0


def bench(size: str, data_dir: Path, runs: int) -> tuple[list[Row], dict]:
    """Rows for the table, and details (what each function returned) for the record and the smoke test."""
    funcs = question_functions()
    missing = sorted(set(funcs) - argument_names())
    pages = page_questions()
    at_target = size == TARGET_SIZE
    rows: list[Row] = []
    details = {"functions": {}, "pages": pages, "missing_arguments": missing}
    with Session(data_dir) as s:
        details["view"] = s.ctx.view.__dict__
        connect = []
        for _ in range(runs):
            connect.append(s.connect_seconds() * 1000)
        s.calls([n for n in funcs if n not in missing])     # warm the connection (as a running server is)
        rows.append(Row("queries", "open the DuckDB connection (once per build)", size, "ms", connect))
        for name in funcs:
            if name in missing:
                log(f"[queries] {size}: no argument recipe for data.{name}: add one to bench/query_bench.py")
                continue
            times, result = [], None
            for _ in range(runs):
                sec, result = s.call(name)
                times.append(sec * 1000)
            kind, length = describe(result)
            details["functions"][name] = {"type": kind, "len": length, "ms": times}
            rows.append(Row("queries", f"data.{name}()", size, "ms", times, TARGET_MS if at_target else None,
                            note=f"{length:,} rows" if kind == "DataFrame" and length is not None else ""))
        for url, names in pages.items():
            names = [n for n in names if n in funcs and n not in missing]
            times = [s.calls(names) * 1000 for _ in range(runs)]
            rows.append(Row("queries", f"page {url}: all its queries", size, "ms", times,
                            TARGET_MS if at_target else None, note=f"{len(names)} functions"))
        log(f"[queries] {size}: {len(details['functions'])} functions, {len(pages)} pages, {runs} run(s)")
    return rows, details
