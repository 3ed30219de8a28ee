"""On stage, in Chromium: the presenter's two windows through the whole shipped deck and back, an attendee who
cannot steer, and slides that fit the screen.

The server is started as `make run` starts it (serve.py); its terminal output gives the presenter's key and the
two URLs to open, exactly as README's "How a presenter sets up a venue" says. The speaker view (with the key)
and the venue window (follow=1) run in two browser contexts, as on two screens. Nothing here waits a fixed time:
every step waits for a condition (the URL's slide, 'k of n', the slide's chart drawn, the app idle). Times are
printed, never asserted.
"""
from __future__ import annotations

import re
import shutil
import statistics
import time
from dataclasses import dataclass

import pytest

from dashboard import decks
from tests.e2e import helpers
from tests.e2e.conftest import REPO_ROOT, ServerURL, _start_streamlit, _stop
from tests.e2e.helpers import error_boxes, is_external_url, screenshot, wait_for_app

DECK = decks.load("dialogue")
N = len(DECK)
SIZES = [(1920, 1080), (1280, 720)]
PICKERS = ('[data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stRadio"], '
           '[data-testid="stCheckbox"], [data-testid="stTextInput"], [data-testid="stSlider"]')
#: What a server log must never hold after the walk (the crash issue 14 reported was a KeyError in a callback).
LOG_PROBLEMS = re.compile(r"Traceback|KeyError|Exception|Error\b|error", re.M)


@dataclass
class Stage:
    url: ServerURL
    key: str
    speaker_url: str
    venue_url: str


#: A second deck beside the shipped one: the Overview's panel on a slide.
OVERVIEW_DECK = """title = "Overview"
[[slide]]
title = "Homicide rate by UN region"
page = "overview"
takeaway = "Small multiples: one panel per UN region."
"""


@pytest.fixture(scope="module")
def stage(tmp_path_factory, e2e_data_dir):
    """The dashboard served as `make run` serves it (decks: the shipped one and OVERVIEW_DECK); the presenter
    block read from its terminal output."""
    tmp = tmp_path_factory.mktemp("stage")
    (tmp / "decks").mkdir()
    shutil.copyfile(REPO_ROOT / "decks" / "dialogue.toml", tmp / "decks" / "dialogue.toml")
    (tmp / "decks" / "overview.toml").write_text(OVERVIEW_DECK, encoding="utf-8")
    proc, url = _start_streamlit(REPO_ROOT / "app.py", tmp / "serve.log",
                                 {"DATA_DIR": str(e2e_data_dir), "DECKS_DIR": str(tmp / "decks")})
    try:
        text = url.log()
        key = re.search(r"^  Presenter key: (\S+)", text, re.M).group(1)
        speaker = re.search(r"^  Speaker view, on your own screen: +(\S+)$", text, re.M).group(1)
        venue = re.search(r"^  Venue window, on the projector: +(\S+)$", text, re.M).group(1)
        assert text.count(key) == 2, "the key is printed once, in the speaker view's URL besides its own line"
        yield Stage(url, key, speaker, venue)
    finally:
        _stop(proc)


@pytest.fixture
def window(browser):
    """Opens browser windows, each in its own context (a screen of its own); records requests leaving the
    machine (aborted) and closes them all at the end."""
    contexts, external = [], []

    def open_window(width: int = 1600, height: int = 1000):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.on("request", lambda r: external.append(r.url) if is_external_url(r.url) else None)
        context.route(is_external_url, lambda route: route.abort("internetdisconnected"))
        contexts.append(context)
        return context.new_page()

    open_window.external = external
    yield open_window
    for context in contexts:
        context.close()


def slide_of(page) -> str | None:
    return page.evaluate("() => new URLSearchParams(location.search).get('slide')")


def wait_for_slide(page, k: int, timeout: float = 60_000) -> None:
    helpers.wait_for_slide(page, DECK, k, timeout)


def runs(page) -> int:
    return int(page.evaluate("() => window.__e2eRuns || 0"))


def wait_for_checks(page, count: int = 2, timeout: float = 30_000) -> None:
    """The window has run `count` more times (a following window checks the deck's position every second)."""
    before = runs(page)
    page.wait_for_function("(n) => (window.__e2eRuns || 0) >= n", arg=before + count, timeout=timeout, polling=50)
    wait_for_app(page, timeout=timeout)


def no_errors(*pages) -> None:
    for page in pages:
        assert error_boxes(page).count() == 0, error_boxes(page).all_inner_texts()


