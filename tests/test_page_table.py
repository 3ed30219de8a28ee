"""AppTest of the Table view (years as columns, the like-for-like change between two years) and of the
like-for-like question itself, recomputed in the test from the country rows with pandas."""
from __future__ import annotations

import pytest

from tests.apptest_helpers import open_page, table_with

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def like_for_like(con, indicator: str, scheme: str, region: str, a: int, b: int) -> tuple[float, float, int]:
    """Population-weighted mean of the region's countries that report in both years and have a population
    figure in both, each year; and how many countries that is."""
    values = con.execute("SELECT v.iso3, v.year, v.value FROM indicator_values v JOIN region_members m USING (iso3) "
                         "WHERE m.scheme = ? AND m.region = ? AND v.indicator_id = ? AND v.preferred AND "
                         "v.sex = 'Total' AND v.age = 'Total' AND v.year IN (?, ?)", [scheme, region, indicator, a, b]
                         ).df()
    pop = con.execute("SELECT iso3, year, value AS pop FROM indicator_values WHERE indicator_id = 'population_total' "
                      "AND preferred AND year IN (?, ?)", [a, b]).df()
    df = values.merge(pop, on=["iso3", "year"])
    both = df.groupby("iso3")["year"].nunique()
    df = df[df["iso3"].isin(both[both == 2].index)]
    mean = df.groupby("year").apply(lambda g: (g["value"] * g["pop"]).sum() / g["pop"].sum(), include_groups=False)
    return float(mean[a]), float(mean[b]), df["iso3"].nunique()


def test_like_for_like_question_recomputed_in_the_test(con):
    from dashboard import data

    got = data.like_for_like([("homicide_rate_per_100k", 2021, 2022)], "un_region", ("Europe", "Africa"))
    europe = got.set_index("region").loc["Europe"]
    a, b, n = like_for_like(con, "homicide_rate_per_100k", "un_region", "Europe", 2021, 2022)
    assert (europe["value_from"], europe["value_to"], europe["countries_both"]) == (pytest.approx(a),
                                                                                   pytest.approx(b), n)
    assert (round(a, 3), round(b, 3), n) == (0.845, 0.902, 34)    # issue 12: Europe on the same countries
    world = data.like_for_like([("homicide_rate_per_100k", 2021, 2022)], "world", ("World",)).iloc[0]
    assert (round(world["value_from"], 2), round(world["value_to"], 2), world["countries_both"]) == (6.61, 6.2, 103)


def test_table_years_as_columns_with_the_like_for_like_change(con):
    at = open_page("pages/table.py", compare=["2021", "2022"], countries=["France"])
    table = table_with(at, "Region or country", "Change 2021→2022", "Countries in both years")
    rows = table.set_index("Region or country")
    a, b, n = like_for_like(con, "homicide_rate_per_100k", "un_region", "Europe", 2021, 2022)
    assert rows.loc["Europe", "Change 2021→2022"] == f"+{b - a:.2f}".rstrip("0")
    assert rows.loc["Europe", "Countries in both years"] == f"{n}/48"
    france = dict(con.execute("SELECT year, value FROM indicator_values WHERE iso3 = 'FRA' AND preferred AND "
                              "indicator_id = 'homicide_rate_per_100k' AND year IN (2021, 2022)").fetchall())
    assert rows.loc["France", "2022"] == f"{france[2022]:.2f}".rstrip("0").rstrip(".")
    assert rows.loc["France", "Countries in both years"] == "–"              # a country: its own two values
    assert [c for c in table.columns if c.isdigit()] == [str(y) for y in range(2000, 2025)]
    assert "None" not in set(table.astype(str).to_numpy().ravel())


def test_table_default_compare_is_the_latest_adequately_covered_year():
    at = open_page("pages/table.py")
    assert at.select_slider(key="compare").value == (2000, 2022)
    assert any(c.startswith("Change 2000→2022") for d in at.dataframe for c in d.value.columns)
