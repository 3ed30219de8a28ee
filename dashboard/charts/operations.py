"""Operation charts: a timeline from start to end date and one figure compared across operations, both
coloured by Global Policing Goal; approximate dates and figures hatched."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import fmt_op_period, html_text, missing

OPS_LABELS = {"no_goal": "No goal", "approx_dates": "dates approximate ({precision} only)", "goal": "Goal",
              "crime_area": "Crime area", "lead": "Lead", "where": "Where", "countries": "Countries listed",
              "announced": "Announced", "precision": {"day": "day", "month": "month", "year": "year"},
              "qualifier": {"exact": "exact", "approx": "approximately", "at_least": "at least"}}

def op_span(start, end, precision: str = "day") -> tuple[pd.Timestamp, pd.Timestamp]:
    """[start, end) of an operation for drawing. A day-precise end includes its day; a month- or year-precise
    end covers its whole month or year; a missing end is the start's day, month or year."""
    s = pd.Timestamp(start)
    e = s if missing(end) else pd.Timestamp(end)
    if precision == "year":
        e = pd.Timestamp(year=e.year + 1, month=1, day=1)
    elif precision == "month":
        e = pd.Timestamp(year=e.year + (e.month == 12), month=e.month % 12 + 1, day=1)
    else:
        e = e + pd.Timedelta(days=1)
    return s, max(e, s + pd.Timedelta(days=1))

def _goal_name(gid, goal_labels: dict, labels: dict) -> str:
    return goal_labels.get(gid, gid) if isinstance(gid, str) and gid else labels["no_goal"]

def _legend_below_title(fig: go.Figure, top: int = 140) -> go.Figure:
    """Title at the very top, a horizontal legend just below it, the plot under both (tall charts)."""
    height = fig.layout.height or 450
    fig.update_layout(title=dict(yref="container", y=1 - 12 / height, yanchor="top"),
                      legend=dict(orientation="h", yref="container", y=1 - 48 / height, yanchor="top", x=0,
                                  xanchor="left"),
                      margin=dict(t=top))
    return fig

def _goal_groups(d: pd.DataFrame, fig: go.Figure, goal_labels: dict, labels: dict):
    """Rows of `d` by goal (no goal last as ''), each with its colour and escaped legend name (added to fig)."""
    goal_key = d["goal_id"].where(d["goal_id"].notna(), "")
    for gid in sorted(goal_key.unique()):
        color = theme.color_for(gid) if gid else "#999999"
        name = html_text(_goal_name(gid, goal_labels, labels))
        _legend_swatch(fig, name, color)
        yield gid, d[goal_key == gid], color, name

