"""Bar charts: countries reporting per year (by source), and countries ranked by value."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from ..text import html_text


def coverage_bars(df: pd.DataFrame, *, title: str, y_title: str, names: dict[str, str], preferred: set[str],
                  labels: dict, locale: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Countries with a value per year (columns source_id, year, countries), one bar series per source (preferred
    sources solid, others outlined), grouped side by side."""
    fig = go.Figure()
    for source_id, g in df.groupby("source_id", sort=False):
        color = theme.color_for(str(source_id))
        solid = source_id in preferred or not preferred
        name = html_text(names.get(source_id, source_id))
        fig.add_trace(go.Bar(
            x=g["year"], y=g["countries"], name=name,
            marker=dict(color=color if solid else "rgba(0,0,0,0)", line=dict(color=color, width=1.5)),
            hovertext=[f"<b>{name}</b><br>{y}: {theme.fmt_number(n, 'count', locale)}"
                       for y, n in zip(g["year"], g["countries"])], hoverinfo="text"))
    fig.update_xaxes(title=labels["year"], tickformat="d")
    fig.update_yaxes(title=html_text(y_title), rangemode="tozero", tickformat=",d")
    fig = theme.apply_layout(fig, title=title, height=380, font_scale=font_scale)
    fig.update_layout(barmode="group", bargap=0.15)
    return fig


def ranked_bars(df: pd.DataFrame, *, title: str, x_title: str, highlight: str | None = None,
                measure: str | None = None, higher_is_worse: bool | None = True, labels: dict,
                locale: str = "en", font_scale: float = 1.0) -> go.Figure:
    """Countries ranked by value (columns rank, iso3, country, value), the first at the top; `highlight` (an
    ISO3 code) drawn in a strong colour, the others in the indicator's colour."""
    d = df.sort_values("rank")
    base = "#C0504D" if higher_is_worse else ("#4F81BD" if higher_is_worse is False else "#7F7F7F")
    colors = [theme.NAVY if i == highlight else base for i in d["iso3"]]
    names = [html_text(f"{int(r)}. {c}") for r, c in zip(d["rank"], d["country"])]
    text = [theme.fmt_number(v, measure, locale) for v in d["value"]]
    fig = go.Figure(go.Bar(
        y=names, x=d["value"], orientation="h", marker=dict(color=colors), text=text, textposition="outside",
        cliponaxis=False, hovertext=[f"<b>{n}</b><br>{t}" for n, t in zip(names, text)], hoverinfo="text"))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=names, autorange="reversed",
                     title=None)
    fig.update_xaxes(title=html_text(x_title), rangemode="tozero", separatethousands=True)
    fig = theme.apply_layout(fig, title=title, height=max(320, 24 * len(d) + 140), font_scale=font_scale)
    fig.update_layout(margin=dict(r=70), showlegend=False)
    return fig
