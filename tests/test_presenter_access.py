"""The presenter's key: only a window with it steers a deck and opens the speaker view; any window can show any
slide and follow the deck; two decks move apart; every window keeps slide=k in its URL; the key appears in no
follower's URL. AppTest runs app.py in this process, so its windows share the server's deck positions (as
browser windows of one server do) and its key (`access.key()`)."""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import decks
from dashboard.presenter import access, sync
from tests.apptest_helpers import no_error, open_window, press, shown, url_params

DECK = decks.load("dialogue")
N = len(DECK)

pytestmark = pytest.mark.usefixtures("warehouse_dir")

SECOND = """title = "Second deck"
[[slide]]
title = "Overlaps"
page = "architecture"
chart = "arch_overlap"
note = "Second deck, slide one."
[[slide]]
title = "Gaps"
page = "architecture"
chart = "arch_map"
[[slide]]
title = "Coverage"
page = "architecture"
chart = "arch_coverage_bars"
"""


def title(at: AppTest) -> str:
    return shown(at.subheader[0].value)


def text(at: AppTest) -> str:
    return shown(" ".join([m.value for m in at.markdown] + [c.value for c in at.caption]))


def check_follow(at: AppTest) -> AppTest:
    """The window's next check of the deck position (every second in a browser)."""
    at.run()
    no_error(at)
    return at


@pytest.fixture
def fresh_board():
    """Deck positions as on a newly started server."""
    sync.board.clear()
    yield
    sync.board.clear()


# -- the key ---------------------------------------------------------------------------------------------------

def test_access_key_is_made_once_and_readable():
    key = access.key()
    assert key == access.key() and len(key) >= access.MIN_LENGTH and access.ALLOWED.match(key)
    assert re.fullmatch(r"([a-z2-9]{4}-){3}[a-z2-9]{4}", access.make_key())
    assert access.matches(key)
    for wrong in ["", key[:-1], key + "x", key.upper(), None, 12, "x" * 10_000, [key]]:
        assert not access.matches(wrong), wrong


@pytest.mark.parametrize("value, problem", [
    ("short", "12 to 128 characters"),
    ("x" * 200, "12 to 128 characters"),
    ("has space in it", "only letters"),
    ("ünïcødé-key-value", "only letters"),
    ("a&b=c#d/e?f%g", "only letters"),
])
def test_access_refuses_a_weak_or_unsafe_key_from_the_environment(value, problem):
    with pytest.raises(access.PresenterKeyError, match=problem):
        access.check(value)
    assert access.check("  Venue-2026_key.one  ") == "Venue-2026_key.one"


def test_access_key_from_the_environment(monkeypatch):
    monkeypatch.setattr(access, "_key", None)
    try:
        assert access.key({access.ENV: "our-own-venue-key"}) == "our-own-venue-key"
        assert access.matches("our-own-venue-key")
    finally:
        monkeypatch.setattr(access, "_key", None)
    with pytest.raises(access.PresenterKeyError):
        access.key({access.ENV: "weak"})
    monkeypatch.setattr(access, "_key", None)


def test_access_startup_text_gives_the_key_only_to_the_speaker_view():
    lines = access.startup_text("http://127.0.0.1:8501", "dialogue").splitlines()
    key = access.key()
    assert key in lines[0]
    speaker = next(line for line in lines if "Speaker view" in line)
    venue = next(line for line in lines if "Venue window" in line)
    assert speaker.split()[-1] == f"http://127.0.0.1:8501/?deck=dialogue&slide=1&speaker=1&key={key}"
    assert venue.split()[-1] == "http://127.0.0.1:8501/?deck=dialogue&slide=1&follow=1"
    assert access.startup_text("http://x", None).count("\n") == 0        # no deck: the key alone


# -- who steers ----------------------------------------------------------------------------------------------

def test_attendee_window_shows_any_slide_and_pages_only_itself(fresh_board):
    venue = open_window(deck="dialogue", slide="1", follow="1")
    presenter = open_window(deck="dialogue", slide="1", speaker="1", key=access.key())
    attendee = open_window(deck="dialogue", slide="3")
    assert title(attendee) == DECK.slide(3).title and not attendee.warning
    press(attendee, "_deck_next")
    press(attendee, "_deck_next_key")
    assert url_params(attendee)["slide"] == "5"                       # its own window moved
    assert sync.board().get("dialogue").slide == 1             # the deck did not
    check_follow(venue)
    assert url_params(venue)["slide"] == "1" and title(venue) == DECK.slide(1).title
    check_follow(presenter)
    assert url_params(presenter)["slide"] == "1"
    assert "Speaker notes" not in text(attendee) and DECK.slide(5).note[-40:] not in text(attendee)


def test_venue_window_has_nothing_to_press_but_the_way_out():
    venue = open_window(deck="dialogue", slide="2", follow="1")
    for key in ["_deck_next", "_deck_prev", "_deck_next_key", "_deck_prev_key"]:
        with pytest.raises(KeyError):
            venue.button(key=key)
    assert venue.button(key="_present_exit")
    assert "key" not in url_params(venue)


