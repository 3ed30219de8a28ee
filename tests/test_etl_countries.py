"""Names and codes: the publishers' own forms (etl/country_forms.csv) with country_converter beneath.

One test per publisher spelling, sub-national unit, former state and renamed state; each also checked
against the bundled files where they occur (the value loaded, or the reject and its reason).
"""
from __future__ import annotations

import csv

import pytest

from etl import countries
from etl.paths import COUNTRY_FORMS_FILE
from tests.etl_helpers import q, real_build


@pytest.fixture(scope="module")
def real():
    return real_build()[0]


SPELLINGS = [       # (code, name, naming convention, ISO3, the source where it occurs)
    ("", "China, Taiwan Province of China", "un", "TWN", "unodc_homicide_gsh2019_countries"),
    ("", "Kosovo under UNSCR 1244", "un", "XKX", "unodc_homicide_gsh2019_countries"),
    ("OWID_KOS", "Kosovo", "", "XKX", "unodc_homicide_rate_owid"),
    ("", "Türkiye", "", "TUR", None),
    ("", "Turkiye", "", "TUR", None),
    ("", "Côte d'Ivoire", "", "CIV", "unodc_ids_drug_seizures_2011_2016"),
    ("", "Côte d’Ivoire", "", "CIV", None),
    ("", "Cote d'Ivoire", "un", "CIV", "unodc_trafficking_detected_victims"),
    ("", "West Bank and Gaza Strip", "", "PSE", "terrorism_gtd_owid"),
    ("", "Macedonia", "", "MKD", "terrorism_gtd_owid"),
    ("", "The former Yugoslav Republic of Macedonia", "un", "MKD", "unodc_trafficking_detected_victims"),
    ("", "Republic of the Congo", "", "COG", "terrorism_gtd_owid"),
    ("", "People's Republic of the Congo", "", "COG", "terrorism_gtd_owid"),
    ("", "Congo", "un", "COG", "ti_cpi_2012_2022"),
    ("", "Macau, SAR of China", "", "MAC", "unodc_ids_drug_seizures_2011_2016"),
    ("", "Libyan Arab Jamahiriya", "", "LBY", "unodc_ids_drug_seizures_2011_2016"),
    ("", "Swaziland", "", "SWZ", "unodc_trafficking_detected_victims"),
    ("XKX", "Kosovo", "", "XKX", "population_worldbank"),
]
RENAMED = [("", "Zaire", "COD"), ("", "Rhodesia", "ZWE"), ("", "New Hebrides", "VUT"), ("", "Burma", "MMR")]
SUBNATIONAL = [
    ("", "United Kingdom (England and Wales)", "unodc_homicide_gsh2019_countries"),
    ("", "United Kingdom (Scotland)", "unodc_homicide_gsh2019_countries"),
    ("", "Iraq (Kurdistan Region)", "unodc_ids_drug_seizures_2011_2016"),
    ("", "Iraq (Central Iraq)", "unodc_homicide_rate_owid"),
    ("", "England and Wales", "unodc_homicide_rate_owid"),
    ("GBR_E_W", "United Kingdom (England and Wales)", "unodc_cts_corruption_economic_crime"),
    ("IRQ_KRI", "Iraq (Kurdistan Region)", None),
    ("", "Northern Cyprus", None),
    ("", "Somaliland", None),
]
HISTORICAL = [
    ("", "USSR", "SUN", "terrorism_gtd_owid"), ("OWID_USS", "USSR", "SUN", "terrorism_gtd_owid"),
    ("", "Yugoslavia", "YUG", "terrorism_gtd_owid"), ("", "Czechoslovakia", "CSK", "terrorism_gtd_owid"),
    ("", "East Germany", "DDR", "terrorism_gtd_owid"), ("", "West Germany", "", "terrorism_gtd_owid"),
    ("", "Serbia and Montenegro", "SCG", "terrorism_gtd_owid"), ("", "South Yemen", "YMD", "terrorism_gtd_owid"),
    ("", "Yemen Arab Republic", "", "terrorism_gtd_owid"),
]


@pytest.mark.parametrize("code,name,scope,iso3,source", SPELLINGS, ids=[s[1] or s[0] for s in SPELLINGS])
def test_publisher_spelling_resolves(real, code, name, scope, iso3, source):
    assert countries.resolve(code, name, scope) == countries.Place(iso3=iso3)
    if source:
        assert q(real, "SELECT count(*) FROM indicator_values WHERE source_id = ? AND iso3 = ?",
                 [source, iso3])[0][0] > 0
        assert q(real, "SELECT count(*) FROM rejects WHERE source_id = ? AND reason LIKE ?",
                 [source, f"%'{name}'%"])[0][0] == 0


