"""World maps drawn from the offline topojson (static/world_110m.json): indicator values, Dialogue-body
coverage, operation participation."""
from __future__ import annotations

import pandas as pd
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
                higher_is_worse: bool = True, labels: dict | None = None, locale: str = "en",
                range_color: tuple[float, float] | None = None, zoom_to_data: bool = False,
                height: int = 560, font_scale: float = 1.0) -> go.Figure:
    """Choropleth of country values (columns iso3, country, year, value, publisher) with a hover giving
    country, value and unit, year and source. Colours: Reds when higher is worse, else Blues.
    `zoom_to_data` fits the map to the countries drawn (e.g. one body's members)."""
    labels = {**TREND_LABELS, **(labels or {})}
    fig = choropleth(df, value_col="value", title=title, colorbar_title=colorbar_title,
                     higher_is_worse=higher_is_worse, measure=measure, height=height, font_scale=font_scale,
                     range_color=range_color)
    if zoom_to_data:          # plotly.js ignores fitbounds while a projection rotation is set
        fig.update_geos(fitbounds="locations", lataxis_range=None)
        fig.layout.geo.projection.rotation = None
    hover = [f"<b>{html_text(r.country)}</b><br>{theme.fmt_number(r.value, measure, locale)} "
             f"{html_text(unit)}<br>{labels['year']}: {int(r.year)}<br>{labels['source']}: "
             f"{html_text(r.publisher)}" for r in df.itertuples(index=False)]
    fig.update_traces(hovertext=hover)
    return fig

def colour_cap(values: pd.Series, quantile: float = 0.95, skew: float = 2.0) -> float | None:
    """Upper end for a colour scale when a few outliers would wash out the rest: the `quantile` of the
    values when the maximum exceeds it `skew` times; None when the values are spread evenly enough."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if len(v) < 10:
        return None
    q = float(v.quantile(quantile))
    return q if q > 0 and float(v.max()) > skew * q else None

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
