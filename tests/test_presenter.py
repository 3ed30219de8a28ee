"""Presentation mode and briefing decks: the deck file format, deck navigation in AppTest (next, previous,
bounds, URL round trip, bad deck or slide, speaker view), presentation chrome, and the shipped deck's notes
checked against the warehouse (no figure in a note that the data does not hold)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import decks, registry
from dashboard.charts.style import ROOM_HEIGHT as CHART_HEIGHT
from dashboard.charts.style import fit_figure
from dashboard.presenter import access
from tests.apptest_helpers import no_error, open_window, press, shown, url_params

DECK = decks.load("dialogue")
N = len(DECK)

pytestmark = pytest.mark.usefixtures("warehouse_dir")


# -- helpers ---------------------------------------------------------------------------------------------

def slide_title(at: AppTest) -> str:
    return shown(at.subheader[0].value)


def counter(at: AppTest) -> str | None:
    return next((m.value for m in at.markdown if re.fullmatch(r"\d+ of \d+", m.value)), None)


def warnings_text(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def trace_names(at: AppTest) -> list[list[str]]:
    return [[t.get("name") for t in json.loads(c.proto.spec)["data"]] for c in at.get("plotly_chart")]


def at_slide(at: AppTest, k: int) -> None:
    assert str(at.query_params["slide"][0] if isinstance(at.query_params["slide"], list)
               else at.query_params["slide"]) == str(k)
    assert slide_title(at) == DECK.slide(k).title
    assert counter(at) == f"{k} of {N}"


# -- the deck file -----------------------------------------------------------------------------------------

def test_decks_keep_deck_text_as_written():
    deck = decks.parse("title = ' T '\n[[slide]]\ntitle = ' ![x](http://e.example/i.png) '\npage = 'trends'\n"
                       "takeaway = ' **bold** '\nnote = 'n'", "t")
    assert deck.title == "T" and deck.slide(1).title == "![x](http://e.example/i.png)"
    assert deck.slide(1).takeaway == "**bold**"                   # shown as text by the app, never as Markdown


def test_decks_dialogue_is_listed_and_valid():
    assert "dialogue" in decks.available()
    assert N >= 6
    assert {s.page for s in DECK.slides} >= {"trends", "operations", "architecture"}
    for s in DECK.slides:
        assert s.title and s.note, s
        assert s.chart, f"slide {s.number} names no chart"


@pytest.mark.parametrize("text, problem", [
    ("title = 'x'", "no [[slide]]"),
    ("[[slide]]\ntitle = 'a'\npage = 'nowhere'", "page must be one of"),
    ("[[slide]]\npage = 'trends'", "a title is required"),
    ("[[slide]]\ntitle = 'a'\npage = 'trends'\n[slide.filters]\nsql = 'drop'", "unknown filter"),
    ("[[slide]]\ntitle = 'a'\npage = 'trends'\n[slide.filters]\nregions = [{a = 1}]", "must be a string"),
    ("[[slide]]\ntitle = 'a'\npage = 'trends'\ncolour = 'red'", "unknown field"),
    ("lang = 'de'\n[[slide]]\ntitle = 'a'\npage = 'trends'", "lang must be one of"),
    ("[[slide]\ntitle = 'a'", "not valid TOML"),
    ("[[slide]]\ntitle = 'a'\npage = 'trends'\nchart = 'arch_map'", "the trends page has no chart 'arch_map'"),
    ("[[slide]]\ntitle = 'a'\npage = 'trends'\ntakeaway = \"\"\"one\ntwo\"\"\"", "takeaway must be one line"),
    ("[[slide]]\ntitle = 'a'\npage = 'trends'\ntakeaway = '" + "x" * 121 + "'", "at most 120 fit on one line"),
    ("[[slide]]\ntitle = \"a\\nb\"\npage = 'trends'", "title must be one line"),
    ("[[slide]]\ntitle = 'a'\npage = 'trends'\ntakeaway = 3", "takeaway must be text"),
    ("title = 3\n[[slide]]\ntitle = 'a'\npage = 'trends'", "title and description must be text"),
])
def test_decks_parse_rejects_invalid_files_with_a_clear_message(text, problem):
    with pytest.raises(decks.DeckError, match=re.escape(problem)):
        decks.parse(text, "bad")


def test_decks_page_charts_are_the_pages_own_panels():
    """A slide's `chart` names a panel its page lays out (registry order); every one has a builder."""
    from dashboard import panels

    repo = Path(__file__).resolve().parent.parent
    for page in registry.PAGES:
        keys = re.findall(r'panels\.build\("([^"]+)"', (repo / page.file).read_text(encoding="utf-8"))
        assert tuple(keys) == page.charts, page.path
    assert set(panels.BUILDERS) == {k for p in registry.PAGES for k in p.charts}


