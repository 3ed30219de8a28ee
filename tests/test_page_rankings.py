"""AppTest of Rankings: countries ranked for an indicator and year, with coverage and each country's place in
its region. The expected first country is computed in the test from plain SQL."""
from __future__ import annotations

import json

import pytest

from tests.apptest_helpers import open_page, table_with

pytestmark = pytest.mark.usefixtures("warehouse_dir")


@pytest.mark.parametrize("indicator, year", [("homicide_rate_per_100k", 2015), ("cpi_score", 2022),
                                             ("terrorism_deaths", 2019)])
def test_rankings_first_country_and_coverage(con, indicator, year):
    rows = con.execute("SELECT c.name, v.value FROM indicator_values v JOIN countries c USING (iso3) WHERE "
                       "v.indicator_id = ? AND v.year = ? AND v.sex = 'Total' AND v.age = 'Total' AND v.preferred",
                       [indicator, year]).fetchall()
    first = max(rows, key=lambda r: r[1])
    at = open_page("pages/rankings.py", indicator=indicator, year=str(year))
    table = table_with(at, "Rank", "Country", "Rank in region")
    assert len(table) == len(rows)
    assert (table["Rank"].iloc[0], table["Country"].iloc[0]) == (1, first[0])
    assert table.iloc[0, 2] == pytest.approx(first[1])
    assert any(f"{len(rows)} of 231 countries report a value for {year}" in m.value for m in at.markdown)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert fig["data"][0]["y"][0] == f"1. {first[0]}"


def test_rankings_where_a_country_stands_in_its_region(con):
    at = open_page("pages/rankings.py", indicator="homicide_rate_per_100k", year="2015", iso3="BRA")
    rows = con.execute("SELECT c.iso3, c.un_region, c.un_subregion, v.value FROM indicator_values v JOIN countries c "
                       "USING (iso3) WHERE v.indicator_id = 'homicide_rate_per_100k' AND v.year = 2015 AND "
                       "v.sex = 'Total' AND v.preferred").fetchall()
    brazil = next(r for r in rows if r[0] == "BRA")
    rank = 1 + sum(r[3] > brazil[3] for r in rows)
    in_region = [r for r in rows if r[1] == brazil[1]]
    in_sub = [r for r in rows if r[2] == brazil[2]]
    k, j = 1 + sum(r[3] > brazil[3] for r in in_region), 1 + sum(r[3] > brazil[3] for r in in_sub)
    info = " ".join(i.value for i in at.info).replace("\\", "")
    assert f"Brazil: rank {rank} of {len(rows)} reporting countries; {k} of {len(in_region)} in Americas; " \
           f"{j} of {len(in_sub)} reporting in South America" in info
    table = table_with(at, "Rank", "Country", "Rank in subregion")
    assert table.loc[table["Country"] == "Brazil", "Rank in subregion"].iloc[0] == f"{j} of {len(in_sub)}"
