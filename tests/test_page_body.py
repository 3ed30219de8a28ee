"""AppTest of the Dialogue-body profile: members on a map, headline indicators with coverage, operations in its
countries, overlaps. Expected values are read from the warehouse with plain SQL (the `con` fixture)."""
from __future__ import annotations

import json

import pytest

from tests.apptest_helpers import decode, open_page, table_with

pytestmark = pytest.mark.usefixtures("warehouse_dir")


@pytest.fixture(scope="module")
def afripol():
    return open_page("pages/body.py", org="AFRIPOL")


def test_body_afripol_lists_its_55_members(afripol, con):
    members = {r[0] for r in con.execute("SELECT iso3 FROM org_membership WHERE org_id = 'afripol' AND "
                                         "membership_type = 'member'").fetchall()}
    assert len(members) == 55
    assert {m.label: m.value for m in afripol.metric}["Member countries"] == "55"
    assert any(s.value == "55 member countries" for s in afripol.subheader)
    table = table_with(afripol, "Country", "Membership", "Profile")
    assert len(table) == 55 and set(table["Membership"]) == {"member"}
    assert "–" in set(table["Since"]) and "None" not in set(table["Since"].astype(str))   # no None cells
    fig = json.loads(afripol.get("plotly_chart")[0].proto.spec)
    assert set(decode(fig["data"][0]["locations"])) == members


def test_body_afripol_headline_values_with_coverage(afripol, con):
    table = table_with(afripol, "Goal", "Indicator", "Year", "Value", "Countries reporting")
    year, value, n, total = con.execute(
        "SELECT year, value, countries_reporting, countries_total FROM region_values WHERE scheme = 'organization' "
        "AND region = 'AFRIPOL' AND indicator_id = 'terrorism_deaths' AND sex = 'Total' AND age = 'Total' "
        "AND coalesce(population_covered_share, countries_reporting / countries_total) >= 0.5 "
        "ORDER BY year DESC LIMIT 1").fetchone()
    row = table[table["Goal"] == "GPG1"].iloc[0]
    assert (row["Year"], row["Value"], row["Countries reporting"]) == (year, f"{value:,.0f}", f"{n} of {total}")


def test_body_afripol_operations_and_overlaps(afripol, con):
    ops = table_with(afripol, "Operation", "Of its countries")
    epervier = ops[ops["Operation"] == "Operation Epervier"].iloc[0]
    listed = con.execute("SELECT count(*) FROM operation_countries WHERE operation_id = 'epervier-2017' AND iso3 IN "
                         "(SELECT iso3 FROM org_membership WHERE org_id = 'afripol')").fetchone()[0]
    assert epervier["Of its countries"] == listed == 5
    overlap = table_with(afripol, "Body", "Countries shared")
    shared = con.execute("SELECT count(*) FROM org_membership a JOIN org_membership b USING (iso3) WHERE "
                         "a.org_id = 'afripol' AND b.org_id = 'aimc' AND a.membership_type IN ('member', 'associate') "
                         "AND b.membership_type IN ('member', 'associate')").fetchone()[0]
    assert dict(zip(overlap["Body"], overlap["Countries shared"]))["AIMC"] == shared == 10


def test_body_partial_list_and_no_body():
    at = open_page("pages/body.py", org="INTERPOL")
    assert any("partial" in w.value for w in at.warning)
    at = open_page("pages/body.py")
    assert at.selectbox(key="org").value is None and not at.get("plotly_chart")
