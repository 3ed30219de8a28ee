"""The analyst's workspace in a real browser: the indicator survives chart → map → table → chart by the page list,
a downloaded CSV parses with its metadata columns and numeric values, a click on the map opens that country's
profile, the Arabic profile reads right to left without English interface text, /overview opens without "Page
not found", one Enter adds one country, and every new view at 1920 and 390 px in English and Arabic
(screenshots in tests/e2e/screenshots/workspace_*.png)."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.pofile import read_po

from dashboard import i18n
from tests.e2e.helpers import error_boxes, plotly_charts, screenshot, wait_for_app, wait_for_rerun

REPO = Path(__file__).resolve().parents[2]
FOOTER = "Every figure traces to a cited source"
DIRECTION_JS = "() => getComputedStyle(document.querySelector('[data-testid=\"stMain\"]')).direction"
GEO_DRAWN_JS = "() => document.querySelectorAll('.js-plotly-plot path.choroplethlocation').length > 50"


def open_page(page, url: str) -> None:
    page.goto(url)
    page.get_by_text(FOOTER).first.wait_for(timeout=60_000)             # app.py's frame has run
    wait_for_app(page, timeout=60_000)


def nav(page, title: str) -> None:
    """Follow the page list's link (a page switch without parameters in the link), and wait for the page it opens
    (by its address: a switch may also reload the document)."""
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=re.compile(f"^{re.escape(title)}$"))
    path = link.first.get_attribute("href").rsplit("/", 1)[-1]
    link.first.click()
    page.wait_for_function("p => location.pathname.endsWith('/' + p) && location.search.includes('indicator=')",
                           arg=path, timeout=60_000)
    wait_for_app(page, timeout=60_000)


def indicator_shown(page) -> str:
    return page.get_by_role("combobox", name="Indicator").first.input_value()


def test_indicator_survives_chart_map_table_chart(app_server, page):
    open_page(page, f"{app_server}/trends?indicator=cpi_score&countries=France")
    assert indicator_shown(page) == "Corruption Perceptions Index score"
    for title in ("Map", "Table by year", "Sources and coverage", "Rankings", "Trends"):
        nav(page, title)
        assert "indicator=cpi_score" in page.url, (title, page.url)
        assert indicator_shown(page) == "Corruption Perceptions Index score", title
        assert error_boxes(page).count() == 0, page.inner_text("body")[:1500]
    assert "countries=France" in page.url                    # the countries came back with the chart
    assert page.external_requests == []


def test_downloaded_csv_parses_with_metadata_and_numbers(app_server, page):
    from dashboard import data

    open_page(page, f"{app_server}/trends")
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Data (CSV)").click()
    raw = Path(info.value.path()).read_bytes()
    assert not raw.startswith(b"#") and raw.split(b"\n", 1)[0].startswith(b"indicator_id,indicator,")  # header first
    df = pd.read_csv(io.BytesIO(raw))
    assert {"indicator_id", "indicator", "value", "unit", "source", "license", "retrieved", "citation",
            "countries_reporting", "countries_total", "population_covered_share"} <= set(df.columns)
    assert set(df["indicator_id"]) == {"homicide_rate_per_100k"} and df["value"].dtype == float
    assert df["countries_reporting"].dtype.kind in "if" and df["population_covered_share"].dtype == float
    americas = df[(df["region"] == "Americas") & (df["year"] == 2020)].iloc[0]
    assert americas["estimate_kind"] == "publisher_estimate"          # UNODC's estimate, drawn by default
    expected = data.region_series("homicide_rate_per_100k", "un_region", ["Americas"], 2020, 2020,
                                  kind="publisher_estimate")["value"].iloc[0]
    assert americas["value"] == pytest.approx(expected, abs=1e-4)
    assert df["license"].iloc[0].startswith("CC BY 4.0") and df["retrieved"].iloc[0] == "2026-03-24"
    assert "Retrieved 2026-03-24 from https://ourworldindata.org/grapher/homicide-rate-unodc" in df["citation"].iloc[0]
    assert page.external_requests == []


def test_a_click_on_the_map_opens_that_countrys_profile(app_server, page):
    open_page(page, f"{app_server}/map")
    page.wait_for_function(GEO_DRAWN_JS, timeout=30_000)
    index = page.evaluate("() => Array.from(document.querySelector('.js-plotly-plot').data[0].locations)"
                          ".indexOf('BRA')")
    box = page.locator(".js-plotly-plot g.choropleth path.choroplethlocation").nth(index).bounding_box()
    wait_for_rerun(page, lambda: page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.4),
                   timeout=60_000)
    page.wait_for_url(re.compile(r"/country\?iso3=BRA"), timeout=30_000)
    wait_for_app(page, timeout=60_000)
    assert page.locator("h2").first.inner_text().strip() == "Brazil"
    assert error_boxes(page).count() == 0
    assert page.external_requests == []


def interface_texts() -> set[str]:
    """The English interface messages (locales/messages.pot without the data texts) of two words or more."""
    with open(REPO / "locales" / "messages.pot", "rb") as fh:
        catalog = read_po(fh)
    data_texts = (REPO / "dashboard" / "data_messages.py").read_text(encoding="utf-8")
    out = set()
    for m in catalog:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        for text in ids:
            for part in re.split(r"\{[^{}]*\}|\*\*|[()]", text or ""):
                part = part.strip(" .,:;·—–-")
                if len(part.split()) >= 2 and repr(text) not in data_texts:
                    out.add(part)
    return out


DATA_TEXTS = {"sources": ("title", "publisher", "license"), "operations": ("name", "regions", "lead"),
              "organizations": ("name", "full_name")}


def test_arabic_profile_reads_right_to_left_without_english_interface_text(app_server, page, con):
    page.goto(f"{app_server}/country?iso3=NER&lang=ar")
    page.get_by_text(i18n.translate("Operations it took part in", "ar")).first.wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)
    assert page.evaluate(DIRECTION_JS) == "rtl"
    assert page.locator("h1").first.inner_text().strip() == i18n.translate("Country profile", "ar")
    assert page.locator("h2").first.inner_text().strip() == i18n.country_name("NER", "ar") == "النيجر"
    body = page.inner_text("body").replace("Skip to main content", "")   # Streamlit's own hidden skip link
    # the data's own names stay as published (source titles, publishers, operations), isolated in the Arabic text
    names = sorted({str(v) for table, cols in DATA_TEXTS.items() for col in cols
                    for (v,) in con.execute(f'SELECT DISTINCT "{col}" FROM {table}').fetchall() if v}, key=len,
                   reverse=True)
    for name in names:
        body = body.replace(name, " ")
    for name in names:                                   # as the short source line writes them: asides left out
        body = body.replace(re.sub(r"\s*\([^()]*\)", "", name).strip(), " ")
    english = sorted(t for t in interface_texts() if t in body)
    assert not english, english[:10]
    assert i18n.translate("Operations it took part in", "ar") in body
    assert error_boxes(page).count() == 0 and page.external_requests == []
    screenshot(page, "workspace_country_ar_1600")


@pytest.mark.parametrize("url, title", [("overview", "Transnational crime: where things stand"),
                                        ("overview?lang=fr", "Criminalité transnationale : état des lieux"),
                                        ("overview?lang=ar", i18n.translate("Transnational crime: where things "
                                                                            "stand", "ar"))])
def test_overview_path_opens_without_page_not_found(app_server, page, url, title):
    page.goto(f"{app_server}/{url}")
    wait_for_app(page, timeout=60_000)
    assert page.locator("h1").first.inner_text().strip() == title
    assert page.get_by_role("dialog").count() == 0
    assert "Page not found" not in page.inner_text("body")
    assert page.external_requests == []


def test_one_enter_adds_one_country(app_server, page):
    open_page(page, f"{app_server}/trends")
    box = page.get_by_role("combobox", name="Countries")
    box.click()
    box.fill("Fran")
    wait_for_rerun(page, lambda: page.keyboard.press("Enter"), timeout=60_000)
    assert re.search(r"[?&]countries=France(&|$)", page.url), page.url
    assert page.url.count("countries=") == 1                  # not French Guiana, the Faroe Islands...
    assert error_boxes(page).count() == 0


NEW_VIEWS = ["since", "table", "sources", "rankings?iso3=NER", "country?iso3=NER", "body?org=AFRIPOL",
             "indicators", "map", "trends", "operations"]


@pytest.mark.parametrize("width", [1920, 390])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", NEW_VIEWS)
def test_new_views_at_desktop_and_phone_width(browser, app_server, path, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 1080 if width > 800 else 844})
    page = context.new_page()
    external = []
    page.route("**/*", lambda route: (external.append(route.request.url), route.abort())
               if not route.request.url.startswith(app_server) else route.continue_())
    try:
        sep = "&" if "?" in path else "?"
        page.goto(f"{app_server}/{path}" + (f"{sep}lang={lang}" if lang != "en" else ""))
        page.locator('[data-testid="stCaptionContainer"]').filter(
            has_text=i18n.translate("Dialogue on an Effective Multilateral", lang)[:20] if lang == "en" else "").last \
            .wait_for(timeout=60_000)                               # the frame's footer: app.py has run
        wait_for_app(page, timeout=60_000)
        assert error_boxes(page).count() == 0, page.inner_text("body")[:1500]
        if lang == "ar":
            assert page.evaluate(DIRECTION_JS) == "rtl"
        # the page itself never scrolls sideways on a phone (wide tables scroll inside their own frame)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
        if plotly_charts(page).count():
            assert plotly_charts(page).first.bounding_box()["width"] <= width
        assert external == []
        screenshot(page, f"workspace_{path.split('?')[0]}_{lang}_{width}")
    finally:
        context.close()
