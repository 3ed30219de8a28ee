"""The frame's sidebar: the shared region and year filters (Trends, Operations) and the language picker.

Widgets are keyed by their URL parameter; the frame has already put each one's value in place (from the URL
or the previous run), so they take no default of their own."""
from __future__ import annotations

import streamlit as st

from . import frame, i18n, registry
from .i18n import _

_LANG_PICKER = "_lang_picker"


def shared_filters(view) -> None:
    """Region scheme, regions and years (URL parameters scheme, regions, years)."""
    with st.sidebar:
        st.subheader(_("Regions and years"))
        st.selectbox(_("Region scheme"), list(registry.SCHEMES), key="scheme",
                     format_func=lambda s: _(registry.SCHEMES[s]))
        st.multiselect(_("Regions"), view.q.regions(view.filters.scheme), key="regions",
                       max_selections=registry.MAX_SELECTED, format_func=i18n.region_name, select_all=False,
                       filter_mode="contains",
                       help=_("Regions of the chosen scheme. Dialogue bodies are their member and associate "
                              "countries; INTERPOL is left out because its sourced member list is partial."))
        first, last = view.q.year_bounds()
        st.slider(_("Years"), first, last, key="years",
                  help=_("From {first}, the first year with data, to {last}, the last.").format(first=first,
                                                                                               last=last))


def _language_picked() -> None:
    code = st.session_state[_LANG_PICKER]
    frame.set_language(code)
    if code == i18n.DEFAULT:
        st.query_params.pop(i18n.PARAM, None)
    else:
        st.query_params[i18n.PARAM] = code


def language_picker() -> None:
    """The language picker, under the page list; the choice lives in the `lang` URL parameter (by its code,
    shown by its endonym: Français, Español, العربية)."""
    st.session_state[_LANG_PICKER] = i18n.language()
    with st.sidebar:
        st.selectbox(_("Language"), list(i18n.LANGUAGES), key=_LANG_PICKER,
                     format_func=lambda code: i18n.LANGUAGES[code], on_change=_language_picked)
