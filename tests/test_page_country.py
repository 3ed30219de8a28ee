"""AppTest of the Country profile: every indicator the country reports beside its subregion and the world, its
Dialogue bodies, the operations it took part in with their results, one indicator drawn. Expected values are
read from the warehouse with plain SQL (the `con` fixture), not through the app's questions."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.apptest_helpers import decode, open_page, table_with

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def two(x: float) -> str:
    """A rate as the page writes it: at most two decimals, trailing zeros dropped (5.60 -> 5.6)."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


@pytest.fixture(scope="module")
def niger():
    return open_page("pages/country.py", iso3="NER")


def test_country_niger_lists_epervier_with_its_results(niger, con):
    ops = table_with(niger, "Operation", "Published results")
    expected = {r[0] for r in con.execute(
        "SELECT o.name FROM operation_countries c JOIN operations o USING (operation_id) WHERE c.iso3 = 'NER'"
    ).fetchall()}
    assert set(ops["Operation"]) == expected and "Operation Epervier" in expected
    epervier = ops.loc[ops["Operation"] == "Operation Epervier", "Published results"].iloc[0]
    assert "Victims rescued: ≈500" in epervier and "Minors rescued: 236" in epervier and "Arrests: 40" in epervier


def test_country_niger_every_indicator_with_its_latest_value(niger, con):
    n = con.execute("SELECT count(DISTINCT indicator_id) FROM indicator_values WHERE iso3 = 'NER' AND preferred "
                    "AND sex = 'Total' AND age = 'Total'").fetchone()[0]
    assert any(s.value == f"{n} indicators reported" for s in niger.subheader)
    year, value, prev_year, prev = con.execute(
        "SELECT year, value, lag(year) OVER w, lag(value) OVER w FROM indicator_values "
        "WHERE iso3 = 'NER' AND indicator_id = 'homicide_rate_per_100k' AND preferred "
        "WINDOW w AS (ORDER BY year) ORDER BY year DESC LIMIT 1").fetchone()
    cols = {"Indicator", "Year", "Value", "Change", "Western Africa", "World"}
    rows = pd.concat([d.value for d in niger.dataframe if cols <= set(d.value.columns)])   # one table per goal
    homicide = rows[rows["Indicator"] == "Homicide rate"].iloc[0]
    assert (homicide["Year"], homicide["Value"]) == (year, two(value))
    assert homicide["Change"] == f"{'−' if value < prev else '+'}{two(abs(value - prev))} since {prev_year}"
    def region(scheme, name, kind):
        return con.execute(
            "SELECT value, countries_reporting, countries_total, adequate, prev_year, like_for_like_prev, "
            "like_for_like_value, countries_both FROM region_values WHERE indicator_id = 'homicide_rate_per_100k' "
            "AND scheme = ? AND region = ? AND year = ? AND sex = 'Total' AND age = 'Total' AND estimate_kind = ?",
            [scheme, name, year, kind]).fetchone()

    def change(a, b):
        return f"{'−' if b < a else '+'}{two(abs(b - a))}"

    # the World: UNODC's own estimate (in OWID's file), named as such, and its change between UNODC's estimates
    w = region("world", "World", "publisher_estimate")
    assert homicide["World"] == f"{two(w[0])} (publisher's estimate)" == "6.18 (publisher's estimate)"
    assert homicide["World: change (like-for-like)"] == f"{change(w[5], w[6])} since {w[4]}" == "+0.02 since 2011"
    # Western Africa: no publisher estimate that year, so the reporting countries' aggregate, thin (4 of 17), and
    # its change on the countries reporting in both years
    assert region("un_subregion", "Western Africa", "publisher_estimate") is None
    s = region("un_subregion", "Western Africa", "reporting_countries")
    assert not s[3] and homicide["Western Africa"] == f"{two(s[0])} ({s[1]}/{s[2]}) (thin)" == "2.88 (4/17) (thin)"
    assert homicide["Western Africa: change (like-for-like)"] == (
        f"{change(s[5], s[6])} since {s[4]} on {s[7]} countries") == "−0.1 since 2011 on 4 countries"


def test_country_niger_bodies_and_chart(niger, con):
    body = " ".join(m.value for m in niger.markdown)
    assert "AFRIPOL" in body and "body?org=AFRIPOL" in body
    fig = json.loads(niger.get("plotly_chart")[0].proto.spec)
    names = {t["name"] for t in fig["data"]}
    assert {"Niger", "Western Africa", "World"} <= names
    niger_line = next(t for t in fig["data"] if t["name"] == "Niger")
    got = dict(zip(decode(niger_line["x"]), decode(niger_line["y"])))
    expected = dict(con.execute("SELECT year, value FROM indicator_values WHERE iso3 = 'NER' AND preferred AND "
                                "indicator_id = 'homicide_rate_per_100k' AND sex = 'Total'").fetchall())
    assert got == pytest.approx(expected)


def test_country_chart_follows_the_chosen_indicator_and_falls_back_when_missing():
    at = open_page("pages/country.py", iso3="NER", indicator="cpi_score")
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Corruption Perceptions Index score" in fig["layout"]["title"]["text"]
    # Niger has no value for this one: the chart falls back to the profile's default, without a notice
    at = open_page("pages/country.py", iso3="NER", indicator="offences_smuggling_of_migrants_rate")
    assert at.selectbox(key="indicator").value == "homicide_rate_per_100k"


def test_country_without_iso3_asks_for_one_and_a_bad_code_gives_a_notice():
    at = open_page("pages/country.py")
    assert at.selectbox(key="iso3").value is None and not at.get("plotly_chart")
    at = open_page("pages/country.py", iso3="XXX")
    assert any("'iso3' (XXX)" in w.value for w in at.warning)
