"""AppTest of the Data page: sources and their row counts, rejects, data dictionary, table downloads."""
from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import open_page, table_with

PAGE = "pages/data.py"


def _open(params: dict | None = None) -> AppTest:
    return open_page(PAGE, first_run=True, **(params or {}))


def _table(at: AppTest, *columns: str):
    return table_with(at, *columns, unique=True)


@pytest.fixture(scope="module")
def page(warehouse_dir) -> AppTest:
    return _open()


@pytest.fixture(scope="module")
def schema_tables(warehouse_dir) -> list[str]:
    with (Path(__file__).resolve().parent.parent / "etl" / "schema.toml").open("rb") as fh:
        return list(tomllib.load(fh)["tables"])


def test_data_sources_one_row_each_and_rows_balance(page):
    from dashboard import data

    src = _table(page, "Source", "Licence", "URL", "Rows read", "Rows loaded", "Rows rejected")
    assert len(src) == len(data.sources()) == 23
    assert (src["Rows read"] == src["Rows loaded"] + src["Rows rejected"]).all()
    assert src["Read = loaded + rejected"].all()
    assert src["Licence"].notna().all()
    # web addresses become links; the project's own file (indicator_goals, url data/raw/...) is named in a caption
    assert src["URL"][src["URL"] != ""].str.match(r"https?://").all()          # no address: an empty cell
    assert src.loc[src["URL"] == "", "Source"].tolist() == ["caveats", "crime_areas", "indicator_goals"]
    assert any("indicator_goals: data/raw/indicator_goals.csv" in c.value.replace("\\", "").replace("&#58;", ":")
               for c in page.caption)                       # Markdown-escaped data (':' as an entity)
    by_id = src.set_index("Source")
    assert by_id.loc["unodc_cts_corruption_economic_crime", "Rows rejected"] == 634
    assert by_id.loc["unodc_cts_corruption_economic_crime", "Rows read"] == 22754
    assert (src["Data"] == "real").all()                      # bundled data: nothing synthetic
    assert "Sources (23)" in [s.value for s in page.subheader]


def test_data_last_run_and_rejects(page):
    from dashboard import data

    runs = data.etl_runs()
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["Status"] == runs.iloc[0]["status"]
    assert metrics["Rows rejected"] == f"{int(runs.iloc[0]['rows_rejected']):,}"
    history = _table(page, "Run", "Status", "Started (UTC)")
    assert len(history) == len(runs)
    rejects = _table(page, "Source", "Reason", "Records")
    rejecting = data.sources().query("rows_rejected > 0")
    assert set(rejects["Source"]) == set(rejecting["source_id"])       # the originals: every row accounted for
    assert rejects["Records"].sum() == rejecting["rows_rejected"].sum() == 136_420
    assert rejects.loc[rejects["Source"] == "unodc_cts_corruption_economic_crime", "Records"].sum() == 634
    assert "subnational unit 'GBR_S' (not a country)" in set(rejects["Reason"])
    labels = [b.label for b in page.get("download_button")]
    assert "Download all rejects (CSV)" in labels
    # the deferred CSV behind that button: every reject, one line each
    csv = pd.read_csv(io.BytesIO(data.table_csv("rejects")))
    assert len(csv) == 136_420 and {"run_id", "source_id", "line", "reason"} <= set(csv.columns)


def test_data_dictionary_lists_every_schema_table(page, schema_tables):
    overview = _table(page, "Table", "Description", "Key", "Columns")
    assert overview["Table"].tolist() == schema_tables
    assert overview.set_index("Table").loc["org_membership", "Key"] == "org_id, iso3"
    expanders = [e.label for e in page.expander]
    for name in schema_tables:
        assert any(label.replace("\\", "").startswith(f"{name} — key:") for label in expanders), name
    # the columns of each table: e.g. sources documents rows_rejected with its type
    columns = [d.value for d in page.dataframe if {"Column", "Type", "Tests"} <= set(d.value.columns)]
    assert len(columns) == len(schema_tables)
    sources_cols = columns[schema_tables.index("sources")].set_index("Column")
    assert sources_cols.loc["rows_rejected", "Type"] == "BIGINT"


def test_data_editorial_mapping_labelled(page):
    from dashboard import data

    mapping = _table(page, "Indicator", "Goal", "Rationale (editorial)")
    assert len(mapping) == len(data.indicators())
    assert any("editorial" in s.value for s in page.subheader)


