"""The publishers' own files, as bundled in data/raw: exact values read from the files, every row accounted for
(loaded, routed or rejected with its reason), publisher aggregates routed to their regions, licences."""
from __future__ import annotations

import pytest

from tests.etl_helpers import one, q, real_build


@pytest.fixture(scope="module")
def real():
    return real_build()[0]


@pytest.mark.parametrize("iso3,year,indicator,value", [
    ("DNK", 2012, "cpi_score", 90.0),     # TI's 2012 and 2013 headers are spelled `CPI Score`
    ("DNK", 2013, "cpi_score", 91.0),
    ("DNK", 2013, "cpi_sources", 7.0),
    ("DNK", 2022, "cpi_score", 90.0),
    ("FIN", 2022, "cpi_standard_error", 1.193896),
])
def test_ti_cpi_wide_table_every_year_block(real, iso3, year, indicator, value):
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = ? AND iso3 = ? AND year = ?",
               [indicator, iso3, year]) == value


def test_ti_cpi_2012_and_2013_scores_are_all_in(real):
    # the hand-made tidy copy lost these 351 scores
    assert one(real, "SELECT count(*) FROM indicator_values WHERE indicator_id = 'cpi_score' "
                     "AND year IN (2012, 2013)") == 351
    assert one(real, "SELECT data_lines, rows_read, rows_rejected, counted_as FROM sources "
                     "WHERE source_id = 'ti_cpi_2012_2022'") == (181, 6927, 0, "value cell")


def test_owid_homicide_kosovo_is_owid_kos(real):
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'homicide_rate_per_100k' "
                     "AND iso3 = 'XKX' AND year = 2012") == 4.981921


def test_owid_homicide_unodc_estimates_are_routed_to_their_regions(real):
    est = dict(((s, r), v) for s, r, v in q(real, """SELECT scheme, region, value FROM publisher_estimates
        WHERE indicator_id = 'homicide_rate_per_100k' AND year = 2021"""))
    assert est[("world", "World")] == 5.511355                   # World,OWID_WRL,2021,5.511355
    assert est[("un_region", "Africa")] == 11.17628             # Africa (UN),UN_AFR,2021,11.17628
    assert est[("un_subregion", "South-eastern Asia")] > 0      # "South-Eastern Asia (UN)", no code
    assert len(est) == 21          # world, 5 UN regions, 15 subregions (two UNODC subregions do not map)
    # a routed aggregate counts as loaded and as routed; it never becomes a country value
    assert one(real, "SELECT rows_routed FROM sources WHERE source_id = 'unodc_homicide_rate_owid'") == 504
    assert one(real, "SELECT count(*) FROM indicator_values WHERE iso3 LIKE 'OWID%' OR iso3 LIKE 'UN_%'") == 0


def test_owid_homicide_unmapped_aggregates_and_subnational_units_are_rejected(real):
    reasons = dict(q(real, "SELECT reason, count(*) FROM rejects WHERE source_id = 'unodc_homicide_rate_owid' "
                           "GROUP BY ALL"))
    assert reasons["subnational unit 'England and Wales' (not a country)"] == 31
    assert reasons["subnational unit 'Iraq (Kurdistan Region)' (not a country)"] == 6
    assert sum(n for r, n in reasons.items() if r.startswith("aggregate not mapped: 'Sub-Saharan Africa (UN)'")) == 24
    assert sum(n for r, n in reasons.items() if r.startswith("aggregate not mapped")) == 52   # + LAC 24, Channel Is. 4


def test_gtd_west_bank_and_gaza_strip_is_palestine(real):
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'terrorism_deaths' "
                     "AND iso3 = 'PSE' AND year = 2002") == 180.0


@pytest.mark.parametrize("iso3,year,value,why", [
    ("COD", 1997, 21.0, "Zaire 13 + Democratic Republic of Congo 8"),
    ("ZWE", 1980, 37.0, "Rhodesia 24 + Zimbabwe 13"),
    ("COG", 1982, 15.0, "People's Republic of the Congo 15 + Republic of the Congo 0"),
    ("MKD", 2001, 35.0, "Macedonia"),
])
def test_gtd_renamed_states_are_summed_under_todays_code(real, iso3, year, value, why):
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'terrorism_deaths' AND iso3 = ? "
                     "AND year = ?", [iso3, year]) == value, why


def test_gtd_world_total_routed_and_former_states_rejected(real):
    assert one(real, "SELECT value FROM publisher_estimates WHERE indicator_id = 'terrorism_deaths' "
                     "AND scheme = 'world' AND year = 2014") > 40_000
    reasons = {r for (r,) in q(real, "SELECT DISTINCT reason FROM rejects WHERE source_id = 'terrorism_gtd_owid'")}
    assert {"historical country 'USSR' (SUN, no longer exists)", "historical country 'West Germany' (no longer exists)",
            "historical country 'Yemen Arab Republic' (no longer exists)"} <= reasons
    assert "not a country: 'International' (GTD: attacks in international waters or airspace)" in reasons


