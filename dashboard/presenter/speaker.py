"""The speaker view (`speaker=1` with the presenter's key): the slide as the room sees it, the timer, the next
slide's title and a small picture of its chart, the notes, and the key with the venue window's link. Deck texts
are shown as text."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import streamlit as st

from .. import decks, i18n, panels, ui
from ..charts.style import localize_figure
from ..i18n import _
from ..text import md_escape
from . import draw, sync
from .mode import Mode

PICTURE_HEIGHT = 190           # px: the next slide's picture


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def timer(mode: Mode, go: Callable[[int], None]) -> None:
    """Time since the presenter opened the deck on this server (one timer per deck; a click sets it to 0),
    redrawn by the fragment that also follows the deck."""
    name = mode.deck.name

    def tick() -> None:
        st.button(_clock(sync.elapsed(name)), key="_speaker_timer", icon=":material/timer:", type="tertiary",
                  on_click=sync.board().restart_timer, args=(name,), help=_("Restart the timer"))

    sync.follow(name, mode.slide, go, tick)


def _picture(panel: panels.Panel | None, lang: str) -> None:
    """A small still picture of a panel's chart (drawn by plotly in this page: no frame, no request)."""
    if panel is None or panel.empty or panel.figure is None:
        st.caption(_("No chart on the next slide."))
        return
    fig = localize_figure(panel.figure, lang)
    fig.update_layout(height=PICTURE_HEIGHT, showlegend=False, title=None, font_size=9,
                      margin={"l": 8, "r": 8, "t": 8, "b": 8})
    fig.update_xaxes(title=None)
    fig.update_yaxes(title=None)
    st.plotly_chart(fig, width="stretch", height=PICTURE_HEIGHT, key="_next_picture", theme=None,
                    config={**ui.PLOTLY_CONFIG, "staticPlot": True, "displayModeBar": False})


def _venue_link(mode: Mode) -> str:
    """The venue window's address for this slide (no key): what the projector's browser opens."""
    params = {decks.DECK: mode.deck.name, decks.SLIDE: str(mode.slide), decks.FOLLOW: "1",
              **({decks.LANG: i18n.language()} if i18n.language() != i18n.DEFAULT else {})}
    return "/?" + urlencode(params)


def body(mode: Mode, panel: panels.Panel | None, view, build: Callable[[decks.Slide], panels.Panel | None]) -> None:
    """The current slide (left) beside the next slide, the notes and the key (right)."""
    deck, k = mode.deck, mode.slide
    slide = deck.slide(k)
    with st.container(key="_speaker_body", horizontal=True, gap="medium", height="stretch"):
        with st.container(key="_speaker_main", height="stretch"):
            draw.takeaway(slide)
            draw.chart(panel, view, room=False)
        with st.container(key="_speaker_side", height="stretch"):
            with st.container(key="_speaker_next"):
                if k < len(deck):
                    nxt = deck.slide(k + 1)
                    st.markdown("**" + md_escape(_("Next ({k} of {n}):").format(k=k + 1, n=len(deck))) + "** "
                                + md_escape(nxt.title))
                    _picture(build(nxt), view.lang)
                else:
                    st.markdown("**" + md_escape(_("This is the last slide.")) + "**")
            with st.container(key="_speaker_notes", border=True, height="stretch"):
                st.markdown("**" + md_escape(_("Speaker notes")) + "** · " + md_escape(deck.title))
                st.markdown(md_escape(slide.note) if slide.note else "*" + md_escape(_("No note for this slide."))
                            + "*")
                if panel is not None and panel.note:
                    st.caption(md_escape(_("About the chart:")) + " " + panel.note)
            with st.container(key="_speaker_key"):
                st.caption(md_escape(_("Presenter key (never on the projector): {key}").format(key=mode.key)))
                st.caption(md_escape(_("Venue window: {link}").format(link=_venue_link(mode))))
