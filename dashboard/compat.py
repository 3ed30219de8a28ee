"""Compatibility with Streamlit's old multipage mode: the one place that knows about it.

Streamlit 1.67 still has its first multipage design ("MPA v1"): when a folder named `pages` sits beside the
entry script, the server starts in a mode that lists `pages/*.py` itself and runs a page file *alone*, without
the entry script, until `st.navigation` has been called once in the process. This project keeps `pages/`
(its design card names the folder) and registers the pages with `st.navigation` in app.py, so on a freshly
started server the first link to a page (`/trends?...`) would run pages/trends.py without the frame: no
navigation, sidebar filters, footer or error guard. (AppTest starts every run in that mode.)

`run_through_frame` is the way out, with public API only: it calls `st.navigation` (which ends the old mode
for the process) and reruns, so the same URL runs through app.py with its page and parameters intact. The
frame calls it, once, when a page asks for its view and the frame has not run (dashboard/frame.py: `view()`);
no page calls it. tests/test_compat.py fails loudly when a Streamlit upgrade changes this behaviour: then
this module (and its call) can go.

AppTest resets the mode before every run, so in tests every run of a page goes through this rerun: a button that
acts must do so in its on_click callback (callbacks run before the script), not in `if st.button(...)`.
"""
from __future__ import annotations

import streamlit as st


def run_through_frame(pages: list) -> None:
    """Leave the pages-folder mode and rerun the same URL through the entry script (never returns)."""
    st.navigation(pages, position="hidden")
    st.rerun()
