"""AppTest of Since the last meeting: per goal the headline indicator's like-for-like change since the meeting's
year, and the operations reported since. Expected values are computed in the test from plain SQL."""
from __future__ import annotations

import pytest

from tests.apptest_helpers import open_page, table_with
from tests.test_page_table import like_for_like

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def test_since_defaults_to_the_latest_numbered_edition(con):
    at = open_page("pages/since.py")
    latest = con.execute("SELECT edition FROM dialogue_meetings WHERE regexp_matches(edition, '^[0-9]+(st|nd|rd|th)$') "
                         "AND start_date IS NOT NULL ORDER BY start_date DESC LIMIT 1").fetchone()[0]
    assert at.selectbox(key="meeting").value == latest == "8th"
    # nothing newer than 2024 is adequately covered: every headline says so instead of inventing a change
    assert any("No newer data since the meeting" in c.value for c in at.caption)


def test_since_the_fifth_meeting(con):
    at = open_page("pages/since.py", meeting="5th")
    metrics = {m.label: m for m in at.metric}
    a, b, n = like_for_like(con, "homicide_rate_per_100k", "world", "World", 2021, 2022)
    homicide = metrics["Homicide rate"]
    world = dict(con.execute("SELECT estimate_kind, value FROM region_values WHERE scheme = 'world' AND indicator_id "
                             "= 'homicide_rate_per_100k' AND year = 2022 AND sex = 'Total' AND age = 'Total'"
                             ).fetchall())
    assert homicide.value == f"{world['reporting_countries']:.2f}" == "5.81"   # the 2022 value of all reporters
    unodc_2021 = con.execute("SELECT value FROM region_values WHERE scheme = 'world' AND indicator_id = "
                             "'homicide_rate_per_100k' AND year = 2021 AND estimate_kind = 'publisher_estimate' "
                             "AND sex = 'Total'").fetchone()[0]
    assert f"{unodc_2021:.2f} in 2021, {world['publisher_estimate']:.2f} in 2022" in " ".join(
        c.value for c in at.caption) and round(world["publisher_estimate"], 2) == 5.29   # UNODC's own estimate
    assert homicide.proto.delta == f"−{a - b:.2f} since 2021" == "−0.41 since 2021"
    captions = " ".join(c.value for c in at.caption)
    assert f"on the {n} countries reporting in both 2021 and 2022" in captions and n == 103
    since = con.execute("SELECT count(*) FROM operations WHERE coalesce(announced_date, end_date, start_date) >= "
                        "DATE '2021-10-27'").fetchone()[0]
    assert any(m.value.startswith(f"**{since}** operations reported since the meeting") for m in at.markdown)
    ops = table_with(at, "Operation", "Reported", "Published figures")
    assert len(ops) == since


def test_since_unknown_meeting_gives_a_notice():
    at = open_page("pages/since.py", meeting="99th")
    assert any("'meeting' (99th)" in w.value for w in at.warning)
    assert at.selectbox(key="meeting").value == "8th"