def test_gsh_2019_male_15_29_count(real):
    # "Brazil","Americas","South America","Male 15-29 Count",... 2015: 29344
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'gsh_homicide_count' AND iso3 = 'BRA' "
                     "AND year = 2015 AND sex = 'Male' AND age = '15-29'") == 29344.0


def test_gsh_2019_taiwan_and_kosovo_by_unodc_names(real):
    got = dict(q(real, "SELECT iso3, count(*) FROM indicator_values WHERE source_id = "
                       "'unodc_homicide_gsh2019_countries' AND iso3 IN ('TWN', 'XKX') GROUP BY ALL"))
    assert set(got) == {"TWN", "XKX"}
    assert one(real, "SELECT count(*) FROM rejects WHERE source_id = 'unodc_homicide_gsh2019_countries' "
                     "AND reason LIKE '%Congo%'") == 0      # UNODC's `Congo` is the Republic of the Congo


def test_gsh_2019_every_cell_accounted_for(real):
    lines, read, loaded, rejected, empty = one(real, """SELECT data_lines, rows_read, rows_loaded, rows_rejected,
        empty_cells FROM sources WHERE source_id = 'unodc_homicide_gsh2019_countries'""")
    assert lines == 12_000 and lines * 28 == read + empty          # 28 year columns, 1990-2017
    assert read == loaded + rejected and rejected == 1934


def test_trafficking_thousands_separators(real):
    # Africa,Sub-Saharan Africa,Burkina Faso,644,921,"1,253",... (2003, 2004, 2005)
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'trafficking_victims_detected' "
                     "AND iso3 = 'BFA' AND year = 2005") == 1253.0


def test_ids_country_year_after_deduplication(real):
    # Colombia 2015: 39,745 records, 14,595 once duplicates (same date, drug, amount, unit) are removed
    got = dict(q(real, "SELECT indicator_id, value FROM indicator_values WHERE iso3 = 'COL' AND year = 2015 "
                       "AND source_id = 'unodc_ids_drug_seizures_2011_2016'"))
    assert got == {"ids_seizure_records": 14595.0, "ids_seizure_quantity_kg": 385158.71732}
    assert one(real, "SELECT count(*) FROM drug_seizure_records WHERE iso3 = 'COL' AND year = 2015") == 14595
    assert one(real, "SELECT sum(records) FROM drug_seizures WHERE iso3 = 'COL' AND year = 2015") == 14595


def test_ids_every_record_accounted_for(real):
    read, loaded, rejected = one(real, "SELECT rows_read, rows_loaded, rows_rejected FROM sources "
                                       "WHERE source_id = 'unodc_ids_drug_seizures_2011_2016'")
    assert read == 311_038 and read == loaded + rejected
    dup = one(real, "SELECT count(*) FROM rejects WHERE source_id = 'unodc_ids_drug_seizures_2011_2016' "
                    "AND reason LIKE 'duplicate%'")
    assert 0.40 < dup / read < 0.42                              # "about 41 %"
    assert loaded == one(real, "SELECT count(*) FROM drug_seizure_records")


def test_population_long_csv_with_a_column_map(real):
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'population_total' AND iso3 = 'KEN' "
                     "AND year = 2020") == 52217334.0                  # Kenya,KEN,2020,52217334
    assert one(real, "SELECT rows_routed FROM sources WHERE source_id = 'population_worldbank'") == 65   # WLD
    assert one(real, "SELECT count(*) FROM rejects WHERE source_id = 'population_worldbank' "
                     "AND reason LIKE 'aggregate not mapped: ''High income''%'") == 65


def test_gitoc_two_sheets_two_years(real):
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'ocindex_criminality' "
                     "AND iso3 = 'AFG' AND year = 2023") == 7.1        # header `Criminality avg,`
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'ocindex_criminality' "
                     "AND iso3 = 'TUR' AND year = 2021") == 6.89       # header `Criminality`
    assert one(real, "SELECT count(*) FROM indicator_sources WHERE indicator_id = 'ocindex_criminality' "
                     "AND preferred") == 2


def test_dataunodc_csv_export(real):
    assert one(real, "SELECT value FROM indicator_values WHERE indicator_id = 'offences_corruption_count' "
                     "AND iso3 = 'ARM' AND year = 2013") == 782.0


def test_every_source_accounts_for_every_row(real):
    for sid, read, loaded, rejected, routed, lines in q(real, """SELECT source_id, rows_read, rows_loaded,
            rows_rejected, rows_routed, data_lines FROM sources"""):
        assert read == loaded + rejected, sid
        assert routed <= loaded and lines >= 0, sid
        assert rejected == one(real, "SELECT count(*) FROM rejects WHERE source_id = ?", [sid]), sid


def test_licences_are_stated(real):
    red = dict(q(real, "SELECT source_id, redistribution FROM sources"))
    assert red["terrorism_gtd_owid"] == red["terrorism_gtd_owid_attacks"] == "restricted"
    assert red["ti_cpi_2012_2022"] == "allowed" and red["gitoc_ocindex_2023"] == "unknown"
    assert "CC BY-ND" in one(real, "SELECT license FROM sources WHERE source_id = 'ti_cpi_2012_2022'")
    assert all(one(real, "SELECT redistribution_note FROM sources WHERE source_id = ?", [s]) for s in red)
