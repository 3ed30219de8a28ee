"""Streamlit building blocks shared by the pages: captions, empty states, notices, downloads, charts."""
from __future__ import annotations

import logging
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from . import data
from .filters import Notice
from .i18n import _
from .settings import STATIC_URL

log = logging.getLogger("dashboard")

PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": STATIC_URL,                       # offline world map (static/world_110m.json)
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plot(fig, key: str | None = None) -> None:
    """Draw a plotly figure with the offline-safe configuration."""
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key, theme=None)


def source_line(source_ids: Iterable[str]) -> str:
    """'Source: <title> (<publisher>), <licence>.' for each source, as plain text."""
    ids = sorted({s for s in source_ids if s})
    if not ids:
        return ""
    rows = data.sources_for(ids)
    parts = [f"{r.title} ({r.publisher}; {r.license})" + (" — SYNTHETIC, not real data" if r.synthetic else "")
             for r in rows.itertuples()]
    return (_("Source") if len(parts) == 1 else _("Sources")) + ": " + "; ".join(parts) + "."


def caption(source_ids: Iterable[str], *, unit: str | None = None, note: str | None = None) -> None:
    """Every chart's caption: unit, sources, the data's 'as of' date, and an optional note."""
    bits = []
    if unit:
        bits.append(_("Unit") + f": {unit}.")
    src = source_line(source_ids)
    if src:
        bits.append(src)
    bits.append(_("Data as of {date} (ETL run).").format(date=data.as_of()))
    if note:
        bits.append(note)
    st.caption(" ".join(bits), unsafe_allow_html=False)


def empty_state(message: str, hint: str | None = None) -> None:
    st.info(message + (f" {hint}" if hint else ""), icon="ℹ️")


def show_notices(notices: list[Notice]) -> None:
    """Invalid URL parameters: tell the viewer what was ignored (the widgets fall back to defaults)."""
    for n in notices:
        st.warning(_("The link's parameter '{param}' ({value}) was ignored: {message}. Showing the default instead.")
                   .format(param=n.param, value=n.value, message=_(n.message)), icon="⚠️")


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


def language_picker() -> None:
    """The language picker in the sidebar (issue: the Dialogue's languages). To be implemented."""


def apply_direction() -> None:
    """Right-to-left layout for Arabic (issue: the Dialogue's languages). To be implemented."""