def test_two_windows_through_the_whole_deck_and_back(stage, window):
    speaker = window(1600, 1000)
    venue = window(1920, 1080)
    speaker.goto(stage.speaker_url)
    wait_for_slide(speaker, 1)
    venue.goto(stage.venue_url)
    wait_for_slide(venue, 1)
    body = speaker.inner_text("body")
    assert "Speaker notes" in body and stage.key in body and DECK.slide(2).title in body
    assert speaker.locator(".st-key-_next_picture .js-plotly-plot .main-svg").first.is_visible()   # next slide
    assert speaker.locator(".st-key-_speaker_timer button").first.is_visible()
    screenshot(speaker, "stage_speaker_view", full_page=False)

    lags = []
    # (what the presenter does, the slide both windows then show); "x2": pressed again while the page is still
    # redrawing after the first press, as a clicker pressed twice quickly (a second press that reaches the server
    # before the first one is taken is merged with it: Streamlit counts a button's clicks per run, not each one)
    forward = [(how, k) for how, k in zip(["PageDown", "button", "ArrowRight"] * N, range(2, N + 1))]
    back = [(how, k) for how, k in zip(["PageUp", "button", "ArrowLeft"] * N, range(N - 1, 0, -1))]
    twice = [("PageDown x2", 3), ("PageUp x2", 1)]
    for step, (how, k) in enumerate(forward + back + twice):
        start = time.perf_counter()
        if how == "button":
            speaker.get_by_role("button", name="Next" if step < len(forward) else "Previous").click()
        else:
            key, _, times = how.partition(" x")
            first = int(slide_of(speaker)) + (1 if key == "PageDown" else -1)
            speaker.keyboard.press(key)
            if times:               # again as soon as the server has taken the first press (the URL moved), while
                speaker.wait_for_function(                                      # the page is still redrawing
                    "(k) => new URLSearchParams(location.search).get('slide') === String(k)", arg=first, polling=10)
                speaker.keyboard.press(key)
        wait_for_slide(venue, k)
        lags.append(time.perf_counter() - start)
        wait_for_slide(speaker, k)
        no_errors(speaker, venue)
        venue_body = venue.inner_text("body")
        assert "Speaker notes" not in venue_body and stage.key not in venue_body
        assert "key=" not in venue.url and "follow=1" in venue.url and f"key={stage.key}" in speaker.url
        assert venue.get_by_role("button", name="Next").count() == 0              # nothing to press on the projector
        screenshot(venue, f"stage_venue_step_{step}_slide_{k}", full_page=False)
        if k == 3 and step < len(forward):                                        # a reload of the venue window
            venue.reload()
            wait_for_slide(venue, 3)
        if k == 6 and step < len(forward):                                        # ... and of the speaker view
            speaker.reload()
            wait_for_slide(speaker, 6)
            assert slide_of(venue) == "6"
        if k == N:
            assert speaker.get_by_role("button", name="Next").is_disabled()
        if k == 2 and len(forward) <= step < len(forward + back):
            venue.reload()
            wait_for_slide(venue, 2)
        if k == 1:
            assert speaker.get_by_role("button", name="Previous").is_disabled()

    print(f"\nvenue window on the presenter's slide after a key or click in the speaker view: median "
          f"{statistics.median(lags):.2f} s (min {min(lags):.2f}, max {max(lags):.2f}) over {len(lags)} changes")
    assert window.external == []
    problems = [line for line in stage.url.log().splitlines() if LOG_PROBLEMS.search(line)]
    assert problems == [], problems
    assert stage.url.log().count(stage.key) == 2                  # the start-up lines only, never logged again


