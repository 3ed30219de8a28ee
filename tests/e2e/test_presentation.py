"""Presentation mode in a real browser: the shipped deck walked start to finish in one window with Next and the
keys a clicker sends, no sidebar, navigation or toolbar, type at least 1.4 times the normal size, no request beyond
the local server, a screenshot per slide; presentation mode on a page and its way out; a chart's own PNG download.
The presenter's two windows, the attendee and the fit to the screen: test_presentation_stage.py.

Prints (never asserts) the median time per slide change."""
from __future__ import annotations

import statistics
import time

import pytest

from dashboard import decks
from tests.e2e import helpers
from tests.e2e.helpers import error_boxes, plotly_charts, screenshot, wait_for_app

DECK = decks.load("dialogue")
N = len(DECK)
FOOTER = "Every figure traces to a cited source"
CHROME = ['[data-testid="stSidebar"]', '[data-testid="stSidebarNav"]', '[data-testid="stHeader"]',
          '[data-testid="stToolbar"]', '[data-testid="stStatusWidget"]', '[data-testid="stDecoration"]',
          '[data-testid="stMainMenu"]', '[data-testid="stExpandSidebarButton"]',
          '[data-testid="stSidebarCollapsedControl"]']
MAIN_TEXT = '[data-testid="stMain"] [data-testid="stMarkdownContainer"] p'
MAIN_CAPTION = '[data-testid="stMain"] [data-testid="stCaptionContainer"]'


def visible_count(page, selector: str) -> int:
    loc = page.locator(selector)
    return sum(loc.nth(i).is_visible() for i in range(loc.count()))


def font_px(page, selector: str) -> float:
    """Computed font size of the first visible element matching `selector` ("html": the root)."""
    if selector == "html":
        return page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    return page.locator(selector).evaluate_all(
        "els => { const e = els.find(x => x.offsetParent !== null); "
        "return e ? parseFloat(getComputedStyle(e).fontSize) : 0; }")


def open_url(page, url: str) -> None:
    page.goto(url)
    if "deck=" not in url:
        page.get_by_text(FOOTER).wait_for(timeout=60_000)         # a page ends with the footer (a slide has none)
    wait_for_app(page, timeout=60_000)


def wait_for_slide(page, k: int, timeout: float = 60_000) -> None:
    helpers.wait_for_slide(page, DECK, k, timeout)


def assert_slide(page, k: int) -> None:
    slide = DECK.slide(k)
    assert f"slide={k}" in page.url and "deck=dialogue" in page.url
    assert page.get_by_text(slide.title, exact=True).is_visible()
    for selector in CHROME:
        assert visible_count(page, selector) == 0, f"slide {k}: {selector} is visible"
    assert plotly_charts(page).count() >= 1
    chart = page.locator(f".st-key-{slide.chart}")
    assert chart.count() == 1 and chart.is_visible(), f"slide {k}: chart {slide.chart} not shown"
    box = chart.bounding_box()
    assert box and box["height"] >= 600, f"slide {k}: chart only {box} tall"        # fills the screen
    assert error_boxes(page).count() == 0, page.inner_text("body")[:1500]


def test_presentation_walks_the_dialogue_deck_offline(app_server, page):
    # the normal page's type, for comparison
    open_url(page, f"{app_server}/trends")
    normal = {"root": font_px(page, "html"), "text": font_px(page, MAIN_TEXT), "caption": font_px(page, MAIN_CAPTION)}
    assert all(normal.values()), normal

    open_url(page, f"{app_server}/?deck=dialogue&slide=1")
    wait_for_slide(page, 1)
    assert_slide(page, 1)
    big = {"root": font_px(page, "html"), "text": font_px(page, MAIN_TEXT), "caption": font_px(page, MAIN_CAPTION)}
    for kind in normal:
        assert big[kind] >= 1.4 * normal[kind] - 0.05, (kind, big[kind], normal[kind])
    screenshot(page, "presentation_slide_1", full_page=False)

    steps = []
    keys = {2: "PageDown", 3: "ArrowRight"}            # what clickers send; the other slides by the Next button
    for k in range(2, N + 1):
        start = time.perf_counter()
        if k in keys:
            page.keyboard.press(keys[k])
        else:
            page.get_by_role("button", name="Next").click()
        wait_for_slide(page, k)
        steps.append(time.perf_counter() - start)
        assert_slide(page, k)
        screenshot(page, f"presentation_slide_{k}", full_page=False)

    assert page.get_by_role("button", name="Next").is_disabled()          # the last slide
    for key, k in (("PageUp", N - 1), ("ArrowLeft", N - 2)):
        start = time.perf_counter()
        page.keyboard.press(key)
        wait_for_slide(page, k)
        steps.append(time.perf_counter() - start)
        assert_slide(page, k)

    # a reload lands on the same slide
    page.reload()
    wait_for_slide(page, N - 2, timeout=60_000)
    assert_slide(page, N - 2)

    print(f"\nslide changes: median {statistics.median(steps):.2f} s, min {min(steps):.2f} s, "
          f"max {max(steps):.2f} s over {len(steps)} changes")
    assert page.external_requests == [], page.external_requests


def test_presentation_mode_keeps_headline_values_large(app_server, page):
    open_url(page, f"{app_server}/")
    values = '[data-testid="stMetricValue"]'                    # the Overview's headline values
    normal = font_px(page, values)
    assert normal > 0
    open_url(page, f"{app_server}/?present=1")
    assert font_px(page, values) >= 1.4 * normal - 0.5, (font_px(page, values), normal)


def test_presentation_mode_on_any_page_and_its_exit(app_server, page):
    open_url(page, f"{app_server}/map")
    normal = font_px(page, MAIN_TEXT)
    page.get_by_text("Presentation mode").click()
    page.wait_for_function("() => location.search.includes('present=1')", timeout=30_000)
    wait_for_app(page)
    for selector in CHROME:
        assert visible_count(page, selector) == 0, selector
    assert font_px(page, MAIN_TEXT) >= 1.4 * normal - 0.05
    assert page.locator(".js-plotly-plot").first.bounding_box()["height"] >= 600
    screenshot(page, "presentation_map", full_page=False)
    page.get_by_role("button", name="Exit presentation").click()
    page.wait_for_function("() => !location.search.includes('present=1')", timeout=30_000)
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.external_requests == []


@pytest.mark.parametrize("path, chart", [("trends", "trends_chart"), ("map", "map_chart")])
def test_chart_png_download_works_offline(app_server, page, path, chart):
    open_url(page, f"{app_server}/{path}")
    plot = page.locator(f".st-key-{chart} .js-plotly-plot")
    plot.hover()
    button = page.locator(f'.st-key-{chart} .modebar-btn[data-title^="Download plot"]')
    button.wait_for(timeout=10_000)
    with page.expect_download(timeout=30_000) as info:
        button.click()
    download = info.value
    data = open(download.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert download.suggested_filename.endswith(".png")
    assert page.external_requests == [], page.external_requests
