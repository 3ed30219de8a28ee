"""The frame's work in every run (app.py): the URL read once into the page's typed filters, written back to the
URL and to the page's widgets, notices for invalid links, the shared sidebar, the language, the footer and the
error guard. A page asks `view()` for its filters; it never reads st.query_params or st.session_state itself.

Where a value comes from: the page's widgets as the viewer left them in the previous run of the same page (the
sidebar's region filters across the pages that show them), else the URL, else the default
(dashboard/registry.py). After parsing, the URL holds exactly the filters' non-default values.
"""
from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass

import streamlit as st

from . import compat, data, filters, i18n, registry
from .i18n import _, fmt_date
from .rules import Notice
from .text import md_escape

log = logging.getLogger("dashboard")

_LAST = "_frame_last_page"           # the page whose widgets the previous run drew
_SELECTION = "_frame_selection"      # the viewer's selection carried between pages (registry.CARRIED)
_VIEW: contextvars.ContextVar[View | None] = contextvars.ContextVar("dashboard_view", default=None)


@dataclass(frozen=True)
class View:
    """What a page gets from the frame: its registry entry, typed filters, language and questions."""
    page: registry.Page
    filters: filters.Filters
    lang: str
    q: object
    presenting: bool = False


#: The default page is served at the root URL; its own path (/overview) reaches it through a hidden alias page
#: (Streamlit gives a default page no path of its own and answers any other path with "Page not found").
ROOT_ALIAS = "home"


def st_pages() -> dict[str, list]:
    """The registry's pages as st.Page objects by section (titles in the current language), and a hidden page at
    the default page's path (/overview, with any parameters) that runs the default page."""
    sections: dict[str, list] = {}
    for p in registry.PAGES:
        sections.setdefault(_(p.section) if p.section else "", []).append(
            st.Page(p.file, title=_(p.title), url_path=ROOT_ALIAS if p.default else p.path, default=p.default))
        if p.default:
            sections[""].append(st.Page(p.file, title=_(p.title), url_path=p.path, visibility="hidden"))
    return sections


def view() -> View:
    """The current page's view, set by the frame for this run."""
    current = _VIEW.get()
    if current is None:                      # Streamlit ran the page file alone: see dashboard/compat.py
        compat.run_through_frame(st_pages())
    return current


