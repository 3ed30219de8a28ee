"""The four languages in a real browser: page direction (right to left in Arabic), the bundled Arabic font
served by the app itself, zero requests beyond the local server, the language kept across page switches,
and a screenshot of every page in Arabic and in French (tests/e2e/screenshots/lang_<lang>_<page>.png)."""
from __future__ import annotations

import pytest

from dashboard import i18n
from tests.e2e.helpers import error_boxes, screenshot, wait_for_app, wait_for_rerun

FOOTER = ("Dialogue on an Effective Multilateral Policing Architecture against Global Threats — analytical "
          "dashboard. Every figure traces to a cited source (see the Data page) and states the year of its data. "
          "Warehouse built on {date}.")
#: url path -> msgid of the page's title
PAGES = {
    "": "Transnational crime: where things stand",
    "trends": "Trends",
    "map": "Map",
    "operations": "Operations",
    "goals": "Global Policing Goals",
    "architecture": "Policing architecture: overlaps and gaps",
    "data": "Data: sources, runs and dictionary",
}
DIRECTION_JS = """() => ['stMain', 'stSidebar'].map(id => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return el ? getComputedStyle(el).direction : null; })"""
#: a loaded face of the bundled Noto Sans Arabic (declared for the Arabic script under its own name and under
#: Streamlit's 'Source Sans', so Streamlit's text picks it up), i.e. Arabic glyphs drawn with the bundled font
FONT_JS = """() => [...document.fonts].some(f => f.status === 'loaded'
    && ['Noto Sans Arabic', 'Source Sans'].includes(f.family.replace(/"/g, ''))
    && f.unicodeRange.toUpperCase().includes('U+600-6FF'))"""
GEO_DRAWN_JS = "() => document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length"


def open_in(page, base: str, path: str, lang: str) -> None:
    query = f"?lang={lang}" if lang != "en" else ""
    page.goto(f"{base}/{path}{query}")
    footer = i18n.translate(FOOTER, lang).split("{date}")[0][:40]
    page.get_by_text(footer, exact=False).first.wait_for(timeout=30_000)      # app.py's frame has run
    wait_for_app(page)
    if path == "map":                  # the choropleth fetches its (local) topojson after the first draw
        page.wait_for_function(GEO_DRAWN_JS, timeout=30_000)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_language_direction_font_and_no_external_request(app_server, page, lang):
    responses = []
    page.on("response", lambda r: responses.append((r.url, r.status)))
    open_in(page, app_server, "", lang)
    body = page.inner_text("body")
    assert i18n.translate(PAGES[""], lang) in body
    assert page.locator("h1").first.inner_text().strip() == i18n.translate(PAGES[""], lang)
    expected = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate(DIRECTION_JS) == [expected, expected]
    if lang == "ar":
        # the sidebar sits on the right of the main block
        main, side = (page.locator(f'[data-testid="{t}"]').bounding_box() for t in ("stMain", "stSidebar"))
        assert side["x"] > main["x"]
        assert page.evaluate(FONT_JS), "Noto Sans Arabic did not load"
        fonts = [(u, s) for u, s in responses if "/app/static/fonts/" in u]
        assert fonts and all(s == 200 for _, s in fonts), fonts
    assert error_boxes(page).count() == 0, body[:2000]
    assert page.external_requests == []


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_every_page_in_arabic_and_french(app_server, page, lang, path):
    open_in(page, app_server, path, lang)
    title = page.locator("h1").first.inner_text().strip()
    assert title == i18n.translate(PAGES[path], lang) != PAGES[path]
    assert f"lang={lang}" in page.url
    if lang == "ar":
        assert page.evaluate(DIRECTION_JS) == ["rtl", "rtl"]
    assert error_boxes(page).count() == 0, page.inner_text("body")[:2000]
    assert page.external_requests == []
    screenshot(page, f"lang_{lang}_{path or 'overview'}")


def test_language_is_kept_when_switching_pages_and_in_the_copied_link(app_server, page, browser):
    open_in(page, app_server, "", "es")
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=i18n.translate("Operations", "es"))
    wait_for_rerun(page, link.click)
    wait_for_app(page)
    assert "/operations" in page.url and "lang=es" in page.url
    assert page.locator("h1").first.inner_text().strip() == "Operaciones"
    # the copied link reopens the page in Spanish in a fresh browser context
    other = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    try:
        other.goto(page.url)
        other.get_by_text("Operaciones", exact=True).first.wait_for(timeout=30_000)
        wait_for_app(other)
        assert other.locator("h1").first.inner_text().strip() == "Operaciones"
    finally:
        other.context.close()
    assert page.external_requests == []


def test_picking_arabic_turns_the_page_right_to_left(app_server, page):
    open_in(page, app_server, "goals", "en")
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]', has_text="Language").first
    picker.locator("input, [role=combobox]").first.click()
    wait_for_rerun(page, lambda: page.get_by_role("option", name="العربية").click())
    wait_for_app(page)
    assert "lang=ar" in page.url
    assert page.locator("h1").first.inner_text().strip() == i18n.translate("Global Policing Goals", "ar")
    assert page.evaluate(DIRECTION_JS) == ["rtl", "rtl"]
    assert page.external_requests == []
