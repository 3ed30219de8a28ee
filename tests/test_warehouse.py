"""Data tests over the warehouse built from the bundled real data: the contract and real values."""
from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from etl import docs, warehouse
from tests.etl_helpers import RAW


def one(con, sql, params=None):
    rows = con.execute(sql, params or []).fetchall()
    assert len(rows) == 1, rows
    return rows[0] if len(rows[0]) > 1 else rows[0][0]


def test_every_declared_data_test_passes(con):
    assert warehouse.run_data_tests(con, "main") == []


def test_tables_and_columns_match_the_contract(con):
    for table, spec in warehouse.schema().items():
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        assert cols == list(spec["columns"]), table
        assert spec["description"] and all(c["description"] for c in spec["columns"].values())


def test_data_dictionary_doc_is_up_to_date():
    assert docs.DOC.read_text(encoding="utf-8") == docs.render(), "run `python -m etl.docs`"


def test_every_raw_file_has_a_complete_sidecar():
    for path in RAW.iterdir():
        if path.name.endswith(".source.toml"):
            continue
        meta = tomllib.loads((RAW / (path.name + ".source.toml")).read_text(encoding="utf-8"))
        assert all(str(meta.get(k, "")).strip() for k in ("title", "publisher", "url", "license", "retrieved",
                                                           "format")), path.name


@pytest.mark.parametrize("operation,metric,value,qualifier", [
    ("epervier-2017", "victims_rescued", 500, "approx"),
    ("epervier-2017", "minors_rescued", 236, "exact"),
    ("epervier-2017", "arrests", 40, "exact"),
    ("sawiyan-2018", "victims_rescued", 94, "exact"),
    ("sawiyan-2018", "minors_rescued", 85, "exact"),
    ("libertad-2018", "arrests", 22, "exact"),
])
def test_operation_results_real_values(con, operation, metric, value, qualifier):
    assert one(con, "SELECT value, qualifier FROM operation_results WHERE operation_id = ? AND metric = ?",
               [operation, metric]) == (value, qualifier)


@pytest.mark.parametrize("org,members", [("ASEANAPOL", 10), ("GCC-POL", 6), ("ECO", 10), ("AFRIPOL", 55)])
def test_organization_member_counts(con, org, members):
    assert one(con, "SELECT count(*) FROM org_membership m JOIN organizations o USING (org_id) "
                    "WHERE o.name = ? AND m.membership_type = 'member'", [org]) == members
    assert one(con, "SELECT count(*) FROM region_members WHERE scheme = 'organization' AND region = ?",
               [org]) == members


def test_seven_goals_and_every_indicator_mapped(con):
    assert one(con, "SELECT count(*) FROM goals") == 7
    assert one(con, "SELECT count(*) FROM indicators WHERE goal_id IS NULL AND indicator_id <> 'population_total'") == 0
    assert one(con, "SELECT goal_id FROM indicators WHERE indicator_id = 'terrorism_deaths'") == "GPG1"


def test_population_weighted_homicide_rate_of_western_europe_by_hand(con):
    """Western Europe 2015: the weighted mean over reporting members equals sum(rate x pop) / sum(pop)."""
    rates = con.execute("""SELECT v.iso3, v.value AS rate, p.value AS pop FROM indicator_values v
        JOIN countries c USING (iso3)
        JOIN indicator_values p ON p.iso3 = v.iso3 AND p.year = v.year AND p.indicator_id = 'population_total'
        WHERE v.indicator_id = 'homicide_rate_per_100k' AND v.year = 2015 AND c.un_subregion = 'Western Europe'
        """).df()
    assert set(rates.iso3) >= {"DEU", "FRA", "NLD", "AUT", "CHE"}
    expected = (rates["rate"] * rates["pop"]).sum() / rates["pop"].sum()
    value, reporting = one(con, """SELECT value, countries_reporting FROM region_values WHERE estimate_kind = 'reporting_countries' AND scheme = 'un_subregion'
        AND region = 'Western Europe' AND indicator_id = 'homicide_rate_per_100k' AND year = 2015
        AND sex = 'Total' AND age = 'Total'""")
    assert reporting == len(rates)
    assert value == pytest.approx(expected, rel=1e-12)
    assert 0.5 < value < 1.5        # Western Europe's homicide rate is about 1 per 100,000