@pytest.mark.parametrize("name", ["../secrets", "nope", "a/b", "", "x" * 80, "dialogue.toml"])
def test_decks_load_refuses_unknown_or_path_like_names(name):
    with pytest.raises(decks.DeckError):
        decks.load(name)


def test_decks_slide_url_reopens_the_live_view():
    url = decks.slide_url(DECK, 1, "http://venue.local:8501/")
    assert url.startswith("http://venue.local:8501/trends?indicator=homicide_rate_per_100k&scheme=organization")
    assert "regions=AFRIPOL&regions=AIMC" in url and url.endswith("&deck=dialogue&slide=1")
    assert decks.slide_url(DECK, 5).startswith("http://127.0.0.1:8501/architecture?deck=dialogue&slide=5")
    assert decks.slide_url(DECK, 1, lang="fr").endswith("&lang=fr")
    with pytest.raises(IndexError):
        DECK.slide(N + 1)


def test_presenter_fit_figure_scales_type_and_height():
    fig = go.Figure(go.Bar(x=[1], y=[1], text=["1"], textfont=dict(size=10)))
    fig.update_layout(font=dict(size=14), title=dict(text="t", font=dict(size=18)), height=400,
                      annotations=[dict(text="a", font=dict(size=11), x=0, y=0)])
    fit_figure(fig)
    assert fig.layout.font.size >= 14 * 1.4 - 0.5
    assert fig.layout.title.font.size >= 18 * 1.4 - 0.5
    assert fig.layout.annotations[0].font.size >= 11 * 1.4 - 0.5
    assert fig.data[0].textfont.size >= 10 * 1.4 - 0.5
    assert fig.layout.height == CHART_HEIGHT


# -- deck navigation (AppTest) ---------------------------------------------------------------------------

def test_deck_link_opens_the_slide_with_its_page_and_filters():
    at = open_window(deck="dialogue", slide="1")
    at_slide(at, 1)
    p = url_params(at)
    assert p["scheme"] == "organization"
    assert p["indicator"] == "homicide_rate_per_100k"
    assert list(p["regions"]) == list(dict(DECK.slide(1).filters)["regions"])
    series = [t["name"] for t in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
              if t.get("showlegend") is not False and not t["name"].startswith(("thin", "dashed"))]
    assert series == sorted(dict(DECK.slide(1).filters)["regions"])      # one legend entry per line
    assert not at.warning
    assert len(at.get("plotly_chart")) == 1                   # the slide's chart alone: the others are not drawn
    assert at.button(key="_deck_prev").disabled and not at.button(key="_deck_next").disabled
    assert at.button(key="_present_exit")                       # the way out of presentation mode


def test_deck_next_and_previous_move_one_slide_and_update_the_url():
    at = open_window(deck="dialogue", slide="1")
    press(at, "_deck_next")
    at_slide(at, 2)
    assert url_params(at).get("indicator") == "terrorism_deaths"
    press(at, "_deck_next")
    at_slide(at, 3)
    assert url_params(at).get("indicator") == "cpi_score"
    press(at, "_deck_prev")
    at_slide(at, 2)
    press(at, "_deck_next_key")            # the hidden button behind the Right arrow key
    at_slide(at, 3)
    press(at, "_deck_prev_key")            # ... and the Left arrow key
    at_slide(at, 2)


