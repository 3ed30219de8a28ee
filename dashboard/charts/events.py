"""Dated event markers on a time chart (operations on a trend): a dotted vertical line per event and labels
that do not overlap. Events closer together than a label's width share one label; neighbouring labels take
turns on up to three rows at the top of the plot."""
from __future__ import annotations

import pandas as pd

from ..text import html_text

ROWS = 3                       # label rows at the top of the plot
CHAR_WIDTH = 0.0075            # a label character's width as a share of the plot's width (about 7 px of 900)
ROW_HEIGHT = 0.075             # a row's height as a share of the plot's height


def decimal_year(date) -> float:
    d = pd.Timestamp(date)
    return d.year + (d.day_of_year - 1) / 365.25


def layout(events: pd.DataFrame, x_range: tuple[float, float]) -> list[tuple[float, str, int]]:
    """(x, label, row) per label: events (columns date, label) within `x_range` (decimal years) only; events
    whose labels would touch are merged into one label ('A · B'); each label takes the lowest row where it
    does not overlap the labels already placed."""
    lo, hi = x_range
    span = max(hi - lo, 1.0)
    pts = sorted((decimal_year(e.date), str(e.label)) for e in events.itertuples() if pd.notna(e.date)
                 and lo <= decimal_year(e.date) <= hi)
    clusters: list[tuple[float, list[str]]] = []
    for x, label in pts:
        if clusters and (x - clusters[-1][0]) / span < CHAR_WIDTH * 2:
            clusters[-1][1].append(label)
        else:
            clusters.append((x, [label]))
    placed: list[tuple[float, str, int]] = []
    ends = [-1.0] * ROWS                              # right edge (share of width) of the last label per row
    for x, labels in clusters:
        text = " · ".join(dict.fromkeys(labels))
        start = (x - lo) / span
        width = len(text) * CHAR_WIDTH
        row = next((r for r in range(ROWS) if start > ends[r]), None)
        if row is None:                               # every row is taken here: the one that frees first
            row = min(range(ROWS), key=lambda r: ends[r])
        ends[row] = start + width
        placed.append((x, text, row))
    return placed


def add_markers(fig, events: pd.DataFrame | None, x_range: tuple[float, float], *, color: str = "#888") -> None:
    """Dotted vertical lines (dashes are the line rule's breaks) and non-overlapping labels for `events` within `x_range`, in one layout update
    (adding shapes one by one re-validates the figure each time)."""
    if events is None or events.empty:
        return
    shapes, notes = list(fig.layout.shapes), list(fig.layout.annotations)
    for x, text, row in layout(events, x_range):
        shapes.append(dict(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain",
                           line=dict(color=color, dash="dot", width=1)))
        notes.append(dict(x=x, y=1 - row * ROW_HEIGHT, xref="x", yref="y domain", text=html_text(text),
                          showarrow=False, xanchor="left", yanchor="top", font=dict(size=11, color="#555"),
                          bgcolor="rgba(255,255,255,0.85)"))
    fig.update_layout(shapes=shapes, annotations=notes)
