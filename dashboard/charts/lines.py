"""Line charts: a trend per region or country over the years, small multiples per region, and a tile's sparkline.

One rule for every line (trends, small multiples, sparklines; pages, slides and the export): a segment is solid
only between two reported years that are both adequately covered (region_values.adequate), when the later one
is not a coverage break (region_values.coverage_break), no series break or missing year named by a caveat lies
between them, and neither is a partial year. Every other segment is dashed,
and a point that is not adequately covered or is a partial year is an open marker. `cut_to_adequate` ends a
region's line at its last adequately covered year unless the viewer asks for every year. Hovers say how many
countries reported and compare like with like.
"""
from __future__ import annotations

from collections.abc import Collection

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import theme
from ..text import html_text, missing
from ..transforms import is_thin
from .events import add_markers

DEFAULT_LABELS = {"coverage": "{n} of {total} countries reporting", "population": "{share} of population",
                  "thin": "thin coverage (under half)", "year": "Year",
                  "thin_legend": "thin coverage (open marker)", "source": "Source",
                  "break": "coverage break: countries holding {share} of the population entered or left the data",
                  "break_legend": "dashed: a break or thin coverage, not a trend",
                  "caveat_break": "series break (see the caveats)",
                  "publisher": "publisher's estimate", "reporting": "aggregate of reporting countries",
                  "change": "{change} since {prev} on the {n} countries reporting in both years ({share} of the "
                            "population)",
                  "change_publisher": "{change} since {prev} (the publisher's estimates)"}
TREND_LABELS = DEFAULT_LABELS                      # (the map's hover reads "year" and "source" from here)


# -- the rule -----------------------------------------------------------------------------------------------

def cut_to_adequate(df: pd.DataFrame, series_col: str = "series", *, all_years: bool = False
                    ) -> tuple[pd.DataFrame, dict[str, int | None]]:
    """Region rows after their series' last adequately covered year left out, unless `all_years`; a series that
    is never adequately covered is left out whole. Rows without coverage (countries) stay. Returns the frame
    and, per series cut, its last adequate year (None: never adequate)."""
    if all_years or df.empty or "adequate" not in df:
        return df, {}
    regional = df["adequate"].notna()
    adequate = df["adequate"].astype("boolean").fillna(False).astype(bool)
    last = df[regional & adequate].groupby(series_col)["year"].max()
    limit = df[series_col].map(last)
    drop = (regional & (limit.isna() | (df["year"] > limit))).to_numpy()
    cut = {name: None if pd.isna(last.get(name)) else int(last.get(name))
           for name in sorted(df.loc[drop, series_col].unique())}
    return df[~drop], cut


def segment_styles(g: pd.DataFrame, break_years: Collection[int] = (), partial_years: Collection[int] = ()
                   ) -> list[str]:
    """For each point after the first of one series (sorted by year): 'solid' or 'dashed', the segment into it.
    A segment is dashed when either end is thin or a partial year, when the later point is a coverage break, or
    when a caveat's break or missing year lies within it (after the earlier year, up to the later one)."""
    years = g["year"].astype(int).tolist()
    thin = is_thin(g).tolist()
    breaks = g["coverage_break"].fillna(False).astype(bool).tolist() if "coverage_break" in g else [False] * len(g)
    cuts = sorted({int(y) for y in break_years})
    out = []
    for i in range(1, len(years)):
        a, b = years[i - 1], years[i]
        solid = (not thin[i] and not thin[i - 1] and not breaks[i] and not any(a < y <= b for y in cuts)
                 and a not in partial_years and b not in partial_years)
        out.append("solid" if solid else "dashed")
    return out


signed = theme.fmt_change          # a change with one true sign (the one formatter of changes)


def change_text(r, labels: dict, measure: str | None, locale: str = "en") -> str:
    """The like-for-like change into one region point (row of region_values), as the hover states it ('' when
    there is none)."""
    if missing(getattr(r, "like_for_like_prev", None)) or missing(getattr(r, "like_for_like_value", None)):
        return ""
    delta = signed(r.like_for_like_value - r.like_for_like_prev, measure, locale)
    if getattr(r, "estimate_kind", "") == "publisher_estimate":
        return labels["change_publisher"].format(change=delta, prev=int(r.prev_year))
    return labels["change"].format(change=delta, prev=int(r.prev_year), n=int(r.countries_both),
                                   share=theme.fmt_share(r.population_both_share, locale))


def _coverage_text(df: pd.DataFrame, labels: dict, locale: str = "en") -> list[str]:
    out = []
    for r in df.itertuples(index=False):
        text = labels["coverage"].format(n=int(r.countries_reporting), total=int(r.countries_total))
        if not missing(r.population_covered_share):
            text += " · " + labels["population"].format(share=theme.fmt_share(r.population_covered_share, locale))
        out.append(text)
    return out