@pytest.mark.parametrize("code,name,iso3", RENAMED, ids=[r[1] for r in RENAMED])
def test_renamed_state_loads_under_todays_code(code, name, iso3):
    assert countries.resolve(code, name).iso3 == iso3


@pytest.mark.parametrize("code,name,source", SUBNATIONAL, ids=[s[1] + (f" {s[0]}" if s[0] else "") for s in SUBNATIONAL])
def test_subnational_unit_is_rejected_never_read_as_its_country(real, code, name, source):
    place = countries.resolve(code, name)
    assert place.iso3 is None and place.reason.startswith("subnational unit '")
    if source:
        assert q(real, "SELECT count(*) FROM rejects WHERE source_id = ? AND reason = ?",
                 [source, place.reason])[0][0] > 0


def test_subnational_units_do_not_push_out_the_uk_total(real):
    """GSH gives the UK total and its parts: the total loads, the parts are rejected (not duplicates of GBR)."""
    assert q(real, "SELECT value FROM indicator_values WHERE source_id = 'unodc_homicide_gsh2019_countries' "
                   "AND indicator_id = 'gsh_homicide_count' AND iso3 = 'GBR' AND year = 2015 AND sex = 'Total' "
                   "AND age = 'Total'")[0][0] > 0
    assert q(real, "SELECT count(*) FROM rejects WHERE source_id = 'unodc_homicide_gsh2019_countries' "
                   "AND reason LIKE 'duplicate%'") == [(0,)]


@pytest.mark.parametrize("code,name,former,source", HISTORICAL, ids=[h[1] + (f" {h[0]}" if h[0] else "") for h in HISTORICAL])
def test_former_state_is_rejected_as_historical(real, code, name, former, source):
    place = countries.resolve(code, name)
    assert place.iso3 is None and place.reason.startswith(f"historical country '{name}'")
    assert (f"({former}, no longer exists)" if former else "(no longer exists)") in place.reason
    assert q(real, "SELECT count(*) FROM rejects WHERE source_id = ? AND reason = ?",
             [source, place.reason])[0][0] > 0


@pytest.mark.parametrize("code,name,scheme,region", [
    ("OWID_WRL", "World", "world", "World"), ("", "World", "world", "World"), ("WLD", "World", "world", "World"),
    ("UN_AFR", "Africa (UN)", "un_region", "Africa"), ("", "Americas (UN)", "un_region", "Americas"),
    ("", "Eastern Asia (UN)", "un_subregion", "Eastern Asia"),
    ("", "South-Eastern Asia (UN)", "un_subregion", "South-eastern Asia"),
    ("UN_NAM", "Northern America (UN)", "un_subregion", "Northern America"),
])
def test_publisher_aggregate_maps_to_a_warehouse_region(code, name, scheme, region):
    assert countries.resolve(code, name) == countries.Place(scheme=scheme, region=region)


@pytest.mark.parametrize("code,name", [("", "Sub-Saharan Africa (UN)"), ("UN_LAC", "Latin America and the Caribbean (UN)"),
                                       ("OWID_AFR", "Africa"), ("", "Middle East & North Africa"), ("HIC", "High income"),
                                       ("CHI", "Channel Islands")])
def test_aggregate_with_no_matching_region_is_rejected_as_not_mapped(code, name):
    assert countries.resolve(code, name).reason.startswith(f"aggregate not mapped: '{name}'")


def test_bare_congo_is_ambiguous_outside_un_naming():
    assert countries.resolve("", "Congo").reason == "ambiguous country name 'Congo' (COD, COG)"


def test_forms_table_is_documented_and_consistent():
    with open(COUNTRY_FORMS_FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known = countries.known_iso3()
    regions = {(s, r) for s, r in [("world", "World")]} | \
        {("un_region", r) for r in countries.reference()["un_region"]} | \
        {("un_subregion", r) for r in countries.reference()["un_subregion"]}
    for r in rows:
        assert r["note"], r                                   # every row says why
        assert r["match"] in ("code", "name") and r["kind"] in countries.KINDS
        if r["kind"] == "country":
            assert r["iso3"] in known, r
        if r["kind"] == "aggregate" and r["scheme"]:
            assert (r["scheme"], r["region"]) in regions, r
    keys = [(r["match"], countries.normal(r["form"]) if r["match"] == "name" else r["form"], r["scope"]) for r in rows]
    assert len(keys) == len(set(keys))
