"""Streamlit building blocks shared by the pages: captions, empty states, notices, downloads, charts."""
from __future__ import annotations

import logging
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from . import data
from .charts import md_escape  # noqa: F401 - the one Markdown escaper for data text, used by the pages as ui.md_escape
from .filters import Notice
from . import i18n
from .i18n import _
from .settings import STATIC_URL
from .theme import FONT

log = logging.getLogger("dashboard")

PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": STATIC_URL,                       # offline world map (static/world_110m.json)
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plot(fig, key: str | None = None) -> None:
    """Draw a plotly figure with the offline-safe configuration, in the viewer's locale and direction."""
    localize_figure(fig)
    from .presenter import present_figure   # presentation mode: larger type, charts filling the screen
    if present_figure(fig, key) is None:     # (a deck slide draws only its own chart)
        return
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key, theme=None)


def source_line(source_ids: Iterable[str]) -> str:
    """'Source: <title> (<publisher>), <licence>.' for each source, Markdown-escaped (shown in st.caption)."""
    ids = sorted({s for s in source_ids if s})
    if not ids:
        return ""
    rows = data.sources_for(ids)
    parts = [f"{md_escape(r.title)} ({md_escape(r.publisher)}; {md_escape(r.license)})"
             + (" — " + _("SYNTHETIC, not real data") if r.synthetic else "")
             for r in rows.itertuples()]
    return (_("Source") if len(parts) == 1 else _("Sources")) + ": " + "; ".join(parts) + "."


def caption(source_ids: Iterable[str], *, unit: str | None = None, note: str | None = None) -> None:
    """Every chart's caption: unit, sources, the data's 'as of' date, and an optional note."""
    bits = []
    if unit:
        bits.append(_("Unit: {unit}.").format(unit=md_escape(i18n.unit_label(unit))))
    src = source_line(source_ids)
    if src:
        bits.append(src)
    bits.append(_("Data as of {date} (ETL run).").format(date=i18n.fmt_date(data.as_of())))
    if note:
        bits.append(note)
    st.caption(" ".join(bits), unsafe_allow_html=False)


def empty_state(message: str, hint: str | None = None) -> None:
    st.info(message + (f" {hint}" if hint else ""), icon="ℹ️")


_REMOVED = "_url_params_removed"       # notices to show after the rerun that follows a removal from the URL
_SHOWN = "_url_notices_shown"          # notices shown in this run (url_guard, first in every run, resets it)


def show_notices(notices: list[Notice]) -> None:
    """Invalid URL parameters: tell the viewer what was ignored (the widgets fall back to defaults). The
    value came from the link and the message may quote it: both are shown as text, never as Markdown.
    Notices carried over from a run that removed parameters come first; none is shown twice in a run."""
    shown = st.session_state.setdefault(_SHOWN, [])
    for n in [*st.session_state.pop(_REMOVED, []), *notices]:
        if n in shown:
            continue
        shown.append(n)
        st.warning(_("The link's parameter '{param}' ({value}) was ignored: {message}. Showing the default instead.")
                   .format(param=md_escape(n.param), value=md_escape(n.value), message=md_escape(n.text(_))),
                   icon="⚠️")


def reject_params(notices: list[Notice]) -> None:
    """Invalid URL parameters found before the page's widgets exist: removed from the URL, then the page runs
    again so that widgets bound to them start from their defaults (a bound widget takes the link's value on
    its first run, even an out-of-order year range or the last of repeated values). This run's notices are
    shown after that rerun. A parameter that a widget already holds cannot be removed: it is only reported."""
    from streamlit.errors import StreamlitAPIException

    removed = False
    for n in notices:
        if n.param in st.query_params:
            try:
                del st.query_params[n.param]
                removed = True
            except StreamlitAPIException:           # bound to a widget of an earlier run
                pass
    if removed:
        carried = [*st.session_state.get(_SHOWN, []), *st.session_state.get(_REMOVED, []), *notices]
        bad_lang = i18n.invalid_language()          # set_language already dropped `lang`: keep its notice
        if bad_lang is not None:
            carried.append(Notice(i18n.PARAM, bad_lang, i18n.N_("not one of the available languages (en, fr, es, ar)")))
        st.session_state[_REMOVED] = list(dict.fromkeys(carried))
        st.rerun()
    show_notices(notices)


def url_guard() -> None:
    """First thing in every run (app.py): parameters that hold one value but came repeated are removed with a
    notice (?goal=GPG1&goal=GPG2), and the notices carried over from the previous run are shown."""
    from .filters import repeated

    st.session_state[_SHOWN] = []
    reject_params(repeated(st.query_params))


def download_csv(df: pd.DataFrame, filename: str, label: str | None = None, key: str | None = None) -> None:
    st.download_button(label or _("Download CSV"), df.to_csv(index=False).encode("utf-8"), file_name=filename,
                       mime="text/csv", key=key, on_click="ignore")


def friendly_error(exc: BaseException) -> None:
    """Log the traceback for operators; show the viewer a short message, never a traceback."""
    if isinstance(exc, data.DataUnavailable):
        st.error(str(exc), icon="🛑")
        return
    log.exception("page failed")
    st.error(_("This view could not be drawn because of an internal error. Other pages still work; "
               "try another selection or reload. The error was logged for the maintainers."), icon="🛑")


