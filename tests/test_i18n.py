"""dashboard.i18n outside Streamlit: explicit languages, names from CLDR, locale formats, figure direction."""
from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest

from dashboard import i18n, theme
from dashboard.i18n import _


def test_translate_takes_an_explicit_language():
    assert i18n.translate("Trends", "fr") == "Tendances"
    assert i18n.translate("Trends", "es") == "Tendencias"
    assert i18n.translate("Trends", "ar") == "الاتجاهات"
    assert i18n.translate("Trends", "en") == "Trends"
    assert i18n.translate("Trends", "xx") == "Trends"          # unknown language: English


def test_use_language_works_without_a_streamlit_session():
    assert i18n.language() == "en" and _("Map") == "Map"
    with i18n.use_language("es"):
        assert i18n.language() == "es"
        assert _("Map") == "Mapa"
        with i18n.use_language("ar"):
            assert _("Map") == "الخريطة" and i18n.is_rtl()
        assert _("Map") == "Mapa"
    assert i18n.language() == "en"


@pytest.mark.parametrize("raw, code", [("fr", "fr"), ("FR", "fr"), (" ar ", "ar"), ("xx", None), ("", None),
                                       (None, None), ("fr,es", None), ("<script>", None), ("e" * 500, None)])
def test_normalize_accepts_only_the_four_languages(raw, code):
    assert i18n.normalize(raw) == code


def test_activate_normalises_and_lasts_for_the_thread():
    import threading

    seen = []

    def run():
        seen.append((i18n.activate("ES"), i18n.language(), i18n.activate("klingon"), i18n.language()))

    worker = threading.Thread(target=run)       # a script run has its own thread: activation stays in it
    worker.start()
    worker.join()
    assert seen == [("es", "es", "en", "en")]
    assert i18n.language() == "en"


def test_theme_serves_the_arabic_font_from_the_static_folder():
    """Fonts come from [[theme.fontFaces]] (no CSS of ours), served by the app itself: never from a CDN."""
    import tomllib
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    theme_cfg = tomllib.loads((repo / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    faces = theme_cfg["fontFaces"]
    assert {f["family"] for f in faces} == {"Noto Sans Arabic"} and "Noto Sans Arabic" in theme_cfg["font"]
    for face in faces:
        assert face["url"].startswith("app/static/fonts/") and "U+0600-06FF" in face["unicodeRange"]
        assert (repo / "static" / face["url"].removeprefix("app/static/")).is_file()


@pytest.mark.parametrize("iso3, lang, name", [
    ("DEU", "fr", "Allemagne"), ("DEU", "es", "Alemania"), ("DEU", "ar", "ألمانيا"),
    ("CIV", "fr", "Côte d’Ivoire"), ("XKX", "fr", "Kosovo"), ("TUN", "ar", "تونس"), ("COL", "es", "Colombia"),
])
def test_country_names_come_from_cldr(iso3, lang, name):
    assert i18n.country_name(iso3, lang) == name


def test_country_name_keeps_the_warehouse_name_in_english_and_falls_back_for_unknown_codes():
    assert i18n.country_name("USA", "en", fallback="United States") == "United States"
    assert i18n.country_name("ZZZ", "fr", fallback="Nowhere") == "Nowhere"


@pytest.mark.parametrize("region, lang, name", [
    ("Africa", "fr", "Afrique"), ("Western Africa", "fr", "Afrique occidentale"), ("Americas", "es", "América"),
    ("Europe", "ar", "أوروبا"), ("World", "ar", "العالم"), ("South-eastern Asia", "es", "Sudeste asiático"),
    ("AFRIPOL", "fr", "AFRIPOL"), ("Africa", "en", "Africa"),
])
def test_region_names_come_from_cldr(region, lang, name):
    assert i18n.region_name(region, lang) == name


def test_every_un_region_of_the_warehouse_has_a_cldr_code(warehouse_dir):
    import duckdb

    con = duckdb.connect(str(warehouse_dir / "warehouse.duckdb"), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT DISTINCT region FROM region_members "
                                           "WHERE scheme IN ('world', 'un_region', 'un_subregion')").fetchall()}
    finally:
        con.close()
    assert names <= set(i18n.M49), names - set(i18n.M49)
    for name in names:
        assert i18n.region_name(name, "ar") != name


@pytest.mark.parametrize("lang, rate, count, share", [
    ("en", "5.81", "11,528", "46%"), ("fr", "5,81", "11\u202f528", "46\u00a0%"),
    ("es", "5,81", "11.528", "46\u00a0%"), ("ar", "5.81", "11,528", "46%"),
])
def test_numbers_follow_the_locale(lang, rate, count, share):
    assert theme.fmt_number(5.8123, "rate_per_100k", lang) == rate
    assert theme.fmt_number(11528, "count", lang) == count
    assert theme.fmt_share(0.456, lang) == share


def test_plotly_separators_match_babel():
    assert i18n.plotly_separators("en") == ".,"
    assert i18n.plotly_separators("fr") == ",\u202f"
    assert i18n.plotly_separators("es") == ",."
    assert i18n.plotly_separators("ar") == ".,"               # Latin digits in Arabic, as on chart axes


def test_dates_have_month_names_in_the_language():
    day = dt.date(2017, 11, 6)
    assert i18n.fmt_date(day, lang="en") == "November 6, 2017"
    assert i18n.fmt_date(day, lang="fr") == "6 novembre 2017"
    assert i18n.fmt_date(day, lang="es") == "6 de noviembre de 2017"
    assert i18n.fmt_date(day, lang="ar") == "6 نوفمبر 2017"
    assert i18n.fmt_date("2018-05-01", "month_short", "fr") == "mai 2018"
    assert i18n.fmt_date(None) == "–" and i18n.fmt_date("unknown") == "unknown"


def test_units_and_metrics_are_translated():
    assert i18n.translate("victims per 100,000 population", "fr") == "victimes pour 100 000 habitants"
    with i18n.use_language("es"):
        assert i18n.unit_label("deaths") == "muertes"
        assert i18n.metric_label("victims_rescued") == "Víctimas rescatadas"
    assert theme.fmt_qualified(500, "approx", "kg", "ar") == "≈500 كغ"
    assert theme.fmt_qualified(236, "exact", "persons", "fr") == "236"


def test_arabic_figures_are_mirrored_and_use_the_bundled_font():
    from dashboard.charts import style as ui

    fig = theme.apply_layout(go.Figure(go.Scatter(x=[2000, 2001], y=[1, 2], name="Africa")), title="T")
    ui.localize_figure(fig, "ar")
    layout = fig.layout
    assert layout.title.x == 1 and layout.title.xanchor == "right"
    assert layout.legend.x == 1 and layout.legend.xanchor == "right"
    assert layout.yaxis.side == "right"
    assert "Noto Sans Arabic" in layout.font.family
    assert layout.separators == ".,"
    fr = ui.localize_figure(theme.apply_layout(go.Figure(), title="T"), "fr")
    assert fr.layout.separators == ",\u202f" and fr.layout.title.x == 0
