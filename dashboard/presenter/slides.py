"""A deck slide: its title bar, the slide's panel drawn alone, the speaker view's notes and the way out."""
from __future__ import annotations

import streamlit as st

from .. import data, decks, filters, frame, i18n, panels, registry, ui
from ..i18n import _
from ..text import md_escape
from . import chrome, sync
from .mode import Mode

_LANG_SET = "_deck_lang_set"       # decks whose own language this session has applied
_EXIT = "_deck_exit_to"             # (page file, filters) asked for by Exit presentation on a slide


def _url(deck: decks.Deck, number: int, mode: Mode) -> dict[str, list[str]]:
    params = decks.slide_params(deck, number, lang=i18n.language(), speaker=mode.speaker, follow=mode.follow)
    return {k: v if isinstance(v, list) else [v] for k, v in params.items()}


def _go(deck_name: str, number: int, speaker: bool, follow: bool) -> None:
    """Next/Previous (a callback, before the run): the URL becomes the slide's, and the deck moves there."""
    deck = decks.load(deck_name)
    number = min(max(number, 1), len(deck))
    with i18n.use_language(frame.session_language()):
        frame.set_url(_url(deck, number, Mode(deck=deck, speaker=speaker, follow=follow)))
    sync.publish(deck_name, number)


def _deck_language(mode: Mode) -> None:
    """A deck's own language on its first showing, unless the URL names one."""
    shown = st.session_state.setdefault(_LANG_SET, [])
    if mode.deck.name not in shown:
        shown.append(mode.deck.name)
        if mode.deck.lang and i18n.PARAM not in st.query_params:
            frame.set_language(mode.deck.lang)


def _bar(mode: Mode) -> None:
    """Slide title, 'k of n', Previous and Next (PageUp/PageDown; Left/Right through two hidden buttons)."""
    deck, k, n = mode.deck, mode.slide, len(mode.deck)
    args = (deck.name, mode.speaker, mode.follow)
    with st.container(key="_deck_bar"):
        title, counter, prev, nxt = st.columns([6, 1, 2.4, 2.4], vertical_alignment="center")
        title.subheader(deck.slide(k).title, anchor=False)
        counter.container(key="_deck_count").markdown(_("{k} of {n}").format(k=k, n=n))
        prev.button(_("Previous"), key="_deck_prev", on_click=_go, args=(args[0], k - 1, *args[1:]),
                    disabled=k <= 1, shortcut="PageUp", width="stretch")
        nxt.button(_("Next"), key="_deck_next", on_click=_go, args=(args[0], k + 1, *args[1:]),
                   disabled=k >= n, shortcut="PageDown", width="stretch", type="primary")
    with st.container(key="_deck_keys"):           # a button takes one shortcut: the arrow keys some clickers send
        st.button("→", key="_deck_next_key", on_click=_go, args=(args[0], k + 1, *args[1:]), shortcut="Right",
                  disabled=k >= n)
        st.button("←", key="_deck_prev_key", on_click=_go, args=(args[0], k - 1, *args[1:]), shortcut="Left",
                  disabled=k <= 1)


def _speaker_notes(mode: Mode) -> None:
    deck, k = mode.deck, mode.slide
    slide = deck.slide(k)
    with st.container(border=True, key="_speaker_notes"):
        st.markdown("**" + md_escape(_("Speaker notes")) + "** · " + md_escape(deck.title))
        st.markdown(md_escape(slide.note) if slide.note else "*" + md_escape(_("No note for this slide.")) + "*")
        if k < len(deck):
            st.markdown("**" + md_escape(_("Next slide:")) + "** " + md_escape(deck.slide(k + 1).title))
        else:
            st.markdown("**" + md_escape(_("This is the last slide.")) + "**")


def show(mode: Mode) -> None:
    """Draw slide `mode.slide` of `mode.deck`: its panel built from the slide's filters, as the page would."""
    _deck_language(mode)
    sync.seen(mode.deck.name)
    slide = mode.deck.slide(mode.slide)
    frame.set_url(_url(mode.deck, mode.slide, mode))
    chrome.apply()
    frame.show_notices(list(mode.notices))
    _bar(mode)
    if mode.speaker:
        _speaker_notes(mode)
    if mode.speaker or mode.follow:
        sync.follow(mode.deck.name, mode.slide,
                    lambda k: frame.set_url(_url(mode.deck, k, mode)))
    lang, q = i18n.language(), data.for_this_run()
    f, notices = filters.parse(slide.page, slide.raw(), q)
    frame.show_notices(notices)
    view = frame.View(registry.BY_PATH[slide.page], f, lang, q, presenting=True)
    if slide.panel:
        ui.show(panels.build(slide.panel, f, lang, q), view)
    else:
        ui.empty_state(_("This slide's page has no chart: open it live with Exit presentation."))
    params = {**slide.params(), **({i18n.PARAM: lang} if lang != i18n.DEFAULT else {})}
    st.button(_("Exit presentation"), key="_present_exit", type="tertiary", icon=":material/close_fullscreen:",
              on_click=_exit, args=(slide.page_file, params),
              help=_("Back to the normal page with its sidebar, keeping this view's filters."))


def _exit(page_file: str, params: dict) -> None:
    st.session_state[_EXIT] = (page_file, params)


def leave_if_asked() -> None:
    """After Exit presentation on a slide: the slide's page, with the slide's filters (st.switch_page cannot run
    in a button's callback, so the callback leaves the request here for the next run)."""
    target = st.session_state.pop(_EXIT, None)
    if target is not None:
        st.switch_page(target[0], query_params=target[1])
