"""AppTest of the Architecture page: overlap matrix, coverage tables, map highlight and meetings, on the real data."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import decode as _array
from tests.apptest_helpers import open_page, table_with

PAGE = "pages/architecture.py"


def _open(params: dict | None = None) -> AppTest:
    return open_page(PAGE, **(params or {}))


def _table(at: AppTest, *columns: str):
    return table_with(at, *columns, unique=True)


def _traces(at: AppTest, kind: str) -> list[dict]:
    return [t for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"] if t["type"] == kind]


@pytest.fixture(scope="module")
def page(warehouse_dir) -> AppTest:
    return _open()


@pytest.fixture(scope="module")
def dashboard_data(warehouse_dir):
    from dashboard import data
    return data


def test_architecture_overlap_matrix_counts(page, dashboard_data):
    (heat,) = _traces(page, "heatmap")
    z = _array(heat["z"])
    x, y = heat["x"], heat["y"]
    cell = {(y[i], x[j]): z[i][j] for i in range(len(y)) for j in range(len(x))}
    expected = {("ASEANAPOL", "ASEANAPOL"): 10, ("GCC-POL", "GCC-POL"): 6, ("AIMC", "GCC-POL"): 6,
                ("GCC-POL", "AIMC"): 6, ("AFRIPOL", "AFRIPOL"): 55, ("EUROPOL", "Frontex"): 26,
                ("ASEANAPOL", "AFRIPOL"): 0}
    for pair, n in expected.items():
        assert cell[pair] == n, pair
    # every cell agrees with data.org_overlap(); INTERPOL (partial list) and UNODC (no members) are not in it
    overlap = dashboard_data.org_overlap()
    for a, b, n in zip(overlap["org_a"], overlap["org_b"], overlap["shared"]):
        assert cell[(a, b)] == n
    assert "INTERPOL" not in x and "UNODC" not in x
    # the hover names the shared countries
    hover = heat["hovertext"][y.index("AIMC")][x.index("GCC-POL")]
    assert "6 countries shared" in hover and "Bahrain" in hover and "Saudi Arabia" in hover


def test_architecture_coverage_tables(page, dashboard_data):
    cov = dashboard_data.country_coverage()
    n_none = int((cov["bodies"] == 0).sum())
    n_multi = int((cov["bodies"] >= 2).sum())
    assert (n_none, n_multi) == (82, 48)
    headers = [s.value for s in page.subheader]
    assert f"Covered by none besides INTERPOL ({n_none})" in headers
    assert f"Covered by two or more bodies ({n_multi})" in headers
    none = _table(page, "Country", "UN subregion")
    assert len(none) == n_none
    assert "Nigeria" not in set(none["Country"])            # an AFRIPOL member
    assert {"United Kingdom", "Ukraine", "Japan"} <= set(none["Country"])
    multi = _table(page, "Country", "Bodies", "Covered by")
    assert len(multi) == n_multi and (multi["Bodies"] >= 2).all()
    assert multi.set_index("Country").loc["Bahrain", "Covered by"] == "AIMC, GCC-POL"


def test_architecture_map_counts_bodies(page, dashboard_data):
    maps = _traces(page, "choropleth")
    assert len(maps) == 1                                    # no highlight by default
    z = dict(zip(maps[0]["locations"], _array(maps[0]["z"])))
    cov = dashboard_data.country_coverage()
    assert len(z) == len(cov)
    assert z["NGA"] == 1 and z["BHR"] == 2 and z["GBR"] == 0
    assert sum(1 for v in z.values() if v == 0) == 82


def test_architecture_participants_table(page):
    orgs = _table(page, "Name", "Role", "Countries covered")
    assert len(orgs) == 11
    covered = orgs.set_index("Name")["Countries covered"]
    assert covered["ASEANAPOL"] == "10" and covered["AFRIPOL"] == "55"
    assert covered["INTERPOL"].startswith("partial")
    assert covered["UNODC"] == "no member countries"
    assert set(orgs.set_index("Name").loc[["SCO", "UNODC"], "Role"]) == {"observer"}


def test_architecture_meetings_include_undated_edition(page, dashboard_data):
    meetings = _table(page, "Edition", "Dates", "Outcomes")
    assert len(meetings) == 10 == len(dashboard_data.dialogue_meetings())
    by_edition = meetings.set_index("Edition")
    assert by_edition.loc["6th", "Dates"] == "date unknown"
    assert by_edition.loc["6th", "Place"] == "New York, United States"
    assert by_edition.loc["1st", "Dates"] == "2016-03-15 – 2016-03-16"
    assert by_edition.loc["4th", "Virtual"] == "yes"
    # timeline: the 9 dated meetings as markers; the caption names the undated one
    points = sum(len(t["x"]) for t in _traces(page, "scatter"))
    assert points == 9
    assert any("6th (New York)" in c.value.replace("\\", "") for c in page.caption)   # Markdown-escaped data


def test_architecture_org_param_highlights_members(warehouse_dir):
    at = _open({"org": "ASEANAPOL"})
    assert not at.warning
    assert at.selectbox(key="org").value == "ASEANAPOL"
    members = _table(at, "Country", "Membership")
    assert len(members) == 10
    assert "Singapore" in set(members["Country"])
    maps = _traces(at, "choropleth")
    assert len(maps) == 2 and len(maps[1]["locations"]) == 10 and "SGP" in maps[1]["locations"]
    assert any("ASEANAPOL: 10 countries covered" in m.value.replace("\\", "").replace("&#58;", ":")
               for m in at.markdown)                         # Markdown-escaped data (':' as an entity)


def test_architecture_org_partners_not_counted(warehouse_dir):
    at = _open({"org": "EUROPOL"})
    members = _table(at, "Country", "Membership")
    # (corrected reference data: Denmark is a Europol partner since 2017, no longer a member)
    assert len(members) == 44 and (members["Membership"] == "partner").sum() == 18
    maps = _traces(at, "choropleth")
    assert len(maps[1]["locations"]) == 26                    # partners are not highlighted as coverage


def test_architecture_invalid_org_warns(warehouse_dir):
    at = _open({"org": "NOT-A-BODY"})
    assert any("'org'" in w.value for w in at.warning)
    assert at.selectbox(key="org").value is None
    assert len(_traces(at, "choropleth")) == 1


def test_architecture_tables_offered_as_csv(page, con):
    labels = {b.proto.label for b in page.get("download_button")}
    assert {"Download the bodies (CSV)", "Download coverage by country (CSV)"} <= labels
    # what the coverage CSV holds: one row per country of the warehouse, AFRIPOL among Niger's bodies
    from dashboard import questions
    coverage = questions.plain().country_coverage()
    assert len(coverage) == con.execute("SELECT count(*) FROM countries").fetchone()[0]
    niger = coverage.set_index("iso3").loc["NER"]
    assert "AFRIPOL" in niger["body_names"].split(", ") and niger["bodies"] >= 1
