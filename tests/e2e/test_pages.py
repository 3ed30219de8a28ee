"""Every page in a real browser: charts drawn, no error box, no request beyond the local server, URL state."""
from __future__ import annotations

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
    assert "of 8 operations" in body                      # the eight environmental (GPG7) operations
    assert error_boxes(page).count() == 0
    assert page.external_requests == []


def test_invalid_parameter_shows_a_notice_not_an_error(app_server, page):
    page.goto(f"{app_server}/operations?goal=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    wait_for_app(page)
    assert "was ignored" in page.inner_text("body")
    assert error_boxes(page).count() == 0
    assert page.external_requests == []
