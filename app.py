"""The dashboard frame: page registry, shared sidebar filters, footer. Run with `make run`."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import data, filters, presenter, ui
from dashboard.i18n import _, fmt_date, set_language
from dashboard.settings import FAVICON

st.set_page_config(page_title="Dialogue: transnational crime trends", page_icon=str(FAVICON), layout="wide",
                   initial_sidebar_state="expanded")

set_language(st.query_params.get("lang"))     # before any _(): page titles are translated at registration

PAGES = [
    st.Page("pages/overview.py", title=_("Overview"), url_path="overview", default=True),
    st.Page("pages/trends.py", title=_("Trends"), url_path="trends"),
    st.Page("pages/map.py", title=_("Map"), url_path="map"),
    st.Page("pages/operations.py", title=_("Operations"), url_path="operations"),
    st.Page("pages/goals.py", title=_("Goals"), url_path="goals"),
    st.Page("pages/architecture.py", title=_("Architecture"), url_path="architecture"),
    st.Page("pages/data.py", title=_("Data"), url_path="data"),
]
#: Pages that use the shared region and year filters of the sidebar.
SHARED_FILTER_PAGES = {"trends", "operations"}
YEAR_MIN, YEAR_MAX = 1990, dt.date.today().year
DEFAULT_YEARS = (2000, YEAR_MAX)
DEFAULT_REGIONS = {
    "un_region": None,   # all
    "un_subregion": ["Western Africa", "Northern Africa", "Central America", "South America",
                     "South-eastern Asia", "Western Europe"],
    "organization": None,
}


def default_regions(scheme: str) -> list[str]:
    options = data.regions(scheme)
    wanted = DEFAULT_REGIONS.get(scheme)
    return options if wanted is None else [r for r in wanted if r in options]


def _reset_regions() -> None:
    st.session_state["regions"] = default_regions(st.session_state["scheme"])


def shared_filters() -> None:
    """Region scheme, regions and years: in the sidebar, bound to the URL, read by pages from session state."""
    params = st.query_params
    scheme_param = params.get("scheme")
    notices = filters.check(params, {"scheme": filters.one_of(list(filters.SCHEMES)),
                                     "years": filters.year_range(YEAR_MIN, YEAR_MAX)})
    scheme_for_regions = scheme_param if scheme_param in filters.SCHEMES else filters.DEFAULT_SCHEME
    notices += filters.check(params, {"regions": filters.subset_of(data.regions(scheme_for_regions))})
    ui.reject_params(notices)          # invalid ones leave the URL; the widgets then start from their defaults
    with st.sidebar:
        st.subheader(_("Regions and years"))
        scheme = ui.url_selectbox(_("Region scheme"), list(filters.SCHEMES), key="scheme",
                                  default=filters.DEFAULT_SCHEME, format_func=lambda s: _(filters.SCHEMES[s]),
                                  on_change=_reset_regions)
        options = data.regions(scheme)
        current = st.session_state.get("regions")
        if (current is None and "regions" not in params) or any(r not in options for r in current or []):
            st.session_state["regions"] = default_regions(scheme)
        st.multiselect(_("Regions"), options, key="regions", bind="query-params",
                       max_selections=filters.MAX_SELECTED,
                       help=_("Regions of the chosen scheme. Dialogue bodies are their member and associate "
                              "countries; INTERPOL is left out because its sourced member list is partial."))
        st.slider(_("Years"), YEAR_MIN, YEAR_MAX, DEFAULT_YEARS, key="years", bind="query-params")


def footer() -> None:
    st.divider()
    st.caption(_("Dialogue on an Effective Multilateral Policing Architecture against Global Threats — "
                 "analytical dashboard. Every figure traces to a cited source (see the Data page). "
                 "Data as of {date}.").format(date=fmt_date(data.as_of())))


try:
    data.fingerprint()
except data.DataUnavailable as exc:
    st.title(_("Dialogue: transnational crime trends"))
    st.error(str(exc), icon="🛑")
    st.stop()

page = st.navigation(PAGES, position=presenter.navigation_position())
try:
    ui.url_guard()                     # repeated single-valued parameters; notices of removed ones
    ui.language_picker()
    ui.apply_direction()
    presenter.before_page(page)
    if page.url_path in SHARED_FILTER_PAGES:
        shared_filters()
    page.run()
    presenter.after_page(page)
    footer()
except Exception as exc:  # noqa: BLE001 - viewers never see a traceback
    ui.friendly_error(exc)
