"""Overview (default page) with AppTest: tiles, small multiples, latest operations — from the real data."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data, theme
from tests.apptest_helpers import shown


@pytest.fixture
def at(warehouse_dir):
    return AppTest.from_file("../app.py", default_timeout=60).run()


class _Shown:
    def __init__(self, metric, at):
        self.label, self.value, self.sign = shown(metric.label), metric.value, shown(metric.delta or "")
        # the change sentence: the caption under the metric that starts with its delta
        sentences = [shown(c.value) for c in at.caption]
        self.delta = next((s for s in sentences if self.sign and s.startswith(self.sign + " ")), "")


def _tile(at, title):
    """A tile, by its indicator's name: its value, its delta (the change alone) and the change sentence under it,
    as the viewer reads them (Markdown unescaped)."""
    return next(t for t in (_Shown(m, at) for m in at.metric) if t.label == title)


def test_overview_is_the_default_page_with_a_tile_per_goal_in_goal_order(at):
    assert not at.exception
    assert at.title[0].value == "Transnational crime: where things stand"
    labels = [m.label for m in at.metric]
    assert len(labels) == 7
    assert labels[0] == "Deaths from terrorism" and labels[2] == "Homicide rate"       # GPG1 first, GPG3 third
    goals = [c.value for c in at.caption if c.value.startswith("GPG")]
    assert goals == sorted(goals) and len(goals) == 7 and goals[0].startswith("GPG1")
    # full titles, never truncated labels: each is also written out in bold above its value
    bold = " ".join(md.value for md in at.markdown)
    assert all(f"**{label}**" in bold for label in labels)


def test_homicide_tile_shows_unodcs_estimate_with_its_data_year_and_change(at):
    h = data.headline("homicide_rate_per_100k").iloc[0]
    tile = _tile(at, "Homicide rate")
    assert int(h.year) == 2023 and h.estimate_kind == "publisher_estimate"
    assert tile.value == theme.fmt_number(h.value, "rate_per_100k") == "5.2"
    change = h.like_for_like_value - h.like_for_like_prev                   # the publisher's 2022 and 2023
    assert tile.delta == f"−{abs(change):.2f} from 2022 to 2023 in the publisher's own estimates" == \
        "−0.09 from 2022 to 2023 in the publisher's own estimates"
    captions = shown(" ".join(c.value for c in at.caption))
    assert "World · 2023 data · victims per 100,000 population" in captions
    assert "The publisher's own estimate: it imputes the countries that do not report (UNODC" in captions


def test_the_reporting_countries_aggregate_is_one_click_away_and_like_for_like(at):
    r = data.region_series("homicide_rate_per_100k", "world", ["World"], 2023, 2023).iloc[0]   # reporting
    texts = " ".join(t.value for t in at.text)
    change = r.like_for_like_value - r.like_for_like_prev
    sign = "−" if change < 0 else "+"
    assert f"Aggregate of the {r.countries_reporting} reporting countries, 2023: " \
           f"{theme.fmt_number(r.value, 'rate_per_100k')}" in texts
    assert f"{sign}{abs(change):.2f} on the {r.countries_both} countries reporting in 2022 and 2023 " \
           f"({theme.fmt_share(r.population_both_share)} of the world's population)" in texts
    assert any(e.label == "Aggregate of the reporting countries" for e in at.expander)


def test_terrorism_tile_stops_before_the_half_year_and_says_why(at):
    tile = _tile(at, "Deaths from terrorism")
    h = data.headline("terrorism_deaths").iloc[0]
    assert int(h.year) == 2020                                     # 2021 covers January-June only
    assert tile.value == theme.fmt_number(h.value, "count") == "22,832"
    assert tile.delta == "+2,447 from 2019 to 2020 in the publisher's own estimates"
    badges = shown(" ".join(md.value for md in at.markdown if "badge[" in md.value))     # st.badge is Markdown
    assert "Caveats (2): Series break, Partial year" in badges
    assert "2021 covers January to June only" in " ".join(t.value for t in at.text)


def test_index_tiles_say_they_are_unweighted_and_compare_like_for_like(at):
    cpi = data.region_series("cpi_score", "world", ["World"], 2022, 2022).iloc[0]
    captions = shown(" ".join(c.value for c in at.caption))
    assert f"Unweighted mean of {cpi.countries_reporting} countries" in captions
    tile = _tile(at, "Corruption Perceptions Index score")
    change = cpi.like_for_like_value - cpi.like_for_like_prev
    assert tile.delta == f"{'−' if change < 0 else '+'}{abs(change):.2f} on the {cpi.countries_both} countries " \
                         f"scored in 2021 and 2022"
    markets = data.region_series("ocindex_criminal_markets", "world", ["World"], 2023, 2023).iloc[0]
    tile = _tile(at, "Criminal markets (average)")
    change = markets.like_for_like_value - markets.like_for_like_prev
    assert tile.delta == f"+{change:.2f} on the 193 countries scored in 2021 and 2023, comparing only the " \
                         f"{markets.components_both} components scored in both" and markets.components_both == 10


def test_changes_have_one_true_sign_and_colour_only_with_a_direction(at):
    from dashboard.panels.overview import change_colour
    for m in at.metric:
        if m.delta:
            delta = shown(m.delta)
            assert not delta.startswith(("-", "↓", "↑")) and delta[0] in "−+0" and " -" not in delta
    assert change_colour(-0.4, "worse") == "green" and change_colour(-0.4, "better") == "red"
    assert change_colour(-0.4, "neither") == change_colour(0.4, None) == change_colour(0, "worse") == "gray"


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
    assert any("Warehouse built on" in c.value for c in at.caption)


def test_missing_warehouse_shows_the_command_that_fixes_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert "make etl" in at.error[0].value and "python -m etl" in at.error[0].value


def test_overview_download_holds_the_tiles_figures_with_all_digits(at):
    import io

    import pandas as pd

    from dashboard import questions
    from dashboard.panels.overview import overview_tiles, tile_table

    assert any(b.proto.label == "Download these figures (CSV)" for b in at.get("download_button"))
    df = tile_table(overview_tiles("en", questions.plain()))
    assert list(df["goal_id"]) == [f"GPG{i}" for i in range(1, 8)]
    homicide = df.set_index("indicator_id").loc["homicide_rate_per_100k"]
    h = data.headline("homicide_rate_per_100k").iloc[0]
    assert homicide["value"] == h.value and homicide["year"] == 2023
    assert homicide["estimate_kind"] == "publisher_estimate" and "2022 to 2023" in homicide["change"]
    assert len(pd.read_csv(io.StringIO(df.to_csv(index=False)))) == 7


def test_overview_tiles_asked_at_once_equal_tiles_asked_one_by_one(warehouse_dir):
    """overview_tiles asks headlines, region_series_many and caveats_for_many once for all seven tiles; each tile
    must be what tile() builds from its own questions (values, change, sparkline, caveats)."""
    import pandas as pd

    from dashboard import questions
    from dashboard.panels.overview import headlines, overview_tiles, tile, tile_table

    q = questions.plain()
    together = overview_tiles("en", q)
    goals = q.goals("en")
    short = dict(zip(goals["goal_id"], goals["short_name"]))
    alone = [tile(c["goal_id"], c["indicator_id"], "en", q, short.get(c["goal_id"], ""))
             for c in sorted(headlines()["tile"], key=lambda c: c["goal_id"])]
    pd.testing.assert_frame_equal(tile_table(alone), tile_table(together))
    for a, b in zip(alone, together, strict=True):
        assert (a.figure is None) == (b.figure is None)
        if a.figure is not None:
            assert a.figure.to_json() == b.figure.to_json()
        assert (a.change, a.alternative, a.caveats) == (b.change, b.alternative, b.caveats)
    assert sum(len(t.caveats) for t in together) > 0            # terrorism's partial 2021 and break at least