def test_data_table_param_offers_csv_and_parquet(warehouse_dir):
    from dashboard import data

    at = _open({"table": "goals"})
    assert not at.warning
    assert at.selectbox(key="table").value == "goals"
    labels = [b.label for b in at.get("download_button")]
    assert "goals as CSV" in labels and "goals as Parquet" in labels
    csv = pd.read_csv(io.BytesIO(data.table_csv("goals")))
    assert csv["goal_id"].tolist() == [f"GPG{i}" for i in range(1, 8)]
    assert (warehouse_dir / "parquet" / "goals.parquet").read_bytes()[:4] == b"PAR1"


def test_data_invalid_table_param_warns(warehouse_dir):
    at = _open({"table": "not_a_table"})
    assert any("'table'" in w.value for w in at.warning)
    assert at.selectbox(key="table").value == "sources"
    labels = [b.label for b in at.get("download_button")]
    assert "sources as CSV" in labels


def test_data_sources_show_redistribution(page, con):
    src = _table(page, "Source", "Redistribution", "What the licence allows")
    by_id = dict(zip(src["Source"], src["Redistribution"]))
    expected = dict(con.execute("SELECT source_id, redistribution FROM sources").fetchall())
    words = {"allowed": "allowed", "restricted": "restricted", "unknown": "not stated"}
    assert by_id == {k: words[v] for k, v in expected.items()}
    assert by_id["terrorism_gtd_owid"] == "restricted"      # START's end-user agreement forbids redistribution


def test_data_editions_side_by_side(page, con):
    """The OC Index is given by its 2021 and its 2023 edition: both listed, compared value by value."""
    indicator = page.selectbox(key="edition_indicator")
    assert indicator.value in dict(con.execute(
        "SELECT indicator_id, sources_count FROM indicators WHERE sources_count > 1").fetchall())
    at = _open()
    at.selectbox(key="edition_indicator").set_value("ocindex_criminality").run()
    assert not at.exception
    assert at.selectbox(key="edition_first").value == "gitoc_ocindex_2021"
    assert at.selectbox(key="edition_second").value == "gitoc_ocindex_2023"
    sides = _table(at, "Source", "Preferred", "Country values", "First year")
    assert dict(zip(sides["Source"], sides["First year"])) == {"gitoc_ocindex_2023": 2023, "gitoc_ocindex_2021": 2021}
    pairs = _table(at, "Country", "ISO3", "Second − first")
    n21, n23 = (con.execute("SELECT count(*) FROM indicator_values WHERE indicator_id = 'ocindex_criminality' "
                            "AND source_id = ?", [s]).fetchone()[0] for s in ("gitoc_ocindex_2021", "gitoc_ocindex_2023"))
    assert len(pairs) == n21 + n23 == 386                     # two editions, different years: no common cell
    assert pairs["Second − first"].isna().all()
    captions = " ".join(c.value for c in at.caption)
    assert "0 country values given by both sources" in captions
    assert "nothing here is a revision" in captions


def test_data_page_lists_every_caveat(page, con):
    cav = _table(page, "Kind", "Years", "What it means", "Detected by the ETL")
    total, detected = con.execute("SELECT count(*), count(*) FILTER (WHERE detected) FROM caveats").fetchone()
    assert len(cav) == total and int(cav["Detected by the ETL"].sum()) == detected
    text = " ".join(cav["What it means"])
    assert "2021 covers January to June only" in text                       # GTD's half year, as START says
    thailand = cav[(cav["Country"] == "Thailand") & (cav["Years"] == "2013")]
    assert list(thailand["Kind"]) == ["Outlier kept"]                        # the 4,500,000 kg record, kept
    assert "Myanmar 2021" in text


def test_technical_series_stay_out_of_the_goals_pickers(con):
    from dashboard import data

    choices = data.indicator_choices()
    technical = set(con.execute("SELECT indicator_id FROM indicators WHERE series_kind = 'technical'").df()
                    ["indicator_id"])
    assert technical == {"cpi_rank", "cpi_sources", "cpi_standard_error"}
    assert set(choices.loc[choices["goal_key"] != "technical", "indicator_id"]).isdisjoint(technical)
    assert set(choices.loc[choices["goal_key"] == "technical", "indicator_id"]) == technical
