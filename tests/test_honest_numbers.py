"""Honest numbers (issue 12), on the warehouse built from the bundled real data: like-for-like changes, coverage
breaks, publisher estimates, the right weights, caveats as data, direction, totals and goals.

Every expected value is computed here independently, from the country rows (or the publisher's original file),
never read back from the column under test."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from etl import paths
from tests.etl_helpers import RAW

WORLD_HOMICIDE = "SELECT * FROM region_values WHERE scheme = 'world' AND indicator_id = 'homicide_rate_per_100k' " \
                 "AND sex = 'Total' AND age = 'Total' AND estimate_kind = ? AND year = ?"


def row(con, sql, params=None) -> pd.Series:
    df = con.execute(sql, params or []).df()
    assert len(df) == 1, df
    return df.iloc[0]


def country_rows(con, indicator, sex="Total", age="Total") -> pd.DataFrame:
    return con.execute("""SELECT iso3, year, value FROM indicator_values WHERE indicator_id = ? AND sex = ?
                          AND age = ? AND preferred""", [indicator, sex, age]).df()


@pytest.fixture(scope="module")
def population(con) -> pd.DataFrame:
    return con.execute("""SELECT iso3, year, value AS pop FROM indicator_values
                          WHERE indicator_id = 'population_total' AND preferred""").df()


# -- like for like ------------------------------------------------------------------------------------------

def test_world_homicide_change_2021_2022_is_on_the_countries_reporting_both_years(con, population):
    rates = country_rows(con, "homicide_rate_per_100k").merge(population, on=["iso3", "year"])  # weighted only
    a = rates[rates.year == 2021].set_index("iso3")
    b = rates[rates.year == 2022].set_index("iso3")
    both = a.index.intersection(b.index)
    before = (a.loc[both, "value"] * a.loc[both, "pop"]).sum() / a.loc[both, "pop"].sum()
    after = (b.loc[both, "value"] * b.loc[both, "pop"]).sum() / b.loc[both, "pop"].sum()
    world_pop = population[(population.year == 2022)
                           & population.iso3.isin(con.execute("SELECT iso3 FROM countries").df().iso3)]["pop"].sum()

    r = row(con, WORLD_HOMICIDE, ["reporting_countries", 2022])
    assert len(both) == r.countries_both == 103          # the issue measured 103 on the old data; Kosovo changes
    assert r.prev_year == 2021                           # nothing here: it reports 2021 only
    assert r.like_for_like_prev == pytest.approx(before, rel=1e-12) and round(before, 2) == 6.61
    assert r.like_for_like_value == pytest.approx(after, rel=1e-12) and round(after, 2) == 6.20
    assert r.population_both_share == pytest.approx(b.loc[both, "pop"].sum() / world_pop, rel=1e-12)
    assert round(r.population_both_share, 3) == 0.488
    # the headline aggregate moved by -0.64, because 13 countries (China, Russia, the UK...) left the data
    assert round(r.value - row(con, WORLD_HOMICIDE, ["reporting_countries", 2021]).value, 2) == -0.64
    assert round(after - before, 2) == -0.41


def test_europe_2022_homicide_is_a_coverage_break(con, population):
    members = set(con.execute("SELECT iso3 FROM region_members WHERE scheme = 'un_region' "
                              "AND region = 'Europe'").df().iso3)
    rates = country_rows(con, "homicide_rate_per_100k").merge(population, on=["iso3", "year"])
    rates = rates[rates.iso3.isin(members)]
    a, b = set(rates[rates.year == 2021].iso3), set(rates[rates.year == 2022].iso3)
    assert {"RUS", "GBR", "UKR", "BEL"} <= a - b
    pop = population[population.iso3.isin(members)].set_index(["iso3", "year"])["pop"]
    region = {y: pop.xs(y, level="year").sum() for y in (2021, 2022)}
    changed = sum(pop[i, 2022] for i in b - a) / region[2022] + sum(pop[i, 2021] for i in a - b) / region[2021]
    r = row(con, "SELECT * FROM region_values WHERE scheme = 'un_region' AND region = 'Europe' AND year = 2022 "
                 "AND indicator_id = 'homicide_rate_per_100k' AND sex = 'Total' AND estimate_kind = "
                 "'reporting_countries'")
    assert r.population_change_share == pytest.approx(changed, rel=1e-9) and changed >= paths.COVERAGE_BREAK
    assert bool(r.coverage_break) is True
    # the headline fell 2.22 -> 0.90; on the 34 countries of both years it rose 0.845 -> 0.902
    assert (round(r.like_for_like_prev, 3), round(r.like_for_like_value, 3), r.countries_both) == (0.845, 0.902, 34)


def test_no_break_where_the_reporting_set_barely_changes(con):
    r = row(con, "SELECT * FROM region_values WHERE scheme = 'un_region' AND region = 'Europe' AND year = 2019 "
                 "AND indicator_id = 'homicide_rate_per_100k' AND sex = 'Total' AND estimate_kind = "
                 "'reporting_countries'")
    assert bool(r.coverage_break) is False and r.population_change_share < paths.COVERAGE_BREAK


def test_composite_score_change_is_on_the_components_of_both_editions(con):
    """OC Index criminal-markets average: 10 markets in 2021, 15 in 2023; compared on the 10 of both."""
    markets = ["human_trafficking", "human_smuggling", "arms_trafficking", "flora_crimes", "fauna_crimes",
               "non_renewable_resource_crimes", "heroin_trade", "cocaine_trade", "cannabis_trade",
               "synthetic_drug_trade"]
    v = con.execute("SELECT indicator_id, iso3, year, value FROM indicator_values WHERE list_contains(?, "
                    "indicator_id) AND preferred", [[f"ocindex_{m}" for m in markets]]).df()
    per_country = v.groupby(["year", "iso3"])["value"].mean()
    r = row(con, "SELECT * FROM region_values WHERE scheme = 'world' AND indicator_id = 'ocindex_criminal_markets' "
                 "AND year = 2023 AND estimate_kind = 'reporting_countries'")
    assert r.components_both == 10 and r.countries_both == 193
    assert r.like_for_like_value == pytest.approx(per_country[2023].mean(), abs=1e-9)
    assert r.like_for_like_prev == pytest.approx(per_country[2021].mean(), abs=1e-9)
    assert round(r.value - r.like_for_like_prev, 2) == 0.22          # the 15-market average against 10 markets
    assert round(r.like_for_like_value - r.like_for_like_prev, 2) == 0.25


def test_publisher_estimate_rows_carry_the_change_of_the_estimate(con):
    r = row(con, WORLD_HOMICIDE, ["publisher_estimate", 2022])
    assert (r.prev_year, r.like_for_like_value, r.like_for_like_prev) == (2021, r.value, 5.511355)
    assert bool(r.adequate) and not bool(r.coverage_break) and pd.isna(r.countries_both)
    assert r.source_id == "unodc_homicide_rate_owid"


# -- publisher estimates ------------------------------------------------------------------------------------

def _owid(entity: str) -> dict[int, float]:
    with open(RAW / "homicide-rate-unodc.csv", newline="", encoding="utf-8") as fh:
        return {int(r["Year"]): float(r["Homicide rate per 100,000 population"])
                for r in csv.DictReader(fh) if r["Entity"] == entity}


@pytest.mark.parametrize("entity, scheme, region", [("World", "world", "World"),
                                                    ("Africa (UN)", "un_region", "Africa"),
                                                    ("Eastern Asia (UN)", "un_subregion", "Eastern Asia")])
def test_publisher_estimates_are_the_values_of_owids_file(con, entity, scheme, region):
    published = _owid(entity)
    ours = dict(con.execute("SELECT year, value FROM region_values WHERE scheme = ? AND region = ? AND "
                            "indicator_id = 'homicide_rate_per_100k' AND estimate_kind = 'publisher_estimate'",
                            [scheme, region]).fetchall())
    assert ours == published and len(ours) == 24 and ours[2022] == published[2022]


def test_both_kinds_coexist_and_differ(con):
    kinds = dict(con.execute("SELECT estimate_kind, value FROM region_values WHERE scheme = 'world' AND year = 2021 "
                             "AND indicator_id = 'homicide_rate_per_100k' AND sex = 'Total'").fetchall())
    assert kinds["publisher_estimate"] == 5.511355 and round(kinds["reporting_countries"], 2) == 6.44


# -- weights and coverage -----------------------------------------------------------------------------------

def test_sex_and_age_rates_are_weighted_by_the_groups_own_population(con):
    rate = country_rows(con, "gsh_homicide_rate", "Male", "60 or more").query("year == 2015")
    count = country_rows(con, "gsh_homicide_count", "Male", "60 or more").query("year == 2015")
    both = rate.merge(count, on=["iso3", "year"], suffixes=("_rate", "_count"))
    both = both[(both.value_rate > 0) & (both.value_count > 0)]
    group_pop = both.value_count / both.value_rate * 100_000
    expected = (both.value_rate * group_pop).sum() / group_pop.sum()
    r = row(con, "SELECT * FROM region_values WHERE scheme = 'world' AND indicator_id = 'gsh_homicide_rate' AND "
                 "year = 2015 AND sex = 'Male' AND age = '60 or more' AND estimate_kind = 'reporting_countries'")
    assert r.value == pytest.approx(expected, rel=1e-9) and round(r.value, 2) == 5.98   # 8.70 by total population
    assert r.countries_reporting == len(both) == 49
    assert r.countries_not_weighted == len(rate) - len(both) == 6         # zero rates: no group population


def test_breakdown_weights_are_declared(con):
    weights = dict(con.execute("SELECT indicator_id, breakdown_weight FROM indicators WHERE has_breakdown").fetchall())
    assert weights["gsh_homicide_rate"] == weights["gsh_homicide_firearms_rate"] == "group_population"
    assert weights["gsh_homicide_count"] == "not_needed"
    assert None not in weights.values()


def test_coverage_is_unknown_not_full_when_no_reporting_country_has_a_population(con):
    """Western Africa's homicide counts 1994-2000 come from St Helena alone, which has no population figure."""
    df = con.execute("SELECT year, countries_reporting, population_covered_share, adequate FROM region_values "
                     "WHERE region = 'Western Africa' AND indicator_id = 'gsh_homicide_count' AND sex = 'Total' "
                     "AND age = 'Total' AND year BETWEEN 1994 AND 2000").df()
    assert len(df) == 7 and (df.countries_reporting == 1).all()
    assert df.population_covered_share.isna().all() and not df.adequate.any()
    assert con.execute("SELECT count(*) FROM region_values WHERE population_covered_share > 1.000001").fetchone()[0] == 0


