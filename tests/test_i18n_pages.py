"""Every page in every language (AppTest): translated titles, locale-formatted numbers, Arabic right to left,
the `lang` URL parameter kept across page switches and in shared links, an unknown language refused politely.

One AppTest run per page and language (28), shared by the assertions through a module-level cache.
"""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import i18n

pytestmark = pytest.mark.usefixtures("warehouse_dir")

LANGS = list(i18n.LANGUAGES)
#: page file -> the msgid of its st.title
PAGES = {
    "pages/overview.py": "Transnational crime: where things stand",
    "pages/trends.py": "Trends",
    "pages/map.py": "Map",
    "pages/operations.py": "Operations",
    "pages/goals.py": "Global Policing Goals",
    "pages/architecture.py": "Policing architecture: overlaps and gaps",
    "pages/data.py": "Data: sources, runs and dictionary",
    "pages/since.py": "Since the last meeting",
    "pages/table.py": "Table by year",
    "pages/sources.py": "Sources and coverage",
    "pages/rankings.py": "Rankings",
    "pages/country.py": "Country profile",
    "pages/body.py": "Dialogue body profile",
    "pages/indicators.py": "Indicator catalogue",
}
#: the parameters a page needs to show more than its picker
PARAMS = {"pages/country.py": {"iso3": "NER"}, "pages/body.py": {"org": "AFRIPOL"},
          "pages/rankings.py": {"iso3": "NER"}}
_RUNS: dict[tuple[str, str], AppTest] = {}


def run(page: str, lang: str) -> AppTest:
    """app.py on `page` with ?lang=<lang> (English without the parameter), run once per module."""
    if (page, lang) not in _RUNS:
        at = AppTest.from_file("../app.py", default_timeout=60)
        if page == "pages/data.py":
            at.run()                 # its file name differs from its url_path: AppTest needs a first run
        if lang != "en":
            at.query_params["lang"] = lang
        for key, value in PARAMS.get(page, {}).items():
            at.query_params[key] = value
        at.switch_page(page).run()
        _RUNS[(page, lang)] = at
    return _RUNS[(page, lang)]


