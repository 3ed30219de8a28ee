"""The Panel: everything shown with one chart, built once and rendered on a page, a slide or in the export."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..i18n import _, is_rtl, isolate, year_span
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
    data_years: tuple[int, int] | None = None       # first and last year of the data shown (the source line's)

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
    parts = [isolate(f"{escape(r.title)} ({escape(r.publisher)}; {escape(r.license)})")
             + (" — " + _("SYNTHETIC, not real data") if r.synthetic else "") for r in rows.itertuples()]
    return (_("Source") if len(parts) == 1 else _("Sources")) + ": " + "; ".join(parts) + "."


_ASIDE = re.compile(r"\s*\([^()]*\)")


def short_name(text: str) -> str:
    """A publisher's or title's name without its asides in brackets: 'START, University of Maryland (Global
    Terrorism Database), aggregated by Our World in Data' -> 'START, University of Maryland, aggregated by Our
    World in Data' (the full text is in the details)."""
    return _ASIDE.sub("", str(text)).strip() or str(text)


def years_text(years: tuple[int, int] | None) -> str:
    """'2022 data' or '2000–2024 data' ('' without years)."""
    if not years:
        return ""
    a, b = years
    return _("{year} data").format(year=a) if a == b else _("{years} data").format(years=year_span(a, b))


def short_source_line(q, source_ids, years: tuple[int, int] | None = None,
                      escape: Callable[[str], str] = str) -> str:
    """One short line under a chart: 'Source: <publisher>, <title> · 2000–2024 data.' (asides in brackets left
    to the details; names from the data isolated in right-to-left text, one source a line there). Markdown:
    pass md_escape as `escape` for st.caption."""
    ids = list(dict.fromkeys(s for s in source_ids if s))         # in the panel's order: its indicator first
    if not ids:
        return ""
    rows = q.sources_for(tuple(sorted(ids))).set_index("source_id", drop=False).reindex(ids).dropna(
        subset=["source_id"])
    parts = []
    for r in rows.itertuples():
        publisher, title = short_name(r.publisher), short_name(r.title)
        text = title if publisher.lower() in title.lower() else f"{publisher}, {title}"
        parts.append(isolate(escape(text)) + (" — " + _("SYNTHETIC, not real data") if r.synthetic else ""))
    when = years_text(years)
    label = (_("Source") if len(parts) == 1 else _("Sources")) + ":"
    if is_rtl() and len(parts) > 1:        # right to left: one Latin name a line, never wrapped into the next
        return label + "  \n" + "  \n".join(parts) + (f"  \n{when}." if when else "")
    return label + " " + "; ".join(parts) + (f" · {when}" if when else "") + "."