def test_countries_without_a_weight_are_counted_apart(con):
    """The Holy See reports homicide but has no population figure: it is not in a weighted mean, nor in both."""
    assert con.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = 'homicide_rate_per_100k' "
                       "AND iso3 = 'VAT' AND year = 2022").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = 'population_total' "
                       "AND iso3 = 'VAT'").fetchone()[0] == 0
    r = row(con, WORLD_HOMICIDE, ["reporting_countries", 2022])
    assert (r.countries_reporting, r.countries_not_weighted) == (105, 1)


def test_adequate_is_the_one_coverage_rule(con):
    bad = con.execute("SELECT count(*) FROM region_values WHERE estimate_kind = 'reporting_countries' AND "
                      "adequate <> coalesce(population_covered_share >= ?, false)",
                      [paths.ADEQUATE_COVERAGE]).fetchone()[0]
    assert bad == 0
    assert dict(con.execute("SELECT name, value FROM etl_settings").fetchall())["adequate_coverage"] == 0.5


# -- caveats ------------------------------------------------------------------------------------------------

def test_outliers_are_caveated_and_kept(con):
    mmr = row(con, "SELECT * FROM caveats WHERE kind = 'outlier' AND iso3 = 'MMR' AND indicator_id = "
                   "'homicide_rate_per_100k' AND year_from = 2021")
    assert mmr.rule == "neighbours" and mmr.detected and round(mmr.value, 1) == 28.7
    assert (round(mmr.low, 2), round(mmr.high, 2)) == (2.96, 3.90)
    assert con.execute("SELECT round(value, 1) FROM indicator_values WHERE indicator_id = 'homicide_rate_per_100k' "
                       "AND iso3 = 'MMR' AND year = 2021").fetchone()[0] == 28.7        # not removed

    tha = row(con, "SELECT * FROM caveats WHERE kind = 'outlier' AND iso3 = 'THA' AND year_from = 2013")
    record = row(con, "SELECT * FROM drug_seizure_records WHERE iso3 = 'THA' AND year = 2013 "
                      "ORDER BY quantity_kg DESC LIMIT 1")
    world_kg = con.execute("SELECT sum(quantity_kg) FROM drug_seizure_records WHERE year = 2013").fetchone()[0]
    assert record.quantity_kg == tha.value == 4_500_000
    assert tha.rule == "dominant_record" and tha.indicator_id == "ids_seizure_quantity_kg"
    assert tha.share == pytest.approx(record.quantity_kg / world_kg) and round(tha.share, 2) == 0.85
    assert f"line {record.line}" in tha.citation