def test_deck_walks_every_slide_to_the_end_and_stops_there():
    at = open_window(deck="dialogue", slide="1")
    for k in range(2, N + 1):
        press(at, "_deck_next")
        at_slide(at, k)
        assert not at.warning, (k, warnings_text(at))          # every slide's filters are valid
        assert at.get("plotly_chart"), f"slide {k} draws no chart"
    assert at.button(key="_deck_next").disabled and at.button(key="_deck_next_key").disabled
    assert not at.button(key="_deck_prev").disabled


def test_deck_operations_slide_shows_epervier_libertad_sawiyan():
    k = next(s.number for s in DECK.slides if s.page == "operations")
    at = open_window(deck="dialogue", slide=str(k))
    at_slide(at, k)
    bars = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    metric = next(f for f in bars if "Victims rescued" in f["layout"]["title"]["text"])
    labels = {y for t in metric["data"] for y in (t.get("y") or []) if y}
    assert labels == {"Operation Epervier", "Operation Libertad", "Operation Sawiyan"}
    texts = {x for t in metric["data"] for x in (t.get("text") or [])}
    assert {"≈500", "≈350", "94"} <= texts


def test_deck_url_round_trip_reopens_the_same_slide():
    at = open_window(deck="dialogue", slide="1")
    press(at, "_deck_next")
    press(at, "_deck_next")
    copied = url_params(at)
    assert copied["slide"] == "3"
    again = open_window(**copied)              # a reload, or the same URL on a second screen
    at_slide(again, 3)
    assert trace_names(again) == trace_names(at)
    assert url_params(again) == copied


def test_deck_slide_number_alone_lands_on_that_slide_with_its_filters():
    k = N
    at = open_window(deck="dialogue", slide=str(k))
    at_slide(at, k)
    assert url_params(at)["indicator"] == dict(DECK.slide(k).filters)["indicator"][0]


@pytest.mark.parametrize("slide", ["0", str(N + 1), "99999", "abc", "-2", "1.5"])
def test_deck_bad_slide_shows_a_notice_and_slide_1(slide):
    at = open_window(deck="dialogue", slide=slide)
    assert "slide" in warnings_text(at)
    at_slide(at, 1)


@pytest.mark.parametrize("name", ["nope", "../../etc/passwd", "<script>", ""])
def test_deck_unknown_deck_shows_a_notice_and_the_normal_app(name):
    at = open_window(deck=name, slide="2")
    assert "deck" in warnings_text(at) and "dialogue" not in warnings_text(at)     # decks listed to nobody
    presenter = open_window(deck=name, slide="2", key=access.key())
    assert "dialogue" in warnings_text(presenter)                                  # ... but the presenter
    assert not at.subheader or at.subheader[0].value not in {s.title for s in DECK.slides}
    assert at.toggle(key="_present_toggle")                    # the normal app's sidebar, not a slide
    with pytest.raises(KeyError):
        at.button(key="_deck_next")


def test_deck_speaker_view_shows_the_note_and_the_next_title():
    at = open_window(deck="dialogue", slide="2", speaker="1", key=access.key())
    at_slide(at, 2)
    text = shown(" ".join(m.value for m in at.markdown))
    assert "Speaker notes" in text
    assert "44,648" in text                                   # slide 2's note, as written in the deck
    assert f"Next (3 of {N}):" in text and DECK.slide(3).title in text
    assert url_params(at)["speaker"] == "1"
    press(at, "_deck_next")
    at_slide(at, 3)
    assert url_params(at)["speaker"] == "1"                        # the speaker view stays a speaker view
    last = open_window(deck="dialogue", slide=str(N), speaker="1", key=access.key())
    assert "This is the last slide." in shown(" ".join(m.value for m in last.markdown))


