"""Presentation mode and briefing decks (?present=1, ?deck=<name>&slide=<k>). To be implemented."""
from __future__ import annotations


def navigation_position() -> str:
    """Where st.navigation shows the page list: 'hidden' in presentation mode, else 'sidebar'."""
    return "sidebar"


def before_page(page) -> None:
    """Called by app.py after navigation, before the page runs (presentation chrome, deck controls)."""


def after_page(page) -> None:
    """Called by app.py after the page ran (e.g. deck controls at the bottom)."""
