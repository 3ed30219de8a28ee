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


# === Trends and Map pages ===


# === Operations and Goals pages ===


# === Architecture and Data pages ===

def _wrap_names(names, per_line: int = 5) -> str:
    names = [str(n) for n in names]
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
            head = f"<b>{a} × {b}</b><br>" if a != b else f"<b>{a}</b><br>"
            text = labels["own" if a == b else ("shared" if n else "none")].format(n=n)
            body = _wrap_names(listed.get((a, b), []))
            hr.append(head + text + (f"<br>{body}" if body else ""))
        z.append(zr)
        hover.append(hr)
    off = [z[i][j] for i in range(len(orgs)) for j in range(len(orgs)) if i != j]
    zmax = max(off + [1])
    fig = go.Figure(go.Heatmap(
        z=z, x=orgs, y=orgs, zmin=0, zmax=zmax, colorscale=[[0, "#f7f9fc"], [0.15, "#c6dbef"], [1, theme.NAVY]],
        text=z, texttemplate="%{text}", textfont=dict(size=round(13 * font_scale)),
        hovertext=hover, hoverinfo="text", xgap=2, ygap=2,
        colorbar=dict(title=dict(text=labels["colorbar"]), thickness=14)))
    fig.update_xaxes(side="top", tickangle=0, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(margin=dict(l=10, r=10, t=100, b=10))
    return fig


#: Discrete colours for "how many Dialogue bodies cover a country": 0 is a gap (warm), 1, 2, 3+ deepening blues.
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
    hover = [f"<b>{c}</b><br>{n} {labels['bodies']}: {names if names else labels['none']}"
             for c, n, names in zip(cov["country"], cov["bodies"], cov["body_names"])]
    scale = []
    for i, color in enumerate(COVERAGE_COLORS):
        scale += [[i / 4, color], [(i + 1) / 4, color]]
    fig = go.Figure(go.Choropleth(
        locations=cov["iso3"], z=level, locationmode="ISO-3", colorscale=scale, zmin=-0.5, zmax=3.5,
        marker_line_color="#ffffff", marker_line_width=0.4, hovertext=hover, hoverinfo="text", name="",
        colorbar=dict(title=dict(text=colorbar_title), thickness=14, tickvals=[0, 1, 2, 3],
                      ticktext=[labels["gap"], "1", "2", "3+"])))
    if highlight is not None and len(highlight):
        color = theme.color_for(highlight_name or "")
        text = [f"<b>{c}</b><br>" + labels["member_of"].format(org=highlight_name, type=t)
                for c, t in zip(highlight["country"], highlight["membership_type"])]
        fig.add_trace(go.Choropleth(
            locations=highlight["iso3"], z=[1] * len(highlight), locationmode="ISO-3",
            colorscale=[[0, color], [1, color]], showscale=False, marker_opacity=0.85,
            marker_line_color="#222222", marker_line_width=1.2, hovertext=text, hoverinfo="text",
            name=highlight_name or ""))
    fig.update_geos(projection_type="natural earth", projection_rotation_lon=0, showframe=False,
                    showcoastlines=False, showcountries=True, countrycolor="#d0d0d0", showland=True,
                    landcolor="#eeeeee", lataxis_range=[-58, 85])
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(margin=dict(l=0, r=0, t=60, b=0))
    return fig


def coverage_bars(orgs: pd.DataFrame, *, title: str, x_title: str, partial_label: str = "partial list",
                  height: int = 380, font_scale: float = 1.0) -> go.Figure:
    """Countries covered (members and associates) per organization (name, countries_covered,
    membership_complete), one bar each in the organization's colour; partial lists hatched and labelled."""
    df = orgs.sort_values("countries_covered")
    partial = ~df["membership_complete"].astype(bool)
    text = [f"{n} ({partial_label})" if p else str(n) for n, p in zip(df["countries_covered"], partial)]
    fig = go.Figure(go.Bar(
        x=df["countries_covered"], y=df["name"], orientation="h", text=text, textposition="outside",
        marker=dict(color=[theme.color_for(n) for n in df["name"]],
                    pattern=dict(shape=["/" if p else "" for p in partial])),
        hovertemplate="<b>%{y}</b>: %{x}<extra></extra>", cliponaxis=False))
    fig.update_xaxes(title=x_title, rangemode="tozero")
    fig.update_yaxes(title=None)
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(showlegend=False, margin=dict(l=10, r=60, t=60, b=10))
    return fig


MEETING_LABELS = {"edition": "Dialogue edition", "working_group": "Working group", "virtual": "virtual",
                  "in_person": "in person", "date": "Date"}


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
        virtual = g["virtual"].fillna(False).astype(bool)
        place = [", ".join(str(p) for p in (c, k) if isinstance(p, str) and p) or labels["virtual"]
                 for c, k in zip(g["city"], g["country"])]
        hover = [f"<b>{e}</b> · {pd.Timestamp(s):%Y-%m-%d}"
                 + (f" – {pd.Timestamp(t):%Y-%m-%d}" if pd.notna(t) and pd.Timestamp(t) != pd.Timestamp(s) else "")
                 + f"<br>{p} ({labels['virtual'] if v else labels['in_person']})"
                 + (f"<br>{h}" if isinstance(h, str) and h else "")
                 for e, s, t, p, v, h in zip(g["edition"], g["start_date"], g["end_date"], place, virtual, g["host"])]
        fig.add_trace(go.Scatter(
            x=g["start_date"], y=[name] * len(g), mode="markers+text", name=name,
            text=[f"{e}<br>{p}" for e, p in zip(g["edition"], place)], textposition="top center",
            textfont=dict(size=round(11 * font_scale)),
            marker=dict(size=16, color=color, symbol=["circle-open" if v else "circle" for v in virtual],
                        line=dict(width=2.5, color=color)),
            hovertext=hover, hoverinfo="text"))
    fig.update_xaxes(title=labels["date"], type="date")
    fig.update_yaxes(title=None, type="category")
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(showlegend=False)
    return fig
