"""The one line rule (dashboard/charts/lines.py): no solid segment across a coverage break, a caveat's break or
missing year, or through thin or partial years; a region's line ends at its last adequately covered year unless
every year is asked for; changes carry one true sign. Pure builders, small frames."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard.charts import lines


def _region(years, adequate, breaks=None, region="Europe"):
    n = len(years)
    return pd.DataFrame({"region": region, "year": years, "value": [float(i + 1) for i in range(n)],
                         "estimate_kind": "reporting_countries", "countries_reporting": 10, "countries_total": 20,
                         "population_covered_share": [0.9 if a else 0.2 for a in adequate], "adequate": adequate,
                         "coverage_break": breaks or [False] * n, "population_change_share": 0.3,
                         "prev_year": [None] + years[:-1], "like_for_like_value": None, "like_for_like_prev": None,
                         "countries_both": None, "population_both_share": None})


def test_a_coverage_break_and_thin_points_are_never_solid():
    g = _region([2019, 2020, 2021, 2022, 2023], [True, True, True, True, False],
                breaks=[False, False, False, True, False])
    # 2019-20 solid, 2020-21 solid, into 2022 a break, into 2023 thin
    assert lines.segment_styles(g) == ["solid", "solid", "dashed", "dashed"]


def test_caveat_breaks_missing_and_partial_years_dash_their_segments():
    g = _region([1991, 1992, 1994, 1995, 2011, 2012, 2020, 2021], [True] * 8)
    styles = lines.segment_styles(g, break_years={1993, 2012}, partial_years={2021})
    assert styles == ["solid", "dashed", "solid", "solid", "dashed", "solid", "dashed"]
    # (1992→1994 spans the missing 1993; 2011→2012 is the break; 2020→2021 runs into a half year)


def test_a_gap_in_reported_years_is_not_a_break_by_itself():
    # biennial editions (OC Index 2021, 2023): the ETL compares with the previous reported year
    assert lines.segment_styles(_region([2021, 2023], [True, True])) == ["solid"]


def test_line_ends_at_its_last_adequate_year_unless_every_year_is_asked_for():
    df = pd.concat([_region([2020, 2021, 2022, 2023, 2024], [True, True, True, False, False]),
                    _region([2020, 2021], [False, False], region="Oceania")])
    cut, ended = lines.cut_to_adequate(df, "region")
    assert sorted(cut.loc[cut.region == "Europe", "year"]) == [2020, 2021, 2022]
    assert "Oceania" not in set(cut.region)                    # never adequately covered: left out
    assert ended == {"Europe": 2022, "Oceania": None}
    every, none_cut = lines.cut_to_adequate(df, "region", all_years=True)
    assert len(every) == len(df) and none_cut == {}


def test_thin_year_inside_the_line_stays_but_is_open_and_dashed():
    g = _region([2019, 2020, 2021], [True, False, True])
    cut, _ = lines.cut_to_adequate(g, "region")
    assert cut["year"].tolist() == [2019, 2020, 2021]
    fig = lines.trend_lines(cut, series_col="region", title="t", y_title="u", measure="rate_per_100k")
    markers = next(t for t in fig.data if t.mode == "markers" and t.name == "Europe")
    assert list(markers.marker.symbol) == ["circle", "circle-open", "circle"]
    solid = [t for t in fig.data if t.mode == "lines" and t.name == "Europe" and t.line.dash is None]
    dashed = [t for t in fig.data if t.mode == "lines" and t.name == "Europe" and t.line.dash == "dash"]
    assert not solid                                   # both segments touch the thin 2020
    assert list(dashed[0].x) == [2019, 2020, None, 2020, 2021, None]
    assert any(t.name.startswith("dashed") for t in fig.data)           # the legend explains it


def test_small_multiples_and_sparkline_follow_the_same_rule():
    df = pd.concat([_region([2019, 2020, 2021], [True, True, True], breaks=[False, False, True]),
                    _region([2019, 2020, 2021], [True, True, True], region="Asia")])
    fig = lines.small_multiples(df, facet_col="region", title="t", y_title="u")
    eu_dashed = [t for t in fig.data if t.name == "Europe" and t.mode == "lines" and t.line.dash == "dash"]
    assert list(eu_dashed[0].x) == [2020, 2021, None]
    assert not [t for t in fig.data if t.name == "Asia" and t.mode == "lines" and t.line.dash == "dash"]
    assert fig.layout.yaxis2.matches == "y"                             # one shared scale
    spark = lines.sparkline(df[df.region == "Europe"], color="#000", name="Europe")
    assert [t.line.dash for t in spark.data if t.mode == "lines"] == [None, "dash"]


@pytest.mark.parametrize("value, text", [(-0.41, "−0.41"), (0.25, "+0.25"), (-11304, "−11,304"), (0, "0"),
                                         (1203.4, "+1,203")])
def test_changes_have_one_true_sign(value, text):
    out = lines.signed(value, "count" if abs(value) > 100 else None)
    assert out == text and "-" not in out and "↓" not in out
