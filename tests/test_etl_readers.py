"""Readers against the real bundled files and the formats the ETL knows (tidy, dataUNODC, OWID, xlsx)."""
from __future__ import annotations

import duckdb
import openpyxl
import pytest

from etl import pipeline, textio
from etl.errors import EtlError
from etl.sidecar import load as load_sidecar
from tests.etl_helpers import RAW, add_file, data_dir, q

DATAUNODC_COLUMNS = ["Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex",
                     "Age", "Year", "Unit of measurement", "VALUE", "Source"]


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


def test_read_csv_dataunodc_raw_export_keeps_its_13_columns_and_every_row(con):
    raw = textio.read_csv(con, RAW / "unodc_cts_corruption_economic_crime.raw.csv", "t")
    assert raw.columns == DATAUNODC_COLUMNS
    assert raw.rows == 22_754 and raw.rejects == []
    # quoted commas ("Rate per 100,000 population") stay inside one field
    units = {r[0] for r in con.execute('SELECT DISTINCT "Unit of measurement" FROM t').fetchall()}
    assert units == {"Counts", "Rate per 100,000 population"}
    assert con.execute('SELECT min("__line"), max("__line") FROM t').fetchall() == [(2, 22_755)]


@pytest.mark.parametrize("name", sorted(p.name for p in RAW.glob("*.csv")))
def test_read_csv_real_file_reads_every_line(con, name):
    path = RAW / name
    lines = sum(1 for line in path.read_bytes().splitlines() if line.strip())
    raw = textio.read_csv(con, path, "t")
    assert raw.rows == lines - 1
    assert load_sidecar(path).format in ("tidy", "dataunodc", "reference")


def test_read_csv_decodes_bom_cp1252_and_mixed_lines(con, tmp_path):
    bom = tmp_path / "bom.csv"
    bom.write_bytes("\ufeffcountry,value\r\nCôte d’Ivoire,1\r\n".encode("utf-8"))
    raw = textio.read_csv(con, bom, "b")
    assert raw.columns == ["country", "value"] and raw.encoding == "utf-8-sig"
    assert con.execute("SELECT country FROM b").fetchall() == [("Côte d’Ivoire",)]
    cp = tmp_path / "cp.csv"
    cp.write_bytes("country,value\nCôte d'Ivoire,1\nCuraçao,2\n".encode("cp1252"))
    raw = textio.read_csv(con, cp, "c")
    assert raw.encoding == "cp1252"
    assert [r[0] for r in con.execute("SELECT country FROM c").fetchall()] == ["Côte d'Ivoire", "Curaçao"]
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes("country,value\n".encode() + "Réunion,1\n".encode("utf-8") + "Curaçao,2\n".encode("cp1252"))
    raw = textio.read_csv(con, mixed, "m")
    assert raw.encoding == "mixed utf-8/cp1252"
    assert [r[0] for r in con.execute("SELECT country FROM m").fetchall()] == ["Réunion", "Curaçao"]


def test_read_csv_keeps_line_numbers_across_blank_lines_and_quoted_newlines(con, tmp_path):
    p = tmp_path / "lines.csv"
    p.write_text('a,b\n1,x\n\n2,"two\nlines"\n3,y\n', encoding="utf-8")
    raw = textio.read_csv(con, p, "t")
    assert raw.rows == 3
    assert con.execute('SELECT a, "__line" FROM t ORDER BY 2').fetchall() == [("1", 2), ("2", 4), ("3", 6)]


def test_read_csv_rejects_a_file_that_is_not_text(con, tmp_path):
    p = tmp_path / "book.csv"
    p.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(EtlError, match="not a CSV text file"):
        textio.read_csv(con, p, "t")


def _tidy_rows(rows):
    return "iso3,country,year,indicator_id,value,unit\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)


def test_owid_grapher_layout_loads_values_and_rejects_aggregates(tmp_path):
    dd = data_dir(tmp_path)
    add_file(dd, "homicide_owid_grapher.csv",
             'Entity,Code,Year,"Homicide rate per 100,000 population",World region according to OWID\n'
             "France,FRA,2019,1.1,Europe\nWorld,OWID_WRL,2019,5.8,\nAfrica (UN),,2019,12.7,\n",
             format="owid", indicator_ids={"Homicide rate per 100,000 population": "owid_homicide"})
    pipeline.run(dd)
    assert q(dd, "SELECT indicator_id, iso3, year, value FROM indicator_values WHERE source_id LIKE 'homicide%'") \
        == [("owid_homicide", "FRA", 2019, 1.1)]
    assert q(dd, "SELECT measure, aggregation FROM indicators WHERE indicator_id = 'owid_homicide'") \
        == [("rate_per_100k", "population_weighted_mean")]
    reasons = sorted(r[0] for r in q(dd, "SELECT reason FROM rejects WHERE source_id = 'homicide_owid_grapher'"))
    assert reasons[0].startswith("aggregate 'OWID_WRL'") and reasons[1].startswith("unknown country name")


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
    from tests.etl_helpers import write_sidecar
    write_sidecar(dd / "raw" / "book.xlsx")
    pipeline.run(dd)
    assert q(dd, "SELECT iso3, value FROM indicator_values WHERE indicator_id='test_count' ORDER BY 1") == \
        [("KEN", 12.0), ("UGA", 7.5)]
    assert q(dd, "SELECT rows_read, rows_loaded, encoding FROM sources WHERE source_id = 'book'") == [(2, 2, "xlsx")]


def test_tidy_file_by_country_name_in_cp1252_resolves_iso3(tmp_path):
    dd = data_dir(tmp_path)
    content = "country,year,indicator_id,value,unit\nCôte d'Ivoire,2020,test_rate,3.5,rate per 100000\n"
    add_file(dd, "names.csv", content.encode("cp1252"))
    pipeline.run(dd)
    assert q(dd, "SELECT iso3, value FROM indicator_values WHERE indicator_id = 'test_rate'") == [("CIV", 3.5)]
    assert q(dd, "SELECT encoding FROM sources WHERE source_id = 'names'") == [("cp1252",)]


def test_new_tidy_file_is_picked_up_without_code_changes(tmp_path):
    dd = data_dir(tmp_path)
    add_file(dd, "extra_source.csv", _tidy_rows([("KEN", "Kenya", 2019, "extra_count", 5, "count"),
                                                   ("KEN", "Kenya", 2020, "extra_count", 6, "count")]),
             title="An extra source", publisher="Someone")
    result = pipeline.run(dd)
    st = {s.source_id: s for s in result.stats}["extra_source"]
    assert (st.rows_read, st.rows_loaded, st.rows_rejected) == (2, 2, 0)
    assert q(dd, "SELECT title, publisher FROM sources WHERE source_id='extra_source'") == \
        [("An extra source", "Someone")]
    assert q(dd, "SELECT value FROM region_values WHERE indicator_id='extra_count' AND scheme='world' "
                 "AND year=2020") == [(6.0,)]
