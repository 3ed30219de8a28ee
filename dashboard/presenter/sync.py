"""The slide each deck is on, per server: Next or Previous in any window of a deck moves it, and the speaker
view and `follow=1` windows follow within a second (a fragment that checks the position)."""
from __future__ import annotations

import time

import streamlit as st

FOLLOW_EVERY = 1.0           # seconds between checks of the deck position
_SEEN = "_deck_seen"         # newest deck position (sequence number) this session has acted on


@st.cache_resource(show_spinner=False)
def positions() -> dict[str, tuple[int, int]]:
    """Deck name -> (slide, sequence number) last moved to by any window on this server."""
    return {}


def publish(deck: str, number: int) -> None:
    seq = time.monotonic_ns()
    positions()[deck] = (number, seq)
    st.session_state[_SEEN] = seq


def seen(deck: str) -> None:
    """A window opening a deck acts only on later moves."""
    st.session_state.setdefault(_SEEN, positions().get(deck, (0, 0))[1])


def follow(deck: str, number: int, go) -> None:
    """Draw the follower: every FOLLOW_EVERY seconds, move to the slide another window moved the deck to."""
    @st.fragment(run_every=FOLLOW_EVERY)
    def _check() -> None:
        position = positions().get(deck)
        if position and position[1] > st.session_state.get(_SEEN, 0):
            st.session_state[_SEEN] = position[1]
            if position[0] != number:
                go(position[0])
                st.rerun(scope="app")

    _check()
