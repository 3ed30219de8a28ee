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
    years: tuple[int, int] | None = None            # first and last year of the data drawn (None: not a series;
                                                    # the source line's 'data' years)
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
    parts = [isolate(f"{escape(r.title)} ({escape(r.publisher)}; {escape(r.license)})")
             + (" — " + _("SYNTHETIC, not real data") if _true(r.synthetic) else "") for r in rows.itertuples()]
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
        parts.append(isolate(escape(text)) + (" — " + _("SYNTHETIC, not real data") if _true(r.synthetic) else ""))
    when = years_text(years)
    label = (_("Source") if len(parts) == 1 else _("Sources")) + ":"
    if is_rtl() and len(parts) > 1:        # right to left: one Latin name a line, never wrapped into the next
        return label + "  \n" + "  \n".join(parts) + (f"  \n{when}." if when else "")
    return label + " " + "; ".join(parts) + (f" · {when}" if when else "") + "."


def _true(value) -> bool:
    """A flag from the data: True only when it is really true (a missing value is not)."""
    return value is not None and not pd.isna(value) and bool(value)


def data_years(panel: Panel, q, source_ids) -> str:
    """The data's year(s) in a few words: 'data 2000–2023', 'data 2021', else when its sources were compiled."""
    if panel.years:
        first, last = panel.years
        return _("data {year}").format(year=first) if first == last else _("data {first}–{last}").format(
            first=first, last=last)
    retrieved = [r for r in q.sources_for(sorted(source_ids))["retrieved"] if isinstance(r, str) and r[:4].isdigit()]
    return _("compiled {year}").format(year=max(retrieved)[:4]) if retrieved else ""


def brief_source_parts(q, panel: Panel, as_of: str) -> tuple[str, str]:
    """A slide's source line in two parts (plain text): the sources' publishers, shortest form first cited first
    ('Sources: UNODC; World Bank'), and the data's years with the warehouse's build date ('data 2000–2023 ·
    warehouse built 28 November 2026'), which a slide keeps whole when the first part has to be cut."""
    ids = list(dict.fromkeys(s for s in panel.sources if isinstance(s, str) and s))
    rows = q.sources_for(ids).set_index("source_id") if ids else None
    names: list[str] = []
    for sid in ids:
        if rows is None or sid not in rows.index:
            continue
        r = rows.loc[sid]
        name = next((v for v in (r["publisher"], r["title"]) if isinstance(v, str) and v.strip()), sid)
        name = " ".join(re.sub(r"\s*\([^()]*\)", "", name).split()) or " ".join(name.split())
        name += " (" + _("SYNTHETIC, not real data") + ")" if _true(r["synthetic"]) else ""
        if name not in names:
            names.append(name)
    cited = ((_("Source") if len(names) == 1 else _("Sources")) + ": " + "; ".join(names)) if names else ""
    when = " · ".join(p for p in (data_years(panel, q, ids), _("warehouse built {date}").format(date=as_of)) if p)
    return cited, when


def brief_source_line(q, panel: Panel, as_of: str) -> str:
    """The slide's source line in one string: 'Source: UNODC · data 2000–2023 · warehouse built 28 November
    2026' (the data's years, then when the warehouse was built)."""
    return " · ".join(p for p in brief_source_parts(q, panel, as_of) if p)
