"""Server-side query time: every question of dashboard/questions.py, and every page's questions, on the
executor of dashboard/db.py (no Streamlit, no cache: each call runs its SQL).

The questions are discovered with inspect (every public method of Questions), so a new question cannot be left
out silently: it needs an argument recipe in ARGS below or a reason in NOT_QUESTIONS. Each recipe is derived
from the data being measured (the Trends default view's indicator, its goal, the regions of the scheme,
countries with values, the latest well-covered map year, ...).

A page's questions are found by running what the page runs with the registry's default filters: its filters
parsed (dashboard/filters.py), its panels built (dashboard/panels), and the questions its layout script asks
itself (`q.<question>(` in pages/<page>.py, with the recipes below), on an executor that records every SQL
query. "page X: all its queries" times those queries again, in turn, uncached: what a first visit asks the
warehouse. The DuckDB connection stays open, as on a running server; opening it is timed on its own.
"""
from __future__ import annotations

import ast
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .common import REPO, Row, log
from .views import TrendsView, trends_view

TARGET_MS = 100.0
TARGET_SIZE = "10m"

#: Public methods of Questions that are not page questions, and why.
NOT_QUESTIONS = {
    "ask": "plumbing: runs a named query (every question goes through it)",
    "table_csv": "download built on click, off the page run (deferred download)",
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
        "as_of": (), "indicators": (), "countries": (), "operations": (), "operation_results": (),
        "org_overlap": (),
        "country_coverage": (), "dialogue_meetings": (), "sources": (), "etl_runs": (),
        "indicator_choices": (), "organization_names": (), "operation_areas": (), "org_overlap_countries": (),
        "built_run_id": (), "year_bounds": (), "indicator_catalogue": (), "default_meeting": (),
        "indicator_sources": (v.indicator,),
        "indicator_source_year_counts": (v.indicator, v.sex, v.age),
        "rankings": (v.indicator, c.map_year, v.sex, v.age),
        "region_value": (v.indicator, "world", "World", c.map_year, v.sex, v.age),
        "like_for_like": ([(v.indicator, c.map_year - 5, c.map_year)], v.scheme, regions, v.sex, v.age),
        "adequate_years": ([v.indicator],),
        "region_latest": ([v.indicator], "organization", c.org),
        "body_operations": (c.org,),
        "operations_since": ("2021-10-27",),
        "country_profile": (c.iso3s[0] if c.iso3s else "NER",),
        "country_memberships": (c.iso3s[0] if c.iso3s else "NER",),
        "country_caveats": (c.iso3s[0] if c.iso3s else "NER",),
        "country_operations": (c.iso3s[0] if c.iso3s else "NER",),
        "translations": ("fr",),
        "goals": ("fr",), "organizations": ("fr",),
        "indicator": (v.indicator,),
        "regions": (v.scheme,),
        "breakdowns": (v.indicator,),
        "region_series": (v.indicator, v.scheme, regions, v.year_from, v.year_to, v.sex, v.age),
        "country_series": (v.indicator, c.iso3s, v.year_from, v.year_to, v.sex, v.age),
        "trend_series": (v.indicator, v.scheme, regions, c.iso3s, v.year_from, v.year_to, v.sex, v.age),
        "headline": (v.indicator, "world", "World"),
        "headlines": ((v.indicator,), "world", "World"),
        "caveats_for_many": ((v.indicator,), v.scheme, regions),
        "region_series_many": ((v.indicator,), v.scheme, regions, v.sex, v.age),
        "map_values": (v.indicator, c.map_year, v.sex, v.age),
        "indicator_years": (v.indicator,),
        "indicator_year_counts": (v.indicator, v.sex, v.age),
        "default_map_year": (v.indicator, v.sex, v.age),
        "map_data": (v.indicator, c.map_year, v.sex, v.age, c.org),
        "organization_members": (c.org,),
        "goal_operations": (c.goal_id, v.year_from, v.year_to, v.scheme, regions[:2]),
        "operations_filtered": (None, None, v.scheme, regions, v.year_from, v.year_to, None),
        "operation_results_for": (c.op_ids,),
        "operation_countries_for": (c.op_ids,),
        "operation_country_counts": (c.op_ids,),
        "latest_region_values": (c.goal_id,),
        "caveats_for": (v.indicator, v.scheme, regions, c.iso3s, v.year_from, v.year_to),
        "caveats": (), "etl_settings": (), "adequate_coverage": (),
        "org_members": (c.org,),
        "rejects_summary": (c.run_id,),
        "sources_for": (c.source_ids,),
        "indicator_editions": (),
        "edition_values": (v.indicator, (c.source_ids or ["x"])[0], (c.source_ids or ["x"])[-1]),
    }


