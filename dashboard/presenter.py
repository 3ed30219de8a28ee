"""Presentation mode and briefing decks: `?present=1` on any page, `?deck=<name>&slide=<k>`, `&speaker=1`.

Presentation mode hides the sidebar, the page list and Streamlit's toolbar and status widget, sets the type 1.4
times larger and draws charts large (see `fit_figure`, applied by ui.plot). A deck (decks/<name>.toml, see
dashboard/decks.py) is a list of slides, each a page with its URL filters, a title and a speaker note.

How the URL state works. The URL is the whole truth about a slide: `<page>?<filters>&deck=<name>&slide=<k>`.
When this session has not shown that slide yet (a fresh link, a reload, a second screen, Next or Previous, the
browser's back button), `before_page` *navigates* to it: it forgets the widgets' state, releases the widgets'
URL bindings and calls `st.switch_page(<slide's page>, query_params=<slide's URL>)`, so the next run starts
exactly like a fresh visit of that URL and every widget reads its value from it. Once a slide is shown, the
presenter may change its filters live; they are not snapped back until the slide changes.

Next and Previous are buttons with keyboard shortcuts (PageDown/PageUp, which presentation clickers send, and
the arrow keys Right/Left through two hidden buttons): `st.button(shortcut=...)`, Streamlit's own API.

Speaker view (`&speaker=1`): the same slide with its note and the next slide's title. It follows the slides
that a presentation window of the same deck on the same server moves to (a server-wide position per deck,
checked every second in a fragment); `&follow=1` makes a presentation window follow the speaker view likewise.
"""
from __future__ import annotations

import re
import time

import streamlit as st

from . import decks, i18n
from .filters import Notice
from .i18n import _

SCALE = 1.4                  # type size in presentation mode, relative to the normal page
FIGURE_SCALE = 1.4           # plotly fonts in presentation mode
CHART_HEIGHT = 700           # px: charts are drawn at least this tall in presentation mode
FOLLOW_EVERY = 1.0           # seconds between checks of the deck position (speaker view, follow=1)

_AT = "_deck_at"             # (deck, slide) this session shows; a different one in the URL means: navigate
_GOTO = "_deck_goto"         # slide asked for by Next/Previous/follow, applied at the start of the next run
_NOTICES = "_deck_notices"   # notices to show after the navigating rerun
_SEEN = "_deck_seen"         # newest deck position (sequence number) this session has acted on
_TRUE = {"1", "true", "yes", "on"}


# -- mode -----------------------------------------------------------------------------------------------

def _flag(name: str) -> bool:
    value = st.query_params.get(name)
    return isinstance(value, str) and value.strip().lower() in _TRUE


def _deck_from_url() -> tuple[decks.Deck | None, str | None]:
    """The deck named in the URL, or (None, the reason it cannot be shown)."""
    name = st.query_params.get(decks.DECK)
    if name is None:
        return None, None
    try:
        return decks.load(name), None
    except decks.DeckError as exc:
        return None, str(exc)


def is_presenting() -> bool:
    """Presentation mode: `present=1`, or a deck that can be shown."""
    return _flag(decks.PRESENT) or _deck_from_url()[0] is not None


def navigation_position() -> str:
    """Where st.navigation shows the page list: 'hidden' in presentation mode, else 'sidebar'."""
    return "hidden" if is_presenting() else "sidebar"


# -- figures --------------------------------------------------------------------------------------------

def fit_figure(fig, scale: float = FIGURE_SCALE, min_height: int = CHART_HEIGHT):
    """Larger type and a taller drawing for a room: every font size of the figure times `scale`, its height at
    least `min_height` (taller charts keep their height). Returns the figure (changed in place)."""
    layout = fig.layout
    base = layout.font.size or 12
    updates = {"font.size": round(base * scale)}
    if layout.title.text:
        updates["title.font.size"] = round((layout.title.font.size or base * 17 / 12) * scale)
    if layout.hoverlabel.font.size:
        updates["hoverlabel.font.size"] = round(layout.hoverlabel.font.size * scale)
    if layout.margin.t is not None:
        updates["margin.t"] = round(layout.margin.t * scale)
    fig.update_layout({k.replace(".", "_"): v for k, v in updates.items()})
    for ann in layout.annotations:
        if ann.font.size:
            ann.font.size = round(ann.font.size * scale)
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and getattr(textfont, "size", None) and not isinstance(textfont.size, tuple):
            textfont.size = round(textfont.size * scale)
    fig.update_layout(height=max(layout.height or 450, min_height))
    return fig


