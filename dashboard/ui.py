"""Drawing on a page: a panel's chart and caption, empty states, downloads, the page direction. Streamlit only
renders here what dashboard/panels built."""
from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from . import downloads, i18n, registry, tables
from .charts.style import fit_figure, localize_figure
from .i18n import _
from .panels import Panel, labels
from .panels.base import short_source_line, source_line
from .panels.caveats import Caveat
from .settings import STATIC_URL
from .text import md_escape
from .theme import DECIMALS, fmt_number

PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": STATIC_URL,                       # offline world map (static/world_110m.json)
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plot(fig, key: str, *, lang: str, presenting: bool = False, on_select=None, height: int | str = "content",
         config: dict | None = None):
    """Draw a plotly figure with the offline-safe configuration, in the viewer's locale and direction (larger in
    presentation mode). `on_select` (a callback) makes a click on a point select it (returns the event);
    height="stretch": the figure fills the height its container leaves it (a slide)."""
    localize_figure(fig, lang)
    if presenting:
        fit_figure(fig)
    if height == "stretch":
        fig.update_layout(height=None)
    config = {**PLOTLY_CONFIG, **(config or {})}
    if on_select is not None and not presenting:
        return st.plotly_chart(fig, width="stretch", height=height, config=config, key=key, theme=None,
                               on_select=on_select, selection_mode="points")
    st.plotly_chart(fig, width="stretch", height=height, config=config, key=key, theme=None)
    return None


