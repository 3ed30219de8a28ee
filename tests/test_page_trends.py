"""AppTest of the Trends page: goal → indicator picker, region and country lines with coverage, table view,
breakdowns, index and log options, URL parameters. Expected values come from dashboard.data (the warehouse)."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import decode
from tests.apptest_helpers import open_page as _open_page

PAGE = "pages/trends.py"
UN_REGIONS = ["Africa", "Americas", "Asia", "Europe", "Oceania"]

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def open_page(**params) -> AppTest:
    return _open_page("pages/trends.py", **params)


def lines(at: AppTest) -> dict[str, dict[int, float]]:
    """The trend chart's data lines: name -> {year: value} (the legend-only thin-coverage entry left out)."""
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    fig = json.loads(charts[0].proto.spec)
    out = {}
    for trace in fig["data"]:
        if trace.get("mode") == "lines" and trace.get("showlegend") is False:
            continue                             # a region's segments (the line rule): its markers hold the values
        xs = [x for x in decode(trace.get("x", [])) if x is not None]
        if xs:
            out[trace["name"]] = dict(zip((int(x) for x in xs), decode(trace["y"])))
    return out


def figure(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def region_value(indicator, region, year, sex="Total", age="Total", scheme="un_region",
                 kind="reporting_countries") -> float:
    from dashboard import data

    df = data.region_series(indicator, scheme, [region], year, year, sex, age, kind)
    assert len(df) == 1
    return float(df["value"].iloc[0])


def test_trends_default_is_homicide_rate_by_un_region():
    at = open_page()
    assert at.selectbox(key="goal").value == "GPG3"
    assert at.selectbox(key="indicator").value == "homicide_rate_per_100k"
    got = lines(at)
    assert sorted(got) == UN_REGIONS
    # UNODC's own estimate by default where it gives one; the reporting countries' aggregate differs
    expected = region_value("homicide_rate_per_100k", "Americas", 2020, kind="publisher_estimate")
    assert got["Americas"][2020] == pytest.approx(expected) == pytest.approx(15.02, abs=0.01)
    assert region_value("homicide_rate_per_100k", "Americas", 2020) == pytest.approx(14.90, abs=0.01)
    fig = figure(at)
    assert "per 100,000" in fig["layout"]["yaxis"]["title"]["text"]
    # thin coverage is explained in the legend, and coverage is in every region hover
    assert not any(t["name"].startswith("thin coverage") for t in fig["data"])   # UNODC's estimates: never thin
    americas = next(t for t in fig["data"] if t["name"] == "Americas")
    assert all("countries reporting" in h and "publisher's estimate" in h for h in americas["hovertext"])
    # operations of GPG3 are drawn as dated markers (Epervier, Nov 2017)
    assert any(a["text"] == "Epervier" for a in fig["layout"]["annotations"])
    caption = " ".join(c.value for c in at.caption)
    assert "population-weighted" in caption and "World Bank" in caption


def test_trends_thin_coverage_points_are_open_markers():
    from dashboard import data

    at = open_page(estimate="reporting", every_year="true")      # the aggregate, every year with values
    africa = next(t for t in figure(at)["data"] if t["name"] == "Africa")
    df = data.region_series("homicide_rate_per_100k", "un_region", ["Africa"], 2000, 2100)
    thin = (~df["adequate"].astype(bool)).tolist()
    assert thin == (df["population_covered_share"].fillna(0) < 0.5).tolist()
    assert any(thin)
    assert africa["marker"]["symbol"] == ["circle-open" if t else "circle" for t in thin]


def test_trends_table_view_lists_the_plotted_rows():
    from dashboard import data

    at = open_page()
    at.radio(key="view").set_value("table").run()
    assert not at.exception
    assert not at.get("plotly_chart")
    table = at.dataframe[0].value
    expected = data.trend_series("homicide_rate_per_100k", "un_region", UN_REGIONS, (), 2000, 2100,
                                 prefer="publisher_estimate")
    last = expected[expected["adequate"]].groupby("series")["year"].max()      # lines end at their last adequate year
    assert len(table) == int((expected["year"] <= expected["series"].map(last)).sum())
    row = table[(table["Region or country"] == "Americas") & (table["Year"] == 2020)]
    assert len(row) == 1
    assert row.iloc[0, 3] == pytest.approx(region_value("homicide_rate_per_100k", "Americas", 2020,
                                                        kind="publisher_estimate"))
    pub = data.region_series("homicide_rate_per_100k", "un_region", ["Americas"], 2020, 2020,
                             kind="publisher_estimate").iloc[0]
    assert row["Countries reporting"].iloc[0] == pub.countries_reporting and row["Countries in region"].iloc[0] == 53
    assert at.query_params.get("view") == "table"


def test_trends_breakdown_indicator_by_sex():
    at = open_page()
    at.selectbox(key="indicator").set_value("gsh_homicide_rate").run()
    assert not at.exception
    assert at.selectbox(key="sex").value == "Total"
    at.selectbox(key="sex").set_value("Female").run()
    assert not at.exception
    got = lines(at)
    expected = region_value("gsh_homicide_rate", "Americas", 2010, sex="Female")
    assert got["Americas"][2010] == pytest.approx(expected)
    assert expected != pytest.approx(region_value("gsh_homicide_rate", "Americas", 2010))
    assert "Female" in figure(at)["layout"]["title"]["text"]


def test_trends_countries_add_lines_beside_regions():
    from dashboard import data

    at = open_page()
    at.multiselect(key="countries").set_value(["Brazil"]).run()
    assert not at.exception
    got = lines(at)
    assert set(got) == set(UN_REGIONS) | {"Brazil"}
    bra = data.country_series("homicide_rate_per_100k", ["BRA"], 2020, 2020)
    assert got["Brazil"][2020] == pytest.approx(float(bra["value"].iloc[0]))
    assert got["Brazil"][2020] == pytest.approx(22.87, abs=0.01)
    americas = next(t for t in figure(at)["data"] if t["name"] == "Americas")
    pub = data.region_series("homicide_rate_per_100k", "un_region", ["Americas"], 2020, 2020,
                             kind="publisher_estimate").iloc[0]
    assert f"{pub.countries_reporting} of 53 countries reporting" in \
        americas["hovertext"][decode(americas["x"]).index(2020)]


def test_trends_index_to_base_year_and_log_scale():
    at = open_page(index="2010", log="true")
    got = lines(at)
    for region in UN_REGIONS:
        assert got[region][2010] == pytest.approx(100.0)
    ratio = region_value("homicide_rate_per_100k", "Americas", 2020, kind="publisher_estimate") / region_value(
        "homicide_rate_per_100k", "Americas", 2010, kind="publisher_estimate")
    assert got["Americas"][2020] == pytest.approx(100 * ratio)
    layout = figure(at)["layout"]
    assert layout["yaxis"]["type"] == "log"
    assert "2010 = 100" in layout["yaxis"]["title"]["text"]


def test_trends_link_opens_indicator_and_goal():
    at = open_page(indicator="terrorism_deaths")
    assert at.selectbox(key="goal").value == "GPG1"
    assert at.selectbox(key="indicator").value == "terrorism_deaths"
    got = lines(at)
    expected = region_value("terrorism_deaths", "Asia", 2015)
    assert got["Asia"][2015] == pytest.approx(expected)
    assert "sums" in " ".join(c.value for c in at.caption)


def test_trends_unaggregated_indicator_draws_countries_only():
    at = open_page(indicator="cpi_rank")
    assert not at.get("plotly_chart")
    assert any("no regional values" in i.value for i in at.info)
    at.multiselect(key="countries").set_value(["Denmark", "Brazil"]).run()
    got = lines(at)
    assert set(got) == {"Denmark", "Brazil"}
    from dashboard import data

    dnk = data.country_series("cpi_rank", ["DNK"], 2022, 2022)
    assert got["Denmark"][2022] == pytest.approx(float(dnk["value"].iloc[0]))


def test_trends_empty_selection_shows_empty_state():
    at = open_page()
    at.multiselect(key="regions").set_value([]).run()
    assert not at.exception
    assert not at.get("plotly_chart")
    assert any("Nothing to draw" in i.value for i in at.info)


def test_trends_invalid_indicator_param_warns_and_uses_default():
    at = open_page(indicator="no_such_indicator", view="pie")
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")     # the link's values are escaped
    assert "'indicator' (no_such_indicator)" in warnings
    assert "'view' (pie)" in warnings
    assert at.selectbox(key="indicator").value == "homicide_rate_per_100k"
    assert at.radio(key="view").value == "chart"
    assert sorted(lines(at)) == UN_REGIONS


def test_trends_aggregate_one_click_away_and_lines_end_at_the_last_adequate_year():
    from dashboard import data

    at = open_page()
    assert at.segmented_control(key="estimate").value == "publisher"
    at.segmented_control(key="estimate").set_value("reporting").run()
    assert not at.exception and at.query_params.get("estimate") == "reporting"
    got = lines(at)
    assert got["Americas"][2020] == pytest.approx(region_value("homicide_rate_per_100k", "Americas", 2020))
    # Europe's aggregate: 2024 has 5 of 48 countries; the line ends at its last adequately covered year
    eu = data.region_series("homicide_rate_per_100k", "un_region", ["Europe"], 2000, 2100)
    last = int(eu.loc[eu["adequate"], "year"].max())
    assert max(got["Europe"]) == last < int(eu["year"].max())
    europe = {t["name"]: t for t in figure(at)["data"] if t.get("mode") == "lines" and t["name"] == "Europe"
              and t.get("line", {}).get("dash") == "dash"}
    dashed_x = decode(europe["Europe"]["x"])
    assert 2022 in dashed_x                          # 2021→2022 is a coverage break: dashed, never solid
    solid = [t for t in figure(at)["data"] if t.get("mode") == "lines" and t["name"] == "Europe"
             and not t.get("line", {}).get("dash")]
    xs = decode(solid[0]["x"])
    assert not any(a == 2021 and b == 2022 for a, b in zip(xs, xs[1:]))
    at.toggle(key="every_year").set_value(True).run()
    assert max(lines(at)["Europe"]) == int(eu["year"].max())
    assert any("Caveats" in md.value for md in at.markdown)             # the badge (outliers of the selection)


# -- the pure helpers behind the page -----------------------------------------------------------------

def test_index_to_base_drops_series_without_base_year():
    import pandas as pd

    from dashboard import transforms

    df = pd.DataFrame({"series": ["A", "A", "B", "C", "C"], "kind": "region", "year": [2010, 2011, 2011, 2010, 2011],
                       "value": [2.0, 3.0, 5.0, 0.0, 1.0]})
    out, dropped = transforms.index_to_base(df, 2010)
    assert dropped == ["B", "C"]                 # B has no 2010 value, C's is zero
    assert out["value"].tolist() == [100.0, 150.0]


def test_trend_chart_draws_countries_dotted_and_explains_open_markers():
    import pandas as pd

    from dashboard.charts import lines

    df = pd.DataFrame({"series": ["Asia", "Asia", "Peru"], "kind": ["region", "region", "country"],
                       "year": [2019, 2020, 2020], "value": [1.0, 2.0, 3.0], "countries_reporting": [10, 2, None],
                       "countries_total": [20, 20, None], "population_covered_share": [0.9, 0.1, None],
                       "adequate": [True, False, None]})
    fig = lines.trend_chart(df, title="t", y_title="u", measure="rate_per_100k")
    asia = next(t for t in fig.data if t.name == "Asia" and t.mode == "markers")
    peru = next(t for t in fig.data if t.name == "Peru")
    assert list(asia.marker.symbol) == ["circle", "circle-open"]
    assert "2 of 20 countries reporting" in asia.hovertext[1] and "thin coverage" in asia.hovertext[1]
    assert peru.line.dash == "dot"
    # the segment into the thin 2020 is dashed, never solid; legend entries explain both
    assert [t.line.dash for t in fig.data if t.name == "Asia" and t.mode == "lines"] == ["dash"]
    legend = [t.name for t in fig.data if t.x == (None,)]
    assert legend[0].startswith("thin coverage") and legend[1].startswith("dashed")
