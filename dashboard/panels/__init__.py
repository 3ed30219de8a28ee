"""Panels: one builder per chart, (filters, language, questions) -> Panel, rendered three ways from the same
object: on its page (dashboard/ui.py), alone on a deck slide (dashboard/presenter/) and in the export pack
(dashboard/export/). A panel holds everything shown with its chart: the figure (None: nothing to draw, see
`empty`), the display table (also the CSV download), the sources it cites, its unit, its caveats and notes.

Which chart belongs to which page is declared in dashboard/registry.py; BUILDERS maps each chart key to its
builder. Builders are pure apart from the questions they ask (cached in the app, plain in the export).
"""
from __future__ import annotations

from .. import i18n
from . import architecture, operations, overview, rankings, sources, trends, worldmap
from .base import Panel

__all__ = ["Panel", "build", "BUILDERS"]

BUILDERS = {**overview.BUILDERS, **trends.BUILDERS, **worldmap.BUILDERS, **operations.BUILDERS,
            **architecture.BUILDERS, **sources.BUILDERS, **rankings.BUILDERS}


def build(key: str, filters, lang: str, q) -> Panel:
    """The panel `key` for these filters, in `lang`, answered by the questions `q`."""
    with i18n.use_language(lang):
        return BUILDERS[key](filters, lang, q)