def test_an_attendee_can_neither_steer_nor_read_the_notes(stage, window):
    speaker = window()
    speaker.goto(stage.speaker_url.replace("slide=1", "slide=2"))
    wait_for_slide(speaker, 2)
    venue = window(1280, 720)
    venue.goto(stage.venue_url)
    wait_for_slide(venue, 2)                                 # opened on slide 1, it shows the presenter's slide

    attendee = window(390, 844)                              # a phone in the room
    attendee.goto(f"{stage.url}/?deck=dialogue&slide=1")
    wait_for_slide(attendee, 1)
    # on a phone the bottom line wraps: nothing wider than the screen, Next reachable without scrolling sideways
    assert attendee.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert attendee.evaluate("() => document.querySelector('.st-key-_slide').scrollWidth") <= 390
    box = attendee.get_by_role("button", name="Next").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    for k in (2, 3, 4):
        attendee.get_by_role("button", name="Next").click()
        wait_for_slide(attendee, k)                          # its own window pages through the deck ...
    wait_for_checks(venue)
    assert slide_of(venue) == "2" and slide_of(speaker) == "2"     # ... the venue window stays with the presenter
    venue.keyboard.press("PageDown")                         # a clicker pointed at the projector's window
    wait_for_checks(venue)
    assert slide_of(venue) == "2" and slide_of(speaker) == "2"

    for url in [f"{stage.url}/?deck=dialogue&slide=2&speaker=1",
                f"{stage.url}/?deck=dialogue&slide=2&speaker=1&key=not-the-presenters-key",
                f"{stage.url}/?deck=dialogue&slide=2&speaker=1&key={stage.key[:-1]}"]:
        attendee.goto(url)
        wait_for_slide(attendee, 2)
        body = attendee.inner_text("body")
        assert "Speaker notes" not in body and "records lost" not in body, url        # slide 2's note
        assert "speaker view needs the presenter" in body
        assert "key=" not in attendee.url and "speaker=1" not in attendee.url
    attendee.get_by_role("button", name="Next").click()
    wait_for_slide(attendee, 3)
    wait_for_checks(venue)
    assert slide_of(venue) == "2"

    attendee.goto(f"{stage.url}/?deck=no-such-deck")
    wait_for_app(attendee)
    body = attendee.inner_text("body")
    assert "no deck of that name can be shown" in body and "available decks" not in body     # none listed
    no_errors(speaker, venue, attendee)
    assert window.external == []


def fit(page) -> dict:
    """Where the slide's parts are, against the window: heights in CSS pixels."""
    return page.evaluate("""() => {
      const box = (sel) => { const e = document.querySelector(sel); if (!e) return null;
        const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; };
      const main = document.querySelector('[data-testid="stMain"]');
      return {viewport: innerHeight, document: document.documentElement.scrollHeight,
              mainScroll: main.scrollHeight, mainClient: main.clientHeight,
              title: box('.st-key-_deck_bar h3'), chart: box('.st-key-_slide_chart .js-plotly-plot'),
              source: box('.st-key-slide_source'), count: box('.st-key-_deck_count')};
    }""")


def assert_fits(page, where: str, *, chart_share: float = 0.55) -> None:
    f = fit(page)
    assert f["document"] <= f["viewport"] and f["mainScroll"] <= f["mainClient"] + 1, (where, f)   # no scrolling
    for part in ("title", "chart", "source", "count"):
        assert f[part] and f[part]["top"] >= 0 and f[part]["bottom"] <= f["viewport"] + 0.5, (where, part, f)
    assert f["chart"]["height"] >= chart_share * f["viewport"], (where, f)        # the chart has most of it
    assert page.locator(".st-key-slide_source").is_visible()
    text = page.locator(".st-key-slide_source").inner_text()
    assert re.search(r"\b(19|20)\d\d\b", text) and "warehouse built" in text, (where, text)  # data years, build date


@pytest.mark.parametrize("width, height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_the_screen(stage, window, width, height):
    page = window(width, height)
    for k in range(1, N + 1):
        page.goto(f"{stage.url}/?deck=dialogue&slide={k}")
        wait_for_slide(page, k)
        assert_fits(page, f"slide {k} at {width}x{height}")
        assert page.locator(".js-plotly-plot").count() == 1                 # the slide's panel alone ...
        assert page.locator(PICKERS).count() == 0                            # ... with none of its page's pickers
        assert "sidebar" not in page.inner_text("body")                     # ... nor text about a sidebar
        if DECK.slide(k).takeaway:
            assert page.locator(".st-key-slide_takeaway").is_visible()
        screenshot(page, f"stage_fit_{width}x{height}_slide_{k}", full_page=False)
    page.goto(f"{stage.url}/?deck=overview&slide=1")
    page.locator(".st-key-overview_multiples .js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    wait_for_app(page)
    assert_fits(page, f"the Overview's panel at {width}x{height}")
    screenshot(page, f"stage_fit_{width}x{height}_overview", full_page=False)
    speaker = window(width, height)
    for k in (1, 5):
        speaker.goto(f"{stage.url}/?deck=dialogue&slide={k}&speaker=1&key={stage.key}")
        wait_for_slide(speaker, k)
        assert_fits(speaker, f"speaker view {k} at {width}x{height}", chart_share=0.4)
        assert speaker.locator(".st-key-_speaker_notes").is_visible()
        screenshot(speaker, f"stage_fit_{width}x{height}_speaker_{k}", full_page=False)
    no_errors(page, speaker)
    assert window.external == []
