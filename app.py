"""The dashboard frame: st.navigation over the registry's pages, the shared sidebar, the error guard and the
footer. Each run reads the URL once into the page's typed filters (dashboard/frame.py) and hands them to the
page, or, on a deck slide, draws the slide's panel (dashboard/presenter). Run with `make run`."""
from __future__ import annotations

import streamlit as st

from dashboard import data, frame, i18n, registry, sidebar, ui
from dashboard.i18n import _
from dashboard.presenter import chrome, controls, read_mode, slides
from dashboard.settings import FAVICON

st.set_page_config(page_title="Dialogue: transnational crime trends", page_icon=str(FAVICON), layout="wide",
                   initial_sidebar_state="auto")

language_notices = frame.set_language(st.query_params.get(i18n.PARAM))   # before any _(): page titles are translated

try:
    data.fingerprint()
except data.DataUnavailable as exc:
    st.title(_("Dialogue: transnational crime trends"))
    st.error(str(exc), icon="🛑")
    st.stop()

mode = read_mode()
page = st.navigation(frame.st_pages(), position=mode.navigation, expanded=True)
slides.leave_if_asked()
try:
    ui.apply_direction(i18n.language())
    frame.show_notices(language_notices)
    if mode.deck is not None:
        slides.show(mode)
    else:
        if not mode.present:
            sidebar.language_picker()
        entry = registry.BY_PATH[page.url_path or "overview"]
        view = frame.prepare(entry, presenting=mode.present)
        frame.show_notices(list(mode.notices))
        if mode.present:
            chrome.apply()
        else:
            controls.toggle()
            if set(registry.SHARED) <= set(entry.params):
                sidebar.shared_filters(view)
        frame.run_page(page, view)
        if mode.present:
            controls.exit_button()
        frame.footer()              # a slide has its own source line and nothing below it
except Exception as exc:  # noqa: BLE001 - viewers never see a traceback
    frame.friendly_error(exc)
