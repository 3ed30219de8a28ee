"""World maps drawn from the offline topojson (static/world_110m.json): indicator values, Dialogue-body
coverage, operation participation."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.colors as px_colors
import plotly.graph_objects as go

from .. import theme
from ..text import html_text
from .lines import TREND_LABELS


def world_map_layout(fig: go.Figure, *, title: str, height: int, font_scale: float, landcolor: str) -> go.Figure:
    """The house world map: natural-earth projection drawn from the offline topojson (rotation 0), no frame."""
    fig.update_geos(projection_type="natural earth", projection_rotation_lon=0, showframe=False,
                    showcoastlines=False, showcountries=True, countrycolor="#d0d0d0", showland=True,
                    landcolor=landcolor, lataxis_range=[-58, 85])
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(margin=dict(l=0, r=0, t=60, b=0))
    return fig

def choropleth(df: pd.DataFrame, *, value_col: str, title: str, colorbar_title: str, higher_is_worse: bool = True,
               hover_cols: list[str] | None = None, measure: str | None = None, height: int = 560,
               font_scale: float = 1.0, range_color: tuple[float, float] | None = None) -> go.Figure:
    """Countries coloured by value (ISO3 in `iso3`), world map drawn from the offline topojson."""
    hover = []
    for r in df.itertuples(index=False):
        text = (f"<b>{html_text(getattr(r, 'country', r.iso3))}</b><br>"
                f"{theme.fmt_number(getattr(r, value_col), measure)}")
        for col in hover_cols or []:
            val = getattr(r, col, None)
            if val is not None and not (isinstance(val, float) and pd.isna(val)):
                text += f"<br>{html_text(val)}"
        hover.append(text)
    scale = "Reds" if higher_is_worse else "Blues"
    fig = go.Figure(go.Choropleth(
        locations=df["iso3"], z=df[value_col], locationmode="ISO-3", colorscale=scale,
        zmin=range_color[0] if range_color else None, zmax=range_color[1] if range_color else None,
        marker_line_color="#ffffff", marker_line_width=0.4, hovertext=hover, hoverinfo="text",
        colorbar=dict(title=dict(text=html_text(colorbar_title)), thickness=14)))
    return world_map_layout(fig, title=title, height=height, font_scale=font_scale, landcolor="#f3f3f3")

def country_map(df: pd.DataFrame, *, title: str, colorbar_title: str, unit: str, measure: str | None = None,
                higher_is_worse: bool | None = True, labels: dict | None = None, locale: str = "en",
                range_color: tuple[float, float] | None = None, zoom_to_data: bool = False,
                height: int = 560, font_scale: float = 1.0, bins: list[float] | None = None) -> go.Figure:
    """Choropleth of country values (columns iso3, country, year, value, publisher) with a hover giving
    country, value and unit, year and source. Colours: Reds when higher is worse, Blues when better, Purples
    when neither. `bins` (edges from quantile_bins) colour by class, the last one labelled 'or more';
    otherwise a continuous scale (capped at `range_color`). Each location's customdata is (iso3, value). `zoom_to_data` fits the map to the countries
    drawn (e.g. one body's members)."""
    labels = {**TREND_LABELS, "under": "under {value}", "or_more": "{value} or more", **(labels or {})}
    scale = {True: "Reds", False: "Blues", None: "Purples"}[higher_is_worse]
    if bins:
        z = bin_index(df["value"], bins)
        colours = px_colors.sample_colorscale(scale, [0.15 + 0.85 * i / max(1, len(bins) - 1)
                                                      for i in range(len(bins))])
        colourscale = []
        for i, c in enumerate(colours):
            colourscale += [[i / len(bins), c], [(i + 1) / len(bins), c]]
        fig = go.Figure(go.Choropleth(
            locations=df["iso3"], z=z, locationmode="ISO-3", colorscale=colourscale, zmin=-0.5,
            zmax=len(bins) - 0.5, marker_line_color="#ffffff", marker_line_width=0.4, hoverinfo="text",
            customdata=list(zip(df["iso3"], df["value"])),
            colorbar=dict(title=dict(text=html_text(colorbar_title)), thickness=14, tickvals=list(range(len(bins))),
                          ticktext=bin_labels(bins, locale, labels))))
        fig = world_map_layout(fig, title=title, height=height, font_scale=font_scale, landcolor="#f3f3f3")
    else:
        fig = choropleth(df, value_col="value", title=title, colorbar_title=colorbar_title,
                         higher_is_worse=bool(higher_is_worse), measure=measure, height=height,
                         font_scale=font_scale, range_color=range_color)
        fig.update_traces(colorscale=scale, customdata=list(zip(df["iso3"], df["value"])))
    if zoom_to_data:          # plotly.js ignores fitbounds while a projection rotation is set
        fig.update_geos(fitbounds="locations", lataxis_range=None)
        fig.layout.geo.projection.rotation = None
    hover = [f"<b>{html_text(r.country)}</b><br>{theme.fmt_number(r.value, measure, locale)} "
             f"{html_text(unit)}<br>{labels['year']}: {int(r.year)}<br>{labels['source']}: "
             f"{html_text(r.publisher)}" + (f"<br><i>{labels['click']}</i>" if labels.get("click") else "")
             for r in df.itertuples(index=False)]
    fig.update_traces(hovertext=hover)
    return fig


def _nice(value: float) -> float:
    """A class edge rounded to two significant digits (3.4, 120, 0.056), for readable legends."""
    if value == 0 or not np.isfinite(value):
        return float(value)
    digits = 1 - int(np.floor(np.log10(abs(value))))
    return float(round(value, digits))


def quantile_bins(values: pd.Series, classes: int = 6) -> list[float] | None:
    """Lower edges of up to `classes` colour classes holding about as many countries each (quantiles, rounded to
    two significant digits, duplicates merged): [e0, e1, ...] for e0 <= v < e1, ..., v >= e_last ('or more').
    None when there are too few distinct values for classes to mean anything."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if v.nunique() < classes:
        return None
    edges = sorted({_nice(float(v.quantile(i / classes))) for i in range(classes)})
    edges[0] = min(edges[0], float(v.min()))
    return edges if len(edges) >= 3 else None


def bin_index(values: pd.Series, bins: list[float]) -> list[int]:
    """The class of each value: the last edge it reaches."""
    return [max(0, int(np.searchsorted(bins, float(v), side="right")) - 1) for v in values]


def bin_labels(bins: list[float], locale: str, labels: dict) -> list[str]:
    """Legend labels: 'under 1.2', '1.2–3.4', ..., '20 or more'."""
    fmt = [theme.fmt_number(b, None, locale) for b in bins]
    out = [labels["under"].format(value=fmt[1])]
    out += [f"{a}–{b}" for a, b in zip(fmt[1:-1], fmt[2:])]
    out.append(labels["or_more"].format(value=fmt[-1]))
    return out


def operation_countries_map(df: pd.DataFrame, *, title: str, colorbar_title: str,
                            font_scale: float = 1.0) -> go.Figure:
    """Countries coloured by how many of the chosen operations list them (columns iso3, country, operations,
    operation_names). With one operation, every listed country has the same colour and no colour bar."""
    top = max(1, int(df["operations"].max())) if len(df) else 1
    fig = choropleth(df, value_col="operations", title=title, colorbar_title=colorbar_title, higher_is_worse=False,
                     hover_cols=["operation_names"], measure="count", height=520, font_scale=font_scale,
                     range_color=(0, top))
    fig.update_traces(showscale=top > 1, colorbar=dict(dtick=1))
    return fig

COVERAGE_COLORS = ["#F4A582", "#C6DBEF", "#6BAED6", "#08519C"]

COVERAGE_LABELS = {"bodies": "bodies", "none": "none besides INTERPOL", "gap": "0 (gap)", "member_of": "{org}: {type}"}

def coverage_map(cov: pd.DataFrame, *, title: str, colorbar_title: str, labels: dict | None = None,
                 highlight: pd.DataFrame | None = None, highlight_name: str | None = None, height: int = 560,
                 font_scale: float = 1.0) -> go.Figure:
    """Countries (iso3, country, bodies, body_names) coloured by how many Dialogue bodies cover them: 0, 1, 2, 3+.

    `highlight` (iso3, country, membership_type) overlays one body's members in that body's colour.
    """
    labels = {**COVERAGE_LABELS, **(labels or {})}
    level = cov["bodies"].clip(upper=3).astype(int)
    hover = [f"<b>{html_text(c)}</b><br>{n} {labels['bodies']}: {html_text(names) if names else labels['none']}"
             for c, n, names in zip(cov["country"], cov["bodies"], cov["body_names"])]
    scale = []
    for i, color in enumerate(COVERAGE_COLORS):
        scale += [[i / 4, color], [(i + 1) / 4, color]]
    fig = go.Figure(go.Choropleth(
        locations=cov["iso3"], z=level, locationmode="ISO-3", colorscale=scale, zmin=-0.5, zmax=3.5,
        marker_line_color="#ffffff", marker_line_width=0.4, hovertext=hover, hoverinfo="text", name="",
        colorbar=dict(title=dict(text=html_text(colorbar_title)), thickness=14, tickvals=[0, 1, 2, 3],
                      ticktext=[labels["gap"], "1", "2", "3+"])))
    if highlight is not None and len(highlight):
        color = theme.color_for(highlight_name or "")
        text = [f"<b>{html_text(c)}</b><br>" + labels["member_of"].format(org=html_text(highlight_name), type=t)
                for c, t in zip(highlight["country"], highlight["membership_type"])]
        fig.add_trace(go.Choropleth(
            locations=highlight["iso3"], z=[1] * len(highlight), locationmode="ISO-3",
            colorscale=[[0, color], [1, color]], showscale=False, marker_opacity=0.85,
            marker_line_color="#222222", marker_line_width=1.2, hovertext=text, hoverinfo="text",
            name=html_text(highlight_name)))
    return world_map_layout(fig, title=title, height=height, font_scale=font_scale, landcolor="#eeeeee")


MEMBERSHIP_COLORS = {"member": "#1f3b73", "associate": "#6BAED6", "partner": "#C6DBEF", "observer": "#F4A582"}


def membership_map(df: pd.DataFrame, *, title: str, type_labels: dict[str, str], height: int = 520,
                   zoom_to_data: bool = True, font_scale: float = 1.0) -> go.Figure:
    """One body's countries (columns iso3, country, membership_type) coloured by membership type, one legend
    entry per type; zoomed to them."""
    fig = go.Figure()
    for kind, color in MEMBERSHIP_COLORS.items():
        g = df[df["membership_type"] == kind]
        if g.empty:
            continue
        label = html_text(type_labels.get(kind, kind))
        fig.add_trace(go.Choropleth(
            locations=g["iso3"], z=[1] * len(g), locationmode="ISO-3", colorscale=[[0, color], [1, color]],
            showscale=False, showlegend=True, name=label, marker_line_color="#ffffff", marker_line_width=0.5,
            customdata=list(zip(g["iso3"], g["iso3"])), hoverinfo="text",
            hovertext=[f"<b>{html_text(c)}</b><br>{label}" for c in g["country"]]))
    fig = world_map_layout(fig, title=title, height=height, font_scale=font_scale, landcolor="#f3f3f3")
    if zoom_to_data and len(df):
        fig.update_geos(fitbounds="locations", lataxis_range=None)
        fig.layout.geo.projection.rotation = None
    fig.update_layout(legend=dict(orientation="h", y=-0.02, x=0, yanchor="top"))
    return fig