def argument_names() -> set[str]:
    dummy = Context(TrendsView("x", ("r",)), [], 2000, "g", "o", [], "r", [])
    return set(_args(dummy))


def question_functions() -> dict[str, Callable]:
    """Every public method of dashboard.questions.Questions except NOT_QUESTIONS, in source order."""
    from dashboard.questions import Questions

    funcs = [(n, f) for n, f in inspect.getmembers(Questions, inspect.isfunction)
             if not n.startswith("_") and n not in NOT_QUESTIONS]
    funcs.sort(key=lambda nf: inspect.getsourcelines(nf[1])[1])
    return dict(funcs)


class Session:
    """Questions on one data directory's published build, answered by a recording executor (no cache)."""

    def __init__(self, data_dir: Path):
        from dashboard import db
        from dashboard.questions import Questions

        self.data_dir = Path(data_dir)
        self.fp = db.fingerprint(self.data_dir / "warehouse.duckdb")
        self.executor = db.Executor(self.fp)
        self.recorded: list[tuple[str, tuple]] | None = None
        self.cache: dict | None = None
        self.q = Questions(self._ask, self.executor.stream)
        self.ctx = context(self.q, self.data_dir)
        self.args = _args(self.ctx)

    def _ask(self, name: str, *params):
        key = (name, tuple(tuple(p) if isinstance(p, list) else p for p in params))
        if self.recorded is not None:
            self.recorded.append(key)
        if self.cache is not None:
            if key not in self.cache:
                self.cache[key] = self.executor.run(name, *params)
            return self.cache[key]
        return self.executor.run(name, *params)

    def close(self) -> None:
        self.executor.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def connect_seconds(self) -> float:
        from dashboard import db

        t0 = time.perf_counter()
        db.Executor(self.fp).close()
        return time.perf_counter() - t0

    def call(self, name: str):
        """(seconds, result) of one question, uncached."""
        t0 = time.perf_counter()
        result = getattr(self.q, name)(*self.args[name])
        return time.perf_counter() - t0, result

    def record(self, fn) -> list[tuple[str, tuple]]:
        """The queries `fn()` asks, in order, each once."""
        self.recorded = []
        try:
            fn()
            return list(dict.fromkeys(self.recorded))
        finally:
            self.recorded = None

    def replay(self, queries: list[tuple[str, tuple]], *, warm: bool = False) -> float:
        """Seconds to run `queries` in turn: uncached, or (warm) from a cache that already holds them."""
        if warm:
            self.cache = {}
            for name, params in queries:
                self._ask(name, *params)
        t0 = time.perf_counter()
        try:
            for name, params in queries:
                self._ask(name, *params)
            return time.perf_counter() - t0
        finally:
            self.cache = None


# -- which questions each page asks ---------------------------------------------------------------------

def _page_calls(page) -> list[str]:
    """Questions the page's layout script asks itself: `q.<name>(` in pages/<page>.py."""
    tree = ast.parse((REPO / page.file).read_text(encoding="utf-8"))
    return list(dict.fromkeys(n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call)
                              and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
                              and n.func.value.id == "q"))