def _strings(value) -> list[str] | None:
    """A widget's value as URL strings (None: no value)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _raw(page: registry.Page) -> tuple[dict[str, list[str]], set[str]]:
    """The page's raw parameters and the names whose values did not come from the link.

    On the page the viewer is using, its widgets' values from the previous run override the URL. Arriving from
    another page, the URL's values count (a link chose them), and the selection the viewer left on other pages
    (registry.CARRIED: indicator, breakdown, regions, countries, years, the map's year) fills in what the URL
    does not say, so that moving from the chart to the map, the table and back keeps the indicator."""
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    last = registry.BY_PATH.get(st.session_state.get(_LAST, ""))
    if last == page:
        from_widgets = {p for p in page.params if p in st.session_state}
        for p in from_widgets:
            values = _strings(st.session_state[p])
            if values is None:
                raw.pop(p, None)
            else:
                raw[p] = values
        return raw, from_widgets
    selection = st.session_state.get(_SELECTION, {})
    carried = {p for p in registry.CARRIED if p in page.params and p not in raw and p in selection}
    for p in carried:
        raw[p] = list(selection[p])
    return raw, carried


def _remember(page: registry.Page, f: filters.Filters) -> None:
    """Keep this page's part of the selection (registry.CARRIED) for the next page. The map's year is kept
    only when the viewer chose one (the default follows the indicator)."""
    selection = dict(st.session_state.get(_SELECTION, {}))
    chosen = f.params()
    for p in registry.CARRIED:
        if p not in page.params or not hasattr(f, p):
            continue
        value = getattr(f, p)
        if p == "year":
            if p in chosen:
                selection[p] = [str(value)]
            else:
                selection.pop(p, None)
        elif p == "indicator" and selection.get(p) != [value]:
            selection.pop("year", None)                  # another indicator: its own default year
            selection[p] = [value]
        else:
            selection[p] = _strings(value) or []
    st.session_state[_SELECTION] = selection


def _widget_values(page: registry.Page, f: filters.Filters) -> dict:
    out = {}
    for p in page.params:
        value = getattr(f, p)
        if isinstance(value, tuple) and registry.PARAMS[p].kind != "years":     # a range slider keeps its pair
            value = list(value)
        if p == "org" and page.path == "map":
            value = value or ""              # the map's "All countries" option
        out[p] = value
    return out


def _write_url(f: filters.Filters) -> None:
    """The URL holds the filters' non-default values, the language and the presentation parameters."""
    wanted = {k: v if isinstance(v, list) else [v] for k, v in f.params().items()}
    if i18n.language() != i18n.DEFAULT:
        wanted[i18n.PARAM] = [i18n.language()]
    for k in registry.PRESENTER_PARAMS:
        if k in st.query_params:
            wanted[k] = st.query_params.get_all(k)
    set_url(wanted)


def set_url(wanted: dict[str, list[str]]) -> None:
    """Make the URL's parameters exactly `wanted` (Streamlit's own embed options aside), changing only what
    differs."""
    for k in [k for k in st.query_params if k not in wanted and not k.lower().startswith("embed")]:
        del st.query_params[k]
    for k, v in wanted.items():
        if st.query_params.get_all(k) != v:
            st.query_params[k] = v if len(v) != 1 else v[0]


def prepare(page: registry.Page, *, presenting: bool, draw_widgets: bool = True) -> View:
    """Parse the page's filters for this run, write them to the URL and its widgets, show the notices."""
    raw, from_widgets = _raw(page)
    q = data.for_this_run()
    f, notices = filters.parse(page.path, raw, q, from_link=lambda p: p not in from_widgets)
    _write_url(f)
    _remember(page, f)
    if draw_widgets:
        # Arriving from another page, every widget's value is set anew, even where the session already holds it:
        # the new page's widgets are new to the browser, which otherwise shows their first option (the value
        # is only sent with a widget whose state was set in this run).
        arrived = st.session_state.get(_LAST) != page.path
        for key, value in _widget_values(page, f).items():
            if arrived or key not in st.session_state or st.session_state[key] != value:
                st.session_state[key] = value
        st.session_state[_LAST] = page.path
    else:
        st.session_state.pop(_LAST, None)
    show_notices(notices)
    return View(page, f, i18n.language(), q, presenting)


def run_page(page, view_: View) -> None:
    """Run the page's layout script with its view."""
    token = _VIEW.set(view_)
    try:
        page.run()
    finally:
        _VIEW.reset(token)


def show_notices(notices: list[Notice]) -> None:
    """Invalid URL parameters: what was ignored (the value came from the link: shown as text)."""
    for n in dict.fromkeys(notices):
        st.warning(_("The link's parameter '{param}' ({value}) was ignored: {message}. Showing the default instead.")
                   .format(param=md_escape(n.param), value=md_escape(n.value), message=md_escape(n.text(_))),
                   icon="⚠️")


_LANG = "_lang"                      # the session's language


def set_language(lang: str | None) -> list[Notice]:
    """This run's language: `lang` (the URL's, or a deck's) when it is one of ours, else the session's (a page
    switch may drop the parameter), else English; kept in the session and activated for the run. An unknown
    `lang` in the URL falls back to English with a notice (returned)."""
    code = i18n.normalize(lang)
    notices = []
    if code is None and lang is not None:
        notices.append(Notice(i18n.PARAM, str(lang)[:40], i18n.N_("not one of the available languages (en, fr, "
                                                                  "es, ar)")))
        code = i18n.DEFAULT
    if code is None:
        code = st.session_state.get(_LANG) if st.session_state.get(_LANG) in i18n.LANGUAGES else i18n.DEFAULT
    st.session_state[_LANG] = code
    i18n.activate(code)
    return notices


def session_language() -> str:
    """The session's language, also in a widget callback (which runs before the frame activates it)."""
    return st.session_state.get(_LANG, i18n.DEFAULT)


def footer() -> None:
    st.divider()
    st.caption(_("Dialogue on an Effective Multilateral Policing Architecture against Global Threats — "
                 "analytical dashboard. Every figure traces to a cited source (see the Data page) and states the "
                 "year of its data. Warehouse built on {date}.").format(date=fmt_date(data.questions.as_of())))


def friendly_error(exc: BaseException) -> None:
    """Log the traceback for operators; show the viewer a short message, never a traceback."""
    if isinstance(exc, data.DataUnavailable):
        st.error(str(exc), icon="🛑")
        return
    log.exception("page failed")
    st.error(_("This view could not be drawn because of an internal error. Other pages still work; "
               "try another selection or reload. The error was logged for the maintainers."), icon="🛑")
