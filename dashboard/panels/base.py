"""The Panel: everything shown with one chart, built once and rendered on a page, a slide or in the export."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..i18n import _
from .caveats import Caveat


@dataclass
class Panel:
    key: str                                        # the chart key (registry), also its container key on screen
    figure: object | None = None                    # a plotly Figure; None when there is nothing to draw
    table: pd.DataFrame | None = None               # what the chart shows, as a table (shown or downloaded)
    sources: tuple[str, ...] = ()                   # source ids cited under it
    unit: str | None = None                         # translated unit of its values
    caveats: tuple[Caveat, ...] = ()                # what the sources say about what it shows (ui.caveat_badges)
    notes: tuple[str, ...] = ()                     # how to read it (Markdown-safe text)
    empty: tuple[str, str | None] | None = None     # (message, hint) shown instead of an empty chart
    extra: dict = field(default_factory=dict)       # builder-specific facts the page shows beside it

    @property
    def note(self) -> str:
        """How to read it (Markdown-safe); caveats are drawn apart, as badges."""
        return " ".join(t for t in self.notes if t)


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