def focus_chart() -> str | None:
    """The chart the deck slide in the URL is about (its ui.plot key), or None outside a deck slide."""
    deck, _problem = _deck_from_url()
    if deck is None:
        return None
    try:
        return deck.slide(int(st.query_params.get(decks.SLIDE, "1"))).chart
    except (ValueError, IndexError):
        return None


def present_figure(fig, key: str | None = None):
    """ui.plot's hook. Presentation mode: the figure made larger (`fit_figure`); on a deck slide that names its
    chart, None for the page's other charts (they are hidden: not drawing them saves the venue's machine the
    work). Otherwise the figure unchanged."""
    if not is_presenting():
        return fig
    focus = focus_chart()
    if focus and key != focus:
        return None
    return fit_figure(fig)


# -- deck navigation ------------------------------------------------------------------------------------

def _slide_number(deck: decks.Deck, notices: list[Notice]) -> int:
    raw = st.query_params.get(decks.SLIDE)
    if raw is None:
        return 1
    try:
        number = int(raw)
    except ValueError:
        notices.append(Notice(decks.SLIDE, raw[:20], i18n.N_("not a slide number; the deck starts at slide 1")))
        return 1
    if not 1 <= number <= len(deck):
        notices.append(Notice(decks.SLIDE, raw[:20], i18n.N_("this deck has slides 1 to {n}"), (("n", len(deck)),)))
        return 1
    return number


def _url_matches(params: dict) -> bool:
    """True when the URL holds exactly `params` (besides Streamlit's own embed options)."""
    current = {k for k in st.query_params if not k.lower().startswith("embed")}
    if current != set(params):
        return False
    return all(st.query_params.get_all(k) == ([v] if isinstance(v, str) else list(v)) for k, v in params.items())


def _forget_widgets() -> None:
    """Drop every widget value of this session (not our own '_' keys) so widgets read the new URL."""
    for key in [k for k in st.session_state if not str(k).startswith("_")]:
        try:
            del st.session_state[key]
        except KeyError:
            pass


def _release_url_bindings() -> None:
    """Release the widgets' bindings to URL parameters, so that the next URL can be set as a whole.

    Streamlit refuses to set a query parameter bound to a widget (bind="query-params") from code; there is
    no public call to unbind, so this uses the same cleanup Streamlit runs for widgets that are no longer
    drawn (QueryParams.remove_stale_bindings with no active widget). Checked on Streamlit 1.67; on another
    version a failure here only means the widget values of the previous slide may stay in place.
    """
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None:
            return
        with ctx.session_state.query_params() as qp:
            qp.remove_stale_bindings(frozenset())
    except Exception:  # noqa: BLE001 - see the docstring
        pass


@st.cache_resource(show_spinner=False)
def _positions() -> dict[str, tuple[int, int]]:
    """Deck name -> (slide, sequence number) last moved to by any window on this server (speaker sync)."""
    return {}


def _publish(deck: str, number: int) -> int:
    seq = time.monotonic_ns()
    _positions()[deck] = (number, seq)
    return seq


def _lang_for(deck: decks.Deck, first_visit: bool) -> str:
    """The deck's language on the first visit when the URL names none; afterwards the session's language."""
    if first_visit:
        return i18n.normalize(st.query_params.get(decks.LANG)) or deck.lang or i18n.language()
    return i18n.language()


def _navigate(deck: decks.Deck, number: int, page, *, first_visit: bool, moved: bool) -> None:
    """Show slide `number`: put its URL in place and rerun on its page (see the module docstring)."""
    slide = deck.slide(number)
    lang = _lang_for(deck, first_visit)
    params = decks.slide_params(deck, number, lang=lang, speaker=_flag(decks.SPEAKER),
                                follow=_flag(decks.FOLLOW))
    st.session_state[_AT] = (deck.name, number)
    if moved:
        st.session_state[_SEEN] = _publish(deck.name, number)
    elif first_visit:
        st.session_state[_SEEN] = _positions().get(deck.name, (0, 0))[1]
    if lang != i18n.language():
        i18n.set_language(lang)
    fresh = not any(not str(k).startswith("_") for k in st.session_state)
    if first_visit and fresh and page.url_path == slide.path and _url_matches(params):
        return                                   # a fresh visit of the slide's own URL: nothing to change
    _forget_widgets()
    _release_url_bindings()
    st.switch_page(slide.page_file, query_params=params)


