"""Presentation mode on a page (`present=1`): the sidebar's toggle into it and the discreet way out."""
from __future__ import annotations

import streamlit as st

from .. import decks
from ..i18n import _

_TOGGLE = "_present_toggle"


def _enter() -> None:
    if st.session_state.get(_TOGGLE):
        st.query_params[decks.PRESENT] = "1"
    st.session_state[_TOGGLE] = False


def _leave() -> None:
    for key in (decks.PRESENT, decks.DECK, decks.SLIDE, decks.SPEAKER, decks.FOLLOW, decks.KEY):
        if key in st.query_params:
            del st.query_params[key]


def toggle() -> None:
    with st.sidebar:
        st.toggle(_("Presentation mode"), key=_TOGGLE, on_change=_enter,
                  help=_("Large type, no sidebar or toolbar, charts filling the screen. The link gets "
                         "present=1; leave with the Exit presentation button at the bottom of the page."))


def exit_button() -> None:
    st.button(_("Exit presentation"), key="_present_exit", on_click=_leave, type="tertiary",
              icon=":material/close_fullscreen:",
              help=_("Back to the normal page with its sidebar, keeping this view's filters."))
