"""Readers and layouts: CSV (fast and careful paths), XLSX, a .zip holding one CSV, and each layout's own rules
(title rows found by the header, column maps, wide tables, identifier cells)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl import pipeline
from etl.errors import EtlError
from etl.inputs import Input, RawDir
from etl.sidecar import parse as parse_sidecar
from etl.sources import LAYOUTS, csvtext
from tests.etl_helpers import RAW, add_file, data_dir, q, write_sidecar

DATAUNODC_COLUMNS = ["Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex",
                     "Age", "Year", "Unit of measurement", "VALUE", "Source"]


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


def read(con, path: Path, table: str = "t", **kwargs):
    rd = RawDir(path.parent)
    inp = Input.open(rd, path.name)
    try:
        return csvtext.read(con, inp, table, **kwargs)
    finally:
        inp.close()
        rd.close()


def test_read_csv_dataunodc_raw_export_keeps_its_13_columns_and_every_row(con):
    raw = read(con, RAW / "unodc_cts_corruption_economic_crime.raw.csv")
    assert raw.columns == DATAUNODC_COLUMNS
    assert raw.rows == 22_754 and raw.rejects == []
    # quoted commas ("Rate per 100,000 population") stay inside one field
    units = {r[0] for r in con.execute('SELECT DISTINCT "Unit of measurement" FROM t').fetchall()}
    assert units == {"Counts", "Rate per 100,000 population"}
    assert con.execute('SELECT min("__line"), max("__line") FROM t').fetchall() == [(2, 22_755)]


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.csv")))
def test_read_csv_real_file_reads_every_line(con, name):
    path = RAW / name
    side = parse_sidecar(name + ".source.toml", (RAW / (name + ".source.toml")).read_bytes(), name)
    lines = sum(1 for line in path.read_bytes().splitlines() if line.strip())
    raw = read(con, path, delimiter=side.opt("delimiter", ","), expect=tuple(LAYOUTS[side.format].expect(side)))
    assert raw.rows == lines - 1 and raw.rejects == []


def test_read_csv_decodes_bom_cp1252_and_mixed_lines(con, tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffcountry,value\r\nCôte d’Ivoire,1\r\n".encode("utf-8"))
    raw = read(con, bom, "b")
    assert raw.columns == ["country", "value"] and raw.encoding == "utf-8-sig"
    assert con.execute("SELECT country FROM b").fetchall() == [("Côte d’Ivoire",)]
    cp = tmp_path / "cp.csv"
    cp.write_bytes("country,value\nCôte d'Ivoire,1\nCuraçao,2\n".encode("cp1252"))
    assert read(con, cp, "c").encoding == "cp1252"
    assert [r[0] for r in con.execute("SELECT country FROM c").fetchall()] == ["Côte d'Ivoire", "Curaçao"]
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("country,value\n".encode() + "Réunion,1\n".encode("utf-8") + "Curaçao,2\n".encode("cp1252"))
    assert read(con, mixed, "m").encoding == "mixed utf-8/cp1252"
    assert [r[0] for r in con.execute("SELECT country FROM m").fetchall()] == ["Réunion", "Curaçao"]


def test_read_csv_keeps_line_numbers_across_blank_lines_and_quoted_newlines(con, tmp_path):
    p = tmp_path / "lines.csv"
    p.write_text('a,b\n1,x\n\n2,"two\nlines"\n3,y\n', encoding="utf-8")
    assert read(con, p).rows == 3
    assert con.execute('SELECT a, "__line" FROM t ORDER BY 2').fetchall() == [("1", 2), ("2", 4), ("3", 6)]


def test_read_csv_finds_the_header_below_title_rows(con, tmp_path):
    p = tmp_path / "titled.csv"
    p.write_text('"UNODC"\n"Data as of 2024-05-01"\n' + ",".join(DATAUNODC_COLUMNS) + "\n"
                 "ARM,Armenia,Asia,Western Asia,Offences,by type,Corruption,Total,Total,2013,Counts,782,CTS\n",
                 encoding="utf-8")
    raw = read(con, p, expect=("Iso3_code", "Indicator", "Year", "Unit of measurement"))
    assert raw.columns == DATAUNODC_COLUMNS and raw.rows == 1
    assert con.execute('SELECT "VALUE", "__line" FROM t').fetchall() == [("782", 4)]


def test_read_csv_rejects_a_file_that_is_not_text(con, tmp_path):
    p = tmp_path / "book.csv"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(EtlError, match="not a CSV text file"):
        read(con, p)


def test_owid_grapher_layout_routes_aggregates_and_loads_countries(tmp_path):
    dd = data_dir(tmp_path)
    add_file(dd, "homicide_owid_grapher.csv",
             'Entity,Code,Year,"Homicide rate per 100,000 population",World region according to OWID\n'
             "France,FRA,2019,1.1,Europe\nWorld,OWID_WRL,2019,5.8,\nAfrica (UN),,2019,12.7,\nAtlantis,,2019,1,\n",
             format="owid", indicator_ids={"Homicide rate per 100,000 population": "owid_homicide"})
    pipeline.run(dd)
    assert q(dd, "SELECT indicator_id, iso3, year, value FROM indicator_values WHERE source_id LIKE 'homicide%'") \
        == [("owid_homicide", "FRA", 2019, 1.1)]
    assert q(dd, "SELECT scheme, region, value FROM publisher_estimates WHERE source_id = 'homicide_owid_grapher' "
                 "ORDER BY 1") == [("un_region", "Africa", 12.7), ("world", "World", 5.8)]
    assert q(dd, "SELECT measure, aggregation FROM indicators WHERE indicator_id = 'owid_homicide'") \
        == [("rate_per_100k", "population_weighted_mean")]
    assert q(dd, "SELECT rows_read, rows_loaded, rows_routed, rows_rejected FROM sources "
                 "WHERE source_id = 'homicide_owid_grapher'") == [(4, 3, 2, 1)]
    assert q(dd, "SELECT reason FROM rejects WHERE source_id = 'homicide_owid_grapher'") == \
        [("unknown country name 'Atlantis'",)]


def test_owid_daily_export_is_refused_with_a_message(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "daily.csv", "Entity,Code,Day,cases\nKenya,KEN,2021-01-01,5\n", format="owid")
    with pytest.raises(EtlError, match="daily"):
        pipeline.run(dd)


def test_xlsx_tidy_file_loads_and_skips_a_title_row(tmp_path):
    dd = data_dir(tmp_path)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Seizures (project test workbook)"])             # a title row above the header
    ws.merge_cells("A1:F1")
    ws.append(["iso3", "country", "year", "indicator_id", "value", "unit"])
    ws.append(["KEN", "Kenya", 2020, "test_count", 12, "count"])
    ws.append(["UGA", "Uganda", 2020, "test_count", 7.5, "count"])
    wb.save(dd / "raw" / "book.xlsx")
    write_sidecar(dd / "raw" / "book.xlsx")
    pipeline.run(dd)
    assert q(dd, "SELECT iso3, value FROM indicator_values WHERE indicator_id='test_count' ORDER BY 1") == \
        [("KEN", 12.0), ("UGA", 7.5)]
    assert q(dd, "SELECT rows_read, rows_loaded, encoding FROM sources WHERE source_id = 'book'") == [(2, 2, "xlsx")]


def test_tidy_layout_with_a_column_map_and_constants(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "wb.csv", "Country Name,Country Code,Year,Value\nKenya,KEN,2020,52217334\nWorld,WLD,2020,7e9\n",
             columns={"Country Name": "country", "Country Code": "iso3", "Year": "year", "Value": "value"},
             indicator_id="t_pop", unit="persons")
    pipeline.run(dd)
    assert q(dd, "SELECT iso3, value FROM indicator_values") == [("KEN", 52217334.0)]
    assert q(dd, "SELECT region, value FROM publisher_estimates") == [("World", 7e9)]


def test_tidy_file_by_country_name_in_cp1252_resolves_iso3(tmp_path):
    dd = data_dir(tmp_path)
    content = "country,year,indicator_id,value,unit\nCôte d'Ivoire,2020,test_rate,3.5,rate per 100000\n"
    add_file(dd, "names.csv", content.encode("cp1252"))
    pipeline.run(dd)
    assert q(dd, "SELECT iso3, value FROM indicator_values WHERE indicator_id = 'test_rate'") == [("CIV", 3.5)]
    assert q(dd, "SELECT encoding FROM sources WHERE source_id = 'names'") == [("cp1252",)]


WIDE_SIDECAR = """title = "Wide test table"
publisher = "Tests"
url = "https://example.org/wide"
license = "CC0-1.0"
retrieved = "2026-01-01"
format = "wide_years"
id_columns = ["Country", "Indicator"]
country_column = "Country"
indicator_column = "Indicator"
header_pattern = '(?P<year>\\d{4})'

