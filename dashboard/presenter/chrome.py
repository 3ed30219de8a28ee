"""Presentation mode's look: type 1.4 times larger, no developer chrome, and a deck slide fitted to the screen.
Streamlit has no option to hide its header, toolbar, running indicator or an already opened sidebar for one view
(a slide draws no sidebar, but a page switched into presentation mode keeps the one it had), nor to size a chart
to the window's height, so this is the app's own static CSS (never data); our own elements are styled through
their `.st-key-*` classes.

A slide (`.st-key-_slide`) is exactly one screen tall: its title bar, takeaway and source line take their own
height on one line each, and the chart's container takes the rest (a flex column; the chart is drawn with
height="stretch"). The speaker view lays the slide beside the next slide and the notes, on the same height.
"""
from __future__ import annotations

import streamlit as st

SCALE = 1.4                  # type size in presentation mode, relative to the normal page
SPEAKER_SCALE = 1.1          # the speaker view, read on the presenter's own screen

CSS = """
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], [data-testid="stMainMenu"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] { display: none !important; }
html { font-size: ROOT_PXpx; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem !important; padding-bottom: 1rem !important;
  max-width: 100% !important; }
[data-stale="true"], .stale-element { opacity: 1 !important; transition: none !important; }
[data-testid="stMetricValue"] { font-size: 2.25rem !important; }
.st-key-_deck_keys { display: none; }
.st-key-_deck_bar h3 { padding: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-_deck_count p { font-size: 1.1rem !important; white-space: nowrap; color: #4a5160; }
.st-key-_present_exit button { opacity: 0.35; }
.st-key-_present_exit button:hover { opacity: 1; }
"""

SLIDE_CSS = """
html { font-size: clamp(16px, SLIDE_VWvw, ROOT_PXpx); }
.st-key-_slide { flex: none !important; height: calc(100vh - 2.2rem) !important; min-height: 0 !important; }
.st-key-_slide [data-testid="stLayoutWrapper"] { flex-shrink: 0 !important; }
.st-key-_slide [data-testid="stLayoutWrapper"]:has(> .st-key-_slide_chart, > .st-key-_speaker_body,
  > .st-key-_speaker_main, > .st-key-_speaker_side, > .st-key-_speaker_notes),
.st-key-_slide_chart { min-height: 0 !important; flex-shrink: 1 !important; }
.st-key-slide_takeaway p { font-size: 1.25rem; font-weight: 600; color: #1f3b73; margin: 0; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }
.st-key-_deck_foot { flex-wrap: nowrap !important; border-top: 1px solid #d0d5de; padding-top: 0.2rem; }
.st-key-slide_source { flex: 1 1 0 !important; min-width: 0 !important; flex-wrap: nowrap !important; }
.st-key-_source_cited { flex: 0 1 auto !important; min-width: 0 !important; }
.st-key-slide_source p { margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-_deck_foot button p, .st-key-_deck_count p { white-space: nowrap; }
.st-key-_speaker_body { min-height: 0 !important; flex-wrap: nowrap !important; align-items: stretch !important;
  overflow: hidden; }
.st-key-_speaker_body [data-testid="stLayoutWrapper"]:has(> .st-key-_speaker_main, > .st-key-_speaker_side) {
  max-height: 100%; }
.st-key-_speaker_main { flex: 3 1 0 !important; min-width: 0 !important; max-height: 100%; }
.st-key-_speaker_side { flex: 2 1 0 !important; min-width: 0 !important; max-height: 100%; }
.st-key-_speaker_notes { min-height: 0 !important; overflow-y: auto !important; }
.st-key-_speaker_timer p { font-size: 1.2rem !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
.st-key-_speaker_main .st-key-slide_takeaway p { white-space: normal; }
/* deck text keeps its own direction (an English deck shown with the Arabic interface, and the reverse) */
.st-key-_deck_bar h3, .st-key-slide_takeaway p, .st-key-_speaker_notes p, .st-key-_speaker_next p,
.st-key-slide_source p { unicode-bidi: plaintext; }
"""


def apply(*, slide: bool = False, speaker: bool = False) -> None:
    """Presentation mode's CSS (and a slide's layout when `slide`; the speaker view's type size)."""
    root = 16 * (SPEAKER_SCALE if speaker else SCALE)
    css = CSS + (SLIDE_CSS.replace("SLIDE_VW", f"{root / 16:g}") if slide else "")
    st.html("<style>" + css.replace("ROOT_PX", f"{root:g}") + "</style>")
