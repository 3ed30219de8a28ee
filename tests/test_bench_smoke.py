"""Smoke tests of the benchmarks (bench/): they run, measure every question, and the naive baseline is right.

No timing is asserted anywhere: benchmarks print figures (`make bench`).
"""
from __future__ import annotations

import inspect
import io

import pandas as pd
import pytest

from bench import baseline, query_bench
from bench.common import Row, parse_size, print_table
from bench.views import DEFAULT_INDICATOR, SCHEME, trends_view
from dashboard import registry

UN_REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania"]


@pytest.fixture(scope="module")
def query_run(warehouse_dir):
    rows, details = query_bench.bench("bundled", warehouse_dir, runs=1)
    return rows, details


def test_bench_views_follow_the_app_defaults():
    from dashboard import registry

    assert DEFAULT_INDICATOR == registry.DEFAULT_INDICATOR
    assert SCHEME == registry.DEFAULT_SCHEME


def test_bench_queries_measure_every_question_function(query_run):
    rows, details = query_run
    funcs = query_bench.question_functions()
    assert details["missing_arguments"] == [], "add an argument recipe to bench/query_bench.py _args"
    assert set(details["functions"]) == set(funcs)
    for name, func in funcs.items():
        got = details["functions"][name]
        assert len(got["ms"]) == 1, name
        annotation = str(inspect.signature(func).return_annotation)
        if "DataFrame" in annotation:
            assert got["type"] == "DataFrame", (name, got)
        elif annotation.startswith("list"):
            assert got["type"] == "list", (name, got)
        else:
            assert got["type"] != "NoneType", (name, got)
    measured = {r.metric for r in rows}
    assert {f"data.{n}()" for n in funcs} <= measured


def test_bench_queries_cover_every_page(query_run):
    rows, details = query_run
    pages = details["pages"]
    assert set(pages) == {p.path for p in registry.PAGES}
    for url, names in pages.items():
        assert names, url
        assert any(r.metric == f"page {url}: all its queries" for r in rows), url
    assert {"trend_series", "indicator_choices", "regions"} <= set(pages["trends"])     # SQL files asked


def test_bench_every_question_is_measured_or_excused():
    from dashboard.questions import Questions

    public = {n for n, f in inspect.getmembers(Questions, inspect.isfunction) if not n.startswith("_")}
    assert public - set(query_bench.NOT_QUESTIONS) == set(query_bench.question_functions())


def test_bench_baseline_equals_ours_for_the_default_trends_view(warehouse_dir):
    view = trends_view(warehouse_dir)
    assert view.indicator == DEFAULT_INDICATOR
    assert list(view.regions) == UN_REGIONS
    naive = baseline.naive_trends(warehouse_dir / "raw", view)
    with query_bench.Session(warehouse_dir) as s:
        ours = baseline.ours_trends(s, view)
    assert sorted(naive["region"].unique()) == UN_REGIONS
    assert len(naive) == len(ours) > 100
    assert baseline.compare(naive, ours, rel=1e-9) == []
    merged = naive.merge(ours, on=["region", "year"], suffixes=("_naive", "_ours"))
    assert len(merged) == len(ours)
    assert ((merged["value_naive"] - merged["value_ours"]).abs()
            <= 1e-9 * merged["value_ours"].abs()).all()
    americas_2020 = merged.query("region == 'Americas' and year == 2020")["value_naive"].item()
    assert americas_2020 == pytest.approx(14.90, abs=0.01)


def test_bench_baseline_compare_reports_differences():
    a = pd.DataFrame({"region": ["A", "A"], "year": [2000, 2001], "value": [1.0, 2.0],
                      "countries_reporting": [3, 3]})
    b = a.assign(value=[1.0, 2.0 * (1 + 1e-6)])
    assert baseline.compare(a, a) == []
    assert "values differ" in baseline.compare(a, b)[0]
    assert "pairs" in baseline.compare(a, b.iloc[:1])[0]


def test_bench_baseline_runs_once(warehouse_dir):
    rows = baseline.bench("bundled", warehouse_dir, runs=1)
    assert [len(r.values) for r in rows] == [1] * len(rows)
    assert all(v > 0 for r in rows for v in r.values)


@pytest.mark.parametrize("text, expected", [("bundled", ("bundled", None)), ("1m", ("1m", 1_000_000)),
                                            ("10M", ("10m", 10_000_000)), ("250k", ("250k", 250_000)),
                                            ("5000", ("5000", 5000))])
def test_bench_parse_size(text, expected):
    assert parse_size(text) == expected


def test_bench_table_marks_targets():
    rows = [Row("etl", "ETL wall time", "10m", "s", [40.0, 42.0, 39.0], target=60.0),
            Row("browser", "filter change", "10m", "s", [0.7], target=0.5),
            Row("baseline", "speed-up", "10m", "x", [30.0], target=10.0, op=">="),
            Row("queries", "open", "10m", "ms", [10.0])]
    out = io.StringIO()
    print_table(rows, file=out)
    text = out.getvalue()
    assert [r.passed for r in rows] == [True, False, True, None]
    assert "40.0 s" in text and "✓" in text and "✗" in text
    assert "targets: 2 met, 1 missed" in text
