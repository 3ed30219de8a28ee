"""The shipped deck's notes hold only figures from the warehouse: every number a speaker reads out is checked
against the data the slide's chart shows."""
from __future__ import annotations

import re

import pytest

from dashboard import decks

DECK = decks.load("dialogue")

pytestmark = pytest.mark.usefixtures("warehouse_dir")


# -- the shipped deck's notes hold only figures from the warehouse ------------------------------------------

def _region(indicator, region, year, scheme="organization"):
    from dashboard import data

    df = data.region_series(indicator, scheme, [region], year, year)
    assert len(df) == 1, (indicator, region, year)
    return df.iloc[0]


def _note(k: int) -> str:
    return " ".join(DECK.slide(k).note.split())


def _fmt(v, decimals):
    return f"{v:,.{decimals}f}"


def test_dialogue_notes_match_the_warehouse():
    from dashboard import data

    homicide = {(r, y): _region("homicide_rate_per_100k", r, y) for r, y in
                [("AMERIPOL", 2000), ("AMERIPOL", 2023), ("EUROPOL", 2000), ("EUROPOL", 2023), ("AFRIPOL", 2023)]}
    n1 = _note(1)
    assert f"AMERIPOL: {_fmt(homicide['AMERIPOL', 2000].value, 1)} victims per 100,000 in 2000 " \
           f"({homicide['AMERIPOL', 2000].countries_reporting} of 27" in n1
    assert f"{_fmt(homicide['AMERIPOL', 2023].value, 1)} in 2023 ({homicide['AMERIPOL', 2023].countries_reporting}" \
           f" of 27)" in n1
    assert f"Europol: {_fmt(homicide['EUROPOL', 2000].value, 2)} in 2000 and " \
           f"{_fmt(homicide['EUROPOL', 2023].value, 2)} in 2023" in n1
    assert f"in 2023 only {homicide['AFRIPOL', 2023].countries_reporting} of 55 reported" in n1

    n2 = _note(2)
    for region, year in [("World", 2014), ("Asia", 2014), ("Africa", 2014), ("Asia", 2021), ("Europe", 2021)]:
        scheme = "world" if region == "World" else "un_region"
        assert _fmt(_region("terrorism_deaths", region, year, scheme).value, 0) in n2, (region, year)

    n3 = _note(3)
    for region, y0, y1 in [("EUROPOL", 2014, 2022), ("AFRIPOL", 2014, 2022), ("SCO", 2014, 2022),
                           ("GCC-POL", 2014, 2022), ("ECO", 2014, 2022)]:
        a, b = _region("cpi_score", region, y0).value, _region("cpi_score", region, y1).value
        assert f"{_fmt(a, 1)} and {_fmt(b, 1)}" in n3 or f"{_fmt(a, 1)} in 2014 and {_fmt(b, 1)} in 2022" in n3, region

    n4 = _note(4)
    results = data.operation_results_for(["epervier-2017", "libertad-2018", "sawiyan-2018"])
    for r in results.itertuples():
        if r.metric in ("victims_rescued", "minors_rescued", "arrests"):
            assert f"{int(r.value)} {r.metric.replace('_', ' ')}" in n4, r
    assert "nearly 500 victims" in n4 and "about 350 victims" in n4           # the qualifiers kept

    n5 = _note(5)
    overlap = data.org_overlap()
    shared = {(a, b): n for a, b, n in zip(overlap["org_a"], overlap["org_b"], overlap["shared"]) if a < b}
    assert shared[("EUROPOL", "Frontex")] == 26 and "Europol and Frontex share 26" in n5
    assert shared[("AFRIPOL", "AIMC")] == 10 and shared[("AIMC", "GCC-POL")] == 6 and shared[("ECO", "SCO")] == 6
    assert len(shared) == 4                                              # "No other pair shares a country"

    cov = data.country_coverage()
    n6 = _note(6)
    assert f"Of the {len(cov)} countries" in n6
    assert f"{int((cov['bodies'] >= 2).sum())} are covered by two or more" in n6
    assert f"{int((cov['bodies'] == 0).sum())} by none besides INTERPOL" in n6

    n7 = _note(7)
    europe = {y: _region("trafficking_victims_detected", "Europe", y, "un_region") for y in (2016, 2017)}
    assert f"from {_fmt(europe[2016].value, 0)} in 2016 ({europe[2016].countries_reporting} of 48" in n7
    assert f"to {_fmt(europe[2017].value, 0)} in 2017 ({europe[2017].countries_reporting} of 48)" in n7
    asia = data.region_series("trafficking_victims_detected", "un_region", ["Asia"], 2003, 2017)
    assert asia["population_covered_share"].max() <= 0.25 and "never held more than 25%" in n7


