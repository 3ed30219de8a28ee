"""Line charts: a trend per region or country over the years, and small multiples per region.

Region points with thin coverage (transforms.is_thin) are open markers; coverage is in every region hover.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import theme
from ..text import html_text
from ..transforms import is_thin
from .events import add_markers


def _coverage_text(df: pd.DataFrame, labels: dict, locale: str = "en") -> list[str]:
    share = df["population_covered_share"]
    out = []
    for n, tot, s in zip(df["countries_reporting"], df["countries_total"], share):
        text = labels["coverage"].format(n=n, total=tot)
        if pd.notna(s):
            text += " · " + labels["population"].format(share=theme.fmt_share(s, locale))
        out.append(text)
    return out

DEFAULT_LABELS = {"coverage": "{n} of {total} countries reporting", "population": "{share} of population",
                  "thin": "thin coverage (under half)", "year": "Year"}

def trend_lines(df: pd.DataFrame, *, series_col: str, title: str, y_title: str, measure: str | None = None,
                log: bool = False, events: pd.DataFrame | None = None, labels: dict | None = None,
                height: int = 480, font_scale: float = 1.0, names: dict | None = None,
                locale: str = "en") -> go.Figure:
    """One line per series (region or country) over years.

    Region frames (with countries_reporting/countries_total) get coverage in the hover and thin-coverage
    points drawn as open markers. `events` (columns date, label) become dated vertical markers. `names` maps
    a series to its displayed name (e.g. translated); colours follow the series itself.
    """
    names = names or {}
    labels = {**DEFAULT_LABELS, **(labels or {})}
    fig = go.Figure()
    has_cov = {"countries_reporting", "countries_total"} <= set(df.columns)
    for name, g in df.sort_values("year").groupby(series_col, sort=True):
        color = theme.color_for(str(name))
        shown = names.get(name, name)
        hover = [f"<b>{shown}</b> {y}: {theme.fmt_number(v, measure, locale)}" for y, v in zip(g["year"], g["value"])]
        symbols = None
        if has_cov:
            thin = is_thin(g)
            cov = _coverage_text(g, labels, locale)
            hover = [h + "<br>" + c + (f"<br><i>{labels['thin']}</i>" if t else "")
                     for h, c, t in zip(hover, cov, thin)]
            symbols = ["circle-open" if t else "circle" for t in thin]
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], name=str(shown), mode="lines+markers",
            line=dict(color=color, width=2.5), marker=dict(size=7, symbol=symbols, color=color, line=dict(width=2)),
            hovertext=hover, hoverinfo="text"))
    if events is not None and len(events):
        years = df["year"].astype(float)
        span = (years.min(), years.max() + 1) if len(years) else (float("-inf"), float("inf"))
        add_markers(fig, events, span)                    # within the data's years only, labels apart
    fig.update_xaxes(title=labels["year"], tickformat="d", dtick=None)
    fig.update_yaxes(title=html_text(y_title), type="log" if log else "linear",
                     rangemode="tozero" if not log else None)
    return theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)

def small_multiples(df: pd.DataFrame, *, facet_col: str, title: str, y_title: str, measure: str | None = None,
                    cols: int = 3, labels: dict | None = None, height_per_row: int = 220,
                    font_scale: float = 1.0, display: dict | None = None, locale: str = "en") -> go.Figure:
    """One small panel per region, same y scale, thin coverage as open markers. `display` maps a region to
    its displayed (e.g. translated) name; colours follow the region itself."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    display = display or {}
    names = sorted(df[facet_col].unique())
    rows = max(1, -(-len(names) // cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[html_text(display.get(n, n)) for n in names],
                        shared_yaxes=True,
                        horizontal_spacing=0.04, vertical_spacing=0.12)
    for i, name in enumerate(names):
        g = df[df[facet_col] == name].sort_values("year")
        thin = is_thin(g) if "countries_total" in g else pd.Series(False, index=g.index)
        cov = _coverage_text(g, labels, locale) if "countries_total" in g else [""] * len(g)
        color = theme.color_for(str(name))
        shown = html_text(display.get(name, name))
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], mode="lines+markers", name=str(shown), showlegend=False,
            line=dict(color=color, width=2), marker=dict(size=5, color=color,
                                                         symbol=["circle-open" if t else "circle" for t in thin]),
            hovertext=[f"<b>{shown}</b> {y}: {theme.fmt_number(v, measure, locale)}<br>{c}"
                       for y, v, c in zip(g["year"], g["value"], cov)], hoverinfo="text"),
            row=i // cols + 1, col=i % cols + 1)
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(rangemode="tozero")
    fig.update_yaxes(title=html_text(y_title), col=1)
    return theme.apply_layout(fig, title=title, height=max(300, rows * height_per_row + 80), font_scale=font_scale)

TREND_LABELS = {**DEFAULT_LABELS, "thin_legend": "thin coverage (open marker)", "source": "Source"}

def trend_chart(df: pd.DataFrame, *, title: str, y_title: str, measure: str | None = None, log: bool = False,
                events: pd.DataFrame | None = None, labels: dict | None = None, locale: str = "en",
                height: int = 500, font_scale: float = 1.0, names: dict | None = None) -> go.Figure:
    """Region lines (with coverage, via trend_lines) and country lines (dotted) of one indicator.

    `df` has the columns of data.trend_series: series, kind ('region'/'country'), year, value and, for
    regions, countries_reporting, countries_total, population_covered_share. Thin region points are open
    markers; a legend entry explains them when any is plotted. `names` maps a series to its displayed name.
    """
    names = {html_text(k): html_text(v) for k, v in (names or {}).items()}
    labels = {**TREND_LABELS, **(labels or {})}
    reg = df[df["kind"] == "region"].rename(columns={"series": "region"})
    reg = reg.assign(region=reg["region"].map(html_text)).astype(
        {"countries_reporting": "int64", "countries_total": "int64", "population_covered_share": "float64"})
    fig = trend_lines(reg[["region", "year", "value", "countries_reporting", "countries_total",
                           "population_covered_share", *(["adequate"] if "adequate" in reg else [])]],
                      series_col="region", title=title, y_title=y_title, measure=measure, log=log, events=events,
                      labels=labels, height=height, font_scale=font_scale, names=names, locale=locale)
    for name, g in df[df["kind"] == "country"].sort_values("year").groupby("series", sort=True):
        color = theme.color_for(str(name))
        safe = names.get(html_text(name), html_text(name))
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], name=safe, mode="lines+markers",
            line=dict(color=color, width=2, dash="dot"), marker=dict(size=6, color=color, symbol="diamond"),
            hovertext=[f"<b>{safe}</b> {y}: {theme.fmt_number(v, measure, locale)}"
                       for y, v in zip(g["year"], g["value"])], hoverinfo="text"))
    if len(reg) and is_thin(reg).any():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels["thin_legend"],
                                 marker=dict(size=8, symbol="circle-open", color="#555", line=dict(width=2)),
                                 hoverinfo="skip"))
    return fig