def _region_hover(g: pd.DataFrame, shown: str, labels: dict, measure: str | None, locale: str,
                  break_years: Collection[int], partial_years: Collection[int]) -> list[str]:
    thin = is_thin(g).tolist()
    hover = []
    for r, cov, t in zip(g.itertuples(index=False), _coverage_text(g, labels, locale), thin):
        lines = [f"<b>{shown}</b> {int(r.year)}: {theme.fmt_number(r.value, measure, locale)}"]
        kind = getattr(r, "estimate_kind", None)
        if kind in ("publisher_estimate", "reporting_countries"):
            lines.append(labels["publisher" if kind == "publisher_estimate" else "reporting"])
        lines.append(cov)
        change = change_text(r, labels, measure, locale)
        if change:
            lines.append(change)
        if t:
            lines.append(f"<i>{labels['thin']}</i>")
        if bool(getattr(r, "coverage_break", False)) and not missing(getattr(r, "population_change_share", None)):
            lines.append(f"<i>{labels['break'].format(share=theme.fmt_share(r.population_change_share, locale))}</i>")
        if int(r.year) in break_years or int(r.year) in partial_years:
            lines.append(f"<i>{labels['caveat_break']}</i>")
        hover.append("<br>".join(lines))
    return hover


def _series(fig, x, y, *, name: str, color: str, hover, symbols, styles: list[str], width: float, size: float,
            dash_all: str | None = None, showlegend: bool = True, row=None, col=None) -> bool:
    """One series as three traces: its markers (with the hover and the legend entry), its solid segments and its
    dashed segments (line breaks as None). Returns whether any segment is dashed."""
    grid = dict(row=row, col=col) if row is not None else {}
    fig.add_trace(go.Scatter(x=list(x), y=list(y), name=name, mode="markers", legendgroup=name,
                             showlegend=showlegend, marker=dict(size=size, symbol=symbols, color=color,
                                                                line=dict(width=2, color=color)),
                             hovertext=hover, hoverinfo="text"), **grid)
    xs, ys = list(x), list(y)
    for style, dash in (("solid", dash_all), ("dashed", "dash")):
        px, py = [], []
        for i, s in enumerate(styles, start=1):
            if s == style:
                px += [xs[i - 1], xs[i], None]
                py += [ys[i - 1], ys[i], None]
        if px:
            fig.add_trace(go.Scatter(x=px, y=py, mode="lines", name=name, legendgroup=name, showlegend=False,
                                     line=dict(color=color, width=width, dash=dash), hoverinfo="skip"), **grid)
    return "dashed" in styles


def _legend_notes(fig, labels: dict, *, thin: bool, dashed: bool) -> None:
    if thin:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels["thin_legend"],
                                 marker=dict(size=8, symbol="circle-open", color="#555", line=dict(width=2)),
                                 hoverinfo="skip"))
    if dashed:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="lines", name=labels["break_legend"],
                                 line=dict(color="#555", width=2, dash="dash"), hoverinfo="skip"))


# -- figures ------------------------------------------------------------------------------------------------

