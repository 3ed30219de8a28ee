"""Drawing on a page: a panel's chart and caption, empty states, downloads, the page direction. Streamlit only
renders here what dashboard/panels built."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
import streamlit as st

from . import i18n
from .charts.style import fit_figure, localize_figure
from .i18n import _
from .panels import Panel
from .panels.base import source_line
from .panels.caveats import Caveat
from .settings import STATIC_URL
from .text import md_escape
from .theme import DECIMALS

PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": STATIC_URL,                       # offline world map (static/world_110m.json)
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plot(fig, key: str, *, lang: str, presenting: bool = False, height: int | str = "content",
         config: dict | None = None) -> None:
    """Draw a plotly figure with the offline-safe configuration, in the viewer's locale and direction (larger in
    presentation mode). height="stretch": the figure fills the height its container leaves it (a slide)."""
    localize_figure(fig, lang)
    if presenting:
        fit_figure(fig)
    if height == "stretch":
        fig.update_layout(height=None)
    st.plotly_chart(fig, width="stretch", height=height, config={**PLOTLY_CONFIG, **(config or {})}, key=key,
                    theme=None)


def caption(view, source_ids: Iterable[str], *, unit: str | None = None, note: str | None = None) -> None:
    """Every chart's caption: unit, sources, the data's 'as of' date, and an optional (Markdown-safe) note."""
    bits = []
    if unit:
        bits.append(_("Unit: {unit}.").format(unit=md_escape(unit)))
    src = source_line(view.q, source_ids, md_escape)
    if src:
        bits.append(src)
    bits.append(_("Data as of {date} (ETL run).").format(date=i18n.fmt_date(view.q.as_of())))
    if note:
        bits.append(note)
    st.caption(" ".join(bits))


def show(panel: Panel, view, *, chart: bool = True) -> bool:
    """A panel on its page: the empty state, or its chart (unless `chart` is False), its caveat badge and its
    caption. Returns whether there was something to show."""
    if panel.empty:
        empty_state(*panel.empty)
        return False
    if chart and panel.figure is not None:
        plot(panel.figure, panel.key, lang=view.lang, presenting=view.presenting)
    caveat_badges(panel.caveats, key=f"{panel.key}_caveats")
    caption(view, panel.sources, unit=panel.unit, note=panel.note)
    return True


def caveat_badges(caveats: Sequence[Caveat], *, key: str | None = None, expanded: bool = False) -> None:
    """The one caveat badge: wherever a caveat applies (a tile, a chart, a table), an orange badge naming how
    many and of which kinds, and under it what each one means with its citation. Texts from the data are shown
    as plain text (st.text), never as Markdown. Nothing without caveats."""
    if not caveats:
        return
    kinds = ", ".join(dict.fromkeys(c.label for c in caveats))
    st.badge(md_escape(_("Caveats ({n}): {kinds}").format(n=len(caveats), kinds=kinds)), icon="⚠️",
             color="orange", help=md_escape(_("What the sources say about these figures, and outliers the ETL "
                                               "detected and kept. Open 'What the caveats mean' below.")))
    with st.expander(_("What the caveats mean"), expanded=expanded, key=key):
        for c in caveats:
            st.text(c.line)
            st.caption(md_escape(_("Source: {citation}").format(citation=c.citation)))


def empty_state(message: str, hint: str | None = None) -> None:
    st.info(message + (f" {hint}" if hint else ""), icon="ℹ️")


def download_csv(df: pd.DataFrame, filename: str, label: str | None = None, key: str | None = None) -> None:
    st.download_button(label or _("Download CSV"), df.to_csv(index=False).encode("utf-8"), file_name=filename,
                       mime="text/csv", key=key, on_click="ignore")


def number_format(measure: str | None) -> str:
    """st.column_config.NumberColumn format for an indicator's values (display only; downloads keep all digits)."""
    decimals = DECIMALS.get(measure or "", 2)
    return "localized" if decimals == 0 else f"%.{decimals}f"


#: Right-to-left layout: Streamlit has no option for text direction, so the app's own CSS turns the whole app
#: (sidebar on the right, text, widgets, tables) right to left; plotly charts keep their own left-to-right
#: coordinate system (charts/style.py mirrors titles, legends and axes). The Arabic font comes from the theme
#: ([[theme.fontFaces]] in .streamlit/config.toml, served from static/fonts).
RTL_CSS = """
.stApp, [data-testid="stAppViewContainer"], [data-testid="stSidebar"], [data-testid="stMain"],
[data-testid="stHeader"], [data-testid="stBottom"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"],
[data-testid="stMetric"], [data-testid="stWidgetLabel"], [data-testid="stAlertContainer"],
[data-testid="stExpander"] summary, [data-testid="stSidebarNav"] { text-align: right; }
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol { padding-right: 1.2em; padding-left: 0; }
.stPlotlyChart, .js-plotly-plot { direction: ltr; }
"""


def apply_direction(lang: str) -> None:
    """Right-to-left layout for Arabic (our own static CSS, never data)."""
    if i18n.is_rtl(lang):
        st.html(f"<style>{RTL_CSS}</style>")