def caption(view, source_ids: Iterable[str], *, unit: str | None = None, note: str | None = None,
            years: tuple[int, int] | None = None) -> None:
    """Every chart's caption: one short source line (publisher, title, data years), then the details behind an
    expander: unit, sources with their licences, the warehouse's build date and an optional (Markdown-safe)
    note."""
    short = short_source_line(view.q, source_ids, years, md_escape)
    if short:
        st.caption(short)
    bits = []
    if unit:
        bits.append(_("Unit: {unit}.").format(unit=md_escape(unit)))
    src = source_line(view.q, source_ids, md_escape)
    if src:
        bits.append(src)
    if note:
        bits.append(note)
    bits.append(_("Warehouse built on {date} (ETL run).").format(date=i18n.fmt_date(view.q.as_of())))
    with st.expander(_("Sources, licences and notes")):
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
    caption(view, panel.sources, unit=panel.unit, note=panel.note, years=panel.data_years)
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
    st.download_button(label or _("Download CSV"), downloads.csv_bytes(df), file_name=filename,
                       mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


def view_link() -> str:
    """This view's link: the app's address in the viewer's browser with the page's parameters."""
    base = getattr(st.context, "url", None) or ""
    query = urlencode([(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
    return base + (f"?{query}" if query else "")


def citation_for(view, src, *, title: str, years: tuple[int, int] | None, view_title: str) -> str:
    """The "Cite this" text of a view built on source row `src` (sources_for)."""
    return downloads.citation(publisher=src["publisher"], title=title, years=years, retrieved=src["retrieved"],
                              url=src["url"] if str(src["url"]).startswith("http") else None,
                              view_title=view_title, view_url=view_link(), accessed=view.q.as_of())


def downloads_row(view, panel: Panel, *, key: str) -> None:
    """Under a panel: its data as a citable CSV (panel.extra['data'] with the indicator in
    panel.extra['meta']), its chart as PNG and SVG with title and source footer (drawn on click, offline), and
    a "Cite this" text. Everything is built from what the panel shows."""
    meta, data = panel.extra.get("meta"), panel.extra.get("data")
    src = view.q.sources_for([meta["source_id"]]).iloc[0] if meta is not None else None
    view_title = panel.extra.get("title") or (panel.figure.layout.title.text if panel.figure is not None else "")
    cite = citation_for(view, src, title=src["title"], years=panel.data_years, view_title=view_title) \
        if src is not None else ""
    cols = st.columns([1, 1, 1, 3])
    if data is not None and meta is not None:
        table = downloads.citable(data, indicator_id=meta["indicator_id"], indicator=_(meta["name"]),
                                  unit=panel.unit or _(meta["unit"]),
                                  measure=panel.extra.get("measure", meta["measure"]), src=src,
                                  citation_text=cite)
        cols[0].download_button(_("Data (CSV)"), downloads.csv_bytes(table), file_name=panel.extra["csv_name"],
                                mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
                                help=_("Exactly the values shown, with the indicator, unit, coverage, source, "
                                       "licence, retrieval date and citation in every row."))
    if panel.figure is not None:
        footer = short_source_line(view.q, panel.sources, panel.data_years) + " " + _(
            "Dialogue crime-trends dashboard, {date}.").format(date=view.q.as_of())
        fig = localize_figure(copy.deepcopy(panel.figure), view.lang)
        stem = Path(panel.extra.get("csv_name") or f"{key}.csv").stem
        for col, fmt, mime in ((cols[1], "png", "image/png"), (cols[2], "svg", "image/svg+xml")):
            col.download_button(_("Chart ({fmt})").format(fmt=fmt.upper()),
                                lambda fig=fig, fmt=fmt: downloads.image(fig, fmt, footer),
                                file_name=f"{stem}.{fmt}", mime=mime, key=f"{key}_{fmt}", on_click="ignore",
                                icon=":material/image:",
                                help=_("The chart with its title and source line, drawn on the server when you "
                                       "click (a few seconds; no internet needed)."))
    if cite:
        with cols[3].popover(_("Cite this"), icon=":material/format_quote:"):
            st.caption(_("Copy this citation (the link reopens this view):"))
            st.code(cite, language=None, wrap_lines=True)


def number_format(measure: str | None) -> str:
    """st.column_config.NumberColumn format for an indicator's values (display only; downloads keep all digits)."""
    decimals = DECIMALS.get(measure or "", 2)
    return "localized" if decimals == 0 else f"%.{decimals}f"


#: Right-to-left layout: Streamlit has no option for text direction, so the app's own CSS turns the whole app
#: (sidebar on the right, text, widgets, tables) right to left; plotly charts keep their own left-to-right
#: coordinate system (charts/style.py mirrors titles, legends and axes). A collapsed sidebar slides out to the left
#: and its right-to-left content would overflow back into view (a strip on a phone): it is hidden until opened.
#: The Arabic font comes from the theme
#: ([[theme.fontFaces]] in .streamlit/config.toml, served from static/fonts).
RTL_CSS = """
.stApp, [data-testid="stAppViewContainer"], [data-testid="stSidebar"], [data-testid="stMain"],
[data-testid="stHeader"], [data-testid="stBottom"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"],
[data-testid="stMetric"], [data-testid="stWidgetLabel"], [data-testid="stAlertContainer"],
[data-testid="stExpander"] summary, [data-testid="stSidebarNav"] { text-align: right; }
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol { padding-right: 1.2em; padding-left: 0; }
.stPlotlyChart, .js-plotly-plot { direction: ltr; }
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; overflow: hidden; }
"""


#: Printing a profile: the page alone, without the sidebar, the header and the widgets' chrome (our own static
#: CSS; the browser's Print prints what is on screen).
PRINT_CSS = """
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stBottom"] { display: none !important; }
  [data-testid="stMain"] { margin: 0 !important; padding: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.5cm !important; }
  [data-testid="stVerticalBlockBorderWrapper"], .stPlotlyChart { break-inside: avoid; }
}
"""


def printable() -> None:
    """Make the page print cleanly (profiles): the browser's Print leaves out the sidebar and the header."""
    st.html(f"<style>{PRINT_CSS}</style>")


def apply_direction(lang: str) -> None:
    """Right-to-left layout for Arabic (our own static CSS, never data)."""
    if i18n.is_rtl(lang):
        st.html(f"<style>{RTL_CSS}</style>")


#: The views of one indicator, in the order of the page list (each keeps the viewer's selection).
INDICATOR_VIEWS = ("trends", "map", "table", "sources", "rankings")


def indicator_views(view) -> None:
    """Links to the other views of the same indicator (chart, map, table, sources, rankings); the breakdown,
    regions, countries and years follow by themselves (dashboard/frame.py)."""
    f = view.filters
    params = {k: v for k, v in (("indicator", f.indicator), ("sex", f.sex), ("age", f.age))
              if v != registry.PARAMS[k].default or k == "indicator"}
    cols = st.columns(len(INDICATOR_VIEWS))
    for col, path in zip(cols, INDICATOR_VIEWS):
        page = registry.BY_PATH[path]
        col.page_link(page.file, label=_(page.title), query_params=params, disabled=path == view.page.path,
                      icon=ICONS[path], width="stretch")


ICONS = {"trends": ":material/show_chart:", "map": ":material/public:", "table": ":material/table_chart:",
         "sources": ":material/menu_book:", "rankings": ":material/format_list_numbered:"}


MISSING = "–"


def readable(df: pd.DataFrame, column_config: dict | None = None, *, lang: str = "en") -> tuple[pd.DataFrame, dict]:
    """A table without 'None' cells (Streamlit shows a missing value as the word None): text columns show '–';
    a numeric column with missing values becomes right-aligned text ('–' where missing; whole numbers as
    written, e.g. years; others in the viewer's number format). Columns without missing values keep their
    type and formatting."""
    config = dict(column_config or {})
    out = df.copy()
    for col in out.columns:
        values = out[col]
        if not values.isna().any():
            continue
        if ((config.get(col) or {}).get("type_config") or {}).get("type") == "link":
            out[col] = values.astype(object).where(values.notna(), "")        # no link: an empty cell
            continue
        if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
            whole = pd.api.types.is_integer_dtype(values) or bool((values.dropna() % 1 == 0).all())
            out[col] = [MISSING if pd.isna(v) else (str(int(v)) if whole else fmt_number(v, None, lang))
                        for v in values]
            old = config.get(col) or {}
            config[col] = st.column_config.TextColumn(alignment="right", width=old.get("width"),
                                                      help=old.get("help"))
        else:
            out[col] = values.astype(object).where(values.notna(), MISSING)
    return out, config


def table(df: pd.DataFrame, *, key: str | None = None, column_config: dict | None = None, lang: str = "en",
          **kwargs):
    """st.dataframe without 'None' cells (see `readable`), full width, no index."""
    shown, config = readable(df, column_config, lang=lang)
    return st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config=config, **kwargs)


def operations_list(view, ops: pd.DataFrame, *, key: str, extra: dict[str, list] | None = None,
                    column_config: dict | None = None) -> None:
    """Operations as a table (name, dates, goal, crime area, place, countries listed, source page), with
    `extra` columns (header -> values) after the name; crime areas and goals in the viewer's language."""
    goals = view.q.goals(view.lang)
    short = {g: _(s) for g, s in zip(goals["goal_id"], goals["short_name"])}
    cols = labels.operation_columns()
    shown = tables.operations_table(
        ops.assign(crime_area=[_(a) if isinstance(a, str) else MISSING for a in ops["crime_area"]]), columns=cols,
        goal_labels=short, locale=view.lang, labels=labels.operations())
    for i, (header, values) in enumerate((extra or {}).items()):
        shown.insert(1 + i, header, values)
    table(shown.drop(columns=[cols["precision"], cols["lead"]]), lang=view.lang, key=key,
          column_config={cols["source"]: st.column_config.LinkColumn(display_text=_("source page")),
                         **(column_config or {})})