[units]
w_count = "count"
w_rate = "rate per 100,000 population"

[identifiers]
"Male 15-29 Count" = { indicator = "w_count", sex = "Male", age = "15-29" }
"Rate" = { indicator = "w_rate" }
"""


def _wide(dd, content: str) -> None:
    (dd / "raw" / "wide.csv").write_text(content, encoding="utf-8")
    (dd / "raw" / "wide.csv.source.toml").write_text(WIDE_SIDECAR, encoding="utf-8")


def test_wide_years_identifier_cells_give_indicator_sex_and_age(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    _wide(dd, "Country,Indicator,2019,2020\nKenya,Male 15-29 Count,10,\nKenya,Rate,\"1,234\",2.5\n"
              "Kenya,Unknown thing,1,2\n")
    pipeline.run(dd)
    assert q(dd, "SELECT indicator_id, sex, age, year, value FROM indicator_values ORDER BY ALL") == [
        ("w_count", "Male", "15-29", 2019, 10.0), ("w_rate", "Total", "Total", 2019, 1234.0),
        ("w_rate", "Total", "Total", 2020, 2.5)]
    assert q(dd, "SELECT line, cell, reason FROM rejects ORDER BY 2") == [
        (4, "2019", "no indicator id for 'Unknown thing'"), (4, "2020", "no indicator id for 'Unknown thing'")]
    assert q(dd, "SELECT rows_read, rows_loaded, rows_rejected, data_lines, empty_cells, counted_as FROM sources") \
        == [(5, 3, 2, 3, 1, "value cell")]


def test_wide_years_a_column_neither_identifier_nor_year_stops_the_run(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    _wide(dd, "Country,Indicator,2019,Notes\nKenya,Rate,1,x\n")
    with pytest.raises(EtlError, match="column 'Notes' is neither an identifier column nor a value column"):
        pipeline.run(dd)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


IDS_HEAD = ("REGION;SUBREGION;COUNTRY;ADMINISTRATIVE_DIVISION;PLACE;SEIZURE_DATE;DRUG_NAME;AMOUNT;DRUG_UNIT;"
            "HIDING_PLACE;INSTALLATION;TRANSPORT;PRODUCING_COUNTRY;DEPARTURE_COUNTRY;DESTINATION_COUNTRY;ROUTING\n")


def test_ids_zip_deduplicates_keeping_the_most_complete_record(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    rows = ("Africa;East Africa;Kenya;;Mombasa;2015-03-01;Heroin;2.5;Kilogram;;;;;;;\n"
            "Africa;East Africa;Kenya;;Mombasa;2015-03-01;Heroin;2.5;Kilogram;Baggage;Port;Sea;;;;Border\n"
            "Africa;East Africa;Kenya;;Nairobi;2015-04-01;Heroin;500;Gram;;;;;;;\n"
            "Africa;East Africa;Kenya;;Nairobi;2015-05-01;Cannabis;3;Tablet;;;;;;;\n"
            "Asia;Near East;Iraq (Kurdistan Region);;Erbil;2015-05-01;Cannabis;3;Kilogram;;;;;;;\n")
    add_file(dd, "ids.zip", _zip({"ids.csv": (IDS_HEAD + rows).encode()}), format="ids", delimiter=";")
    pipeline.run(dd)
    assert q(dd, "SELECT line, place, hiding_place FROM drug_seizure_records ORDER BY line") == [
        (3, "Mombasa", "Baggage"), (4, "Nairobi", None), (5, "Nairobi", None)]
    assert q(dd, "SELECT line, reason FROM rejects ORDER BY line") == [
        (2, "duplicate: the same country, seizure date, drug, amount and unit as a record kept"),
        (6, "subnational unit 'Iraq (Kurdistan Region)' (not a country)")]
    assert dict(q(dd, "SELECT indicator_id, value FROM indicator_values")) == \
        {"ids_seizure_records": 3.0, "ids_seizure_quantity_kg": 3.0}
    assert q(dd, "SELECT drug, records, records_in_kg, quantity_kg FROM drug_seizures ORDER BY drug") == [
        ("Cannabis", 1, 0, None), ("Heroin", 2, 2, 3.0)]


def test_a_zip_with_more_than_one_csv_is_refused(tmp_path):
    dd = data_dir(tmp_path, reference=False)
    add_file(dd, "two.zip", _zip({"a.csv": IDS_HEAD.encode(), "b.csv": IDS_HEAD.encode()}), format="ids",
             delimiter=";")
    with pytest.raises(EtlError, match="must hold exactly one .csv file"):
        pipeline.run(dd)


def test_new_tidy_file_is_picked_up_without_code_changes(tmp_path):
    dd = data_dir(tmp_path)
    add_file(dd, "extra_source.csv", "iso3,country,year,indicator_id,value,unit\n"
             "KEN,Kenya,2019,extra_count,5,count\nKEN,Kenya,2020,extra_count,6,count\n",
             title="An extra source", publisher="Someone")
    result = pipeline.run(dd)
    st = {s.source_id: s for s in result.stats}["extra_source"]
    assert (st.rows_read, st.rows_loaded, st.rows_rejected) == (2, 2, 0)
    assert q(dd, "SELECT value FROM region_values WHERE estimate_kind = 'reporting_countries' AND indicator_id='extra_count' AND scheme='world' "
                 "AND year=2020") == [(6.0,)]