def trend_lines(df: pd.DataFrame, *, series_col: str, title: str, y_title: str, measure: str | None = None,
                log: bool = False, events: pd.DataFrame | None = None, labels: dict | None = None,
                height: int = 480, font_scale: float = 1.0, names: dict | None = None, locale: str = "en",
                break_years: Collection[int] = (), partial_years: Collection[int] = ()) -> go.Figure:
    """One line per series (region or country) over years, drawn by the rule above.

    Region frames (with the coverage columns of region_values) get coverage and the like-for-like change in the
    hover. `break_years` and `partial_years` come from the caveats (series breaks, partial years). `events`
    (columns date, label) become dated vertical markers. `names` maps a series to its displayed name."""
    names = names or {}
    labels = {**DEFAULT_LABELS, **(labels or {})}
    fig = go.Figure()
    has_cov = {"countries_reporting", "countries_total"} <= set(df.columns)
    any_thin = any_dashed = False
    for name, g in df.sort_values("year").groupby(series_col, sort=True):
        color = theme.color_for(str(name))
        shown = names.get(name, name)
        if has_cov:
            thin = is_thin(g)
            partial = g["year"].astype(int).isin(list(partial_years))
            hover = _region_hover(g, shown, labels, measure, locale, break_years, partial_years)
            symbols = ["circle-open" if t or p else "circle" for t, p in zip(thin, partial)]
            styles = segment_styles(g, break_years, partial_years)
            any_thin |= bool(thin.any())
        else:
            hover = [f"<b>{shown}</b> {y}: {theme.fmt_number(v, measure, locale)}" for y, v in zip(g["year"], g["value"])]
            symbols, styles = "circle", segment_styles(g.assign(adequate=True), break_years, partial_years)
        any_dashed |= _series(fig, g["year"], g["value"], name=str(shown), color=color, hover=hover, symbols=symbols,
                              styles=styles, width=2.5, size=7)
    _legend_notes(fig, labels, thin=any_thin, dashed=any_dashed)
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
                    font_scale: float = 1.0, display: dict | None = None, locale: str = "en",
                    break_years: Collection[int] = (), partial_years: Collection[int] = ()) -> go.Figure:
    """One small panel per region, all on one shared value scale, drawn by the rule above. `display` maps a
    region to its displayed (e.g. translated) name; colours follow the region itself."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    display = display or {}
    names = sorted(df[facet_col].unique())
    rows = max(1, -(-len(names) // cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[html_text(display.get(n, n)) for n in names],
                        shared_yaxes="all", shared_xaxes="all", horizontal_spacing=0.04, vertical_spacing=0.12)
    any_thin = any_dashed = False
    for i, name in enumerate(names):
        g = df[df[facet_col] == name].sort_values("year")
        shown = html_text(display.get(name, name))
        thin = is_thin(g)
        partial = g["year"].astype(int).isin(list(partial_years))
        any_thin |= bool(thin.any())
        any_dashed |= _series(
            fig, g["year"], g["value"], name=shown, color=theme.color_for(str(name)),
            hover=_region_hover(g, shown, labels, measure, locale, break_years, partial_years),
            symbols=["circle-open" if t or p else "circle" for t, p in zip(thin, partial)],
            styles=segment_styles(g, break_years, partial_years), width=2, size=5, showlegend=False,
            row=i // cols + 1, col=i % cols + 1)
    _legend_notes(fig, labels, thin=any_thin, dashed=any_dashed)
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(rangemode="tozero")
    fig.update_yaxes(title=html_text(y_title), col=1)
    return theme.apply_layout(fig, title=title, height=max(300, rows * height_per_row + 80), font_scale=font_scale)


def sparkline(df: pd.DataFrame, *, color: str, measure: str | None = None, labels: dict | None = None,
              locale: str = "en", name: str = "", break_years: Collection[int] = (),
              partial_years: Collection[int] = (), height: int = 80) -> go.Figure:
    """A tile's small line of one region's values (region_values rows), drawn by the rule above, without axes
    or legend; the first and last years are written under it."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    g = df.sort_values("year")
    thin = is_thin(g)
    partial = g["year"].astype(int).isin(list(partial_years))
    fig = go.Figure()
    _series(fig, g["year"], g["value"], name=html_text(name), color=color,
            hover=_region_hover(g, html_text(name), labels, measure, locale, break_years, partial_years),
            symbols=["circle-open" if t or p else "circle" for t, p in zip(thin, partial)],
            styles=segment_styles(g, break_years, partial_years), width=2, size=5, showlegend=False)
    years = g["year"].astype(int)
    fig.update_xaxes(visible=True, showgrid=False, zeroline=False, tickformat="d", fixedrange=True,
                     tickvals=[years.min(), years.max()] if len(years) else None, tickfont=dict(size=11))
    fig.update_yaxes(visible=False, fixedrange=True, rangemode="tozero")
    fig.update_layout(height=height, margin=dict(l=6, r=6, t=4, b=20), showlegend=False, template="plotly_white",
                      hoverlabel=dict(font_size=12), separators=".,")
    return fig


def trend_chart(df: pd.DataFrame, *, title: str, y_title: str, measure: str | None = None, log: bool = False,
                events: pd.DataFrame | None = None, labels: dict | None = None, locale: str = "en",
                height: int = 500, font_scale: float = 1.0, names: dict | None = None,
                break_years: Collection[int] = (), partial_years: Collection[int] = ()) -> go.Figure:
    """Region lines (with coverage, via trend_lines) and country lines (dotted) of one indicator.

    `df` has the columns of questions.trend_series: series, kind ('region'/'country'), year, value and, for
    regions, the coverage and like-for-like columns of region_values. `names` maps a series to its displayed
    name."""
    names = {html_text(k): html_text(v) for k, v in (names or {}).items()}
    labels = {**DEFAULT_LABELS, **(labels or {})}
    reg = df[df["kind"] == "region"].rename(columns={"series": "region"})
    reg = reg.assign(region=reg["region"].map(html_text))
    fig = trend_lines(reg, series_col="region", title=title, y_title=y_title, measure=measure, log=log,
                      events=events, labels=labels, height=height, font_scale=font_scale, names=names,
                      locale=locale, break_years=break_years, partial_years=partial_years)
    for name, g in df[df["kind"] == "country"].sort_values("year").groupby("series", sort=True):
        color = theme.color_for(str(name))
        safe = names.get(html_text(name), html_text(name))
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], name=safe, mode="lines+markers",
            line=dict(color=color, width=2, dash="dot"), marker=dict(size=6, color=color, symbol="diamond"),
            hovertext=[f"<b>{safe}</b> {y}: {theme.fmt_number(v, measure, locale)}"
                       for y, v in zip(g["year"], g["value"])], hoverinfo="text"))
    return fig