def _legend_swatch(fig: go.Figure, name: str, color: str) -> None:
    """A legend entry in the goal's plain colour (the traces' own markers vary with date precision)."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=name, showlegend=True,
                             marker=dict(symbol="square", size=12, color=color), hoverinfo="skip"))

def operations_timeline(df: pd.DataFrame, *, title: str, goal_labels: dict[str, str] | None = None,
                        labels: dict | None = None, locale: str = "en", font_scale: float = 1.0) -> go.Figure:
    """One row per operation: a bar from start to end and a marker at its midpoint, coloured by goal.

    Columns: name, start_date, end_date, date_precision, goal_id, crime_area, lead, regions (countries_listed
    optional). Month- or year-precise dates (approximate) get a hatched bar and an open marker.
    """
    labels = {**OPS_LABELS, **(labels or {})}
    goal_labels = goal_labels or {}
    fig = go.Figure()
    d = df.sort_values(["start_date", "name"])
    for gid, g, color, name in _goal_groups(d, fig, goal_labels, labels):
        spans = [op_span(s, e, p) for s, e, p in zip(g["start_date"], g["end_date"], g["date_precision"])]
        approx = [p != "day" for p in g["date_precision"]]
        hover = []
        for r, is_approx in zip(g.itertuples(index=False), approx):
            text = (f"<b>{html_text(r.name)}</b><br>"
                    f"{fmt_op_period(r.start_date, r.end_date, r.date_precision, locale)}")
            if is_approx:
                text += " (" + labels["approx_dates"].format(
                    precision=labels["precision"].get(r.date_precision, r.date_precision)) + ")"
            text += f"<br>{labels['goal']}: {name}<br>{labels['crime_area']}: {html_text(r.crime_area) or '–'}"
            text += (f"<br>{labels['lead']}: {html_text(r.lead) or '–'}<br>{labels['where']}: "
                     f"{html_text(r.regions) or '–'}")
            if hasattr(r, "countries_listed"):
                text += f"<br>{labels['countries']}: {int(r.countries_listed)}"
            hover.append(text)
        fig.add_trace(go.Bar(
            y=g["name"].map(html_text), x=[(e - s).total_seconds() * 1000 for s, e in spans],
            base=[s for s, _ in spans],
            orientation="h", name=name, legendgroup=name, showlegend=False, marker=dict(
                color=color, line=dict(color=color, width=1),
                pattern=dict(shape=["/" if a else "" for a in approx], fgcolor="#ffffff", solidity=0.4)),
            hovertext=hover, hoverinfo="text", width=0.6))
        fig.add_trace(go.Scatter(
            y=g["name"].map(html_text), x=[s + (e - s) / 2 for s, e in spans], mode="markers", name=name,
            legendgroup=name,
            showlegend=False, marker=dict(size=10, color=color, line=dict(color=color, width=2),
                                          symbol=["diamond-open" if a else "diamond" for a in approx]),
            hovertext=hover, hoverinfo="text"))
    order = d["name"].map(html_text).tolist()
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, autorange="reversed",
                     title=None)
    fig.update_xaxes(type="date", title=None, showgrid=True)
    fig = theme.apply_layout(fig, title=title, height=max(320, 28 * len(order) + 170), font_scale=font_scale)
    fig.update_layout(barmode="overlay")
    return _legend_below_title(fig)

def metric_bars(df: pd.DataFrame, *, title: str, x_title: str, goal_labels: dict[str, str] | None = None,
                labels: dict | None = None, locale: str = "en", font_scale: float = 1.0) -> go.Figure:
    """One horizontal bar per operation for one metric, labelled with the qualified figure (≈500, ≥200).

    Columns: operation, value, qualifier, goal_id (source_url optional). Non-exact figures get a hatched bar.
    """
    labels = {**OPS_LABELS, **(labels or {})}
    goal_labels = goal_labels or {}
    d = df.sort_values(["value", "operation"])
    fig = go.Figure()
    for gid, g, color, name in _goal_groups(d, fig, goal_labels, labels):
        text = [theme.fmt_qualified(v, q, locale=locale) for v, q in zip(g["value"], g["qualifier"])]
        hover = [f"<b>{html_text(o)}</b><br>{t} ({labels['qualifier'].get(q, q)})<br>{labels['goal']}: {name}"
                 for o, t, q in zip(g["operation"], text, g["qualifier"])]
        fig.add_trace(go.Bar(
            y=g["operation"].map(html_text), x=g["value"], orientation="h", name=name, legendgroup=name,
            showlegend=False,
            text=text, textposition="outside",
            cliponaxis=False, marker=dict(color=color, pattern=dict(
                shape=["" if q == "exact" else "/" for q in g["qualifier"]], fgcolor="#ffffff", solidity=0.4)),
            hovertext=hover, hoverinfo="text"))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=d["operation"].map(html_text).tolist(),
                     title=None)
    # the axis in the labels' format: whole numbers with the locale's thousands separator (no 1k, 2.5k)
    fig.update_xaxes(title=html_text(x_title), rangemode="tozero", tickformat=",d")
    fig = theme.apply_layout(fig, title=title, height=max(300, 32 * len(d) + 170), font_scale=font_scale)
    fig.update_layout(margin=dict(r=60))
    return _legend_below_title(fig)