def test_seeded_caveats_say_what_the_sources_say(con):
    c = con.execute("SELECT * FROM caveats WHERE NOT detected").df().set_index("caveat_id")
    assert (c.citation.str.len() > 20).all() and (c.listed_in == "caveats").all()
    half = c.loc["gtd_deaths_2021_half_year"]
    assert (half.kind, half.year_from, half.year_to) == ("last_year", 2021, 2021)
    assert "January to June" in half.text and "globalterrorismdb_2021Jan-June_1222dist.xlsx" in half.citation
    assert (c.loc["gtd_deaths_1993_missing"].kind, c.loc["gtd_deaths_2012_collection"].kind) == ("missing_year",
                                                                                                   "break")
    assert c.loc["ocindex_markets_2023_added"].kind == "definition_change"
    assert {"not_totals", "duplicates"} <= set(c[c.source_id == "unodc_ids_drug_seizures_2011_2016"].kind)
    assert c.loc["cts_corruption_recorded"].kind == "enforcement_measure"
    assert c.loc["unodc_homicide_estimates_impute"].estimate_kind == "publisher_estimate"


# -- direction, technical series, totals, goals ---------------------------------------------------------------

def test_direction(con):
    d = {r[0]: r[1:] for r in con.execute("SELECT indicator_id, direction, higher_is_worse, series_kind "
                                           "FROM indicators").fetchall()}
    assert d["trafficking_victims_detected"] == ("neither", None, "indicator")
    assert d["homicide_rate_per_100k"] == ("worse", True, "indicator")
    assert d["cpi_score"] == ("better", False, "indicator")
    for technical in ("cpi_rank", "cpi_sources", "cpi_standard_error"):
        assert d[technical] == ("neither", None, "technical")
    for enforcement in ("ids_seizure_quantity_kg", "offences_corruption_count", "offences_money_laundering_rate",
                        "offences_unlawful_access_to_a_computer_system_count"):
        assert d[enforcement][0] == "neither", enforcement


