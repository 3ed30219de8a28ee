"""Where each deck is, per server: the presenter's windows move it, and every window following it (the venue
window, the speaker view, any other window of the presenter) shows that slide within a second.

Only the presenter (a window with the key, dashboard/presenter/access.py) moves a deck; decks move apart from
one another (one position per deck name). A following window checks the position in a fragment every
FOLLOW_EVERY seconds and, when the deck has moved, changes its own URL to the new slide and reruns. The deck's
timer (the speaker view's) starts when the presenter first opens the deck on this server.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

FOLLOW_EVERY = 0.5           # seconds between checks of the deck position (a move shows within a second)
_SEEN = "_deck_seen"         # deck name -> newest move (sequence number) this session has acted on


@dataclass(frozen=True)
class Position:
    slide: int
    seq: int                 # increases with every move, on any deck
    started: float           # time.monotonic() when the deck's timer started


class Board:
    """The decks' positions on this server (shared by every session; a lock around each change)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._decks: dict[str, Position] = {}
        self._seq = 0

    def get(self, deck: str) -> Position | None:
        with self._lock:
            return self._decks.get(deck)

    def move(self, deck: str, slide: int) -> Position:
        with self._lock:
            self._seq += 1
            old = self._decks.get(deck)
            new = Position(slide, self._seq, old.started if old else time.monotonic())
            self._decks[deck] = new
            return new

    def restart_timer(self, deck: str) -> None:
        with self._lock:
            old = self._decks.get(deck)
            if old is not None:
                self._decks[deck] = Position(old.slide, old.seq, time.monotonic())


@st.cache_resource(show_spinner=False)
def board() -> Board:
    return Board()


def _seen() -> dict[str, int]:
    return st.session_state.setdefault(_SEEN, {})


def publish(deck: str, slide: int) -> None:
    """The presenter moved `deck` to `slide` (this window has acted on its own move)."""
    _seen()[deck] = board().move(deck, slide).seq


def opened_by_presenter(deck: str, slide: int) -> None:
    """A presenter's window opening a deck (a new session: first open or reload) puts the deck on its slide."""
    if deck not in _seen():
        publish(deck, slide)


def adopt(deck: str) -> int | None:
    """A following window's run: the slide the presenter has the deck on (None: not presented on this server
    yet), taken as acted on."""
    position = board().get(deck)
    if position is None:
        return None
    _seen()[deck] = max(position.seq, _seen().get(deck, 0))
    return position.slide


def elapsed(deck: str) -> float:
    """Seconds since the deck's timer started (0 before the presenter opened it)."""
    position = board().get(deck)
    return time.monotonic() - position.started if position else 0.0


def follow(deck: str, slide: int, go: Callable[[int], None], tick: Callable[[], None] | None = None) -> None:
    """Draw the follower: every FOLLOW_EVERY seconds, move to the slide the presenter moved the deck to (`go`
    changes this window's URL; the app then reruns), and redraw `tick` (the speaker view's timer)."""
    @st.fragment(run_every=FOLLOW_EVERY)
    def _check() -> None:
        position = board().get(deck)
        if position and position.seq > _seen().get(deck, 0):
            _seen()[deck] = position.seq
            if position.slide != slide:
                go(position.slide)
                st.rerun(scope="app")
        if tick is not None:
            tick()

    _check()