def html_blocks(at: AppTest) -> str:
    return " ".join(getattr(e.proto, "body", "") for e in at.get("html"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", list(PAGES))
def test_page_reads_in_the_language(page, lang):
    at = run(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    title = i18n.translate(PAGES[page], lang)
    if lang != "en":
        assert title != PAGES[page], f"{PAGES[page]!r} has no {lang} translation"
    assert at.title[0].value == title
    picker = at.selectbox(key="_lang_picker")
    assert picker.value == lang and picker.label == i18n.translate("Language", lang)
    assert at.query_params.get("lang") == ([lang] if lang != "en" else None) or \
        at.query_params.get("lang") == (lang if lang != "en" else None)
    css = html_blocks(at)
    assert ("direction: rtl" in css) == (lang == "ar")                # right to left only in Arabic
    for fig in (json.loads(c.proto.spec) for c in at.get("plotly_chart")):
        assert fig["layout"]["separators"] == i18n.plotly_separators(lang)
        if lang == "ar" and fig["layout"].get("title", {}).get("text"):
            assert fig["layout"]["title"]["xanchor"] == "right"


@pytest.mark.parametrize("lang, homicide, terrorism", [
    ("en", "5.2", "22,832"), ("fr", "5,2", "22\u202f832"), ("es", "5,2", "22.832"), ("ar", "5.2", "22,832"),
])
def test_overview_tiles_are_formatted_for_the_locale(lang, homicide, terrorism):
    at = run("pages/overview.py", lang)
    tiles = {m.label: m.value for m in at.metric}
    assert tiles[i18n.translate("Homicide rate", lang)] == homicide
    assert tiles[i18n.translate("Deaths from terrorism", lang)] == terrorism
    captions = " ".join(c.value for c in at.caption).replace("\\", "")     # Markdown escapes removed
    assert i18n.translate("victims per 100,000 population", lang) in captions       # units translated
    assert i18n.fmt_date(AppTestData.as_of(), lang=lang) in captions                # dates in the language


class AppTestData:
    @staticmethod
    def as_of() -> str:
        from dashboard import data

        return data.as_of()


def test_overview_small_multiples_name_regions_in_the_language():
    specs = [json.loads(c.proto.spec) for c in run("pages/overview.py", "fr").get("plotly_chart")]
    fig = next(s for s in specs if "xaxis2" in s["layout"])            # the small multiples (tiles: sparklines)
    panels = {a["text"] for a in fig["layout"]["annotations"]}
    assert {"Afrique", "Amériques", "Asie", "Europe", "Océanie"} <= panels
    assert "Taux d’homicides" in fig["layout"]["title"]["text"]


def test_goal_titles_use_official_wording_where_published():
    at = run("pages/goals.py", "fr")
    body = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Permettre à la communauté mondiale des services chargés de l’application de la loi" in body
    assert any("formulation officielle d’INTERPOL" in c.value.replace("\\", "") for c in at.caption)
    ar = run("pages/goals.py", "ar")
    assert "تمكين أجهزة إنفاذ القانون العالمية" in " ".join(m.value for m in ar.markdown).replace("\\", "")


def test_architecture_names_bodies_and_countries_in_the_language():
    at = run("pages/architecture.py", "ar")
    table = next(df.value for df in at.dataframe if "الاسم الكامل" in df.value.columns)
    full = dict(zip(table["الاسم"], table["الاسم الكامل"]))
    assert full["AIMC"] == "مجلس وزراء الداخلية العرب"                         # official Arabic name
    assert full["INTERPOL"] == "المنظمة الدولية للشرطة الجنائية"
    fr = run("pages/architecture.py", "fr")
    countries = set().union(*(set(df.value.get("Pays", [])) for df in fr.dataframe))
    assert "Allemagne" in countries or "Algérie" in countries


def test_map_shows_country_names_in_the_language():
    at = run("pages/map.py", "es")
    table = next(df.value for df in at.dataframe if "País" in df.value.columns)
    assert "Alemania" in set(table["País"]) and "Germany" not in set(table["País"])
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any("Alemania" in h for h in fig["data"][0]["hovertext"])


def test_operations_dates_and_units_in_arabic():
    at = run("pages/operations.py", "ar")
    text = " ".join(str(v) for df in at.dataframe for v in df.value.astype(str).to_numpy().ravel())
    assert any(month in text for month in ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
                                           "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"))


def test_data_page_says_which_titles_are_official():
    at = run("pages/data.py", "es")
    table = next(df.value for df in at.dataframe if "Redacción oficial" in df.value.columns)
    official = table[table["Redacción oficial"]]
    assert len(official) > 0 and official["Citado de"].str.startswith("http").all()
    assert (table.loc[~table["Redacción oficial"], "Citado de"].fillna("") == "").all()


def test_language_survives_a_page_switch_that_drops_the_url_parameter():
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["lang"] = "fr"
    at.run()
    assert at.title[0].value == "Criminalité transnationale : état des lieux"
    at.query_params.pop("lang")                    # a page switch whose URL lost `lang`
    at.switch_page("pages/trends.py").run()
    assert not at.exception
    assert at.title[0].value == "Tendances"
    assert "fr" in str(at.query_params.get("lang"))   # written back: the link stays shareable


def test_picking_a_language_puts_it_in_the_url_and_english_leaves_it_out():
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    at.selectbox(key="_lang_picker").set_value("es").run()
    assert at.title[0].value == "Delincuencia transnacional: situación actual"
    assert "es" in str(at.query_params.get("lang"))
    at.selectbox(key="_lang_picker").set_value("en").run()
    assert at.title[0].value == "Transnational crime: where things stand"
    assert "lang" not in at.query_params


@pytest.mark.parametrize("bad", ["xx", "FRENCH", "<script>alert(1)</script>", "../../etc", "é" * 200, "fr,es"])
def test_unknown_language_falls_back_to_english_with_a_notice(bad):
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["lang"] = bad
    at.run()
    assert not at.exception
    assert at.title[0].value == "Transnational crime: where things stand"
    assert any("'lang'" in w.value and "available languages" in w.value.replace("\\", "") for w in at.warning)
    assert "lang" not in at.query_params


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_new_views_name_countries_and_regions_in_the_language(lang):
    """Country profile, body profile and rankings: country and region names through CLDR, the sections and the
    indicator names through the catalogues; no English interface text in the Arabic profile's headers."""
    at = run("pages/country.py", lang)
    niger = i18n.country_name("NER", lang)
    assert at.header[0].value == niger and (niger != "Niger" or lang == "fr")
    headers = {c for d in at.dataframe for c in d.value.columns}
    assert i18n.region_name("Western Africa", lang) in headers and "Western Africa" not in headers
    assert i18n.translate("Indicator", lang) in headers and "Indicator" not in headers
    names = {v for d in at.dataframe for v in d.value.get(i18n.translate("Indicator", lang), [])}
    assert i18n.translate("Homicide rate", lang) in names and "Homicide rate" not in names
    body = run("pages/body.py", lang)
    members = next(d.value for d in body.dataframe if i18n.translate("Membership", lang) in d.value.columns)
    assert i18n.country_name("DZA", lang) in set(members[i18n.translate("Country", lang)])
