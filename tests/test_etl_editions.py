"""Editions side by side: two sources of one indicator both load, kept apart by source_id; one is preferred
(`preferred = true` in a sidecar, else the most recent `retrieved`); region values and the dashboard's default
reads use the preferred one; nothing is fatal."""
from __future__ import annotations

import shutil

import duckdb

from etl import pipeline
from tests.etl_helpers import FIXTURES, RAW, REPO, add_file, data_dir, one, q

WDI = "wdi_population_2018_excerpt.csv"
OWID_HEAD = 'Entity,Code,Year,"Homicide rate per 100,000 population",World region according to OWID\n'
OWID_SIDE = {"format": "owid", "indicator_ids": {"Homicide rate per 100,000 population": "homicide_rate_per_100k"},
             "units": {"Homicide rate per 100,000 population": "victims per 100,000 population"}}


def _with_wdi(tmp_path):
    """The reference files and population.csv (datahub, retrieved 2026-03-06), plus the WDI 2018 bulk CSV."""
    dd = data_dir(tmp_path)
    for name in (WDI, WDI + ".source.toml"):
        shutil.copy(FIXTURES / "originals" / name, dd / "raw" / name)
    return dd


def test_worldbank_bulk_csv_layout_reads_the_real_file(tmp_path):
    dd = _with_wdi(tmp_path)
    pipeline.run(dd)
    assert one(dd, "SELECT value FROM indicator_values WHERE source_id = 'wdi_population_2018' AND iso3 = 'AFG' "
                   "AND year = 2016") == 34656032.0                     # "Afghanistan","AFG",... 2016
    assert one(dd, "SELECT value FROM indicator_values WHERE source_id = 'wdi_population_2018' AND iso3 = 'XKX' "
                   "AND year = 1960") == 947000.0
    assert one(dd, "SELECT value FROM publisher_estimates WHERE source_id = 'wdi_population_2018' "
                   "AND scheme = 'world' AND year = 2016") == 7442135578.0     # "World","WLD" is routed
    read, loaded, rejected, routed, lines, empty = one(dd, """SELECT rows_read, rows_loaded, rows_rejected,
        rows_routed, data_lines, empty_cells FROM sources WHERE source_id = 'wdi_population_2018'""")
    assert lines == 5 and read + empty == 5 * 58                 # 58 year columns; the empty last column dropped
    assert (read, routed, rejected) == (5 * 57, 57, 57)         # 2017 empty; Arab World rejected
    assert read == loaded + rejected
    assert {r for (r,) in q(dd, "SELECT DISTINCT reason FROM rejects WHERE source_id = 'wdi_population_2018'")} == \
        {"aggregate not mapped: 'Arab World' (World Bank aggregate: Arab World)"}


def test_newer_edition_beside_the_old_one_both_load_and_the_newer_is_preferred(tmp_path):
    dd = _with_wdi(tmp_path)
    result = pipeline.run(dd)
    assert result.status == "success"
    # both editions of population_total are in indicator_values, apart by source_id
    rows = dict(q(dd, "SELECT source_id, value FROM indicator_values WHERE indicator_id = 'population_total' "
                      "AND iso3 = 'AFG' AND year = 2016"))
    assert rows["wdi_population_2018"] == 34656032.0 and rows["population_worldbank"] != rows["wdi_population_2018"]
    pref = dict(q(dd, "SELECT source_id, preferred FROM indicator_sources WHERE indicator_id = 'population_total'"))
    assert pref == {"population_worldbank": True, "wdi_population_2018": False}      # 2026-03-06 > 2018-01-25
    assert one(dd, "SELECT source_id FROM indicators WHERE indicator_id = 'population_total'") == \
        "population_worldbank"
    assert dict(q(dd, "SELECT source_id, preferred FROM sources WHERE source_id IN "
                      "('population_worldbank', 'wdi_population_2018')")) == \
        {"population_worldbank": True, "wdi_population_2018": False}
    # one preferred row per country-year: the region values use it alone
    assert one(dd, "SELECT count(*) FROM (SELECT 1 FROM indicator_values WHERE preferred GROUP BY indicator_id, "
                   "iso3, year, sex, age HAVING count(*) > 1)") == 0
    world = one(dd, "SELECT value FROM region_values WHERE estimate_kind = 'reporting_countries' AND scheme = 'world' AND indicator_id = 'population_total' "
                    "AND year = 2016 AND sex = 'Total' AND age = 'Total'")
    assert world == one(dd, "SELECT sum(value) FROM indicator_values WHERE indicator_id = 'population_total' "
                            "AND year = 2016 AND preferred")


def test_sidecar_preferred_wins_over_recency(tmp_path):
    dd = _with_wdi(tmp_path)
    side = dd / "raw" / (WDI + ".source.toml")
    side.write_text(side.read_text(encoding="utf-8").replace('retrieved = "2018-01-25"\n',
                                                             'retrieved = "2018-01-25"\npreferred = true\n'))
    pipeline.run(dd)
    assert dict(q(dd, "SELECT source_id, preferred FROM indicator_sources WHERE indicator_id = 'population_total'")) \
        == {"population_worldbank": False, "wdi_population_2018": True}


def test_two_homicide_editions_and_the_dashboard_reads_the_preferred_one(tmp_path):
    """A newer OWID homicide file (another source_id, same indicator) beside the bundled one: no fatal error;
    the dashboard's country and map questions return one value per country-year, the preferred one."""
    dd = data_dir(tmp_path)
    shutil.copy(RAW / "homicide-rate-unodc.csv", dd / "raw")
    shutil.copy(RAW / "homicide-rate-unodc.csv.source.toml", dd / "raw")
    side = (dd / "raw" / "homicide-rate-unodc.csv.source.toml")
    side.write_text(side.read_text(encoding="utf-8").replace("preferred = true\n", ""), encoding="utf-8")
    add_file(dd, "homicide-rate-unodc-2027.csv", OWID_HEAD + "France,FRA,2019,1.2,Europe\nFrance,FRA,2025,1.0,Europe\n",
             source_id="unodc_homicide_rate_owid_2027", retrieved="2027-01-15", **OWID_SIDE)
    assert pipeline.run(dd).status == "success"
    both = dict(q(dd, "SELECT source_id, value FROM indicator_values WHERE indicator_id = 'homicide_rate_per_100k' "
                      "AND iso3 = 'FRA' AND year = 2019"))
    assert both["unodc_homicide_rate_owid_2027"] == 1.2 and len(both) == 2
    con = duckdb.connect(str(dd / "warehouse.duckdb"), read_only=True)
    try:
        for name, params in (("map_values", ["homicide_rate_per_100k", 2019, "Total", "Total"]),
                             ("country_series", ["homicide_rate_per_100k", ["FRA"], 2000, 2030, "Total", "Total"])):
            sql = (REPO / "dashboard" / "sql" / f"{name}.sql").read_text(encoding="utf-8")
            rows = con.execute(sql, params).fetchall()
            fra = [r for r in rows if r[0] == "FRA"]
            assert len({r[3] if name == "country_series" else r[4] for r in fra}) == len(fra)   # one per year
        years = [r[0] for r in con.execute((REPO / "dashboard" / "sql" / "indicator_years.sql").read_text(),
                                           ["homicide_rate_per_100k"]).fetchall()]
        assert 2025 in years                 # the preferred (newer) edition's own year
    finally:
        con.close()
