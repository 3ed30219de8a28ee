"""Text from data files is shown as text in the browser: every page on a warehouse whose names, titles,
outcomes and notes carry `<script>`, `<img onerror>` and Markdown links (tests/hostile_data.py).

For each page: no element from the data exists in the DOM (no <img src=x>, no <script> with alert, no link to
the evil host, in HTML or in plotly's SVG), no dialog (alert) fires, no request leaves for the evil host, and
the payload is visible as literal text somewhere on the page. The AppTest half is tests/test_app_text_safety.py.
"""
from __future__ import annotations

import pytest

from tests import hostile_data
from tests.e2e.conftest import REPO_ROOT, _start_streamlit, _stop
from tests.e2e.helpers import error_boxes, screenshot, wait_for_app
from tests.hostile_data import EVIL_HOST, SCRIPT

PAGES = ["", "trends", "map", "operations?q=Epervier", "goals?goal=GPG3", "architecture", "data"]

DOM_PROBE = """(evil) => ({
  imgs: [...document.querySelectorAll('img')].filter(i => (i.getAttribute('src') || '') === 'x').length,
  scripts: [...document.querySelectorAll('script')].filter(s => (s.textContent || '').includes('alert(1)')).length,
  links: [...document.querySelectorAll('a, [href], [*|href]')].filter(a =>
      ((a.getAttribute('href') || '') + (a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || ''))
        .includes(evil)).length,
  strong: [...document.querySelectorAll('strong, b')].filter(b => b.textContent === 'bold').length,
  onerror: [...document.querySelectorAll('[onerror]')].length,
})"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, browser):
    data_dir = hostile_data.build(tmp_path_factory.getbasetemp())
    log = tmp_path_factory.mktemp("hostile_server") / "streamlit.log"
    proc, url = _start_streamlit(REPO_ROOT / "app.py", log, {"DATA_DIR": str(data_dir)})
    try:
        # open the app once, so that no test is the server's very first session (on a fresh server a deep
        # link to a page whose file name differs from its URL, e.g. /data, first shows "Page not found")
        warm = browser.new_page()
        warm.goto(url)
        warm.get_by_text("Every figure traces to a cited source").wait_for(timeout=60_000)
        warm.close()
        yield url
    finally:
        _stop(proc)


@pytest.mark.parametrize("path", PAGES, ids=[p.split("?")[0] or "overview" for p in PAGES])
def test_data_text_is_never_interpreted_in_the_browser(hostile_server, page, path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    evil_requests: list[str] = []
    page.on("request", lambda r: evil_requests.append(r.url) if EVIL_HOST in r.url else None)

    page.goto(f"{hostile_server}/{path}")
    page.get_by_text("Every figure traces to a cited source").wait_for(timeout=30_000)
    wait_for_app(page)
    if path == "data":        # the sources' titles are in dataframes (a canvas) and in this expander
        page.get_by_text("Notes and caveats by source").click()
        page.locator('[data-testid="stExpanderDetails"]').get_by_text("alert(1)").first.wait_for(timeout=10_000)
    # hover every plotly chart once, so hover labels are drawn too
    for chart in page.locator(".js-plotly-plot .nsewdrag").all()[:4]:
        box = chart.bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_timeout(150)

    found = page.evaluate(DOM_PROBE, EVIL_HOST)
    screenshot(page, f"hostile_{path.split('?')[0] or 'overview'}")
    assert found == {"imgs": 0, "scripts": 0, "links": 0, "strong": 0, "onerror": 0}, found
    assert dialogs == []
    assert evil_requests == [] and page.external_requests == []
    assert error_boxes(page).count() == 0, error_boxes(page).all_inner_texts()
    # shown as text: the payload is readable on the page (in HTML text or in a chart's SVG text)
    text = page.inner_text("body") + " ".join(page.locator(".js-plotly-plot").all_text_contents())
    assert SCRIPT in text or "alert(1)" in text, text[:1500]
