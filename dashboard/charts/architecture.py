"""Architecture charts: the bodies' overlap matrix, countries covered per body, the Dialogue's meetings."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import html_text


def _wrap_names(names, per_line: int = 5) -> str:
    names = [html_text(n) for n in names]
    return "<br>".join(", ".join(names[i:i + per_line]) for i in range(0, len(names), per_line))

OVERLAP_LABELS = {"shared": "{n} countries shared", "own": "{n} countries covered (own coverage)",
                  "none": "no country shared", "colorbar": "countries"}

def overlap_heatmap(overlap: pd.DataFrame, *, order: list[str], title: str, names: pd.DataFrame | None = None,
                    labels: dict | None = None, height: int = 560, font_scale: float = 1.0) -> go.Figure:
    """Organization × organization matrix of countries shared (org_a, org_b, shared), counts written in the cells.

    The diagonal is each body's own coverage; the colour scale is capped at the largest off-diagonal overlap
    so small overlaps stay visible (the diagonal cells then take the darkest shade). `names` (org_a, org_b,
    countries) adds the shared countries to the hover.
    """
    labels = {**OVERLAP_LABELS, **(labels or {})}
    orgs = [o for o in order if o in set(overlap["org_a"]) | set(overlap["org_b"])]
    counts = {(a, b): int(n) for a, b, n in zip(overlap["org_a"], overlap["org_b"], overlap["shared"])}
    listed = {}
    if names is not None and len(names):
        listed = {(a, b): list(c) for a, b, c in zip(names["org_a"], names["org_b"], names["countries"])}
    z, hover = [], []
    for a in orgs:                       # rows (y)
        zr, hr = [], []
        for b in orgs:                   # columns (x)
            n = counts.get((a, b), 0)
            zr.append(n)
            head = (f"<b>{html_text(a)} × {html_text(b)}</b><br>" if a != b else f"<b>{html_text(a)}</b><br>")
            text = labels["own" if a == b else ("shared" if n else "none")].format(n=n)
            body = _wrap_names(listed.get((a, b), []))
            hr.append(head + text + (f"<br>{body}" if body else ""))
        z.append(zr)
        hover.append(hr)
    off = [z[i][j] for i in range(len(orgs)) for j in range(len(orgs)) if i != j]
    zmax = max(off + [1])
    fig = go.Figure(go.Heatmap(
        z=z, x=[html_text(o) for o in orgs], y=[html_text(o) for o in orgs], zmin=0, zmax=zmax,
        colorscale=[[0, "#f7f9fc"], [0.15, "#c6dbef"], [1, theme.NAVY]],
        text=z, texttemplate="%{text}", textfont=dict(size=round(13 * font_scale)),
        hovertext=hover, hoverinfo="text", xgap=2, ygap=2,
        colorbar=dict(title=dict(text=labels["colorbar"]), thickness=14)))
    fig.update_xaxes(side="top", tickangle=0, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(margin=dict(l=10, r=10, t=100, b=10))
    return fig


#: Discrete colours for "how many Dialogue bodies cover a country": 0 is a gap (warm), 1, 2, 3+ deepening blues.

def coverage_bars(orgs: pd.DataFrame, *, title: str, x_title: str, partial_label: str = "partial list",
                  height: int = 380, font_scale: float = 1.0) -> go.Figure:
    """Countries covered (members and associates) per organization (name, countries_covered,
    membership_complete), one bar each in the organization's colour; partial lists hatched and labelled."""
    df = orgs.sort_values("countries_covered")
    partial = ~df["membership_complete"].astype(bool)
    text = [f"{n} ({partial_label})" if p else str(n) for n, p in zip(df["countries_covered"], partial)]
    fig = go.Figure(go.Bar(
        x=df["countries_covered"], y=df["name"].map(html_text), orientation="h", text=text, textposition="outside",
        marker=dict(color=[theme.color_for(n) for n in df["name"]],
                    pattern=dict(shape=["/" if p else "" for p in partial])),
        hovertemplate="<b>%{y}</b>: %{x}<extra></extra>", cliponaxis=False))
    fig.update_xaxes(title=x_title, rangemode="tozero")
    fig.update_yaxes(title=None)
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(showlegend=False, margin=dict(l=10, r=60, t=60, b=10))
    return fig

MEETING_LABELS = {"edition": "Dialogue edition", "working_group": "Working group", "virtual": "online",
                  "in_person": "in person", "date": "Date", "unknown_venue": "venue not stated"}

def meetings_timeline(meetings: pd.DataFrame, *, title: str, labels: dict | None = None, height: int = 320,
                      font_scale: float = 1.0) -> go.Figure:
    """Dialogue meetings (edition, start_date, end_date, city, country, virtual, host) as dated markers:
    numbered editions on one row, working groups on another; virtual meetings as open markers.
    Meetings without a date cannot be placed and are left out (the page lists them)."""
    labels = {**MEETING_LABELS, **(labels or {})}
    df = meetings[meetings["start_date"].notna()].sort_values("start_date")
    is_wg = df["edition"].astype(str).str.startswith("WG")
    fig = go.Figure()
    for wg, name, color in ((False, labels["edition"], theme.NAVY), (True, labels["working_group"], "#888888")):
        g = df[is_wg == wg]
        if g.empty:
            continue
        virtual = [None if pd.isna(v) else bool(v) for v in g["virtual"]]
        city = [c if isinstance(c, str) and c else (labels["virtual"] if v else labels["unknown_venue"])
                for c, v in zip(g["city"], virtual)]
        place = [", ".join(p for p in (c, k) if isinstance(p, str) and p) for c, k in zip(city, g["country"])]
        hover = [f"<b>{html_text(e)}</b> · {pd.Timestamp(s):%Y-%m-%d}"
                 + (f" – {pd.Timestamp(t):%Y-%m-%d}" if pd.notna(t) and pd.Timestamp(t) != pd.Timestamp(s) else "")
                 + f"<br>{html_text(p)}"
                 + (f" ({labels['virtual'] if v else labels['in_person']})" if v is not None else "")
                 + (f"<br>{html_text(h)}" if isinstance(h, str) and h else "")
                 for e, s, t, p, v, h in zip(g["edition"], g["start_date"], g["end_date"], place, virtual, g["host"])]
        fig.add_trace(go.Scatter(
            x=g["start_date"], y=[name] * len(g), mode="markers+text", name=name,
            text=[f"{html_text(e)}<br>{html_text(c)}" for e, c in zip(g["edition"], city)], textposition="top center",
            textfont=dict(size=round(11 * font_scale)),
            marker=dict(size=16, color=color, symbol=["circle-open" if v else "circle" for v in virtual],
                        line=dict(width=2.5, color=color)),
            hovertext=hover, hoverinfo="text"))
    fig.update_xaxes(title=labels["date"], type="date")
    fig.update_yaxes(title=None, type="category", range=[-0.5, 1.9])
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(showlegend=False)
    return fig
