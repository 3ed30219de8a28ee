"""A deck slide, fitted to the screen: its title, the takeaway, the slide's panel drawn alone filling the height
left (draw.py), and the bottom line: the source line, k of n, Previous and Next where this window may move, and
the way out. Which slide a window shows and who moves the deck: mode.py and sync.py; the speaker view's extras:
speaker.py. Every text from the deck or the data is shown as text (md_escape)."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from .. import data, decks, filters, frame, i18n, panels, registry
from ..i18n import _
from ..text import md_escape
from . import chrome, draw, speaker, sync
from .mode import Mode

_LANG_SET = "_deck_lang_set"       # decks whose own language this session has applied
_EXIT = "_deck_exit_to"             # (page file, filters) asked for by Exit presentation on a slide


def _url(deck: decks.Deck, number: int, mode: Mode) -> dict[str, list[str]]:
    params = decks.slide_params(deck, number, lang=i18n.language(), speaker=mode.speaker, follow=mode.follow,
                                key=mode.key)
    return {k: v if isinstance(v, list) else [v] for k, v in params.items()}


def _go(mode: Mode, step: int) -> None:
    """Next/Previous (a callback, before the run): the URL becomes the slide `step` away from the one the URL is
    on now (a clicker pressed twice before the page redrew moves two slides, not one); the presenter's move
    moves the deck for every window following it."""
    try:
        current = int(st.query_params.get(decks.SLIDE, mode.slide))
    except ValueError:
        current = mode.slide
    number = min(max(current + step, 1), len(mode.deck))
    with i18n.use_language(frame.session_language()):
        frame.set_url(_url(mode.deck, number, mode))
    if mode.steers:
        sync.publish(mode.deck.name, number)


def _deck_language(mode: Mode) -> None:
    """A deck's own language on its first showing, unless the URL names one."""
    shown = st.session_state.setdefault(_LANG_SET, [])
    if mode.deck.name not in shown:
        shown.append(mode.deck.name)
        if mode.deck.lang and i18n.PARAM not in st.query_params:
            frame.set_language(mode.deck.lang)


def _slide_number(mode: Mode) -> int:
    """The slide this window shows: a window following the deck shows where the presenter has it; the
    presenter's window opening the deck (first open or reload) puts the deck on its own slide."""
    if mode.presenter:
        sync.opened_by_presenter(mode.deck.name, mode.slide)
    elif mode.follow:
        return sync.adopt(mode.deck.name) or mode.slide
    return mode.slide


def slide_panel(slide: decks.Slide, lang: str, q) -> tuple[panels.Panel | None, frame.View, list]:
    """The slide's panel built from its filters, as its page builds it (None: a page without charts), the view
    it is drawn in and the notices its filters gave."""
    f, notices = filters.parse(slide.page, slide.raw(), q)
    view = frame.View(registry.BY_PATH[slide.page], f, lang, q, presenting=True)
    return (panels.build(slide.panel, f, lang, q) if slide.panel else None), view, notices


def _title(mode: Mode) -> None:
    st.container(key="_deck_bar").subheader(md_escape(mode.deck.slide(mode.slide).title), anchor=False)


def _foot(mode: Mode, panel: panels.Panel | None, q) -> None:
    """The bottom line: the source line, 'k of n', the speaker's timer, Previous and Next (PageUp/PageDown;
    Left/Right through two hidden buttons) where this window may move, and the way out."""
    deck, k, n = mode.deck, mode.slide, len(mode.deck)
    with st.container(key="_deck_foot", horizontal=True, vertical_alignment="center", gap="small"):
        draw.source(panel, q)
        st.container(key="_deck_count", width="content").markdown(_("{k} of {n}").format(k=k, n=n))
        if mode.speaker:
            with st.container(key="_deck_timer", width="content", horizontal=True, vertical_alignment="center"):
                speaker.timer(mode, lambda number: _follow_to(mode, number))
        if mode.browses:
            st.button(_("Previous"), key="_deck_prev", on_click=_go, args=(mode, -1), disabled=k <= 1,
                      shortcut="PageUp", icon=":material/arrow_back:")
            st.button(_("Next"), key="_deck_next", on_click=_go, args=(mode, 1), disabled=k >= n,
                      shortcut="PageDown", type="primary", icon=":material/arrow_forward:")
        slide = deck.slide(k)
        params = {**slide.params(), **({i18n.PARAM: i18n.language()} if i18n.language() != i18n.DEFAULT else {})}
        st.button("", key="_present_exit", type="tertiary", icon=":material/close_fullscreen:",
                  on_click=_exit, args=(slide.page_file, params),
                  help=_("Exit presentation: back to the normal page with its sidebar, keeping this view's "
                         "filters."))
    if mode.browses:
        with st.container(key="_deck_keys"):       # a button takes one shortcut: the arrow keys some clickers send
            st.button("→", key="_deck_next_key", on_click=_go, args=(mode, 1), shortcut="Right",
                      disabled=k >= n)
            st.button("←", key="_deck_prev_key", on_click=_go, args=(mode, -1), shortcut="Left",
                      disabled=k <= 1)


def _follow_to(mode: Mode, number: int) -> None:
    """A following window's move to the presenter's slide (inside the follow fragment, before its rerun)."""
    frame.set_url(_url(mode.deck, number, mode))


def show(mode: Mode) -> None:
    """Draw slide `mode.slide` of `mode.deck` (or, following the deck, the presenter's slide)."""
    _deck_language(mode)
    mode = replace(mode, slide=_slide_number(mode))
    slide = mode.deck.slide(mode.slide)
    frame.set_url(_url(mode.deck, mode.slide, mode))
    chrome.apply(slide=True, speaker=mode.speaker)
    lang, q = i18n.language(), data.for_this_run()
    panel, view, notices = slide_panel(slide, lang, q)
    with st.container(key="_slide", gap="small"):
        frame.show_notices([*mode.notices, *notices])
        _title(mode)
        if mode.speaker:
            speaker.body(mode, panel, view, lambda s: slide_panel(s, lang, q)[0])
        else:
            draw.takeaway(slide)
            draw.chart(panel, view)
        _foot(mode, panel, q)
        if mode.following and not mode.speaker:        # the speaker view follows through its timer
            sync.follow(mode.deck.name, mode.slide, lambda number: _follow_to(mode, number))


def _exit(page_file: str, params: dict) -> None:
    st.session_state[_EXIT] = (page_file, params)


def leave_if_asked() -> None:
    """After Exit presentation on a slide: the slide's page, with the slide's filters (st.switch_page cannot run
    in a button's callback, so the callback leaves the request here for the next run)."""
    target = st.session_state.pop(_EXIT, None)
    if target is not None:
        st.switch_page(target[0], query_params=target[1])