def require_frame() -> None:
    """Make sure the page runs inside app.py's frame (navigation, sidebar, footer, error guard).

    Streamlit treats a `pages/` folder beside the main script as an old-style multipage app until
    `st.navigation` has run once in the server process; until then a deep link (e.g. /trends?...) on a
    freshly started server would run the page file on its own. Switching that mode off and rerunning makes
    the same URL go through app.py, with the page and its parameters intact. Called first by every page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def url_selectbox(label: str, options: list, *, key: str, default, format_func=str, widget=None, **kwargs):
    """A selectbox whose value lives in the URL parameter `key` as the option's id, not its label.

    (Widgets bound with bind="query-params" write the formatted label to the URL, which would change with
    the language.) An invalid value in the URL is reported by the page's `filters.check` and replaced by
    the default here. `widget` may be another selection widget taking the same arguments (e.g. a column's
    radio); the default is st.selectbox.
    """
    if key not in st.session_state:
        wanted = st.query_params.get(key)
        st.session_state[key] = wanted if wanted in options else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    value = (widget or st.selectbox)(label, options, key=key, format_func=format_func, **kwargs)
    if value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value
    return value


_LANG_PICKER = "_lang_picker"


def _language_picked() -> None:
    i18n.set_language(st.session_state[_LANG_PICKER])


def language_picker() -> None:
    """The language picker, in the sidebar under the page list; the choice lives in the `lang` URL parameter.

    The picker's value is the language code, shown by its endonym (Français, Español, العربية); it is not bound
    to the URL (a bound widget would write the displayed name): i18n.set_language keeps `lang` in the URL and
    in session state, so the language survives page switches and is part of a copied link. An unknown `lang`
    in a link falls back to English with a notice.
    """
    st.session_state[_LANG_PICKER] = i18n.language()
    with st.sidebar:
        st.selectbox(_("Language"), list(i18n.LANGUAGES), key=_LANG_PICKER,
                     format_func=lambda code: i18n.LANGUAGES[code], on_change=_language_picked)
    bad = i18n.invalid_language()
    if bad is not None:                 # an empty ?lang= is invalid too
        show_notices([Notice(i18n.PARAM, bad, i18n.N_("not one of the available languages (en, fr, es, ar)"))])


def _font_css() -> str:
    """@font-face rules for the bundled Arabic font (static/fonts, served by the app itself: no CDN).

    The same files are also declared under Streamlit's own family name 'Source Sans' for the Arabic script
    only (unicode-range), so every Streamlit element renders Arabic with Noto Sans Arabic in any language."""
    rules = []
    for family in ("Noto Sans Arabic", "Source Sans"):
        for weight, file in ((400, "400"), (600, "600"), (700, "700")):
            rules.append(
                f"@font-face{{font-family:'{family}';font-style:normal;font-display:swap;font-weight:{weight};"
                f"src:url({STATIC_URL}fonts/noto-sans-arabic-arabic-{file}-normal.woff2) format('woff2');"
                f"unicode-range:{ARABIC_RANGE};}}")
    return "".join(rules)


ARABIC_RANGE = ("U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,"
                "U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC")

#: Right-to-left layout: the whole app (sidebar on the right, text, widgets, tables) runs right to left;
#: plotly charts keep their own left-to-right coordinate system (ui.plot mirrors titles, legends and axes).
RTL_CSS = """
.stApp, [data-testid="stAppViewContainer"], [data-testid="stSidebar"], [data-testid="stMain"],
[data-testid="stHeader"], [data-testid="stBottom"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"],
[data-testid="stMetric"], [data-testid="stWidgetLabel"], [data-testid="stAlertContainer"],
[data-testid="stExpander"] summary, [data-testid="stSidebarNav"] { text-align: right; }
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol { padding-right: 1.2em; padding-left: 0; }
.stPlotlyChart, .js-plotly-plot { direction: ltr; }
.stApp, .stApp p, .stApp li, .stApp label, .stApp h1, .stApp h2, .stApp h3 {
  font-family: "Source Sans", "Noto Sans Arabic", sans-serif; }
"""


def apply_direction() -> None:
    """Page direction and fonts for the current language: the bundled Arabic font always (the picker shows
    «العربية» in every language), and right-to-left layout for Arabic. Our own static CSS, not data."""
    css = _font_css() + (RTL_CSS if i18n.is_rtl() else "")
    st.html(f"<style>{css}</style>")


def localize_figure(fig, lang: str | None = None):
    """Locale and direction for a plotly figure: the language's decimal and thousands separators, a font that
    renders Arabic, and for right-to-left languages the title, legend and value axis on the right."""
    lang = lang or i18n.language()
    fig.update_layout(separators=i18n.plotly_separators(lang))
    family = fig.layout.font.family or FONT
    if "Noto Sans Arabic" not in family:
        fig.update_layout(font_family="Source Sans, Noto Sans Arabic, " + family)
    if i18n.is_rtl(lang):
        if fig.layout.title.text:
            fig.update_layout(title_x=1, title_xanchor="right")
        legend = fig.layout.legend
        if legend.x is None or legend.x <= 0.05:
            fig.update_layout(legend_x=1, legend_xanchor="right")
        fig.update_layout(hoverlabel_align="right")
        more_axes = [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis") and k != "yaxis"]
        if fig.data and not more_axes and all(getattr(t, "type", "") == "scatter" for t in fig.data):
            fig.update_yaxes(side="right")
    return fig