def _like_for_like(con, indicator, region, y0, y1, weighted):
    """(value y0, value y1, countries) over a Dialogue body's countries reporting in both years, computed here
    from the country rows (rates weighted by each year's population; scores unweighted)."""
    v = con.execute("""SELECT v.iso3, v.year, v.value, p.value AS pop FROM indicator_values v
                       JOIN region_members m ON m.iso3 = v.iso3 AND m.scheme = 'organization' AND m.region = ?
                       LEFT JOIN indicator_values p ON p.iso3 = v.iso3 AND p.year = v.year AND p.preferred
                            AND p.indicator_id = 'population_total'
                       WHERE v.indicator_id = ? AND v.preferred AND v.sex = 'Total' AND v.age = 'Total'
                         AND v.year IN (?, ?)""", [region, indicator, y0, y1]).df()
    if weighted:
        v = v[v["pop"].notna()]
    both = v.groupby("iso3")["year"].nunique().pipe(lambda s: s[s == 2].index)
    v = v[v["iso3"].isin(both)]
    if weighted:
        val = {y: (g["value"] * g["pop"]).sum() / g["pop"].sum() for y, g in v.groupby("year")}
    else:
        val = v.groupby("year")["value"].mean().to_dict()
    return val[y0], val[y1], len(both)


def _change(a, b, decimals):
    d = b - a
    return ("−" if d < 0 else "+") + f"{abs(d):,.{decimals}f}"


def test_dialogue_notes_state_changes_like_for_like(con):
    n1 = _note(1)
    a, b, n = _like_for_like(con, "homicide_rate_per_100k", "AMERIPOL", 2000, 2023, True)
    assert f"on the {n} countries reporting in both years the change is {_change(a, b, 2)} " \
           f"({_fmt(a, 2)} to {_fmt(b, 2)})" in n1
    a, b, n = _like_for_like(con, "homicide_rate_per_100k", "EUROPOL", 2000, 2023, True)
    assert f"on the {n} countries reporting in both years {_change(a, b, 2)} ({_fmt(a, 2)} to {_fmt(b, 2)})" in n1
    n3 = _note(3)
    a, b, n = _like_for_like(con, "cpi_score", "AFRIPOL", 2014, 2022, False)
    assert f"on the {n} scored in both years {_change(a, b, 2)}, {_fmt(a, 2)} to {_fmt(b, 2)}" in n3
    for body in ("EUROPOL", "SCO", "GCC-POL", "ECO"):            # "the same countries scored in both years"
        a, b, n = _like_for_like(con, "cpi_score", body, 2014, 2022, False)
        assert n == _region("cpi_score", body, 2014).countries_reporting == _region("cpi_score", body,
                                                                                    2022).countries_reporting
    n7 = _note(7)
    from dashboard import data
    eu = data.region_series("trafficking_victims_detected", "un_region", ["Europe"], 2017, 2017).iloc[0]
    assert eu.coverage_break and "2017 is a coverage break" in n7
    assert f"On the {eu.countries_both} countries reporting in both years the change is " \
           f"{_change(eu.like_for_like_prev, eu.like_for_like_value, 0)} ({_fmt(eu.like_for_like_prev, 0)} to " \
           f"{_fmt(eu.like_for_like_value, 0)})" in n7


def test_no_note_compares_a_partial_year_as_a_full_one():
    n2 = _note(2)
    assert "2021 covers January to June only" in n2 and "not comparable with a full year" in n2
    for k in range(1, len(DECK.slides) + 1):
        assert " -" not in _note(k).replace(" - ", "")         # changes carry a true minus sign


NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def test_dialogue_takeaways_quote_only_figures_of_their_notes():
    """A takeaway is the one line the room reads: every figure in it is one its note states (and the notes are
    checked against the warehouse above); every slide has one."""
    for slide in DECK.slides:
        assert slide.takeaway, f"slide {slide.number} has no takeaway"
        assert len(slide.takeaway) <= decks.MAX_TAKEAWAY and "\n" not in slide.takeaway
        note_figures = set(NUMBER.findall(_note(slide.number)))
        for figure in NUMBER.findall(slide.takeaway):
            assert figure in note_figures, (slide.number, figure, slide.takeaway)


def test_dialogue_takeaway_claims_hold_in_the_warehouse():
    from dashboard import data

    regions = dict(DECK.slide(1).filters)["regions"]
    latest = data.region_series("homicide_rate_per_100k", "organization", list(regions), 2023, 2023)
    assert latest.sort_values("value").iloc[-1]["region"] == "AMERIPOL"          # "the highest of the bodies"
    assert "the highest homicide rate" in DECK.slide(1).takeaway
    overlap = data.org_overlap()
    pairs = {(a, b) for a, b, n in zip(overlap["org_a"], overlap["org_b"], overlap["shared"]) if a < b and n}
    assert len(pairs) == 4 and DECK.slide(5).takeaway.startswith("Only four pairs")