def _step(delta: int, count: int) -> None:
    at = st.session_state.get(_AT)
    if at:
        st.session_state[_GOTO] = min(max(at[1] + delta, 1), count)


def _run_deck(deck: decks.Deck, page) -> int:
    """Make sure this run shows the slide the URL (or a Next/Previous click) asks for; returns its number."""
    notices: list[Notice] = []
    number = _slide_number(deck, notices)
    at = st.session_state.get(_AT)
    goto = st.session_state.pop(_GOTO, None)
    if notices:
        st.session_state[_NOTICES] = notices
    if goto is not None and at and at[0] == deck.name:
        _navigate(deck, goto, page, first_visit=False, moved=True)
    elif at != (deck.name, number) or notices:
        _navigate(deck, number, page, first_visit=at is None or at[0] != deck.name, moved=False)
    return number


# -- chrome ---------------------------------------------------------------------------------------------

#: Our own static CSS for presentation mode (Streamlit 1.67 test ids).
PRESENT_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stAppDeployButton"], [data-testid="stMainMenu"],
[data-testid="stToolbarActions"], [data-testid="stSkeleton"], .st-key-_deck_next_key, .st-key-_deck_prev_key { display: none !important; }
html { font-size: ROOT_PXpx; }
[data-testid="stMain"] .block-container, [data-testid="stMainBlockContainer"] {
  padding-top: 1.2rem !important; padding-bottom: 1rem !important; max-width: 100% !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stWidgetLabel"] p { font-size: 1rem !important; }
[data-stale="true"], .stale-element { opacity: 1 !important; transition: none !important; }
.st-key-_deck_bar { border-bottom: 1px solid #d0d5de; padding-bottom: 0.4rem; }
.st-key-_deck_bar h2 { padding: 0; }
.st-key-_deck_count p { font-size: 1.1rem !important; white-space: nowrap; color: #4a5160; }
.st-key-_present_exit button { opacity: 0.35; }
.st-key-_present_exit button:hover { opacity: 1; }
"""


#: A deck slide that names its chart shows the slide as a slide: its title bar, that chart filling the screen
#: and the chart's caption (sources, as of). The page's other elements still run but are hidden (and its other
#: charts are not drawn, see present_figure); Exit presentation shows the whole page with the same filters.
#: CHART is the chart's ui.plot key.
FOCUS_CSS = """
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"]:has(.st-key-CHART) > *:not(:has(.st-key-CHART)):not(.st-key-CHART):not(.st-key-CHART + *):not(:has(.st-key-_deck_bar)):not(:has(.st-key-_speaker_notes)):not(:has([data-testid="stAlertContentWarning"])):not(.st-key-_present_exit):not(.st-key-_present_exit ~ *) { display: none !important; }
[data-testid="stHorizontalBlock"]:has(.st-key-CHART) > [data-testid="stColumn"]:not(:has(.st-key-CHART)) { display: none !important; }
[data-testid="stHorizontalBlock"]:has(.st-key-CHART) > [data-testid="stColumn"] { flex: 1 1 100% !important; width: 100% !important; max-width: 100% !important; }
"""
_CSS_KEY = re.compile(r"[^A-Za-z0-9_-]")


def _chrome_css(chart: str | None = None) -> None:
    css = PRESENT_CSS.replace("ROOT_PX", f"{16 * SCALE:g}")
    if chart:
        css += FOCUS_CSS.replace("CHART", _CSS_KEY.sub("", chart))
    st.html("<style>" + css + "</style>")


def _enter_presentation() -> None:
    if st.session_state.get("_present_toggle"):
        st.query_params[decks.PRESENT] = "1"
    st.session_state["_present_toggle"] = False


def _exit_presentation() -> None:
    for key in (decks.PRESENT, decks.DECK, decks.SLIDE, decks.SPEAKER, decks.FOLLOW):
        if key in st.query_params:
            del st.query_params[key]
    st.session_state.pop(_AT, None)


def _presentation_toggle() -> None:
    with st.sidebar:
        st.toggle(_("Presentation mode"), key="_present_toggle", on_change=_enter_presentation,
                  help=_("Large type, no sidebar or toolbar, charts filling the screen. The link gets "
                         "present=1; leave with the Exit presentation button at the bottom of the page."))


def _deck_bar(deck: decks.Deck, number: int) -> None:
    """Slide title, 'k of n', Previous and Next (PageUp/PageDown, Left/Right)."""
    slide = deck.slide(number)
    count = len(deck)
    with st.container(key="_deck_bar"):
        title, counter, prev, nxt = st.columns([6, 1, 2.4, 2.4], vertical_alignment="center")
        title.subheader(slide.title, anchor=False)
        counter.container(key="_deck_count").markdown(_("{k} of {n}").format(k=number, n=count))
        prev.button(_("Previous"), key="_deck_prev", on_click=_step, args=(-1, count), disabled=number <= 1,
                    shortcut="PageUp", width="stretch")
        nxt.button(_("Next"), key="_deck_next", on_click=_step, args=(1, count), disabled=number >= count,
                   shortcut="PageDown", width="stretch", type="primary")
    # The arrow keys, which some clickers send: hidden buttons (a button takes one shortcut).
    st.button("→", key="_deck_next_key", on_click=_step, args=(1, count), shortcut="Right",
              disabled=number >= count)
    st.button("←", key="_deck_prev_key", on_click=_step, args=(-1, count), shortcut="Left", disabled=number <= 1)


def _speaker_panel(deck: decks.Deck, number: int) -> None:
    from .charts import md_escape

    slide = deck.slide(number)
    with st.container(border=True, key="_speaker_notes"):
        st.markdown("**" + md_escape(_("Speaker notes")) + "** · " + md_escape(deck.title))
        st.markdown(md_escape(slide.note) if slide.note else "*" + md_escape(_("No note for this slide.")) + "*")
        if number < len(deck):
            st.markdown("**" + md_escape(_("Next slide:")) + "** " + md_escape(deck.slide(number + 1).title))
        else:
            st.markdown("**" + md_escape(_("This is the last slide.")) + "**")


@st.fragment(run_every=FOLLOW_EVERY)
def _follow(deck_name: str, number: int) -> None:
    """Move to the slide another window of the same deck moved to (speaker view, follow=1)."""
    position = _positions().get(deck_name)
    if position and position[1] > st.session_state.get(_SEEN, 0):
        st.session_state[_SEEN] = position[1]
        if position[0] != number:
            st.session_state[_GOTO] = position[0]
            st.rerun(scope="app")


def _show_notices() -> None:
    from .ui import show_notices

    show_notices(st.session_state.pop(_NOTICES, None) or [])


def before_page(page) -> None:
    """Called by app.py after navigation, before the page runs: deck navigation, chrome, deck controls."""
    deck, problem = _deck_from_url()
    if problem:
        st.session_state.pop(_AT, None)
        st.session_state[_NOTICES] = [Notice(decks.DECK, str(st.query_params.get(decks.DECK))[:40],
                                             i18n.N_("{problem} (available decks: {names})"),
                                             (("names", ", ".join(decks.available()) or "–"),
                                              ("problem", problem)))]
    number = _run_deck(deck, page) if deck is not None else None
    if deck is None and not _flag(decks.PRESENT):
        _presentation_toggle()
        _show_notices()
        return
    if deck is not None and number is not None:
        number = st.session_state.get(_AT, (deck.name, number))[1]
    _chrome_css(deck.slide(number).chart if deck is not None and number is not None else None)
    _show_notices()
    if deck is not None and number is not None:
        _deck_bar(deck, number)
        if _flag(decks.SPEAKER):
            _speaker_panel(deck, number)
        if _flag(decks.SPEAKER) or _flag(decks.FOLLOW):
            _follow(deck.name, number)


def after_page(page) -> None:
    """Called by app.py after the page ran: the discreet way out of presentation mode."""
    if not is_presenting():
        return
    st.button(_("Exit presentation"), key="_present_exit", on_click=_exit_presentation, type="tertiary",
              icon=":material/close_fullscreen:",
              help=_("Back to the normal page with its sidebar, keeping this view's filters."))
