"""Presentation mode's look: type 1.4 times larger and no developer chrome. Streamlit has no option to hide its
header, toolbar, running indicator or an already opened sidebar for one view (a slide draws no sidebar, but a page
switched into presentation mode keeps the one it had), so this is the app's own static CSS (never data); our own
elements are styled through their `.st-key-*` classes."""
from __future__ import annotations

import streamlit as st

SCALE = 1.4                  # type size in presentation mode, relative to the normal page

CSS = """
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] { display: none !important; }
html { font-size: ROOT_PXpx; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem !important; padding-bottom: 1rem !important;
  max-width: 100% !important; }
[data-stale="true"], .stale-element { opacity: 1 !important; transition: none !important; }
.st-key-_deck_keys { display: none; }
.st-key-_deck_bar { border-bottom: 1px solid #d0d5de; padding-bottom: 0.4rem; }
.st-key-_deck_bar h2 { padding: 0; }
.st-key-_deck_count p { font-size: 1.1rem !important; white-space: nowrap; color: #4a5160; }
.st-key-_present_exit button { opacity: 0.35; }
.st-key-_present_exit button:hover { opacity: 1; }
"""


def apply() -> None:
    st.html("<style>" + CSS.replace("ROOT_PX", f"{16 * SCALE:g}") + "</style>")
