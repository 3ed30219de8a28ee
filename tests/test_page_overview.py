"""Overview (default page) with AppTest: tiles, small multiples, latest operations — from the real data."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data, theme


@pytest.fixture
def at(warehouse_dir):
    return AppTest.from_file("../app.py", default_timeout=60).run()


def test_overview_is_the_default_page_with_a_tile_per_goal(at):
    assert not at.exception
    assert at.title[0].value == "Transnational crime: where things stand"
    labels = {m.label for m in at.metric}
    assert {"Homicide rate", "Deaths from terrorism", "Corruption Perceptions Index score"} <= labels
    assert len(at.metric) == 7


def test_homicide_tile_shows_the_latest_well_covered_world_value(at):
    h = data.headline("homicide_rate_per_100k")
    tile = next(m for m in at.metric if m.label == "Homicide rate")
    assert int(h.iloc[0].year) == 2023 and h.iloc[0].estimate_kind == "publisher_estimate"
    assert tile.value == theme.fmt_number(h.iloc[0].value, "rate_per_100k") == "5.2"
    assert "since 2022" in tile.delta
    captions = " ".join(c.value for c in at.caption)
    assert "World, 2023" in captions and "UNODC, processed by Our World in Data" in captions


def _multiples(at) -> dict:
    """The small multiples' figure (the tiles' sparklines are plotly charts too)."""
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(s for s in specs if "xaxis2" in s["layout"])          # the one figure with several panels


def test_small_multiples_have_one_panel_per_un_region(at):
    spec = _multiples(at)
    names = sorted({t["name"] for t in spec["data"] if t.get("showlegend") is False})
    assert names == ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    assert "Homicide rate" in spec["layout"]["title"]["text"]


def test_latest_operations_show_qualified_results(at):
    latest = data.operations().head(6)
    text = " ".join(md.value for md in at.markdown)
    for name in latest["name"]:
        assert name in text
    assert any(c.value.startswith("Data as of") or "Data as of" in c.value for c in at.caption)


def test_missing_warehouse_shows_the_command_that_fixes_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert "make etl" in at.error[0].value and "python -m etl" in at.error[0].value
