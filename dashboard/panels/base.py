"""The Panel: everything shown with one chart, built once and rendered on a page, a slide or in the export."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..i18n import _


@dataclass
class Panel:
    key: str                                        # the chart key (registry), also its container key on screen
    figure: object | None = None                    # a plotly Figure; None when there is nothing to draw
    table: pd.DataFrame | None = None               # what the chart shows, as a table (shown or downloaded)
    sources: tuple[str, ...] = ()                   # source ids cited under it
    unit: str | None = None                         # translated unit of its values
    caveats: tuple[str, ...] = ()                   # what the data say about themselves (Markdown-safe text)
    notes: tuple[str, ...] = ()                     # how to read it (Markdown-safe text)
    empty: tuple[str, str | None] | None = None     # (message, hint) shown instead of an empty chart
    extra: dict = field(default_factory=dict)       # builder-specific facts the page shows beside it

    @property
    def note(self) -> str:
        return " ".join(t for t in (*self.caveats, *self.notes) if t)


def source_line(q, source_ids, escape: Callable[[str], str] = str) -> str:
    """'Source: <title> (<publisher>; <licence>).' for each source (escaped with `escape`: md_escape on screen,
    nothing in the export), or '' without sources."""
    ids = sorted({s for s in source_ids if s})
    if not ids:
        return ""
    rows = q.sources_for(ids)
    parts = [f"{escape(r.title)} ({escape(r.publisher)}; {escape(r.license)})"
             + (" — " + _("SYNTHETIC, not real data") if r.synthetic else "") for r in rows.itertuples()]
    return (_("Source") if len(parts) == 1 else _("Sources")) + ": " + "; ".join(parts) + "."
