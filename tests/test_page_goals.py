"""AppTest of the Goals page: the seven goals, indicators with latest regional values, operations, SDGs."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import theme
from tests.apptest_helpers import open_page as _open_page
from tests.apptest_helpers import table_with

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def open_page(**params) -> AppTest:
    return _open_page("pages/goals.py", **params)


def test_goals_seven_goals_rendered():
    at = open_page()
    with open(RAW / "global_policing_goals.csv", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    overview = table_with(at, "Goal", "Title", "Indicators", "Operations")
    assert overview["Goal"].tolist() == [f"GPG{i}" for i in range(1, 8)]
    assert overview["Title"].tolist() == [r["full_title"] for r in raw]
    assert at.selectbox(key="goal").options == [f"GPG{i}" for i in range(1, 8)]
    assert at.header[0].value == "GPG1 · Counter terrorism"


def test_goals_gpg3_homicide_latest_world_value(con):
    at = open_page(goal="GPG3")
    assert at.header[0].value == "GPG3 · Vulnerable communities"
    # the year shown: latest year whose World value covers at least half of the world's population
    year, value, n, total = con.execute("""
        SELECT year, value, countries_reporting, countries_total FROM region_values
        WHERE indicator_id = 'homicide_rate_per_100k' AND scheme = 'world' AND region = 'World'
          AND sex = 'Total' AND age = 'Total' AND estimate_kind = 'reporting_countries' AND adequate
        ORDER BY year DESC LIMIT 1""").fetchone()
    table = table_with(at, "Identifier", "World", "Year shown")
    row = table.set_index("Identifier").loc["homicide_rate_per_100k"]
    assert row["Year shown"] == str(year)
    assert row["World"] == f"{theme.fmt_number(value, 'rate_per_100k')} ({n}/{total})"
    assert row["World"].startswith(f"{value:.2f}")               # 5.81 in the bundled data
    africa = con.execute("""SELECT value, countries_reporting, countries_total, population_covered_share
        FROM region_values WHERE estimate_kind = 'reporting_countries' AND indicator_id = 'homicide_rate_per_100k' AND scheme = 'un_region'
        AND region = 'Africa' AND sex = 'Total' AND age = 'Total' AND year = ?""", [year]).fetchone()
    assert row["Africa"].startswith(f"{theme.fmt_number(africa[0], 'rate_per_100k')} ({africa[1]}/{africa[2]})")
    assert row["Africa"].endswith("†") == (africa[3] < 0.5)
    latest_any = con.execute("""SELECT max(year) FROM region_values WHERE estimate_kind = 'reporting_countries' AND indicator_id = 'homicide_rate_per_100k'
        AND scheme = 'world'""").fetchone()[0]
    assert row["Latest year with any value"] == str(latest_any)
    ids = set(table["Identifier"])
    expected = {r[0] for r in con.execute("SELECT indicator_id FROM indicators WHERE goal_id = 'GPG3'").fetchall()}
    assert ids == expected


def test_goals_editorial_classification_labelled(con):
    at = open_page(goal="GPG3")
    assert "Indicators (editorial classification)" in [s.value for s in at.subheader]
    assert any("editorial classification" in i.value for i in at.info)
    table = table_with(at, "Identifier", "Why this goal (editorial)")
    rationale = con.execute("SELECT goal_rationale FROM indicators WHERE indicator_id = 'homicide_rate_per_100k'"
                            ).fetchone()[0]
    assert table.set_index("Identifier").loc["homicide_rate_per_100k", "Why this goal (editorial)"] == rationale
    assert any("curator's classification" in c.value for c in at.caption)


def test_goals_gpg1_operations_include_neptune(con):
    at = open_page()
    neptune = [r[0] for r in con.execute("SELECT name FROM operations WHERE goal_id = 'GPG1' AND name ILIKE "
                                         "'%neptune%' ORDER BY start_date").fetchall()]
    assert neptune == ["Operation Neptune II", "Operation Neptune VI"]
    ops = table_with(at, "Operation", "Dates", "Crime area")
    assert set(neptune) <= set(ops["Operation"])
    assert ops.set_index("Operation").loc["Operation Neptune VI", "Dates"] == "2024"   # year precision only
    assert any("](operations?goal=GPG1)" in m.value for m in at.markdown)      # link to the filtered page


def test_goals_sdg_links():
    at = open_page(goal="GPG7")
    text = " ".join(m.value for m in at.markdown)
    assert "[SDG 16: Peace, justice and strong institutions](https://sdgs.un.org/goals/goal16)" in text
    assert "SDG 5: Gender equality" in text and "SDG 17: Partnerships for the goals" in text
    assert any("2018 news article" in c.value for c in at.caption)


def test_goals_invalid_goal_param_warns():
    at = open_page(goal="GPG99")
    assert any("goal" in w.value and "GPG99" in w.value for w in at.warning)
    assert at.selectbox(key="goal").value == "GPG1"


def test_goals_switch_goal_widget():
    at = open_page()
    at.selectbox(key="goal").set_value("GPG5").run()
    assert not at.exception
    assert at.header[0].value == "GPG5 · Global integrity"
    assert any("No operation" in i.value for i in at.info)          # none of the 40 operations is GPG5
    assert "cpi_score" in set(table_with(at, "Identifier", "World")["Identifier"])


def test_goals_builders_sdg_links_and_escaping():
    from dashboard import reference, text

    assert reference.sdg_links("5;16;17") == [
        (5, "Gender equality", "https://sdgs.un.org/goals/goal5"),
        (16, "Peace, justice and strong institutions", "https://sdgs.un.org/goals/goal16"),
        (17, "Partnerships for the goals", "https://sdgs.un.org/goals/goal17")]
    assert reference.sdg_links(None) == [] and reference.sdg_links("99; x") == []
    # ':' as an entity (a backslash does not stop icon shortcodes), a word joiner (U+2060) against autolinks
    assert text.md_escape("[x](http://a) *b* $1") == "\\[x\\]\\(http&#58;\u2060//a\\) \\*b\\* \\$1"