def test_deck_speaker_view_follows_the_presentation_window():
    from dashboard.presenter import sync

    speaker = open_window(deck="dialogue", slide="1", speaker="1", key=access.key())
    screen = open_window(deck="dialogue", slide="1", key=access.key())    # a second window of the presenter's
    press(screen, "_deck_next")
    press(screen, "_deck_next")                                # the presenter's other window is on slide 3
    assert sync.board().get("dialogue").slide == 3
    speaker.run()                                              # the speaker's next check (every second live)
    no_error(speaker)
    speaker.run()
    at_slide(speaker, 3)


def _catalogue(lang: str) -> bool:
    from dashboard.i18n import LOCALE_DIR

    return (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.mo").is_file()


@pytest.mark.skipif(not (_catalogue("fr") and _catalogue("es")), reason="the fr/es catalogues are not built yet")
def test_deck_language_from_the_deck_file(tmp_path, monkeypatch):
    (tmp_path / "fr_deck.toml").write_text(
        'title = "Essai"\nlang = "fr"\n[[slide]]\ntitle = "Carte"\npage = "architecture"\nchart = "arch_map"\n',
        encoding="utf-8")
    monkeypatch.setattr(decks, "DECKS_DIR", tmp_path)
    at = open_window(deck="fr_deck", slide="1")
    assert at.session_state["_lang"] == "fr"
    assert url_params(at).get("lang") == "fr"
    assert slide_title(at) == "Carte"
    at = open_window(deck="fr_deck", slide="1", lang="es")            # a lang in the URL wins over the deck's
    assert at.session_state["_lang"] == "es"


# -- presentation mode without a deck ----------------------------------------------------------------------

def test_present_param_on_any_page_and_the_exit_button():
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["present"] = "1"
    at.query_params["indicator"] = "cpi_score"
    at.switch_page("pages/trends.py").run()
    no_error(at)
    assert at.button(key="_present_exit")
    with pytest.raises(KeyError):
        at.toggle(key="_present_toggle")                       # the sidebar's toggle is not drawn
    press(at, "_present_exit")
    p = url_params(at)
    assert "present" not in p and p.get("indicator") == "cpi_score"      # same view, normal page
    assert at.toggle(key="_present_toggle")


def test_present_param_draws_every_chart_large():
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["present"] = "1"
    at.switch_page("pages/architecture.py").run()
    no_error(at)
    figs = [json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart")]
    assert len(figs) == len(registry.BY_PATH["architecture"].charts)
    assert all(f["height"] >= CHART_HEIGHT and f["font"]["size"] >= 14 * 1.4 - 0.5 for f in figs)


def test_presentation_toggle_sets_present_in_the_url():
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.switch_page("pages/map.py").run()
    no_error(at)
    at.toggle(key="_present_toggle").set_value(True).run()
    no_error(at)
    assert url_params(at).get("present") == "1"
    assert at.button(key="_present_exit")


def test_exit_from_a_deck_keeps_the_slide_view():
    at = open_window(deck="dialogue", slide="2")
    press(at, "_present_exit")
    p = url_params(at)
    assert not {"deck", "slide", "present"} & set(p)
    assert at.session_state["indicator"] == "terrorism_deaths"
    assert at.toggle(key="_present_toggle")


@pytest.mark.parametrize("page", ["pages/trends.py", "pages/operations.py"])
def test_present_mode_never_points_at_a_sidebar_it_hides(page):
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["present"] = "1"
    at.switch_page(page).run()
    no_error(at)
    shown_text = " ".join(e.value for kind in ("markdown", "caption", "info") for e in at.get(kind))
    assert "sidebar" not in shown_text
    normal = AppTest.from_file("../app.py", default_timeout=90)
    normal.switch_page(page).run()
    assert "sidebar" in " ".join(e.value for e in normal.markdown)          # the normal page does name it
