"""The URL parsed into typed, frozen filters (dashboard/filters.py): defaults, dependent values, notices only for
what came from a link, and the canonical URL written back."""
from __future__ import annotations

import dataclasses

import pytest

from dashboard import filters, questions, registry


@pytest.fixture(scope="module")
def q(warehouse_dir):
    return questions.plain(warehouse_dir)


def test_filters_defaults_of_every_page(q):
    for page in registry.PAGES:
        f, notices = filters.parse(page.path, {}, q)
        assert notices == [] and f.params() == {}, page.path
        with pytest.raises(dataclasses.FrozenInstanceError):
            f.defaults = ()
    f, _ = filters.parse("trends", {}, q)
    assert (f.indicator, f.scheme, f.regions, f.years) == (
        "homicide_rate_per_100k", "un_region", ("Africa", "Americas", "Asia", "Europe", "Oceania"),
        (2000, q.year_bounds()[1]))
    assert q.year_bounds() == (1970, 2025)            # GTD from 1970; operations to 2025 (indicators to 2024)


def test_filters_goal_opens_its_first_indicator_and_indicator_carries_its_goal(q):
    f, _ = filters.parse("trends", {"goal": ["GPG1"]}, q)
    assert (f.goal, f.indicator) == ("GPG1", "terrorism_deaths") and f.params() == {"indicator": "terrorism_deaths"}
    f, _ = filters.parse("map", {"indicator": ["cpi_score"]}, q)
    assert f.goal == "GPG5" and f.year == q.default_map_year("cpi_score") and "year" not in f.params()


def test_filters_invalid_link_values_give_notices_and_defaults(q):
    f, notices = filters.parse("trends", {"regions": ["Africa", "Atlantis"], "view": ["pie"], "log": ["maybe"]}, q)
    assert {n.param for n in notices} == {"regions", "view", "log"}
    assert f.regions == filters.default_regions("un_region", q.regions("un_region")) and f.view == "chart"
    assert "Atlantis" in next(n for n in notices if n.param == "regions").text()


def test_filters_widget_values_are_corrected_silently(q):
    """Regions of the old scheme after the viewer changed the scheme: the new scheme's default, no notice."""
    raw = {"scheme": ["organization"], "regions": ["Africa"]}
    f, notices = filters.parse("trends", raw, q, from_link=lambda name: False)
    assert notices == [] and f.scheme == "organization" and f.regions == tuple(q.regions("organization"))


def test_filters_repeated_single_values_are_reported(q):
    f, notices = filters.parse("goals", {"goal": ["GPG1", "GPG2"]}, q)
    assert f.goal == "GPG1" and [n.param for n in notices] == ["goal"]


def test_filters_operations_preset_metric_and_canonical_url(q):
    raw = {"q": ["Epervier,Libertad,Sawiyan"], "op": ["epervier-2017", "libertad-2018", "sawiyan-2018"],
           "metric": ["victims_rescued"]}
    f, notices = filters.parse("operations", raw, q)
    assert not notices and f.op == tuple(raw["op"]) and f.metric == "victims_rescued"
    assert f.params() == {"q": "Epervier,Libertad,Sawiyan"}          # op and metric are this view's defaults
