"""The selection travels with the viewer: moving between the indicator's views (chart, map, table, sources,
rankings) by the page list keeps the indicator, its breakdown, regions, countries and years, while a link's own
parameters still win. (The browser half: tests/e2e/test_workspace.py.)"""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def go(at: AppTest, page: str, **params) -> AppTest:
    """Switch pages as the page list does: the new page's URL has no parameters (unless a link gives some)."""
    for key in list(at.query_params):
        del at.query_params[key]
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_indicator_breakdown_regions_and_countries_survive_chart_map_table_chart():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    go(at, "pages/trends.py", indicator="gsh_homicide_rate", sex="Female", scheme="un_subregion",
       regions=["Western Africa", "Caribbean"], countries=["Niger", "France"], years=["2005", "2015"])
    for page in ("pages/map.py", "pages/table.py", "pages/sources.py", "pages/rankings.py", "pages/trends.py"):
        go(at, page)
        assert at.selectbox(key="indicator").value == "gsh_homicide_rate", page
        assert at.selectbox(key="sex").value == "Female", page
        assert at.query_params["indicator"] in ("gsh_homicide_rate", ["gsh_homicide_rate"])   # and in the URL
    assert at.multiselect(key="countries").value == ["Niger", "France"]
    assert at.multiselect(key="regions").value == ["Western Africa", "Caribbean"]
    assert tuple(at.slider(key="years").value) == (2005, 2015)


def test_the_maps_chosen_year_follows_to_rankings_but_not_to_another_indicator():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    go(at, "pages/map.py", indicator="homicide_rate_per_100k", year="2012")
    go(at, "pages/rankings.py")
    assert at.select_slider(key="year").value == 2012
    go(at, "pages/trends.py", indicator="cpi_score")
    go(at, "pages/map.py")
    assert at.selectbox(key="indicator").value == "cpi_score"
    assert at.select_slider(key="year").value == 2022                 # the new indicator's own default year


def test_a_links_parameters_win_over_the_carried_selection():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.run()
    go(at, "pages/trends.py", indicator="cpi_score")
    go(at, "pages/map.py", indicator="terrorism_deaths")
    assert at.selectbox(key="indicator").value == "terrorism_deaths"
