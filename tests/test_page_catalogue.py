"""AppTest of the Indicator catalogue and of an indicator's Sources view: every indicator with its definition,
years and countries per year, technical series apart, search; every edition of an indicator with its licence."""
from __future__ import annotations

import json

import pytest

from tests.apptest_helpers import decode, open_page, table_with

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def tables(at):
    return [d.value for d in at.dataframe if "Countries per year" in d.value.columns]


def test_catalogue_lists_every_indicator_and_technical_series_apart(con):
    at = open_page("pages/indicators.py")
    main, technical = tables(at)
    n = con.execute("SELECT count(*) FROM indicators").fetchone()[0]
    assert len(main) + len(technical) == n == 133
    assert set(technical["Identifier"]) == {"cpi_rank", "cpi_sources", "cpi_standard_error"}
    homicide = main[main["Identifier"] == "homicide_rate_per_100k"].iloc[0]
    counts = dict(con.execute("SELECT year, count(*) FROM indicator_values WHERE indicator_id = "
                              "'homicide_rate_per_100k' AND preferred AND sex = 'Total' GROUP BY year").fetchall())
    assert list(homicide["Countries per year"]) == [counts.get(y, 0) for y in range(min(counts), max(counts) + 1)]
    assert homicide["Most countries in a year"] == str(max(counts.values()))  # text: some series have none
    assert homicide["Years"] == "1990–2024" and homicide["Direction"] == "higher is worse"
    assert homicide["Chart"] == "trends?indicator=homicide_rate_per_100k"
    assert "UNODC" in homicide["Publisher"] and homicide["Licence"].startswith("CC BY 4.0")


def test_catalogue_search_and_goal_filter():
    at = open_page("pages/indicators.py", q="trafficking")
    main = tables(at)[0]
    assert len(main) > 0 and all("trafficking" in (n + d).lower() for n, d in zip(main["Indicator"],
                                                                                  main["Definition"]))
    at = open_page("pages/indicators.py", goal="GPG1")
    main = tables(at)[0]
    assert set(main["Goal"]) == {"GPG1 · Counter terrorism"} and len(main) == 2


def test_technical_series_are_out_of_the_goals_lists_in_the_pickers():
    at = open_page("pages/trends.py", goal="GPG5")
    assert "cpi_rank" not in at.selectbox(key="indicator").options
    at = open_page("pages/trends.py", indicator="cpi_rank")
    assert at.selectbox(key="goal").value == "technical"


def test_sources_of_an_indicator_with_two_editions(con):
    at = open_page("pages/sources.py", indicator="ocindex_criminal_markets")
    editions = table_with(at, "Source", "Preferred", "Licence")
    expected = con.execute("SELECT source_id, preferred FROM indicator_sources WHERE indicator_id = "
                           "'ocindex_criminal_markets' ORDER BY preferred DESC").fetchall()
    # GI-TOC's 2021 and 2023 sheets are both preferred (the later one wins where both give a country-year)
    assert len(editions) == len(expected) == 2 and editions["Preferred"].tolist() == [p for _s, p in expected]
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert len(fig["data"]) == 2                                   # one bar series per edition
    bars = {t["name"]: dict(zip(decode(t["x"]), decode(t["y"]))) for t in fig["data"]}
    counts = dict(con.execute("SELECT year, count(*) FROM indicator_values WHERE indicator_id = "
                              "'ocindex_criminal_markets' AND source_id = 'gitoc_ocindex_2023' GROUP BY year").fetchall())
    assert bars["Global Organized Crime Index 2023"] == counts