def test_speaker_view_without_the_key_shows_no_notes(fresh_board):
    for given in [None, "wrong-key-but-long-enough", access.key()[:-1]]:
        params = {"deck": "dialogue", "slide": "2", "speaker": "1", **({"key": given} if given else {})}
        at = open_window(**params)
        warning = " ".join(w.value for w in at.warning)
        assert "speaker view needs the presenter" in shown(warning)
        body = text(at)
        assert "Speaker notes" not in body and "records lost" not in body    # slide 2's note
        assert access.key() not in body
        assert not {"key", "speaker"} & set(url_params(at))                       # neither is kept in its URL
        assert title(at) == DECK.slide(2).title                             # the slide itself is shown
        press(at, "_deck_next")
        assert sync.board().get("dialogue") is None                        # ... but does not steer


def test_presenter_steers_every_following_window_which_keeps_slide_k(fresh_board):
    venue = open_window(deck="dialogue", slide="1", follow="1")
    other = open_window(deck="dialogue", slide="1", follow="1", lang="fr")
    speaker = open_window(deck="dialogue", slide="1", speaker="1", key=access.key())
    assert "Speaker notes" in text(speaker) and access.key() in text(speaker)
    assert re.fullmatch(r"\d\d:\d\d", speaker.button(key="_speaker_timer").label)
    for k in range(2, N + 1):
        press(speaker, "_deck_next")
        assert url_params(speaker)["slide"] == str(k) and url_params(speaker)["key"] == access.key()
        for follower in (venue, other):
            check_follow(follower)
            check_follow(follower)                                 # the fragment's move, then the app's rerun
            p = url_params(follower)
            assert p["slide"] == str(k) and p["follow"] == "1" and "key" not in p, (k, p)
            assert title(follower) == DECK.slide(k).title
            assert "Speaker notes" not in text(follower)
    assert url_params(other)["lang"] == "fr"
    for k in range(N - 1, 0, -1):
        press(speaker, "_deck_prev")
        check_follow(venue)
        check_follow(venue)
        assert url_params(venue)["slide"] == str(k)


def test_follower_opening_late_shows_the_presenters_slide(fresh_board):
    speaker = open_window(deck="dialogue", slide="4", speaker="1", key=access.key())    # opening it moves the deck
    assert sync.board().get("dialogue").slide == 4
    venue = open_window(deck="dialogue", slide="1", follow="1")
    assert url_params(venue)["slide"] == "4" and title(venue) == DECK.slide(4).title
    again = open_window(**url_params(venue))                                   # a reload of the venue window
    assert url_params(again)["slide"] == "4"
    reloaded = open_window(**url_params(speaker))                              # a reload of the speaker view
    assert url_params(reloaded)["slide"] == "4" and url_params(reloaded)["key"] == access.key()


def test_speaker_view_shows_timer_next_slide_picture_and_the_venue_link(fresh_board):
    at = open_window(deck="dialogue", slide="4", speaker="1", key=access.key())
    body = text(at)
    assert f"Next (5 of {N}): {DECK.slide(5).title}" in body
    assert f"Presenter key (never on the projector): {access.key()}" in body
    venue_link = re.search(r"Venue window: (\S+)", body).group(1)
    assert venue_link == "/?deck=dialogue&slide=4&follow=1"
    assert "key=" not in venue_link
    assert at.button(key="_speaker_timer").proto.icon == ":material/timer:"
    configs = [json.loads(c.proto.config) for c in at.get("plotly_chart")]
    assert len(configs) == 2                                       # the slide's chart and the next one's picture
    assert configs[1]["staticPlot"] is True and configs[1]["topojsonURL"] == "/app/static/"
    assert "staticPlot" not in configs[0]


def test_two_decks_presented_at_once_move_apart(tmp_path, monkeypatch, fresh_board):
    (tmp_path / "dialogue.toml").write_text(DECK.path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "second.toml").write_text(SECOND, encoding="utf-8")
    monkeypatch.setattr(decks, "DECKS_DIR", tmp_path)
    one = open_window(deck="dialogue", slide="1", speaker="1", key=access.key())
    two = open_window(deck="second", slide="1", speaker="1", key=access.key())
    venue_one = open_window(deck="dialogue", slide="1", follow="1")
    venue_two = open_window(deck="second", slide="1", follow="1")
    press(one, "_deck_next")
    press(one, "_deck_next")
    press(two, "_deck_next")
    for at in (venue_one, venue_two, one, two):
        check_follow(at)
        check_follow(at)
    assert url_params(venue_one)["slide"] == "3" and url_params(one)["slide"] == "3"
    assert url_params(venue_two)["slide"] == "2" and url_params(two)["slide"] == "2"
    assert title(venue_two) == "Gaps"


def test_exit_leaves_the_key_behind():
    at = open_window(deck="dialogue", slide="2", speaker="1", key=access.key())
    press(at, "_present_exit")
    assert not {"key", "deck", "slide", "speaker"} & set(url_params(at))


def test_board_keeps_one_position_and_one_timer_per_deck():
    board = sync.Board()
    assert board.get("a") is None
    first, other, again = board.move("a", 2), board.move("b", 5), board.move("a", 3)
    assert (board.get("a").slide, board.get("b").slide) == (3, 5) and first.seq < other.seq < again.seq
    assert again.started == first.started                       # moving does not restart the timer
    board.restart_timer("a")
    assert board.get("a").started >= first.started and board.get("a").slide == 3 and board.get("b") == other
