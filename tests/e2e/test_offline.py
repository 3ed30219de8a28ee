"""Offline safety: the app and its maps load without contacting any host but the local server."""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .helpers import error_boxes, is_external_url, plotly_charts, screenshot, wait_for_app


def _probe_locations() -> list[str]:
    """The ``LOCATIONS`` list of apps/map_probe.py, read without running the script."""
    tree = ast.parse((Path(__file__).parent / "apps" / "map_probe.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "LOCATIONS" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("LOCATIONS not found in apps/map_probe.py")


MAP_PROBE_LOCATIONS = _probe_locations()


def test_home_makes_no_external_requests(app_server, page):
    page.goto(app_server + "/")
    wait_for_app(page)
    screenshot(page, "home")

    assert page.external_requests == [], "the app contacted external hosts"

    icons = page.locator('link[rel~="icon"]')
    assert icons.count() >= 1, "no <link rel=icon> on the page"
    for i in range(icons.count()):
        href = icons.nth(i).get_attribute("href") or ""
        resolved = urljoin(page.url, href)
        assert not is_external_url(resolved), f"favicon points at an external host: {resolved}"

    assert error_boxes(page).count() == 0, error_boxes(page).all_inner_texts()


def test_map_draws_countries_from_local_topojson(map_probe_server, page):
    topojson_responses: list[tuple[str, int]] = []

    def on_response(response) -> None:
        if response.url.endswith("m.json"):  # world_110m.json, world_50m.json, ...
            topojson_responses.append((response.url, response.status))

    page.on("response", on_response)
    page.goto(map_probe_server + "/")
    wait_for_app(page)
    # plotly.js draws the choropleth only after the topojson has loaded: give it a moment,
    # then let the assertions below say what went wrong.
    try:
        page.wait_for_function(
            "(n) => document.querySelectorAll('.js-plotly-plot .geo path.choroplethlocation').length >= n",
            arg=len(MAP_PROBE_LOCATIONS),
            timeout=15_000,
        )
    except PlaywrightTimeoutError:
        pass
    screenshot(page, "map_probe")

    assert page.external_requests == [], "the map contacted external hosts"
    assert topojson_responses == [(map_probe_server + "/app/static/world_110m.json", 200)]
    # a failed topojson fetch shows up here as "pageerror: ... fetching topojson file ..."
    assert page.console_errors == []
    assert plotly_charts(page).count() == 1
    geo = page.locator(".js-plotly-plot .geo")
    countries = geo.locator("path.choroplethlocation")
    assert countries.count() == len(MAP_PROBE_LOCATIONS)
    paths = countries.evaluate_all("ps => ps.map(p => p.getAttribute('d') || '')")
    assert all(len(d) > 20 for d in paths), "choropleth paths are empty"
    # the base map's country borders come from the same file
    assert geo.locator(".layer.countries path").count() >= 1
    assert error_boxes(page).count() == 0, error_boxes(page).all_inner_texts()