def _overview_tiles(lang: str, q) -> None:
    from dashboard.panels.overview import overview_tiles
    overview_tiles(lang, q)


#: Builders a page's script calls with (lang, q) beside its registry charts: their questions are the page's too.
PAGE_BUILDERS: dict[str, tuple[Callable, ...]] = {"overview": (_overview_tiles,)}


def page_queries(s: Session) -> dict[str, list[tuple[str, tuple]]]:
    """Per page of the registry: the SQL queries of a first visit with default filters (see the docstring)."""
    from dashboard import filters, panels, registry

    out = {}
    for page in registry.PAGES:
        def visit(page=page):
            f, _notices = filters.parse(page.path, {}, s.q)
            for key in page.charts:
                panels.build(key, f, "en", s.q)
            for name in _page_calls(page):
                if name in s.args:
                    getattr(s.q, name)(*s.args[name])
            for build in PAGE_BUILDERS.get(page.path, ()):                  # builders the page calls itself
                build("en", s.q)
            s.q.as_of()                                           # the frame's footer
        out[page.path] = s.record(visit)
    return out


def describe(result) -> tuple[str, int | None]:
    """(type name, length) of a question's answer, for the record."""
    try:
        return type(result).__name__, len(result)
    except TypeError:
        return type(result).__name__, None


def context(q, data_dir: Path) -> Context:
    """Arguments derived from the data measured: the Trends view, countries with values, a map year, ..."""
    view = trends_view(data_dir)
    map_year = q.default_map_year(view.indicator) or view.year_to
    meta = q.indicator(view.indicator)
    orgs = q.organization_names()
    return Context(view=view, iso3s=q.map_data(view.indicator, map_year)["iso3"].head(5).tolist(),
                   map_year=map_year, goal_id=meta["goal_id"] if isinstance(meta["goal_id"], str) else "",
                   org=orgs[0] if orgs else "", op_ids=q.operations()["operation_id"].tolist(),
                   run_id=q.built_run_id() or "", source_ids=[meta["source_id"], "population_worldbank", "operations"])


def bench(size: str, data_dir: Path, runs: int) -> tuple[list[Row], dict]:
    """Rows for the table, and details (what each question returned) for the record and the smoke test."""
    funcs = question_functions()
    missing = sorted(set(funcs) - argument_names())
    at_target = size == TARGET_SIZE
    rows: list[Row] = []
    details = {"functions": {}, "missing_arguments": missing}
    with Session(data_dir) as s:
        details["view"] = s.ctx.view.__dict__
        connect = [s.connect_seconds() * 1000 for _ in range(runs)]
        rows.append(Row("queries", "open the DuckDB connection (once per build)", size, "ms", connect))
        queries = page_queries(s)                                # also warms the connection, as on a server
        details["pages"] = {p: list(dict.fromkeys(n for n, _ in qs)) for p, qs in queries.items()}
        for name in funcs:
            if name in missing:
                log(f"[queries] {size}: no argument recipe for {name}: add one to bench/query_bench.py")
                continue
            times, result = [], None
            for _ in range(runs):
                sec, result = s.call(name)
                times.append(sec * 1000)
            kind, length = describe(result)
            details["functions"][name] = {"type": kind, "len": length, "ms": times}
            rows.append(Row("queries", f"data.{name}()", size, "ms", times, TARGET_MS if at_target else None,
                            note=f"{length:,} rows" if kind == "DataFrame" and length is not None else ""))
        for page, qs in queries.items():
            times = [s.replay(qs) * 1000 for _ in range(runs)]
            rows.append(Row("queries", f"page {page}: all its queries", size, "ms", times,
                            TARGET_MS if at_target else None, note=f"{len(qs)} queries"))
        log(f"[queries] {size}: {len(details['functions'])} questions, {len(queries)} pages, {runs} run(s)")
    return rows, details
