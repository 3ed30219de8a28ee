"""AppTest of the Map page: choropleth values, year slider, Dialogue-body filter, table, URL parameters.
Expected values come from dashboard.data (the warehouse)."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import decode
from tests.apptest_helpers import open_page as _open_page

PAGE = "pages/map.py"

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def open_page(**params) -> AppTest:
    return _open_page("pages/map.py", **params)


def choropleth(at: AppTest) -> tuple[dict[str, float], dict]:
    """The map's values by ISO3, and the figure."""
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    fig = json.loads(charts[0].proto.spec)
    trace = fig["data"][0]
    assert trace["type"] == "choropleth" and trace["locationmode"] == "ISO-3"
    values = {iso3: float(v) for iso3, v in trace["customdata"]}            # the colours are classes of them
    assert list(values) == decode(trace["locations"])
    return values, fig


def expected_values(indicator: str, year: int, sex="Total", age="Total") -> dict[str, float]:
    from dashboard import data

    df = data.map_data(indicator, year, sex, age)
    return dict(zip(df["iso3"], df["value"]))


def test_map_default_homicide_rate_in_default_year():
    from dashboard import data

    at = open_page()
    year = data.default_map_year("homicide_rate_per_100k")
    assert year == 2022                # latest year whose reporting countries hold half the world's population
    assert at.select_slider(key="year").value == year
    got, fig = choropleth(at)
    expected = expected_values("homicide_rate_per_100k", year)
    assert got == pytest.approx(expected)
    assert got["BRA"] == pytest.approx(21.10, abs=0.01)                  # Brazil 2022, as published
    hover = fig["data"][0]["hovertext"][list(got).index("BRA")]
    assert "Brazil" in hover and "per 100,000" in hover and "2022" in hover and "UNODC" in hover
    assert fig["data"][0]["colorscale"][-1][1].replace(" ", "") == "rgb(103,0,13)"  # higher is worse: dark red
    bar = fig["data"][0]["colorbar"]                                       # quantile classes, the top one open
    assert bar["ticktext"] == ["under 0.69", "0.69–1.1", "1.1–2.3", "2.3–6.8", "6.8–17", "17 or more"]
    assert any(f"{len(expected)} countries have a value for {year}" in m.value for m in at.markdown)
    table = at.dataframe[0].value
    assert len(table) == len(expected)
    # small states missing from the 110 m map are still listed
    assert {"Singapore", "Malta", "Bahrain"} & set(table["Country"])


def test_map_org_filter_limits_to_members():
    from dashboard import data

    members = set(data.organization_members("ASEANAPOL"))
    assert len(members) == 10
    at = open_page()
    at.selectbox(key="org").set_value("ASEANAPOL").run()
    assert not at.exception
    got, _ = choropleth(at)
    assert 0 < len(got) <= 10
    assert set(got) <= members
    expected = {k: v for k, v in expected_values("homicide_rate_per_100k", 2022).items() if k in members}
    assert got == pytest.approx(expected)
    assert set(at.dataframe[0].value["ISO3"]) == set(expected)


def test_map_year_slider_changes_the_year():
    at = open_page()
    at.select_slider(key="year").set_value(2012).run()
    assert not at.exception
    got, fig = choropleth(at)
    expected = expected_values("homicide_rate_per_100k", 2012)
    assert got == pytest.approx(expected)
    assert got != pytest.approx(expected_values("homicide_rate_per_100k", 2022))
    assert "2012" in fig["layout"]["title"]["text"]


def test_map_link_with_indicator_year_and_org():
    at = open_page(indicator="cpi_score", year="2015", org="ASEANAPOL")
    assert at.selectbox(key="goal").value == "GPG5"
    got, fig = choropleth(at)
    from dashboard import data

    members = set(data.organization_members("ASEANAPOL"))
    expected = {k: v for k, v in expected_values("cpi_score", 2015).items() if k in members}
    assert got == pytest.approx(expected)
    assert got["SGP"] == 85
    assert fig["data"][0]["colorscale"][-1][1].replace(" ", "") == "rgb(8,48,107)"  # higher is better: blue
    assert fig["layout"]["geo"]["fitbounds"] == "locations"                 # zoomed to the members


def test_map_breakdown_indicator_by_sex():
    at = open_page(indicator="gsh_homicide_rate")
    at.selectbox(key="sex").set_value("Female").run()
    year = at.select_slider(key="year").value
    got, _ = choropleth(at)
    assert got == pytest.approx(expected_values("gsh_homicide_rate", year, "Female"))


def test_map_invalid_params_warn_and_use_defaults():
    at = open_page(year="1800", org="NOT-A-BODY", indicator="bogus")
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")     # the link's values are escaped
    assert "'year' (1800)" in warnings and "'org' (NOT-A-BODY)" in warnings and "'indicator' (bogus)" in warnings
    assert at.selectbox(key="org").value == ""
    assert at.select_slider(key="year").value == 2022
    got, _ = choropleth(at)
    assert got == pytest.approx(expected_values("homicide_rate_per_100k", 2022))


def test_default_map_year_and_quantile_classes():
    import pandas as pd

    from dashboard import data, transforms
    from dashboard.charts import maps

    # a series without regional values (the CPI's rank) falls back to the year with (nearly) the most countries
    assert transforms.well_covered_year(data.indicator_year_counts("homicide_rate_per_100k"), near_best=1.0) == 2008
    assert data.default_map_year("cpi_score") == 2022 == data.default_map_year("cpi_rank")
    assert data.default_map_year("trafficking_victims_detected") == 2016
    values = data.map_data("homicide_rate_per_100k", 2022)["value"]
    bins = maps.quantile_bins(values)
    assert bins == [0.0, 0.69, 1.1, 2.3, 6.8, 17.0]
    classes = pd.Series(maps.bin_index(values, bins))
    assert (classes == 5).sum() == (values >= 17).sum() == 18 and classes.min() == 0
    assert maps.quantile_bins(pd.Series([1.0] * 19 + [100.0])) is None          # too few distinct values
