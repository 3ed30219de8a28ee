"""Chart builders: pure functions, DataFrame in, plotly Figure out. No Streamlit, no database.

Labels arrive already translated; colours come from theme so a region looks the same everywhere.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import theme
from .settings import THIN_COVERAGE


def coverage_share(df: pd.DataFrame) -> pd.Series:
    """Population share where known, else share of countries reporting."""
    by_countries = df["countries_reporting"] / df["countries_total"]
    if "population_covered_share" in df:
        return df["population_covered_share"].fillna(by_countries)
    return by_countries


def _coverage_text(df: pd.DataFrame, labels: dict) -> list[str]:
    share = df["population_covered_share"]
    out = []
    for n, tot, s in zip(df["countries_reporting"], df["countries_total"], share):
        text = labels["coverage"].format(n=n, total=tot)
        if pd.notna(s):
            text += " · " + labels["population"].format(share=theme.fmt_share(s))
        out.append(text)
    return out


DEFAULT_LABELS = {"coverage": "{n} of {total} countries reporting", "population": "{share} of population",
                  "thin": "thin coverage (under half)", "year": "Year"}


def trend_lines(df: pd.DataFrame, *, series_col: str, title: str, y_title: str, measure: str | None = None,
                log: bool = False, events: pd.DataFrame | None = None, labels: dict | None = None,
                height: int = 480, font_scale: float = 1.0) -> go.Figure:
    """One line per series (region or country) over years.

    Region frames (with countries_reporting/countries_total) get coverage in the hover and thin-coverage
    points drawn as open markers. `events` (columns date, label) become dated vertical markers.
    """
    labels = {**DEFAULT_LABELS, **(labels or {})}
    fig = go.Figure()
    has_cov = {"countries_reporting", "countries_total"} <= set(df.columns)
    for name, g in df.sort_values("year").groupby(series_col, sort=True):
        color = theme.color_for(str(name))
        hover = [f"<b>{name}</b> {y}: {theme.fmt_number(v, measure)}" for y, v in zip(g["year"], g["value"])]
        symbols = None
        if has_cov:
            thin = coverage_share(g) < THIN_COVERAGE
            cov = _coverage_text(g, labels)
            hover = [h + "<br>" + c + (f"<br><i>{labels['thin']}</i>" if t else "")
                     for h, c, t in zip(hover, cov, thin)]
            symbols = ["circle-open" if t else "circle" for t in thin]
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], name=str(name), mode="lines+markers",
            line=dict(color=color, width=2.5), marker=dict(size=7, symbol=symbols, color=color, line=dict(width=2)),
            hovertext=hover, hoverinfo="text"))
    if events is not None and len(events):
        for ev in events.itertuples():
            x = pd.Timestamp(ev.date).year + (pd.Timestamp(ev.date).dayofyear - 1) / 365.25
            fig.add_vline(x=x, line=dict(color="#888", dash="dash", width=1))
            fig.add_annotation(x=x, y=1, yref="paper", text=ev.label, showarrow=False, textangle=-90,
                               xanchor="right", yanchor="top", font=dict(size=11, color="#555"))
    fig.update_xaxes(title=labels["year"], tickformat="d", dtick=None)
    fig.update_yaxes(title=y_title, type="log" if log else "linear", rangemode="tozero" if not log else None)
    return theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)


def small_multiples(df: pd.DataFrame, *, facet_col: str, title: str, y_title: str, measure: str | None = None,
                    cols: int = 3, labels: dict | None = None, height_per_row: int = 220,
                    font_scale: float = 1.0) -> go.Figure:
    """One small panel per region, same y scale, thin coverage as open markers."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    names = sorted(df[facet_col].unique())
    rows = max(1, -(-len(names) // cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=names, shared_yaxes=True,
                        horizontal_spacing=0.04, vertical_spacing=0.12)
    for i, name in enumerate(names):
        g = df[df[facet_col] == name].sort_values("year")
        thin = coverage_share(g) < THIN_COVERAGE if "countries_total" in g else pd.Series(False, index=g.index)
        cov = _coverage_text(g, labels) if "countries_total" in g else [""] * len(g)
        color = theme.color_for(str(name))
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], mode="lines+markers", name=str(name), showlegend=False,
            line=dict(color=color, width=2), marker=dict(size=5, color=color,
                                                         symbol=["circle-open" if t else "circle" for t in thin]),
            hovertext=[f"<b>{name}</b> {y}: {theme.fmt_number(v, measure)}<br>{c}"
                       for y, v, c in zip(g["year"], g["value"], cov)], hoverinfo="text"),
            row=i // cols + 1, col=i % cols + 1)
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(rangemode="tozero")
    fig.update_yaxes(title=y_title, col=1)
    return theme.apply_layout(fig, title=title, height=max(300, rows * height_per_row + 80), font_scale=font_scale)


def choropleth(df: pd.DataFrame, *, value_col: str, title: str, colorbar_title: str, higher_is_worse: bool = True,
               hover_cols: list[str] | None = None, measure: str | None = None, height: int = 560,
               font_scale: float = 1.0, range_color: tuple[float, float] | None = None) -> go.Figure:
    """Countries coloured by value (ISO3 in `iso3`), world map drawn from the offline topojson."""
    hover = []
    for r in df.itertuples(index=False):
        text = f"<b>{getattr(r, 'country', r.iso3)}</b><br>{theme.fmt_number(getattr(r, value_col), measure)}"
        for col in hover_cols or []:
            val = getattr(r, col, None)
            if val is not None and not (isinstance(val, float) and pd.isna(val)):
                text += f"<br>{val}"
        hover.append(text)
    scale = "Reds" if higher_is_worse else "Blues"
    fig = go.Figure(go.Choropleth(
        locations=df["iso3"], z=df[value_col], locationmode="ISO-3", colorscale=scale,
        zmin=range_color[0] if range_color else None, zmax=range_color[1] if range_color else None,
        marker_line_color="#ffffff", marker_line_width=0.4, hovertext=hover, hoverinfo="text",
        colorbar=dict(title=dict(text=colorbar_title), thickness=14)))
    fig.update_geos(projection_type="natural earth", projection_rotation_lon=0, showframe=False,
                    showcoastlines=False, showcountries=True, countrycolor="#d0d0d0", showland=True,
                    landcolor="#f3f3f3", lataxis_range=[-58, 85])
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(margin=dict(l=0, r=0, t=60, b=0))
    return fig