def test_counts_are_summed_and_scores_averaged(con):
    world = one(con, """SELECT value FROM region_values WHERE estimate_kind = 'reporting_countries' AND scheme='world' AND indicator_id='terrorism_deaths'
                        AND year = 2015 AND sex='Total' AND age='Total'""")
    assert world == one(con, "SELECT sum(value) FROM indicator_values WHERE indicator_id='terrorism_deaths' "
                             "AND year = 2015")
    score = one(con, """SELECT value FROM region_values WHERE estimate_kind = 'reporting_countries' AND scheme='organization' AND region='GCC-POL'
                        AND indicator_id='cpi_score' AND year = 2022""")
    members = con.execute("""SELECT v.value FROM indicator_values v JOIN region_members m USING (iso3)
        WHERE m.scheme='organization' AND m.region='GCC-POL' AND v.indicator_id='cpi_score' AND v.year=2022""").df()
    assert len(members) == 6 and score == pytest.approx(members.value.mean())


def test_coverage_columns(con):
    df = con.execute("""SELECT * FROM region_values WHERE estimate_kind = 'reporting_countries' AND scheme='un_region' AND region='Africa'
        AND indicator_id='homicide_rate_per_100k' AND year=2020""").df()
    row = df.iloc[0]
    assert row.countries_total == one(con, "SELECT count(*) FROM region_members WHERE scheme='un_region' "
                                           "AND region='Africa'")
    assert 0 < row.countries_reporting < row.countries_total
    assert 0 < row.population_covered_share < 0.5          # thin: most of Africa does not report for 2020


def test_two_homicide_sources_stay_distinct_and_one_is_preferred(con):
    rows = con.execute("SELECT indicator_id, source_id, preferred FROM indicators WHERE concept = 'homicide_rate' "
                       "ORDER BY indicator_id").fetchall()
    assert rows == [("gsh_homicide_rate", "unodc_homicide_gsh2019_countries", False),
                    ("homicide_rate_per_100k", "unodc_homicide_rate_owid", True)]


def test_gsh_breakdown_by_sex_and_age(con):
    assert one(con, "SELECT has_breakdown FROM indicators WHERE indicator_id = 'gsh_homicide_rate'") is True
    ages = {r[0] for r in con.execute("SELECT DISTINCT age FROM indicator_values "
                                      "WHERE indicator_id = 'gsh_homicide_rate'").fetchall()}
    assert ages == {"Total", "0-14", "15-29", "30-44", "45-59", "60 or more"}


def test_subnational_rows_of_the_dataunodc_export_are_rejected_not_lost(con):
    rows = dict(con.execute("SELECT source_id, rows_rejected FROM sources").fetchall())
    assert rows["unodc_cts_corruption_economic_crime"] == 634
    reasons = {r[0] for r in con.execute("SELECT DISTINCT reason FROM rejects "
                                         "WHERE source_id = 'unodc_cts_corruption_economic_crime'").fetchall()}
    assert reasons == {f"subnational unit '{c}' (not a country)" for c in ("GBR_E_W", "GBR_NI", "GBR_S", "IRQ_C")}


def test_every_raw_row_is_loaded_routed_or_rejected(con):
    for sid, read, loaded, rejected, routed in con.execute(
            "SELECT source_id, rows_read, rows_loaded, rows_rejected, rows_routed FROM sources").fetchall():
        assert read == loaded + rejected and routed <= loaded, sid
    assert one(con, "SELECT count(*) FROM sources") == len([p for p in RAW.iterdir()
                                                           if not p.name.endswith(".source.toml")])


def test_publisher_estimates_sit_beside_the_reporting_countries_aggregate(con):
    """UNODC's world estimate (it imputes non-reporting countries) and the warehouse's aggregate of reporting
    countries are kept apart: 5.51 against the reporting-countries mean, for 2021."""
    unodc = one(con, "SELECT value FROM publisher_estimates WHERE indicator_id = 'homicide_rate_per_100k' "
                     "AND scheme = 'world' AND year = 2021")
    ours = one(con, "SELECT value FROM region_values WHERE estimate_kind = 'reporting_countries' AND indicator_id = 'homicide_rate_per_100k' "
                    "AND scheme = 'world' AND year = 2021 AND sex = 'Total' AND age = 'Total'")
    assert unodc == 5.511355 and ours != unodc


def test_countries_have_un_regions_from_country_converter(con):
    assert one(con, "SELECT un_region, un_subregion FROM countries WHERE iso3 = 'NER'") == ("Africa", "Western Africa")
    assert one(con, "SELECT count(*) FROM countries WHERE un_region IS NULL") == 0


def test_age_artefact_recoded(con):
    ages = pd.DataFrame(con.execute("SELECT DISTINCT age FROM indicator_values WHERE source_id = "
                                    "'unodc_cts_violent_sexual_crime'").fetchall())[0].tolist()
    assert "10-17" in ages and "Oct-17" not in ages
