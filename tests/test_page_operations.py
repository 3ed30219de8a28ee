"""AppTest of the Operations page: filters, the Epervier/Libertad/Sawiyan preset, qualified results, map."""
from __future__ import annotations

import base64
import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import open_page as _open_page
from tests.apptest_helpers import table_with

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
PRESET_NAMES = {"Operation Epervier", "Operation Libertad", "Operation Sawiyan"}

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def open_page(**params) -> AppTest:
    return _open_page("pages/operations.py", **params)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def decode(arr) -> list:
    """plotly >= 6 encodes numeric arrays as {'dtype', 'bdata'} (base64)."""
    if isinstance(arr, dict) and "bdata" in arr:
        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=arr["dtype"]).tolist()
    return list(arr)


def timeline_names(at: AppTest) -> set[str]:
    fig = next(f for f in figures(at) if f["layout"]["xaxis"].get("type") == "date")
    return {name for trace in fig["data"] for name in trace["y"] if name is not None}  # skip legend swatches


def raw_rows(file: str) -> list[dict]:
    with open(RAW / file, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def raw_result(operation_id: str, metric: str) -> dict:
    return next(r for r in raw_rows("operation_results.csv")
                if r["operation_id"] == operation_id and r["metric"] == metric)


@pytest.mark.parametrize("operation_id, operation, metric, label, shown", [
    ("epervier-2017", "Operation Epervier", "victims_rescued", "Victims rescued", "≈500"),
    ("epervier-2017", "Operation Epervier", "minors_rescued", "Minors rescued", "236"),
    ("epervier-2017", "Operation Epervier", "arrests", "Arrests", "40"),
    ("sawiyan-2018", "Operation Sawiyan", "victims_rescued", "Victims rescued", "94"),
    ("libertad-2018", "Operation Libertad", "victims_rescued", "Victims rescued", "≈350"),
    ("libertad-2018", "Operation Libertad", "arrests", "Arrests", "22"),
])
def test_operations_default_results_keep_qualifiers(operation_id, operation, metric, label, shown):
    raw = raw_result(operation_id, metric)           # the bundled source row behind the expected text
    sign = {"approx": "≈", "at_least": "≥", "exact": ""}[raw["qualifier"]]
    assert shown == sign + f"{float(raw['value']):,.0f}"
    at = open_page()
    assert at.multiselect(key="op").value == ["epervier-2017", "libertad-2018", "sawiyan-2018"]
    results = table_with(at, "Operation", "Figure", "Value", "Source")
    row = results[(results["Operation"] == operation) & (results["Figure"] == label)]
    assert row["Value"].tolist() == [shown]
    assert row["Source"].iloc[0] == raw["source_url"]
    side = table_with(at, "Figure", operation)
    assert side.loc[side["Figure"] == label, operation].iloc[0] == shown


def test_operations_combined_victims_never_shown():
    at = open_page()
    assert set(table_with(at, "Operation", "Value")["Operation"]) == PRESET_NAMES
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    cells = [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]
    chart_text = [str(t) for f in figures(at) for tr in f["data"] for t in (tr.get("text") or [])]
    for text in texts + cells + chart_text:
        assert "944" not in text
    side = table_with(at, "Figure", "Operation Epervier")
    assert list(side.columns) == ["Figure", "Operation Epervier", "Operation Libertad", "Operation Sawiyan"]


def test_operations_metric_chart_labels_carry_qualifier():
    at = open_page()
    assert at.selectbox(key="metric").value == "victims_rescued"
    fig = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Victims rescued"))
    labels = {y: (t, x) for tr in fig["data"] if tr["type"] == "bar"
              for y, t, x in zip(tr["y"], tr["text"], decode(tr["x"]))}
    assert labels["Operation Epervier"] == ("≈500", 500)
    assert labels["Operation Libertad"] == ("≈350", 350)
    assert labels["Operation Sawiyan"] == ("94", 94)
    expected = {r["operation_id"] for r in raw_rows("operation_results.csv") if r["metric"] == "victims_rescued"}
    assert len(labels) == len(expected)


def test_operations_goal_filter_gpg7_only_environmental():
    at = open_page(goal="GPG7")
    assert at.selectbox(key="goal").value == "GPG7"
    names = timeline_names(at)
    raw = [r for r in raw_rows("operations.csv") if r["related_goal"] == "GPG7"]
    assert names == {r["name"] for r in raw} and len(names) == 8
    assert all("environmental" in r["crime_area"] for r in raw)
    areas = table_with(at, "Operation", "Crime area", "Dates")["Crime area"]
    assert len(areas) == 8 and all("environmental" in a for a in areas)
    assert "Operation Epervier" not in names
    # the preset operations are not among the options, so every matching operation's results are shown
    assert at.multiselect(key="op").value == []
    assert set(table_with(at, "Operation", "Value")["Operation"]) <= names


def test_operations_year_filter_excludes_outside_range():
    at = open_page()
    assert len(timeline_names(at)) == 40
    at.slider(key="years").set_value((2017, 2018)).run()
    assert not at.exception
    names = timeline_names(at)
    expected = {r["name"] for r in raw_rows("operations.csv")
                if int(r["start_date"][:4]) <= 2018 and int((r["end_date"] or r["start_date"])[:4]) >= 2017}
    assert names == expected
    assert {"Operation Epervier", "Operation Libertad", "Operation Sawiyan"} <= names
    assert "Operation Liberterra" not in names and "Operation Pangea VIII" not in names


def test_operations_invalid_goal_param_warns():
    at = open_page(goal="GPG9")
    assert any("goal" in w.value and "GPG9" in w.value for w in at.warning)
    assert at.selectbox(key="goal").value is None
    assert len(timeline_names(at)) == 40


def test_operations_preset_button_clears_filters():
    at = open_page(goal="GPG7", q="thunder", years=["2020", "2025"])
    assert at.slider(key="years").value == (2020, 2025)
    at.button(key="ops_preset").click().run()
    assert not at.exception
    assert at.selectbox(key="goal").value is None and at.text_input(key="q").value == ""
    assert at.slider(key="years").value == (2017, 2025)                   # widened to reach 2017 and 2018
    assert at.multiselect(key="op").value == ["epervier-2017", "libertad-2018", "sawiyan-2018"]
    assert set(table_with(at, "Operation", "Value")["Operation"]) == PRESET_NAMES


def test_operations_search_finds_all_three():
    at = open_page()
    at.multiselect(key="op").set_value([]).run()
    at.text_input(key="q").set_value("epervier, LIBERTAD, sawiyan").run()
    assert timeline_names(at) == PRESET_NAMES


def test_operations_region_rule():
    at = open_page(scheme="un_region", regions="Africa")
    names = timeline_names(at)
    listed = {r["operation_id"] for r in raw_rows("operation_countries.csv")}
    by_id = {r["operation_id"]: r["name"] for r in raw_rows("operations.csv")}
    assert "Operation Sawiyan" in names and "Operation Epervier" in names
    assert "Operation Libertad" not in names                     # Caribbean and Latin America only
    assert names <= {by_id[o] for o in listed}                  # operations without listed countries hidden
    assert any("list no countries" in c.value for c in at.caption)


def test_operations_map_of_selected_countries():
    at = open_page()
    fig = next(f for f in figures(at) if f["data"][0]["type"] == "choropleth")
    locations = set(fig["data"][0]["locations"])
    expected = {r["country_iso3"] for r in raw_rows("operation_countries.csv")
                if r["operation_id"] in ("epervier-2017", "libertad-2018", "sawiyan-2018")}
    assert locations == expected and {"MLI", "SDN", "JAM"} <= locations
    countries = table_with(at, "Operation", "Countries listed", "Countries")
    assert countries.set_index("Operation").loc["Operation Sawiyan", "Countries"] == "Sudan"


def test_operations_without_listed_countries_say_so():
    at = open_page(q="pangea")
    assert not any(f["data"][0]["type"] == "choropleth" for f in figures(at))
    assert any("lists its participating countries" in i.value for i in at.info)
    countries = table_with(at, "Operation", "Countries listed", "Countries")
    assert (countries["Countries listed"] == 0).all()
    assert (countries["Countries"] == "not listed in the sources").all()


@pytest.mark.parametrize("start, end, precision, expected_end, text", [
    ("2017-11-06", "2017-11-10", "day", "2017-11-11", "6 Nov 2017 – 10 Nov 2017"),
    ("2019-10-01", "2019-10-01", "month", "2019-11-01", "Oct 2019"),
    ("2023-07-01", "2023-12-01", "month", "2024-01-01", "Jul 2023 – Dec 2023"),
    ("2024-01-01", "2024-01-01", "year", "2025-01-01", "2024"),
    ("2018-05-01", None, "day", "2018-05-02", "1 May 2018"),
])
def test_operations_builder_spans_keep_date_precision(start, end, precision, expected_end, text):
    from dashboard import text as text_helpers
    from dashboard.charts import operations as charts

    s, e = charts.op_span(start, end, precision)
    assert (s, e) == (pd.Timestamp(start), pd.Timestamp(expected_end))
    assert text_helpers.fmt_op_period(start, end, precision) == text