def test_index_means_say_they_are_unweighted(con):
    kinds = dict(con.execute("SELECT indicator_id, mean_kind FROM indicators").fetchall())
    assert kinds["cpi_score"] == kinds["ocindex_cyber_dependent_crimes"] == "unweighted"
    assert kinds["homicide_rate_per_100k"] == "population_weighted" and kinds["terrorism_deaths"] is None


def test_a_total_is_used_only_where_the_source_gives_one(con):
    """Victims of sexual exploitation: 8 countries give a total, 43 report by sex and age; the world's Total
    is the sum of the given totals, never of the breakdown."""
    n_total, n_data = con.execute("SELECT countries_with_total, countries_with_data FROM indicators WHERE "
                                  "indicator_id = 'victims_of_sexual_exploitation_count'").fetchone()
    assert (n_total, n_data) == (8, 43)
    totals = country_rows(con, "victims_of_sexual_exploitation_count").query("year == 2016")
    r = row(con, "SELECT * FROM region_values WHERE scheme = 'world' AND indicator_id = "
                 "'victims_of_sexual_exploitation_count' AND year = 2016 AND sex = 'Total' AND age = 'Total' "
                 "AND estimate_kind = 'reporting_countries'")
    assert r.value == totals.value.sum() and r.countries_reporting == len(totals)


def test_one_mapping_of_crime_areas_to_goals_for_indicators_and_operations(con):
    goal = dict(con.execute("SELECT crime_area, goal_id FROM crime_areas").fetchall())
    assert (goal["migrant smuggling"], goal["human trafficking"]) == ("GPG2", "GPG3")
    ind = dict(con.execute("SELECT indicator_id, goal_id FROM indicators").fetchall())
    assert ind["offences_smuggling_of_migrants_count"] == ind["ocindex_human_smuggling"] == "GPG2"
    assert ind["trafficking_victims_detected"] == "GPG3"
    ops = con.execute("SELECT * FROM operations").df().set_index("operation_id")
    assert tuple(ops.loc["turquesa-v-2023", ["goal_id", "second_goal_id", "related_goal"]]) == ("GPG2", "GPG3",
                                                                                                  "GPG3")
    assert tuple(ops.loc["sawiyan-2018", ["goal_id", "second_goal_id"]]) == ("GPG3", "GPG2")
    assert ops.loc["epervier-2017", "goal_id"] == "GPG3" and pd.isna(ops.loc["epervier-2017", "second_goal_id"])
    # every mapped area gives the same goal to indicators and operations
    for area, g in goal.items():
        assert set(ops[ops.primary_area == area].goal_id) <= {g}
        assert set(con.execute("SELECT goal_id FROM indicators WHERE crime_area = ?", [area]).df().goal_id) <= {g}
