"""Every page in a real browser: charts drawn, no error box, no request beyond the local server, URL state."""
from __future__ import annotations

import re

import pytest

from tests.e2e.helpers import error_boxes, plotly_charts, screenshot, wait_for_app, wait_for_rerun

# url path -> (text that must appear, minimum number of drawn plotly charts)
PAGES = {
    "": ("where things stand", 1),               # Overview is the default page: its URL is the root
    "trends": ("Trends", 1),
    "map": ("Map", 1),
    "operations": ("Operations", 2),
    "goals": ("Global Policing Goals", 0),
    "architecture": ("overlap", 2),
    "data": ("Data dictionary", 0),
}


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_draws_charts_without_errors_or_external_requests(app_server, page, path):
    text, min_charts = PAGES[path]
    page.goto(f"{app_server}/{path}")
    page.get_by_text("Every figure traces to a cited source").wait_for(timeout=30_000)   # app.py's footer
    wait_for_app(page)
    assert text.lower() in page.inner_text("body").lower()
    assert plotly_charts(page).count() >= min_charts
    assert error_boxes(page).count() == 0, page.inner_text("body")[:2000]
    assert page.external_requests == []
    screenshot(page, f"page_{path or 'overview'}")


def test_fresh_server_deep_link_goes_through_the_app_frame(fresh_app_server, page):
    """On a server nobody has opened yet, a shared link to a page still gets the navigation, sidebar
    filters and footer of app.py, and keeps its parameters."""
    page.goto(f"{fresh_app_server}/operations?goal=GPG7")
    # the first run switches Streamlit's multipage mode and reruns through app.py: wait for its footer
    page.get_by_text("Every figure traces to a cited source").wait_for(timeout=30_000)
    wait_for_app(page)
    body = page.inner_text("body")
    assert "Regions and years" in body                   # the shared sidebar filters of app.py
    assert "Every figure traces to a cited source" in body  # the footer of app.py
    assert "goal=GPG7" in page.url
    # the eight environmental (GPG7) operations: the count above the timeline (the panels' notes are in the
    # collapsed details under each chart, which inner_text leaves out)
    assert re.search(r"\b8 of \d+ operations match", body), body[:1500]
    assert error_boxes(page).count() == 0
    assert page.external_requests == []


def test_invalid_parameter_shows_a_notice_not_an_error(app_server, page):
    page.goto(f"{app_server}/operations?goal=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    # a cold server may report the app idle before the page's first run has drawn: wait for the notice itself
    page.get_by_text("was ignored").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert "was ignored" in page.inner_text("body")
    assert error_boxes(page).count() == 0
    assert page.external_requests == []


PLOT_STATE = """() => { const g = document.querySelector('.js-plotly-plot');
    return {names: g.data.map(t => t.name), ytype: g._fullLayout.yaxis.type}; }"""


def _open_trends(page, url):
    page.goto(url)
    page.get_by_text("Every figure traces to a cited source").wait_for(timeout=30_000)
    wait_for_app(page)
    return page.evaluate(PLOT_STATE)


def test_changed_filters_land_in_the_url_and_a_copied_link_restores_the_view(app_server, page, browser):
    before = _open_trends(page, f"{app_server}/trends")
    assert before["ytype"] == "linear"
    names = [n for n in before["names"] if n in ("Africa", "Americas", "Asia", "Europe", "Oceania")]
    assert list(dict.fromkeys(names)) == ["Africa", "Americas", "Asia", "Europe", "Oceania"]  # markers, segments
    wait_for_rerun(page, lambda: page.get_by_text("Log scale").click())
    wait_for_rerun(page, lambda: page.get_by_role("button", name="Remove Oceania").click())
    assert "log=true" in page.url and "regions=" in page.url and "Oceania" not in page.url
    changed = page.evaluate(PLOT_STATE)
    assert changed["ytype"] == "log" and "Oceania" not in changed["names"]
    # the copied link in a fresh browser context (no cookies, no session) shows the same view, also after reload
    other = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        fresh = other.new_page()
        assert _open_trends(fresh, page.url) == changed
        fresh.reload()
        fresh.get_by_text("Every figure traces to a cited source").wait_for(timeout=30_000)
        wait_for_app(fresh)
        assert fresh.evaluate(PLOT_STATE) == changed
        screenshot(fresh, "trends_from_copied_link")
    finally:
        other.close()
    assert page.external_requests == []


def test_fresh_server_deep_link_to_the_data_page(fresh_app_server, page):
    page.goto(f"{fresh_app_server}/data?table=goals")
    page.get_by_text("Every figure traces to a cited source").wait_for(timeout=30_000)
    wait_for_app(page)
    body = page.inner_text("body")
    assert "Page not found" not in body and "does not seem to exist" not in body
    assert "Data dictionary" in body and "table=goals" in page.url
    assert error_boxes(page).count() == 0 and page.external_requests == []
